package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * LDAP on zeek's captures: a SASL (GSS-SPNEGO) bind, a search with a paged-results control and
 * its seven answers in one segment (zeek's aduser1), and a bind reassembled from two segments
 * followed by GSS-API sealed SASL buffers around a retransmission and lost segments
 * (gap-data-missing). Expected values: tshark 4.0, recorded by
 * {@code scripts/golden/record-fields.sh netsift-core/src/test/resources/ldap/expected ldap
 * CAPTURES}; the fields netsift declares (the filter's sub-items, control values and the
 * request/response matching are not decoded yet; ldap.type is left out because tshark also
 * fills it from an extensible match inside the filter), frame.protocols and the columns.
 */
class LdapDissectorTest {
  private static final String[] FIELDS = {"ldap.LDAPMessage_element", "ldap.messageID", "ldap.protocolOp",
      "ldap.controls", "ldap.bindRequest_element", "ldap.bindResponse_element", "ldap.searchRequest_element",
      "ldap.searchResEntry_element", "ldap.searchResDone_element", "ldap.searchResRef", "ldap.AttributeDescription",
      "ldap.vals", "ldap.AttributeValue", "ldap.resultCode", "ldap.LDAPURL", "ldap.Control_element",
      "ldap.controlType", "ldap.version", "ldap.name", "ldap.authentication", "ldap.sasl_element",
      "ldap.mechanism", "ldap.credentials", "ldap.serverSaslCreds", "ldap.baseObject", "ldap.scope",
      "ldap.derefAliases", "ldap.sizeLimit", "ldap.timeLimit", "ldap.typesOnly", "ldap.filter",
      "ldap.attributes", "ldap.objectName", "ldap.PartialAttributeList_item_element", "ldap.sasl_buffer_length",
      "ldap.gssapi_encrypted_payload"};

  @Test
  void saslBindAndSearchMatchTshark() throws IOException {
    L2Expectations.checkIn("ldap", "zeek__ldap__aduser1.pcap", FIELDS);
  }

  @Test
  void sealedSaslBuffersMatchTshark() throws IOException {
    L2Expectations.checkIn("ldap", "zeek__ldap__gap-data-missing.pcapng", FIELDS);
  }

  /** The capture's LDAP frames with random bytes written over them and cut short: never a throw. */
  @Test
  void mutatedMessagesNeverThrow() throws IOException {
    int rendered = L2Expectations.mutatedFramesReaching("zeek__ldap__aduser1.pcap", 66, 200, 2000, "ldap");
    assertTrue(rendered > 100, "frames that reached LDAP: " + rendered);
  }
}

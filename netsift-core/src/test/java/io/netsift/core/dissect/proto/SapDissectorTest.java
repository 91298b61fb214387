package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SAP and the SDP it carries against tshark 4.0: rows of {@code tshark -n -T fields -e ...} on
 * zeek__q-in-q.pcap. (The "Invalid SDP line" note that only a tree-less {@code -z expert} counts
 * there is pinned by StatsGoldenTest's case for that capture.)
 */
class SapDissectorTest {
  private static final String[] FIELDS = {"frame.protocols", "_ws.col.Protocol", "_ws.col.Info", "sap.flags",
      "sap.flags.v", "sap.auth.len", "sap.message_identifier_hash", "sap.originating_source", "sap.payload_type",
      "sdp.version", "sdp.owner", "sdp.connection_info", "sdp.session_attr", "sdp.media", "sdp.invalid"};

  @Test
  void announcementAndSessionDescriptionMatchTshark() throws IOException {
    List<String> rows = TextAppsCorpus.fields("zeek__q-in-q.pcap", FIELDS);
    assertEquals("eth:ethertype:vlan:ethertype:vlan:ethertype:ip:udp:sap:sdp\tSAP/SDP\tAnnouncement (v1)\t0x20\t1\t0"
        + "\t0x0001\t193.1.186.60\tapplication/sdp\t0\t- 2372762905 1360072430 IN IP4 193.1.186.60"
        + "\tIN IP4 233.4.189.38/16\tauthor:HEAnet,keywds:Ireland, Irish, Politics\tvideo 1234/1 udp 33\t",
        TextAppsCorpus.row(rows, 3));
  }
}

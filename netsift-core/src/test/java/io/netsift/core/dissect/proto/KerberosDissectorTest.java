package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Kerberos 5 on zeek's kinit capture (and suricata's kerberoasting one): AS and TGS exchanges over UDP and TCP (records reassembled
 * across segments), KRB-ERRORs with METHOD-DATA and Windows-style PA-DATA e-data, FAST armour,
 * encrypted timestamps, host addresses, and anonymous and certificate PKINIT with the BER notes
 * tshark raises on its draft-era definitions. Expected values: tshark 4.0, recorded by
 * {@code scripts/golden/record-fields.sh ... "kerberos pkinit" CAPTURES}; every kerberos and
 * pkinit field tshark shows there.
 */
class KerberosDissectorTest {
  private static final String FILE = "zeek__krb__kinit.pcap";

  @Test
  void fieldsMatchTshark() throws IOException {
    L2Expectations.checkIn("kerberos", FILE, "kerberos.", "pkinit.");
  }

  /** Kerberoasting's TGS-REQ with enc-authorization-data and its RC4 service ticket. */
  @Test
  void kerberoastMatchesTshark() throws IOException {
    L2Expectations.checkIn("kerberos", "suricata__krb5-kerberoasting__kerberoast.pcap", "kerberos.");
  }

  /**
   * Info and expert messages of every Kerberos frame, also those whose frame.protocols lists
   * CMS and X.509 layers netsift does not have (the PKINIT requests), which checkIn leaves out.
   */
  @Test
  void infoAndNotesOfKerberosFramesMatchTshark() throws IOException {
    L2Expectations.checkFramesOf("kerberos", FILE, "KRB5", 188, "_ws.col.Protocol", "_ws.col.Info",
        "_ws.expert.message");
  }

  /** The capture's Kerberos frames with random bytes written over them and cut short: never a throw. */
  @Test
  void mutatedMessagesNeverThrow() throws IOException {
    int reached = L2Expectations.mutatedFramesReaching(FILE, 42, 100, 3000, "kerberos");
    assertTrue(reached > 1000, "frames that reached Kerberos: " + reached);
  }
}

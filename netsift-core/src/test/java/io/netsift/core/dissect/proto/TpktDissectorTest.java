package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * TPKT, COTP and RDP's negotiation on zeek's rdp-to-ssl capture (TCP 3389): two connection
 * requests with a cookie and their confirms, then TLS bytes that tshark shows as TPKT
 * continuation data, one of which happens to start with version 3 and waits for the rest of a
 * packet that never completes. Expected values: tshark 4.0, recorded by
 * {@code scripts/golden/record-fields.sh netsift-core/src/test/resources/rdp/expected "tpkt cotp rdp"
 * CAPTURE}: every field, frame.protocols (TPKT left out before a Connection Request) and the
 * columns.
 */
class TpktDissectorTest {
  private static final String FILE = "zeek__rdp__rdp-to-ssl.pcap";

  @Test
  void negotiationAndContinuationsMatchTshark() throws IOException {
    L2Expectations.checkIn("rdp", FILE, "tpkt.", "cotp.", "rdp.");
  }

  /** The capture's segments with random bytes written over them and cut short: never a throw. */
  @Test
  void mutatedSegmentsNeverThrow() throws IOException {
    int rendered = L2Expectations.mutatedFramesReaching(FILE, 54, 60, 2000, "tpkt");
    assertTrue(rendered > 500, "frames that reached TPKT: " + rendered);
  }
}

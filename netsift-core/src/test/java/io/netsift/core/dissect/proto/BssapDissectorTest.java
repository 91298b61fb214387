package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * BSSAP's heuristic over SCCP data, and the empty data of the ip-frag capture's connection
 * confirm, where tshark's heuristic reads past the data and leaves a malformed BSSAP layer.
 */
class BssapDissectorTest {
  @Test
  void fieldsMatchTshark() throws IOException {
    L2Expectations.checkIn("sigtran", M3uaDissectorTest.FILE, "bssap.");
  }

  /** The crafted messages of {@code scripts/sigtran/crafted.py}. */
  @Test
  void craftedFieldsMatchTshark() throws IOException {
    L2Expectations.checkIn("sigtran", "crafted-sigtran.pcap", "bssap.");
  }

  @Test
  void heuristicAsTshark() {
    assertEquals(BssapDissector.THROWS, heuristic());
    assertEquals(BssapDissector.THROWS, heuristic(0x00));
    assertEquals(BssapDissector.THROWS, heuristic(0x01, 0x00));
    assertEquals(BssapDissector.THROWS, heuristic(0x00, 0x00));
    // BSSMAP: the second byte is the length of what follows.
    assertEquals(BssapDissector.ACCEPT, heuristic(0x00, 0x02, 0x57, 0x01));
    assertEquals(BssapDissector.REJECT, heuristic(0x00, 0x03, 0x57, 0x01));
    // ... unless it looks like a RANAP direct transfer (0x40 not followed by 0x01).
    assertEquals(BssapDissector.REJECT, heuristic(0x00, 0x02, 0x40, 0x02));
    assertEquals(BssapDissector.ACCEPT, heuristic(0x00, 0x02, 0x40, 0x01));
    // DTAP: the third byte is the length of what follows.
    assertEquals(BssapDissector.ACCEPT, heuristic(0x01, 0x80, 0x01, 0x05));
    assertEquals(BssapDissector.REJECT, heuristic(0x01, 0x80, 0x02, 0x05));
    // The ip-frag capture's PCAP messages are not BSSAP.
    assertEquals(BssapDissector.REJECT, heuristic(0x00, 0x09, 0x20, 0x00, 0x01));
    assertEquals(BssapDissector.REJECT, heuristic(0x02, 0x00, 0x00));
  }

  private static int heuristic(int... bytes) {
    byte[] b = new byte[bytes.length + 2];
    for (int i = 0; i < bytes.length; i++) {
      b[i + 1] = (byte) bytes[i];
    }
    return BssapDissector.heuristic(b, 1, bytes.length);
  }
}

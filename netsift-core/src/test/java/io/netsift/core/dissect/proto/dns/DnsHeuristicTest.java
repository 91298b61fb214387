package io.netsift.core.dissect.proto.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * tshark 4.0's UDP heuristic for DNS, as measured with {@code text2pcap -u 40000,40001} over
 * crafted headers (20 zero bytes after the header unless said otherwise): the limits below are
 * the last counts tshark took for DNS and the first it left as data.
 */
class DnsHeuristicTest {
  private static boolean dns(int flags, int qd, int an, int ns, int ar, int extra) {
    ByteBuffer b = ByteBuffer.allocate(12 + extra);
    b.putShort((short) 0x1234).putShort((short) flags).putShort((short) qd).putShort((short) an)
        .putShort((short) ns).putShort((short) ar);
    return DnsDissector.looksLikeDns(b.array(), 0, b.capacity());
  }

  @Test
  void responses() {
    assertEquals(true, dns(0x8100, 0, 0, 0, 0, 20));
    assertEquals(true, dns(0x8100, 1, 100, 10, 10, 20));
    assertEquals(false, dns(0x8100, 0, 101, 0, 0, 20));
    assertEquals(false, dns(0x8100, 0, 1, 11, 0, 20));
    assertEquals(false, dns(0x8100, 0, 1, 0, 11, 20));
    assertEquals(false, dns(0x8100, 2, 1, 0, 0, 20));
    assertEquals(false, dns(0x8100 | 4 << 11, 0, 1, 0, 0, 20)); // NOTIFY
    assertEquals(false, dns(0x8100, 0, 1, 0, 0, 0)); // a header alone
  }

  @Test
  void queries() {
    assertEquals(true, dns(0x0100, 1, 0, 0, 10, 20));
    assertEquals(true, dns(0x0000, 1, 0, 0, 0, 1));
    assertEquals(false, dns(0x0100, 0, 0, 0, 0, 20));
    assertEquals(false, dns(0x0100, 1, 1, 0, 0, 20));
    assertEquals(false, dns(0x0100, 1, 0, 1, 0, 20));
    assertEquals(false, dns(0x0100, 1, 0, 0, 11, 20));
    assertEquals(false, dns(0x0900, 1, 0, 0, 0, 20)); // inverse query
  }
}

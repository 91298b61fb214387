package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.TransportFrames.eth;
import static io.netsift.core.dissect.proto.TransportFrames.ethernet;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.dissect.DissectionEngine;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Arbitrary bytes after a well-formed IPv4/IPv6 header, in ICMP errors and cut by a snap
 * length: TCP, UDP, ICMP and ICMPv6 must never throw, in the first pass, the field walk or the
 * columns, and one engine must carry its conversation state across all of it.
 */
class TransportRobustnessTest {
  private static final int[] PROTOCOLS = {6, 17, 1, 58};

  @Test
  void randomSegmentsNeverThrow() {
    Random rnd = new Random(20240601);
    DissectionEngine e = new DissectionEngine();
    int frames = 0;
    for (int i = 0; i < 20000; i++) {
      int proto = PROTOCOLS[rnd.nextInt(PROTOCOLS.length)];
      byte[] body = new byte[rnd.nextInt(96)];
      rnd.nextBytes(body);
      if (body.length > 13 && proto == 6 && rnd.nextBoolean()) {
        body[12] = (byte) (0x50 + 0x10 * rnd.nextInt(11));
      }
      if (rnd.nextInt(4) == 0) {
        // Quote the random segment inside an ICMP error.
        byte[] inner = TransportFrames.ipv4("10.0.0.2", "10.0.0.1", proto == 58 ? 6 : proto, body);
        byte[] icmp = new byte[8 + inner.length];
        icmp[0] = (byte) (rnd.nextBoolean() ? 3 : 11);
        System.arraycopy(inner, 0, icmp, 8, inner.length);
        body = icmp;
        proto = 1;
      }
      byte[] frame = proto == 58 || rnd.nextInt(5) == 0
          ? eth(0x86dd, ipv6(proto, body))
          : eth(0x0800, TransportFrames.ipv4("10.0.0." + rnd.nextInt(3), "10.0.0.9", proto, body));
      int captured = rnd.nextInt(3) == 0 ? rnd.nextInt(frame.length + 1) : frame.length;
      byte[] cut = java.util.Arrays.copyOf(frame, captured);
      TransportFrames.dissect(e, ethernet(cut, i * 1_000_000L, frame.length + rnd.nextInt(3)));
      frames++;
    }
    assertTrue(frames > 0);
  }

  private static byte[] ipv6(int next, byte[] payload) {
    byte[] p = new byte[40 + payload.length];
    p[0] = 0x60;
    p[4] = (byte) (payload.length >> 8);
    p[5] = (byte) payload.length;
    p[6] = (byte) next;
    p[7] = 64;
    p[8] = (byte) 0xfe;
    p[9] = (byte) 0x80;
    p[23] = 1;
    p[24] = (byte) 0xfe;
    p[25] = (byte) 0x80;
    p[39] = 2;
    System.arraycopy(payload, 0, p, 40, payload.length);
    return p;
  }
}

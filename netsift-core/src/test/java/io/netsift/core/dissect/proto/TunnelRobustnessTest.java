package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.TransportFrames.eth;
import static io.netsift.core.dissect.proto.TransportFrames.ethernet;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.dissect.DissectionEngine;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Arbitrary bytes behind each tunnel header (GRE and its ERSPAN/CMD/Ethernet types, VXLAN,
 * GENEVE, GTP-U/C, Teredo, L2TP, NAT-T, ESP, AH), half of them starting with a plausible header,
 * whole or cut by a snap length: dissection, the field walk and the columns must never throw.
 */
class TunnelRobustnessTest {
  private static final int[] UDP_PORTS = {4789, 6081, 2152, 2123, 3544, 1701, 4500};
  private static final int[] GRE_TYPES = {0x0800, 0x86dd, 0x6558, 0x88be, 0x22eb, 0x8909, 0x880b, 0x0806, 0, 0x1234};

  @Test
  void randomTunnelPayloadsNeverThrow() {
    Random rnd = new Random(20261128);
    DissectionEngine e = new DissectionEngine();
    int frames = 0;
    for (int i = 0; i < 20000; i++) {
      byte[] body = new byte[rnd.nextInt(80)];
      rnd.nextBytes(body);
      int kind = rnd.nextInt(4);
      byte[] ip;
      if (kind == 0) {
        if (body.length >= 4 && rnd.nextBoolean()) {
          body[0] &= (byte) 0xf0; // few optional words, version 0
          body[1] &= 0x07;
          int type = GRE_TYPES[rnd.nextInt(GRE_TYPES.length)];
          body[2] = (byte) (type >> 8);
          body[3] = (byte) type;
        }
        ip = TransportFrames.ipv4("10.0.0.1", "10.0.0.2", 47, body);
      } else if (kind == 1) {
        int port = UDP_PORTS[rnd.nextInt(UDP_PORTS.length)];
        if (body.length >= 1 && rnd.nextBoolean()) {
          body[0] = (byte) (port == 2152 || port == 2123 ? 0x30 | rnd.nextInt(8) : port == 1701 ? 0xc8 : body[0]);
        }
        byte[] udp = new byte[8 + body.length];
        TransportFrames.put16(udp, 0, 40000);
        TransportFrames.put16(udp, 2, port);
        TransportFrames.put16(udp, 4, udp.length);
        System.arraycopy(body, 0, udp, 8, body.length);
        ip = TransportFrames.ipv4("10.0.0.1", "10.0.0.2", 17, udp);
      } else {
        ip = TransportFrames.ipv4("10.0.0.1", "10.0.0.2", kind == 2 ? 50 : 51, body);
      }
      byte[] frame = eth(0x0800, ip);
      int captured = rnd.nextInt(3) == 0 ? rnd.nextInt(frame.length + 1) : frame.length;
      byte[] cut = Arrays.copyOf(frame, captured);
      TransportFrames.Result r = TransportFrames.dissect(e, ethernet(cut, i * 1_000_000L, frame.length));
      assertTrue(r.protocols != null);
      frames++;
    }
    assertTrue(frames > 0);
  }
}

package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.TransportFrames.eth;
import static io.netsift.core.dissect.proto.TransportFrames.ethernet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.dissect.DissectionEngine;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * DHCP, NTP, SNMP and TFTP over arbitrary, mutated and truncated payloads: the first pass, the field
 * walk and the columns must never throw, and one engine keeps its state across all of it. Also
 * pins {@link BerReader}'s strict length checks.
 */
class UdpAppsRobustnessTest {
  private static final int[] PORTS = {67, 68, 69, 123, 161, 162};

  /** A valid v2c get-request for 1.3.6.1.2.1.1.1.0, mutated below. */
  private static final String SNMP = "302602010104067075626c6963a019020101020100020100300e300c06082b060102010101000500";

  @Test
  void randomPayloadsNeverThrow() {
    Random rnd = new Random(7);
    DissectionEngine e = new DissectionEngine();
    byte[] snmp = TransportFrames.hex(SNMP);
    int frames = 0;
    for (int i = 0; i < 20000; i++) {
      int port = PORTS[rnd.nextInt(PORTS.length)];
      byte[] payload;
      if (port >= 161 && rnd.nextBoolean()) {
        payload = snmp.clone();
        for (int k = rnd.nextInt(4); k >= 0; k--) {
          payload[rnd.nextInt(payload.length)] = (byte) rnd.nextInt(256);
        }
      } else if (port <= 68 && rnd.nextBoolean()) {
        payload = new byte[240 + rnd.nextInt(80)];
        rnd.nextBytes(payload);
        payload[236] = 0x63; // the magic cookie, so the option parser runs on random options
        payload[237] = (byte) 0x82;
        payload[238] = 0x53;
        payload[239] = 0x63;
      } else {
        payload = new byte[rnd.nextInt(120)];
        rnd.nextBytes(payload);
        if (port == 69 && payload.length >= 2 && rnd.nextBoolean()) {
          payload[0] = 0; // a TFTP opcode (1..6, or one past), so the request/option parser runs
          payload[1] = (byte) (1 + rnd.nextInt(7));
        }
      }
      byte[] udp = new byte[8 + payload.length];
      udp[0] = (byte) (40000 >> 8);
      udp[2] = (byte) (port >> 8);
      udp[3] = (byte) port;
      udp[4] = (byte) (udp.length >> 8);
      udp[5] = (byte) udp.length;
      System.arraycopy(payload, 0, udp, 8, payload.length);
      byte[] frame = eth(0x0800, TransportFrames.ipv4("10.0.0." + rnd.nextInt(3), "10.0.0.9", 17, udp));
      int captured = rnd.nextInt(3) == 0 ? rnd.nextInt(frame.length + 1) : frame.length;
      TransportFrames.dissect(e, ethernet(java.util.Arrays.copyOf(frame, captured), i * 1_000_000L, frame.length));
      frames++;
    }
    assertTrue(frames > 0);
  }

  @Test
  void berReaderKeepsInsideItsLimit() {
    BerReader r = new BerReader();
    byte[] b = TransportFrames.hex(SNMP);
    assertTrue(r.read(b, 0, b.length));
    assertEquals(b.length, r.end);
    assertTrue(!r.read(b, 0, b.length - 1) && r.error == BerReader.TRUNCATED);
    byte[] indefinite = {0x30, (byte) 0x80, 0, 0};
    assertTrue(!r.read(indefinite, 0, 4) && r.error == BerReader.BAD);
    byte[] longForm = {0x04, (byte) 0x81, 2, 'h', 'i'};
    assertTrue(r.read(longForm, 0, 5));
    assertEquals(3, r.contentStart);
    assertEquals("1.3.6.1.2.1.1.1.0", BerReader.oid(TransportFrames.hex("2b06010201010100"), 0, 8));
    assertEquals("2.999.1", BerReader.oid(TransportFrames.hex("883701"), 0, 3));
    assertNull(BerReader.oid(TransportFrames.hex("2b86"), 0, 2));
    assertEquals(-1, BerReader.signed(new byte[] {(byte) 0xff}, 0, 1));
    assertEquals(255, BerReader.unsigned(new byte[] {0, (byte) 0xff}, 0, 2));
  }
}

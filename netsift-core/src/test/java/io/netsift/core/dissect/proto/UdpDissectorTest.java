package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.TransportFrames.dissect;
import static io.netsift.core.dissect.proto.TransportFrames.eth;
import static io.netsift.core.dissect.proto.TransportFrames.ethernet;
import static io.netsift.core.dissect.proto.TransportFrames.hex;
import static io.netsift.core.dissect.proto.TransportFrames.ipv4;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.dissect.proto.TransportFrames.Result;
import org.junit.jupiter.api.Test;

/**
 * UDP against tshark 4.0.17 over one capture of ten frames (IPv4 10.0.0.1 → 10.0.0.2 and IPv6
 * 2001:db8::1 → ::2, ports 40000 → 40001, payload "abcd"): each row holds the IP packet and
 * what {@code tshark -n -T fields} printed for it, frames dissected in order by one engine.
 */
class UdpDissectorTest {
  private static final String V4 = "4500002000014000401126ca0a0000010a000002";
  private static final String V6 = "60000000000c114020010db800000000000000000000000120010db8000000000000000000000002";

  private static final String[][] FRAMES = {
      // ip packet | protocols | stream | length | checksum | status | payload | expert | Info
      {V4 + "9c409c41000cee8a61626364", "eth:ethertype:ip:udp:data", "0", "12", "0xee8a", "2", "61626364", "",
          "40000 \u2192 40001 Len=4"},
      {V4 + "9c409c410006ee9061626364", "eth:ethertype:ip:udp", "", "6", "", "", "", "Bad length value 6 < 8",
          "40000 \u2192 40001 [BAD UDP LENGTH 6 < 8]"},
      {V4 + "9c409c410014ee8261626364", "eth:ethertype:ip:udp:data", "0", "20", "0xee82", "2", "61626364",
          "Bad length value 20 > IP payload length", "40000 \u2192 40001 [BAD UDP LENGTH 20 > IP PAYLOAD LENGTH] Len=12"},
      {V4 + "9c409c41000c000061626364", "eth:ethertype:ip:udp:data", "0", "12", "0x0000", "3", "61626364", "",
          "40000 \u2192 40001 Len=4"},
      {V6 + "9c409c41000c000061626364", "eth:ethertype:ipv6:udp:data", "1", "12", "0x0000", "4", "61626364",
          "Illegal checksum value (0)", "40000 \u2192 40001 Len=4 [ILLEGAL CHECKSUM (0)]"},
      {V4 + "9c409c41000aee8c61626364", "eth:ethertype:ip:udp:data", "0", "10", "0xee8c", "2", "61626364", "",
          "40000 \u2192 40001 Len=2"},
      {"4500001c00014000401126ce0a0000010a0000029c409c410008b359", "eth:ethertype:ip:udp", "0", "8", "0xb359", "2",
          "", "", "40000 \u2192 40001 Len=0"},
      {"4500001e00014000401126cc0a0000010a0000029c40829b000a54837878", "eth:ethertype:ip:udp:data", "2", "10",
          "0x5483", "2", "7878", "Possible traceroute: hop #1, attempt #1", "40000 \u2192 33435 Len=2"},
      {V6 + "9c409c410000a72461626364", "eth:ethertype:ipv6:udp:data", "1", "0", "0xa724", "2", "61626364",
          "Length is zero but payload < 65536", "40000 \u2192 40001 Len=4 [Jumbogram]"},
      {"4500002000014000401126ca0a0000020a0000019c419c40000cee8a61626364", "eth:ethertype:ip:udp:data", "0", "12",
          "0xee8a", "2", "61626364", "", "40001 \u2192 40000 Len=4"},
  };

  /** udp.time_relative and udp.time_delta per frame (seconds; frames are one second apart). */
  private static final String[] TIMES = {"0.000000000/0.000000000", "/", "2.000000000/2.000000000",
      "3.000000000/1.000000000", "0.000000000/0.000000000", "5.000000000/2.000000000", "/",
      "0.000000000/0.000000000", "4.000000000/4.000000000", "9.000000000/4.000000000"};

  @Test
  void matchesTshark() {
    DissectionEngine e = new DissectionEngine();
    for (int i = 0; i < FRAMES.length; i++) {
      String[] f = FRAMES[i];
      int etherType = f[0].startsWith("6") ? 0x86dd : 0x0800;
      Result r = dissect(e, ethernet(eth(etherType, hex(f[0])), i));
      String at = "frame " + (i + 1);
      assertEquals(f[1], r.protocols, at);
      assertEquals(f[2], r.get("udp.stream"), at);
      assertEquals(f[3], r.get("udp.length"), at);
      assertEquals(f[4], r.get("udp.checksum"), at);
      assertEquals(f[5], r.get("udp.checksum.status"), at);
      assertEquals(f[6], r.get("udp.payload"), at);
      assertEquals(f[7], String.join(",", r.experts), at);
      assertEquals("UDP", r.protocol, at);
      assertEquals(f[8], r.info, at);
      assertEquals(i == 9 ? "40001" : "40000", r.get("udp.srcport"), at);
      assertEquals(TIMES[i], r.get("udp.time_relative") + "/" + r.get("udp.time_delta"), at);
    }
  }

  @Test
  void truncatedHeaderIsNotAnError() {
    byte[] frame = eth(0x0800, hex(V4 + "9c409c41000cee8a61626364"));
    Result cut = dissect(new DissectionEngine(), ethernet(java.util.Arrays.copyOf(frame, 14 + 20 + 6),
        0, frame.length));
    assertEquals("40000", cut.get("udp.srcport"));
    assertEquals("", cut.get("udp.checksum"));
    assertEquals("eth:ethertype:ip:udp", cut.protocols);
  }

  /** A datagram from 10.0.0.1:{@code sport} to 10.0.0.2:53 as frame {@code n}. */
  private static Result datagram(DissectionEngine e, int sport, long n) {
    byte[] udp = {(byte) (sport >> 8), (byte) sport, 0, 53, 0, 12, 0, 0, 'a', 'b', 'c', 'd'};
    return dissect(e, ethernet(eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", 17, udp)), n));
  }

  @Test
  void pastStateMaxTotalTheLongestIdleConversationsAreForgotten() {
    // Room for four conversations: the fifth makes UDP forget the idlest quarter and more (those
    // last used in frames 1 and 2); a conversation it forgot starts afresh with a new index,
    // where tshark (which keeps everything) would continue the old one.
    DissectionEngine small = new DissectionEngine(io.netsift.core.dissect.Protocols.standard()
        .withPreference("udp.state_max_total", String.valueOf(4 * UdpDissector.CONVERSATION_BYTES)));
    for (int i = 0; i < 5; i++) {
      assertEquals(String.valueOf(i), datagram(small, 1000 + i, i + 1).get("udp.stream"));
    }
    assertEquals("2", datagram(small, 1002, 6).get("udp.stream"), "touched after the idlest: kept");
    assertEquals("5", datagram(small, 1000, 7).get("udp.stream"), "the idlest: forgotten");
    assertEquals("6", datagram(small, 1001, 8).get("udp.stream"));

    DissectionEngine standard = new DissectionEngine();
    for (int i = 0; i < 5; i++) {
      datagram(standard, 1000 + i, i + 1);
    }
    assertEquals("0", datagram(standard, 1000, 6).get("udp.stream"), "within the default cap nothing is forgotten");
  }
}

package io.netsift.core.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DecodeAsTest {
  @Test
  void portRulesAndRangesMapTheTable() {
    Protocols std = Protocols.standard();
    Protocols p = DecodeAs.apply(std, "udp.port==40000-40002,data");
    for (int port = 40000; port <= 40002; port++) {
      assertEquals("data", p.lookup(Protocols.Table.UDP_PORT, port).name());
    }
    assertNull(std.lookup(Protocols.Table.UDP_PORT, 40001), "the standard registry is untouched");
    Protocols hex = DecodeAs.apply(std, "ethertype==0x88b5,data");
    assertEquals("data", hex.etherType(0x88b5).name());
    assertEquals("udp", DecodeAs.apply(std, "ip.proto==253,udp").ipProtocol(253).name());
  }

  @Test
  void errorsSayWhatIsWrong() {
    Protocols std = Protocols.standard();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> DecodeAs.apply(std, "tcp.port=80,http"))
        .getMessage().contains("LAYER==VALUE,PROTOCOL"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> DecodeAs.apply(std, "sctp.port==80,data"))
        .getMessage().contains("unsupported layer type \"sctp.port\""));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> DecodeAs.apply(std, "tcp.port==80,nosuch"))
        .getMessage().contains("unknown protocol \"nosuch\""));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> DecodeAs.apply(std, "tcp.port==70000,data"))
        .getMessage().contains("from 0 to 65535"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> DecodeAs.preference(std, "tcp.desegment"))
        .getMessage().contains("NAME:VALUE"));
  }

  @Test
  void preferencesAreTypedAndCopied() {
    Protocols p = DecodeAs.preference(Protocols.standard(), "tcp.desegment_tcp_streams:FALSE");
    assertEquals(false, p.booleanPreference("tcp.desegment_tcp_streams", true));
    assertEquals(true, Protocols.standard().booleanPreference("tcp.desegment_tcp_streams", true));
    Protocols n = DecodeAs.preference(p, "tcp.reassembly_max_pdu: 4096");
    assertEquals(4096, n.longPreference("tcp.reassembly_max_pdu", 0));
    assertEquals(false, n.booleanPreference("tcp.desegment_tcp_streams", true), "earlier preferences carry over");
    Protocols bad = DecodeAs.preference(p, "tcp.reassembly_max_pdu:lots");
    assertThrows(IllegalArgumentException.class, () -> bad.longPreference("tcp.reassembly_max_pdu", 0));
  }
}

package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.LayerTestFrames.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.capture.LinkType;
import io.netsift.core.dissect.Dissection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Linux cooked captures v1 and v2 over inline frames. Expected values: tshark 4.0.17 on the same
 * bytes.
 */
class SllDissectorTest {
  /**
   * Linux cooked v1, broadcast ARP, 62 bytes: 16 bytes of padding and a 2-byte trailer.
   *
   * <pre>
   * 0000  00 01 00 01 00 06 cc 2d e0 26 19 99 00 00 08 06
   * 0010  00 01 08 00 06 04 00 01 cc 2d e0 26 19 99 c0 a8
   * 0020  16 01 00 00 00 00 00 00 c0 a8 16 a0 00 00 00 00
   * 0030  00 00 00 00 00 00 00 00 00 00 00 00 00 00
   * </pre>
   */
  @Test
  void v1ArpWithPaddingAndTrailer() {
    Dissection d = dissect(LinkType.LINUX_SLL,
        "00 01 00 01 00 06 cc 2d e0 26 19 99 00 00 08 06 "
        + "00 01 08 00 06 04 00 01 cc 2d e0 26 19 99 c0 a8 "
        + "16 01 00 00 00 00 00 00 c0 a8 16 a0 00 00 00 00 "
        + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 ");
    expect(d,
        "sll.pkttype", "1",
        "sll.hatype", "1",
        "sll.halen", "6",
        "sll.src.eth", "cc:2d:e0:26:19:99",
        "sll.unused", "0000",
        "sll.etype", "0x0806",
        "sll.trailer", "0000",
        "eth.padding", "00000000000000000000000000000000",
        "frame.protocols", "sll:ethertype:arp",
        "_ws.col.Protocol", "ARP",
        "_ws.col.Info", "Who has 192.168.22.160? Tell 192.168.22.1",
        "_ws.col.Source", "cc:2d:e0:26:19:99");
    assertEquals(List.of("Linux cooked capture v1", "Address Resolution Protocol (request)"),
        labels(d, "arp", "sll"));
  }

  /**
   * Linux cooked v2 (loopback, interface 1) carrying IPv4.
   *
   * <pre>
   * 0000  08 00 00 00 00 00 00 01 03 04 00 06 00 00 00 00
   * 0010  00 00 00 00 45 00 00 1c 12 34 40 00 40 fd 00 00
   * 0020  c0 a8 00 01 c0 a8 00 02 01 02 03 04 05 06 07 08
   * </pre>
   */
  @Test
  void v2Ipv4() {
    Dissection d = dissect(LinkType.LINUX_SLL2,
        "08 00 00 00 00 00 00 01 03 04 00 06 00 00 00 00 "
        + "00 00 00 00 45 00 00 1c 12 34 40 00 40 fd 00 00 "
        + "c0 a8 00 01 c0 a8 00 02 01 02 03 04 05 06 07 08 ");
    expect(d,
        "sll.pkttype", "0",
        "sll.hatype", "772",
        "sll.halen", "6",
        "sll.src.eth", "00:00:00:00:00:00",
        "sll.unused", "0000",
        "sll.etype", "0x0800",
        "sll.ifindex", "1",
        "frame.protocols", "sll:ethertype:ip:data",
        "_ws.col.Protocol", "IPv4",
        "_ws.col.Info", "Unknown (253)",
        "_ws.col.Source", "192.168.0.1",
        "_ws.col.Destination", "192.168.0.2");
    assertEquals(List.of("Linux cooked capture v2", "Internet Protocol Version 4, Src: 192.168.0.1, Dst: 192.168.0.2"),
        labels(d, "ip", "sll"));
  }

  /**
   * ARPHRD_IPGRE (778) with a 4-byte IPv4 link address: IPv4 follows without the ethertype hand-
   * off.
   *
   * <pre>
   * 0000  00 04 03 0a 00 04 c0 a8 00 01 00 00 00 00 08 00
   * 0010  45 00 00 1c 12 34 40 00 40 fd 00 00 c0 a8 00 01
   * 0020  c0 a8 00 02 01 02 03 04 05 06 07 08
   * </pre>
   */
  @Test
  void greTunnelSkipsEthertype() {
    Dissection d = dissect(LinkType.LINUX_SLL,
        "00 04 03 0a 00 04 c0 a8 00 01 00 00 00 00 08 00 "
        + "45 00 00 1c 12 34 40 00 40 fd 00 00 c0 a8 00 01 "
        + "c0 a8 00 02 01 02 03 04 05 06 07 08 ");
    expect(d,
        "sll.pkttype", "4",
        "sll.hatype", "778",
        "sll.halen", "4",
        "sll.src.ipv4", "192.168.0.1",
        "sll.unused", "00000000",
        "sll.gretype", "0x0800",
        "frame.protocols", "sll:ip:data",
        "_ws.col.Protocol", "IPv4",
        "_ws.col.Info", "Unknown (253)",
        "_ws.col.Source", "192.168.0.1",
        "_ws.col.Destination", "192.168.0.2");
    assertEquals(List.of("Linux cooked capture v1", "Internet Protocol Version 4, Src: 192.168.0.1, Dst: 192.168.0.2"),
        labels(d, "ip", "sll"));
  }

  /**
   * Address length 0: all eight address bytes are unused.
   *
   * <pre>
   * 0000  00 04 02 12 00 00 00 00 00 00 00 00 00 00 08 00
   * 0010  45 00 00 1c 12 34 40 00 40 fd 00 00 c0 a8 00 01
   * 0020  c0 a8 00 02 01 02 03 04 05 06 07 08
   * </pre>
   */
  @Test
  void noLinkAddress() {
    Dissection d = dissect(LinkType.LINUX_SLL,
        "00 04 02 12 00 00 00 00 00 00 00 00 00 00 08 00 "
        + "45 00 00 1c 12 34 40 00 40 fd 00 00 c0 a8 00 01 "
        + "c0 a8 00 02 01 02 03 04 05 06 07 08 ");
    expect(d,
        "sll.pkttype", "4",
        "sll.hatype", "530",
        "sll.halen", "0",
        "sll.unused", "0000000000000000",
        "sll.etype", "0x0800",
        "frame.protocols", "sll:ethertype:ip:data",
        "_ws.col.Protocol", "IPv4",
        "_ws.col.Info", "Unknown (253)",
        "_ws.col.Source", "192.168.0.1",
        "_ws.col.Destination", "192.168.0.2");
    assertEquals(List.of("Linux cooked capture v1", "Internet Protocol Version 4, Src: 192.168.0.1, Dst: 192.168.0.2"),
        labels(d, "ip", "sll"));
  }

  /**
   * Linux protocol type 4 (802.2 LLC).
   *
   * <pre>
   * 0000  00 00 00 01 00 06 00 11 22 33 44 55 00 00 00 04
   * 0010  0e 0e 03
   * </pre>
   */
  @Test
  void linuxTypeLlc() {
    Dissection d = dissect(LinkType.LINUX_SLL,
        "00 00 00 01 00 06 00 11 22 33 44 55 00 00 00 04 "
        + "0e 0e 03 ");
    expect(d,
        "sll.pkttype", "0",
        "sll.hatype", "1",
        "sll.halen", "6",
        "sll.src.eth", "00:11:22:33:44:55",
        "sll.unused", "0000",
        "sll.ltype", "0x0004",
        "llc.dsap", "0x0e",
        "frame.protocols", "sll:llc");
    assertEquals(List.of("Linux cooked capture v1", "Logical-Link Control"),
        labels(d, "llc", "sll"));
  }

}

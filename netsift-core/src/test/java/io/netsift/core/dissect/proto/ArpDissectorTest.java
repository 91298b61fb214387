package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.LayerTestFrames.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.capture.LinkType;
import io.netsift.core.dissect.Dissection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ARP and RARP over inline Ethernet frames: every opcode form tshark names in Info. Expected
 * values: tshark 4.0.17 on the same bytes.
 */
class ArpDissectorTest {
  /**
   * ARP request on Ethernet, padded to 60 bytes.
   *
   * <pre>
   * 0000  ff ff ff ff ff ff 00 11 22 33 44 55 08 06 00 01
   * 0010  08 00 06 04 00 01 e0 cb 4e 5e 1a 0e 80 02 2e e3
   * 0020  00 00 00 00 00 00 80 02 2e 94 00 00 00 00 00 00
   * 0030  00 00 00 00 00 00 00 00 00 00 00 00
   * </pre>
   */
  @Test
  void request() {
    Dissection d = dissect(LinkType.ETHERNET,
        "ff ff ff ff ff ff 00 11 22 33 44 55 08 06 00 01 "
        + "08 00 06 04 00 01 e0 cb 4e 5e 1a 0e 80 02 2e e3 "
        + "00 00 00 00 00 00 80 02 2e 94 00 00 00 00 00 00 "
        + "00 00 00 00 00 00 00 00 00 00 00 00 ");
    expect(d,
        "arp.hw.type", "1",
        "arp.proto.type", "0x0800",
        "arp.hw.size", "6",
        "arp.proto.size", "4",
        "arp.opcode", "1",
        "arp.src.hw_mac", "e0:cb:4e:5e:1a:0e",
        "arp.src.proto_ipv4", "128.2.46.227",
        "arp.dst.hw_mac", "00:00:00:00:00:00",
        "arp.dst.proto_ipv4", "128.2.46.148",
        "eth.padding", "000000000000000000000000000000000000",
        "frame.protocols", "eth:ethertype:arp",
        "_ws.col.Protocol", "ARP",
        "_ws.col.Info", "Who has 128.2.46.148? Tell 128.2.46.227",
        "_ws.col.Source", "00:11:22:33:44:55",
        "_ws.col.Destination", "ff:ff:ff:ff:ff:ff");
    assertEquals(List.of("Address Resolution Protocol (request)"),
        labels(d, "arp"));
  }

  /**
   * ARP reply.
   *
   * <pre>
   * 0000  e0 cb 4e 5e 1a 0e 00 11 22 33 44 55 08 06 00 01
   * 0010  08 00 06 04 00 02 00 11 22 33 44 55 c0 a8 00 01
   * 0020  e0 cb 4e 5e 1a 0e c0 a8 00 02
   * </pre>
   */
  @Test
  void reply() {
    Dissection d = dissect(LinkType.ETHERNET,
        "e0 cb 4e 5e 1a 0e 00 11 22 33 44 55 08 06 00 01 "
        + "08 00 06 04 00 02 00 11 22 33 44 55 c0 a8 00 01 "
        + "e0 cb 4e 5e 1a 0e c0 a8 00 02 ");
    expect(d,
        "arp.hw.type", "1",
        "arp.proto.type", "0x0800",
        "arp.hw.size", "6",
        "arp.proto.size", "4",
        "arp.opcode", "2",
        "arp.src.hw_mac", "00:11:22:33:44:55",
        "arp.src.proto_ipv4", "192.168.0.1",
        "arp.dst.hw_mac", "e0:cb:4e:5e:1a:0e",
        "arp.dst.proto_ipv4", "192.168.0.2",
        "frame.protocols", "eth:ethertype:arp",
        "_ws.col.Protocol", "ARP",
        "_ws.col.Info", "192.168.0.1 is at 00:11:22:33:44:55",
        "_ws.col.Source", "00:11:22:33:44:55",
        "_ws.col.Destination", "e0:cb:4e:5e:1a:0e");
    assertEquals(List.of("Address Resolution Protocol (reply)"),
        labels(d, "arp"));
  }

  /**
   * Gratuitous ARP request: sender and target IP equal, target MAC not zero.
   *
   * <pre>
   * 0000  ff ff ff ff ff ff 00 11 22 33 44 55 08 06 00 01
   * 0010  08 00 06 04 00 01 00 11 22 33 44 55 c0 a8 00 01
   * 0020  ff ff ff ff ff ff c0 a8 00 01
   * </pre>
   */
  @Test
  void gratuitousRequest() {
    Dissection d = dissect(LinkType.ETHERNET,
        "ff ff ff ff ff ff 00 11 22 33 44 55 08 06 00 01 "
        + "08 00 06 04 00 01 00 11 22 33 44 55 c0 a8 00 01 "
        + "ff ff ff ff ff ff c0 a8 00 01 ");
    expect(d,
        "arp.hw.type", "1",
        "arp.proto.type", "0x0800",
        "arp.hw.size", "6",
        "arp.proto.size", "4",
        "arp.opcode", "1",
        "arp.isgratuitous", "1",
        "arp.src.hw_mac", "00:11:22:33:44:55",
        "arp.src.proto_ipv4", "192.168.0.1",
        "arp.dst.hw_mac", "ff:ff:ff:ff:ff:ff",
        "arp.dst.proto_ipv4", "192.168.0.1",
        "frame.protocols", "eth:ethertype:arp",
        "_ws.col.Protocol", "ARP",
        "_ws.col.Info", "Gratuitous ARP for 192.168.0.1 (Request)",
        "_ws.col.Source", "00:11:22:33:44:55",
        "_ws.col.Destination", "ff:ff:ff:ff:ff:ff");
    assertEquals(List.of("Address Resolution Protocol (request/gratuitous ARP)"),
        labels(d, "arp"));
  }

  /**
   * ARP announcement: gratuitous request with an all-zero target MAC.
   *
   * <pre>
   * 0000  ff ff ff ff ff ff 00 11 22 33 44 55 08 06 00 01
   * 0010  08 00 06 04 00 01 00 11 22 33 44 55 c0 a8 00 01
   * 0020  00 00 00 00 00 00 c0 a8 00 01
   * </pre>
   */
  @Test
  void announcement() {
    Dissection d = dissect(LinkType.ETHERNET,
        "ff ff ff ff ff ff 00 11 22 33 44 55 08 06 00 01 "
        + "08 00 06 04 00 01 00 11 22 33 44 55 c0 a8 00 01 "
        + "00 00 00 00 00 00 c0 a8 00 01 ");
    expect(d,
        "arp.hw.type", "1",
        "arp.proto.type", "0x0800",
        "arp.hw.size", "6",
        "arp.proto.size", "4",
        "arp.opcode", "1",
        "arp.isgratuitous", "1",
        "arp.isannouncement", "1",
        "arp.src.hw_mac", "00:11:22:33:44:55",
        "arp.src.proto_ipv4", "192.168.0.1",
        "arp.dst.hw_mac", "00:00:00:00:00:00",
        "arp.dst.proto_ipv4", "192.168.0.1",
        "frame.protocols", "eth:ethertype:arp",
        "_ws.col.Protocol", "ARP",
        "_ws.col.Info", "ARP Announcement for 192.168.0.1",
        "_ws.col.Source", "00:11:22:33:44:55",
        "_ws.col.Destination", "ff:ff:ff:ff:ff:ff");
    assertEquals(List.of("Address Resolution Protocol (ARP Announcement)"),
        labels(d, "arp"));
  }

  /**
   * ARP probe: sender IP 0.0.0.0, target MAC zero (RFC 5227).
   *
   * <pre>
   * 0000  ff ff ff ff ff ff 00 11 22 33 44 55 08 06 00 01
   * 0010  08 00 06 04 00 01 00 11 22 33 44 55 00 00 00 00
   * 0020  00 00 00 00 00 00 0a 00 00 01
   * </pre>
   */
  @Test
  void probe() {
    Dissection d = dissect(LinkType.ETHERNET,
        "ff ff ff ff ff ff 00 11 22 33 44 55 08 06 00 01 "
        + "08 00 06 04 00 01 00 11 22 33 44 55 00 00 00 00 "
        + "00 00 00 00 00 00 0a 00 00 01 ");
    expect(d,
        "arp.hw.type", "1",
        "arp.proto.type", "0x0800",
        "arp.hw.size", "6",
        "arp.proto.size", "4",
        "arp.opcode", "1",
        "arp.isprobe", "1",
        "arp.src.hw_mac", "00:11:22:33:44:55",
        "arp.src.proto_ipv4", "0.0.0.0",
        "arp.dst.hw_mac", "00:00:00:00:00:00",
        "arp.dst.proto_ipv4", "10.0.0.1",
        "frame.protocols", "eth:ethertype:arp",
        "_ws.col.Protocol", "ARP",
        "_ws.col.Info", "Who has 10.0.0.1? (ARP Probe)",
        "_ws.col.Source", "00:11:22:33:44:55",
        "_ws.col.Destination", "ff:ff:ff:ff:ff:ff");
    assertEquals(List.of("Address Resolution Protocol (ARP Probe)"),
        labels(d, "arp"));
  }

  /**
   * RARP request (EtherType 0x8035, opcode 3).
   *
   * <pre>
   * 0000  ff ff ff ff ff ff 00 11 22 33 44 55 80 35 00 01
   * 0010  08 00 06 04 00 03 00 11 22 33 44 55 00 00 00 00
   * 0020  00 11 22 33 44 55 00 00 00 00 00
   * </pre>
   */
  @Test
  void rarpRequest() {
    Dissection d = dissect(LinkType.ETHERNET,
        "ff ff ff ff ff ff 00 11 22 33 44 55 80 35 00 01 "
        + "08 00 06 04 00 03 00 11 22 33 44 55 00 00 00 00 "
        + "00 11 22 33 44 55 00 00 00 00 00 ");
    expect(d,
        "arp.hw.type", "1",
        "arp.proto.type", "0x0800",
        "arp.hw.size", "6",
        "arp.proto.size", "4",
        "arp.opcode", "3",
        "arp.src.hw_mac", "00:11:22:33:44:55",
        "arp.src.proto_ipv4", "0.0.0.0",
        "arp.dst.hw_mac", "00:11:22:33:44:55",
        "arp.dst.proto_ipv4", "0.0.0.0",
        "frame.protocols", "eth:ethertype:arp",
        "_ws.col.Protocol", "RARP",
        "_ws.col.Info", "Who is 00:11:22:33:44:55? Tell 00:11:22:33:44:55",
        "_ws.col.Source", "00:11:22:33:44:55",
        "_ws.col.Destination", "ff:ff:ff:ff:ff:ff");
    assertEquals(List.of("Address Resolution Protocol (reverse request)"),
        labels(d, "arp"));
  }

  /**
   * Frame Relay DLCI hardware type (15) with 2-byte hardware addresses.
   *
   * <pre>
   * 0000  ff ff ff ff ff ff 00 11 22 33 44 55 08 06 00 0f
   * 0010  08 00 02 04 00 01 01 02 0a 00 00 01 03 04 0a 00
   * 0020  00 02
   * </pre>
   */
  @Test
  void nonEthernetHardware() {
    Dissection d = dissect(LinkType.ETHERNET,
        "ff ff ff ff ff ff 00 11 22 33 44 55 08 06 00 0f "
        + "08 00 02 04 00 01 01 02 0a 00 00 01 03 04 0a 00 "
        + "00 02 ");
    expect(d,
        "arp.hw.type", "15",
        "arp.proto.type", "0x0800",
        "arp.hw.size", "2",
        "arp.proto.size", "4",
        "arp.opcode", "1",
        "arp.src.hw", "0102",
        "arp.src.proto_ipv4", "10.0.0.1",
        "arp.dst.hw", "0304",
        "arp.dst.proto_ipv4", "10.0.0.2",
        "frame.protocols", "eth:ethertype:arp",
        "_ws.col.Protocol", "ARP",
        "_ws.col.Info", "Who has 10.0.0.2? Tell 10.0.0.1",
        "_ws.col.Source", "00:11:22:33:44:55",
        "_ws.col.Destination", "ff:ff:ff:ff:ff:ff");
    assertEquals(List.of("Address Resolution Protocol (request)"),
        labels(d, "arp"));
  }

}

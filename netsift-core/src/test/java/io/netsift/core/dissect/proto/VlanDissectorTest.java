package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.LayerTestFrames.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.capture.LinkType;
import io.netsift.core.dissect.Dissection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 802.1Q and 802.1ad tags over inline frames: stacking, 802.3 lengths, padding and trailers.
 * Expected values: tshark 4.0.17 on the same bytes.
 */
class VlanDissectorTest {
  /**
   * One 802.1Q tag (priority 7, VLAN 123) over EtherType 0x8888, which has no dissector.
   *
   * <pre>
   * 0000  ff ff ff ff ff ff 00 11 22 33 44 55 81 00 e0 7b
   * 0010  88 88 ab cd ef
   * </pre>
   */
  @Test
  void tagWithUnknownType() {
    Dissection d = dissect(LinkType.ETHERNET,
        "ff ff ff ff ff ff 00 11 22 33 44 55 81 00 e0 7b "
        + "88 88 ab cd ef ");
    expect(d,
        "vlan.priority", "7",
        "vlan.dei", "0",
        "vlan.id", "123",
        "vlan.etype", "0x8888",
        "frame.protocols", "eth:ethertype:vlan:ethertype:data",
        "_ws.col.Info", "PRI: 7  DEI: 0  ID: 123");
    assertEquals(List.of("802.1Q Virtual LAN, PRI: 7, DEI: 0, ID: 123"),
        labels(d, "vlan"));
  }

  /**
   * Two tags (VLAN 13, VLAN 10) over ARP, 68 bytes: padding to 60 bytes, then an 8-byte trailer.
   *
   * <pre>
   * 0000  ff ff ff ff ff ff e0 cb 4e 5e 1a 0e 81 00 00 0d
   * 0010  81 00 00 0a 08 06 00 01 08 00 06 04 00 01 e0 cb
   * 0020  4e 5e 1a 0e 80 02 2e e3 00 00 00 00 00 00 80 02
   * 0030  2e 94 00 00 00 00 00 00 00 00 00 00 00 00 00 00
   * 0040  00 00 00 00
   * </pre>
   */
  @Test
  void qinqArpWithPaddingAndTrailer() {
    Dissection d = dissect(LinkType.ETHERNET,
        "ff ff ff ff ff ff e0 cb 4e 5e 1a 0e 81 00 00 0d "
        + "81 00 00 0a 08 06 00 01 08 00 06 04 00 01 e0 cb "
        + "4e 5e 1a 0e 80 02 2e e3 00 00 00 00 00 00 80 02 "
        + "2e 94 00 00 00 00 00 00 00 00 00 00 00 00 00 00 "
        + "00 00 00 00 ");
    expect(d,
        "vlan.priority", "0,0",
        "vlan.dei", "0,0",
        "vlan.id", "13,10",
        "vlan.etype", "0x8100,0x0806",
        "vlan.trailer", "0000000000000000",
        "eth.padding", "00000000000000000000",
        "frame.protocols", "eth:ethertype:vlan:ethertype:vlan:ethertype:arp",
        "_ws.col.Protocol", "ARP",
        "_ws.col.Info", "Who has 128.2.46.148? Tell 128.2.46.227",
        "_ws.col.Source", "e0:cb:4e:5e:1a:0e",
        "_ws.col.Destination", "ff:ff:ff:ff:ff:ff");
    assertEquals(List.of("802.1Q Virtual LAN, PRI: 0, DEI: 0, ID: 13", "802.1Q Virtual LAN, PRI: 0, DEI: 0, ID: 10", "Address Resolution Protocol (request)"),
        labels(d, "arp", "vlan"));
  }

  /**
   * A tag whose type field is an 802.3 length (8): LLC follows, 2 trailing bytes.
   *
   * <pre>
   * 0000  ff ff ff ff ff ff 00 11 22 33 44 55 81 00 a0 76
   * 0010  00 08 0e 0e 03 00 00 00 00 00 aa bb
   * </pre>
   */
  @Test
  void lengthLeadsToLlc() {
    Dissection d = dissect(LinkType.ETHERNET,
        "ff ff ff ff ff ff 00 11 22 33 44 55 81 00 a0 76 "
        + "00 08 0e 0e 03 00 00 00 00 00 aa bb ");
    expect(d,
        "vlan.priority", "5",
        "vlan.dei", "0",
        "vlan.id", "118",
        "vlan.len", "8",
        "vlan.trailer", "aabb",
        "llc.dsap", "0x0e",
        "frame.protocols", "eth:ethertype:vlan:llc:data",
        "_ws.col.Info", "U, func=UI; DSAP PROWAY (IEC955) Network Management and Initialization Individual, SSAP PROWAY (IEC955) Network Management and Initialization Command");
    assertEquals(List.of("802.1Q Virtual LAN, PRI: 5, DEI: 0, ID: 118", "Logical-Link Control"),
        labels(d, "llc", "vlan"));
  }

  /**
   * 802.1ad service tag (0x88a8) over an 802.1Q tag over IPv4.
   *
   * <pre>
   * 0000  ff ff ff ff ff ff 00 11 22 33 44 55 88 a8 a0 7b
   * 0010  81 00 00 0a 08 00 45 00 00 1c 12 34 40 00 40 fd
   * 0020  00 00 c0 a8 00 01 c0 a8 00 02 01 02 03 04 05 06
   * 0030  07 08
   * </pre>
   */
  @Test
  void serviceTagThenCustomerTag() {
    Dissection d = dissect(LinkType.ETHERNET,
        "ff ff ff ff ff ff 00 11 22 33 44 55 88 a8 a0 7b "
        + "81 00 00 0a 08 00 45 00 00 1c 12 34 40 00 40 fd "
        + "00 00 c0 a8 00 01 c0 a8 00 02 01 02 03 04 05 06 "
        + "07 08 ");
    expect(d,
        "vlan.priority", "0",
        "vlan.dei", "0",
        "vlan.id", "10",
        "vlan.etype", "0x0800",
        "ieee8021ad.priority", "5",
        "ieee8021ad.dei", "0",
        "ieee8021ad.id", "123",
        "ieee8021ah.etype", "0x8100",
        "frame.protocols", "eth:ethertype:ieee8021ad:ethertype:vlan:ethertype:ip:data");
    assertEquals(List.of("IEEE 802.1ad, ID: 123", "802.1Q Virtual LAN, PRI: 0, DEI: 0, ID: 10", "Internet Protocol Version 4, Src: 192.168.0.1, Dst: 192.168.0.2"),
        labels(d, "ieee8021ad", "ip", "vlan"));
  }

}

package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.LayerTestFrames.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netsift.core.capture.LinkType;
import io.netsift.core.dissect.Dissection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * VXLAN and GENEVE over inline frames (from scripts/tunnels/crafted.py): the group policy
 * extension, GENEVE options, inner Ethernet or IPv4 without an ethertype layer, and a header
 * cut short. Expected values: tshark 4.0.17 on the same bytes.
 */
class VxlanDissectorTest {
  @Test
  void groupPolicyThenEthernet() {
    Dissection d = dissect(LinkType.ETHERNET, "00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00 00 5a 00 01 00 00 40 11 66 90 0a 00 00 01 0a 00 00 02 9c 41 12 b5 00 46 00 00 88 48 00 05 12 34 56 00 00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00 00 28 00 01 00 00 40 06 22 a4 ac 14 00 01 ac 14 00 02 9c 40 00 50 00 00 03 e8 00 00 00 00 50 02 20 00 00 00 00 00");
    expect(d,
        "vxlan.flags", "0x8848",
        "vxlan.flag_g", "1",
        "vxlan.flag_i", "1",
        "vxlan.gbp", "5",
        "vxlan.vni", "1193046",
        "tcp.stream", "0",
        "frame.protocols", "eth:ethertype:ip:udp:vxlan:eth:ethertype:ip:tcp",
        "_ws.col.Protocol", "TCP");
  }

  /** GENEVE with a critical OVS option and an empty standard one, carrying IPv4 directly. */
  @Test
  void geneveOptions() {
    Dissection d = dissect(LinkType.ETHERNET, "00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00 00 50 00 01 00 00 40 11 66 9a 0a 00 00 01 0a 00 00 02 9c 42 17 c1 00 3c 00 00 03 40 08 00 ab cd ef 00 01 01 81 01 01 02 03 04 00 00 05 00 45 00 00 20 00 01 00 00 40 11 22 8d ac 1e 00 01 ac 1e 00 02 00 07 00 07 00 0c 00 00 65 63 68 6f");
    expect(d,
        "geneve.option.length", "12,8,4",
        "geneve.flags.critical", "1",
        "geneve.vni", "0xabcdef",
        "geneve.option.class", "0x0101,0x0000",
        "geneve.option.type", "0x81,0x05",
        "geneve.option.flags", "0x00,0x00",
        "ip.src", "10.0.0.1,172.30.0.1");
    assertEquals(List.of("Generic Network Virtualization Encapsulation, VNI: 0xabcdef"), labels(d, "geneve"));
  }

  /** A VXLAN header the IP length promises but the frame lacks is malformed. */
  @Test
  void truncatedHeader() {
    Dissection d = dissect(LinkType.ETHERNET, "00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00 00 24 00 01 00 00 40 11 66 c6 0a 00 00 01 0a 00 00 02 9c 46 12 b5 00 10 00 00 88 48 00 05 12");
    expect(d,
        "frame.protocols", "eth:ethertype:ip:udp:vxlan",
        "_ws.col.Protocol", "VxLAN",
        "_ws.col.Info", "[Malformed Packet]");
  }
}

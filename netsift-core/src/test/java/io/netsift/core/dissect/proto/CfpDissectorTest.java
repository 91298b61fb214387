package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.LayerTestFrames.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netsift.core.capture.LinkType;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.filter.Filter;
import io.netsift.core.output.TreeFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cisco FabricPath over real frames of zeek__cisco-fabric-path.pcap. Expected values: tshark
 * 4.0.17 ({@code -T fields -E occurrence=a -E aggregator=,}, {@code -V}) on the same frames.
 */
class CfpDissectorTest {
  private static final String FILE = "zeek__cisco-fabric-path.pcap";

  /**
   * Frame 130: a multicast outer destination (I/G set), an inner Ethernet of unknown type
   * 0x9999, and the FabricPath FCS in the last 4 bytes.
   *
   * <pre>
   * 0000  af f1 a4 d6 e0 ff ee 26 30 bc 81 dc 89 03 00 00
   * 0010  9f 29 3b cb 41 cf 94 59 94 2c c3 ab 99 99 00 00
   * 0020  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
   * 0030  00 00 00 00 00 00 00 00 00 00 00 00
   * </pre>
   */
  private static final String FRAME_130 = "af f1 a4 d6 e0 ff ee 26 30 bc 81 dc 89 03 00 00 "
      + "9f 29 3b cb 41 cf 94 59 94 2c c3 ab 99 99 00 00 "
      + "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 "
      + "00 00 00 00 00 00 00 00 00 00 00 00";

  @Test
  void multicastDestinationAndTree() {
    Dissection d = dissect(LinkType.ETHERNET, FRAME_130);
    expect(d,
        "frame.protocols", "eth:cfp:eth:ethertype:data",
        "cfp.d_hmac_mc", "af:f1:a4:d6:e0:ff",
        "cfp.d_hmac", "",
        "cfp.swid", "1584",
        "cfp.lid", "33244",
        "cfp.fcs", "0x00000000",
        "cfp.fcs.status", "2",
        "eth.src", "94:59:94:2c:c3:ab",
        "_ws.col.Protocol", "0x9999",
        "_ws.col.Info", "Ethernet II");
    assertEquals(List.of("Cisco FabricPath, Src: 630.bc.81dc, Dst: af:f1:a4:d6:e0:ff"), labels(d, "cfp"));
    // The outer Ethernet has no tree of its own: FabricPath comes first.
    String tree = new TreeFormat().format(d);
    String cfp = tree.substring(tree.indexOf("Cisco FabricPath"), tree.indexOf("Ethernet II"));
    assertEquals(String.join("\n",
        "Cisco FabricPath, Src: 630.bc.81dc, Dst: af:f1:a4:d6:e0:ff",
        "    MC Destination: af:f1:a4:d6:e0:ff",
        "    Source: 630.bc.81dc",
        "        0000 00.. 00.. .... .... .... = End Node ID: 0 (0x000)",
        "        .... ..1. .... .... .... .... = U/L bit: Locally administered address (this is NOT the factory default)",
        "        .... ...0 .... .... .... .... = I/G bit: Individual address (unicast)",
        "        .... .... ...0 .... .... .... = OOO/DL Bit: Deliver in order (If DA) or Learn (If SA)",
        "        .... .... .... 0110 0011 0000 = switch-id: 1584 (0x630)",
        "        sub-switch-id: 188 (0xbc)",
        "        Source LID: 33244 (0x81dc)",
        "    FP Ethertype: Data Center Ethernet (DCE) protocol(Cisco) (0x8903)",
        "    0000 0000 00.. .... = FTAG: 0",
        "    .... .... ..00 0000 = TTL: 0",
        ""), cfp.substring(0, cfp.indexOf("    Frame check sequence")));
    assertEquals(1, count(tree, "Ethernet II, Src: "));
  }

  /** tshark numbers layers as frame.protocols lists them: the inner Ethernet is eth#2. */
  @Test
  void layerOperatorCountsTheOuterEthernet() throws Exception {
    Dissection d = dissect(LinkType.ETHERNET, FRAME_130);
    assertEquals(false, Filter.compile("eth#1").matches(d));
    assertEquals(true, Filter.compile("eth#2").matches(d));
    assertEquals(false, Filter.compile("eth.src#1").matches(d));
    assertEquals(true, Filter.compile("eth.src#2 == 94:59:94:2c:c3:ab").matches(d));
    assertEquals(true, Filter.compile("cfp && eth").matches(d));
  }

  private static final String[] FIELDS = {"cfp.d_hmac", "cfp.d_hmac_mc", "cfp.s_hmac", "cfp.eid", "cfp.ul", "cfp.ig",
      "cfp.ooodl", "cfp.swid", "cfp.sswid", "cfp.lid", "cfp.etype", "cfp.ftag", "cfp.ttl", "cfp.fcs", "cfp.fcs.status",
      "eth.src", "eth.padding", "ip.src", "ipv6.src"};

  /** Frame, frame.protocols, Protocol, Info, then {@link #FIELDS}, as tshark prints them. */
  private static final String[][] ROWS = {
      {"20", "eth:cfp:eth:ethertype:ipv6:udp", "UDP", "57005 → 48879[Malformed Packet]", "", "33:3b:f2:9f:61:01", "1", "0", "1", "1", "1", "1034", "185", "41839", "0x8903", "0", "0", "0x0008f988", "2", "6a:90:d1:b2:f2:d4", "", "", "1234::c"},
      {"34", "eth:cfp:eth:ethertype:ip:tcp", "TCP", "57005 → 48879 [SYN] Seq=0 Win=8192[Malformed Packet]", "", "15:e9:fd:9c:81:00", "1", "0", "1", "0", "0", "4043", "130", "44138", "0x8903", "0", "0", "0xec3a0000", "2", "82:90:70:bf:47:a7", "", "1.1.1.6", ""},
      {"38", "eth:cfp:eth:ethertype:ip:tcp", "TCP", "57005 → 48879 [SYN] Seq=0 Win=8192[Malformed Packet]", "1", "", "1", "0,0", "1,0", "0,0", "1,1", "3428,2236", "90,88", "33282,10215", "0x8903", "0", "0", "0xec320000", "2", "79:9e:bc:cd:6f:2c", "", "1.1.1.14", ""},
      {"56", "eth:cfp:eth:ethertype:ipv6:tcp", "TCP", "57005 → 48879 [SYN] Seq=0 Win=8192[Malformed Packet]", "1", "", "1", "0,0", "0,1", "0,1", "0,1", "2721,3984", "232,72", "29187,53370", "0x8903", "0", "0", "0x89950000", "2", "81:7b:0b:8e:cd:4c", "", "", "1234::4"},
      {"98", "eth:cfp:eth:ethertype:ip", "IPv4", "", "", "ef:44:46:03:42:00", "1", "0", "0", "1", "1", "3993", "164", "48142", "0x8903", "0", "0", "0x00000000", "2", "ab:7a:ad:7e:d6:79", "000000000000", "1.1.1.16", ""},
      {"130", "eth:cfp:eth:ethertype:data", "0x9999", "Ethernet II", "", "af:f1:a4:d6:e0:ff", "1", "0", "1", "0", "0", "1584", "188", "33244", "0x8903", "0", "0", "0x00000000", "2", "94:59:94:2c:c3:ab", "", "", ""},
  };

  @Test
  void corpusFramesMatchTshark() throws Exception {
    CorpusRows.check(FILE, FIELDS, ROWS);
  }

  private static int count(String s, String part) {
    int n = 0;
    for (int at = s.indexOf(part); at >= 0; at = s.indexOf(part, at + 1)) {
      n++;
    }
    return n;
  }
}

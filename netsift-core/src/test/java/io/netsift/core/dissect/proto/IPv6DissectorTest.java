package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.LayerTestFrames.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.capture.LinkType;
import io.netsift.core.dissect.Dissection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * IPv6 over inline frames: header fields, extension headers, derived addresses, bad lengths.
 * Expected values: tshark 4.0.17 on the same bytes.
 */
class IPv6DissectorTest {
  /**
   * IPv6 over LINKTYPE_IPV6 (229), next header 59 with 8 bytes after it.
   *
   * <pre>
   * 0000  60 00 00 00 00 08 3b 40 20 01 0d b8 00 00 00 00
   * 0010  00 00 00 00 00 00 00 01 20 01 0d b8 00 00 00 00
   * 0020  00 00 00 00 00 00 00 02 01 02 03 04 05 06 07 08
   * </pre>
   */
  @Test
  void noNextHeader() {
    Dissection d = dissect(LinkType.IPV6,
        "60 00 00 00 00 08 3b 40 20 01 0d b8 00 00 00 00 "
        + "00 00 00 00 00 00 00 01 20 01 0d b8 00 00 00 00 "
        + "00 00 00 00 00 00 00 02 01 02 03 04 05 06 07 08 ");
    expect(d,
        "ipv6.version", "6",
        "ip.version", "6",
        "ipv6.tclass", "0x00000000",
        "ipv6.tclass.dscp", "0",
        "ipv6.tclass.ecn", "0",
        "ipv6.flow", "0x000000",
        "ipv6.plen", "8",
        "ipv6.nxt", "59",
        "ipv6.hlim", "64",
        "ipv6.src", "2001:db8::1",
        "ipv6.dst", "2001:db8::2",
        "ipv6.addr", "2001:db8::1,2001:db8::2",
        "ipv6.src_host", "2001:db8::1",
        "ipv6.dst_host", "2001:db8::2",
        "ipv6.host", "2001:db8::1,2001:db8::2",
        "frame.protocols", "ipv6:data",
        "_ws.col.Protocol", "IPv6",
        "_ws.col.Info", "IPv6 no next header",
        "_ws.col.Source", "2001:db8::1",
        "_ws.col.Destination", "2001:db8::2");
    assertEquals(List.of("Internet Protocol Version 6, Src: 2001:db8::1, Dst: 2001:db8::2"),
        labels(d, "ipv6"));
    assertEquals(List.of(), experts(d));
  }

  /**
   * Hop-by-hop options (Router Alert MLD, PadN) then no next header.
   *
   * <pre>
   * 0000  60 00 00 00 00 0c 00 40 20 01 0d b8 00 00 00 00
   * 0010  00 00 00 00 00 00 00 01 20 01 0d b8 00 00 00 00
   * 0020  00 00 00 00 00 00 00 02 3b 00 05 02 00 00 01 00
   * 0030  aa bb cc dd
   * </pre>
   */
  @Test
  void hopByHopRouterAlert() {
    Dissection d = dissect(LinkType.IPV6,
        "60 00 00 00 00 0c 00 40 20 01 0d b8 00 00 00 00 "
        + "00 00 00 00 00 00 00 01 20 01 0d b8 00 00 00 00 "
        + "00 00 00 00 00 00 00 02 3b 00 05 02 00 00 01 00 "
        + "aa bb cc dd ");
    expect(d,
        "ipv6.version", "6",
        "ip.version", "6",
        "ipv6.tclass", "0x00000000",
        "ipv6.tclass.dscp", "0",
        "ipv6.tclass.ecn", "0",
        "ipv6.flow", "0x000000",
        "ipv6.plen", "12",
        "ipv6.nxt", "0",
        "ipv6.hlim", "64",
        "ipv6.src", "2001:db8::1",
        "ipv6.dst", "2001:db8::2",
        "ipv6.addr", "2001:db8::1,2001:db8::2",
        "ipv6.src_host", "2001:db8::1",
        "ipv6.dst_host", "2001:db8::2",
        "ipv6.host", "2001:db8::1,2001:db8::2",
        "ipv6.hopopts.nxt", "59",
        "ipv6.hopopts.len", "0",
        "ipv6.hopopts.len_oct", "8",
        "ipv6.opt.type", "0x05,0x01",
        "ipv6.opt.type.action", "0,0",
        "ipv6.opt.type.change", "0,0",
        "ipv6.opt.type.rest", "0x05,0x01",
        "ipv6.opt.length", "2,0",
        "ipv6.opt.router_alert", "0",
        "frame.protocols", "ipv6:ipv6.hopopts:data",
        "_ws.col.Protocol", "IPv6",
        "_ws.col.Info", "IPv6 no next header",
        "_ws.col.Source", "2001:db8::1",
        "_ws.col.Destination", "2001:db8::2");
    assertEquals(List.of("Internet Protocol Version 6, Src: 2001:db8::1, Dst: 2001:db8::2"),
        labels(d, "ipv6"));
  }

  /**
   * Fragment header, offset 0 with M set: the payload stays data.
   *
   * <pre>
   * 0000  60 00 00 00 00 10 2c 40 20 01 0d b8 00 00 00 00
   * 0010  00 00 00 00 00 00 00 01 20 01 0d b8 00 00 00 00
   * 0020  00 00 00 00 00 00 00 02 11 00 00 01 00 00 00 02
   * 0030  30 39 30 39 00 10 00 00
   * </pre>
   */
  @Test
  void firstFragment() {
    Dissection d = dissect(LinkType.IPV6,
        "60 00 00 00 00 10 2c 40 20 01 0d b8 00 00 00 00 "
        + "00 00 00 00 00 00 00 01 20 01 0d b8 00 00 00 00 "
        + "00 00 00 00 00 00 00 02 11 00 00 01 00 00 00 02 "
        + "30 39 30 39 00 10 00 00 ");
    expect(d,
        "ipv6.version", "6",
        "ip.version", "6",
        "ipv6.tclass", "0x00000000",
        "ipv6.tclass.dscp", "0",
        "ipv6.tclass.ecn", "0",
        "ipv6.flow", "0x000000",
        "ipv6.plen", "16",
        "ipv6.nxt", "44",
        "ipv6.hlim", "64",
        "ipv6.src", "2001:db8::1",
        "ipv6.dst", "2001:db8::2",
        "ipv6.addr", "2001:db8::1,2001:db8::2",
        "ipv6.src_host", "2001:db8::1",
        "ipv6.dst_host", "2001:db8::2",
        "ipv6.host", "2001:db8::1,2001:db8::2",
        "ipv6.fraghdr.nxt", "17",
        "ipv6.fraghdr.reserved_octet", "0x00",
        "ipv6.fraghdr.offset", "0",
        "ipv6.fraghdr.reserved_bits", "0",
        "ipv6.fraghdr.more", "1",
        "ipv6.fraghdr.ident", "0x00000002",
        "frame.protocols", "ipv6:ipv6.fraghdr:data",
        "_ws.col.Protocol", "IPv6",
        "_ws.col.Info", "IPv6 fragment (off=0 more=y ident=0x00000002 nxt=17)",
        "_ws.col.Source", "2001:db8::1",
        "_ws.col.Destination", "2001:db8::2");
    assertEquals(List.of("Internet Protocol Version 6, Src: 2001:db8::1, Dst: 2001:db8::2"),
        labels(d, "ipv6"));
  }

  /**
   * Source 2002:c000:201:5::1 (6to4) and destination a Teredo address.
   *
   * <pre>
   * 0000  60 00 00 00 00 00 3b 40 20 02 c0 00 02 01 00 05
   * 0010  00 00 00 00 00 00 00 01 20 01 00 00 41 36 e3 78
   * 0020  80 00 63 bf 3f ff fd d2
   * </pre>
   */
  @Test
  void derived6to4AndTeredo() {
    Dissection d = dissect(LinkType.IPV6,
        "60 00 00 00 00 00 3b 40 20 02 c0 00 02 01 00 05 "
        + "00 00 00 00 00 00 00 01 20 01 00 00 41 36 e3 78 "
        + "80 00 63 bf 3f ff fd d2 ");
    expect(d,
        "ipv6.version", "6",
        "ip.version", "6",
        "ipv6.tclass", "0x00000000",
        "ipv6.tclass.dscp", "0",
        "ipv6.tclass.ecn", "0",
        "ipv6.flow", "0x000000",
        "ipv6.plen", "0",
        "ipv6.nxt", "59",
        "ipv6.hlim", "64",
        "ipv6.src", "2002:c000:201:5::1",
        "ipv6.dst", "2001:0:4136:e378:8000:63bf:3fff:fdd2",
        "ipv6.addr", "2002:c000:201:5::1,2001:0:4136:e378:8000:63bf:3fff:fdd2",
        "ipv6.src_host", "2002:c000:201:5::1",
        "ipv6.dst_host", "2001:0:4136:e378:8000:63bf:3fff:fdd2",
        "ipv6.host", "2002:c000:201:5::1,2001:0:4136:e378:8000:63bf:3fff:fdd2",
        "ipv6.src_6to4_gw_ipv4", "192.0.2.1",
        "ipv6.src_6to4_sla_id", "5",
        "ipv6.6to4_gw_ipv4", "192.0.2.1",
        "ipv6.6to4_sla_id", "5",
        "ipv6.dst_ts_ipv4", "65.54.227.120",
        "ipv6.dst_tc_port", "40000",
        "ipv6.dst_tc_ipv4", "192.0.2.45",
        "ipv6.ts_ipv4", "65.54.227.120",
        "ipv6.tc_port", "40000",
        "ipv6.tc_ipv4", "192.0.2.45",
        "frame.protocols", "ipv6",
        "_ws.col.Protocol", "IPv6",
        "_ws.col.Info", "IPv6 no next header",
        "_ws.col.Source", "2002:c000:201:5::1",
        "_ws.col.Destination", "2001:0:4136:e378:8000:63bf:3fff:fdd2");
    assertEquals(List.of("Internet Protocol Version 6, Src: 2002:c000:201:5::1, Dst: 2001:0:4136:e378:8000:63bf:3fff:fdd2"),
        labels(d, "ipv6"));
  }

  /**
   * SLAAC source, ISATAP destination; a second header carries a NAT64 destination.
   *
   * <pre>
   * 0000  60 00 00 00 00 00 3b 40 fe 80 00 00 00 00 00 00
   * 0010  02 1a a0 ff fe 12 34 56 fe 80 00 00 00 00 00 00
   * 0020  02 00 5e fe c0 00 02 01
   * </pre>
   */
  @Test
  void derivedSlaacIsatapAndNat64() {
    Dissection d = dissect(LinkType.IPV6,
        "60 00 00 00 00 00 3b 40 fe 80 00 00 00 00 00 00 "
        + "02 1a a0 ff fe 12 34 56 fe 80 00 00 00 00 00 00 "
        + "02 00 5e fe c0 00 02 01 ");
    expect(d,
        "ipv6.version", "6",
        "ip.version", "6",
        "ipv6.tclass", "0x00000000",
        "ipv6.tclass.dscp", "0",
        "ipv6.tclass.ecn", "0",
        "ipv6.flow", "0x000000",
        "ipv6.plen", "0",
        "ipv6.nxt", "59",
        "ipv6.hlim", "64",
        "ipv6.src", "fe80::21a:a0ff:fe12:3456",
        "ipv6.dst", "fe80::200:5efe:c000:201",
        "ipv6.addr", "fe80::21a:a0ff:fe12:3456,fe80::200:5efe:c000:201",
        "ipv6.src_host", "fe80::21a:a0ff:fe12:3456",
        "ipv6.dst_host", "fe80::200:5efe:c000:201",
        "ipv6.host", "fe80::21a:a0ff:fe12:3456,fe80::200:5efe:c000:201",
        "ipv6.src_slaac_mac", "00:1a:a0:12:34:56",
        "ipv6.slaac_mac", "00:1a:a0:12:34:56",
        "ipv6.dst_isatap_ipv4", "192.0.2.1",
        "ipv6.isatap_ipv4", "192.0.2.1",
        "frame.protocols", "ipv6",
        "_ws.col.Protocol", "IPv6",
        "_ws.col.Info", "IPv6 no next header",
        "_ws.col.Source", "fe80::21a:a0ff:fe12:3456",
        "_ws.col.Destination", "fe80::200:5efe:c000:201");
    assertEquals(List.of("Internet Protocol Version 6, Src: fe80::21a:a0ff:fe12:3456, Dst: fe80::200:5efe:c000:201"),
        labels(d, "ipv6"));
  }

  /**
   * Destination 64:ff9b::c000:201, an IPv4-embedded address (RFC 6052).
   *
   * <pre>
   * 0000  60 00 00 00 00 00 3b 40 20 01 0d b8 00 00 00 00
   * 0010  00 00 00 00 00 00 00 01 00 64 ff 9b 00 00 00 00
   * 0020  00 00 00 00 c0 00 02 01
   * </pre>
   */
  @Test
  void nat64Destination() {
    Dissection d = dissect(LinkType.IPV6,
        "60 00 00 00 00 00 3b 40 20 01 0d b8 00 00 00 00 "
        + "00 00 00 00 00 00 00 01 00 64 ff 9b 00 00 00 00 "
        + "00 00 00 00 c0 00 02 01 ");
    expect(d,
        "ipv6.version", "6",
        "ip.version", "6",
        "ipv6.tclass", "0x00000000",
        "ipv6.tclass.dscp", "0",
        "ipv6.tclass.ecn", "0",
        "ipv6.flow", "0x000000",
        "ipv6.plen", "0",
        "ipv6.nxt", "59",
        "ipv6.hlim", "64",
        "ipv6.src", "2001:db8::1",
        "ipv6.dst", "64:ff9b::c000:201",
        "ipv6.addr", "2001:db8::1,64:ff9b::c000:201",
        "ipv6.src_host", "2001:db8::1",
        "ipv6.dst_host", "64:ff9b::c000:201",
        "ipv6.host", "2001:db8::1,64:ff9b::c000:201",
        "ipv6.dst_embed_ipv4", "192.0.2.1",
        "ipv6.embed_ipv4", "192.0.2.1",
        "ipv6.embed_ipv4_prefix", "0064ff9b0000000000000000",
        "frame.protocols", "ipv6",
        "_ws.col.Protocol", "IPv6",
        "_ws.col.Info", "IPv6 no next header",
        "_ws.col.Source", "2001:db8::1",
        "_ws.col.Destination", "64:ff9b::c000:201");
    assertEquals(List.of("Internet Protocol Version 6, Src: 2001:db8::1, Dst: 64:ff9b::c000:201"),
        labels(d, "ipv6"));
  }

  /**
   * Routing header type 4 (SRv6) with one segment, then no next header.
   *
   * <pre>
   * 0000  60 00 00 00 00 18 2b 40 20 01 0d b8 00 00 00 00
   * 0010  00 00 00 00 00 00 00 01 20 01 0d b8 00 00 00 00
   * 0020  00 00 00 00 00 00 00 02 3b 02 04 00 00 00 00 00
   * 0030  20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 03
   * </pre>
   */
  @Test
  void segmentRoutingHeader() {
    Dissection d = dissect(LinkType.IPV6,
        "60 00 00 00 00 18 2b 40 20 01 0d b8 00 00 00 00 "
        + "00 00 00 00 00 00 00 01 20 01 0d b8 00 00 00 00 "
        + "00 00 00 00 00 00 00 02 3b 02 04 00 00 00 00 00 "
        + "20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 03 ");
    expect(d,
        "ipv6.version", "6",
        "ip.version", "6",
        "ipv6.tclass", "0x00000000",
        "ipv6.tclass.dscp", "0",
        "ipv6.tclass.ecn", "0",
        "ipv6.flow", "0x000000",
        "ipv6.plen", "24",
        "ipv6.nxt", "43",
        "ipv6.hlim", "64",
        "ipv6.src", "2001:db8::1",
        "ipv6.dst", "2001:db8::2",
        "ipv6.addr", "2001:db8::1,2001:db8::2",
        "ipv6.src_host", "2001:db8::1",
        "ipv6.dst_host", "2001:db8::2",
        "ipv6.host", "2001:db8::1,2001:db8::2",
        "ipv6.routing.nxt", "59",
        "ipv6.routing.len", "2",
        "ipv6.routing.len_oct", "24",
        "ipv6.routing.type", "4",
        "ipv6.routing.segleft", "0",
        "ipv6.routing.srh.last_entry", "0",
        "ipv6.routing.srh.flags", "0x00",
        "ipv6.routing.srh.tag", "0000",
        "ipv6.routing.srh.addr", "2001:db8::3",
        "frame.protocols", "ipv6:ipv6.routing",
        "_ws.col.Protocol", "IPv6",
        "_ws.col.Info", "IPv6 no next header",
        "_ws.col.Source", "2001:db8::1",
        "_ws.col.Destination", "2001:db8::2");
    assertEquals(List.of("Internet Protocol Version 6, Src: 2001:db8::1, Dst: 2001:db8::2"),
        labels(d, "ipv6"));
  }

  /**
   * Payload length 0 with hop-by-hop options but no Jumbo Payload option.
   *
   * <pre>
   * 0000  60 00 00 00 00 00 00 40 20 01 0d b8 00 00 00 00
   * 0010  00 00 00 00 00 00 00 01 20 01 0d b8 00 00 00 00
   * 0020  00 00 00 00 00 00 00 02 3b 00 01 04 00 00 00 00
   * </pre>
   */
  @Test
  void jumboPayloadMissing() {
    Dissection d = dissect(LinkType.IPV6,
        "60 00 00 00 00 00 00 40 20 01 0d b8 00 00 00 00 "
        + "00 00 00 00 00 00 00 01 20 01 0d b8 00 00 00 00 "
        + "00 00 00 00 00 00 00 02 3b 00 01 04 00 00 00 00 ");
    expect(d,
        "ipv6.version", "6",
        "ip.version", "6",
        "ipv6.tclass", "0x00000000",
        "ipv6.tclass.dscp", "0",
        "ipv6.tclass.ecn", "0",
        "ipv6.flow", "0x000000",
        "ipv6.plen", "0",
        "ipv6.nxt", "0",
        "ipv6.hlim", "64",
        "ipv6.src", "2001:db8::1",
        "ipv6.dst", "2001:db8::2",
        "ipv6.addr", "2001:db8::1,2001:db8::2",
        "ipv6.src_host", "2001:db8::1",
        "ipv6.dst_host", "2001:db8::2",
        "ipv6.host", "2001:db8::1,2001:db8::2",
        "_ws.col.Protocol", "IPv6",
        "_ws.col.Source", "2001:db8::1",
        "_ws.col.Destination", "2001:db8::2");
    assertEquals(List.of("Internet Protocol Version 6, Src: 2001:db8::1, Dst: 2001:db8::2"),
        labels(d, "ipv6"));
    assertEquals(List.of("ipv6.opt.jumbo.missing: IPv6 payload length equals 0 and Hop-By-Hop present and Jumbo Payload option missing"), experts(d));
    // tshark lists no _ws.malformed in frame.protocols and appends "[Malformed Packet]" to Info.
    assertTrue(value(d, "frame.protocols").startsWith("ipv6:ipv6.hopopts"));
    assertTrue(value(d, "_ws.col.Info").startsWith("Invalid IPv6 payload length , IPv6 hop-by-hop options"));
  }

  /**
   * Destination options with an unknown option type 0x3f.
   *
   * <pre>
   * 0000  60 00 00 00 00 08 3c 40 20 01 0d b8 00 00 00 00
   * 0010  00 00 00 00 00 00 00 01 20 01 0d b8 00 00 00 00
   * 0020  00 00 00 00 00 00 00 02 3b 00 3f 04 01 02 03 04
   * </pre>
   */
  @Test
  void unknownDestinationOption() {
    Dissection d = dissect(LinkType.IPV6,
        "60 00 00 00 00 08 3c 40 20 01 0d b8 00 00 00 00 "
        + "00 00 00 00 00 00 00 01 20 01 0d b8 00 00 00 00 "
        + "00 00 00 00 00 00 00 02 3b 00 3f 04 01 02 03 04 ");
    expect(d,
        "ipv6.version", "6",
        "ip.version", "6",
        "ipv6.tclass", "0x00000000",
        "ipv6.tclass.dscp", "0",
        "ipv6.tclass.ecn", "0",
        "ipv6.flow", "0x000000",
        "ipv6.plen", "8",
        "ipv6.nxt", "60",
        "ipv6.hlim", "64",
        "ipv6.src", "2001:db8::1",
        "ipv6.dst", "2001:db8::2",
        "ipv6.addr", "2001:db8::1,2001:db8::2",
        "ipv6.src_host", "2001:db8::1",
        "ipv6.dst_host", "2001:db8::2",
        "ipv6.host", "2001:db8::1,2001:db8::2",
        "ipv6.opt.type", "0x3f",
        "ipv6.opt.type.action", "0",
        "ipv6.opt.type.change", "1",
        "ipv6.opt.type.rest", "0x1f",
        "ipv6.opt.length", "4",
        "ipv6.dstopts.nxt", "59",
        "ipv6.dstopts.len", "0",
        "ipv6.opt.unknown", "01020304",
        "frame.protocols", "ipv6:ipv6.dstopts",
        "_ws.col.Protocol", "IPv6",
        "_ws.col.Info", "IPv6 no next header",
        "_ws.col.Source", "2001:db8::1",
        "_ws.col.Destination", "2001:db8::2");
    assertEquals(List.of("Internet Protocol Version 6, Src: 2001:db8::1, Dst: 2001:db8::2"),
        labels(d, "ipv6"));
  }

}

package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.TransportFrames.dissect;
import static io.netsift.core.dissect.proto.TransportFrames.eth;
import static io.netsift.core.dissect.proto.TransportFrames.ethernet;
import static io.netsift.core.dissect.proto.TransportFrames.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.dissect.proto.TransportFrames.Result;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ICMPv6 against tshark 4.0.17: each IPv6 packet below was written to a pcap and read back
 * with {@code tshark -n -T fields}; the expected values are its output on the same bytes.
 */
class Icmpv6DissectorTest {
  private static final String LL1 = "fe800000000000000000000000000001";
  private static final String LL2 = "fe800000000000000000000000000002";
  private static final String LL9 = "fe800000000000000000000000000009";
  private static final String ALL = "ff020000000000000000000000000001";
  private static final String QUOTED_UDP = "6000000000091140" + LL2 + LL1 + "9c409c410009595571";

  private static Result one(DissectionEngine e, String ipv6, double seconds) {
    byte[] frame = eth(0x86dd, hex(ipv6));
    return dissect(e, ethernet(frame, 1_600_000_000_000_000_000L + Math.round(seconds * 1e9), frame.length));
  }

  @Test
  void echoPairsAndEmptyData() {
    DissectionEngine e = new DissectionEngine();
    Result request = one(e, "60000000000c3a40" + LL1 + LL2 + "800091a81234000770696e67", 0);
    assertEquals("eth:ethertype:ipv6:icmpv6:data", request.protocols);
    assertEquals("1", request.get("icmpv6.checksum.status"));
    assertEquals("0x1234", request.get("icmpv6.echo.identifier"));
    assertEquals("7", request.get("icmpv6.echo.sequence_number"));
    assertEquals("4", request.get("data.len"));
    assertEquals("ICMPv6", request.protocol);
    assertEquals("Echo (ping) request id=0x1234, seq=7, hop limit=64", request.info);

    Result reply = one(e, "60000000000c3a40" + LL2 + LL1 + "810090a81234000770696e67", 0.25);
    assertEquals("1", reply.get("icmpv6.resp_to"));
    assertEquals("250", reply.get("icmpv6.resptime"));
    assertEquals("Echo (ping) reply id=0x1234, seq=7, hop limit=64 (request in 1)", reply.info);

    Result empty = one(e, "6000000000083a40" + LL1 + LL2 + "8000707c12340008", 0.5);
    assertEquals("eth:ethertype:ipv6:icmpv6", empty.protocols);

    Result bad = one(e, "60000000000b3aff" + LL1 + LL2 + "800012340001000278797a", 1);
    assertEquals("0", bad.get("icmpv6.checksum.status"));
    assertEquals(List.of("Bad checksum [should be 0x9038]"), bad.experts);
    assertEquals("Echo (ping) request id=0x0001, seq=2, hop limit=255", bad.info);
  }

  @Test
  void neighborDiscovery() {
    DissectionEngine e = new DissectionEngine();
    Result ns = one(e, "6000000000203aff" + LL1 + "ff0200000000000000000001ff000002"
        + "870015ff00000000" + LL2 + "0101001122334455", 0);
    assertEquals("00000000", ns.get("icmpv6.reserved"));
    assertEquals("fe80::2", ns.get("icmpv6.nd.ns.target_address"));
    assertEquals("1", ns.get("icmpv6.opt.type"));
    assertEquals("00:11:22:33:44:55", ns.get("icmpv6.opt.linkaddr"));
    assertEquals("00:11:22:33:44:55", ns.get("icmpv6.opt.src_linkaddr"));
    assertEquals("Neighbor Solicitation for fe80::2 from 00:11:22:33:44:55", ns.info);

    Result na = one(e, "6000000000203aff" + LL1 + ALL + "88007302a0000000" + LL1 + "0201001122334455", 1);
    assertEquals("0xa0000000", na.get("icmpv6.nd.na.flag"));
    assertEquals("1", na.get("icmpv6.nd.na.flag.r"));
    assertEquals("0", na.get("icmpv6.nd.na.flag.s"));
    assertEquals("1", na.get("icmpv6.nd.na.flag.o"));
    assertEquals("Neighbor Advertisement fe80::1 (rtr, ovr) is at 00:11:22:33:44:55", na.info);

    Result ra = one(e, "6000000000783aff" + LL1 + ALL + "86006dc340c807080000000000000000"
        + "030440c0ffffffff00093a800000000020010db8000000000000000000000000"
        + "190300000000025820010db8000000000000000000000053"
        + "180230080000012c20010db800010000"
        + "1f03000000000258076578616d706c6503636f6d000000"
        + "006301010203040506", 2);
    assertEquals("64", ra.get("icmpv6.nd.ra.cur_hop_limit"));
    assertEquals("0xc8", ra.get("icmpv6.nd.ra.flag"));
    assertEquals("1", ra.get("icmpv6.nd.ra.flag.prf"));
    assertEquals("1800", ra.get("icmpv6.nd.ra.router_lifetime"));
    assertEquals("3,25,24,31,99", ra.get("icmpv6.opt.type"));
    assertEquals("4,3,2,3,1", ra.get("icmpv6.opt.length"));
    assertEquals("64,48", ra.get("icmpv6.opt.prefix.length"));
    assertEquals("0xc0", ra.get("icmpv6.opt.prefix.flag"));
    assertEquals("4294967295", ra.get("icmpv6.opt.prefix.valid_lifetime"));
    assertEquals("604800", ra.get("icmpv6.opt.prefix.preferred_lifetime"));
    assertEquals("2001:db8::,2001:db8:1::", ra.get("icmpv6.opt.prefix"));
    assertEquals("600", ra.get("icmpv6.opt.rdnss.lifetime"));
    assertEquals("2001:db8::53", ra.get("icmpv6.opt.rdnss"));
    assertEquals("0x08", ra.get("icmpv6.opt.route_info.flag"));
    assertEquals("1", ra.get("icmpv6.opt.route_info.flag.route_preference"));
    assertEquals("300", ra.get("icmpv6.opt.route_lifetime"));
    assertEquals("example.com", ra.get("icmpv6.opt.dnssl"));
    assertEquals("010203040506", ra.get("icmpv6.data"));
    assertEquals(List.of("Dissector for ICMPv6 Option (99) code not implemented, Contact Wireshark developers"
        + " if you want this supported"), ra.experts);
    assertEquals("Router Advertisement", ra.info);

    Result zero = one(e, "6000000000103aff" + LL1 + ALL + "85001596000000000100001122334455", 3);
    assertEquals("0", zero.get("icmpv6.opt.length"));
    assertEquals(List.of("Invalid option length (Zero)"), zero.experts);
    assertEquals("Router Solicitation", zero.info);

    Result trailing = one(e, "6000000000283aff" + LL1 + ALL + "870071b600000000" + LL2
        + "05020000000005dc0000000000000000", 4);
    assertEquals("0000000000000000", trailing.get("icmpv6.unknown_data"));
    assertEquals(List.of("Unknown Data (not interpreted)"), trailing.experts);

    Result redirect = one(e, "6000000000303aff" + LL1 + LL2 + "8900e4af00000000"
        + "fe80000000000000000000000000000320010db8000000000000000000000009" + "0201001122334455", 5);
    assertEquals("fe80::3", redirect.get("icmpv6.nd.rd.target_address"));
    assertEquals("2001:db8::9", redirect.get("icmpv6.rd.na.destination_address"));
    assertEquals("00:11:22:33:44:55", redirect.get("icmpv6.opt.target_linkaddr"));
    assertEquals("Redirect is at 00:11:22:33:44:55", redirect.info);
  }

  @Test
  void multicastListeners() {
    DissectionEngine e = new DissectionEngine();
    Result v1 = one(e, "6000000000183aff" + LL1 + ALL + "8200591727100000" + "00000000000000000000000000000000", 0);
    assertEquals("10000", v1.get("icmpv6.mld.maximum_response_delay"));
    assertEquals("::", v1.get("icmpv6.mld.multicast_address"));
    assertEquals("Multicast Listener Query", v1.info);

    Result v2 = one(e, "60000000002c3aff" + LL1 + ALL + "8200f5d681230000ff0200000000000000000000000000fb"
        + "0a900001" + LL9, 1);
    assertEquals("35096", v2.get("icmpv6.mld.maximum_response_code"));
    assertEquals("0x0a", v2.get("icmpv6.mld.flag"));
    assertEquals("2", v2.get("icmpv6.mld.flag.qrv"));
    assertEquals("256", v2.get("icmpv6.mld.qqi"));
    assertEquals("fe80::9", v2.get("icmpv6.mld.source_address"));

    Result report = one(e, "6000000000443aff" + LL1 + ALL + "8f00aba900000002"
        + "04000001ff020000000000000000000000010003fe800000000000000000000000000005"
        + "03010000ff0200000000000000000000000000fb61616161", 2);
    assertEquals("2", report.get("icmpv6.mldr.nb_mcast_records"));
    assertEquals("4,3", report.get("icmpv6.mldr.mar.record_type"));
    assertEquals("0,1", report.get("icmpv6.mldr.mar.aux_data_len"));
    assertEquals("1,0", report.get("icmpv6.mldr.mar.nb_sources"));
    assertEquals("ff02::1:3,ff02::fb", report.get("icmpv6.mldr.mar.multicast_address"));
    assertEquals("fe80::5", report.get("icmpv6.mldr.mar.source_address"));
    assertEquals("61616161", report.get("icmpv6.mldr.mar.auxiliary_data"));
    assertEquals("Multicast Listener Report Message v2", report.info);

    Result unknown = one(e, "6000000000083aff" + LL1 + ALL + "c800757061626364", 3);
    assertEquals("61626364", unknown.get("icmpv6.data"));
    assertEquals("Private experimentation", unknown.info);
  }

  @Test
  void errorsQuoteTheIpv6Packet() {
    DissectionEngine e = new DissectionEngine();
    Result exceeded = one(e, "6000000000393aff" + LL9 + LL2 + "03008e5000000000" + QUOTED_UDP, 0);
    assertEquals("eth:ethertype:ipv6:icmpv6:ipv6:udp:data", exceeded.protocols);
    assertEquals("00000000", exceeded.get("icmpv6.reserved"));
    assertEquals("fe80::9,fe80::2", exceeded.get("ipv6.src"));
    assertEquals("0", exceeded.get("udp.stream"));
    assertEquals("Time Exceeded (hop limit exceeded in transit)", exceeded.ownInfo.get("icmpv6"));
    assertEquals("ICMPv6", exceeded.protocol);
    assertEquals("Time Exceeded (hop limit exceeded in transit)", exceeded.info);

    Result problem = one(e, "6000000000393aff" + LL9 + LL2 + "04018d2700000028" + QUOTED_UDP, 1);
    assertEquals("40", problem.get("icmpv6.pointer"));
    assertEquals("Parameter Problem (unrecognized Next Header type encountered)", problem.ownInfo.get("icmpv6"));

    Result unreachable = one(e, "6000000000393aff" + LL9 + LL2 + "0109904700000000" + QUOTED_UDP, 2);
    assertEquals("Destination Unreachable (Unknown)", unreachable.ownInfo.get("icmpv6"));
  }
}

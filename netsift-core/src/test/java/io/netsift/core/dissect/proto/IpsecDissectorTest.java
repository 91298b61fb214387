package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.LayerTestFrames.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.capture.LinkType;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Stateless;
import io.netsift.core.field.FieldRegistry;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ESP, AH and UDP-encapsulated IPsec over inline frames (from scripts/tunnels/crafted.py): the
 * encrypted payload stays in the ESP layer, AH hands on to its next header over IPv4 and IPv6,
 * and port 4500 tells NAT-keepalives, IKE behind the non-ESP marker and ESP apart. Expected
 * values: tshark 4.0.17 on the same bytes.
 */
class IpsecDissectorTest {
  @Test
  void esp() {
    expect(dissect(LinkType.ETHERNET, "00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00 00 3c 00 01 00 00 40 32 66 8d 0a 00 00 01 0a 00 00 02 de ad be ef 00 00 00 2a 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10 11 12 13 14 15 16 17 18 19 1a 1b 1c 1d 1e 1f"),
        "esp.spi", "0xdeadbeef",
        "esp.sequence", "42",
        "frame.protocols", "eth:ethertype:ip:esp",
        "_ws.col.Protocol", "ESP",
        "_ws.col.Info", "ESP (SPI=0xdeadbeef)");
  }

  /**
   * Sequence analysis keys on the SPI alone (zeek__ip6_esp.pcap reuses SPIs 10 to 13 towards
   * other hosts), numbers the missing ones forward and the rest as "less than expected". Rows:
   * tshark 4.0 {@code -T fields -e esp.sequence-analysis.expected-sn -e ...previous-frame -e
   * _ws.expert} on the same files.
   */
  @Test
  void sequenceAnalysisMatchesTshark() throws IOException {
    String[] names = {"esp.sequence-analysis.expected-sn", "esp.sequence-analysis.previous-frame", "_ws.expert"};
    List<String> rows = TextAppsCorpus.fields("zeek__ip6_esp.pcap", names);
    assertEquals("\t\t", TextAppsCorpus.row(rows, 41));
    assertEquals("11\t11\tExpert Info (Warning/Sequence): Wrong Sequence Number for SPI 0000000a - 10 less than expected",
        TextAppsCorpus.row(rows, 42));
    assertEquals("\t\t", TextAppsCorpus.row(rows, 43));
    assertEquals("11\t41\tExpert Info (Warning/Sequence): Wrong Sequence Number for SPI 0000000d - 10 less than expected",
        TextAppsCorpus.row(rows, 72));
    assertEquals(4, rows.stream().filter(r -> !r.equals("\t\t")).count());
    rows = TextAppsCorpus.fields("ndpi__ipsec_isakmp_esp.pcap", names);
    assertEquals("3\t572\tExpert Info (Warning/Sequence): Wrong Sequence Number for SPI c4c0e3f5 - 1 missing",
        TextAppsCorpus.row(rows, 573));
    assertEquals(1, rows.stream().filter(r -> !r.equals("\t\t")).count());
  }

  /** A chunk of a parallel read starts without the packets before it: no sequence analysis. */
  @Test
  void sequenceAnalysisNeedsTheInOrderPass() {
    assertTrue(Stateless.fields(List.of("esp.spi", "esp.sequence"), Protocols.standard(), FieldRegistry.standard(), false));
    assertFalse(Stateless.fields(List.of("esp.sequence-analysis.expected-sn"), Protocols.standard(),
        FieldRegistry.standard(), false));
  }

  @Test
  void ahOverIpv4AndIpv6() {
    expect(dissect(LinkType.ETHERNET, "00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00 00 40 00 01 00 00 40 33 66 88 0a 00 00 01 0a 00 00 02 06 04 00 00 00 00 01 00 00 00 00 03 00 00 00 00 00 00 00 00 00 00 00 00 9c 44 01 bb 00 00 03 e8 00 00 00 00 50 02 20 00 00 00 00 00"),
        "ah.next_header", "6",
        "ah.length", "4",
        "ah.spi", "0x00000100",
        "ah.sequence", "3",
        "ah.icv", "000000000000000000000000",
        "frame.protocols", "eth:ethertype:ip:ah:tcp",
        "_ws.col.Protocol", "TCP");
    expect(dissect(LinkType.ETHERNET, "00 11 22 33 44 55 00 66 77 88 99 aa 86 dd 60 00 00 00 00 24 33 40 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 02 3a 04 00 00 00 00 02 00 00 00 00 09 00 01 02 03 04 05 06 07 08 09 0a 0b 80 00 45 67 00 09 00 03 70 69 6e 67"),
        "ah.next_header", "58",
        "ah.spi", "0x00000200",
        "ah.icv", "000102030405060708090a0b",
        "frame.protocols", "eth:ethertype:ipv6:ah:icmpv6:data",
        "_ws.col.Info", "Echo (ping) request id=0x0009, seq=3, hop limit=64");
  }

  @Test
  void natTraversal() {
    expect(dissect(LinkType.ETHERNET, "00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00 00 1d 00 01 00 00 40 11 66 cd 0a 00 00 01 0a 00 00 02 11 94 11 94 00 09 00 00 ff"),
        "udpencap.nat_keepalive", "1",
        "frame.protocols", "eth:ethertype:ip:udp:udpencap",
        "_ws.col.Protocol", "UDPENCAP",
        "_ws.col.Info", "NAT-keepalive");
    expect(dissect(LinkType.ETHERNET, "00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00 00 3c 00 01 00 00 40 11 66 ae 0a 00 00 01 0a 00 00 02 11 94 11 94 00 28 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"),
        "udpencap.non_esp_marker", "1");
    expect(dissect(LinkType.ETHERNET, "00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00 00 3c 00 01 00 00 40 11 66 ae 0a 00 00 01 0a 00 00 02 11 94 11 94 00 28 00 00 01 02 03 04 00 00 00 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"),
        "esp.spi", "0x01020304",
        "esp.sequence", "1",
        "frame.protocols", "eth:ethertype:ip:udp:udpencap:esp",
        "_ws.col.Info", "ESP (SPI=0x01020304)");
  }

  /** IP-in-IP and 6in4 (with 6to4 addresses) need no dissector of their own. */
  @Test
  void ipInIp() {
    expect(dissect(LinkType.ETHERNET, "00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00 00 3c 00 01 00 00 40 04 66 bb 0a 00 00 01 0a 00 00 02 45 00 00 28 00 01 00 00 40 11 eb 70 c0 a8 07 01 c0 a8 07 02 00 35 00 35 00 14 00 00 00 00 00 00 00 00 00 00 00 00 00 00"),
        "frame.protocols", "eth:ethertype:ip:ip:udp:dns",
        "_ws.col.Info", "Standard query 0x0000");
    expect(dissect(LinkType.ETHERNET, "00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00 00 50 00 01 00 00 40 29 8e 4e c0 00 02 01 c6 33 64 01 60 00 00 00 00 14 06 40 20 02 c0 00 02 01 00 00 00 00 00 00 00 00 00 01 20 02 c6 33 64 01 00 00 00 00 00 00 00 00 00 02 9c 45 00 50 00 00 03 e8 00 00 00 00 50 02 20 00 00 00 00 00"),
        "ipv6.src_6to4_gw_ipv4", "192.0.2.1",
        "frame.protocols", "eth:ethertype:ip:ipv6:tcp");
  }
}

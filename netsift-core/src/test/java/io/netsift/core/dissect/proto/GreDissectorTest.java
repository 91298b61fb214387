package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.LayerTestFrames.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netsift.core.capture.LinkType;
import io.netsift.core.dissect.Dissection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GRE over inline frames (from scripts/tunnels/crafted.py): optional words, checksum
 * verification, dispatch through GRE's own table (no ethertype layer) and ERSPAN types I and
 * III. Expected values: tshark 4.0.17 on the same bytes; the corpus comparison is
 * {@link TunnelCorpusTest}.
 */
class GreDissectorTest {
  /** Checksum, key and sequence number present; IPv4/UDP inside; the checksum is right. */
  @Test
  void checksumKeyAndSequence() {
    Dissection d = dissect(LinkType.ETHERNET, "00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00 00 45 00 01 00 00 40 2f 66 87 0a 00 00 01 0a 00 00 02 b0 00 08 00 d6 e4 00 00 00 00 12 34 00 00 00 07 45 00 00 21 00 01 00 00 40 11 f7 77 c0 a8 01 01 c0 a8 01 02 04 d2 16 2e 00 0d 00 00 68 65 6c 6c 6f");
    expect(d,
        "gre.flags_and_version", "0xb000",
        "gre.proto", "0x0800",
        "gre.checksum", "0xd6e4",
        "gre.checksum.status", "1",
        "gre.offset", "0",
        "gre.key", "0x00001234",
        "gre.sequence_number", "7",
        "ip.src", "10.0.0.1,192.168.1.1",
        "frame.protocols", "eth:ethertype:ip:gre:ip:udp:data",
        "_ws.col.Protocol", "UDP",
        "_ws.col.Info", "1234 \u2192 5678 Len=5");
    assertEquals(List.of("Generic Routing Encapsulation (IP)"), labels(d, "gre"));
  }

  /** A wrong checksum is reported with the value it should have had. */
  @Test
  void badChecksum() {
    Dissection d = dissect(LinkType.ETHERNET, "00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00 00 4d 00 01 00 00 40 2f 66 7f 0a 00 00 01 0a 00 00 02 80 00 86 dd ff 00 00 00 60 00 00 00 00 09 11 40 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 02 cf 08 27 0f 00 09 36 4f 78");
    expect(d,
        "gre.checksum", "0xff00",
        "gre.checksum.status", "0",
        "frame.protocols", "eth:ethertype:ip:gre:ipv6:udp:data");
    assertEquals(List.of("gre.checksum.incorrect: Incorrect GRE Checksum [should be 0x87f2]"), experts(d));
  }

  /** Protocol 0x88be without a sequence number is ERSPAN type I: no header, Ethernet follows. */
  @Test
  void erspanTypeOne() {
    Dissection d = dissect(LinkType.ETHERNET, "00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00 00 4a 00 01 00 00 40 2f 66 82 0a 00 00 01 0a 00 00 02 00 00 88 be 00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00 00 24 00 01 00 00 40 01 22 b5 ac 10 00 01 ac 10 00 02 08 00 66 62 00 07 00 01 61 62 63 64 65 66 67 68");
    expect(d,
        "frame.protocols", "eth:ethertype:ip:gre:erspan:eth:ethertype:ip:icmp:data",
        "erspan.version", "",
        "_ws.col.Protocol", "ICMP");
    assertEquals(List.of("Generic Routing Encapsulation (ERSPAN)",
        "Encapsulated Remote Switch Packet ANalysis Type I"), labels(d, "gre", "erspan"));
  }

  /** ERSPAN type III (0x22eb) with the platform-specific sub-header of platform 3. */
  @Test
  void erspanTypeThree() {
    Dissection d = dissect(LinkType.ETHERNET, "00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00 00 5a 00 01 00 00 40 2f 66 72 0a 00 00 01 0a 00 00 02 10 00 22 eb 00 00 00 63 20 64 04 05 01 02 03 04 00 2a 80 3b 0c 00 00 4d aa bb cc dd 00 11 22 33 44 55 00 66 77 88 99 aa 08 06 00 01 08 00 06 04 00 01 00 66 77 88 99 aa c0 a8 01 01 00 00 00 00 00 00 c0 a8 01 02");
    expect(d,
        "gre.sequence_number", "99",
        "erspan.version", "2",
        "erspan.vlan", "100",
        "erspan.spanid", "5",
        "erspan.timestamp", "16909060",
        "erspan.sgt", "42",
        "erspan.hw", "3",
        "erspan.direction", "1",
        "erspan.platid", "3",
        "erspan.pid3.port_index", "77",
        "erspan.pid3.timestamp", "2864434397",
        "frame.protocols", "eth:ethertype:ip:gre:erspan:eth:ethertype:arp",
        "_ws.col.Info", "Who has 192.168.1.2? Tell 192.168.1.1");
    assertEquals(List.of("Encapsulated Remote Switch Packet ANalysis Type III"), labels(d, "erspan"));
  }

  /** A GRE type with no dissector: the payload is data, the Info names the number. */
  @Test
  void unknownType() {
    Dissection d = dissect(LinkType.ETHERNET, "00 11 22 33 44 55 00 66 77 88 99 aa 08 00 45 00 00 1b 00 01 00 00 40 2f 66 b1 0a 00 00 01 0a 00 00 02 00 00 12 34 01 02 03");
    expect(d,
        "frame.protocols", "eth:ethertype:ip:gre:data",
        "_ws.col.Protocol", "GRE",
        "_ws.col.Info", "Encapsulated 0x1234 (unknown)");
    assertEquals(List.of("Generic Routing Encapsulation (0x1234 - unknown)"), labels(d, "gre"));
  }
}

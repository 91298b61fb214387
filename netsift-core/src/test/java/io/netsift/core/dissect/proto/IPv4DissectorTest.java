package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.LayerTestFrames.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.capture.LinkType;
import io.netsift.core.dissect.Dissection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * IPv4 over inline frames: header fields, options, fragments, bogus lengths, padding. Expected
 * values: tshark 4.0.17 on the same bytes.
 */
class IPv4DissectorTest {
  /**
   * IPv4 over raw IP (link type 101), protocol 253 (experimental, no dissector), DF set, 8 bytes
   * of data.
   *
   * <pre>
   * 0000  45 00 00 1c 12 34 40 00 40 fd 00 00 c0 a8 00 01
   * 0010  c0 a8 00 02 01 02 03 04 05 06 07 08
   * </pre>
   */
  @Test
  void datagramOfUnknownProtocol() {
    Dissection d = dissect(LinkType.RAW,
        "45 00 00 1c 12 34 40 00 40 fd 00 00 c0 a8 00 01 "
        + "c0 a8 00 02 01 02 03 04 05 06 07 08 ");
    expect(d,
        "ip.version", "4",
        "ip.hdr_len", "20",
        "ip.dsfield", "0x00",
        "ip.dsfield.dscp", "0",
        "ip.dsfield.ecn", "0",
        "ip.len", "28",
        "ip.id", "0x1234",
        "ip.flags", "0x02",
        "ip.flags.rb", "0",
        "ip.flags.df", "1",
        "ip.flags.mf", "0",
        "ip.frag_offset", "0",
        "ip.ttl", "64",
        "ip.proto", "253",
        "ip.checksum", "0x0000",
        "ip.checksum.status", "2",
        "ip.src", "192.168.0.1",
        "ip.dst", "192.168.0.2",
        "ip.addr", "192.168.0.1,192.168.0.2",
        "ip.src_host", "192.168.0.1",
        "ip.dst_host", "192.168.0.2",
        "ip.host", "192.168.0.1,192.168.0.2",
        "frame.protocols", "raw:ip:data",
        "_ws.col.Protocol", "IPv4",
        "_ws.col.Info", "Unknown (253)",
        "_ws.col.Source", "192.168.0.1",
        "_ws.col.Destination", "192.168.0.2");
    assertEquals(List.of("Raw packet data", "Internet Protocol Version 4, Src: 192.168.0.1, Dst: 192.168.0.2"),
        labels(d, "ip", "raw"));
  }

  /**
   * A first fragment (MF) with NOP, Record Route, Time Stamp, Router Alert, Loose Source Route
   * and EOL options; the route's last hop is the destination.
   *
   * <pre>
   * 0000  4e 00 00 40 12 34 20 00 01 11 00 00 0a 00 00 01
   * 0010  0a 00 00 02 01 07 07 04 00 00 00 00 44 0c 05 01
   * 0020  00 00 00 01 00 00 00 0c 94 04 00 00 83 0b 04 0a
   * 0030  00 00 01 0a 00 00 02 00 30 39 30 39 00 08 ff ff
   * </pre>
   */
  @Test
  void optionsSourceRouteAndFirstFragment() {
    Dissection d = dissect(LinkType.RAW,
        "4e 00 00 40 12 34 20 00 01 11 00 00 0a 00 00 01 "
        + "0a 00 00 02 01 07 07 04 00 00 00 00 44 0c 05 01 "
        + "00 00 00 01 00 00 00 0c 94 04 00 00 83 0b 04 0a "
        + "00 00 01 0a 00 00 02 00 30 39 30 39 00 08 ff ff ");
    expect(d,
        "ip.version", "4",
        "ip.hdr_len", "56",
        "ip.dsfield", "0x00",
        "ip.dsfield.dscp", "0",
        "ip.dsfield.ecn", "0",
        "ip.len", "64",
        "ip.id", "0x1234",
        "ip.flags", "0x01",
        "ip.flags.rb", "0",
        "ip.flags.df", "0",
        "ip.flags.mf", "1",
        "ip.frag_offset", "0",
        "ip.ttl", "1",
        "ip.proto", "17",
        "ip.checksum", "0x0000",
        "ip.checksum.status", "2",
        "ip.src", "10.0.0.1",
        "ip.dst", "10.0.0.2",
        "ip.addr", "10.0.0.1,10.0.0.2",
        "ip.src_host", "10.0.0.1",
        "ip.dst_host", "10.0.0.2",
        "ip.host", "10.0.0.1,10.0.0.2",
        "ip.cur_rt", "10.0.0.2",
        "ip.opt.type", "1,7,68,148,131,0",
        "ip.opt.type.copy", "0,0,0,1,1,0",
        "ip.opt.type.class", "0,0,2,0,0,0",
        "ip.opt.type.number", "1,7,4,20,3,0",
        "ip.opt.len", "7,12,4,11",
        "ip.opt.ptr", "4,5,4",
        "ip.opt.ra", "0",
        "ip.opt.overflow", "0",
        "ip.opt.flag", "0x01",
        "ip.opt.time_stamp", "12",
        "ip.opt.time_stamp_addr", "0.0.0.1",
        "ip.empty_rt", "0.0.0.0",
        "ip.src_rt", "10.0.0.1",
        "frame.protocols", "raw:ip:data",
        "_ws.col.Protocol", "IPv4",
        "_ws.col.Info", "Fragmented IP protocol (proto=UDP 17, off=0, ID=1234)",
        "_ws.col.Source", "10.0.0.1",
        "_ws.col.Destination", "10.0.0.2");
    assertEquals(List.of("Raw packet data", "Internet Protocol Version 4, Src: 10.0.0.1, Dst: 10.0.0.2, Via: 10.0.0.2"),
        labels(d, "ip", "raw"));
    assertEquals(List.of("ip.ttl.too_small: \"Time To Live\" only 1"), experts(d));
  }

  /**
   * A fragment at offset 16 (2 * 8 bytes) of a UDP datagram.
   *
   * <pre>
   * 0000  45 00 00 1c 00 01 00 02 40 11 ff ff 0a 00 00 01
   * 0010  0a 00 00 02 30 39 30 39 00 08 ff ff
   * </pre>
   */
  @Test
  void laterFragment() {
    Dissection d = dissect(LinkType.RAW,
        "45 00 00 1c 00 01 00 02 40 11 ff ff 0a 00 00 01 "
        + "0a 00 00 02 30 39 30 39 00 08 ff ff ");
    expect(d,
        "ip.version", "4",
        "ip.hdr_len", "20",
        "ip.dsfield", "0x00",
        "ip.dsfield.dscp", "0",
        "ip.dsfield.ecn", "0",
        "ip.len", "28",
        "ip.id", "0x0001",
        "ip.flags", "0x00",
        "ip.flags.rb", "0",
        "ip.flags.df", "0",
        "ip.flags.mf", "0",
        "ip.frag_offset", "2",
        "ip.ttl", "64",
        "ip.proto", "17",
        "ip.checksum", "0xffff",
        "ip.checksum.status", "2",
        "ip.src", "10.0.0.1",
        "ip.dst", "10.0.0.2",
        "ip.addr", "10.0.0.1,10.0.0.2",
        "ip.src_host", "10.0.0.1",
        "ip.dst_host", "10.0.0.2",
        "ip.host", "10.0.0.1,10.0.0.2",
        "frame.protocols", "raw:ip:data",
        "_ws.col.Protocol", "IPv4",
        "_ws.col.Info", "Fragmented IP protocol (proto=UDP 17, off=16, ID=0001)",
        "_ws.col.Source", "10.0.0.1",
        "_ws.col.Destination", "10.0.0.2");
    assertEquals(List.of("Raw packet data", "Internet Protocol Version 4, Src: 10.0.0.1, Dst: 10.0.0.2"),
        labels(d, "ip", "raw"));
  }

  /**
   * IHL 3 (12 bytes): tshark stops after the header length.
   *
   * <pre>
   * 0000  43 00 00 1c 00 01 00 00 40 fd 00 00 0a 00 00 01
   * 0010  0a 00 00 02
   * </pre>
   */
  @Test
  void bogusHeaderLength() {
    Dissection d = dissect(LinkType.RAW,
        "43 00 00 1c 00 01 00 00 40 fd 00 00 0a 00 00 01 "
        + "0a 00 00 02 ");
    expect(d,
        "ip.version", "4",
        "ip.hdr_len", "12",
        "frame.protocols", "raw:ip",
        "_ws.col.Protocol", "IPv4",
        "_ws.col.Info", "Bogus IP header length (12, must be at least 20)",
        "_ws.col.Source", "N/A",
        "_ws.col.Destination", "N/A");
    assertEquals(List.of("Raw packet data", "Internet Protocol Version 4"),
        labels(d, "ip", "raw"));
    assertEquals(List.of("ip.bogus_header_length: Bogus IP header length (12, must be at least 20)"), experts(d));
  }

  /**
   * Total Length 10, below the 20-byte header.
   *
   * <pre>
   * 0000  45 00 00 0a 00 01 00 00 40 fd 00 00 0a 00 00 01
   * 0010  0a 00 00 02
   * </pre>
   */
  @Test
  void bogusTotalLength() {
    Dissection d = dissect(LinkType.RAW,
        "45 00 00 0a 00 01 00 00 40 fd 00 00 0a 00 00 01 "
        + "0a 00 00 02 ");
    expect(d,
        "ip.version", "4",
        "ip.hdr_len", "20",
        "ip.dsfield", "0x00",
        "ip.dsfield.dscp", "0",
        "ip.dsfield.ecn", "0",
        "ip.len", "10",
        "frame.protocols", "raw:ip",
        "_ws.col.Protocol", "IPv4",
        "_ws.col.Info", "Bogus IP length (10, less than header length 20)",
        "_ws.col.Source", "N/A",
        "_ws.col.Destination", "N/A");
    assertEquals(List.of("Raw packet data", "Internet Protocol Version 4"),
        labels(d, "ip", "raw"));
    assertEquals(List.of("ip.bogus_ip_length: Bogus IP length"), experts(d));
  }

  /**
   * Total Length 0 (TCP segmentation offload): the length is taken from the frame.
   *
   * <pre>
   * 0000  45 00 00 00 00 01 00 00 40 fd 00 00 0a 00 00 01
   * 0010  0a 00 00 02 01 02 03 04
   * </pre>
   */
  @Test
  void zeroTotalLengthIsTso() {
    Dissection d = dissect(LinkType.RAW,
        "45 00 00 00 00 01 00 00 40 fd 00 00 0a 00 00 01 "
        + "0a 00 00 02 01 02 03 04 ");
    expect(d,
        "ip.version", "4",
        "ip.hdr_len", "20",
        "ip.dsfield", "0x00",
        "ip.dsfield.dscp", "0",
        "ip.dsfield.ecn", "0",
        "ip.len", "24",
        "ip.id", "0x0001",
        "ip.flags", "0x00",
        "ip.flags.rb", "0",
        "ip.flags.df", "0",
        "ip.flags.mf", "0",
        "ip.frag_offset", "0",
        "ip.ttl", "64",
        "ip.proto", "253",
        "ip.checksum", "0x0000",
        "ip.checksum.status", "2",
        "ip.src", "10.0.0.1",
        "ip.dst", "10.0.0.2",
        "ip.addr", "10.0.0.1,10.0.0.2",
        "ip.src_host", "10.0.0.1",
        "ip.dst_host", "10.0.0.2",
        "ip.host", "10.0.0.1,10.0.0.2",
        "frame.protocols", "raw:ip:data",
        "_ws.col.Protocol", "IPv4",
        "_ws.col.Info", "Unknown (253)",
        "_ws.col.Source", "10.0.0.1",
        "_ws.col.Destination", "10.0.0.2");
    assertEquals(List.of("Raw packet data", "Internet Protocol Version 4, Src: 10.0.0.1, Dst: 10.0.0.2"),
        labels(d, "ip", "raw"));
  }

  /**
   * A 60-byte Ethernet frame: the 28-byte datagram ends early and the rest is padding.
   *
   * <pre>
   * 0000  ff ff ff ff ff ff 00 11 22 33 44 55 08 00 45 00
   * 0010  00 1c 12 34 40 00 40 fd 00 00 c0 a8 00 01 c0 a8
   * 0020  00 02 01 02 03 04 05 06 07 08 00 00 00 00 00 00
   * 0030  00 00 00 00 00 00 00 00 00 00 00 00
   * </pre>
   */
  @Test
  void paddedEthernetFrame() {
    Dissection d = dissect(LinkType.ETHERNET,
        "ff ff ff ff ff ff 00 11 22 33 44 55 08 00 45 00 "
        + "00 1c 12 34 40 00 40 fd 00 00 c0 a8 00 01 c0 a8 "
        + "00 02 01 02 03 04 05 06 07 08 00 00 00 00 00 00 "
        + "00 00 00 00 00 00 00 00 00 00 00 00 ");
    expect(d,
        "ip.version", "4",
        "ip.hdr_len", "20",
        "ip.dsfield", "0x00",
        "ip.dsfield.dscp", "0",
        "ip.dsfield.ecn", "0",
        "ip.len", "28",
        "ip.id", "0x1234",
        "ip.flags", "0x02",
        "ip.flags.rb", "0",
        "ip.flags.df", "1",
        "ip.flags.mf", "0",
        "ip.frag_offset", "0",
        "ip.ttl", "64",
        "ip.proto", "253",
        "ip.checksum", "0x0000",
        "ip.checksum.status", "2",
        "ip.src", "192.168.0.1",
        "ip.dst", "192.168.0.2",
        "ip.addr", "192.168.0.1,192.168.0.2",
        "ip.src_host", "192.168.0.1",
        "ip.dst_host", "192.168.0.2",
        "ip.host", "192.168.0.1,192.168.0.2",
        "eth.padding", "000000000000000000000000000000000000",
        "frame.protocols", "eth:ethertype:ip:data",
        "_ws.col.Protocol", "IPv4",
        "_ws.col.Info", "Unknown (253)",
        "_ws.col.Source", "192.168.0.1",
        "_ws.col.Destination", "192.168.0.2");
    assertEquals(List.of("Internet Protocol Version 4, Src: 192.168.0.1, Dst: 192.168.0.2"),
        labels(d, "ip"));
  }

}

package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.LayerTestFrames.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.capture.LinkType;
import io.netsift.core.dissect.Dissection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Raw IP link types 101, 228 and 229. Expected values: tshark 4.0.17 on the same bytes.
 */
class RawIpDissectorTest {
  /**
   * LINKTYPE_RAW (101) with an IPv4 datagram.
   *
   * <pre>
   * 0000  45 00 00 1c 12 34 40 00 40 fd 00 00 c0 a8 00 01
   * 0010  c0 a8 00 02 01 02 03 04 05 06 07 08
   * </pre>
   */
  @Test
  void rawIpv4() {
    Dissection d = dissect(LinkType.RAW,
        "45 00 00 1c 12 34 40 00 40 fd 00 00 c0 a8 00 01 "
        + "c0 a8 00 02 01 02 03 04 05 06 07 08 ");
    expect(d,
        "frame.protocols", "raw:ip:data",
        "_ws.col.Protocol", "IPv4",
        "_ws.col.Info", "Unknown (253)",
        "_ws.col.Source", "192.168.0.1",
        "_ws.col.Destination", "192.168.0.2");
    assertEquals(List.of("Raw packet data", "Internet Protocol Version 4, Src: 192.168.0.1, Dst: 192.168.0.2"),
        labels(d, "ip", "raw"));
  }

  /**
   * LINKTYPE_RAW (101) with an IPv6 packet.
   *
   * <pre>
   * 0000  60 00 00 00 00 00 3b 40 20 01 0d b8 00 00 00 00
   * 0010  00 00 00 00 00 00 00 01 20 01 0d b8 00 00 00 00
   * 0020  00 00 00 00 00 00 00 02
   * </pre>
   */
  @Test
  void rawIpv6() {
    Dissection d = dissect(LinkType.RAW,
        "60 00 00 00 00 00 3b 40 20 01 0d b8 00 00 00 00 "
        + "00 00 00 00 00 00 00 01 20 01 0d b8 00 00 00 00 "
        + "00 00 00 00 00 00 00 02 ");
    expect(d,
        "frame.protocols", "raw:ipv6",
        "_ws.col.Protocol", "IPv6",
        "_ws.col.Info", "IPv6 no next header",
        "_ws.col.Source", "2001:db8::1",
        "_ws.col.Destination", "2001:db8::2");
    assertEquals(List.of("Raw packet data", "Internet Protocol Version 6, Src: 2001:db8::1, Dst: 2001:db8::2"),
        labels(d, "ipv6", "raw"));
  }

  /**
   * LINKTYPE_IPV4 (228): straight to IPv4, no raw layer.
   *
   * <pre>
   * 0000  45 00 00 1c 12 34 40 00 40 fd 00 00 c0 a8 00 01
   * 0010  c0 a8 00 02 01 02 03 04 05 06 07 08
   * </pre>
   */
  @Test
  void linkTypeIpv4() {
    Dissection d = dissect(LinkType.IPV4,
        "45 00 00 1c 12 34 40 00 40 fd 00 00 c0 a8 00 01 "
        + "c0 a8 00 02 01 02 03 04 05 06 07 08 ");
    expect(d,
        "frame.protocols", "ip:data",
        "_ws.col.Protocol", "IPv4",
        "_ws.col.Info", "Unknown (253)",
        "_ws.col.Source", "192.168.0.1",
        "_ws.col.Destination", "192.168.0.2");
    assertEquals(List.of("Internet Protocol Version 4, Src: 192.168.0.1, Dst: 192.168.0.2"),
        labels(d, "ip"));
  }

  /**
   * LINKTYPE_IPV6 (229): straight to IPv6.
   *
   * <pre>
   * 0000  60 00 00 00 00 00 3b 40 20 01 0d b8 00 00 00 00
   * 0010  00 00 00 00 00 00 00 01 20 01 0d b8 00 00 00 00
   * 0020  00 00 00 00 00 00 00 02
   * </pre>
   */
  @Test
  void linkTypeIpv6() {
    Dissection d = dissect(LinkType.IPV6,
        "60 00 00 00 00 00 3b 40 20 01 0d b8 00 00 00 00 "
        + "00 00 00 00 00 00 00 01 20 01 0d b8 00 00 00 00 "
        + "00 00 00 00 00 00 00 02 ");
    expect(d,
        "frame.protocols", "ipv6",
        "_ws.col.Protocol", "IPv6",
        "_ws.col.Info", "IPv6 no next header",
        "_ws.col.Source", "2001:db8::1",
        "_ws.col.Destination", "2001:db8::2");
    assertEquals(List.of("Internet Protocol Version 6, Src: 2001:db8::1, Dst: 2001:db8::2"),
        labels(d, "ipv6"));
  }

}

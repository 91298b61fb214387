package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.LayerTestFrames.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.capture.LinkType;
import io.netsift.core.dissect.Dissection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * BSD null/loopback headers in both byte orders, and OpenBSD loop. Expected values: tshark 4.0.17
 * on the same bytes.
 */
class NullDissectorTest {
  /**
   * LINKTYPE_NULL written by a little-endian host: AF_INET = 2.
   *
   * <pre>
   * 0000  02 00 00 00 45 00 00 1c 12 34 40 00 40 fd 00 00
   * 0010  c0 a8 00 01 c0 a8 00 02 01 02 03 04 05 06 07 08
   * </pre>
   */
  @Test
  void littleEndianFamily() {
    Dissection d = dissect(LinkType.NULL,
        "02 00 00 00 45 00 00 1c 12 34 40 00 40 fd 00 00 "
        + "c0 a8 00 01 c0 a8 00 02 01 02 03 04 05 06 07 08 ");
    expect(d,
        "null.family", "2",
        "frame.protocols", "null:ip:data",
        "_ws.col.Protocol", "IPv4",
        "_ws.col.Info", "Unknown (253)",
        "_ws.col.Source", "192.168.0.1",
        "_ws.col.Destination", "192.168.0.2");
    assertEquals(List.of("Null/Loopback", "Internet Protocol Version 4, Src: 192.168.0.1, Dst: 192.168.0.2"),
        labels(d, "ip", "null"));
  }

  /**
   * LINKTYPE_NULL from a big-endian host: the family is byte-swapped back.
   *
   * <pre>
   * 0000  00 00 00 02 45 00 00 1c 12 34 40 00 40 fd 00 00
   * 0010  c0 a8 00 01 c0 a8 00 02 01 02 03 04 05 06 07 08
   * </pre>
   */
  @Test
  void bigEndianFamily() {
    Dissection d = dissect(LinkType.NULL,
        "00 00 00 02 45 00 00 1c 12 34 40 00 40 fd 00 00 "
        + "c0 a8 00 01 c0 a8 00 02 01 02 03 04 05 06 07 08 ");
    expect(d,
        "null.family", "2",
        "frame.protocols", "null:ip:data",
        "_ws.col.Protocol", "IPv4",
        "_ws.col.Info", "Unknown (253)",
        "_ws.col.Source", "192.168.0.1",
        "_ws.col.Destination", "192.168.0.2");
    assertEquals(List.of("Null/Loopback", "Internet Protocol Version 4, Src: 192.168.0.1, Dst: 192.168.0.2"),
        labels(d, "ip", "null"));
  }

  /**
   * AF_INET6 as FreeBSD (28) writes it.
   *
   * <pre>
   * 0000  1c 00 00 00 60 00 00 00 00 00 3b 40 20 01 0d b8
   * 0010  00 00 00 00 00 00 00 00 00 00 00 01 20 01 0d b8
   * 0020  00 00 00 00 00 00 00 00 00 00 00 02
   * </pre>
   */
  @Test
  void ipv6Families() {
    Dissection d = dissect(LinkType.NULL,
        "1c 00 00 00 60 00 00 00 00 00 3b 40 20 01 0d b8 "
        + "00 00 00 00 00 00 00 00 00 00 00 01 20 01 0d b8 "
        + "00 00 00 00 00 00 00 00 00 00 00 02 ");
    expect(d,
        "null.family", "28",
        "frame.protocols", "null:ipv6",
        "_ws.col.Protocol", "IPv6",
        "_ws.col.Info", "IPv6 no next header",
        "_ws.col.Source", "2001:db8::1",
        "_ws.col.Destination", "2001:db8::2");
    assertEquals(List.of("Null/Loopback", "Internet Protocol Version 6, Src: 2001:db8::1, Dst: 2001:db8::2"),
        labels(d, "ipv6", "null"));
  }

  /**
   * An old Linux loopback header holding a byte-swapped EtherType (0x0800).
   *
   * <pre>
   * 0000  00 00 08 00 45 00 00 1c 12 34 40 00 40 fd 00 00
   * 0010  c0 a8 00 01 c0 a8 00 02 01 02 03 04 05 06 07 08
   * </pre>
   */
  @Test
  void ethertypeHeader() {
    Dissection d = dissect(LinkType.NULL,
        "00 00 08 00 45 00 00 1c 12 34 40 00 40 fd 00 00 "
        + "c0 a8 00 01 c0 a8 00 02 01 02 03 04 05 06 07 08 ");
    expect(d,
        "null.type", "0x0800",
        "frame.protocols", "null:ip:data",
        "_ws.col.Protocol", "IPv4",
        "_ws.col.Info", "Unknown (253)",
        "_ws.col.Source", "192.168.0.1",
        "_ws.col.Destination", "192.168.0.2");
    assertEquals(List.of("Null/Loopback", "Internet Protocol Version 4, Src: 192.168.0.1, Dst: 192.168.0.2"),
        labels(d, "ip", "null"));
  }

  /**
   * LINKTYPE_LOOP (108): network byte order, so 02 00 00 00 is an unknown family.
   *
   * <pre>
   * 0000  02 00 00 00 45 00 00 1c 12 34 40 00 40 fd 00 00
   * 0010  c0 a8 00 01 c0 a8 00 02 01 02 03 04 05 06 07 08
   * </pre>
   */
  @Test
  void loopIsNetworkOrder() {
    Dissection d = dissect(LinkType.LOOP,
        "02 00 00 00 45 00 00 1c 12 34 40 00 40 fd 00 00 "
        + "c0 a8 00 01 c0 a8 00 02 01 02 03 04 05 06 07 08 ");
    expect(d,
        "null.family", "33554432",
        "frame.protocols", "null:data",
        "_ws.col.Protocol", "N/A",
        "_ws.col.Info", "Null/Loopback",
        "_ws.col.Source", "N/A",
        "_ws.col.Destination", "N/A");
    assertEquals(List.of("Null/Loopback"),
        labels(d, "null"));
  }

}

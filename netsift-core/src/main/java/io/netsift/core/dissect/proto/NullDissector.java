package io.netsift.core.dissect.proto;

import io.netsift.core.capture.LinkType;
import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/**
 * BSD loopback encapsulation: LINKTYPE_NULL (0), a 4-byte address family in the byte order of
 * the capturing host, and LINKTYPE_LOOP (108), the same in network byte order
 * (https://www.tcpdump.org/linktypes/LINKTYPE_NULL.html).
 *
 * <pre>
 * +---------------------------------------------------------------+
 * |              address family (AF_INET = 2, AF_INET6 = 24/28/30) |  4 bytes
 * +---------------------------------------------------------------+
 * </pre>
 *
 * For link type 0 the byte order is guessed as Wireshark's {@code dissect_null} does (AF values
 * are small; an IRIX header puts a 16-bit family in the first two bytes; old Linux captures
 * put a byte-swapped EtherType there). A value above 1500 is an EtherType ({@code null.type}),
 * dispatched without the ethertype hand-off as in tshark.
 */
public final class NullDissector extends Dissector implements Protocols.Registrable {
  public static final Field TYPE = Field.u16("null.type", "Type").hex().labels(EtherTypes::name);
  public static final Field FAMILY = Field.u32("null.family", "Family")
      .labels(ValueNames.parse("2=IP|7=OSI|16=Appletalk|23=Netware IPX/SPX|24=IPv6|28=IPv6|30=IPv6"));

  private static final int HEADER = 4;
  private static final int MAX_802_3_LENGTH = 1500;

  public NullDissector() {
    super("null", "Null/Loopback", "N/A");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.LINK_TYPE, LinkType.NULL, this);
    p.map(Protocols.Table.LINK_TYPE, LinkType.LOOP, this);
  }

  /** The family or EtherType in the header at {@code p}, for link type {@code linkType}. */
  static long header(byte[] b, int p, int linkType) {
    if (linkType == LinkType.LOOP) {
      return Bytes.u32(b, p);
    }
    // Read as a little-endian host would (tshark's host order), then undo foreign orders.
    long h = Bytes.u32le(b, p);
    if ((h & 0xffff0000L) != 0) {
      if ((h & 0xff000000L) == 0 && (h & 0x00ff0000L) < 0x00060000L) {
        return h >>> 16; // IRIX/UNICOS snoop: 16-bit family first, right order
      }
      return Long.reverseBytes(h) >>> 32;
    }
    if ((h & 0xff) == 0 && (h & 0xff00) < 0x0600) {
      return ((h & 0xff) << 8) | ((h >> 8) & 0xff); // IRIX header read in the wrong order
    }
    return h;
  }

  /** PPP in HDLC-like framing (RFC 1662) begins with address 0xff and control 0x03. */
  private static boolean ppp(Dissection d, int layer) {
    return d.length(layer) >= 2 && Bytes.u16(d.data(), d.start(layer)) == 0xff03;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    if (ppp(d, layer)) {
      d.payload(s, d.end(layer));
      return d.protocols().byName("ppp"); // tshark's "ppp_hdlc" handle belongs to ppp
    }
    if (d.length(layer) < HEADER) {
      Truncation.report(d, layer, s, HEADER);
      return null;
    }
    long h = header(d.data(), s, d.linkType());
    d.payload(s + HEADER, d.end(layer));
    if (d.linkType() != LinkType.LOOP && h > MAX_802_3_LENGTH) {
      return d.protocols().etherType((int) (h & 0xffff));
    }
    if (h == 2) {
      return d.protocols().byName("ip");
    }
    if (h == 24 || h == 28 || h == 30) {
      return d.protocols().byName("ipv6"); // NetBSD/OpenBSD, FreeBSD, Darwin values of AF_INET6
    }
    return null;
  }

  @Override
  public void fields(Tree t) {
    Dissection d = t.dissection();
    if (!t.has(0, HEADER) || t.u16(0) == 0xff03) {
      return;
    }
    long h = header(t.data(), t.start(), d.linkType());
    if (d.linkType() != LinkType.LOOP && h > MAX_802_3_LENGTH) {
      t.number(TYPE, 0, HEADER, h & 0xffff);
    } else {
      t.number(FAMILY, 0, HEADER, h);
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    if (t.has(0, 2) && t.u16(0) == 0xff03) {
      return;
    }
    c.protocol = columnName();
    c.source = "N/A";
    c.destination = "N/A";
    c.setInfo("Null/Loopback");
  }

  @Override
  public String shortName() {
    return "Null";
  }
}

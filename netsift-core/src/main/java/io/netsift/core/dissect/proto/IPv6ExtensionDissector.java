package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.IPv6Dissector.*;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/**
 * An IPv6 extension header (RFC 8200 section 4): hop-by-hop options (0), routing (43),
 * fragment (44) or destination options (60). Each is its own layer, named as tshark 4.0 names
 * it in frame.protocols ({@code ipv6.hopopts}, {@code ipv6.routing}, {@code ipv6.fraghdr},
 * {@code ipv6.dstopts}); the enclosing {@link IPv6Dissector} walks the fields, which tshark
 * shows nested in the IPv6 tree.
 *
 * <pre>
 * +---------------+---------------+-------------------------------+
 * |  Next Header  |  Hdr Ext Len  |  type-specific data           |  length (Hdr Ext Len + 1) * 8
 * +---------------+---------------+-------------------------------+
 * |  Next Header  |   Reserved    |  Fragment Offset        |Res|M|  fragment header, 8 bytes
 * |                        Identification                         |
 * +---------------------------------------------------------------+
 * </pre>
 *
 * A fragment (offset or M flag set) ends the chain with its payload as data and tshark's
 * "IPv6 fragment (...)" Info, as tshark shows every fragment but the one that completes
 * reassembly (reassembly is a later issue).
 */
public final class IPv6ExtensionDissector extends Dissector implements Protocols.Registrable {
  /** Which extension header this instance dissects. */
  public enum Kind {
    HOP_BY_HOP(0, "ipv6.hopopts", "IPv6 Hop-by-Hop Option"),
    ROUTING(43, "ipv6.routing", "Routing Header for IPv6"),
    FRAGMENT(44, "ipv6.fraghdr", "Fragment Header for IPv6"),
    DESTINATION(60, "ipv6.dstopts", "Destination Options for IPv6");

    final int nextHeader;
    final String name;
    final String longName;

    Kind(int nextHeader, String name, String longName) {
      this.nextHeader = nextHeader;
      this.name = name;
      this.longName = longName;
    }
  }

  private static final int FRAGMENT_HEADER = 8;
  private static final int MORE = 0x0001;
  private static final int OFFSET = 0xfff8;
  private static final int FRAGMENTED = 1;

  private final Kind kind;

  public IPv6ExtensionDissector(Kind kind) {
    super(kind.name, kind.longName, "IPv6");
    this.kind = kind;
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.IP_PROTO, kind.nextHeader, this);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    byte[] b = d.data();
    int s = d.start(layer);
    d.annotate(layer, 1);
    int need = kind == Kind.FRAGMENT ? FRAGMENT_HEADER : 2;
    if (d.length(layer) >= 2 && kind != Kind.FRAGMENT) {
      need = (Bytes.u8(b, s + 1) + 1) * 8;
    }
    if (d.length(layer) < need) {
      Truncation.report(d, layer, s, need);
      return null;
    }
    if (kind == Kind.HOP_BY_HOP && (layer == 0 || !(d.dissector(layer - 1) instanceof IPv6Dissector))) {
      d.expert(layer, HOPOPTS_NOT_FIRST, s, need, null);
    }
    int nxt = Bytes.u8(b, s);
    d.payload(s + need, d.end(layer));
    if (kind == Kind.FRAGMENT && (Bytes.u16(b, s + 2) & (OFFSET | MORE)) != 0 && payloadLength(d, layer) > 0) {
      int ip = EnclosingIp.find(d, layer);
      int fo = Bytes.u16(b, s + 2);
      boolean captured = d.capturedLength() >= d.originalLength();
      if (ip >= 0 && captured && d.protocols().booleanPreference("ipv6.defragment", true)) {
        IpDefragmenter defrag = d.state(this, IPv4Dissector::newDefragmenter);
        Reassembled f = defrag.add(d,
            IpDefragmenter.key(b, EnclosingIp.src(d, ip), EnclosingIp.dst(d, ip), 16, Bytes.u32(b, s + 4), 0),
            fo & OFFSET, b, s + need, d.end(layer) - (s + need), (fo & MORE) == 0, "Reassembled IPv6");
        if (f != null) {
          d.attach(layer, f);
          d.headerEnd(layer, s + need);
          f.pointBack(d, d.dissector(ip), IPv6Dissector.REASSEMBLED_IN);
          int at = d.sourceStart(f.source);
          d.payload(at, at + f.length);
          return f.length > 0 ? IPv6Dissector.next(d, nxt) : null;
        }
      }
      d.setAnnotation(layer, 0, FRAGMENTED);
      return null;
    }
    return IPv6Dissector.next(d, nxt);
  }

  /** The enclosing IPv6 header's Payload Length (tshark reassembles only when it is non-zero). */
  private static int payloadLength(Dissection d, int layer) {
    for (int i = layer - 1; i > 0; i--) {
      if (d.dissector(i) instanceof IPv6Dissector) {
        return d.length(i) >= 6 ? Bytes.u16(d.data(), d.start(i) + 4) : 0;
      }
      if (!(d.dissector(i) instanceof IPv6ExtensionDissector)) {
        break;
      }
    }
    return 1;
  }

  /** Extension headers carry no fields of their own: the IPv6 walker reports them. */
  @Override
  public void fields(Tree t) {}

  @Override
  public boolean hiddenInTree() {
    return true;
  }

  /** Reports this header's subtree at {@code rel} of the IPv6 layer {@code t} walks. */
  void walk(Tree t, int rel, int layer) {
    int len = kind == Kind.FRAGMENT ? FRAGMENT_HEADER : (t.u8(rel + 1) + 1) * 8;
    if (!t.has(rel, Math.min(len, 2))) {
      return;
    }
    switch (kind) {
      case HOP_BY_HOP:
        options(t, rel, len, HOPOPTS_NXT, HOPOPTS_LEN, HOPOPTS_LEN_OCT);
        break;
      case DESTINATION:
        options(t, rel, len, DSTOPTS_NXT, DSTOPTS_LEN, DSTOPTS_LEN_OCT);
        break;
      case ROUTING:
        routing(t, rel, len);
        break;
      default:
        fragment(t, rel);
        Object reassembled = t.dissection().attachment(layer);
        if (reassembled instanceof Reassembled) {
          ((Reassembled) reassembled).report(t, "IPv6 Fragments", IPv6Dissector.FRAGMENTS,
              IPv6Dissector.FRAGMENT_ITEM, IPv6Dissector.FRAGMENT_COUNT, IPv6Dissector.REASSEMBLED_LENGTH,
              IPv6Dissector.REASSEMBLED_DATA);
        }
        break;
    }
  }

  private void options(Tree t, int rel, int len, Field nxt, Field hdrLen, Field lenOctets) {
    t.text(rel, len, kind.longName);
    t.enter();
    t.uint(nxt, rel, 1);
    t.uint(hdrLen, rel + 1, 1);
    t.number(lenOctets, rel + 1, 1, len);
    IPv6Options.walk(t, rel + 2, rel + len, t.u16(4));
    t.exit();
  }

  private void routing(Tree t, int rel, int len) {
    int type = t.u8(rel + 2);
    String typeName = IPv6Options.ROUTING_TYPES.get((long) type);
    t.text(rel, len, kind.longName + " (" + (typeName != null ? typeName : "Unknown type " + type) + ")");
    t.enter();
    t.uint(ROUTING_NXT, rel, 1);
    t.uint(ROUTING_LEN, rel + 1, 1);
    t.number(ROUTING_LEN_OCT, rel + 1, 1, len);
    t.uint(ROUTING_TYPE, rel + 2, 1);
    t.uint(ROUTING_SEGLEFT, rel + 3, 1);
    int data = rel + 4;
    int end = rel + len;
    switch (type) {
      case 0: // RFC 2460 type 0 (deprecated by RFC 5095): reserved word, then addresses
        t.bytes(ROUTING_SRC_RESERVED, data, 4);
        for (int a = data + 4; a + 16 <= end; a += 16) {
          t.bytes(ROUTING_SRC_ADDR, a, 16);
        }
        break;
      case 2: // RFC 6275 section 6.4: reserved word, home address
        t.bytes(ROUTING_MIPV6_RESERVED, data, 4);
        t.bytes(ROUTING_MIPV6_HOME_ADDRESS, data + 4, 16);
        break;
      case 4: { // RFC 8754 segment routing header
        int last = t.u8(data);
        t.uint(ROUTING_SRH_LAST_ENTRY, data, 1);
        t.uint(ROUTING_SRH_FLAGS, data + 1, 1);
        t.bytes(ROUTING_SRH_TAG, data + 2, 2);
        for (int i = 0, a = data + 4; i <= last && a + 16 <= end; i++, a += 16) {
          t.bytes(ROUTING_SRH_ADDR, a, 16);
        }
        break;
      }
      default:
        t.bytes(ROUTING_UNKNOWN_DATA, data, len - 4);
        t.enter();
        TreeExperts.emit(t, ROUTING_UNDECODED, data, null);
        t.exit();
        break;
    }
    t.exit();
  }

  private void fragment(Tree t, int rel) {
    t.text(rel, FRAGMENT_HEADER, kind.longName);
    t.enter();
    t.uint(FRAGHDR_NXT, rel, 1);
    t.uint(FRAGHDR_RESERVED_OCTET, rel + 1, 1);
    t.uint(FRAGHDR_OFFSET, rel + 2, 2);
    t.uint(FRAGHDR_RESERVED_BITS, rel + 2, 2);
    t.uint(FRAGHDR_MORE, rel + 2, 2);
    t.uint(FRAGHDR_IDENT, rel + 4, 4);
    t.exit();
  }

  /** Whether this layer (walked by {@code t}) is a fragment whose payload was left as data. */
  boolean isFragment(Tree t) {
    return kind == Kind.FRAGMENT && t.annotation(0) == FRAGMENTED;
  }

  /** Wireshark's {@code col_append_sep_str(..., " , ", ...)}. */
  private static void appendInfo(Columns c, String text) {
    if (c.info.length() > 0) {
      c.info.append(" , ");
    }
    c.info.append(text);
  }

  /** tshark leaves the Protocol column to IPv6 and the Info to the headers that set it. */
  @Override
  public void columns(Tree t, Columns c) {
    if (EnclosingIp.inErrorPacket(t.dissection(), t.layer())) {
      return;
    }
    switch (kind) {
      case FRAGMENT:
        if (t.has(0, FRAGMENT_HEADER)) {
          int offlg = t.u16(2);
          c.setInfo("IPv6 fragment (off=" + (offlg & OFFSET) + " more=" + ((offlg & MORE) != 0 ? "y" : "n")
              + " ident=0x" + String.format("%08x", t.u32(4)) + " nxt=" + t.u8(0) + ")");
        }
        break;
      case HOP_BY_HOP:
        appendInfo(c, "IPv6 hop-by-hop options");
        break;
      case DESTINATION:
        appendInfo(c, "IPv6 destination options");
        break;
      default:
        appendInfo(c, "IPv6 routing");
        break;
    }
    if (t.has(0, 1) && !isFragment(t)) {
      IPv6Dissector.chainEnd(t, c, t.u8(0));
    }
  }
}

package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;

/**
 * Linux netfilter NFLOG (LINKTYPE_NFLOG, 239; https://www.tcpdump.org/linktypes/LINKTYPE_NFLOG.html):
 * a 4-byte header, then TLVs padded to 4 bytes whose length and type are in the capturing
 * host's byte order (read little-endian, as Wireshark does) and whose values are in network
 * order; a TLV that runs past the frame makes it malformed. The NFULA_PAYLOAD TLV carries the
 * logged packet, IPv4 or IPv6 by the header's address family.
 *
 * <pre>
 * +--------+---------+-------------------+
 * | family | version | resource id (2)   |
 * +--------+---------+-------------------+
 * | TLV length (2)   | TLV type (2)      | value, padded to 4 bytes ...
 * +------------------+-------------------+
 * </pre>
 */
public final class NflogDissector extends Dissector implements Protocols.Registrable {
  public static final Field FAMILY = Field.u8("nflog.family", "Family").labels(ValueNames.parse(
      "0=Unspecified|1=IPv4/IPv6|2=IPv4|3=ARP|5=Netdev|7=Bridge|10=IPv6|12=DECNET"));
  public static final Field VERSION = Field.u8("nflog.version", "Version");
  public static final Field RES_ID = Field.u16("nflog.res_id", "Resource id");
  public static final Field TLV = Field.bytes("nflog.tlv", "TLV");
  public static final Field TLV_LENGTH = Field.u16("nflog.tlv_length", "Length").blurb("TLV Length");
  public static final Field TLV_TYPE = Field.u16("nflog.tlv_type", "Type").mask(0x7fff, 16).blurb("TLV Type")
      .labels(ValueNames.parse("0=NFULA_UNSPEC|1=NFULA_PACKET_HDR|2=NFULA_MARK|3=NFULA_TIMESTAMP|"
          + "4=NFULA_IFINDEX_INDEV|5=NFULA_IFINDEX_OUTDEV|6=NFULA_IFINDEX_PHYSINDEV|7=NFULA_IFINDEX_PHYSOUTDEV|"
          + "8=NFULA_HWADDR|9=NFULA_PAYLOAD|10=NFULA_PREFIX|11=NFULA_UID|12=NFULA_SEQ|13=NFULA_SEQ_GLOBAL|"
          + "14=NFULA_GID|15=NFULA_HWTYPE|16=NFULA_HWHEADER|17=NFULA_HWLEN"));
  public static final Field PROTOCOL = Field.u16("nflog.protocol", "HW protocol").hex().labels(EtherTypes::name);
  public static final Field HOOK = Field.u8("nflog.hook", "Netfilter hook").labels(ValueNames.parse(
      "0=Pre-routing|1=Local in|2=Forward|3=Local out|4=Post-routing|5=Number of hooks"));
  public static final Field IFINDEX_INDEV = Field.u32("nflog.ifindex_indev", "IFINDEX_INDEV");
  public static final Field IFINDEX_OUTDEV = Field.u32("nflog.ifindex_outdev", "IFINDEX_OUTDEV");
  public static final Field IFINDEX_PHYSINDEV = Field.u32("nflog.ifindex_physindev", "IFINDEX_PHYSINDEV");
  public static final Field IFINDEX_PHYSOUTDEV = Field.u32("nflog.ifindex_physoutdev", "IFINDEX_PHYSOUTDEV");
  public static final Field PREFIX = Field.of("nflog.prefix", "Prefix", FieldType.STRINGZ).blurb("TLV Prefix Value");
  public static final Field UID = Field.of("nflog.uid", "UID", FieldType.INT32).blurb("TLV UID Value");
  public static final Field GID = Field.of("nflog.gid", "GID", FieldType.INT32).blurb("TLV GID Value");
  public static final Field TLV_VALUE = Field.bytes("nflog.tlv_value", "Value").blurb("TLV Value");

  private static final int HEADER = 4;
  private static final int NFULA_PAYLOAD = 9;
  private static final int AF_INET = 2;
  private static final int AF_INET6 = 10;

  public NflogDissector() {
    super("nflog", "Linux Netfilter NFLOG", "NFLOG");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.LINK_TYPE, 239, this);
  }

  /** tshark adds this protocol's item only when the tree is shown or a filter reads its fields. */
  @Override
  public boolean itemOnlyWhenReferenced() {
    return true;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    byte[] b = d.data();
    int s = d.start(layer);
    int end = d.end(layer);
    if (end - s < HEADER) {
      Truncation.report(d, layer, s, HEADER);
      return null;
    }
    int family = Bytes.u8(b, s);
    for (int p = s + HEADER; p + 4 <= end; ) {
      int len = Bytes.u16le(b, p);
      int type = Bytes.u16le(b, p + 2) & 0x7fff;
      if (len < 4) {
        break;
      }
      if (p + len > end) {
        Truncation.report(d, layer, p, len);
        return null;
      }
      if (type == NFULA_PAYLOAD) {
        d.payload(p + 4, Math.min(end, p + len));
        return family == AF_INET ? d.protocols().byName("ip")
            : family == AF_INET6 ? d.protocols().byName("ipv6") : null;
      }
      p += (len + 3) & ~3;
    }
    d.payload(end, end);
    return null;
  }

  @Override
  public void fields(Tree t) {
    t.uint(FAMILY, 0, 1);
    t.uint(VERSION, 1, 1);
    t.uint(RES_ID, 2, 2);
    int end = t.length();
    for (int p = HEADER; p + 4 <= end; ) {
      int len = t.u16le(p);
      int type = t.u16le(p + 2) & 0x7fff;
      if (len < 4 || !t.has(p, len)) {
        break;
      }
      t.bytes(TLV, p, len);
      t.enter();
      t.uintle(TLV_LENGTH, p, 2);
      t.uintle(TLV_TYPE, p + 2, 2);
      value(t, type, p + 4, len - 4);
      t.exit();
      p += (len + 3) & ~3;
    }
  }

  private static void value(Tree t, int type, int v, int len) {
    switch (type) {
      case 1:
        t.uint(PROTOCOL, v, 2);
        t.uint(HOOK, v + 2, 1);
        break;
      case 4: t.uint(IFINDEX_INDEV, v, 4); break;
      case 5: t.uint(IFINDEX_OUTDEV, v, 4); break;
      case 6: t.uint(IFINDEX_PHYSINDEV, v, 4); break;
      case 7: t.uint(IFINDEX_PHYSOUTDEV, v, 4); break;
      case 10:
        if (t.has(v, len)) {
          int n = 0;
          while (n < len && t.u8(v + n) != 0) {
            n++;
          }
          t.object(PREFIX, v, len, io.netsift.core.field.Strings.printable(t.data(), t.start() + v, n));
        }
        break;
      case 11: t.number(UID, v, 4, (int) t.u32(v)); break;
      case 14: t.number(GID, v, 4, (int) t.u32(v)); break;
      case NFULA_PAYLOAD: break;
      default:
        if (len > 0) {
          t.bytes(TLV_VALUE, v, len);
        }
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    c.setInfo("");
  }
}

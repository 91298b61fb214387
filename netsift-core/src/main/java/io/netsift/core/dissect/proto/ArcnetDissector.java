package io.netsift.core.dissect.proto;

import io.netsift.core.capture.LinkType;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.util.Map;

/**
 * ARCNET frames as captured by Linux (LINKTYPE_ARCNET_LINUX, 129) and by the BSDs
 * (LINKTYPE_ARCNET_BSD, 7), carrying IP and ARP by RFC 1201 (with its fragmentation header) or
 * RFC 1051 (without).
 *
 * <pre>
 * +-----+-----+--------------+---------+-------+--------------+-----------
 * | src | dst | offset (2) * | prot ID | split | sequence (2) | payload ...
 * +-----+-----+--------------+---------+-------+--------------+-----------
 * * Linux only: the hardware buffer offset
 * split and sequence: RFC 1201 protocol IDs only (not RFC 1051 IP/ARP, Diagnose, BACnet)
 * BSD exception packet (RFC 1201 section 2.2): split 0xff, then two bytes of padding and the
 * real prot ID, split and sequence
 * </pre>
 *
 * The payload is handed on by protocol ID (IP, ARP, RARP, IPv6, BACnet's LLC; AppleTalk, IPX
 * and VINES by name, as those protocols arrive); tshark shows the exception form only for the
 * BSD link type.
 */
public final class ArcnetDissector extends Dissector implements Protocols.Registrable {
  private static final Map<Long, String> PROTOCOL_IDS = ValueNames.parse(
      "0x00=Datapoint boot|0x01=Datapoint mount|0x08=PowerLAN beacon|0x80=Diagnose|0xc4=IPv6|0xcd=BACnet|"
          + "0xd4=RFC 1201 IP|0xd5=RFC 1201 ARP|0xd6=RFC 1201 RARP|0xdd=Appletalk|0xe8=Encapsulated Ethernet|"
          + "0xec=Novell of some sort|0xf0=RFC 1051 IP|0xf1=RFC 1051 ARP|0xf3=PowerLAN beacon2|"
          + "0xf7=Banyan VINES|0xfa=IPX");

  public static final Field SRC = Field.u8("arcnet.src", "Source").hex().blurb("Source ID");
  public static final Field DST = Field.u8("arcnet.dst", "Dest").hex().blurb("Dest ID");
  public static final Field OFFSET = Field.bytes("arcnet.offset", "Offset");
  public static final Field PROT_ID = Field.u8("arcnet.protID", "Protocol ID").hex().labels(PROTOCOL_IDS)
      .blurb("Proto type");
  public static final Field SPLIT_FLAG = Field.u8("arcnet.split_flag", "Split Flag");
  public static final Field EXCEPTION_FLAG = Field.u8("arcnet.exception_flag", "Exception Flag").hex();
  public static final Field PADDING = Field.u16("arcnet.padding", "Padding").hex();
  public static final Field SEQUENCE = Field.u16("arcnet.sequence", "Sequence").blurb("Sequence number");

  private static final int EXCEPTION = 0xff;

  public ArcnetDissector() {
    super("arcnet", "ARCNET", "ARCNET");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.LINK_TYPE, LinkType.ARCNET_LINUX, this);
    p.map(Protocols.Table.LINK_TYPE, LinkType.ARCNET_BSD, this);
  }

  /** Where the protocol ID is: after the Linux offset field, or right after the addresses. */
  private static int protIdAt(int linkType) {
    return linkType == LinkType.ARCNET_LINUX ? 4 : 2;
  }

  /** Whether the protocol ID is followed by RFC 1201's split flag and sequence number. */
  private static boolean hasSplit(int protId) {
    return protId != 0x80 && protId != 0xcd && protId != 0xf0 && protId != 0xf1;
  }

  /** The header's layout for the bytes at hand: {prot ID offset, header length}. */
  private static int[] layout(byte[] b, int s, int len, int linkType) {
    int at = protIdAt(linkType);
    if (len <= at) {
      return new int[] {at, at + 1};
    }
    int prot = b[s + at] & 0xff;
    if (!hasSplit(prot)) {
      return new int[] {at, at + 1};
    }
    if (linkType == LinkType.ARCNET_BSD && len > at + 1 && (b[s + at + 1] & 0xff) == EXCEPTION) {
      at += 4; // exception flag, padding, then the real prot ID
      prot = len > at ? b[s + at] & 0xff : prot;
    }
    return new int[] {at, at + 4};
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int len = d.length(layer);
    int[] l = layout(d.data(), s, len, d.linkType());
    if (len < l[1]) {
      Truncation.report(d, layer, s, l[1]);
      return null;
    }
    d.payload(s + l[1], d.end(layer));
    return next(d.protocols(), d.data()[s + l[0]] & 0xff);
  }

  private static Dissector next(Protocols p, int protId) {
    switch (protId) {
      case 0xd4: case 0xf0: return p.byName("ip");
      case 0xd5: case 0xd6: case 0xf1: return p.byName("arp");
      case 0xc4: return p.byName("ipv6");
      case 0xcd: return p.byName("llc");
      case 0xdd: return p.byName("ddp");
      case 0xec: case 0xfa: return p.byName("ipx");
      case 0xf7: return p.byName("vines_ip");
      default: return null;
    }
  }

  /** tshark adds the ARCNET item only once it has read both addresses. */
  @Override
  public boolean hiddenInTree(Dissection d, int layer) {
    return d.length(layer) < 2;
  }

  @Override
  public void fields(Tree t) {
    int linkType = t.dissection().linkType();
    if (!t.has(0, 2)) {
      return;
    }
    t.uint(SRC, 0, 1);
    t.uint(DST, 1, 1);
    int at = protIdAt(linkType);
    if (linkType == LinkType.ARCNET_LINUX) {
      t.bytes(OFFSET, 2, 2);
    }
    int prot = (int) t.uint(PROT_ID, at, 1);
    if (!t.has(at, 1) || !hasSplit(prot)) {
      return;
    }
    if (linkType == LinkType.ARCNET_BSD && t.has(at + 1, 1) && t.u8(at + 1) == EXCEPTION) {
      t.uint(EXCEPTION_FLAG, at + 1, 1);
      t.uint(PADDING, at + 2, 2);
      at += 4;
      t.uint(PROT_ID, at, 1);
    }
    t.uint(SPLIT_FLAG, at + 1, 1);
    t.uint(SEQUENCE, at + 2, 2);
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    c.setInfo(columnName());
    if (t.has(0, 2)) {
      c.source = String.format("0x%02x", t.u8(0));
      c.destination = String.format("0x%02x", t.u8(1));
    }
    int[] l = layout(t.data(), t.start(), t.length(), t.dissection().linkType());
    if (t.has(0, l[1])) {
      int prot = t.u8(l[0]);
      if (next(t.dissection().protocols(), prot) == null) {
        // tshark names a protocol ID no dissector takes by its number.
        c.protocol = String.format("0x%04x", prot);
      }
    }
  }
}

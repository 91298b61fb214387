package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/**
 * MPLS label stack (RFC 3032), EtherTypes 0x8847 (unicast) and 0x8848 (multicast), PPP
 * protocols 0x0281/0x0283 and Cisco HDLC.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                Label                  | Exp |S|       TTL     |  repeated until S = 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * The whole stack is one layer (tshark lists {@code mpls} once in frame.protocols and repeats
 * the label fields). Nothing says what follows the bottom label, so the payload is guessed as
 * tshark 4.0 does by default: a first nibble of 4 is IPv4, 6 is IPv6, 0 an Ethernet
 * pseudowire ({@code pwethheuristic}, RFC 4448), anything else data.
 */
public final class MplsDissector extends Dissector implements Protocols.Registrable {
  public static final Field LABEL = Field.u32("mpls.label", "MPLS Label").mask(0xfffff000L, 32).decHex()
      .labels(ValueNames.parse("0=IPv4 Explicit-Null|1=Router Alert|2=IPv6 Explicit-Null|3=Implicit-Null|"
          + "7=Entropy Label Indicator|13=Generic Associated Channel Label (GAL)|14=OAM Alert|15=Extension"));
  public static final Field EXP = Field.u32("mpls.exp", "MPLS Experimental Bits").mask(0xe00, 32);
  public static final Field BOTTOM = Field.u32("mpls.bottom", "MPLS Bottom Of Label Stack").mask(0x100, 32);
  public static final Field TTL = Field.u32("mpls.ttl", "MPLS TTL").mask(0xff, 32);

  private static final int ENTRY = 4;

  public MplsDissector() {
    super("mpls", "MultiProtocol Label Switching Header", "MPLS");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.ETHERTYPE, 0x8847, this);
    p.map(Protocols.Table.ETHERTYPE, 0x8848, this);
    p.map(Protocols.Table.PPP_PROTO, 0x0281, this);
    p.map(Protocols.Table.PPP_PROTO, 0x0283, this);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    byte[] b = d.data();
    int s = d.start(layer);
    int end = d.end(layer);
    int p = s;
    while (true) {
      if (end - p < ENTRY) {
        Truncation.report(d, layer, p, ENTRY);
        return null;
      }
      boolean bottom = (Bytes.u8(b, p + 2) & 0x01) != 0;
      p += ENTRY;
      if (bottom) {
        break;
      }
    }
    d.payload(p, end);
    if (p >= end) {
      return null;
    }
    switch (Bytes.u8(b, p) >> 4) {
      case 4:
        endAtDatagram(d, layer, p, end - p >= 4 ? Bytes.u16(b, p + 2) : 0);
        return d.protocols().byName("ip");
      case 6:
        endAtDatagram(d, layer, p, end - p >= 6 ? 40 + Bytes.u16(b, p + 4) : 0);
        return d.protocols().byName("ipv6");
      case 0: return d.protocols().byName("pwethheuristic");
      default: return null;
    }
  }

  /**
   * Ends the stack's layer with the IP datagram it carries, so that the Ethernet padding after
   * it is reported as tshark does for MPLS; a zero or overlong length changes nothing.
   */
  private static void endAtDatagram(Dissection d, int layer, int p, int length) {
    if (length > 0 && p + length < d.end(layer)) {
      d.setEnd(layer, p + length);
      d.payload(p, p + length);
    }
  }

  @Override
  public void fields(Tree t) {
    for (int off = 0; t.has(off, ENTRY); off += ENTRY) {
      if (off > 0) {
        // tshark shows each label stack entry as a protocol item of its own.
        t.nextProtocolItem(protocolField(), off, ENTRY, entryText(t, off));
      }
      t.uint(LABEL, off, ENTRY);
      t.uint(EXP, off, ENTRY);
      long bottom = t.uint(BOTTOM, off, ENTRY);
      t.uint(TTL, off, ENTRY);
      if (bottom != 0) {
        break;
      }
    }
  }

  @Override
  public String label(Tree t) {
    return t.has(0, ENTRY) ? entryText(t, 0) : longName();
  }

  @Override
  public boolean severalProtocolItems() {
    return true;
  }

  private String entryText(Tree t, int off) {
    long e = t.u32(off);
    return longName() + ", Label: " + (e >>> 12) + ", Exp: " + ((e >> 9) & 7) + ", S: " + ((e >> 8) & 1)
        + ", TTL: " + (e & 0xff);
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    c.setInfo("MPLS Label Switched Packet");
  }
}

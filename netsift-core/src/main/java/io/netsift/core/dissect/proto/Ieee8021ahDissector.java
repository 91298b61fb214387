package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Addresses;
import io.netsift.core.field.Field;

/**
 * IEEE 802.1ah Provider Backbone Bridging (EtherType 0x88e7, "MAC-in-MAC"): the I-Tag, then the
 * customer's MAC addresses and type. As in tshark 4.0 the customer addresses are fields of this
 * layer ({@code ieee8021ah.cdst}, {@code ieee8021ah.csrc}), not a second Ethernet layer, and the
 * customer type goes to the ethertype hand-off.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-----+-+-+-+---+-----------------------------------------------+
 * | PCP |D|N|R|Res|                     I-SID                     |  I-Tag
 * +-----+-+-+-+---+-----------------------------------------------+
 * |              customer destination MAC (6 bytes) ...           |
 * |              customer source MAC (6 bytes) ...                |
 * |          EtherType            |
 * +-------------------------------+
 * D: drop eligible, N: no customer addresses, R: reserved 1, Res: reserved 2
 * </pre>
 *
 * The same I-Tag follows an 802.1ad B-Tag directly ({@link Ieee8021adDissector}), where
 * tshark reports it inside the 802.1ad layer.
 */
public final class Ieee8021ahDissector extends Dissector implements Protocols.Registrable {
  public static final Field PRIORITY = Field.u32("ieee8021ah.priority", "Priority").mask(0xe0000000L, 32);
  public static final Field DROP = Field.u32("ieee8021ah.drop", "DROP").mask(0x10000000, 32);
  public static final Field NCA = Field.u32("ieee8021ah.nca", "NCA").mask(0x08000000, 32)
      .blurb("No Customer Addresses");
  public static final Field RES1 = Field.u32("ieee8021ah.res1", "RES1").mask(0x04000000, 32).blurb("Reserved1");
  public static final Field RES2 = Field.u32("ieee8021ah.res2", "RES2").mask(0x03000000, 32).blurb("Reserved2");
  public static final Field ISID = Field.u32("ieee8021ah.isid", "I-SID").mask(0x00ffffff, 32);
  public static final Field CDST = Field.ether("ieee8021ah.cdst", "C-Destination").blurb("Customer Destination Address");
  public static final Field CSRC = Field.ether("ieee8021ah.csrc", "C-Source").blurb("Customer Source Address");
  /** Declared with 802.1ad, whose tags report their type and trailer under these names too. */
  static final Field ETYPE = Ieee8021adDissector.ETYPE;
  static final Field TRAILER = Ieee8021adDissector.TRAILER;

  static final int ETHERTYPE = 0x88e7;
  /** I-Tag (4), customer destination and source (12), type (2). */
  static final int HEADER = 18;
  private static final int I_TAG = 4;
  private static final int ADDRESSES_END = 16;

  public Ieee8021ahDissector() {
    super("ieee8021ah", "IEEE 802.1ah", "802.1ah");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.ETHERTYPE, ETHERTYPE, this);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    return dissectFrom(d, layer, d.start(layer));
  }

  /** Dissects the I-Tag at absolute index {@code at} of {@code layer}; shared with 802.1ad. */
  static Dissector dissectFrom(Dissection d, int layer, int at) {
    return VlanDissector.dissectTag(d, layer, at, HEADER, null);
  }

  @Override
  public void fields(Tree t) {
    fieldsFrom(t, 0, protocolField());
  }

  /**
   * The I-Tag at {@code rel} as a subtree of {@code item} (a protocol item: tshark nests one
   * of the enclosing protocol), the customer addresses, the type and the trailer.
   */
  static void fieldsFrom(Tree t, int rel, Field item) {
    if (!t.has(rel, I_TAG)) {
      return;
    }
    t.object(item, rel, I_TAG, "I-Tag, I-SID: " + (t.u32(rel) & 0xffffff));
    t.enter();
    t.uint(PRIORITY, rel, I_TAG);
    t.uint(DROP, rel, I_TAG);
    t.uint(NCA, rel, I_TAG);
    t.uint(RES1, rel, I_TAG);
    t.uint(RES2, rel, I_TAG);
    t.uint(ISID, rel, I_TAG);
    t.exit();
    t.bytes(CDST, rel + 4, 6);
    t.bytes(CSRC, rel + 10, 6);
    t.uint(ETYPE, rel + ADDRESSES_END, 2);
    EtherTrailer.emit(t, TRAILER);
  }

  @Override
  public String label(Tree t) {
    return longName() + suffix(t, 0);
  }

  /** ", I-SID: n, C-Src: m, C-Dst: m" once the addresses are there, as tshark appends it. */
  static String suffix(Tree t, int rel) {
    if (!t.has(rel, ADDRESSES_END)) {
      return "";
    }
    return ", I-SID: " + (t.u32(rel) & 0xffffff) + ", C-Src: " + Addresses.mac(t.data(), t.start() + rel + 10)
        + ", C-Dst: " + Addresses.mac(t.data(), t.start() + rel + 4);
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    c.setInfo("");
    info(t, c, 0);
  }

  /** The I-Tag's Info text and, past the tag, an unknown customer type's Protocol column. */
  static void info(Tree t, Columns c, int rel) {
    if (!t.has(rel, I_TAG)) {
      return;
    }
    long tci = t.u32(rel);
    c.setInfo("PRI: " + (tci >>> 29) + "  Drop: " + ((tci >> 28) & 1) + "  NCA: " + ((tci >> 27) & 1) + "  Res1: "
        + ((tci >> 26) & 1) + "  Res2: " + ((tci >> 24) & 3) + "  I-SID: " + (tci & 0xffffff));
    EtherTypes.unknownTypeColumn(t, c, rel + ADDRESSES_END);
  }

  @Override
  public String shortName() {
    return "IEEE 802.1AH";
  }
}

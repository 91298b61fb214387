package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/**
 * IEEE 802.1ad service tag (EtherType 0x88a8, "Q-in-Q"): the same layout as an 802.1Q tag
 * (see {@link VlanDissector}), under the protocol name tshark gives it, {@code ieee8021ad}.
 *
 * <pre>
 * +-----+-+-----------------------+-------------------------------+
 * | PRI |D|        S-VID          |   EtherType or 802.3 length   |
 * +-----+-+-----------------------+-------------------------------+
 * </pre>
 *
 * An 802.1ah I-Tag right after the tag (type 0x88e7) makes it a backbone tag (B-Tag): tshark
 * then reports the I-Tag, the customer addresses and type inside this layer, labelled
 * "IEEE 802.1ah" ({@link Ieee8021ahDissector}).
 */
public final class Ieee8021adDissector extends Dissector implements Protocols.Registrable {
  public static final Field PRIORITY = Field.u16("ieee8021ad.priority", "Priority").mask(0xe000, 16);
  public static final Field DEI = Field.u16("ieee8021ad.dei", "DEI").mask(0x1000, 16).blurb("Drop Eligibility");
  public static final Field ID = Field.u16("ieee8021ad.id", "ID").mask(0x0fff, 16).blurb("Vlan ID");
  /** Wireshark's 802.1ad dissector reports the type and trailer with the 802.1ah fields. */
  public static final Field ETYPE = Field.u16("ieee8021ah.etype", "Type").hex().labels(EtherTypes::name);
  public static final Field TRAILER = Field.bytes("ieee8021ah.trailer", "Trailer");

  public Ieee8021adDissector() {
    super("ieee8021ad", "IEEE 802.1ad", "802.1ad");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.ETHERTYPE, 0x88a8, this);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    if (isBackbone(d.data(), d.start(layer), d.length(layer))) {
      return Ieee8021ahDissector.dissectFrom(d, layer, d.start(layer) + 4);
    }
    return VlanDissector.dissectTag(d, layer);
  }

  private static boolean isBackbone(byte[] b, int at, int length) {
    return length >= 4 && Bytes.u16(b, at + 2) == Ieee8021ahDissector.ETHERTYPE;
  }

  private static boolean isBackbone(Tree t) {
    return t.has(0, 4) && t.u16(2) == Ieee8021ahDissector.ETHERTYPE;
  }

  @Override
  public void fields(Tree t) {
    if (!t.has(0, 4)) {
      return; // tshark adds the tag's fields only once the whole tag is there
    }
    if (isBackbone(t)) {
      t.object(protocolField(), 0, 2, "B-Tag, B-VID: " + (t.u16(0) & 0x0fff));
      t.enter();
      t.uint(PRIORITY, 0, 2);
      t.uint(DEI, 0, 2);
      t.uint(ID, 0, 2);
      t.exit();
      Ieee8021ahDissector.fieldsFrom(t, 4, protocolField());
      return;
    }
    t.uint(PRIORITY, 0, 2);
    t.uint(DEI, 0, 2);
    t.uint(ID, 0, 2);
    VlanDissector.typeOrLength(t, ETYPE);
    EtherTrailer.emit(t, TRAILER);
  }

  @Override
  public String label(Tree t) {
    if (isBackbone(t)) {
      return "IEEE 802.1ah, B-VID: " + (t.u16(0) & 0x0fff) + Ieee8021ahDissector.suffix(t, 4);
    }
    return t.has(0, 2) ? longName() + ", ID: " + (t.u16(0) & 0x0fff) : longName();
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    c.setInfo("");
    if (t.has(0, 2)) {
      int tci = t.u16(0);
      c.setInfo("PRI: " + (tci >> 13) + "  DROP: " + ((tci >> 12) & 1) + " ID: " + (tci & 0x0fff));
    }
    if (isBackbone(t)) {
      Ieee8021ahDissector.info(t, c, 4);
    }
  }

  @Override
  public String shortName() {
    return "IEEE 802.1AD";
  }
}

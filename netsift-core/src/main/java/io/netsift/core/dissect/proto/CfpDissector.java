package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Addresses;
import io.netsift.core.field.Base;
import io.netsift.core.field.Field;

/**
 * Cisco FabricPath MAC-in-MAC encapsulation (Wireshark's {@code cfp}; Cisco BRKDCT-2081). It
 * takes the place of an Ethernet header: Wireshark's Ethernet dissector tries it as a
 * heuristic before reading its own header, so the outer {@code eth} is listed in
 * frame.protocols but has no tree ({@link EthernetDissector#hiddenInTree(Dissection, int)}).
 *
 * <pre>
 *  0                   6                   12      14      16
 * +-------------------+-------------------+-------+-------+----------------------+-----+
 * | destination HMAC  | source HMAC       | 8903  | FTAG/ | inner Ethernet frame | FCS |
 * |                   |                   |       | TTL   |                      |     |
 * +-------------------+-------------------+-------+-------+----------------------+-----+
 *
 * hierarchical MAC: byte 0-2  EID(6) U/L I/G EID(2) res OOO/DL switch-id(12)
 *                   byte 3    sub-switch-id     byte 4-5  LID
 * FTAG/TTL:         FTAG(10) TTL(6)
 * </pre>
 *
 * With an 802.1Q or 802.1ad tag (0x8100/0x88a8, TCI) before the 0x8903 the header is 20 bytes.
 * A destination with the I/G bit set is a plain multicast MAC. The frame's last 4 bytes are
 * the FabricPath FCS (tshark 4.0 never verifies it), so the inner Ethernet ends before them.
 */
public final class CfpDissector extends Dissector {
  public static final Field S_HMAC = Field.none("cfp.s_hmac", "Source HMAC").blurb("Source Hierarchical MAC");
  public static final Field D_HMAC = Field.none("cfp.d_hmac", "Destination HMAC").blurb("Destination Hierarchical MAC");
  public static final Field D_HMAC_MC = Field.ether("cfp.d_hmac_mc", "MC Destination")
      .blurb("Multicast Destination Address");
  public static final Field ETYPE = Field.u16("cfp.etype", "FP Ethertype").hex().labels(EtherTypes::name);
  public static final Field TAG_ETYPE = Field.u16("cfp.1ad.etype", "IEEE 802.1ad Ethertype").hex()
      .labels(EtherTypes::name);
  public static final Field TAG_PRIORITY = Field.u16("cfp.1ad.priority", "Priority").mask(0xe000, 16);
  public static final Field TAG_DEI = Field.u16("cfp.1ad.dei", "DEI").mask(0x1000, 16).blurb("Drop Eligibility");
  public static final Field TAG_ID = Field.u16("cfp.1ad.id", "ID").mask(0x0fff, 16).blurb("Vlan ID");
  public static final Field FCS = Field.u32("cfp.fcs", "Frame check sequence").hex().blurb("FabricPath checksum");
  public static final Field FCS_STATUS = Field.u8("cfp.fcs.status", "FCS status").base(Base.NONE)
      .labels(Checksums::statusName);
  public static final Field FTAG = Field.u16("cfp.ftag", "FTAG").mask(0xffc0, 16)
      .blurb("FTAG field identifying forwarding distribution tree.");
  public static final Field TTL = Field.u16("cfp.ttl", "TTL").mask(0x003f, 16)
      .blurb("The remaining hop count for this frame");
  public static final Field SWID = Field.u24("cfp.swid", "switch-id").decHex().mask(0x000fff, 24)
      .blurb("Switch-id/nickname of switch in FabricPath network");
  public static final Field SSWID = Field.u8("cfp.sswid", "sub-switch-id").decHex()
      .blurb("Sub-switch-id of switch in FabricPath network");
  public static final Field EID = Field.u24("cfp.eid", "End Node ID").decHex().mask(0xfcc000, 24)
      .blurb("Cisco FabricPath End node ID");
  public static final Field LID = Field.u16("cfp.lid", "Source LID").decHex()
      .blurb("Source or Destination Port index on switch in FabricPath network");
  public static final Field UL = Field.bool("cfp.ul", "U/L bit").mask(0x020000, 24)
      .states("Locally administered address (this is NOT the factory default)", "Globally unique address (factory default)")
      .blurb("Specifies if this is a locally administered or globally unique (IEEE assigned) address");
  public static final Field IG = Field.bool("cfp.ig", "I/G bit").mask(0x010000, 24)
      .states("Group address (multicast/broadcast)", "Individual address (unicast)")
      .blurb("Specifies if this is an individual (unicast) or group (broadcast/multicast) address");
  public static final Field OOODL = Field.bool("cfp.ooodl", "OOO/DL Bit").mask(0x001000, 24)
      .states("Out of order delivery (If DA) or Do not learn (If SA)", "Deliver in order (If DA) or Learn (If SA)")
      .blurb("Specifies Out of Order Delivery OK in destination address and Do Not Learn when set in source address");

  /** The FabricPath EtherType (Cisco DCE). */
  static final int ETHERTYPE = 0x8903;
  private static final int HEADER = 16;
  private static final int TAGGED_HEADER = 20;
  private static final int FCS_LENGTH = 4;

  public CfpDissector() {
    super("cfp", "Cisco FabricPath", "CFP");
  }

  /**
   * The FabricPath header length if the Ethernet frame at {@code off} (with {@code len}
   * captured bytes) is one, else 0: Wireshark's heuristic on Ethernet (0x8903 where the type
   * would be, or after an 802.1Q/802.1ad tag).
   */
  static int headerLength(byte[] b, int off, int len) {
    if (len < 14) {
      return 0;
    }
    int type = Bytes.u16(b, off + 12);
    if (type == ETHERTYPE) {
      return HEADER;
    }
    if ((type == 0x8100 || type == 0x88a8) && len >= 18 && Bytes.u16(b, off + 16) == ETHERTYPE) {
      return TAGGED_HEADER;
    }
    return 0;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int header = Math.max(HEADER, headerLength(d.data(), s, d.length(layer)));
    if (d.length(layer) < header) {
      Truncation.report(d, layer, s, header);
      return null;
    }
    // The inner frame ends where the FCS starts on the wire, whatever was captured of it.
    long innerEnd = s + Truncation.reportedLength(d, layer) - FCS_LENGTH;
    d.payload(s + header, (int) Math.min(d.end(layer), Math.max(s + header, innerEnd)));
    return d.protocols().byName("eth");
  }

  @Override
  public boolean carriesLowerLayers() {
    return true;
  }

  @Override
  public void fields(Tree t) {
    if (isGroup(t)) {
      t.bytes(D_HMAC_MC, 0, 6);
    } else {
      t.object(D_HMAC, 0, 6, "Destination: " + hmac(t, 0));
      hmacTree(t, 0);
    }
    t.object(S_HMAC, 6, 6, "Source: " + hmac(t, 6));
    hmacTree(t, 6);
    int at = 12;
    if (t.u16(12) != ETHERTYPE) {
      t.uint(TAG_ETYPE, 12, 2);
      t.uint(TAG_PRIORITY, 14, 2);
      t.uint(TAG_DEI, 14, 2);
      t.uint(TAG_ID, 14, 2);
      at = 16;
    }
    t.uint(ETYPE, at, 2);
    t.uint(FTAG, at + 2, 2);
    t.uint(TTL, at + 2, 2);
    long fcs = Truncation.reportedLength(t.dissection(), t.layer()) - FCS_LENGTH;
    if (fcs >= 0 && t.has((int) fcs, FCS_LENGTH)) {
      t.uint(FCS, (int) fcs, FCS_LENGTH);
      t.number(FCS_STATUS, (int) fcs, FCS_LENGTH, Checksums.UNVERIFIED);
    }
  }

  /** The subtree of a hierarchical MAC at {@code rel}. */
  private static void hmacTree(Tree t, int rel) {
    t.enter();
    // Wireshark gathers the end node ID's bits into a small number and then applies the
    // field's mask to it, so tshark 4.0 always shows 0; netsift reports the same.
    int w = t.u16(rel) & 0xfcc0;
    t.number(EID, rel, 3, EID.extract(((w & 0x00c0) >> 6) + ((w & 0xfc00) >> 8)));
    t.uint(UL, rel, 3);
    t.uint(IG, rel, 3);
    t.uint(OOODL, rel, 3);
    t.uint(SWID, rel, 3);
    t.uint(SSWID, rel + 3, 1);
    t.uint(LID, rel + 4, 2);
    t.exit();
  }

  private static boolean isGroup(Tree t) {
    return (t.u8(0) & 1) != 0;
  }

  /** A hierarchical MAC as switch-id.sub-switch-id.LID in hex ({@code ebf.4e.521d}). */
  private static String hmac(Tree t, int rel) {
    return String.format("%03x.%02x.%04x", t.u16(rel + 1) & 0x0fff, t.u8(rel + 3), t.u16(rel + 4));
  }

  @Override
  public String label(Tree t) {
    if (!t.has(0, 12)) {
      return longName();
    }
    String dst = isGroup(t) ? Addresses.mac(t.data(), t.start()) : hmac(t, 0);
    return longName() + ", Src: " + hmac(t, 6) + ", Dst: " + dst;
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = "FabricPath";
    c.setInfo("Cisco FabricPath MiM Encapsulated Frame");
  }
}

package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/**
 * IEEE 802.1BR E-Tag (EtherType 0x893f, bridge port extension; IEEE 802.1BR-2012 clause 7.5),
 * Wireshark's {@code etag}.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-----+-+-----------------------+---+---+-----------------------+
 * |E-PCP|D|  Ingress_E-CID_base   |Res|GRP|      E-CID_base       |
 * +-----+-+-------+---------------+---+---+-----------------------+
 * |Ingress_E-CID_ext|  E-CID_ext  |            EtherType          |
 * +---------------+---------------+-------------------------------+
 * </pre>
 *
 * The type always goes to the ethertype hand-off (tshark 4.0 does not read a small value as an
 * 802.3 length here: it is an unknown type and data follows).
 */
public final class EtagDissector extends Dissector implements Protocols.Registrable {
  public static final Field PCP = Field.u16("etag.pcp", "E-PCP").mask(0xe000, 16)
      .blurb("Descriptions are recommendations from IEEE standard 802.1D-2004")
      .labels(ValueNames.parse("0=Best Effort (default)|1=Background|2=Spare|3=Excellent Effort|"
          + "4=Controlled Load|5=Video, < 100ms latency and jitter|6=Voice, < 10ms latency and jitter|"
          + "7=Network Control"));
  public static final Field DEI = Field.u16("etag.dei", "E-DEI").mask(0x1000, 16);
  public static final Field IECID_BASE = Field.u16("etag.iecid_base", "Ingress_E-CID_base").hex().mask(0x0fff, 16);
  public static final Field RESV = Field.u16("etag.resv", "Reserved").mask(0xc000, 16);
  public static final Field GROUP = Field.u16("etag.group", "GRP").mask(0x3000, 16)
      .labels(ValueNames.parse("0=Point-to-point|1=Point-to-multipoint|2=Point-to-multipoint|3=Point-to-multipoint"));
  public static final Field ECID_BASE = Field.u16("etag.ecid_base", "E-CID_base").hex().mask(0x0fff, 16);
  public static final Field IECID_EXT = Field.u8("etag.iecid_ext", "Ingress_E-CID_ext").hex();
  public static final Field ECID_EXT = Field.u8("etag.ecid_ext", "E-CID_ext").hex();
  public static final Field ETYPE = Field.u16("etag.etype", "Type").hex().labels(EtherTypes::name);
  public static final Field TRAILER = Field.bytes("etag.trailer", "Trailer");

  /** The tag control information (6 bytes) that tshark reads before anything else. */
  private static final int TCI = 6;
  private static final int HEADER = 8;

  public EtagDissector() {
    super("etag", "802.1BR E-Tag", "ETAG");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.ETHERTYPE, 0x893f, this);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    return VlanDissector.dissectTag(d, layer, d.start(layer), HEADER, null);
  }

  /** A tag cut before its 6 bytes of TCI: tshark fails before it adds its tree or columns. */
  @Override
  public boolean hiddenInTree(Dissection d, int layer) {
    return d.length(layer) < TCI;
  }

  @Override
  public void fields(Tree t) {
    if (!t.has(0, TCI)) {
      return;
    }
    t.uint(PCP, 0, 2);
    t.uint(DEI, 0, 2);
    t.uint(IECID_BASE, 0, 2);
    t.uint(RESV, 2, 2);
    t.uint(GROUP, 2, 2);
    t.uint(ECID_BASE, 2, 2);
    t.uint(IECID_EXT, 4, 1);
    t.uint(ECID_EXT, 5, 1);
    t.uint(ETYPE, TCI, 2);
    EtherTrailer.emit(t, TRAILER);
  }

  @Override
  public String label(Tree t) {
    if (!t.has(0, TCI)) {
      return longName();
    }
    long tci = ((long) t.u16(0) << 32) | t.u32(2);
    // The extension bytes are the high 8 bits of the 20-bit channel identifiers.
    long ingress = ((tci >> 32) & 0xfff) | ((long) t.u8(4) << 12);
    long ecid = ((tci >> 16) & 0xfff) | ((long) t.u8(5) << 12);
    return longName() + ", TCI: 0x" + Long.toHexString(tci) + " Ingress_E-CID: " + ingress + " E-CID: " + ecid;
  }

  @Override
  public void columns(Tree t, Columns c) {
    if (!t.has(0, TCI)) {
      return;
    }
    c.protocol = columnName();
    c.setInfo("");
    EtherTypes.unknownTypeColumn(t, c, TCI);
  }
}

package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/**
 * Per-Packet Information headers, LINKTYPE_PPI (192) (CACE Technologies' PPI specification 1.0).
 *
 * <pre>
 * +---------+-------+------------+-------------+---------------------------------------+
 * | version | flags | length(le) | DLT (le 32) | fields: type(le 16) length(le 16) data |
 * |    1    |   1   |     2      |      4      | ...                                    |
 * +---------+-------+------------+-------------+---------------------------------------+
 * </pre>
 *
 * The packet after the header is of link type DLT; as in Wireshark it is handed on through the
 * {@code pcap_pktdata} layer ({@link PcapPktdataDissector}), which frame.protocols lists. Field
 * headers are shown for every field; the aggregation extension's interface is decoded.
 */
public final class PpiDissector extends Dissector implements Protocols.Registrable {
  static final int LINKTYPE_PPI = 192;

  public static final Field VERSION = Field.u8("ppi.version", "Version").blurb("PPI header format version");
  public static final Field FLAGS = Field.u8("ppi.flags", "Flags").hex().blurb("PPI header flags");
  public static final Field FLAGS_ALIGNMENT = Field.bool("ppi.flags.alignment", "Alignment").mask(0x01, 8)
      .states("32-bit aligned", "Not aligned").blurb("PPI header flags - 32bit Alignment");
  public static final Field FLAGS_RESERVED = Field.u8("ppi.flags.reserved", "Reserved").hex().mask(0xfe, 8)
      .blurb("PPI header flags - Reserved Flags");
  public static final Field LENGTH = Field.u16("ppi.length", "Header length")
      .blurb("Length of header including payload");
  public static final Field DLT = Field.u32("ppi.dlt", "DLT").blurb("libpcap Data Link Type (DLT) of the payload");
  public static final Field FIELD_TYPE = Field.u16("ppi.field_type", "Field type").labels(ValueNames.parse(
      "2=802.11-Common|3=802.11n MAC Extensions|4=802.11n MAC+PHY Extensions|5=Spectrum-Map|6=Process-Info|"
          + "7=Capture-Info|8=Aggregation Extension|9=802.3 Extension|30002=GPS Tagging|30003=Vector Tagging|"
          + "30004=Sensor tagging|30005=Antenna Tagging|30006=FNET Private"))
      .blurb("PPI data field type");
  public static final Field FIELD_LEN = Field.u16("ppi.field_len", "Field length").blurb("PPI data field length");
  public static final Field AGGREGATION_INTERFACE_ID = Field.u32("ppi.aggregation_extension.interface_id",
      "Interface ID").blurb("Zero-based index of the physical interface the packet was captured from");

  private static final int HEADER = 8;
  private static final int FIELD_AGGREGATION = 8;

  public PpiDissector() {
    super("ppi", "PPI Packet Header", "PPI");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.LINK_TYPE, LINKTYPE_PPI, this);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    byte[] b = d.data();
    if (d.length(layer) < HEADER) {
      Truncation.report(d, layer, s, HEADER);
      return null;
    }
    int len = Bytes.u16le(b, s + 2);
    if (len < HEADER || len > d.length(layer)) {
      d.malformed(layer);
      return null;
    }
    d.dispatchKey((int) Bytes.u32le(b, s + 4));
    d.payload(s + len, d.end(layer));
    return d.protocols().byName("pcap_pktdata");
  }

  @Override
  public void fields(Tree t) {
    t.uint(VERSION, 0, 1);
    t.uint(FLAGS, 1, 1);
    t.enter();
    t.uint(FLAGS_ALIGNMENT, 1, 1);
    t.uint(FLAGS_RESERVED, 1, 1);
    t.exit();
    t.uintle(LENGTH, 2, 2);
    t.uintle(DLT, 4, 4);
    int len = Math.min(t.u16le(2), t.length());
    for (int p = HEADER; p + 4 <= len; ) {
      int type = t.u16le(p);
      int flen = t.u16le(p + 2);
      String name = FIELD_TYPE.valueLabel(type);
      t.text(p, Math.min(4 + flen, len - p), name != null ? name : "Unknown PPI field");
      t.enter();
      t.uintle(FIELD_TYPE, p, 2);
      t.uintle(FIELD_LEN, p + 2, 2);
      if (type == FIELD_AGGREGATION && flen >= 4) {
        t.uintle(AGGREGATION_INTERFACE_ID, p + 4, 4);
      }
      t.exit();
      p += 4 + flen;
    }
  }

  @Override
  public String label(Tree t) {
    if (!t.has(0, 4)) {
      return longName();
    }
    return "PPI version " + t.u8(0) + ", " + t.u16le(2) + " bytes";
  }
}

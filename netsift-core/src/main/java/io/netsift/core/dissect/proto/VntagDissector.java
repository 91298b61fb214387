package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/**
 * Cisco VN-Tag (EtherType 0x8926; IEEE 802.1Qbh draft, "Virtual Network Tag"): a 4-byte tag
 * that a fabric extender puts between the MAC addresses and the frame's own type.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+---------------------------+-+-+---+-----------------------+
 * |D|P|     destination vif       |L|R|Ver|      source vif       |
 * +-+-+---------------------------+-+-+---+-----------------------+
 * |   EtherType or 802.3 length   |
 * +-------------------------------+
 * </pre>
 *
 * As after an 802.1Q tag, a type of 1500 or less is an IEEE 802.3 length and LLC follows
 * without the ethertype hand-off (tshark 4.0: {@code vntag:llc}).
 */
public final class VntagDissector extends Dissector implements Protocols.Registrable {
  public static final Field ETYPE = Field.u16("vntag.etype", "Type").hex().labels(EtherTypes::name);
  public static final Field DIR = Field.bool("vntag.dir", "Direction").mask(0x80000000L, 32)
      .states("From Bridge", "To Bridge");
  public static final Field PTR = Field.bool("vntag.ptr", "Pointer").mask(0x40000000, 32)
      .states("vif_list_id", "vif_id");
  public static final Field DST = Field.u32("vntag.dst", "Destination").mask(0x3fff0000, 32);
  public static final Field LOOPED = Field.bool("vntag.looped", "Looped").mask(0x00008000, 32).states("Yes", "No");
  public static final Field R = Field.u32("vntag.r", "Reserved").mask(0x00004000, 32);
  public static final Field VERSION = Field.u32("vntag.version", "Version").mask(0x00003000, 32);
  public static final Field SRC = Field.u32("vntag.src", "Source").mask(0x00000fff, 32);
  public static final Field LEN = Field.u16("vntag.len", "Length");
  public static final Field TRAILER = Field.bytes("vntag.trailer", "Trailer");
  static final Expert LEN_PAST_END = new Expert("vntag.len.past_end", Expert.Severity.ERROR, "Malformed",
      "Length field value goes past the end of the payload");

  /** The tag and the type after it. */
  private static final int HEADER = 6;
  private static final int MAX_LENGTH = 1500;

  public VntagDissector() {
    super("vntag", "VN-Tag", "VNTAG");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.ETHERTYPE, 0x8926, this);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    return VlanDissector.dissectTag(d, layer, d.start(layer), HEADER, LEN_PAST_END);
  }

  @Override
  public void fields(Tree t) {
    if (!t.has(0, 4)) {
      return; // tshark adds the tag's bits only once all four bytes are there
    }
    t.uint(DIR, 0, 4);
    t.uint(PTR, 0, 4);
    t.uint(DST, 0, 4);
    t.uint(LOOPED, 0, 4);
    t.uint(R, 0, 4);
    t.uint(VERSION, 0, 4);
    t.uint(SRC, 0, 4);
    if (t.u16(4) <= MAX_LENGTH) {
      t.uint(LEN, 4, 2);
    } else {
      t.uint(ETYPE, 4, 2);
    }
    EtherTrailer.emit(t, TRAILER);
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    c.setInfo("");
    if (t.u16(4) > MAX_LENGTH) {
      EtherTypes.unknownTypeColumn(t, c, 4);
    }
  }
}

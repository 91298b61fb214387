package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.util.Map;

/**
 * The basic-format information field of an LLC XID frame (IEEE 802.2 section 5.4.1.1.7): a
 * format identifier (0x81), the LLC types and classes the station supports, and its receive
 * window size in the upper seven bits of the third byte. LLC hands an unnumbered XID frame whose
 * information field starts with 0x81 here; tshark shows the layer but leaves it out of
 * frame.protocols.
 */
public final class BasicXidDissector extends Dissector {
  /** The format identifier of the basic format. */
  static final int BASIC_FORMAT = 0x81;

  private static final Map<Long, String> TYPES = ValueNames.parse("1=Type 1 LLC (Class I LLC)|2=Type 2 LLC"
      + "|3=Type 1 and Type 2 LLCs (Class II LLC)|4=Type 3 LLC|5=Type 1 and Type 3 LLCs (Class III LLC)"
      + "|6=Type 2 and Type 3 LLCs|7=Type 1 and Type 2 and Type 3 LLCs (Class IV LLC)");

  public static final Field FORMAT = Field.u8("basicxid.llc.xid.format", "XID Format").hex()
      .labels(ValueNames.parse("0x81=LLC basic format"));
  public static final Field TYPES_FIELD = Field.u8("basicxid.llc.xid.types", "LLC Types/Classes").hex()
      .labels(TYPES);
  public static final Field WINDOW = Field.u8("basicxid.llc.xid.wsize", "Receive Window Size");

  private static final int LENGTH = 3;

  public BasicXidDissector() {
    super("basicxid", "Logical-Link Control Basic Format XID", "XID");
  }

  @Override
  public boolean listedInProtocols() {
    return false;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    if (d.length(layer) < LENGTH) {
      Truncation.report(d, layer, s, LENGTH);
      return null;
    }
    d.payload(s + LENGTH, d.end(layer));
    return null;
  }

  @Override
  public void fields(Tree t) {
    t.uint(FORMAT, 0, 1);
    t.number(TYPES_FIELD, 1, 1, t.u8(1) & 0x1f);
    t.number(WINDOW, 2, 1, (t.u8(2) & 0xfe) >> 1);
  }

  @Override
  public void columns(Tree t, Columns c) {
    if (!t.has(0, LENGTH)) {
      return;
    }
    c.protocol = columnName();
    int types = t.u8(1) & 0x1f;
    String name = TYPES.get((long) types);
    c.setInfo("Basic Format; " + (name != null ? name : String.format("0x%02x", types)) + "; Window Size "
        + ((t.u8(2) & 0xfe) >> 1));
  }
}

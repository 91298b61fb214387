package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/**
 * Ethernet pseudowire control word (RFC 4448 section 4.6), then an Ethernet frame without FCS.
 *
 * <pre>
 * +-------+-----------------------+-------------------------------+
 * | 0000  |   Reserved (12 bits)  |     Sequence Number (16)      |
 * +-------+-----------------------+-------------------------------+
 * </pre>
 */
public final class PwEthCwDissector extends Dissector {
  public static final Field PW = Field.bool("pweth", "PW (ethernet)").hidden();
  public static final Field CW = Field.bool("pweth.cw", "PW Control Word (ethernet)").hidden();
  public static final Field SEQUENCE = Field.u16("pweth.cw.sequence_number", "PW sequence number (ethernet)");

  private static final int HEADER = 4;

  public PwEthCwDissector() {
    super("pwethcw", "PW Ethernet Control Word", "");
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    if (d.length(layer) < HEADER) {
      Truncation.report(d, layer, s, HEADER);
      return null;
    }
    d.payload(s + HEADER, d.end(layer));
    return d.protocols().byName("eth");
  }

  @Override
  public void fields(Tree t) {
    // tshark's control word item is the hidden boolean; the tree shows the sequence number.
    t.number(CW, 0, 0, 1);
    t.uint(SEQUENCE, 2, 2);
  }

  @Override
  public void columns(Tree t, Columns c) {}

  @Override
  public String shortName() {
    return "Ethernet PW (with CW)";
  }
}

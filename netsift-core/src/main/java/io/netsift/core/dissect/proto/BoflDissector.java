package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/**
 * Wellfleet Breath of Life (EtherType 0x8102), a line-sensing keepalive that Bay/Nortel
 * switches still send, among other places inside 802.1ah backbones (zeek__pbb.pcap).
 *
 * <pre>
 * +---------------+---------------+------------------
 * |   PDU (4)     | Sequence (4)  | padding ...
 * +---------------+---------------+------------------
 * </pre>
 */
public final class BoflDissector extends Dissector implements Protocols.Registrable {
  public static final Field PDU = Field.u32("bofl.pdu", "PDU").hex()
      .blurb("PDU; normally equals 0x01010000 or 0x01011111");
  public static final Field SEQUENCE = Field.u32("bofl.sequence", "Sequence").blurb("incremental counter");
  public static final Field PADDING = Field.bytes("bofl.padding", "Padding");

  private static final int HEADER = 8;

  public BoflDissector() {
    super("bofl", "Wellfleet Breath of Life", "BOFL");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.ETHERTYPE, 0x8102, this);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    if (d.length(layer) < HEADER) {
      Truncation.report(d, layer, d.start(layer), HEADER);
    }
    return null; // the padding up to the end of the frame is part of this layer
  }

  @Override
  public void fields(Tree t) {
    t.uint(PDU, 0, 4);
    t.uint(SEQUENCE, 4, 4);
    if (t.length() > HEADER) {
      t.bytes(PADDING, HEADER, t.length() - HEADER);
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    c.setInfo("");
    if (t.has(0, 4)) {
      c.setInfo(String.format("PDU: 0x%08x", t.u32(0)));
      if (t.has(4, 4)) {
        c.info.append(" Sequence: ").append(t.u32(4));
      }
    }
  }
}

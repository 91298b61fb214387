package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/**
 * Virtual eXtensible Local Area Network, <a href="https://www.rfc-editor.org/rfc/rfc7348">RFC
 * 7348</a>, with the group-based policy bits of draft-smith-vxlan-group-policy; UDP port 4789.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |G|R|R|R|I|R|R|R|R|D|R|R|A|R|R|R|        Group Policy ID        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          VXLAN Network Identifier (VNI)       |   Reserved    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * An Ethernet frame follows (directly: no {@code ethertype} layer).
 */
public final class VxlanDissector extends Dissector implements Protocols.Registrable {
  public static final Field FLAGS = Field.u16("vxlan.flags", "Flags").hex();
  public static final Field FLAGS_RESERVED = Field.u16("vxlan.flags_reserved", "Reserved(R)").hex().mask(0x77b7, 16);
  public static final Field FLAG_G = Field.bool("vxlan.flag_g", "GBP Extension").mask(0x8000, 16)
      .states("Defined", "Not defined");
  public static final Field FLAG_I = Field.bool("vxlan.flag_i", "VXLAN Network ID (VNI)").mask(0x0800, 16);
  public static final Field FLAG_D = Field.bool("vxlan.flag_d", "Don't Learn").mask(0x0040, 16);
  public static final Field FLAG_A = Field.bool("vxlan.flag_a", "Policy Applied").mask(0x0008, 16);
  public static final Field GBP = Field.u16("vxlan.gbp", "Group Policy ID");
  public static final Field VNI = Field.u24("vxlan.vni", "VXLAN Network Identifier (VNI)");
  public static final Field RESERVED8 = Field.u8("vxlan.reserved8", "Reserved");

  private static final int HEADER = 8;
  public static final int PORT = 4789;

  public VxlanDissector() {
    super("vxlan", "Virtual eXtensible Local Area Network", "VxLAN");
  }

  /** A tunnel: its payload is a link or network layer again (kept when applications are pruned). */
  @Override
  public boolean carriesLowerLayers() {
    return true;
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.UDP_PORT, PORT, this);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int end = d.end(layer);
    if (end - s < HEADER) {
      d.payload(end, end);
      Truncation.report(d, layer, s, HEADER);
      return null;
    }
    d.payload(s + HEADER, end);
    // Even an empty payload goes to Ethernet, which then finds it malformed, as in tshark.
    return d.protocols().byName("eth");
  }

  @Override
  public void fields(Tree t) {
    t.uint(FLAGS, 0, 2);
    t.enter();
    t.uint(FLAG_G, 0, 2);
    t.uint(FLAG_I, 0, 2);
    t.uint(FLAG_D, 0, 2);
    t.uint(FLAG_A, 0, 2);
    t.uint(FLAGS_RESERVED, 0, 2);
    t.exit();
    t.uint(GBP, 2, 2);
    t.uint(VNI, 4, 3);
    t.uint(RESERVED8, 7, 1);
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    c.setInfo("");
  }

  @Override
  public String shortName() {
    return "VXLAN";
  }
}

package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/**
 * Cisco MetaData (TrustSec security group tag), as it travels in GRE with protocol type 0x8909:
 * the inner EtherType first, then version, length, options and the SGT; the inner packet
 * follows through the EtherType table (no {@code ethertype} hand-off layer, as in tshark).
 *
 * <pre>
 * +-------------------+---------+---------+-------------------+-------------------+
 * |  EtherType (2)    | Ver (1) | Len (1) |   Options (2)     |     SGT (2)       |
 * +-------------------+---------+---------+-------------------+-------------------+
 * </pre>
 */
public final class CmdDissector extends Dissector {
  public static final Field VERSION = Field.u8("cmd.version", "Version");
  public static final Field LENGTH = Field.u8("cmd.length", "Length");
  public static final Field OPTIONS = Field.u16("cmd.options", "Options").hex();
  public static final Field SGT = Field.u16("cmd.sgt", "SGT");
  public static final Field TYPE = Field.u16("cmd.type", "Type").hex().labels(EtherTypes::name);

  private static final int HEADER = 8;

  public CmdDissector() {
    super("cmd", "Cisco MetaData", "CMD");
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
    return s + HEADER < end ? d.protocols().etherType(Bytes.u16(d.data(), s)) : null;
  }

  @Override
  public void fields(Tree t) {
    t.uint(TYPE, 0, 2);
    t.uint(VERSION, 2, 1);
    t.uint(LENGTH, 3, 1);
    t.uint(OPTIONS, 4, 2);
    t.uint(SGT, 6, 2);
  }

  @Override
  public void columns(Tree t, Columns c) {}

  @Override
  public String shortName() {
    return "Cisco MetaData";
  }
}

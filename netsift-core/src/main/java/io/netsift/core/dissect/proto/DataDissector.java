package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/** Payload that no dissector claims, shown as Wireshark's "data" protocol. */
public final class DataDissector extends Dissector {
  public static final Field DATA = Field.bytes("data.data", "Data");
  public static final Field LEN = Field.of("data.len", "Length", io.netsift.core.field.FieldType.INT32);

  public DataDissector() {
    super("data", "Data", "Data");
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    return null;
  }

  @Override
  public void fields(Tree t) {
    t.bytes(DATA, 0, t.length());
    t.generated(LEN, t.length());
  }

  /** tshark's line for the data protocol: "Data (26 bytes)". */
  @Override
  public String label(Tree t) {
    return "Data (" + t.length() + " bytes)";
  }

  @Override
  public boolean insideEarlierLayer(Dissection d, int layer) {
    return layer > 0 && d.dissector(layer - 1).dataInsideTree(d, layer - 1);
  }

  @Override
  public void columns(Tree t, Columns c) {
    // tshark keeps the Protocol and Info of the layer that carried the data.
  }
}

package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Tree;

/**
 * Wireshark's "ethertype" hand-off layer: it has no bytes or fields of its own but appears
 * in frame.protocols between a link layer and what its EtherType selects, as in tshark 4.0.
 * The link layer leaves the EtherType with {@link Dissection#dispatchKey(int)}.
 */
public final class EtherTypeDissector extends Dissector {
  public EtherTypeDissector() {
    super("ethertype", "Ethertype", "");
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    d.payload(d.start(layer), d.end(layer));
    return d.protocols().etherType(d.dispatchKey());
  }

  @Override
  public void fields(Tree t) {}

  @Override
  public boolean hiddenInTree() {
    return true;
  }

  @Override
  public void columns(Tree t, Columns c) {}

  @Override
  public String shortName() {
    return "Ethertype";
  }
}

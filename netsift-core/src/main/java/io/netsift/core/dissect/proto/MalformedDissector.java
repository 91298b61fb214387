package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Tree;

/**
 * The {@code _ws.malformed} marker tshark adds after a layer whose bytes contradict its own
 * lengths; it carries no bytes and ends the frame's dissection.
 */
public final class MalformedDissector extends Dissector {
  public MalformedDissector() {
    super("_ws.malformed", "Malformed Packet", "");
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    return null;
  }

  @Override
  public void fields(Tree t) {}

  @Override
  public boolean hiddenInTree() {
    return true;
  }

  @Override
  public boolean payloadBecomesData() {
    return false;
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.info.append(" [Malformed Packet]");
  }
}

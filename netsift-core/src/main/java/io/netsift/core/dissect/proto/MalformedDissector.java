package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
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

  static final Expert EXCEPTION = new Expert("_ws.malformed.expert", Expert.Severity.ERROR, "Malformed",
      "Malformed Packet (Exception occurred)");
  /** A reassembly error (Wireshark's ReassemblyError); the text says which. */
  static final Expert REASSEMBLY = new Expert("_ws.malformed.reassembly", Expert.Severity.ERROR, "Malformed",
      "Reassembly error");

  /**
   * Whether a layer carried inside layer {@code layer} (the chain after it, all within its bytes)
   * ended in this marker: tshark's exception then unwound through {@code layer}'s dissector too,
   * so what that dissector would have shown after the hand-off is missing (M3UA's parameters
   * after the protocol data, SCCP's optional parameters after the data).
   */
  static boolean raisedWithin(Dissection d, int layer) {
    int s = d.start(layer);
    int e = d.end(layer);
    for (int i = layer + 1; i < d.layerCount(); i++) {
      if (d.start(i) < s || d.end(i) > e) {
        return false;
      }
      if (d.dissector(i) instanceof MalformedDissector) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void fields(Tree t) {
    t.expert(EXCEPTION, 0, 0, null);
  }

  @Override
  public String label(Tree t) {
    Dissection d = t.dissection();
    int before = t.layer() - 1;
    String what = before > 0 ? d.dissector(before).shortName() : "";
    return "[Malformed Packet" + (what.isEmpty() ? "" : ": " + what) + "]";
  }

  @Override
  public boolean payloadBecomesData() {
    return false;
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.info.append("[Malformed Packet]"); // tshark appends it with no separator
  }
}

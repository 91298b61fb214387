package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Tree;

/**
 * tshark's "Ethernet PW (CW heuristic)" hand-off after an MPLS stack whose payload starts with
 * a zero nibble (RFC 4448): a zero-length layer that picks the Ethernet pseudowire with a
 * control word ({@code pwethcw}) when the first nibble is 0, else plain Ethernet. Wireshark also
 * looks the addresses up in its manufacturer table; netsift has none, so the nibble decides.
 */
public final class PwEthHeuristicDissector extends Dissector {
  public PwEthHeuristicDissector() {
    super("pwethheuristic", "Ethernet PW (CW heuristic)", "");
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    d.payload(s, d.end(layer));
    if (d.length(layer) > 0 && (Bytes.u8(d.data(), s) >> 4) == 0) {
      return d.protocols().byName("pwethcw");
    }
    return d.protocols().byName("eth");
  }

  @Override
  public void fields(Tree t) {}

  @Override
  public boolean hiddenInTree() {
    return true;
  }

  @Override
  public void columns(Tree t, Columns c) {}
}

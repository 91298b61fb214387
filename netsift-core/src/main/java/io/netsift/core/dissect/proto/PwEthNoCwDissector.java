package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Tree;

/**
 * Ethernet pseudowire without control word (RFC 4448 section 4.4): the MPLS payload is an
 * Ethernet frame without FCS. The layer has no bytes; it reports the hidden {@code pweth}.
 */
public final class PwEthNoCwDissector extends Dissector {
  static final io.netsift.core.field.Field PW = PwEthCwDissector.PW;

  public PwEthNoCwDissector() {
    super("pwethnocw", "Ethernet PW (no CW)", "");
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    d.payload(d.start(layer), d.end(layer));
    return d.protocols().byName("eth");
  }

  @Override
  public void fields(Tree t) {
    t.number(PW, 0, 0, 1);
  }

  @Override
  public void columns(Tree t, Columns c) {}

  @Override
  public String shortName() {
    return "Ethernet PW (no CW)";
  }
}

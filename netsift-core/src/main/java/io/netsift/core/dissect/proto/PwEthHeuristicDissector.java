package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Tree;

/**
 * tshark's "Ethernet PW (CW heuristic)" hand-off after an MPLS stack whose payload starts with
 * a zero nibble (RFC 4448): a zero-length layer that picks the Ethernet pseudowire with a
 * control word ({@code pwethcw}) or without ({@code pwethnocw}) by which reading looks more like
 * an Ethernet header: one whose type field (past any VLAN tags) is an EtherType netsift knows.
 * Wireshark also looks the addresses up in its manufacturer table; netsift has none, so a tie
 * goes to the control word when the first nibble is 0.
 */
public final class PwEthHeuristicDissector extends Dissector {
  public PwEthHeuristicDissector() {
    super("pwethheuristic", "Ethernet PW (CW heuristic)", "");
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    d.payload(s, d.end(layer));
    int plain = ethernetScore(d, s, d.end(layer));
    int withCw = ethernetScore(d, s + 4, d.end(layer));
    if (plain > withCw || plain == withCw && d.length(layer) > 0 && (Bytes.u8(d.data(), s) >> 4) != 0) {
      return d.protocols().byName("pwethnocw");
    }
    return d.protocols().byName("pwethcw");
  }

  /** 1 when an Ethernet header at {@code p} has a type netsift dissects, else 0. */
  private static int ethernetScore(Dissection d, int p, int end) {
    byte[] b = d.data();
    int at = p + 12;
    while (at + 2 <= end && Bytes.u16(b, at) == 0x8100) {
      at += 4;
    }
    if (at + 2 > end) {
      return 0;
    }
    int type = Bytes.u16(b, at);
    return type > 1500 && d.protocols().etherType(type) != null ? 1 : 0;
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
    return "Ethernet PW (CW heuristic)";
  }
}

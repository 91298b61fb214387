package io.netsift.core.dissect.proto.dns;

import io.netsift.core.dissect.Protocols;

/**
 * Link-Local Multicast Name Resolution, <a href="https://www.rfc-editor.org/rfc/rfc4795">RFC
 * 4795</a>, on UDP port 5355: the DNS message format with the C (conflict) and T (tentative)
 * flags in place of AA and RD (§2.1.1). Fields are the {@code dns.*} ones, as in tshark.
 */
public final class LlmnrDissector extends DnsDissector {
  public LlmnrDissector() {
    super("llmnr", "Link-local Multicast Name Resolution", "LLMNR", Flavor.LLMNR);
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.UDP_PORT, 5355, this);
  }
}

package io.netsift.core.dissect.proto.dns;

import io.netsift.core.dissect.Protocols;

/**
 * Multicast DNS, <a href="https://www.rfc-editor.org/rfc/rfc6762">RFC 6762</a>, on UDP port
 * 5353: DNS messages whose class field carries the unicast-response bit in questions
 * (§5.4, {@code dns.qry.qu}) and the cache-flush bit in records (§10.2,
 * {@code dns.resp.cache_flush}). Fields are the {@code dns.*} ones, as in tshark.
 */
public final class MdnsDissector extends DnsDissector {
  public MdnsDissector() {
    super("mdns", "Multicast Domain Name System", "MDNS", Flavor.MDNS);
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.UDP_PORT, 5353, this);
  }

  @Override
  public String shortName() {
    return "mDNS";
  }
}

package io.netsift.net.ip;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code netsift ip} says about one argument: the address and, when a prefix was
 * given, its network. Built by {@link IpCalculator#describe}; {@link #fields()} lays it out as
 * ordered label/value pairs for text or JSON renderers.
 *
 * @param network the block when the input had a /PREFIX, else null
 * @param addressClass "A".."E" for IPv4 (RFC 791 §3.2, RFC 1112 §4), null for IPv6
 */
public record IpDescription(
    String input,
    IpAddress address,
    IpNetwork network,
    String addressClass,
    List<SpecialBlock> blocks,
    boolean globallyReachable,
    List<EmbeddedIpv4> embedded) {
  public IpDescription {
    blocks = List.copyOf(blocks);
    embedded = List.copyOf(embedded);
  }

  /** Ordered (label, value) pairs; labels are stable for scripts. */
  public List<Map.Entry<String, String>> fields() {
    List<Map.Entry<String, String>> f = new ArrayList<>();
    add(f, "address", address.toString());
    add(f, "version", "IPv" + address.version());
    add(f, "expanded", address.expanded());
    add(f, "integer", address.toBigInteger().toString());
    add(f, "hex", "0x" + String.format("%0" + (address.bits() / 4) + "x", address.toBigInteger()));
    add(f, "binary", address.binary());
    if (addressClass != null) {
      add(f, "class", addressClass);
    }
    if (blocks.isEmpty()) {
      add(f, "special-purpose", "none (ordinary unicast)");
    }
    for (SpecialBlock b : blocks) {
      add(f, "special-purpose", b.network().canonical() + "  " + b.name() + " (" + b.rfc() + ")");
    }
    for (EmbeddedIpv4 e : embedded) {
      add(f, "embedded IPv4", e.address() + " (" + e.mechanism() + ")");
    }
    add(f, "globally reachable", globallyReachable ? "yes" : "no");
    add(f, "reverse DNS", address.reverseName());
    if (network != null) {
      add(f, "network", network.canonical().toString() + (network.hasHostBits() ? "  (host bits set in input)" : ""));
      add(f, "prefix length", Integer.toString(network.prefix()));
      add(f, "netmask", network.netmask().toString());
      add(f, "wildcard", network.wildcard().toString());
      IpAddress bc = network.broadcast();
      add(f, "broadcast", bc != null ? bc.toString() : noBroadcast(network));
      add(f, "first host", network.firstHost().toString());
      add(f, "last host", network.lastHost().toString());
      add(f, "addresses", count(network.addressCount()));
      add(f, "hosts", count(network.hostCount()));
      add(f, "private network", SpecialPurposeRegistry.isPrivate(network) ? "yes" : "no");
    }
    return f;
  }

  private static String noBroadcast(IpNetwork n) {
    if (n.version() == 6) {
      return "none (IPv6 has no broadcast, RFC 4291 §2)";
    }
    return n.prefix() == 31 ? "none (/31 point-to-point link, RFC 3021)" : "none (/32 is a single host)";
  }

  private static String count(BigInteger n) {
    int bits = n.bitLength() - 1;
    boolean power = n.bitCount() == 1;
    return n + (power && bits >= 16 ? " (2^" + bits + ")" : "");
  }

  private static void add(List<Map.Entry<String, String>> f, String k, String v) {
    f.add(new SimpleImmutableEntry<>(k, v));
  }
}

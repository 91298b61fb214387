package io.netsift.net.ip;

import io.netsift.net.ip.SpecialBlock.Category;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The special-purpose address blocks: every entry of IANA's IPv4 and IPv6 Special-Purpose
 * Address Registries (RFC 6890, as updated through RFC 9637 and RFC 9602), plus the multicast
 * ranges (RFC 5771, RFC 4291 §2.7) and the address-architecture reservations Python's
 * {@code ipaddress} also reports (class E, IPv4-compatible, site-local).
 *
 * <p>"Globally reachable" follows the registry's rule that the most specific entry wins
 * (192.0.0.9/32 is reachable inside the unreachable 192.0.0.0/24); N/A entries defer to the
 * block around them, and an address in no block is reachable.
 */
public final class SpecialPurposeRegistry {
  private static final List<SpecialBlock> BLOCKS = build();

  private SpecialPurposeRegistry() {}

  private static SpecialBlock b(String cidr, String name, String rfc, Category c, Boolean global) {
    return new SpecialBlock(IpNetwork.parse(cidr), name, rfc, c, global, true);
  }

  private static SpecialBlock x(String cidr, String name, String rfc, Category c, Boolean global) {
    return new SpecialBlock(IpNetwork.parse(cidr), name, rfc, c, global, false);
  }

  private static List<SpecialBlock> build() {
    List<SpecialBlock> l = new ArrayList<>(List.of(
        // IANA IPv4 Special-Purpose Address Registry
        b("0.0.0.0/8", "\"This network\"", "RFC 791 §3.2", Category.THIS_NETWORK, false),
        b("0.0.0.0/32", "\"This host on this network\"", "RFC 1122 §3.2.1.3", Category.UNSPECIFIED, false),
        b("10.0.0.0/8", "Private-Use", "RFC 1918", Category.PRIVATE_USE, false),
        b("100.64.0.0/10", "Shared Address Space (carrier-grade NAT)", "RFC 6598", Category.SHARED_ADDRESS_SPACE, false),
        b("127.0.0.0/8", "Loopback", "RFC 1122 §3.2.1.3", Category.LOOPBACK, false),
        b("169.254.0.0/16", "Link Local", "RFC 3927", Category.LINK_LOCAL, false),
        b("172.16.0.0/12", "Private-Use", "RFC 1918", Category.PRIVATE_USE, false),
        b("192.0.0.0/24", "IETF Protocol Assignments", "RFC 6890 §2.1", Category.PROTOCOL_ASSIGNMENTS, false),
        b("192.0.0.0/29", "IPv4 Service Continuity Prefix (DS-Lite)", "RFC 7335", Category.PROTOCOL_ASSIGNMENTS, false),
        b("192.0.0.8/32", "IPv4 dummy address", "RFC 7600", Category.PROTOCOL_ASSIGNMENTS, false),
        b("192.0.0.9/32", "Port Control Protocol Anycast", "RFC 7723", Category.ANYCAST, true),
        b("192.0.0.10/32", "Traversal Using Relays around NAT Anycast", "RFC 8155", Category.ANYCAST, true),
        b("192.0.0.170/32", "NAT64/DNS64 Discovery", "RFC 8880, RFC 7050 §2.2", Category.PROTOCOL_ASSIGNMENTS, false),
        b("192.0.0.171/32", "NAT64/DNS64 Discovery", "RFC 8880, RFC 7050 §2.2", Category.PROTOCOL_ASSIGNMENTS, false),
        b("192.0.2.0/24", "Documentation (TEST-NET-1)", "RFC 5737", Category.DOCUMENTATION, false),
        b("192.31.196.0/24", "AS112-v4", "RFC 7535", Category.AS112, true),
        b("192.52.193.0/24", "Automatic Multicast Tunneling (AMT)", "RFC 7450", Category.ANYCAST, true),
        b("192.88.99.0/24", "Deprecated (6to4 Relay Anycast)", "RFC 7526", Category.SIX_TO_FOUR, null),
        b("192.168.0.0/16", "Private-Use", "RFC 1918", Category.PRIVATE_USE, false),
        b("192.175.48.0/24", "Direct Delegation AS112 Service", "RFC 7534", Category.AS112, true),
        b("198.18.0.0/15", "Benchmarking", "RFC 2544", Category.BENCHMARKING, false),
        b("198.51.100.0/24", "Documentation (TEST-NET-2)", "RFC 5737", Category.DOCUMENTATION, false),
        b("203.0.113.0/24", "Documentation (TEST-NET-3)", "RFC 5737", Category.DOCUMENTATION, false),
        b("240.0.0.0/4", "Reserved (former class E)", "RFC 1112 §4", Category.RESERVED, false),
        b("255.255.255.255/32", "Limited Broadcast", "RFC 8190, RFC 919 §7", Category.LIMITED_BROADCAST, false),
        // IPv4 multicast (IANA IPv4 Multicast Address Space Registry)
        x("224.0.0.0/4", "Multicast", "RFC 5771", Category.MULTICAST, null),
        x("224.0.0.0/24", "Local Network Control Block (never forwarded)", "RFC 5771 §4", Category.MULTICAST, false),
        x("232.0.0.0/8", "Source-Specific Multicast", "RFC 4607", Category.MULTICAST, null),
        x("233.0.0.0/8", "GLOP Block", "RFC 3180", Category.MULTICAST, null),
        x("239.0.0.0/8", "Administratively Scoped", "RFC 2365", Category.MULTICAST, false),
        // IANA IPv6 Special-Purpose Address Registry
        b("::1/128", "Loopback Address", "RFC 4291 §2.5.3", Category.LOOPBACK, false),
        b("::/128", "Unspecified Address", "RFC 4291 §2.5.2", Category.UNSPECIFIED, false),
        b("::ffff:0:0/96", "IPv4-mapped Address", "RFC 4291 §2.5.5.2", Category.IPV4_MAPPED, false),
        b("64:ff9b::/96", "IPv4-IPv6 Translation (NAT64 well-known prefix)", "RFC 6052", Category.TRANSLATION, true),
        b("64:ff9b:1::/48", "Local-Use IPv4/IPv6 Translation", "RFC 8215", Category.TRANSLATION, false),
        b("100::/64", "Discard-Only Address Block", "RFC 6666", Category.DISCARD, false),
        b("2001::/23", "IETF Protocol Assignments", "RFC 2928", Category.PROTOCOL_ASSIGNMENTS, false),
        b("2001::/32", "TEREDO", "RFC 4380, RFC 8190", Category.TEREDO, null),
        b("2001:1::1/128", "Port Control Protocol Anycast", "RFC 7723", Category.ANYCAST, true),
        b("2001:1::2/128", "Traversal Using Relays around NAT Anycast", "RFC 8155", Category.ANYCAST, true),
        b("2001:1::3/128", "DNS-SD Service Registration Protocol Anycast", "RFC 9665", Category.ANYCAST, true),
        b("2001:2::/48", "Benchmarking", "RFC 5180, RFC Errata 1752", Category.BENCHMARKING, false),
        b("2001:3::/32", "Automatic Multicast Tunneling (AMT)", "RFC 7450", Category.ANYCAST, true),
        b("2001:4:112::/48", "AS112-v6", "RFC 7535", Category.AS112, true),
        b("2001:10::/28", "Deprecated (previously ORCHID)", "RFC 4843", Category.ORCHID, null),
        b("2001:20::/28", "ORCHIDv2", "RFC 7343", Category.ORCHID, true),
        b("2001:30::/28", "Drone Remote ID Protocol Entity Tags (DETs) Prefix", "RFC 9374", Category.ORCHID, true),
        b("2001:db8::/32", "Documentation", "RFC 3849", Category.DOCUMENTATION, false),
        b("2002::/16", "6to4", "RFC 3056", Category.SIX_TO_FOUR, null),
        b("2620:4f:8000::/48", "Direct Delegation AS112 Service", "RFC 7534", Category.AS112, true),
        b("3fff::/20", "Documentation", "RFC 9637", Category.DOCUMENTATION, false),
        b("5f00::/16", "Segment Routing (SRv6) SIDs", "RFC 9602", Category.SEGMENT_ROUTING, false),
        b("fc00::/7", "Unique-Local", "RFC 4193, RFC 8190", Category.UNIQUE_LOCAL, false),
        b("fe80::/10", "Link-Local Unicast", "RFC 4291 §2.5.6", Category.LINK_LOCAL, false),
        // IPv6 addressing architecture (RFC 4291) beyond the special-purpose registry
        x("::/96", "IPv4-compatible (deprecated)", "RFC 4291 §2.5.5.1", Category.IPV4_COMPATIBLE, false),
        x("fec0::/10", "Site-Local (deprecated)", "RFC 3879", Category.SITE_LOCAL, false),
        x("ff00::/8", "Multicast", "RFC 4291 §2.7", Category.MULTICAST, null)));
    // Least specific first, so a list of matches reads from the outside in.
    l.sort(Comparator.comparingInt((SpecialBlock s) -> s.network().version())
        .thenComparing(s -> s.network().network())
        .thenComparingInt(s -> s.network().prefix()));
    return List.copyOf(l);
  }

  /** Every block, IPv4 first, outer blocks before the ones inside them. */
  public static List<SpecialBlock> all() {
    return BLOCKS;
  }

  /** The blocks {@code a} lies in, outermost first; empty for an ordinary global unicast address. */
  public static List<SpecialBlock> blocksContaining(IpAddress a) {
    List<SpecialBlock> out = new ArrayList<>();
    for (SpecialBlock s : BLOCKS) {
      if (s.network().contains(a)) {
        out.add(s);
      }
    }
    out.sort(Comparator.comparingInt(s -> s.network().prefix()));
    return out;
  }

  /** The blocks that contain all of {@code n}, outermost first. */
  public static List<SpecialBlock> blocksContaining(IpNetwork n) {
    List<SpecialBlock> out = new ArrayList<>();
    for (SpecialBlock s : BLOCKS) {
      if (s.network().contains(n)) {
        out.add(s);
      }
    }
    out.sort(Comparator.comparingInt(s -> s.network().prefix()));
    return out;
  }

  /**
   * Whether {@code a} is globally reachable: the most specific block with a yes/no answer
   * decides. IPv6 multicast, which the registry leaves N/A, is reachable only with global
   * scope (RFC 4291 §2.7, scope 0xE).
   */
  public static boolean isGloballyReachable(IpAddress a) {
    Boolean verdict = decide(blocksContaining(a));
    if (verdict != null) {
      return verdict;
    }
    if (a.version() == 6 && (a.toBytes()[0] & 0xff) == 0xff) {
      return (a.toBytes()[1] & 0x0f) == 0xe;
    }
    return true;
  }

  /** Whether every address of {@code n} is not globally reachable (Python's {@code is_private} for networks). */
  public static boolean isPrivate(IpNetwork n) {
    Boolean verdict = decide(blocksContaining(n));
    return verdict != null && !verdict;
  }

  private static Boolean decide(List<SpecialBlock> outerFirst) {
    for (int i = outerFirst.size() - 1; i >= 0; i--) {
      Boolean g = outerFirst.get(i).globallyReachable();
      if (g != null) {
        return g;
      }
    }
    return null;
  }

  /** Whether {@code a} is in one of the blocks of this category. */
  public static boolean isIn(IpAddress a, Category c) {
    return blocksContaining(a).stream().anyMatch(s -> s.category() == c);
  }
}

package io.netsift.net.ip;

/**
 * One special-purpose block: its prefix, the registry's name for it, the RFC that reserves it,
 * a category for programs to test, and the registry's "Globally Reachable" column (null where
 * the registry says N/A, meaning the enclosing block or the default decides).
 *
 * @param iana whether the block is an entry of the IANA IPv4/IPv6 Special-Purpose Address
 *     Registry (RFC 6890); the others come from the multicast and addressing-architecture RFCs
 *     cited in {@code rfc}
 */
public record SpecialBlock(IpNetwork network, String name, String rfc, Category category, Boolean globallyReachable,
    boolean iana) {

  /** What kind of block, coarse enough for {@code if} statements. */
  public enum Category {
    THIS_NETWORK,
    UNSPECIFIED,
    PRIVATE_USE,
    SHARED_ADDRESS_SPACE,
    LOOPBACK,
    LINK_LOCAL,
    PROTOCOL_ASSIGNMENTS,
    DOCUMENTATION,
    BENCHMARKING,
    ANYCAST,
    AS112,
    TRANSLATION,
    IPV4_MAPPED,
    IPV4_COMPATIBLE,
    SIX_TO_FOUR,
    TEREDO,
    ORCHID,
    DISCARD,
    SEGMENT_ROUTING,
    UNIQUE_LOCAL,
    SITE_LOCAL,
    MULTICAST,
    RESERVED,
    LIMITED_BROADCAST
  }

  @Override
  public String toString() {
    return network + " " + name + " (" + rfc + ")";
  }
}

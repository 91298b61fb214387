package io.netsift.net.ip;

import java.math.BigInteger;

/**
 * A CIDR block (RFC 4632): an address and a prefix length. The address may have host bits
 * set ("192.0.2.7/24" names the address and its network at once); {@link #network()} clears
 * them.
 *
 * <p>Host ranges follow the RFCs for the edge cases: an IPv4 /31 has two usable addresses and
 * no broadcast (RFC 3021), an IPv6 /127 likewise (RFC 6164); a /32 or /128 is one host. IPv6
 * has no broadcast at all, and in prefixes up to /126 the first address is the Subnet-Router
 * anycast address (RFC 4291 §2.6.1), so it is not counted as a host — Python's
 * {@code ipaddress} counts the same way.
 */
public final class IpNetwork {
  private final IpAddress address;
  private final int prefix;

  private IpNetwork(IpAddress address, int prefix) {
    this.address = address;
    this.prefix = prefix;
  }

  /** The block of {@code prefix} bits around {@code address}. */
  public static IpNetwork of(IpAddress address, int prefix) {
    if (prefix < 0 || prefix > address.bits()) {
      throw new IllegalArgumentException("prefix /" + prefix + " outside 0.." + address.bits() + " for IPv"
          + address.version());
    }
    return new IpNetwork(address, prefix);
  }

  /**
   * Parses {@code ADDR/PREFIX}; for IPv4 the prefix may also be a dotted netmask
   * ({@code 10.0.0.0/255.0.0.0}), which must be contiguous ones.
   */
  public static IpNetwork parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("\"" + text + "\" has no /PREFIX");
    }
    IpAddress a = IpAddress.parse(text.substring(0, slash));
    String p = text.substring(slash + 1);
    if (a.version() == 4 && p.indexOf('.') >= 0) {
      return of(a, prefixOfNetmask(IpAddress.parse(p), text));
    }
    if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("\"" + text + "\": the prefix \"" + p + "\" is not a number 0.." + a.bits());
    }
    int n = Integer.parseInt(p);
    if (n > a.bits()) {
      throw new IllegalArgumentException("\"" + text + "\": prefix /" + n + " exceeds " + a.bits() + " for IPv"
          + a.version());
    }
    return of(a, n);
  }

  private static int prefixOfNetmask(IpAddress mask, String text) {
    long m = mask.toBigInteger().longValue();
    int ones = Long.bitCount(m);
    long expect = ones == 0 ? 0 : (0xffffffffL << (32 - ones)) & 0xffffffffL;
    if (m != expect) {
      throw new IllegalArgumentException("\"" + text + "\": netmask " + mask + " is not contiguous ones then zeros");
    }
    return ones;
  }

  /** The address as given (host bits kept). */
  public IpAddress address() {
    return address;
  }

  /** The prefix length. */
  public int prefix() {
    return prefix;
  }

  /** 4 or 6. */
  public int version() {
    return address.version();
  }

  private BigInteger hostBits() {
    return BigInteger.ONE.shiftLeft(address.bits() - prefix).subtract(BigInteger.ONE);
  }

  /** The mask: {@code prefix} ones then zeros. */
  public IpAddress netmask() {
    BigInteger all = BigInteger.ONE.shiftLeft(address.bits()).subtract(BigInteger.ONE);
    return IpAddress.of(version(), all.xor(hostBits()));
  }

  /** The wildcard (host) mask, the netmask inverted, as ACLs write it. */
  public IpAddress wildcard() {
    return IpAddress.of(version(), hostBits());
  }

  /** The first address of the block. */
  public IpAddress network() {
    return IpAddress.of(version(), address.toBigInteger().andNot(hostBits()));
  }

  /** The last address of the block. */
  public IpAddress lastAddress() {
    return IpAddress.of(version(), address.toBigInteger().or(hostBits()));
  }

  /** This block with host bits cleared. */
  public IpNetwork canonical() {
    return new IpNetwork(network(), prefix);
  }

  /** Whether the given address had host bits set. */
  public boolean hasHostBits() {
    return !address.equals(network());
  }

  /** The IPv4 directed broadcast address; null for IPv6, /31 (RFC 3021) and /32. */
  public IpAddress broadcast() {
    return version() == 4 && prefix <= 30 ? lastAddress() : null;
  }

  /** Addresses in the block: 2^(bits - prefix). */
  public BigInteger addressCount() {
    return BigInteger.ONE.shiftLeft(address.bits() - prefix);
  }

  /** Usable host addresses (see the class comment for the rules at the edges). */
  public BigInteger hostCount() {
    int hostBits = address.bits() - prefix;
    if (hostBits <= 1) {
      return addressCount();
    }
    // IPv4 loses network and broadcast; IPv6 only the Subnet-Router anycast address.
    return addressCount().subtract(BigInteger.valueOf(version() == 4 ? 2 : 1));
  }

  /** The first usable host. */
  public IpAddress firstHost() {
    return address.bits() - prefix <= 1 ? network() : network().plus(BigInteger.ONE);
  }

  /** The last usable host. */
  public IpAddress lastHost() {
    return version() == 4 && prefix <= 30 ? lastAddress().plus(BigInteger.ONE.negate()) : lastAddress();
  }

  /** Whether {@code a} lies in this block. */
  public boolean contains(IpAddress a) {
    return a.version() == version()
        && a.toBigInteger().andNot(hostBits()).equals(network().toBigInteger());
  }

  /** Whether all of {@code n} lies in this block. */
  public boolean contains(IpNetwork n) {
    return n.version() == version() && n.prefix >= prefix && contains(n.network());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpNetwork n && n.prefix == prefix && n.address.equals(address);
  }

  @Override
  public int hashCode() {
    return address.hashCode() * 131 + prefix;
  }

  /** {@code address/prefix}, as given. */
  @Override
  public String toString() {
    return address + "/" + prefix;
  }
}

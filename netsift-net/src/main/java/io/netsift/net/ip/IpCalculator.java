package io.netsift.net.ip;

import io.netsift.net.ip.SpecialBlock.Category;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The address calculator behind {@code netsift ip}: classifies an address against the
 * special-purpose registries and, for {@code ADDR/PREFIX}, works out its network.
 */
public final class IpCalculator {
  /** 2^32 IPv4 addresses. */
  public static final BigInteger IPV4_SPACE = BigInteger.ONE.shiftLeft(32);
  /** 2^128 IPv6 addresses. */
  public static final BigInteger IPV6_SPACE = BigInteger.ONE.shiftLeft(128);

  private IpCalculator() {}

  /** Describes {@code ADDR} or {@code ADDR/PREFIX}; throws {@link IllegalArgumentException} for bad input. */
  public static IpDescription describe(String input) {
    String s = input.trim();
    IpNetwork network = s.indexOf('/') >= 0 ? IpNetwork.parse(s) : null;
    IpAddress a = network != null ? network.address() : IpAddress.parse(s);
    return new IpDescription(input, a, network, addressClass(a), SpecialPurposeRegistry.blocksContaining(a),
        SpecialPurposeRegistry.isGloballyReachable(a), embeddedIpv4(a));
  }

  /**
   * The classful class of an IPv4 address by its leading bits (RFC 791 §3.2: A 0, B 10,
   * C 110; RFC 1112 §4: D 1110 multicast, E 1111 reserved); null for IPv6.
   */
  public static String addressClass(IpAddress a) {
    if (a.version() != 4) {
      return null;
    }
    int first = a.toBytes()[0] & 0xff;
    if (first < 128) {
      return "A";
    } else if (first < 192) {
      return "B";
    } else if (first < 224) {
      return "C";
    } else if (first < 240) {
      return "D (multicast)";
    }
    return "E (reserved)";
  }

  /** IPv4 addresses inside an IPv6 one: mapped, NAT64, 6to4, Teredo. */
  public static List<EmbeddedIpv4> embeddedIpv4(IpAddress a) {
    List<EmbeddedIpv4> out = new ArrayList<>();
    if (a.version() != 6) {
      return out;
    }
    byte[] b = a.toBytes();
    if (SpecialPurposeRegistry.isIn(a, Category.IPV4_MAPPED)) {
      out.add(new EmbeddedIpv4("IPv4-mapped, RFC 4291 §2.5.5.2", v4(b, 12, false)));
    } else if (IpNetwork.parse("64:ff9b::/96").contains(a)) {
      out.add(new EmbeddedIpv4("NAT64 well-known prefix, RFC 6052 §2.2", v4(b, 12, false)));
    } else if (IpNetwork.parse("2002::/16").contains(a)) {
      out.add(new EmbeddedIpv4("6to4 gateway, RFC 3056 §2", v4(b, 2, false)));
    } else if (IpNetwork.parse("2001::/32").contains(a)) {
      // RFC 4380 §4: server address in bits 32..63, client address obfuscated (inverted) in the last 32.
      out.add(new EmbeddedIpv4("Teredo server, RFC 4380 §4", v4(b, 4, false)));
      out.add(new EmbeddedIpv4("Teredo client, RFC 4380 §4", v4(b, 12, true)));
    }
    return out;
  }

  private static IpAddress v4(byte[] b, int at, boolean inverted) {
    byte[] v = new byte[4];
    for (int i = 0; i < 4; i++) {
      v[i] = (byte) (inverted ? ~b[at + i] : b[at + i]);
    }
    return IpAddress.of(v);
  }

  /** The text of {@code netsift ip --space}. */
  public static List<String> addressSpace() {
    return List.of(
        "IPv4: 2^32 = " + IPV4_SPACE + " addresses",
        "IPv6: 2^128 = " + IPV6_SPACE + " addresses",
        "IPv6/IPv4 = 2^96 = " + IPV6_SPACE.divide(IPV4_SPACE));
  }
}

package io.netsift.net.ip;

import java.math.BigInteger;
import java.util.Locale;

/**
 * An IPv4 or IPv6 address as a number of 32 or 128 bits, parsed from text by our own strict
 * parser (never {@code InetAddress.getByName}, which would resolve host names).
 *
 * <p>IPv4 text is a dotted quad of decimal octets without leading zeros (so "010" cannot be
 * misread as octal, as inet_aton would). IPv6 text follows RFC 4291 §2.2, including "::" and a
 * trailing dotted quad; the normal form is RFC 5952's (lower case, longest run of zero groups
 * compressed, mixed notation for IPv4-mapped addresses).
 */
public final class IpAddress implements Comparable<IpAddress> {
  private static final BigInteger MAX_V6 = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

  private final int version;
  private final BigInteger value;

  private IpAddress(int version, BigInteger value) {
    this.version = version;
    this.value = value;
  }

  /** An address of {@code version} 4 or 6 with the given numeric value. */
  public static IpAddress of(int version, BigInteger value) {
    if (version != 4 && version != 6) {
      throw new IllegalArgumentException("IP version must be 4 or 6: " + version);
    }
    BigInteger max = version == 4 ? BigInteger.valueOf(0xffffffffL) : MAX_V6;
    if (value.signum() < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException("value out of range for IPv" + version + ": " + value);
    }
    return new IpAddress(version, value);
  }

  /** An address from 4 or 16 network-order bytes. */
  public static IpAddress of(byte[] bytes) {
    if (bytes.length != 4 && bytes.length != 16) {
      throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + bytes.length);
    }
    return new IpAddress(bytes.length == 4 ? 4 : 6, new BigInteger(1, bytes));
  }

  /** Parses IPv4 or IPv6 text; throws {@link IllegalArgumentException} saying what is wrong. */
  public static IpAddress parse(String text) {
    String s = text.trim();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty address");
    }
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    if (s.indexOf('%') >= 0) {
      throw new IllegalArgumentException("\"" + text + "\": zone indexes (%...) are not supported");
    }
    if (s.indexOf(':') >= 0) {
      return new IpAddress(6, new BigInteger(1, parseV6(s, text)));
    }
    return new IpAddress(4, BigInteger.valueOf(parseV4(s, text)));
  }

  private static long parseV4(String s, String original) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("\"" + original + "\" is not an IPv4 address: expected four dot-separated "
          + "numbers, found " + parts.length);
    }
    long v = 0;
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new IllegalArgumentException("\"" + original + "\" is not an IPv4 address: \"" + p
            + "\" is not a number 0..255");
      }
      if (p.length() > 1 && p.charAt(0) == '0') {
        throw new IllegalArgumentException("\"" + original + "\" is not an IPv4 address: \"" + p
            + "\" has a leading zero (ambiguous: octal to some parsers)");
      }
      int o = Integer.parseInt(p);
      if (o > 255) {
        throw new IllegalArgumentException("\"" + original + "\" is not an IPv4 address: " + o + " exceeds 255");
      }
      v = v << 8 | o;
    }
    return v;
  }

  private static byte[] parseV6(String s, String original) {
    String bad = "\"" + original + "\" is not an IPv6 address: ";
    int dbl = s.indexOf("::");
    if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
      throw new IllegalArgumentException(bad + "\"::\" may appear only once");
    }
    if (s.contains(":::")) {
      throw new IllegalArgumentException(bad + "\":::\" is not allowed");
    }
    String head = dbl >= 0 ? s.substring(0, dbl) : s;
    String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
    int[] h = groups(head, bad, dbl < 0);
    int[] t = dbl >= 0 ? groups(tail, bad, true) : new int[0];
    int n = h.length + t.length;
    if (dbl < 0 && n != 8) {
      throw new IllegalArgumentException(bad + "expected 8 groups of hex digits, found " + n);
    }
    if (dbl >= 0 && n > 7) {
      throw new IllegalArgumentException(bad + "\"::\" must stand for at least one zero group, but there are "
          + n + " groups already");
    }
    byte[] b = new byte[16];
    for (int i = 0; i < h.length; i++) {
      b[2 * i] = (byte) (h[i] >> 8);
      b[2 * i + 1] = (byte) h[i];
    }
    for (int i = 0; i < t.length; i++) {
      int at = 8 - t.length + i;
      b[2 * at] = (byte) (t[i] >> 8);
      b[2 * at + 1] = (byte) t[i];
    }
    return b;
  }

  /** Groups of one side of "::"; a dotted quad may end the last side. */
  private static int[] groups(String part, String bad, boolean mayEndWithV4) {
    if (part.isEmpty()) {
      return new int[0];
    }
    String[] g = part.split(":", -1);
    boolean v4 = mayEndWithV4 && g[g.length - 1].indexOf('.') >= 0;
    int[] out = new int[g.length + (v4 ? 1 : 0)];
    for (int i = 0; i < g.length; i++) {
      String x = g[i];
      if (v4 && i == g.length - 1) {
        long a = parseV4(x, x);
        out[i] = (int) (a >>> 16);
        out[i + 1] = (int) (a & 0xffff);
        continue;
      }
      if (x.isEmpty() || x.length() > 4) {
        throw new IllegalArgumentException(bad + (x.isEmpty() ? "empty group" : "group \"" + x + "\" has more than 4 hex digits"));
      }
      int v = 0;
      for (int k = 0; k < x.length(); k++) {
        int d = Character.digit(x.charAt(k), 16);
        if (d < 0) {
          throw new IllegalArgumentException(bad + "\"" + x + "\" is not hexadecimal");
        }
        v = v << 4 | d;
      }
      out[i] = v;
    }
    return out;
  }

  /** 4 or 6. */
  public int version() {
    return version;
  }

  /** 32 or 128. */
  public int bits() {
    return version == 4 ? 32 : 128;
  }

  /** The address as an unsigned number. */
  public BigInteger toBigInteger() {
    return value;
  }

  /** Network-order bytes, 4 or 16 of them. */
  public byte[] toBytes() {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[bits() / 8];
    int n = Math.min(raw.length, out.length);
    System.arraycopy(raw, raw.length - n, out, out.length - n, n);
    return out;
  }

  /** The address {@code delta} further on (negative to go back); throws if that leaves the address space. */
  public IpAddress plus(BigInteger delta) {
    return of(version, value.add(delta));
  }

  /** The RFC 5952 form for IPv6, the dotted quad for IPv4. */
  @Override
  public String toString() {
    byte[] b = toBytes();
    if (version == 4) {
      return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
    }
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = (b[2 * i] & 0xff) << 8 | (b[2 * i + 1] & 0xff);
    }
    boolean mapped = g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff;
    int groups = mapped ? 6 : 8;
    // RFC 5952 §4.2: compress the longest run of two or more zero groups, the first if tied.
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < groups; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < groups && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < groups; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    if (mapped) {
      if (sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(b[12] & 0xff).append('.').append(b[13] & 0xff).append('.').append(b[14] & 0xff).append('.')
          .append(b[15] & 0xff);
    }
    return sb.toString();
  }

  /** The fully written-out form: eight 4-digit groups for IPv6, the dotted quad for IPv4. */
  public String expanded() {
    if (version == 4) {
      return toString();
    }
    byte[] b = toBytes();
    StringBuilder sb = new StringBuilder(39);
    for (int i = 0; i < 16; i += 2) {
      if (i > 0) {
        sb.append(':');
      }
      sb.append(String.format("%02x%02x", b[i] & 0xff, b[i + 1] & 0xff));
    }
    return sb.toString();
  }

  /** Binary digits, octets separated by dots (IPv4) or groups by colons (IPv6). */
  public String binary() {
    byte[] b = toBytes();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < b.length; i++) {
      if (i > 0 && (version == 4 || i % 2 == 0)) {
        sb.append(version == 4 ? '.' : ':');
      }
      String bits = Integer.toBinaryString(b[i] & 0xff);
      sb.append("0".repeat(8 - bits.length())).append(bits);
    }
    return sb.toString();
  }

  /** The PTR owner name: {@code d.c.b.a.in-addr.arpa.} (RFC 1035 §3.5) or the nibbles under {@code ip6.arpa.} (RFC 3596 §2.5). */
  public String reverseName() {
    byte[] b = toBytes();
    StringBuilder sb = new StringBuilder();
    if (version == 4) {
      for (int i = 3; i >= 0; i--) {
        sb.append(b[i] & 0xff).append('.');
      }
      return sb.append("in-addr.arpa.").toString();
    }
    for (int i = 15; i >= 0; i--) {
      sb.append(Character.forDigit(b[i] & 0xf, 16)).append('.').append(Character.forDigit((b[i] >> 4) & 0xf, 16))
          .append('.');
    }
    return sb.append("ip6.arpa.").toString().toLowerCase(Locale.ROOT);
  }

  @Override
  public int compareTo(IpAddress o) {
    int c = Integer.compare(version, o.version);
    return c != 0 ? c : value.compareTo(o.value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpAddress a && a.version == version && a.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode() * 31 + version;
  }
}

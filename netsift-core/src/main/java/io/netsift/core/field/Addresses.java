package io.netsift.core.field;

/** Text forms of link and network addresses exactly as Wireshark prints them. */
public final class Addresses {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Addresses() {}

  /** {@code 00:11:22:33:44:55}. */
  public static String mac(byte[] b, int p) {
    char[] c = new char[17];
    for (int i = 0; i < 6; i++) {
      int x = b[p + i] & 0xff;
      c[i * 3] = HEX[x >> 4];
      c[i * 3 + 1] = HEX[x & 15];
      if (i < 5) {
        c[i * 3 + 2] = ':';
      }
    }
    return new String(c);
  }

  /** Dotted quad. */
  public static String ipv4(byte[] b, int p) {
    StringBuilder sb = new StringBuilder(15);
    appendIpv4(sb, b, p);
    return sb.toString();
  }

  public static void appendIpv4(StringBuilder sb, byte[] b, int p) {
    // Four appends of ready-made text instead of seven, with no number formatting.
    sb.append(OCTET_DOT[b[p] & 0xff]).append(OCTET_DOT[b[p + 1] & 0xff])
        .append(OCTET_DOT[b[p + 2] & 0xff]).append(OCTET[b[p + 3] & 0xff]);
  }

  /** "0" to "255", and the same followed by a dot. */
  private static final String[] OCTET = new String[256];
  private static final String[] OCTET_DOT = new String[256];

  static {
    for (int i = 0; i < 256; i++) {
      OCTET[i] = Integer.toString(i);
      OCTET_DOT[i] = i + ".";
    }
  }

  /** RFC 5952 canonical text (longest run of two or more zero groups compressed, lowercase). */
  public static String ipv6(byte[] b, int p) {
    StringBuilder sb = new StringBuilder(39);
    appendIpv6(sb, b, p);
    return sb.toString();
  }

  public static void appendIpv6(StringBuilder sb, byte[] b, int p) {
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = (b[p + 2 * i] & 0xff) << 8 | (b[p + 2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible forms print the tail as a quad.
    boolean mapped = g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff;
    boolean compat = bestStart == 0 && bestLen == 6 && (g[6] != 0 || g[7] > 1);
    if (mapped || compat) {
      sb.append(mapped ? "::ffff:" : "::");
      appendIpv4(sb, b, p + 12);
      return;
    }
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (i > 0 && i != bestStart + bestLen) {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
  }

  /** Lower-case hex without separators. */
  public static String hex(byte[] b, int p, int len) {
    char[] c = new char[len * 2];
    for (int i = 0; i < len; i++) {
      int x = b[p + i] & 0xff;
      c[2 * i] = HEX[x >> 4];
      c[2 * i + 1] = HEX[x & 15];
    }
    return new String(c);
  }

  /** Lower-case hex with a separator between bytes. */
  public static String hex(byte[] b, int p, int len, char sep) {
    if (len == 0) {
      return "";
    }
    char[] c = new char[len * 3 - 1];
    for (int i = 0; i < len; i++) {
      int x = b[p + i] & 0xff;
      c[3 * i] = HEX[x >> 4];
      c[3 * i + 1] = HEX[x & 15];
      if (i < len - 1) {
        c[3 * i + 2] = sep;
      }
    }
    return new String(c);
  }
}

package io.netsift.core.dissect.proto.http;

/**
 * Text from HTTP bytes as tshark shows an ASCII string field: it ends at the first NUL, bytes
 * above 0x7f become U+FFFD, and the C escapes {@code \r \n \t} (and the rarer controls with
 * their own escape) are spelt out, while other control bytes and backslashes are kept as they are.
 */
final class HttpText {
  private HttpText() {}

  static String of(byte[] b, int from, int to) {
    StringBuilder sb = new StringBuilder(Math.max(0, to - from));
    for (int i = from; i < to; i++) {
      int c = b[i] & 0xff;
      if (c == 0) {
        break;
      }
      append(sb, c);
    }
    return sb.toString();
  }

  /** Like {@link #of} but over bytes that sit outside the frame (a decoded body). */
  static String of(byte[] b) {
    return of(b, 0, b.length);
  }

  static void append(StringBuilder sb, int c) {
    switch (c) {
      case '\r': sb.append("\\r"); break;
      case '\n': sb.append("\\n"); break;
      case '\t': sb.append("\\t"); break;
      case 0x07: sb.append("\\a"); break;
      case 0x08: sb.append("\\b"); break;
      case 0x0b: sb.append("\\v"); break;
      case 0x0c: sb.append("\\f"); break;
      default:
        sb.append(c >= 0x80 ? '\uFFFD' : (char) c);
    }
  }

  /** Plain ASCII (no escapes) of a range, for values the dissector itself compares. */
  static String ascii(byte[] b, int from, int to) {
    char[] c = new char[Math.max(0, to - from)];
    for (int i = from; i < to; i++) {
      c[i - from] = (char) (b[i] & 0x7f);
    }
    return new String(c);
  }
}

package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.StreamPdus;
import io.netsift.core.field.Strings;

/**
 * Line scanning shared by the line-oriented text protocols (FTP, SMTP, POP, IMAP): where a
 * line ends, how long it is without its CRLF, where the next token starts. All indexes are
 * absolute into the frame's bytes and every method stays within {@code [from, to)}.
 */
final class TextLines {
  private TextLines() {}

  /** Index just past the first LF at or after {@code from}, or {@code to} when there is none. */
  static int next(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == '\n') {
        return i + 1;
      }
    }
    return to;
  }

  /** End of the line's text: {@code lineEnd} without a trailing LF and the CR before it. */
  static int textEnd(byte[] b, int from, int lineEnd) {
    int e = lineEnd;
    if (e > from && b[e - 1] == '\n') {
      e--;
      if (e > from && b[e - 1] == '\r') {
        e--;
      }
    }
    return e;
  }

  /** Index of the first space in {@code [from, to)}, or {@code to}. */
  static int space(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == ' ') {
        return i;
      }
    }
    return to;
  }

  /** Whether {@code b[from, to)} starts with three ASCII digits. */
  static boolean threeDigits(byte[] b, int from, int to) {
    return to - from >= 3 && digit(b[from]) && digit(b[from + 1]) && digit(b[from + 2]);
  }

  static boolean digit(byte c) {
    return c >= '0' && c <= '9';
  }

  /** The three-digit number at {@code from} (after {@link #threeDigits}). */
  static int code(byte[] b, int from) {
    return (b[from] - '0') * 100 + (b[from + 1] - '0') * 10 + (b[from + 2] - '0');
  }

  /** The text of {@code b[from, to)} as Wireshark's format_text shows it. */
  static String text(byte[] b, int from, int to) {
    return to <= from ? "" : Strings.printable(b, from, to - from);
  }

  /** Case-insensitive comparison of {@code b[from, to)} with an upper-case ASCII word. */
  static boolean is(byte[] b, int from, int to, String word) {
    if (to - from != word.length()) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      int c = b[from + i] & 0xff;
      if (c >= 'a' && c <= 'z') {
        c -= 32;
      }
      if (c != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The bytes as an ASCII string (no escaping), for values parsed into numbers and addresses. */
  static String ascii(byte[] b, int from, int to) {
    return to <= from ? "" : new String(b, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /**
   * {@link StreamPdus#pduLength} for protocols that reassemble up to the end of a line: the
   * length through the first LF, or {@link StreamPdus#MORE}.
   */
  static int lineLength(byte[] b, int off, int avail) {
    for (int i = 0; i < avail; i++) {
      if (b[off + i] == '\n') {
        return i + 1;
      }
    }
    return StreamPdus.MORE;
  }

  /** Whether the TCP layer below {@code layer} carries a segment to {@code port}. */
  static boolean toPort(Dissection d, int layer, int port) {
    int tr = Transport.find(d, layer);
    int sport = Transport.srcPort(d, tr);
    int dport = Transport.dstPort(d, tr);
    if (dport == port) {
      return true;
    }
    if (sport == port) {
      return false;
    }
    return dport < sport;
  }

  /** The dissector registered under {@code name}, or null when this registry has none. */
  static Dissector byName(Dissection d, String name) {
    return d.protocols() == null ? null : d.protocols().byName(name);
  }

  /** A dotted quad as 4 bytes, or null (never a host-name look-up). */
  static byte[] ipv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return null;
      }
      int v = Integer.parseInt(p);
      if (v > 255) {
        return null;
      }
      out[i] = (byte) v;
    }
    return out;
  }

  /** RFC 4291 text (with an optional dotted-quad tail) as 16 bytes, or null. */
  static byte[] ipv6(String s) {
    if (s.isEmpty() || s.length() > 45) {
      return null;
    }
    int dbl = s.indexOf("::");
    if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
      return null;
    }
    int[] h = groups(dbl < 0 ? s : s.substring(0, dbl));
    int[] t = groups(dbl < 0 ? "" : s.substring(dbl + 2));
    if (h == null || t == null) {
      return null;
    }
    int n = h.length + t.length;
    if (dbl < 0 ? n != 8 : n > 7) {
      return null;
    }
    byte[] out = new byte[16];
    for (int i = 0; i < h.length; i++) {
      out[2 * i] = (byte) (h[i] >> 8);
      out[2 * i + 1] = (byte) h[i];
    }
    for (int i = 0; i < t.length; i++) {
      int k = 8 - t.length + i;
      out[2 * k] = (byte) (t[i] >> 8);
      out[2 * k + 1] = (byte) t[i];
    }
    return out;
  }

  private static int[] groups(String s) {
    if (s.isEmpty()) {
      return new int[0];
    }
    String[] parts = s.split(":", -1);
    int n = parts.length;
    boolean quad = parts[n - 1].indexOf('.') >= 0;
    int[] out = new int[quad ? n + 1 : n];
    for (int i = 0; i < n; i++) {
      String p = parts[i];
      if (quad && i == n - 1) {
        byte[] v4 = ipv4(p);
        if (v4 == null) {
          return null;
        }
        out[i] = (v4[0] & 0xff) << 8 | (v4[1] & 0xff);
        out[i + 1] = (v4[2] & 0xff) << 8 | (v4[3] & 0xff);
        continue;
      }
      if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(c -> c < 128 && Character.digit(c, 16) >= 0)) {
        return null;
      }
      out[i] = Integer.parseInt(p, 16);
    }
    return out;
  }
}

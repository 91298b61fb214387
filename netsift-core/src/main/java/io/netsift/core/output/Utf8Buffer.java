package io.netsift.core.output;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that text is encoded into as UTF-8 as it is appended, so that lines
 * built from mostly ASCII columns cost neither a {@code StringBuilder} nor a second encoding
 * pass. ASCII is copied byte by byte; anything else is encoded by {@code String.getBytes}, so
 * the bytes are those of encoding the whole text at once (the columns meet at ASCII
 * separators, so no surrogate pair is ever split).
 */
public final class Utf8Buffer {
  private byte[] buf;
  private int len;

  public Utf8Buffer(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  private void room(int n) {
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
  }

  /** Appends one ASCII character. */
  public Utf8Buffer ascii(char c) {
    room(1);
    buf[len++] = (byte) c;
    return this;
  }

  /** Appends {@code n} spaces. */
  public Utf8Buffer spaces(int n) {
    if (n > 0) {
      room(n);
      Arrays.fill(buf, len, len + n, (byte) ' ');
      len += n;
    }
    return this;
  }

  /** Appends already encoded bytes. */
  public Utf8Buffer bytes(byte[] b) {
    room(b.length);
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
    return this;
  }

  /** Appends text as UTF-8. */
  public Utf8Buffer append(String s) {
    if (s == null) {
      s = "null"; // as StringBuilder.append prints it
    }
    int n = s.length();
    char[] c = chars(n);
    s.getChars(0, n, c, 0);
    return encode(c, n);
  }

  /** Appends text as UTF-8. */
  public Utf8Buffer append(StringBuilder s) {
    int n = s.length();
    char[] c = chars(n);
    s.getChars(0, n, c, 0);
    return encode(c, n);
  }

  // Text is taken out in bulk (getChars), not char by char through CharSequence.
  private char[] scratch = new char[128];

  private char[] chars(int n) {
    if (scratch.length < n) {
      scratch = new char[Math.max(n, scratch.length * 2)];
    }
    return scratch;
  }

  private Utf8Buffer encode(char[] c, int n) {
    room(n);
    int p = len;
    byte[] b = buf;
    for (int i = 0; i < n; i++) {
      char ch = c[i];
      if (ch >= 0x80) {
        len = p;
        return bytes(new String(c, i, n - i).getBytes(StandardCharsets.UTF_8));
      }
      b[p++] = (byte) ch;
    }
    len = p;
    return this;
  }

  /** Appends {@code other}'s bytes. */
  public Utf8Buffer append(Utf8Buffer other) {
    room(other.len);
    System.arraycopy(other.buf, 0, buf, len, other.len);
    len += other.len;
    return this;
  }

  /** Appends the dotted quad of the IPv4 address at {@code b[p]}. */
  public Utf8Buffer ipv4(byte[] b, int p) {
    room(16); // four octets of up to three digits, each followed by a dot (the last one dropped)
    byte[] o = buf;
    int at = len;
    for (int i = 0; i < 4; i++) {
      int v = (b[p + i] & 0xff) << 2;
      int n = OCTETS[v];
      o[at] = OCTETS[v + 1];
      o[at + 1] = OCTETS[v + 2];
      o[at + 2] = OCTETS[v + 3];
      at += n;
      o[at++] = '.';
    }
    len = at - 1;
    return this;
  }

  /** Per octet value v from 0 to 255, at 4v: its number of digits, then the digits. */
  private static final byte[] OCTETS = new byte[256 * 4];

  static {
    for (int v = 0; v < 256; v++) {
      byte[] d = Integer.toString(v).getBytes(StandardCharsets.US_ASCII);
      OCTETS[4 * v] = (byte) d.length;
      System.arraycopy(d, 0, OCTETS, 4 * v + 1, d.length);
    }
  }

  /** The text written so far, decoded. */
  @Override
  public String toString() {
    return new String(buf, 0, len, StandardCharsets.UTF_8);
  }

  /** Appends a decimal number. */
  public Utf8Buffer append(long v) {
    if (v < 0) {
      if (v == Long.MIN_VALUE) {
        return append(Long.toString(v));
      }
      ascii('-');
      v = -v;
    }
    int digits = digits(v);
    room(digits);
    if (v <= Integer.MAX_VALUE) {
      // int division: no runtime call per digit where the JIT divides longs out of line
      int x = (int) v;
      for (int i = len + digits - 1; i >= len; i--) {
        buf[i] = (byte) ('0' + x % 10);
        x /= 10;
      }
    } else {
      for (int i = len + digits - 1; i >= len; i--) {
        buf[i] = (byte) ('0' + v % 10);
        v /= 10;
      }
    }
    len += digits;
    return this;
  }

  /** Number of decimal digits of a non-negative number. */
  static int digits(long v) {
    if (v <= Integer.MAX_VALUE) {
      int x = (int) v;
      int d = 1;
      while (x >= 10) {
        x /= 10;
        d++;
      }
      return d;
    }
    int d = 1;
    while (v >= 10) {
      v /= 10;
      d++;
    }
    return d;
  }

  public int length() {
    return len;
  }

  public void clear() {
    len = 0;
  }

  /** The bytes written so far. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  /** A buffer that writes into {@code reuse} (a buffer its earlier owner is done with) when it is given. */
  public Utf8Buffer(byte[] reuse, int capacity) {
    buf = reuse != null && reuse.length >= capacity ? reuse : new byte[Math.max(16, capacity)];
  }

  /** The bytes written, in this buffer's own array (no copy: the caller owns it from now on). */
  public java.nio.ByteBuffer take() {
    java.nio.ByteBuffer out = java.nio.ByteBuffer.wrap(buf, 0, len);
    buf = new byte[16];
    len = 0;
    return out;
  }
}

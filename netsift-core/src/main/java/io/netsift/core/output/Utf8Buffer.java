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
    for (int i = len + digits - 1; i >= len; i--) {
      buf[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    len += digits;
    return this;
  }

  /** Number of decimal digits of a non-negative number. */
  static int digits(long v) {
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

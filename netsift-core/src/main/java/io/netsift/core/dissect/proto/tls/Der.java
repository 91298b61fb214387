package io.netsift.core.dissect.proto.tls;

/**
 * A strict reader of DER (ITU-T X.690) tag-length-value elements over a byte array, as
 * X.509 certificates need: single-byte tags (the low-tag-number form; high tag numbers are
 * reported as invalid), definite lengths of at most four length octets, and every element
 * checked to end within its parent. Nothing is allocated; {@link #read} fills the fields of
 * this reusable cursor or returns false.
 *
 * <pre>
 * +-----+--------------------+---------------------+
 * | tag | length (1..5 bytes)| contents (length)   |
 * +-----+--------------------+---------------------+
 * </pre>
 */
public final class Der {
  public static final int BOOLEAN = 0x01;
  public static final int INTEGER = 0x02;
  public static final int BIT_STRING = 0x03;
  public static final int OCTET_STRING = 0x04;
  public static final int NULL = 0x05;
  public static final int OID = 0x06;
  public static final int UTF8_STRING = 0x0c;
  public static final int PRINTABLE_STRING = 0x13;
  public static final int TELETEX_STRING = 0x14;
  public static final int IA5_STRING = 0x16;
  public static final int UTC_TIME = 0x17;
  public static final int GENERALIZED_TIME = 0x18;
  public static final int VISIBLE_STRING = 0x1a;
  public static final int UNIVERSAL_STRING = 0x1c;
  public static final int BMP_STRING = 0x1e;
  public static final int SEQUENCE = 0x30;
  public static final int SET = 0x31;

  /** The tag octet of the element read last (class, constructed bit and number). */
  public int tag;
  /** Absolute index of the element's first byte (its tag). */
  public int start;
  /** Absolute index of its contents. */
  public int value;
  /** Length of its contents. */
  public int length;

  /** Absolute index just past the element. */
  public int end() {
    return value + length;
  }

  /**
   * Reads the element at {@code at} that must end by {@code limit}; false when the bytes are
   * not a well-formed element there (truncated, indefinite or oversized length, high tag).
   */
  public boolean read(byte[] b, int at, int limit) {
    if (at < 0 || at + 2 > limit || limit > b.length) {
      return false;
    }
    int t = b[at] & 0xff;
    if ((t & 0x1f) == 0x1f) {
      return false;
    }
    int l = b[at + 1] & 0xff;
    int p = at + 2;
    if (l >= 0x80) {
      int n = l & 0x7f;
      if (n == 0 || n > 4 || p + n > limit) {
        return false;
      }
      long v = 0;
      for (int i = 0; i < n; i++) {
        v = v << 8 | (b[p + i] & 0xff);
      }
      p += n;
      if (v > limit - p) {
        return false;
      }
      l = (int) v;
    } else if (l > limit - p) {
      return false;
    }
    tag = t;
    start = at;
    value = p;
    length = l;
    return true;
  }

  /** Whether the element is constructed (a SEQUENCE, SET or constructed context tag). */
  public boolean constructed() {
    return (tag & 0x20) != 0;
  }

  /** Whether it is context-specific {@code [n]}. */
  public boolean context(int n) {
    return (tag & 0xc0) == 0x80 && (tag & 0x1f) == n;
  }

  /** The dotted text of the OID contents {@code b[off, off+len)}, or null when malformed. */
  public static String oid(byte[] b, int off, int len) {
    if (len <= 0) {
      return null;
    }
    StringBuilder sb = new StringBuilder(len * 3);
    long v = 0;
    boolean first = true;
    int digits = 0;
    for (int i = off; i < off + len; i++) {
      int c = b[i] & 0xff;
      if (digits == 0 && c == 0x80) {
        return null; // a leading 0x80 is not minimal
      }
      if (++digits > 9) {
        return null;
      }
      v = v << 7 | (c & 0x7f);
      if ((c & 0x80) != 0) {
        continue;
      }
      if (first) {
        long top = v < 40 ? 0 : v < 80 ? 1 : 2;
        sb.append(top).append('.').append(v - top * 40);
        first = false;
      } else {
        sb.append('.').append(v);
      }
      v = 0;
      digits = 0;
    }
    return digits == 0 ? sb.toString() : null;
  }

  /** The unsigned value of up to eight INTEGER content bytes (two's complement ignored). */
  public static long integer(byte[] b, int off, int len) {
    long v = 0;
    for (int i = 0; i < Math.min(len, 8); i++) {
      v = v << 8 | (b[off + i] & 0xff);
    }
    if (len > 0 && len <= 8 && b[off] < 0) {
      v |= len == 8 ? 0 : -1L << (8 * len); // negative: sign-extend
    }
    return v;
  }
}

package io.netsift.core.dissect.proto;

/**
 * A reader of BER/DER tag-length-value headers (<a href="https://www.itu.int/rec/T-REC-X.690">ITU-T
 * X.690</a>) over a byte array, with strict length checks: {@link #read} accepts a header only
 * when the whole element fits before the given limit, so a walker that nests reads with each
 * element's end as the next limit can never run past its parent. Definite lengths only (SNMP,
 * LDAP and X.509 forbid the indefinite form). One instance is reused for each element read;
 * the number helpers are static and never throw.
 */
public final class BerReader {
  /** Tag classes (bits 8-7 of the identifier octet). */
  public static final int UNIVERSAL = 0;
  public static final int APPLICATION = 1;
  public static final int CONTEXT = 2;
  public static final int PRIVATE = 3;

  /** Outcomes of {@link #read}. */
  public static final int OK = 0;
  public static final int TRUNCATED = 1;
  public static final int BAD = 2;

  /** Class of the element last read. */
  public int tagClass;
  /** Whether the element last read is constructed. */
  public boolean constructed;
  /** Tag number of the element last read. */
  public int tag;
  /** Absolute index of the element's identifier octet. */
  public int start;
  /** Absolute index of its contents. */
  public int contentStart;
  /** Absolute index just past its contents. */
  public int end;
  /** Outcome of the last read: {@link #OK}, {@link #TRUNCATED} or {@link #BAD}. */
  public int error;

  /** Reads the element header at {@code at}; the element must end at or before {@code limit}. */
  public boolean read(byte[] b, int at, int limit) {
    start = at;
    error = OK;
    if (at >= limit) {
      return fail(TRUNCATED);
    }
    int id = b[at] & 0xff;
    tagClass = id >>> 6;
    constructed = (id & 0x20) != 0;
    int p = at + 1;
    int t = id & 0x1f;
    if (t == 0x1f) {
      // High tag number form: base-128 digits, at most 4 of them here.
      t = 0;
      for (int k = 0; ; k++) {
        if (p >= limit) {
          return fail(TRUNCATED);
        }
        if (k == 4) {
          return fail(BAD);
        }
        int c = b[p++] & 0xff;
        t = t << 7 | (c & 0x7f);
        if ((c & 0x80) == 0) {
          break;
        }
      }
    }
    tag = t;
    if (p >= limit) {
      return fail(TRUNCATED);
    }
    int first = b[p++] & 0xff;
    long len;
    if (first < 0x80) {
      len = first;
    } else {
      int n = first & 0x7f;
      if (n == 0 || n > 4) {
        return fail(BAD); // indefinite, or longer than any frame
      }
      if (p + n > limit) {
        return fail(TRUNCATED);
      }
      len = 0;
      for (int k = 0; k < n; k++) {
        len = len << 8 | (b[p++] & 0xff);
      }
    }
    contentStart = p;
    if (p + len > limit) {
      end = limit;
      return fail(TRUNCATED);
    }
    end = (int) (p + len);
    return true;
  }

  private boolean fail(int why) {
    error = why;
    return false;
  }

  /** Whether the element last read has this class, form and tag. */
  public boolean is(int cls, boolean cons, int t) {
    return tagClass == cls && constructed == cons && tag == t;
  }

  /** Length of the contents of the element last read. */
  public int length() {
    return end - contentStart;
  }

  /** A two's complement integer of {@code len} bytes (only the low 8 bytes count). */
  public static long signed(byte[] b, int off, int len) {
    if (len <= 0) {
      return 0;
    }
    long v = b[off]; // sign-extended
    for (int k = 1; k < len; k++) {
      v = v << 8 | (b[off + k] & 0xff);
    }
    return v;
  }

  /** An unsigned integer of {@code len} bytes (a leading zero octet allowed). */
  public static long unsigned(byte[] b, int off, int len) {
    long v = 0;
    for (int k = 0; k < len; k++) {
      v = v << 8 | (b[off + k] & 0xff);
    }
    return v;
  }

  /**
   * An OBJECT IDENTIFIER in dotted form (X.690 section 8.19: the first two arcs share the first
   * sub-identifier), or null when the encoding is empty or ends inside a sub-identifier.
   */
  public static String oid(byte[] b, int off, int len) {
    if (len <= 0) {
      return null;
    }
    StringBuilder sb = new StringBuilder(len * 3);
    long v = 0;
    boolean first = true;
    int digits = 0;
    for (int k = 0; k < len; k++) {
      int c = b[off + k] & 0xff;
      v = v << 7 | (c & 0x7f);
      if (++digits > 9) {
        return null; // wider than 63 bits
      }
      if ((c & 0x80) != 0) {
        continue;
      }
      if (first) {
        int arc = v < 40 ? 0 : v < 80 ? 1 : 2;
        sb.append(arc).append('.').append(v - 40L * arc);
        first = false;
      } else {
        sb.append('.').append(v);
      }
      v = 0;
      digits = 0;
    }
    return digits == 0 ? sb.toString() : null;
  }
}

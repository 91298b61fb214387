package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/**
 * Aligned PER (<a href="https://www.itu.int/rec/T-REC-X.691">X.691</a>) primitives over a packet's
 * bytes, read the way Wireshark's PER helpers read them, so that a protocol built on them fails
 * where tshark's does: offsets are in bits from the start of the packet; a read past its end, and
 * every encoding the helpers do not decode ("something unknown here", {@link #UNDECODED}), throw
 * {@link Stop}, which the caller turns into a malformed packet. Values decoded last are left in
 * {@link #value} (and {@link #lastLength}/{@link #lastStart} for an octet string). With a
 * {@link Tree} the reader emits the items tshark shows; without one it only decodes.
 */
final class PerReader {
  static final Expert UNDECODED = new Expert("per.error.undecoded", Expert.Severity.WARNING, "Undecoded",
      "PER: Something unknown here");
  static final Expert SIZE_VALUE = new Expert("per.size_constraint.value", Expert.Severity.WARNING, "Protocol",
      "Size constraint: value too big");

  /** Ends decoding: Wireshark's ReportedBoundsError. */
  static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stop() {
      super(null, null, false, false);
    }
  }

  private static final Stop STOP = new Stop();

  /** A component read at a bit offset, returning the offset after it. */
  interface Component {
    int read(int off);
  }

  /** The contents of an open type, read at a bit offset. */
  interface OpenContent {
    int read(int off, boolean unused);
  }

  private final byte[] b;
  private final int s;
  private final int bits;
  private final Tree t;
  final StringBuilder info;
  long value;
  private boolean fragmented;
  int lastLength;
  int lastStart;

  PerReader(byte[] b, int start, int end, Tree t, StringBuilder info) {
    this.b = b;
    this.s = start;
    this.bits = (end - start) * 8;
    this.t = t;
    this.info = info;
  }

  boolean bit(int off) {
    if (off < 0 || off >= bits) {
      throw STOP;
    }
    return ((b[s + (off >> 3)] >> (7 - (off & 7))) & 1) != 0;
  }

  private long bitsAt(int off, int n) {
    long v = 0;
    for (int i = 0; i < n; i++) {
      v = (v << 1) | (bit(off + i) ? 1 : 0);
    }
    return v;
  }

  private static int align(int off) {
    return (off + 7) & ~7;
  }

  private void need(int off, long nbits) {
    if (off + nbits > bits) {
      throw STOP;
    }
  }

  /** "something unknown here": a note, the Info text, and the end of the packet. */
  private void undecoded(String reason) {
    if (t != null) {
      t.expert(UNDECODED, 0, 0, "something unknown here [" + reason + "]");
    }
    info.append("[UNKNOWN PER: ").append(reason).append(']');
    throw STOP;
  }

  // ---------------------------------------------------------------- tree

  void element(Field f, int off) {
    if (t != null) {
      t.object(f, off >> 3, 0, null);
    }
  }

  void number(Field f, int at, int len, long v) {
    if (t != null) {
      t.number(f, at, len, v);
    }
  }

  void enter() {
    if (t != null) {
      t.enter();
    }
  }

  void exit() {
    if (t != null) {
      t.exit();
    }
  }

  /** The first {@code n} bytes of the last octet string, as lowercase hex. */
  String hex(int n) {
    StringBuilder h = new StringBuilder();
    for (int i = 0; i < n; i++) {
      h.append(String.format("%02x", b[s + lastStart + i] & 0xff));
    }
    return h.toString();
  }

  // ---------------------------------------------------------------- X.691 clauses

  /** 10.9 a length determinant (aligned); fragments are accepted only where {@code fragments}. */
  int lengthDeterminant(int off, boolean fragments) {
    fragmented = false;
    off = align(off);
    int first = (int) bitsAt(off, 8);
    off += 8;
    if ((first & 0x80) == 0) {
      value = first;
      return off;
    }
    if ((first & 0xc0) == 0x80) {
      value = ((first & 0x3f) << 8) | bitsAt(off, 8);
      return off + 8;
    }
    if (fragments) {
      int m = first & 0x3f;
      if (m > 4 || m == 0) {
        undecoded("10.9 Unconstrained unexpected fragment count");
      }
      value = m * 0x4000L;
      fragmented = true;
      return off;
    }
    undecoded("10.9.3.8.1");
    return off;
  }

  /** 10.6 a normally small non-negative whole number. */
  int normallySmall(int off) {
    boolean large = bit(off++);
    if (!large) {
      value = bitsAt(off, 6);
      return off + 6;
    }
    off = lengthDeterminant(off, false);
    int n = (int) value;
    if (n > 4) {
      undecoded("too long integer(per_normally_small_nonnegative_whole_number)");
    }
    value = bitsAt(off, 8 * n);
    return off + 8 * n;
  }

  /** 10.5 a constrained whole number in {@code [min, max]}; a value above max is noted, as tshark does. */
  int constrainedInteger(int off, long min, long max, Field f) {
    long range = max - min + 1;
    int at;
    int len;
    long v;
    if (range == 1) {
      at = off >> 3;
      len = 0;
      v = 0;
    } else if (range <= 255) {
      int n = range <= 2 ? 1 : 64 - Long.numberOfLeadingZeros(range - 1);
      at = off >> 3;
      len = (n + 7) >> 3;
      v = bitsAt(off, n);
      off += n;
    } else if (range == 256) {
      off = align(off);
      at = off >> 3;
      len = 1;
      v = bitsAt(off, 8);
      off += 8;
    } else if (range <= 65536) {
      off = align(off);
      at = off >> 3;
      len = 2;
      v = bitsAt(off, 16);
      off += 16;
    } else {
      int bytes = (int) bitsAt(off, 2) + 1;
      off = align(off + 2);
      at = (off >> 3) - 1;
      len = bytes + 1;
      v = bitsAt(off, 8 * bytes);
      off += 8 * bytes;
    }
    value = v + min;
    if (f != null) {
      number(f, at, len, value);
    }
    if (value > max && t != null) {
      t.expert(SIZE_VALUE, at, len, "Size constraint: value too big: " + value + " (" + min + " .. " + max + ")");
    }
    return off;
  }

  /** 13 an enumerated value with {@code root} values in its root, reported as {@code f}. */
  int enumerated(int off, int root, boolean extensible, Field f) {
    int start = off;
    boolean extension = extensible && bit(off++);
    long index;
    if (!extension) {
      off = constrainedInteger(off, 0, root - 1, null);
      index = value;
    } else {
      off = normallySmall(off);
      index = value + root;
    }
    value = index;
    number(f, start >> 3, blen(start, off), index);
    return off;
  }

  private static int blen(int from, int to) {
    return (to >> 3) != (from >> 3) ? (to >> 3) - (from >> 3) : 1;
  }

  /** 20 a SEQUENCE OF: its count, then each component in an "Item n" node. */
  int sequenceOf(int off, Field f, Component component) {
    int start = off;
    off = lengthDeterminant(off, false);
    long n = value;
    number(f, start >> 3, 0, n);
    enter();
    try {
      for (long i = 0; i < n; i++) {
        if (t != null) {
          t.text(off >> 3, 0, "Item " + i);
        }
        enter();
        try {
          off = component.read(off);
        } finally {
          exit();
        }
      }
    } finally {
      exit();
    }
    return off;
  }

  /**
   * 10.2 an open type: its length, then its contents, which Wireshark reads from the packet as
   * a whole; the next component starts where the length says, whatever the contents used.
   */
  int openType(int off, OpenContent content) {
    int length;
    int first = -1;
    do {
      off = lengthDeterminant(off, true);
      off = align(off);
      length = (int) value;
      if (fragmented) {
        need(off, 8L * length);
        first = first < 0 ? off : first;
        off += 8 * length;
      }
    } while (fragmented);
    int end = off + 8 * length;
    // Contents split into 16K fragments are read from the first one on (Wireshark joins them).
    content.read(first >= 0 ? first : off, false);
    return end;
  }

  /** 12.2.6 an unconstrained (signed) integer of at most four octets. */
  int integer(int off, Field f) {
    off = lengthDeterminant(off, false);
    int n = (int) value;
    if (n > 4) {
      undecoded("too long integer(per_integer)");
    }
    if (n == 0) {
      undecoded("unexpected length");
    }
    off = align(off);
    need(off, 8L * n);
    long v = bitsAt(off, 8 * n);
    if ((v & (1L << (8 * n - 1))) != 0) {
      v -= 1L << (8 * n);
    }
    off += 8 * n;
    value = v;
    number(f, (off >> 3) - (n + 1), n + 1, v);
    return off;
  }

  /** 16 an OCTET STRING of {@code min..max} octets ({@code max} -1: unbounded), reported as {@code f}. */
  int octetString(int off, int min, int max, Field f) {
    long length;
    long fragments = 0;
    int first = -1;
    if (max > 0) {
      off = constrainedInteger(off, min, max, null);
      length = value;
    } else {
      while (true) {
        off = lengthDeterminant(off, true);
        length = value;
        if (!fragmented) {
          break;
        }
        // 16K-item fragments: their bytes must all be there.
        off = align(off);
        need(off, 8 * length);
        first = first < 0 ? off : first;
        off += 8 * (int) length;
        fragments += length;
      }
    }
    if (length > 0 || fragments > 0) {
      off = align(off);
      need(off, 8 * length);
    }
    lastStart = (first >= 0 ? first : off) >> 3;
    lastLength = (int) (fragments + length);
    if (t != null) {
      t.bytes(f, lastStart, lastLength);
    }
    return off + 8 * (int) length;
  }
}

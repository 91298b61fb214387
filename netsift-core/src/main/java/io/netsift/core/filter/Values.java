package io.netsift.core.filter;

import java.util.Arrays;

/**
 * The occurrences of one operand during the evaluation of one packet: a field's values, a
 * slice's byte ranges, an arithmetic result. Columns of primitives, reused from packet to
 * packet, so collecting and comparing values allocates nothing once the arrays have grown.
 *
 * <p>Integers, booleans, times (ns) and IPv4 addresses live in {@link #num}; floating point in
 * {@link #dbl}; everything byte-shaped (byte strings, MAC and IPv6 addresses, strings as
 * UTF-8, protocols) as a range {@code arr[off, off+len)}. {@link #extent} is how far
 * {@code contains} and {@code matches} may look (a protocol's whole layer; otherwise
 * {@code len}). {@link #raw} ranges are the field's bytes in the frame, for {@code @field}.
 */
final class Values {
  int size;
  long[] num;
  double[] dbl;
  byte[][] arr;
  int[] off;
  int[] len;
  int[] extent;
  /** Prefix bits of an address constant ({@code 10.0.0.0/8}); -1 for a whole address. */
  int[] prefix;
  /** Which layer of its protocol a field occurrence came from, 1-based. */
  int[] layer;
  int[] rawOff;
  int[] rawLen;

  Values() {
    this(4);
  }

  Values(int capacity) {
    num = new long[capacity];
    dbl = new double[capacity];
    arr = new byte[capacity][];
    off = new int[capacity];
    len = new int[capacity];
    extent = new int[capacity];
    prefix = new int[capacity];
    layer = new int[capacity];
    rawOff = new int[capacity];
    rawLen = new int[capacity];
  }

  void clear() {
    size = 0;
  }

  /** Appends an empty slot (prefix -1, no bytes) and returns its index. */
  int add() {
    if (size == num.length) {
      int n = size * 2;
      num = Arrays.copyOf(num, n);
      dbl = Arrays.copyOf(dbl, n);
      arr = Arrays.copyOf(arr, n);
      off = Arrays.copyOf(off, n);
      len = Arrays.copyOf(len, n);
      extent = Arrays.copyOf(extent, n);
      prefix = Arrays.copyOf(prefix, n);
      layer = Arrays.copyOf(layer, n);
      rawOff = Arrays.copyOf(rawOff, n);
      rawLen = Arrays.copyOf(rawLen, n);
    }
    int i = size++;
    num[i] = 0;
    dbl[i] = 0;
    arr[i] = null;
    off[i] = 0;
    len[i] = 0;
    extent[i] = 0;
    prefix[i] = -1;
    layer[i] = 0;
    rawOff[i] = 0;
    rawLen[i] = 0;
    return i;
  }

  int addNumber(long v) {
    int i = add();
    num[i] = v;
    return i;
  }

  int addDouble(double v) {
    int i = add();
    dbl[i] = v;
    return i;
  }

  int addBytes(byte[] a, int o, int l) {
    int i = add();
    arr[i] = a;
    off[i] = o;
    len[i] = l;
    extent[i] = l;
    return i;
  }

  /** Copies occurrence {@code j} of {@code from} to the end of this list. */
  int copy(Values from, int j) {
    int i = add();
    num[i] = from.num[j];
    dbl[i] = from.dbl[j];
    arr[i] = from.arr[j];
    off[i] = from.off[j];
    len[i] = from.len[j];
    extent[i] = from.extent[j];
    prefix[i] = from.prefix[j];
    layer[i] = from.layer[j];
    rawOff[i] = from.rawOff[j];
    rawLen[i] = from.rawLen[j];
    return i;
  }

  /** A one-element constant list holding a number. */
  static Values ofNumber(long v) {
    Values x = new Values(1);
    x.addNumber(v);
    return x;
  }

  static Values ofDouble(double v) {
    Values x = new Values(1);
    x.addDouble(v);
    return x;
  }

  static Values ofBytes(byte[] b) {
    Values x = new Values(1);
    x.addBytes(b, 0, b.length);
    return x;
  }
}

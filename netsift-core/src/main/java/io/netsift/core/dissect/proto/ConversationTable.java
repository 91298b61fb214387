package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Dissection;

/**
 * Per-capture table of conversations keyed like Wireshark's: the unordered pair of endpoints
 * (address and port) of the enclosing IP layer, plus an optional extra number, so both
 * directions find the same entry. Look-ups read the addresses straight from the frame and
 * allocate nothing; only a new conversation grows the table. {@link #forward()} tells whether
 * the last looked-up packet went from the entry's first endpoint to its second. Not
 * thread-safe: one table per dissection pass.
 */
final class ConversationTable<V> {
  private static final int KEY = 6;

  private long[] keys = new long[64 * KEY];
  private Object[] values = new Object[64];
  private int size;
  private final long[] probe = new long[KEY];
  private boolean forward;

  /** The conversation of the packet (src:srcPort → dst:dstPort of IP layer {@code ip}), or null. */
  @SuppressWarnings("unchecked")
  V get(Dissection d, int ip, int srcPort, int dstPort, long extra) {
    key(d, ip, srcPort, dstPort, extra);
    int slot = find(probe);
    return slot < 0 ? null : (V) values[slot];
  }

  /** Makes {@code v} the conversation of the key last passed to {@link #get} (replacing any). */
  void putLast(V v) {
    int slot = find(probe);
    if (slot >= 0) {
      values[slot] = v;
      return;
    }
    if ((size + 1) * 2 > values.length) {
      grow();
    }
    insert(probe, v);
  }

  /** Whether the packet of the last look-up travels from the entry's first endpoint to its second. */
  boolean forward() {
    return forward;
  }

  private void key(Dissection d, int ip, int srcPort, int dstPort, long extra) {
    byte[] b = d.data();
    int n = EnclosingIp.addressLength(d, ip);
    int s = EnclosingIp.src(d, ip);
    int t = EnclosingIp.dst(d, ip);
    long sHi = n == 16 ? readLong(b, s) : 0;
    long sLo = n == 16 ? readLong(b, s + 8) : Bytes.u32(b, s);
    long tHi = n == 16 ? readLong(b, t) : 0;
    long tLo = n == 16 ? readLong(b, t + 8) : Bytes.u32(b, t);
    int c = Long.compareUnsigned(sHi, tHi);
    if (c == 0) {
      c = Long.compareUnsigned(sLo, tLo);
    }
    if (c == 0) {
      c = Integer.compare(srcPort, dstPort);
    }
    forward = c <= 0;
    probe[0] = (long) n << 32 | (forward ? (long) srcPort << 16 | dstPort : (long) dstPort << 16 | srcPort);
    probe[1] = forward ? sHi : tHi;
    probe[2] = forward ? sLo : tLo;
    probe[3] = forward ? tHi : sHi;
    probe[4] = forward ? tLo : sLo;
    probe[5] = extra;
  }

  private static long readLong(byte[] b, int p) {
    return Bytes.u32(b, p) << 32 | Bytes.u32(b, p + 4);
  }

  private int find(long[] k) {
    int mask = values.length - 1;
    for (int i = hash(k) & mask; ; i = (i + 1) & mask) {
      if (values[i] == null) {
        return -1;
      }
      int o = i * KEY;
      if (keys[o] == k[0] && keys[o + 1] == k[1] && keys[o + 2] == k[2] && keys[o + 3] == k[3]
          && keys[o + 4] == k[4] && keys[o + 5] == k[5]) {
        return i;
      }
    }
  }

  private void insert(long[] k, Object v) {
    int mask = values.length - 1;
    int i = hash(k) & mask;
    while (values[i] != null) {
      i = (i + 1) & mask;
    }
    System.arraycopy(k, 0, keys, i * KEY, KEY);
    values[i] = v;
    size++;
  }

  private void grow() {
    long[] oldKeys = keys;
    Object[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new Object[oldValues.length * 2];
    size = 0;
    long[] k = new long[KEY];
    for (int i = 0; i < oldValues.length; i++) {
      if (oldValues[i] != null) {
        System.arraycopy(oldKeys, i * KEY, k, 0, KEY);
        insert(k, oldValues[i]);
      }
    }
  }

  private static int hash(long[] k) {
    long h = 0x9e3779b97f4a7c15L;
    for (long x : k) {
      h = (h ^ x) * 0xbf58476d1ce4e5b9L;
      h ^= h >>> 31;
    }
    return (int) (h ^ h >>> 32);
  }

  /**
   * Keeps only the conversations {@code keep} accepts, rebuilding the table in place (the
   * memory bound of TCP drops the longest-idle streams this way). The key of the last look-up
   * stays usable for {@link #putLast}.
   */
  @SuppressWarnings("unchecked")
  void retain(java.util.function.Predicate<V> keep) {
    long[] oldKeys = keys;
    Object[] oldValues = values;
    keys = new long[oldKeys.length];
    values = new Object[oldValues.length];
    size = 0;
    long[] k = new long[KEY];
    for (int i = 0; i < oldValues.length; i++) {
      if (oldValues[i] != null && keep.test((V) oldValues[i])) {
        System.arraycopy(oldKeys, i * KEY, k, 0, KEY);
        insert(k, oldValues[i]);
      }
    }
  }

  /**
   * The last-use mark at the first quarter of the conversations sorted by it: the memory bounds
   * of TCP and UDP forget every conversation whose mark is not above it (the longest-idle quarter,
   * ties included).
   */
  long idlestQuarter(java.util.function.ToLongFunction<V> touched) {
    long[] marks = new long[size];
    int[] k = {0};
    forEach(c -> marks[k[0]++] = touched.applyAsLong(c));
    java.util.Arrays.sort(marks);
    return marks[size / 4];
  }

  /** Calls {@code each} with every conversation, in table order. */
  @SuppressWarnings("unchecked")
  void forEach(java.util.function.Consumer<V> each) {
    for (Object v : values) {
      if (v != null) {
        each.accept((V) v);
      }
    }
  }

  /** Number of conversations in the table. */
  int size() {
    return size;
  }
}

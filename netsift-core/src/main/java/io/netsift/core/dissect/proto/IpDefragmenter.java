package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Dissection;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reassembles IPv4 and IPv6 datagrams from fragments in capture order, as tshark does by default:
 * fragments are kept per datagram (addresses, identification and, for IPv4, protocol) until the
 * last one (no "more fragments" flag) is known and every byte from offset 0 to its end is there;
 * the frame that completes the datagram then carries the reassembled payload as an added data
 * source and dissects it further. Overlapping fragments keep the bytes that arrived first.
 *
 * <p>Memory is bounded: a datagram may not grow past 65,535 bytes of payload (IPv4) or the
 * IPv6 limit, and when all pending datagrams together hold more than {@code maxTotal} bytes the
 * oldest are dropped.
 */
final class IpDefragmenter {
  /** A pending datagram. */
  private static final class Datagram {
    /** Each fragment's own bytes, copied once; assembled when the datagram completes. */
    byte[][] pieces = new byte[4][];
    long bytes;
    int total = -1;
    long[] frames = new long[4];
    int[] offsets = new int[4];
    int[] sizes = new int[4];
    int count;
  }

  /** The fragments of a completed datagram, listed by offset as tshark lists them. */
  private static Reassembled reassembled(Datagram g, int source) {
    Integer[] order = new Integer[g.count];
    for (int k = 0; k < g.count; k++) {
      order[k] = k;
    }
    Arrays.sort(order, (x, y) -> Integer.compare(g.offsets[x], g.offsets[y]));
    long[] frames = new long[g.count];
    int[] sizes = new int[g.count];
    for (int k = 0; k < g.count; k++) {
      frames[k] = g.frames[order[k]];
      sizes[k] = g.sizes[order[k]];
    }
    return new Reassembled(frames, sizes, source, g.total);
  }

  private final Map<Key, Datagram> pending = new LinkedHashMap<>();
  private final int maxDatagram;
  private final long maxTotal;
  private long held;

  IpDefragmenter(int maxDatagram, long maxTotal) {
    this.maxDatagram = maxDatagram;
    this.maxTotal = maxTotal;
  }

  /** Identifies a datagram: the raw address bytes, identification and protocol. */
  static final class Key {
    final byte[] bytes;
    final int hash;

    Key(byte[] bytes) {
      this.bytes = bytes;
      this.hash = Arrays.hashCode(bytes);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key && Arrays.equals(bytes, ((Key) o).bytes);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** The key of a datagram from its source and destination addresses, identification and protocol. */
  static Key key(byte[] b, int src, int dst, int addrLen, long id, int proto) {
    byte[] k = new byte[addrLen * 2 + 5];
    System.arraycopy(b, src, k, 0, addrLen);
    System.arraycopy(b, dst, k, addrLen, addrLen);
    int at = addrLen * 2;
    k[at] = (byte) (id >>> 24);
    k[at + 1] = (byte) (id >>> 16);
    k[at + 2] = (byte) (id >>> 8);
    k[at + 3] = (byte) id;
    k[at + 4] = (byte) proto;
    return new Key(k);
  }

  /**
   * Adds the fragment {@code b[at .. at+len)} at payload offset {@code offset} of datagram
   * {@code key}, seen in frame {@code frame}; {@code last} when it has no "more fragments" flag.
   * Returns the completed datagram's fragments after adding its bytes to {@code d} as a data
   * source named {@code sourceName} (read them at {@code d.sourceStart(f.source)}), or null
   * while fragments are missing (or the fragment was refused).
   */
  Reassembled add(Dissection d, Key key, int offset, byte[] b, int at, int len, boolean last, String sourceName) {
    long end = (long) offset + len;
    if (end > maxDatagram || len < 0) {
      return null;
    }
    Datagram g = pending.get(key);
    if (g == null) {
      g = new Datagram();
      pending.put(key, g);
    }
    if (last) {
      g.total = (int) end;
    }
    if (g.count == g.frames.length) {
      g.frames = Arrays.copyOf(g.frames, g.count * 2);
      g.offsets = Arrays.copyOf(g.offsets, g.count * 2);
      g.sizes = Arrays.copyOf(g.sizes, g.count * 2);
      g.pieces = Arrays.copyOf(g.pieces, g.count * 2);
    }
    g.frames[g.count] = d.number();
    g.offsets[g.count] = offset;
    g.sizes[g.count] = len;
    g.pieces[g.count] = Arrays.copyOfRange(b, at, at + len);
    g.count++;
    g.bytes += len;
    held += len;
    if (g.total >= 0 && g.bytes >= g.total && complete(g)) {
      pending.remove(key);
      held -= g.bytes;
      byte[] data = new byte[g.total];
      // Later fragments first, so the bytes that arrived first win where fragments overlap.
      for (int k = g.count - 1; k >= 0; k--) {
        int n = Math.max(0, Math.min(g.sizes[k], g.total - g.offsets[k]));
        System.arraycopy(g.pieces[k], 0, data, g.offsets[k], n);
      }
      int source = d.sourceCount();
      d.addSource(sourceName, data, 0, g.total);
      return reassembled(g, source);
    }
    evict();
    return null;
  }

  /** Whether the fragments cover every byte from 0 to the end the last fragment gave. */
  private static boolean complete(Datagram g) {
    Integer[] order = new Integer[g.count];
    for (int k = 0; k < g.count; k++) {
      order[k] = k;
    }
    Arrays.sort(order, (a, c) -> Integer.compare(g.offsets[a], g.offsets[c]));
    long covered = 0;
    for (Integer k : order) {
      if (g.offsets[k] > covered) {
        return false;
      }
      covered = Math.max(covered, (long) g.offsets[k] + g.sizes[k]);
    }
    return covered >= g.total;
  }

  private void evict() {
    Iterator<Datagram> it = pending.values().iterator();
    while (held > maxTotal && it.hasNext()) {
      held -= it.next().bytes;
      it.remove();
    }
  }
}

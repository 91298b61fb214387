package io.netsift.core.dissect;

import io.netsift.core.field.Field;
import io.netsift.core.field.FieldVisitor;

/**
 * The view a field walker reads a layer through: offsets are relative to the layer's start,
 * every read is bounds-checked against the captured bytes (out of range reads give 0 and
 * mark the tree truncated), and every emit goes to the visitor only while the field lies
 * within the captured bytes. This one check is the safety contract of all walkers: after it,
 * no accessor can fail, and a walker over truncated bytes reports exactly the fields that
 * were captured, as tshark does before "[Packet size limited during capture]".
 */
public final class Tree {
  private FieldVisitor v;
  private Dissection d;
  private int layer;
  private byte[] b;
  private int start;
  private int limit;
  private boolean truncated;
  private boolean inProtocolItem;

  /** Points this tree at layer {@code i} of {@code d}, reporting to {@code visitor} (may be null). */
  public Tree reset(Dissection dissection, int i, FieldVisitor visitor) {
    this.d = dissection;
    this.layer = i;
    this.b = dissection.data;
    this.start = dissection.start[i];
    this.limit = dissection.end[i];
    this.v = visitor;
    this.truncated = false;
    this.inProtocolItem = false;
    return this;
  }

  /** Says whether the walk has opened the layer's protocol item around these fields. */
  void inProtocolItem(boolean open) {
    this.inProtocolItem = open;
  }

  /**
   * Closes the layer's protocol item and opens another of the same protocol at {@code rel}
   * (tshark's MySQL shows each packet of a segment as a protocol item of its own, while
   * frame.protocols lists it once); without a protocol item the fields simply go on.
   */
  public void nextProtocolItem(Field protocol, int rel, int len, String text) {
    if (v != null && inProtocolItem && !truncated && has(rel, len)) {
      v.exit();
      v.object(protocol, start + rel, len, text);
      v.enter();
    }
  }

  public Dissection dissection() {
    return d;
  }

  public int layer() {
    return layer;
  }

  /** Absolute index of the layer's first byte in {@link #data()}. */
  public int start() {
    return start;
  }

  /** Captured bytes in this layer (payload included). */
  public int length() {
    return limit - start;
  }

  public byte[] data() {
    return b;
  }

  /** Whether {@code len} bytes at relative offset {@code rel} were captured. */
  public boolean has(int rel, int len) {
    // In long: a length read from the packet near Integer.MAX_VALUE must not wrap into range.
    return rel >= 0 && len >= 0 && (long) start + rel + len <= limit;
  }

  /** True once a read or emit went past the captured bytes. */
  public boolean truncated() {
    return truncated;
  }

  public long annotation(int k) {
    return d.annotation(layer, k);
  }

  public Object attachment() {
    return d.attachment(layer);
  }

  // ---- reads (big-endian unless named otherwise) ----

  public int u8(int rel) {
    if (!has(rel, 1)) {
      truncated = true;
      return 0;
    }
    return b[start + rel] & 0xff;
  }

  public int u16(int rel) {
    if (!has(rel, 2)) {
      truncated = true;
      return 0;
    }
    int p = start + rel;
    return (b[p] & 0xff) << 8 | (b[p + 1] & 0xff);
  }

  public int u16le(int rel) {
    if (!has(rel, 2)) {
      truncated = true;
      return 0;
    }
    int p = start + rel;
    return (b[p + 1] & 0xff) << 8 | (b[p] & 0xff);
  }

  public int u24(int rel) {
    if (!has(rel, 3)) {
      truncated = true;
      return 0;
    }
    int p = start + rel;
    return (b[p] & 0xff) << 16 | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff);
  }

  public long u32(int rel) {
    if (!has(rel, 4)) {
      truncated = true;
      return 0;
    }
    return Bytes.u32(b, start + rel);
  }

  public long u32le(int rel) {
    if (!has(rel, 4)) {
      truncated = true;
      return 0;
    }
    return Bytes.u32le(b, start + rel);
  }

  public long u64(int rel) {
    if (!has(rel, 8)) {
      truncated = true;
      return 0;
    }
    return Bytes.u32(b, start + rel) << 32 | Bytes.u32(b, start + rel + 4);
  }

  /**
   * Text of up to {@code len} bytes at {@code rel} that ends at its first NUL or at the captured
   * bytes; bytes beyond ASCII show as U+FFFD, as tshark shows such strings.
   */
  public String asciiz(int rel, int len) {
    StringBuilder sb = new StringBuilder(Math.max(0, len));
    for (int i = 0; i < len && has(rel + i, 1); i++) {
      int c = b[start + rel + i] & 0xff;
      if (c == 0) {
        break;
      }
      sb.append(c < 0x80 ? (char) c : '\ufffd');
    }
    return sb.toString();
  }

  /** Reads an unsigned big-endian integer of 1 to 8 bytes. */
  public long uint(int rel, int len) {
    switch (len) {
      case 1: return u8(rel);
      case 2: return u16(rel);
      case 3: return u24(rel);
      case 4: return u32(rel);
      case 8: return u64(rel);
      default:
        if (!has(rel, len)) {
          truncated = true;
          return 0;
        }
        long x = 0;
        for (int k = 0; k < len; k++) {
          x = x << 8 | (b[start + rel + k] & 0xff);
        }
        return x;
    }
  }

  // ---- emits ----

  private boolean fits(int rel, int len) {
    if (!has(rel, len)) {
      truncated = true;
      return false;
    }
    return v != null && !truncated;
  }

  /** Emits {@code f} with the big-endian value at {@code rel}; a bitmask field gets its bits. */
  public long uint(Field f, int rel, int len) {
    long raw = uint(rel, len);
    if (fits(rel, len)) {
      v.number(f, start + rel, len, f.extract(raw));
    }
    return f.extract(raw);
  }

  /** Emits a little-endian integer field. */
  public long uintle(Field f, int rel, int len) {
    long raw = 0;
    for (int k = len - 1; k >= 0; k--) {
      raw = raw << 8 | u8(rel + k);
    }
    if (fits(rel, len)) {
      v.number(f, start + rel, len, f.extract(raw));
    }
    return f.extract(raw);
  }

  /** Emits {@code f} with a value computed by the walker, located at {@code rel, len}. */
  public void number(Field f, int rel, int len, long value) {
    if (fits(rel, len)) {
      v.number(f, start + rel, len, value);
    }
  }

  /** Emits a field whose value is its bytes (addresses, byte strings). */
  public void bytes(Field f, int rel, int len) {
    if (fits(rel, len)) {
      v.bytes(f, start + rel, len);
    }
  }

  /**
   * Emits a bytes field that lies anywhere in the dissection's buffer, such as a reassembled
   * PDU in an added data source ({@link Dissection#addSource}); {@code at} is absolute.
   */
  public void bytesAt(Field f, int at, int len) {
    if (v != null && !truncated && at >= d.frameStart && len >= 0 && at + len <= d.dataEnd) {
      v.bytes(f, at, len);
    }
  }

  /** Emits a number field that lies in an added data source, like {@link #bytesAt}. */
  public void numberAt(Field f, int at, int len, long value) {
    if (v != null && !truncated && at >= d.frameStart && len >= 0 && at + len <= d.dataEnd) {
      v.number(f, at, len, value);
    }
  }

  /** Emits an object field that lies in an added data source, like {@link #bytesAt}. */
  public void objectAt(Field f, int at, int len, Object value) {
    if (v != null && !truncated && at >= d.frameStart && len >= 0 && at + len <= d.dataEnd) {
      v.object(f, at, len, value);
    }
  }

  /** Emits a field with a computed object value (a String, a Double, ...). */
  public void object(Field f, int rel, int len, Object value) {
    if (fits(rel, len)) {
      v.object(f, start + rel, len, value);
    }
  }

  /** Emits a text-only tree node (no field), shown by -V and skipped by field consumers. */
  public void text(int rel, int len, String text) {
    if (v != null && !truncated && has(rel, len)) {
      v.object(null, start + rel, len, text);
    }
  }

  /** Emits a text-only item that tshark marks generated ({@code [Timestamps]}). */
  public void generatedText(int rel, int len, String text) {
    if (v != null && !truncated && has(rel, len)) {
      v.object(null, start + rel, len, new io.netsift.core.field.GeneratedText(text));
    }
  }

  /** Emits a generated field (in brackets in tshark's tree) that has no bytes of its own. */
  public void generated(Field f, long value) {
    if (v != null && !truncated) {
      v.number(f, start, 0, value);
    }
  }

  public void generatedObject(Field f, Object value) {
    if (v != null && !truncated) {
      v.object(f, start, 0, value);
    }
  }

  /**
   * Emits an expert note found while walking (an option's bad length, say) under the current
   * item, in the same shape as the notes the first pass records.
   */
  public void expert(Expert e, int rel, int len, String text) {
    if (v != null && !truncated && has(rel, 0)) {
      Walk.expert(v, e, start + rel, Math.max(0, Math.min(len, limit - start - rel)), text != null ? text : e.message());
    }
  }

  /** Begins the subtree of the last emitted field. Always pair with {@link #exit()}. */
  public void enter() {
    if (v != null) {
      v.enter();
    }
  }

  public void exit() {
    if (v != null) {
      v.exit();
    }
  }

  /** Whether the visitor wants {@code f} (lets walkers skip costly parsing). */
  public boolean wants(Field f) {
    return v != null && v.wants(f);
  }

  /** Whether anything receives the items (a first pass's walk has no visitor: skip building texts). */
  public boolean visiting() {
    return v != null;
  }

  /** Whether the visitor wants any of {@code fields} ({@link FieldVisitor#wantsAny}). */
  public boolean wantsAny(Field[] fields) {
    return v != null && v.wantsAny(fields);
  }
}

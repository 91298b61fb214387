package io.netsift.core.filter;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Tree;
import io.netsift.core.dissect.Walk;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import io.netsift.core.field.FieldVisitor;
import io.netsift.core.filter.Ftypes.Rep;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The per-thread working state of one compiled filter: the values of each referenced field in
 * the current packet, scratch lists for derived values, and matchers. Field values are
 * collected lazily, the first time a test needs a field, by walking only the layers of the
 * protocols that can hold it, each layer at most once per packet; the visitor keeps only the
 * referenced fields and says so through {@link #wants}, so walkers skip costly work.
 */
final class Scratch implements FieldVisitor {
  private final Program prog;
  private final Walk walk = new Walk();
  private final Tree tree = new Tree();
  /** Whether a referenced field is an expert item, which only the full walk reports. */
  private final boolean experts;
  private final Values[] slotValues;
  private final boolean[] ready;
  private final Values[] temps;
  private final Values[][] args;
  private final Matcher[] matchers;
  private final Latin1 chars = new Latin1();
  private Dissection d;
  private boolean[] walked = new boolean[16];
  private int layerNo;

  Scratch(Program prog) {
    this.prog = prog;
    int n = prog.slots.size();
    slotValues = new Values[n];
    ready = new boolean[n];
    for (int i = 0; i < n; i++) {
      slotValues[i] = new Values();
    }
    temps = new Values[prog.temps];
    args = new Values[prog.temps][];
    for (int i = 0; i < temps.length; i++) {
      temps[i] = new Values();
    }
    matchers = new Matcher[prog.matchers];
    boolean e = false;
    for (Program.Slot s : prog.slots) {
      e |= s.field.type() == FieldType.NONE || s.field.name().startsWith("_ws.expert");
    }
    experts = e;
  }

  /** Starts the evaluation of a packet. */
  void begin(Dissection dissection) {
    d = dissection;
    if (ready.length == 0) {
      return; // no field slots (a byte-compared filter such as tcp.port == 80): nothing to reset
    }
    Arrays.fill(ready, false);
    int n = dissection.layerCount();
    if (walked.length < n) {
      walked = new boolean[Math.max(n, walked.length * 2)];
    }
    Arrays.fill(walked, 0, n, false);
    for (Values v : slotValues) {
      v.clear();
    }
  }

  /** Drops the reference to the packet (its bytes may be reused by the reader). */
  void end() {
    d = null;
  }

  Dissection dissection() {
    return d;
  }

  byte[] data() {
    return d.data();
  }

  Values temp(int i) {
    return temps[i];
  }

  Values[] argArray(int i, int n) {
    Values[] a = args[i];
    if (a == null || a.length != n) {
      a = new Values[n];
      args[i] = a;
    }
    return a;
  }

  /** Whether a layer of protocol {@code p} is in the frame. */
  boolean hasLayer(Dissector p) {
    for (int i = 0; i < d.layerCount(); i++) {
      if (d.dissector(i) == p && isProtocolItem(i)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether layer {@code i} shows as a protocol (has a protocol field) in tshark: every layer
   * but a pure hand-off such as "ethertype", which a following layer starts exactly where it
   * starts and which tshark never adds to the tree.
   */
  private boolean isProtocolItem(int i) {
    Dissector p = d.dissector(i);
    if (!p.hiddenInTree(d, i)) {
      return true;
    }
    if (!p.hiddenInTree()) {
      return false; // a layer of a visible protocol that tshark left without its item
    }
    return i + 1 >= d.layerCount() || d.start(i + 1) != d.start(i);
  }

  /** The values of a slot's field in the current packet. */
  Values field(int slot) {
    if (!ready[slot]) {
      collect(prog.slots.get(slot));
      ready[slot] = true;
    }
    return slotValues[slot];
  }

  private void collect(Program.Slot s) {
    int n = d.layerCount();
    if (s.layerProtocol != null) {
      Values v = slotValues[s.index];
      int ordinal = 0;
      for (int i = 0; i < n; i++) {
        if (d.dissector(i) != s.layerProtocol) {
          continue;
        }
        // tshark numbers a protocol's layers in frame.protocols order, items or not: the
        // Ethernet inside FabricPath is eth#2 though the outer one has no item.
        ordinal++;
        if (!isProtocolItem(i)) {
          continue;
        }
        int start = d.start(i);
        int k = v.addBytes(d.data(), start, headerLength(i));
        v.extent[k] = d.end(i) - start;
        v.layer[k] = ordinal;
        v.rawOff[k] = start;
        v.rawLen[k] = v.len[k];
      }
      return;
    }
    for (int i = 0; i < n; i++) {
      Dissector p = d.dissector(i);
      if (!walked[i] && s.candidate(p)) {
        if (s.leading(p)) {
          // A field from the layer's fixed header (tcp.port): read it without the walk.
          layerNo = ordinal(i);
          tree.reset(d, i, this);
          p.leading(tree);
        } else {
          walkLayer(i);
        }
      }
    }
  }

  /** Which layer of its protocol layer {@code i} is (1 for the first TCP layer). */
  private int ordinal(int i) {
    Dissector p = d.dissector(i);
    int ordinal = 0;
    for (int j = 0; j <= i; j++) {
      if (d.dissector(j) == p) {
        ordinal++;
      }
    }
    return ordinal;
  }

  /** A protocol's bytes for comparisons and slices: its header, up to where the next layer starts. */
  private int headerLength(int i) {
    int start = d.start(i);
    int end = d.end(i);
    if (d.headerEnd(i) >= start && d.headerEnd(i) <= end) {
      return d.headerEnd(i) - start;
    }
    if (i > 0 && i + 1 < d.layerCount()) {
      int next = d.start(i + 1);
      if (next > start && next <= end) {
        return next - start;
      }
    }
    return end - start;
  }

  private void walkLayer(int i) {
    Dissector p = d.dissector(i);
    layerNo = ordinal(i);
    walked[i] = true;
    if (experts) {
      walk.layer(d, i, this, false);
    } else {
      // The layer's own fields only: reporting its expert notes costs boxing and strings.
      tree.reset(d, i, this);
      p.fields(tree);
      io.netsift.core.dissect.Walk.forward(d, i, this);
    }
  }

  /**
   * The slot collecting {@code f}, or -1: also when the slot is complete, since a walk that
   * another field asks for may cover a layer whose leading fields were read already.
   */
  private int slotOf(Field f) {
    if (f == null) {
      return -1;
    }
    int id = f.id();
    int s = id >= 0 && id < prog.slotOfFieldId.length ? prog.slotOfFieldId[id] : -1;
    return s >= 0 && ready[s] ? -1 : s;
  }

  // ---- FieldVisitor: keep the referenced fields ----

  @Override
  public boolean wants(Field f) {
    return slotOf(f) >= 0;
  }

  @Override
  public void number(Field f, int offset, int length, long value) {
    int s = slotOf(f);
    if (s < 0) {
      return;
    }
    Values v = slotValues[s];
    int k = v.add();
    Rep r = Ftypes.rep(prog.slots.get(s).field.type());
    if (r == Rep.FLOAT) {
      v.dbl[k] = value;
    } else if (Ftypes.isByteRange(r)) {
      v.arr[k] = d.data();
      v.off[k] = offset;
      v.len[k] = length;
      v.extent[k] = length;
    }
    v.num[k] = value;
    place(v, k, offset, length);
    if (r == Rep.IPV4 && length == 4) {
      v.arr[k] = d.data();
      v.off[k] = offset;
      v.len[k] = 4;
      v.extent[k] = 4;
    }
  }

  @Override
  public void bytes(Field f, int offset, int length) {
    int s = slotOf(f);
    if (s < 0) {
      return;
    }
    Values v = slotValues[s];
    byte[] data = d.data();
    int k = v.addBytes(data, offset, length);
    place(v, k, offset, length);
    FieldType t = prog.slots.get(s).field.type();
    Rep r = Ftypes.rep(t);
    if (!Ftypes.isByteRange(r)) {
      // An address or number reported as its bytes: big-endian value.
      long x = 0;
      for (int i = 0; i < Math.min(length, 8); i++) {
        x = x << 8 | (data[offset + i] & 0xff);
      }
      v.num[k] = r == Rep.BOOL ? (x != 0 ? 1 : 0) : x;
    }
  }

  @Override
  public void object(Field f, int offset, int length, Object value) {
    int s = slotOf(f);
    if (s < 0) {
      return;
    }
    Values v = slotValues[s];
    Rep r = Ftypes.rep(prog.slots.get(s).field.type());
    int k;
    if (value instanceof byte[]) {
      byte[] b = (byte[]) value;
      k = v.addBytes(b, 0, b.length);
    } else if (r == Rep.FLOAT && value instanceof Number) {
      k = v.addDouble(((Number) value).doubleValue());
    } else if (!Ftypes.isByteRange(r) && value instanceof Number) {
      k = v.addNumber(((Number) value).longValue());
    } else if (value instanceof Boolean) {
      k = v.addNumber((Boolean) value ? 1 : 0);
    } else {
      byte[] b = String.valueOf(value).getBytes(StandardCharsets.UTF_8);
      k = v.addBytes(b, 0, b.length);
    }
    place(v, k, offset, length);
  }

  private void place(Values v, int k, int offset, int length) {
    v.layer[k] = layerNo;
    v.rawOff[k] = offset;
    v.rawLen[k] = length;
  }

  // ---- regular expressions ----

  /** Whether {@code pattern} finds a match in the bytes, each byte one character (as PCRE2 without UTF). */
  boolean find(int slot, Pattern pattern, byte[] b, int off, int len) {
    chars.set(b, off, len);
    Matcher m = matchers[slot];
    if (m == null) {
      m = pattern.matcher(chars);
      matchers[slot] = m;
    } else {
      m.reset(chars);
    }
    boolean hit = m.find();
    chars.set(null, 0, 0);
    return hit;
  }

  /** A reusable view of bytes as ISO-8859-1 characters. */
  private static final class Latin1 implements CharSequence {
    private byte[] b;
    private int off;
    private int len;

    void set(byte[] bytes, int offset, int length) {
      b = bytes;
      off = offset;
      len = length;
    }

    @Override
    public int length() {
      return len;
    }

    @Override
    public char charAt(int index) {
      return (char) (b[off + index] & 0xff);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new String(b, off + start, end - start, StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
      return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }
  }
}

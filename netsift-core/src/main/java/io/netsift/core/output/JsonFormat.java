package io.netsift.core.output;

import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Walk;
import io.netsift.core.field.Base;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldFormat;
import io.netsift.core.field.FieldType;
import io.netsift.core.field.FieldValue;
import io.netsift.core.field.FieldVisitor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * {@code tshark -T json --no-duplicate-keys}: one object per packet in a JSON array, layers
 * keyed by protocol, fields keyed by filter name, a field's children under
 * {@code name_tree}, repeated keys merged into arrays.
 *
 * <p>The packet's fields are recorded into flat arrays reused from packet to packet (no object
 * per field), then written straight into a UTF-8 byte buffer: the common values (numbers,
 * addresses, bytes, times, ASCII text) without a String, escaping only where a character needs
 * it. Every other value goes through {@link FieldValue#text()}, so the text is the one
 * {@code -T fields} and the tree print. One instance per thread: it keeps its buffers.
 */
public final class JsonFormat {
  private boolean first = true;

  // ---------- the UTF-8 output ----------
  private byte[] buf = new byte[1 << 16];
  private int len;

  // ---------- the recorded tree: node 0 is the list of layers ----------
  private Field[] nodeField = new Field[512];
  private int[] nodeOff = new int[512];
  private int[] nodeLen = new int[512];
  private long[] nodeNum = new long[512];
  private Object[] nodeObj = new Object[512];
  private int[] firstChild = new int[512];
  private int[] lastChild = new int[512];
  private int[] nextSibling = new int[512];
  private int nodes;
  private byte[] frame;
  private int frameStart;
  private final Recorder recorder = new Recorder();
  private final Walk walk = new Walk();

  // ---------- one object's entries while it is written (a stack: objects nest) ----------
  private static final int OBJECT = 0;
  private static final int EMPTY = 1;
  private static final int TEXT = 2;
  private String[] entryKey = new String[256];
  private byte[][] entryKeyBytes = new byte[256][];
  private int[] entryKind = new int[256];
  private int[] entryNode = new int[256];
  private int[] entryNext = new int[256];
  private int[] entryTail = new int[256];
  private int entries;
  // open-addressing table from key to first entry, for objects with many entries
  private String[] slotKey = new String[64];
  private int[] slotEntry = new int[64];

  // ---------- per-thread caches ----------
  private final Map<Field, Keys> keys = new IdentityHashMap<>();
  private Keys[] keysById = new Keys[1024];
  private final Map<String, Keys> keysByName = new HashMap<>();
  private long indexSecond = Long.MIN_VALUE;
  private byte[] indexBytes;
  // per display base: the day (date text, zone name) and the second last printed
  private final ZoneId[] timeZone = new ZoneId[Base.values().length];
  private final long[] timeDay = new long[Base.values().length];
  private final int[] timeOffset = new int[Base.values().length];
  private final byte[][] timePrefix = new byte[Base.values().length][];
  private final byte[][] timeSuffix = new byte[Base.values().length][];
  private final long[] timeSecond = new long[Base.values().length];
  private final int[] timeOfDay = new int[Base.values().length];

  /** A field name's two JSON keys: {@code "name": } and {@code "name_tree": }. */
  private static final class Keys {
    final String name;
    final String tree;
    final byte[] nameBytes;
    final byte[] treeBytes;
    /** The field this copy is indexed for by its registry id (ids are reused by redeclared fields). */
    final Field field;

    Keys(String name) {
      this.name = name;
      this.tree = name + "_tree";
      this.nameBytes = keyBytes(name);
      this.treeBytes = keyBytes(tree);
      this.field = null;
    }

    Keys(Keys k, Field f) {
      this.name = k.name;
      this.tree = k.tree;
      this.nameBytes = k.nameBytes;
      this.treeBytes = k.treeBytes;
      this.field = f;
    }
  }

  private static final byte[] HEAD = "  {\n    \"_index\": \"packets-".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SOURCE = "\",\n    \"_type\": \"doc\",\n    \"_score\": null,\n    \"_source\": {\n      \"layers\": "
      .getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TAIL = "\n    }\n  }".getBytes(StandardCharsets.US_ASCII);

  /** The text before the first packet. */
  public String begin() {
    return "[\n";
  }

  /** The text after the last packet. */
  public String end() {
    return first ? "]\n" : "\n]\n";
  }

  /** Appends one packet object (with the separating comma when needed). */
  public void append(Dissection d, StringBuilder out) {
    int mark = len;
    appendUtf8(d);
    out.append(new String(buf, mark, len - mark, StandardCharsets.UTF_8));
    len = mark;
  }

  /**
   * Appends one packet object (with the separating comma when needed) as UTF-8 to this
   * format's buffer; {@link #takeUtf8()} hands the buffer's bytes out.
   */
  public void appendUtf8(Dissection d) {
    if (!first) {
      raw(",\n");
    }
    first = false;
    record(d);
    bytes(HEAD);
    bytes(indexDate(d.timestampNanos()));
    bytes(SOURCE);
    entries = 0;
    writeObject(0, 6, true);
    bytes(TAIL);
    // Drop the references into this packet (the frame, computed values) before the next one.
    Arrays.fill(nodeObj, 0, nodes, null);
    frame = null;
  }

  /** The bytes appended since the last call, and a fresh start (no comma before the next packet). */
  public byte[] takeUtf8() {
    ByteBuffer out = takeUtf8(null);
    return Arrays.copyOf(out.array(), out.limit());
  }

  /**
   * The bytes appended since the last call, in this format's own buffer (no copy: the caller
   * owns it now), and a fresh start that writes into {@code next} (a buffer the caller is done
   * with, or null for a new one).
   */
  public ByteBuffer takeUtf8(byte[] next) {
    ByteBuffer out = ByteBuffer.wrap(buf, 0, len);
    int size = Math.min(buf.length, 1 << 22); // one huge packet does not make every buffer huge
    buf = next != null && next.length >= 1 << 16 ? next : new byte[Math.max(1 << 16, size)];
    len = 0;
    first = true;
    return out;
  }

  static String indexDate(Dissection d) {
    long sec = Math.floorDiv(d.timestampNanos(), 1_000_000_000L);
    return LocalDate.ofInstant(Instant.ofEpochSecond(sec), FieldFormat.zone()).toString();
  }

  private byte[] indexDate(long nanos) {
    long sec = Math.floorDiv(nanos, 1_000_000_000L);
    if (sec != indexSecond || indexBytes == null) {
      indexBytes = LocalDate.ofInstant(Instant.ofEpochSecond(sec), FieldFormat.zone()).toString()
          .getBytes(StandardCharsets.UTF_8);
      indexSecond = sec;
    }
    return indexBytes;
  }

  // ---------- recording ----------

  private void record(Dissection d) {
    nodes = 0;
    newNode(null, 0, 0, 0, null);
    recorder.reset();
    for (int i = 0; i < d.layerCount(); i++) {
      if (d.dissector(i).hiddenInTree(d, i)) {
        continue;
      }
      walk.layer(d, i, recorder, true);
    }
    frame = d.data();
    frameStart = d.frameStart();
  }

  private int newNode(Field f, int off, int length, long num, Object obj) {
    int i = nodes;
    if (i == nodeField.length) {
      int n = i * 2;
      nodeField = Arrays.copyOf(nodeField, n);
      nodeOff = Arrays.copyOf(nodeOff, n);
      nodeLen = Arrays.copyOf(nodeLen, n);
      nodeNum = Arrays.copyOf(nodeNum, n);
      nodeObj = Arrays.copyOf(nodeObj, n);
      firstChild = Arrays.copyOf(firstChild, n);
      lastChild = Arrays.copyOf(lastChild, n);
      nextSibling = Arrays.copyOf(nextSibling, n);
    }
    nodes = i + 1;
    nodeField[i] = f;
    nodeOff[i] = off;
    nodeLen[i] = length;
    nodeNum[i] = num;
    nodeObj[i] = obj;
    firstChild[i] = -1;
    lastChild[i] = -1;
    nextSibling[i] = -1;
    return i;
  }

  /** Collects the walk as {@link NodeBuilder} does: a node per field, children after enter(). */
  private final class Recorder implements FieldVisitor {
    private int[] stack = new int[32];
    private int depth;
    private int last;

    void reset() {
      stack[0] = 0;
      depth = 1;
      last = -1;
    }

    private void add(Field f, int off, int length, long num, Object obj) {
      int i = newNode(f, off, length, num, obj);
      int p = stack[depth - 1];
      if (firstChild[p] < 0) {
        firstChild[p] = i;
      } else {
        nextSibling[lastChild[p]] = i;
      }
      lastChild[p] = i;
      last = i;
    }

    @Override
    public void number(Field f, int offset, int length, long value) {
      add(f, offset, length, value, null);
    }

    @Override
    public void bytes(Field f, int offset, int length) {
      add(f, offset, length, Long.MIN_VALUE, null);
    }

    @Override
    public void object(Field f, int offset, int length, Object value) {
      if (f == null) {
        add(null, offset, length, 0, String.valueOf(value));
      } else {
        add(f, offset, length, 0, value);
      }
    }

    @Override
    public void enter() {
      if (depth == stack.length) {
        stack = Arrays.copyOf(stack, depth * 2);
      }
      // Children of nothing go to a node no list holds, as NodeBuilder drops them.
      stack[depth++] = last < 0 ? newNode(null, 0, 0, 0, null) : last;
    }

    @Override
    public void exit() {
      depth--;
    }

    /**
     * A layer's protocol item is a key whose value JSON never prints: no label for it (the
     * walk asks before making one). Everything below is wanted.
     */
    @Override
    public boolean wants(Field f) {
      return depth > 1 || f.type() != FieldType.PROTOCOL;
    }
  }

  // ---------- writing ----------

  /**
   * Whether an item with children is keyed by its name alone, without a value or a
   * {@code _tree} key: valueless items, {@code _ws.} items, and a protocol's own item inside a
   * layer (the 802.1ah I-Tag under 802.1ad), as tshark writes them.
   */
  static boolean keyedByNameAlone(Field f) {
    FieldType type = f.type();
    if (type == FieldType.NONE) {
      return true;
    }
    if (type != FieldType.PROTOCOL) {
      return false;
    }
    if (f.name().startsWith("_ws.")) {
      return true;
    }
    io.netsift.core.dissect.Dissector d = io.netsift.core.dissect.Protocols.standard().byName(f.name());
    return d != null && d.protocolField() == f;
  }

  /**
   * Writes the children of node {@code p} as one object: field → text, field_tree → children,
   * text line → "" or its children, a key seen before → one array of all its values, at the
   * place of its first occurrence.
   */
  private void writeObject(int p, int indent, boolean layers) {
    int base = entries;
    for (int c = firstChild[p]; c >= 0; c = nextSibling[c]) {
      Field f = nodeField[c];
      if (layers) {
        if (f == null) {
          entry(textKey(c), null, OBJECT, c);
        } else {
          Keys k = keys(f);
          entry(k.name, k.nameBytes, OBJECT, c);
        }
        continue;
      }
      boolean children = firstChild[c] >= 0;
      if (f == null) {
        entry(textKey(c), null, children ? OBJECT : EMPTY, c);
        continue;
      }
      FieldType type = f.type();
      Keys k = keys(f);
      if (keyedByNameAlone(f) && children) {
        // A valueless item's subtree (an expert note, tls.record, cfp.s_hmac) is keyed by its
        // name alone; other protocol items (a TCP option) have a value and a name_tree like any field.
        entry(k.name, k.nameBytes, OBJECT, c);
        continue;
      }
      entry(k.name, k.nameBytes, type == FieldType.NONE ? EMPTY : TEXT, c);
      if (children) {
        entry(k.tree, k.treeBytes, OBJECT, c);
      }
    }
    int end = entries;
    if (end == base) {
      raw("{}");
      return;
    }
    int heads = group(base, end);
    ensure(2);
    buf[len++] = '{';
    buf[len++] = '\n';
    for (int e = base; e < end; e++) {
      if (entryTail[e] < 0) {
        continue; // a repeat, written with its first occurrence
      }
      pad(indent + 2);
      if (entryKeyBytes[e] != null) {
        bytes(entryKeyBytes[e]);
      } else {
        string(entryKey[e]);
        raw(": ");
      }
      if (entryNext[e] < 0) {
        value(e, indent + 2);
      } else {
        raw("[\n");
        for (int r = e; r >= 0; r = entryNext[r]) {
          pad(indent + 4);
          value(r, indent + 4);
          lineEnd(entryNext[r] >= 0);
        }
        pad(indent + 2);
        put((byte) ']');
      }
      lineEnd(--heads > 0);
    }
    pad(indent);
    put((byte) '}');
    entries = base;
  }

  private String textKey(int c) {
    return (String) nodeObj[c];
  }

  private Keys keys(Field f) {
    int id = f.id();
    if (id >= 0 && id < keysById.length) {
      Keys k = keysById[id];
      if (k != null && k.field == f) {
        return k;
      }
    }
    Keys k = keys.get(f);
    if (k == null) {
      // Fields of the same name (eth.padding of eth, vlan and sll) share one key.
      k = keysByName.computeIfAbsent(f.name(), Keys::new);
      keys.put(f, k);
    }
    if (id >= 0 && id < 1 << 16) {
      if (id >= keysById.length) {
        keysById = Arrays.copyOf(keysById, Math.max(id + 1, keysById.length * 2));
      }
      keysById[id] = new Keys(k, f);
    }
    return k;
  }

  private void entry(String key, byte[] keyBytes, int kind, int node) {
    int e = entries;
    if (e == entryKey.length) {
      int n = e * 2;
      entryKey = Arrays.copyOf(entryKey, n);
      entryKeyBytes = Arrays.copyOf(entryKeyBytes, n);
      entryKind = Arrays.copyOf(entryKind, n);
      entryNode = Arrays.copyOf(entryNode, n);
      entryNext = Arrays.copyOf(entryNext, n);
      entryTail = Arrays.copyOf(entryTail, n);
    }
    entries = e + 1;
    entryKey[e] = key;
    entryKeyBytes[e] = keyBytes;
    entryKind[e] = kind;
    entryNode[e] = node;
    entryNext[e] = -1;
  }

  /**
   * Chains the entries {@code [base, end)} of one object by key: the first occurrence keeps
   * its tail in {@code entryTail}, repeats get -1 there. Returns the number of distinct keys.
   */
  private int group(int base, int end) {
    int n = end - base;
    int heads = 0;
    if (n <= 12) {
      for (int e = base; e < end; e++) {
        String key = entryKey[e];
        int h = key.hashCode();
        int first = -1;
        for (int o = base; o < e; o++) {
          if (entryTail[o] >= 0) {
            String other = entryKey[o];
            if (other == key || other.hashCode() == h && other.equals(key)) {
              first = o;
              break;
            }
          }
        }
        heads += link(e, first);
      }
      return heads;
    }
    int size = Integer.highestOneBit(n * 2 - 1) << 1;
    if (slotKey.length < size) {
      slotKey = new String[size];
      slotEntry = new int[size];
    }
    int mask = size - 1;
    for (int e = base; e < end; e++) {
      String key = entryKey[e];
      int s = mix(key.hashCode()) & mask;
      int first = -1;
      while (slotKey[s] != null) {
        if (slotKey[s] == key || slotKey[s].equals(key)) {
          first = slotEntry[s];
          break;
        }
        s = (s + 1) & mask;
      }
      if (first < 0) {
        slotKey[s] = key;
        slotEntry[s] = e;
      }
      heads += link(e, first);
    }
    Arrays.fill(slotKey, 0, size, null); // empty for the next object
    return heads;
  }

  private static int mix(int h) {
    h *= 0x9e3779b9;
    return h ^ (h >>> 16);
  }

  /** Makes entry {@code e} a head (first is -1, returns 1) or appends it to first's chain. */
  private int link(int e, int first) {
    if (first < 0) {
      entryTail[e] = e;
      return 1;
    }
    entryNext[entryTail[first]] = e;
    entryTail[first] = e;
    entryTail[e] = -1;
    return 0;
  }

  private void value(int e, int indent) {
    switch (entryKind[e]) {
      case OBJECT:
        writeObject(entryNode[e], indent, false);
        break;
      case EMPTY:
        raw("\"\"");
        break;
      default:
        text(entryNode[e]);
    }
  }

  /** A field's value as {@code JsonFormat.text(FieldValue)} gives it, quoted. */
  private void text(int c) {
    Field f = nodeField[c];
    FieldType t = f.type();
    Object o = nodeObj[c];
    int off = nodeOff[c];
    int n = nodeLen[c];
    long num = nodeNum[c];
    boolean inFrame = off >= 0 && n >= 0 && off <= frame.length - n;
    if (o == null && (t == FieldType.BYTES || t == FieldType.UINT_BYTES || t == FieldType.PROTOCOL) && n > 0) {
      // JSON prints byte strings with colons between bytes, unlike -T fields.
      if (inFrame) {
        put((byte) '"');
        hexBytes(off, n, true);
        put((byte) '"');
        return;
      }
    } else if (o != null) {
      if (o instanceof String && t != FieldType.PROTOCOL && t != FieldType.NONE) {
        string((String) o);
        return;
      }
    } else if (t != FieldType.NONE && t != FieldType.PROTOCOL) {
      if (t.isBytesValued() || num == Long.MIN_VALUE) {
        if (inFrame && bytesValue(t, off, n)) {
          return;
        }
      } else if (numberValue(f, t, num)) {
        return;
      }
    }
    string(JsonFormat.text(new FieldValue(f, frame, frameStart, off, n, num, o)));
  }

  /** {@code FieldFormat.value(f, frame, off, n)} for the common types; false for the others. */
  private boolean bytesValue(FieldType t, int off, int n) {
    switch (t) {
      case ETHER:
        put((byte) '"');
        hexBytes(off, n, true);
        put((byte) '"');
        return true;
      case IPv4:
        if (n != 4) {
          return false;
        }
        put((byte) '"');
        for (int i = 0; i < 4; i++) {
          if (i > 0) {
            put((byte) '.');
          }
          decimal(frame[off + i] & 0xff);
        }
        put((byte) '"');
        return true;
      case STRING: case STRINGZ: case UINT_STRING:
        printable(off, n);
        return true;
      case BYTES: case UINT_BYTES:
        if (n == 0) {
          raw("\"<none>\"");
        } else {
          put((byte) '"');
          hexBytes(off, n, false);
          put((byte) '"');
        }
        return true;
      case EUI64:
        put((byte) '"');
        hexBytes(off, n, true);
        put((byte) '"');
        return true;
      case IPv6: case NONE: case PROTOCOL:
        return false;
      default:
        put((byte) '"');
        hexBytes(off, n, false);
        put((byte) '"');
        return true;
    }
  }

  /** {@code FieldFormat.value(f, v)} for integers, booleans and times; false for the others. */
  private boolean numberValue(Field f, FieldType t, long v) {
    if (t == FieldType.BOOLEAN) {
      ensure(3);
      buf[len++] = '"';
      buf[len++] = (byte) (v != 0 ? '1' : '0');
      buf[len++] = '"';
      return true;
    }
    if (t == FieldType.ABSOLUTE_TIME) {
      return absolute(f.base(), v);
    }
    if (t == FieldType.RELATIVE_TIME) {
      if (v == Long.MIN_VALUE) {
        return false;
      }
      put((byte) '"');
      if (v < 0) {
        put((byte) '-');
        v = -v;
      }
      decimal(v / 1_000_000_000L);
      put((byte) '.');
      nineDigits(v % 1_000_000_000L);
      put((byte) '"');
      return true;
    }
    boolean signed = t.isSigned();
    if (!signed && (!t.isUnsigned() || t == FieldType.CHAR)) {
      return false;
    }
    Base b = f.base();
    if (b == Base.OCT) {
      return false;
    }
    put((byte) '"');
    if (b == Base.HEX || b == Base.HEX_DEC) {
      hex(v, t.width() * 2);
    } else if (v >= 0) {
      decimal(v);
    } else if (signed && v != Long.MIN_VALUE) {
      put((byte) '-');
      decimal(-v);
    } else {
      raw(signed ? Long.toString(v) : Long.toUnsignedString(v));
    }
    put((byte) '"');
    return true;
  }

  /**
   * An absolute time as {@link FieldFormat#absolute}: seconds since the epoch, or the date, the
   * time of day, the fraction and the zone's name, where date and name are the same all day
   * (FieldFormat makes them once per day and offset from UTC, the rest is digits).
   */
  private boolean absolute(Base display, long nanos) {
    long sec = Math.floorDiv(nanos, 1_000_000_000L);
    long ns = Math.floorMod(nanos, 1_000_000_000L);
    if (display == Base.TIME_UNIX) {
      put((byte) '"');
      if (sec < 0) {
        if (sec == Long.MIN_VALUE) {
          return false;
        }
        put((byte) '-');
      }
      decimal(Math.abs(sec));
      put((byte) '.');
      nineDigits(ns);
      put((byte) '"');
      return true;
    }
    int b = display.ordinal();
    ZoneId z = display == Base.TIME_UTC ? ZoneOffset.UTC : FieldFormat.zone();
    if (sec != timeSecond[b] || z != timeZone[b] || timePrefix[b] == null) {
      int offset = z == ZoneOffset.UTC ? 0 : z.getRules().getOffset(Instant.ofEpochSecond(sec)).getTotalSeconds();
      long local = sec + offset;
      long day = Math.floorDiv(local, 86_400L);
      if (day != timeDay[b] || offset != timeOffset[b] || z != timeZone[b] || timePrefix[b] == null) {
        String whole = FieldFormat.absolute(display, nanos - ns);
        int dot = whole.lastIndexOf('.');
        // "MMM dd, yyyy HH:mm:ss.nnnnnnnnn ZONE": the time of day is the 8 characters before the dot
        if (dot < 8 || whole.charAt(dot - 3) != ':' || whole.charAt(dot - 6) != ':'
            || whole.length() < dot + 10 || !whole.startsWith("000000000", dot + 1)) {
          return false;
        }
        timePrefix[b] = whole.substring(0, dot - 8).getBytes(StandardCharsets.UTF_8);
        timeSuffix[b] = whole.substring(dot + 10).getBytes(StandardCharsets.UTF_8);
        timeDay[b] = day;
        timeOffset[b] = offset;
        timeZone[b] = z;
      }
      timeSecond[b] = sec;
      timeOfDay[b] = (int) Math.floorMod(local, 86_400L);
    }
    put((byte) '"');
    // The prefix and suffix are plain text (a date, a zone name): nothing to escape.
    bytes(timePrefix[b]);
    int t = timeOfDay[b];
    twoDigits(t / 3600);
    put((byte) ':');
    twoDigits(t / 60 % 60);
    put((byte) ':');
    twoDigits(t % 60);
    put((byte) '.');
    nineDigits(ns);
    bytes(timeSuffix[b]);
    put((byte) '"');
    return true;
  }

  private void twoDigits(int v) {
    ensure(2);
    buf[len++] = (byte) ('0' + v / 10);
    buf[len++] = (byte) ('0' + v % 10);
  }

  // ---------- bytes ----------

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private void ensure(int n) {
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
  }

  private void put(byte b) {
    if (len == buf.length) {
      ensure(1);
    }
    buf[len++] = b;
  }

  private void bytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
  }

  /** {@code ,\n} or {@code \n}. */
  private void lineEnd(boolean comma) {
    ensure(2);
    if (comma) {
      buf[len++] = ',';
    }
    buf[len++] = '\n';
  }

  /** ASCII text without anything to escape. */
  private void raw(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[len++] = (byte) s.charAt(i);
    }
  }

  private static final byte[] SPACES = " ".repeat(256).getBytes(StandardCharsets.US_ASCII);

  private void pad(int n) {
    ensure(n);
    if (n <= SPACES.length) {
      System.arraycopy(SPACES, 0, buf, len, n);
      len += n;
      return;
    }
    for (int i = 0; i < n; i++) {
      buf[len++] = ' ';
    }
  }

  /** Two hex digits per byte value. */
  private static final byte[] HEX2 = new byte[512];

  static {
    for (int x = 0; x < 256; x++) {
      HEX2[2 * x] = HEX[x >> 4];
      HEX2[2 * x + 1] = HEX[x & 15];
    }
  }

  private void hexBytes(int off, int n, boolean colons) {
    if (n <= 0) {
      return;
    }
    ensure(n * 3);
    byte[] b = frame;
    byte[] o = buf;
    int p = len;
    int end = off + n;
    if (colons) {
      int x = (b[off] & 0xff) << 1;
      o[p] = HEX2[x];
      o[p + 1] = HEX2[x + 1];
      p += 2;
      for (int i = off + 1; i < end; i++) {
        x = (b[i] & 0xff) << 1;
        o[p] = ':';
        o[p + 1] = HEX2[x];
        o[p + 2] = HEX2[x + 1];
        p += 3;
      }
    } else {
      for (int i = off; i < end; i++) {
        int x = (b[i] & 0xff) << 1;
        o[p] = HEX2[x];
        o[p + 1] = HEX2[x + 1];
        p += 2;
      }
    }
    len = p;
  }

  /** {@code 0x} and at least {@code digits} lower-case hex digits, as FieldFormat.hex. */
  private void hex(long v, int digits) {
    int have = v == 0 ? 1 : (67 - Long.numberOfLeadingZeros(v)) / 4;
    int n = Math.max(have, digits);
    ensure(n + 2);
    buf[len++] = '0';
    buf[len++] = 'x';
    for (int i = n - 1; i >= 0; i--) {
      buf[len++] = i >= 16 ? (byte) '0' : HEX[(int) (v >>> (i * 4)) & 15];
    }
  }

  /** A non-negative number in decimal. */
  private void decimal(long v) {
    ensure(20);
    if (v < 10) {
      buf[len++] = (byte) ('0' + v);
      return;
    }
    if (v <= Integer.MAX_VALUE) {
      decimal((int) v); // int division: C1 calls the runtime for long division
      return;
    }
    int digits = 1;
    for (long p = 10; digits < 19 && v >= p; p *= 10) {
      digits++;
    }
    int end = len + digits;
    for (int i = end - 1; i >= len; i--) {
      buf[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    len = end;
  }

  /** A non-negative int in decimal. */
  private void decimal(int v) {
    ensure(10);
    int digits = 1;
    for (int p = 10; digits < 10 && v >= p; p *= 10) {
      digits++;
    }
    int end = len + digits;
    for (int i = end - 1; i >= len; i--) {
      buf[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    len = end;
  }

  private void nineDigits(long nanos) {
    int v = (int) nanos;
    ensure(9);
    for (int i = len + 8; i >= len; i--) {
      buf[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    len += 9;
  }

  /** Strings.printable of the frame bytes, quoted and escaped for JSON. */
  private void printable(int off, int n) {
    ensure(n * 5 + 2);
    byte[] b = frame;
    buf[len++] = '"';
    for (int i = off; i < off + n; i++) {
      int c = b[i] & 0xff;
      if (c >= 0x20 && c < 0x7f) {
        if (c == '"' || c == '\\') {
          buf[len++] = '\\';
        }
        buf[len++] = (byte) c;
        continue;
      }
      // printable's C escape starts with a backslash, which JSON escapes in turn
      buf[len++] = '\\';
      buf[len++] = '\\';
      switch (c) {
        case '\n': buf[len++] = 'n'; break;
        case '\r': buf[len++] = 'r'; break;
        case '\t': buf[len++] = 't'; break;
        case 0x07: buf[len++] = 'a'; break;
        case 0x08: buf[len++] = 'b'; break;
        case 0x0b: buf[len++] = 'v'; break;
        case 0x0c: buf[len++] = 'f'; break;
        default:
          buf[len++] = 'x';
          buf[len++] = HEX[c >> 4];
          buf[len++] = HEX[c & 15];
      }
    }
    buf[len++] = '"';
  }

  /** A JSON string as {@link Json#string} writes it, in UTF-8 ('?' for a lone surrogate, as String.getBytes). */
  private void string(String s) {
    int n = s.length();
    ensure(n + 2);
    buf[len++] = '"';
    int i = 0;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
        break;
      }
      buf[len++] = (byte) c;
    }
    if (i < n) {
      escaped(s, i);
    }
    put((byte) '"');
  }

  private void escaped(String s, int from) {
    int n = s.length();
    for (int i = from; i < n; i++) {
      char c = s.charAt(i);
      ensure(6);
      if (c >= 0x20 && c < 0x80) {
        if (c == '"' || c == '\\') {
          buf[len++] = '\\';
        }
        buf[len++] = (byte) c;
      } else if (c < 0x20) {
        buf[len++] = '\\';
        switch (c) {
          case '\n': buf[len++] = 'n'; break;
          case '\r': buf[len++] = 'r'; break;
          case '\t': buf[len++] = 't'; break;
          default:
            buf[len++] = 'u';
            buf[len++] = '0';
            buf[len++] = '0';
            buf[len++] = HEX[c >> 4];
            buf[len++] = HEX[c & 15];
        }
      } else if (c < 0x800) {
        buf[len++] = (byte) (0xc0 | c >> 6);
        buf[len++] = (byte) (0x80 | c & 0x3f);
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          int cp = Character.toCodePoint(c, s.charAt(++i));
          buf[len++] = (byte) (0xf0 | cp >> 18);
          buf[len++] = (byte) (0x80 | cp >> 12 & 0x3f);
          buf[len++] = (byte) (0x80 | cp >> 6 & 0x3f);
          buf[len++] = (byte) (0x80 | cp & 0x3f);
        } else {
          buf[len++] = '?';
        }
      } else {
        buf[len++] = (byte) (0xe0 | c >> 12);
        buf[len++] = (byte) (0x80 | c >> 6 & 0x3f);
        buf[len++] = (byte) (0x80 | c & 0x3f);
      }
    }
  }

  /** {@code "key": } in UTF-8. */
  private static byte[] keyBytes(String key) {
    StringBuilder sb = new StringBuilder(key.length() + 4);
    Json.string(sb, key);
    return sb.append(": ").toString().getBytes(StandardCharsets.UTF_8);
  }

  // ---------- shared with EkFormat ----------

  /** JSON prints byte strings with colons between bytes, unlike -T fields. */
  static String text(FieldValue v) {
    FieldType t = v.field().type();
    boolean raw = v.object() == null && (t == FieldType.BYTES || t == FieldType.UINT_BYTES || t == FieldType.PROTOCOL);
    if (raw && v.length() > 0) {
      byte[] b = v.bytes();
      return io.netsift.core.field.Addresses.hex(b, 0, b.length, ':');
    }
    return v.text();
  }

  @SuppressWarnings("unchecked")
  static void merge(Map<String, Object> m, String key, Object value) {
    Object old = m.get(key);
    if (old == null) {
      m.put(key, value);
    } else if (old instanceof Repeated) {
      ((Repeated) old).add(value);
    } else {
      Repeated r = new Repeated();
      r.add(old);
      r.add(value);
      m.put(key, r);
    }
  }

  /** Values of a key that occurred more than once. */
  static final class Repeated extends ArrayList<Object> {}
}

package io.netsift.core.output;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.LeadingFields;
import io.netsift.core.dissect.Walk;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldFormat;
import io.netsift.core.field.FieldRegistry;
import io.netsift.core.field.FieldType;
import io.netsift.core.field.FieldVisitor;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code tshark -T fields}: one line per packet with the values of the requested fields,
 * honouring {@code -E header, separator, occurrence, aggregator, quote, bom} exactly as
 * tshark does. Only the layers that own a requested field are walked.
 */
public final class FieldsFormat {
  /** The {@code -E} options. */
  public static final class Options {
    public boolean header;
    public String separator = "\t";
    /** 0 for all, -1 for last, n for the n-th (tshark's f is 1). */
    public int occurrence;
    public String aggregator = ",";
    public char quote;
    public boolean bom;

    /** Applies one {@code -E key=value} option; throws IllegalArgumentException with tshark's wording. */
    public void set(String keyValue) {
      int eq = keyValue.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("Invalid -E field output option \"" + keyValue + "\" (expected key=value)");
      }
      String k = keyValue.substring(0, eq);
      String v = keyValue.substring(eq + 1);
      switch (k) {
        case "header": header = yes(k, v); break;
        case "bom": bom = yes(k, v); break;
        case "separator": separator = special(v); break;
        case "aggregator": aggregator = special(v); break;
        case "quote":
          if (v.equals("d")) { quote = '"'; } else if (v.equals("s")) { quote = '\''; }
          else if (v.equals("n")) { quote = 0; }
          else { throw new IllegalArgumentException("Invalid -E quote value \"" + v + "\": use d, s or n"); }
          break;
        case "occurrence":
          if (v.equals("f")) { occurrence = 1; } else if (v.equals("l")) { occurrence = -1; }
          else if (v.equals("a")) { occurrence = 0; }
          else {
            try {
              occurrence = Integer.parseInt(v);
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException("Invalid -E occurrence value \"" + v + "\": use f, l, a or a number");
            }
          }
          break;
        default:
          throw new IllegalArgumentException("Invalid -E field output option \"" + k
              + "\": use header, separator, occurrence, aggregator, quote or bom");
      }
    }

    private static boolean yes(String k, String v) {
      if (v.equals("y")) { return true; }
      if (v.equals("n")) { return false; }
      throw new IllegalArgumentException("Invalid -E " + k + " value \"" + v + "\": use y or n");
    }

    private static String special(String v) {
      if (v.equals("/t")) { return "\t"; }
      if (v.equals("/s")) { return " "; }
      return v;
    }
  }

  private final Field[] fields;
  private final int[] slotOf;
  private final boolean[] layerWanted;
  private final boolean[] leadingOnly;
  /**
   * Per dissector id whose layers are read only for leading fields at plain bytes: the
   * requested ones and their {@link LeadingFields#positions}, read straight from the frame
   * (no walk); null where the walk reports them ({@link Walk#leading}).
   */
  private final Field[][] leadingRead;
  private final int[][][] leadingAt;
  private final boolean needColumns;
  private final Options options;
  private final Walk walk = new Walk();
  private final SummaryFormat summary;
  /** Each requested field's text this packet, encoded as it is appended (no strings per value). */
  private final Utf8Buffer[] cells;
  private final int[] counts;
  private final Collector collector = new Collector();
  /** The line, for {@link #append(Dissection, StringBuilder)}. */
  private final Utf8Buffer line = new Utf8Buffer(256);
  /** A value's text on its way into a cell, for the types written without a fast path. */
  private final StringBuilder scratch = new StringBuilder(64);
  private final byte[] separator;
  private final byte[] aggregator;
  private Dissection current;
  private boolean first = true;

  /**
   * @throws IllegalArgumentException naming the unknown fields, like tshark's
   *     "Some fields aren't valid"
   */
  public FieldsFormat(List<String> names, Options options, TimeFormat time, FieldRegistry registry,
      List<Dissector> protocols) {
    this.options = options;
    this.fields = new Field[names.size()];
    this.slotOf = new int[registry.size()];
    java.util.Arrays.fill(slotOf, -1);
    this.summary = new SummaryFormat(time);
    List<String> bad = new ArrayList<>();
    boolean cols = false;
    for (int i = 0; i < names.size(); i++) {
      Field f = registry.get(names.get(i));
      if (f == null) {
        bad.add(names.get(i));
        continue;
      }
      fields[i] = f;
      if (f.name().startsWith("_ws.col.")) {
        cols = true;
      } else if (slotOf[f.id()] >= 0) {
        // The same field twice: both columns get it (handled in Collector via a chain).
        extraSlots.add(new int[] {f.id(), i});
      } else {
        slotOf[f.id()] = i;
      }
    }
    if (!bad.isEmpty()) {
      throw new IllegalArgumentException("Some fields aren't valid:\n\t" + String.join("\n\t", bad));
    }
    this.layerWanted = FieldExtractor.wantedLayers(java.util.Arrays.asList(fields), registry,
        protocols.size());
    // Layers whose requested fields all lie in the fixed header the dissector reports first.
    this.leadingOnly = new boolean[layerWanted.length];
    boolean[] other = new boolean[layerWanted.length];
    boolean everyLayer = false;
    for (Field f : fields) {
      if (f.name().startsWith("_ws.col.")) {
        continue;
      }
      List<Dissector> owners = registry.dissectorsOf(f);
      everyLayer |= owners.isEmpty() || f.name().startsWith("_ws.");
      for (Dissector owner : owners) {
        if (owner.leadingFields().contains(f)) {
          leadingOnly[owner.id()] = true;
        } else {
          other[owner.id()] = true;
        }
      }
    }
    for (int i = 0; i < leadingOnly.length; i++) {
      leadingOnly[i] &= !other[i] && !everyLayer;
    }
    this.leadingRead = new Field[leadingOnly.length][];
    this.leadingAt = new int[leadingOnly.length][][];
    for (Dissector p : protocols) {
      int id = p.id();
      if (id < 0 || id >= leadingOnly.length || !leadingOnly[id]) {
        continue;
      }
      List<Field> asked = new ArrayList<>();
      List<int[]> at = new ArrayList<>();
      for (Field f : p.leadingFields()) {
        if (slotOf[f.id()] >= 0) {
          asked.add(f);
          at.add(p.leadingLayout().positions(f));
        }
      }
      if (!at.contains(null)) {
        leadingRead[id] = asked.toArray(new Field[0]);
        leadingAt[id] = at.toArray(new int[0][]);
      }
    }
    this.needColumns = cols;
    this.cells = new Utf8Buffer[fields.length];
    this.counts = new int[fields.length];
    for (int i = 0; i < cells.length; i++) {
      cells[i] = new Utf8Buffer(32);
    }
    this.extra = extraSlots.toArray(new int[0][]);
    this.separator = options.separator.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    this.aggregator = options.aggregator.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private final List<int[]> extraSlots = new ArrayList<>();
  /** {@link #extraSlots} as an array: no iterator per value emitted. */
  private final int[][] extra;

  /** The header line (field names joined by the separator), or null when not asked for. */
  public String header() {
    if (!options.header) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        sb.append(options.separator);
      }
      sb.append(quoted(fields[i].name()));
    }
    return sb.toString();
  }

  private String quoted(String s) {
    return options.quote == 0 ? s : options.quote + s + options.quote;
  }

  /** Appends the line for {@code d} (with a trailing newline) to {@code out}. */
  public void append(Dissection d, StringBuilder out) {
    line.clear();
    append(d, line);
    out.append(line.toString());
  }

  /** Appends the line for {@code d} (with a trailing newline) to {@code out}, encoded as UTF-8. */
  public void append(Dissection d, Utf8Buffer out) {
    if (first) {
      first = false;
      if (options.bom) {
        out.append("\uFEFF");
      }
    }
    current = d;
    for (int i = 0; i < cells.length; i++) {
      cells[i].clear();
      counts[i] = 0;
    }
    for (int i = 0; i < d.layerCount(); i++) {
      int id = d.dissector(i).id();
      if (leadingRead[id] != null) {
        leading(d, i, leadingRead[id], leadingAt[id]);
      } else if (leadingOnly[id]) {
        walk.leading(d, i, collector);
      } else if (layerWanted[id]) {
        walk.layer(d, i, collector, true);
      }
    }
    if (needColumns) {
      Columns c = summary.columns(d);
      for (int i = 0; i < fields.length; i++) {
        String n = fields[i].name();
        if (n.startsWith("_ws.col.")) {
          put(i, column(c, n));
        }
      }
    }
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        out.bytes(separator);
      }
      if (options.quote != 0 && counts[i] > 0) {
        out.ascii(options.quote).append(cells[i]).ascii(options.quote);
      } else {
        out.append(cells[i]);
      }
    }
    out.ascii('\n');
  }

  /**
   * Layer {@code i}'s leading fields, loaded from the frame's bytes in the walk's order and with
   * its truncation rule (an occurrence past the layer's end, and every one after it, is
   * missing), as the filter's {@code LeadingCompare} reads them.
   */
  private void leading(Dissection d, int i, Field[] asked, int[][] at) {
    byte[] b = d.data();
    int start = d.start(i);
    int limit = d.end(i);
    for (int f = 0; f < asked.length; f++) {
      int[] p = at[f];
      for (int k = 0; k < p.length; k += 3) {
        long v = LeadingFields.load(p, k, b, start, limit);
        if (v < 0) {
          break;
        }
        emitNumber(asked[f], v);
      }
    }
  }

  private static String column(Columns c, String name) {
    switch (name) {
      case "_ws.col.No.": return Long.toString(c.number);
      case "_ws.col.Time": return c.time;
      case "_ws.col.Source": return c.source;
      case "_ws.col.Destination": return c.destination;
      case "_ws.col.Protocol": return c.protocol;
      case "_ws.col.Length": return Long.toString(c.length);
      case "_ws.col.Info": return c.info();
      default: return "";
    }
  }

  /** Counts one more occurrence in {@code slot}; true when its text is to be appended now. */
  private boolean open(int slot) {
    int n = ++counts[slot];
    int occ = options.occurrence;
    if (occ == 0) {
      if (n > 1) {
        cells[slot].bytes(aggregator);
      }
      return true;
    }
    if (occ == -1 || occ == n) {
      cells[slot].clear();
      return true;
    }
    return false;
  }

  private void put(int slot, String text) {
    if (open(slot)) {
      cells[slot].append(text);
    }
  }

  private void emit(Field f, String text) {
    int slot = slotOf[f.id()];
    if (slot < 0) {
      return;
    }
    put(slot, text);
    for (int[] e : extra) {
      if (e[0] == f.id()) {
        put(e[1], text);
      }
    }
  }

  private void emitNumber(Field f, long value) {
    int slot = slotOf[f.id()];
    if (open(slot)) {
      number(cells[slot], f, value);
    }
    for (int[] e : extra) {
      if (e[0] == f.id() && open(e[1])) {
        number(cells[e[1]], f, value);
      }
    }
  }

  /** {@link FieldFormat#appendValue(StringBuilder, Field, long)}'s text, decimals written directly. */
  private void number(Utf8Buffer cell, Field f, long value) {
    if (FieldFormat.plainDecimal(f)) {
      cell.append(value);
    } else {
      scratch.setLength(0);
      FieldFormat.appendValue(scratch, f, value);
      cell.append(scratch);
    }
  }

  private void emitBytes(Field f, int offset, int length) {
    int slot = slotOf[f.id()];
    if (open(slot)) {
      bytes(cells[slot], f, offset, length);
    }
    for (int[] e : extra) {
      if (e[0] == f.id() && open(e[1])) {
        bytes(cells[e[1]], f, offset, length);
      }
    }
  }

  /** {@link FieldFormat#appendValue(StringBuilder, Field, byte[], int, int)}'s text, IPv4 written directly. */
  private void bytes(Utf8Buffer cell, Field f, int offset, int length) {
    if (f.type() == FieldType.IPv4 && length == 4) {
      cell.ipv4(current.data(), offset);
    } else {
      scratch.setLength(0);
      FieldFormat.appendValue(scratch, f, current.data(), offset, length);
      cell.append(scratch);
    }
  }

  private final class Collector implements FieldVisitor {
    @Override
    public void number(Field f, int offset, int length, long value) {
      if (f.id() >= 0 && slotOf[f.id()] >= 0) {
        emitNumber(f, value);
      }
    }

    @Override
    public void bytes(Field f, int offset, int length) {
      if (f.id() >= 0 && slotOf[f.id()] >= 0) {
        emitBytes(f, offset, length);
      }
    }

    @Override
    public void object(Field f, int offset, int length, Object value) {
      if (f != null && f.id() >= 0 && slotOf[f.id()] >= 0) {
        // A protocol item with no text of its own (a TCP option) prints as the hex of its bytes.
        emit(f, value == null && f.type() == FieldType.PROTOCOL
            ? io.netsift.core.field.Addresses.hex(current.data(), offset, length)
            : FieldFormat.value(f, value));
      }
    }

    /** The last array {@link #wantsAny} was asked about, and the answer (the fields are fixed). */
    private Field[] group;
    private boolean groupWanted;

    @Override
    public boolean wants(Field f) {
      return f.id() >= 0 && slotOf[f.id()] >= 0;
    }

    @Override
    public boolean wantsAny(Field[] fields) {
      if (fields != group) {
        groupWanted = FieldVisitor.super.wantsAny(fields);
        group = fields;
      }
      return groupWanted;
    }
  }
}

package io.netsift.core.output;

import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Walk;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldFormat;
import io.netsift.core.field.FieldRegistry;
import io.netsift.core.field.FieldType;
import io.netsift.core.field.FieldVisitor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Typed values of requested fields, per packet: what {@link FieldsFormat} prints as text,
 * kept as longs, doubles, booleans and strings for a table (the Spark data source). Every
 * occurrence is kept in order, as {@code -E occurrence=a} prints them; like FieldsFormat it
 * walks only the layers of protocols that own a requested field.
 */
public final class FieldExtractor {
  /** The value type of a field's column. */
  public enum Kind {
    /** Integers, frame numbers and characters. */
    LONG,
    /** Floating-point values, and times in seconds (absolute ones since the epoch). */
    DOUBLE,
    BOOLEAN,
    /** Addresses, strings, bytes (as tshark's text) and everything else. */
    STRING;

    /** The kind of {@code f}'s values. */
    public static Kind of(Field f) {
      switch (f.type()) {
        case UINT8: case UINT16: case UINT24: case UINT32: case UINT40: case UINT48: case UINT56:
        case UINT64: case INT8: case INT16: case INT24: case INT32: case INT40: case INT48:
        case INT56: case INT64: case FRAMENUM: case CHAR:
          return LONG;
        case FLOAT: case DOUBLE: case ABSOLUTE_TIME: case RELATIVE_TIME:
          return DOUBLE;
        case BOOLEAN:
          return BOOLEAN;
        default:
          return STRING;
      }
    }
  }

  private final Field[] fields;
  private final Kind[] kinds;
  private final int[] slotOf;
  private final boolean[] layerWanted;
  private final Walk walk = new Walk();
  private final List<List<Object>> values = new ArrayList<>();
  private final Collector collector = new Collector();
  private Dissection current;

  /**
   * @throws IllegalArgumentException naming the unknown fields
   */
  public FieldExtractor(List<String> names, FieldRegistry registry, List<Dissector> protocols) {
    fields = new Field[names.size()];
    kinds = new Kind[names.size()];
    slotOf = new int[registry.size()];
    Arrays.fill(slotOf, -1);
    List<String> bad = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      Field f = registry.get(names.get(i));
      if (f == null || f.name().startsWith("_ws.col.")) {
        bad.add(names.get(i));
        continue;
      }
      if (slotOf[f.id()] >= 0) {
        throw new IllegalArgumentException("field " + f.name() + " requested twice");
      }
      fields[i] = f;
      kinds[i] = Kind.of(f);
      slotOf[f.id()] = i;
      values.add(new ArrayList<>());
    }
    if (!bad.isEmpty()) {
      throw new IllegalArgumentException("Some fields aren't valid:\n\t" + String.join("\n\t", bad));
    }
    layerWanted = wantedLayers(Arrays.asList(fields), registry, protocols.size());
  }

  /**
   * Which protocols' layers must be walked to see {@code fields}: their owners, or all
   * layers for fields no protocol owns and for expert items.
   */
  static boolean[] wantedLayers(List<Field> fields, FieldRegistry registry, int protocols) {
    boolean[] wanted = new boolean[protocols];
    for (Field f : fields) {
      if (f == null) {
        continue;
      }
      List<Dissector> owners = registry.dissectorsOf(f);
      for (Dissector owner : owners) {
        wanted[owner.id()] = true;
      }
      if (owners.isEmpty() && !f.name().startsWith("_ws.col.")) {
        Arrays.fill(wanted, true);
      } else if (f.name().startsWith("_ws.expert") || f.name().equals("_ws.malformed")) {
        Arrays.fill(wanted, true);
      }
    }
    return wanted;
  }

  /** The requested fields, in order. */
  public List<Field> fields() {
    return List.of(fields);
  }

  /** The kind of field {@code i}. */
  public Kind kind(int i) {
    return kinds[i];
  }

  /** Collects the values of {@code d}; read them with {@link #values(int)}. */
  public void extract(Dissection d) {
    current = d;
    for (List<Object> v : values) {
      v.clear();
    }
    for (int i = 0; i < d.layerCount(); i++) {
      if (layerWanted[d.dissector(i).id()]) {
        walk.layer(d, i, collector, true);
      }
    }
  }

  /** Values of field {@code i} in the last packet (Long, Double, Boolean or String), in order. */
  public List<Object> values(int i) {
    return values.get(i);
  }

  /**
   * True if {@code value}, one of this extractor's values of a field of kind {@code kind},
   * is what the {@code -T fields} text {@code text} says (doubles to their precision).
   */
  public static boolean sameValue(Kind kind, String text, Object value) {
    Object want = parse(kind, text);
    if (want instanceof Double && value instanceof Double) {
      double a = (Double) want;
      double b = (Double) value;
      return Math.abs(a - b) <= 4 * Math.ulp(Math.max(Math.abs(a), Math.abs(b))) + 1e-9;
    }
    return want != null && want.equals(value);
  }

  private Object typed(int slot, Field f, long v) {
    switch (kinds[slot]) {
      case LONG: return v;
      case BOOLEAN: return v != 0;
      case DOUBLE:
        return f.type() == FieldType.ABSOLUTE_TIME || f.type() == FieldType.RELATIVE_TIME
            ? v / 1e9 : (double) v;
      default: return FieldFormat.value(f, v);
    }
  }

  private Object typed(int slot, Field f, String text) {
    return parse(kinds[slot], text);
  }

  /**
   * The value of {@code -T fields} text {@code text} as a field of kind {@code kind} holds
   * it (hex integers too), or null when the text has no such form.
   */
  public static Object parse(Kind kind, String text) {
    try {
      switch (kind) {
        case LONG:
          return text.startsWith("0x") ? Long.parseUnsignedLong(text.substring(2), 16)
              : Long.parseLong(text);
        case DOUBLE: return Double.parseDouble(text);
        case BOOLEAN: return !text.equals("0") && !text.equals("False") && !text.isEmpty();
        default: return text;
      }
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      return null; // a value with no number form (text where a number was declared)
    }
  }

  private void add(Field f, Object v) {
    if (v != null) {
      values.get(slotOf[f.id()]).add(v);
    }
  }

  private final class Collector implements FieldVisitor {
    @Override
    public void number(Field f, int offset, int length, long value) {
      if (wants(f)) {
        add(f, typed(slotOf[f.id()], f, value));
      }
    }

    @Override
    public void bytes(Field f, int offset, int length) {
      if (wants(f)) {
        add(f, typed(slotOf[f.id()], f,
            FieldFormat.value(f, current.data(), offset, length)));
      }
    }

    @Override
    public void object(Field f, int offset, int length, Object value) {
      if (f == null || !wants(f)) {
        return;
      }
      int slot = slotOf[f.id()];
      if (value instanceof Number && kinds[slot] != Kind.STRING) {
        Number n = (Number) value;
        add(f, kinds[slot] == Kind.DOUBLE ? (Object) n.doubleValue()
            : kinds[slot] == Kind.LONG ? (Object) n.longValue() : (Object) (n.longValue() != 0));
        return;
      }
      add(f, typed(slot, f, value == null && f.type() == FieldType.PROTOCOL
          ? io.netsift.core.field.Addresses.hex(current.data(), offset, length)
          : FieldFormat.value(f, value)));
    }

    @Override
    public boolean wants(Field f) {
      return f.id() >= 0 && slotOf[f.id()] >= 0;
    }
  }
}

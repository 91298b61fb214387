package io.netsift.core;

import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Walk;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldValue;
import io.netsift.core.field.ValueCollector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One protocol layer of a {@link Packet}, like pyshark's {@code packet.ip}: field values by
 * short name ({@code get("src")}) or full name ({@code get("ip.src")}), typed
 * ({@link #value}) or as tshark prints them. Values are read from the bytes on demand.
 */
public final class Layer {
  private final Dissection d;
  private final int index;
  private List<FieldValue> cache;

  Layer(Dissection d, int index) {
    this.d = d;
    this.index = index;
  }

  /** Filter name of the protocol ({@code ip}, {@code tcp}). */
  public String name() {
    return d.dissector(index).name();
  }

  /** Wireshark's long name ({@code Internet Protocol Version 4}). */
  public String longName() {
    return d.dissector(index).longName();
  }

  /** Position of this layer in the packet (0 is the frame pseudo-layer). */
  public int index() {
    return index;
  }

  /** Offset of the layer's first byte from the start of the frame. */
  public int offset() {
    return d.start(index) - d.frameStart();
  }

  /** Bytes of the layer, payload included. */
  public int length() {
    return d.end(index) - d.start(index);
  }

  /** The layer's bytes (payload included). */
  public byte[] bytes() {
    return Arrays.copyOfRange(d.data(), d.start(index), d.end(index));
  }

  /** Every field occurrence of this layer in tree order. */
  public List<FieldValue> values() {
    if (cache == null) {
      ValueCollector c = new ValueCollector(f -> true, d.data(), d.frameStart());
      new Walk().layer(d, index, c, false);
      cache = c.values();
    }
    return cache;
  }

  /** Names of the fields present, in tree order, without repeats. */
  public List<String> fieldNames() {
    Set<String> names = new LinkedHashSet<>();
    for (FieldValue v : values()) {
      names.add(v.name());
    }
    return new ArrayList<>(names);
  }

  private String qualify(String name) {
    String p = name();
    return name.equals(p) || name.startsWith(p + ".") || name.startsWith("_ws.") ? name : p + "." + name;
  }

  /** The first occurrence of a field ({@code "src"} or {@code "ip.src"}), or null. */
  public FieldValue value(String name) {
    String full = qualify(name);
    for (FieldValue v : values()) {
      if (v.name().equals(full)) {
        return v;
      }
    }
    return null;
  }

  /** All occurrences of a field in this layer. */
  public List<FieldValue> values(String name) {
    String full = qualify(name);
    List<FieldValue> out = new ArrayList<>();
    for (FieldValue v : values()) {
      if (v.name().equals(full)) {
        out.add(v);
      }
    }
    return out;
  }

  /** The first occurrence as tshark's {@code -T fields} prints it, or null. */
  public String get(String name) {
    FieldValue v = value(name);
    return v == null ? null : v.text();
  }

  /** Every occurrence as text. */
  public List<String> getAll(String name) {
    List<String> out = new ArrayList<>();
    for (FieldValue v : values(name)) {
      out.add(v.text());
    }
    return out;
  }

  public boolean has(String name) {
    return value(name) != null;
  }

  /** The tree line of the first occurrence ({@code "Source Address: 10.0.0.1"}), or null. */
  public String showname(String name) {
    FieldValue v = value(name);
    return v == null ? null : v.showname();
  }

  /** The field definition behind a name, or null. */
  public static Field field(String fullName) {
    return io.netsift.core.field.FieldRegistry.standard().get(fullName);
  }

  @Override
  public String toString() {
    return "Layer " + name().toUpperCase(java.util.Locale.ROOT);
  }
}

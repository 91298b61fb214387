package io.netsift.core.field;

import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Walk;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every field netsift knows, each registered once with its Wireshark filter name. The field
 * outputs, the filter compiler, JSON, the REST API and {@code netsift fields} all read this
 * one table. Built from the dissectors' declared fields plus the {@code _ws.*} pseudo-fields.
 */
public final class FieldRegistry {
  /** The summary columns as tshark's {@code _ws.col.*} pseudo-fields, in column order. */
  public static final List<Field> COLUMNS = List.of(
      Field.string("_ws.col.No.", "No."),
      Field.string("_ws.col.Time", "Time"),
      Field.string("_ws.col.Source", "Source"),
      Field.string("_ws.col.Destination", "Destination"),
      Field.string("_ws.col.Protocol", "Protocol"),
      Field.string("_ws.col.Length", "Length"),
      Field.string("_ws.col.Info", "Info"));

  private static volatile FieldRegistry standard;

  private final List<Field> fields = new ArrayList<>();
  private final Map<String, Field> byName = new LinkedHashMap<>();
  private final Map<String, Dissector> protocolOf = new LinkedHashMap<>();

  private FieldRegistry(Protocols protocols) {
    for (Dissector d : protocols.all()) {
      for (Field f : d.declaredFields()) {
        add(f);
        protocolOf.put(f.name(), d);
      }
    }
    add(Walk.EXPERT);
    add(Walk.EXPERT_MESSAGE);
    add(Walk.EXPERT_SEVERITY);
    add(Walk.EXPERT_GROUP);
    for (Field c : COLUMNS) {
      add(c);
    }
  }

  /** The registry of the standard protocols. */
  public static FieldRegistry standard() {
    FieldRegistry r = standard;
    if (r == null) {
      synchronized (FieldRegistry.class) {
        r = standard;
        if (r == null) {
          r = new FieldRegistry(Protocols.standard());
          standard = r;
        }
      }
    }
    return r;
  }

  private void add(Field f) {
    Field old = byName.get(f.name());
    if (old != null) {
      // Wireshark allows one name for several declarations (same meaning, other place).
      if (old.type() != f.type()) {
        throw new IllegalStateException("field " + f.name() + " registered with two types");
      }
      f.id = old.id;
      return;
    }
    f.id = fields.size();
    fields.add(f);
    byName.put(f.name(), f);
  }

  /** The field with this filter name, or null. */
  public Field get(String name) {
    return byName.get(name);
  }

  /** All fields in registration order (protocol items first in each protocol). */
  public List<Field> all() {
    return Collections.unmodifiableList(fields);
  }

  /** The dissector that declares the field, or null for {@code _ws.*} pseudo-fields. */
  public Dissector dissectorOf(Field f) {
    return protocolOf.get(f.name());
  }

  public int size() {
    return fields.size();
  }
}

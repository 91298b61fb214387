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
  private final Map<String, List<Dissector>> protocolOf = new LinkedHashMap<>();

  private FieldRegistry(Protocols protocols) {
    for (Dissector d : protocols.all()) {
      for (Field f : d.declaredFields()) {
        add(f);
        List<Dissector> owners = protocolOf.computeIfAbsent(f.name(), k -> new ArrayList<>());
        if (!owners.contains(d)) {
          owners.add(d);
        }
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
      // Wireshark allows one name for several declarations (eth.padding from eth, vlan and
      // sll; llc.control.ftype as 8 and 16 bits): they share the id, the first one's type is
      // the name's type for filters, and each declaration prints with its own type.
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

  /** The first dissector that declares the field, or null for {@code _ws.*} pseudo-fields. */
  public Dissector dissectorOf(Field f) {
    List<Dissector> owners = protocolOf.get(f.name());
    return owners == null ? null : owners.get(0);
  }

  /** Every dissector that declares a field of this name (several for shared names). */
  public List<Dissector> dissectorsOf(Field f) {
    return protocolOf.getOrDefault(f.name(), List.of());
  }

  public int size() {
    return fields.size();
  }
}

package io.netsift.core.filter;

import io.netsift.core.dissect.Dissector;
import io.netsift.core.field.Field;
import java.util.List;

/**
 * Everything a compiled filter needs at run time, immutable and shared by all threads: the
 * test tree, the fields it reads (one slot each) with the protocols whose layers can hold
 * them, and how many scratch buffers and matchers an evaluation uses.
 */
final class Program {
  /** A field the filter reads, and where its values can come from. */
  static final class Slot {
    final int index;
    final Field field;
    /** For a protocol's own field ({@code ip}): its layers, read from the layer table. */
    final Dissector layerProtocol;
    /** Dissector ids whose layers may report the field; null when any layer may. */
    final boolean[] candidates;

    Slot(int index, Field field, Dissector layerProtocol, boolean[] candidates) {
      this.index = index;
      this.field = field;
      this.layerProtocol = layerProtocol;
      this.candidates = candidates;
    }

    /** Per dissector id: 0 not yet asked, 1 the field is one of its leading fields, 2 not. */
    private volatile byte[] leading = new byte[0];

    /** Whether {@code d} reports this field among its {@link Dissector#leadingFields}. */
    boolean leading(Dissector d) {
      int id = d.id();
      byte[] l = leading;
      if (id < 0) {
        return false;
      }
      if (id >= l.length || l[id] == 0) {
        // Racing threads compute the same answer; the array only grows.
        byte[] n = java.util.Arrays.copyOf(l, Math.max(l.length, id + 1));
        n[id] = (byte) (d.leadingFields().contains(field) ? 1 : 2);
        leading = n;
        return n[id] == 1;
      }
      return l[id] == 1;
    }

    boolean candidate(Dissector d) {
      if (candidates == null) {
        return true;
      }
      int id = d.id();
      return id >= 0 && id < candidates.length && candidates[id];
    }
  }

  final String filter;
  final Ir.Test root;
  final List<Slot> slots;
  /** Slot of each registry field id, or -1. */
  final int[] slotOfFieldId;
  final int temps;
  final int matchers;
  /** Fields and protocols the filter names, in order of first use. */
  final List<String> names;

  Program(String filter, Ir.Test root, List<Slot> slots, int[] slotOfFieldId, int temps, int matchers,
      List<String> names) {
    this.filter = filter;
    this.root = root;
    this.names = List.copyOf(names);
    this.slots = List.copyOf(slots);
    this.slotOfFieldId = slotOfFieldId;
    this.temps = temps;
    this.matchers = matchers;
  }
}

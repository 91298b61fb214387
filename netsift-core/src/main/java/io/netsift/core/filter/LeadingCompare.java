package io.netsift.core.filter;

import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.LeadingFields;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.field.Field;
import java.util.List;

/**
 * {@code tcp.port == 80} (also {@code !=}) read straight from the frame: when every protocol that
 * can report the field has it among its {@link LeadingFields} at fixed bytes, the comparison
 * loads those bytes from each such layer and compares, without filling the field's slot. It
 * gives exactly the {@link Ir.Relation} it replaces (whose plan line it shows): the same layers
 * in the same order, the same truncation rule (an occurrence past the layer's end, and every
 * one after it, is missing).
 */
final class LeadingCompare extends Ir.Test {
  private final Ir.Relation relation;
  private final boolean equal;
  private final long value;
  /** Per dissector id: {@link LeadingFields#positions} of the field in that dissector's layers, or null. */
  private final int[][] positions;

  private LeadingCompare(Ir.Relation relation, long value, int[][] positions) {
    this.relation = relation;
    this.equal = relation.op == CompareOp.ANY_EQ;
    this.value = value;
    this.positions = positions;
  }

  /** The fast form of {@code r}, or {@code r} itself when its field is not at fixed bytes. */
  static Ir.Test of(Ir.Relation r, Program.Slot slot, Protocols protocols) {
    // "any ==" and "all !=" only: the modifiers "all ==" and "any !=" keep the general form.
    boolean anyEqual = r.op == CompareOp.ANY_EQ && !r.all;
    boolean allDiffer = r.op == CompareOp.ALL_NE && r.all;
    if (!(anyEqual || allDiffer) || !(r.left instanceof Ir.FieldRef)
        || !(r.right instanceof Ir.Const) || r.rep != Ftypes.Rep.UINT) {
      return r;
    }
    Ir.FieldRef ref = (Ir.FieldRef) r.left;
    Values c = ((Ir.Const) r.right).v;
    Field f = ref.field;
    if (ref.layers != null || ref.raw || c.size != 1 || slot.candidates == null || slot.layerProtocol != null
        || !f.type().isUnsigned()) {
      return r;
    }
    int[][] at = new int[slot.candidates.length][];
    for (Dissector d : protocols.all()) {
      int id = d.id();
      if (id < 0 || id >= at.length || !slot.candidates[id]) {
        continue;
      }
      LeadingFields l = d.leadingLayout();
      at[id] = l == null ? null : l.positions(f);
      if (at[id] == null) {
        return r;
      }
    }
    return new LeadingCompare(r, c.num[0], at);
  }

  @Override
  boolean test(Scratch s) {
    Dissection d = s.dissection();
    byte[] b = d.data();
    boolean any = false;
    int n = d.layerCount();
    for (int i = 0; i < n; i++) {
      int id = d.dissector(i).id();
      int[] at = id >= 0 && id < positions.length ? positions[id] : null;
      if (at == null) {
        continue;
      }
      int start = d.start(i);
      int limit = d.end(i);
      for (int k = 0; k < at.length; k += 3) {
        long v = LeadingFields.load(at, k, b, start, limit);
        if (v < 0) {
          break;
        }
        if (v == value) {
          return equal;
        }
        any = true;
      }
    }
    return !equal && any;
  }

  @Override
  String describe() {
    return relation.describe();
  }

  @Override
  List<Ir.Expr> exprs() {
    return relation.exprs();
  }
}

package io.netsift.core.filter;

import com.google.re2j.Pattern;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import io.netsift.core.filter.Ftypes.Rep;
import java.util.List;

/**
 * The compiled form of a filter: immutable trees of {@link Test}s (yes/no) over
 * {@link Expr}s (lists of values), evaluated against the per-thread {@link Scratch} of one
 * packet. An {@code Expr} returns null when a field it reads is absent, which makes the
 * enclosing relation false: in Wireshark a field in an expression implies that it exists.
 * Derived values (slices, arithmetic, function results) may be empty lists instead, for which
 * "all" relations hold vacuously, as in tshark ({@code frame[5000:1] != 00} matches).
 */
final class Ir {
  private Ir() {}

  // =====================================================================================
  // Values
  // =====================================================================================

  abstract static class Expr {
    final FieldType type;
    /** Where the expression is in the filter, for messages. */
    final int start;
    final int end;

    Expr(FieldType type, int start, int end) {
      this.type = type;
      this.start = start;
      this.end = end;
    }

    /** The values of this expression in the current packet, or null if a field it needs is absent. */
    abstract Values eval(Scratch s);

    /** One line of the plan: what this expression is. */
    abstract String describe();

    /** Sub-expressions, for the plan. */
    List<Expr> children() {
      return List.of();
    }

    Rep rep() {
      return Ftypes.rep(type);
    }
  }

  /** A constant: a literal converted to the type it is compared with. */
  static final class Const extends Expr {
    final Values v;
    final String text;

    Const(FieldType type, Values v, String text, int start, int end) {
      super(type, start, end);
      this.v = v;
      this.text = text;
    }

    @Override
    Values eval(Scratch s) {
      return v;
    }

    @Override
    String describe() {
      return "FVALUE(" + text + " <" + type.tsharkName() + ">)";
    }
  }

  /**
   * A field, optionally restricted to layers ({@code ip.src#2}) or read raw ({@code @f}). The
   * values come from the scratch's slot for the field, filled once per packet.
   */
  static final class FieldRef extends Expr {
    final Field field;
    final int slot;
    final List<Ast.Range> layers;
    final boolean raw;
    final int temp;

    FieldRef(Field field, int slot, List<Ast.Range> layers, boolean raw, int temp, int start, int end) {
      super(raw ? FieldType.BYTES : field.type(), start, end);
      this.field = field;
      this.slot = slot;
      this.layers = layers;
      this.raw = raw;
      this.temp = temp;
    }

    @Override
    Values eval(Scratch s) {
      Values all = s.field(slot);
      if (layers == null && !raw) {
        return all.size == 0 ? null : all;
      }
      Values t = s.temp(temp);
      t.clear();
      for (int k = 0; k < all.size; k++) {
        if (layers != null && !inLayers(all.layer[k])) {
          continue;
        }
        if (raw) {
          int i = t.addBytes(s.data(), all.rawOff[k], all.rawLen[k]);
          t.layer[i] = all.layer[k];
        } else {
          t.copy(all, k);
        }
      }
      return t.size == 0 ? null : t;
    }

    private boolean inLayers(int n) {
      // Indexed loop: an iterator here would be an allocation per packet.
      for (int i = 0; i < layers.size(); i++) {
        if (layers.get(i).containsLayer(n)) {
          return true;
        }
      }
      return false;
    }

    /** The field's own name with the layer and raw decorations, as written. */
    String display() {
      StringBuilder sb = new StringBuilder();
      if (raw) {
        sb.append('@');
      }
      sb.append(field.name());
      if (layers != null) {
        sb.append('#');
        if (layers.size() == 1 && layers.get(0).end() == Ast.Range.End.LENGTH && layers.get(0).upper() == 1) {
          sb.append(layers.get(0).lower());
        } else {
          sb.append(layers);
        }
      }
      return sb.toString();
    }

    @Override
    String describe() {
      return "FIELD(" + display() + " <" + field.type().tsharkName() + ">)";
    }
  }

  /** {@code base[ranges]}: byte slices of each value; values a range does not fit are dropped. */
  static final class Slice extends Expr {
    final Expr base;
    final List<Ast.Range> ranges;
    final int temp;

    Slice(Expr base, List<Ast.Range> ranges, int temp, int start, int end) {
      super(FieldType.BYTES, start, end);
      this.base = base;
      this.ranges = ranges;
      this.temp = temp;
    }

    @Override
    Values eval(Scratch s) {
      Values b = base.eval(s);
      if (b == null) {
        return null;
      }
      Values t = s.temp(temp);
      t.clear();
      next:
      for (int k = 0; k < b.size; k++) {
        int n = b.len[k];
        if (ranges.size() == 1) {
          long r = ranges.get(0).resolve(n);
          if (r >= 0) {
            t.addBytes(b.arr[k], b.off[k] + (int) (r >>> 32), (int) r);
          }
          continue;
        }
        int total = 0;
        for (Ast.Range range : ranges) {
          long r = range.resolve(n);
          if (r < 0) {
            continue next;
          }
          total += (int) r;
        }
        byte[] cat = new byte[total];
        int p = 0;
        for (Ast.Range range : ranges) {
          long r = range.resolve(n);
          System.arraycopy(b.arr[k], b.off[k] + (int) (r >>> 32), cat, p, (int) r);
          p += (int) r;
        }
        t.addBytes(cat, 0, total);
      }
      return t;
    }

    @Override
    String describe() {
      return "SLICE" + ranges;
    }

    @Override
    List<Expr> children() {
      return List.of(base);
    }
  }

  /** A value seen as its bytes (an IPv4 address compared with a slice, for instance). */
  static final class AsBytes extends Expr {
    final Expr base;
    final int temp;

    AsBytes(Expr base, int temp) {
      super(FieldType.BYTES, base.start, base.end);
      this.base = base;
      this.temp = temp;
    }

    @Override
    Values eval(Scratch s) {
      Values b = base.eval(s);
      if (b == null || b.size == 0 || b.arr[0] != null) {
        return b;
      }
      // Numbers without bytes (an IPv4 constant, an address computed by '&'): big-endian bytes.
      Values t = s.temp(temp);
      t.clear();
      for (int k = 0; k < b.size; k++) {
        long v = b.num[k];
        byte[] x = {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
        t.addBytes(x, 0, 4);
      }
      return t;
    }

    @Override
    String describe() {
      return "BYTES";
    }

    @Override
    List<Expr> children() {
      return List.of(base);
    }
  }

  /** {@code l op r} over every pair of values. */
  static final class Arith extends Expr {
    final ArithOp op;
    final Expr left;
    final Expr right;
    final int temp;

    Arith(ArithOp op, Expr left, Expr right, int temp, int start, int end) {
      super(left.type, start, end);
      this.op = op;
      this.left = left;
      this.right = right;
      this.temp = temp;
    }

    @Override
    Values eval(Scratch s) {
      Values a = left.eval(s);
      if (a == null) {
        return null;
      }
      Values b = right.eval(s);
      if (b == null) {
        return null;
      }
      Values t = s.temp(temp);
      t.clear();
      Rep r = rep();
      for (int i = 0; i < a.size; i++) {
        for (int j = 0; j < b.size; j++) {
          op.apply(r, a, i, b, j, t);
        }
      }
      return t;
    }

    @Override
    String describe() {
      return "ARITH(" + op.symbol() + ") <" + type.tsharkName() + ">";
    }

    @Override
    List<Expr> children() {
      return List.of(left, right);
    }
  }

  /** Unary minus; unsigned values become signed, as in Wireshark. */
  static final class Negate extends Expr {
    final Expr operand;
    final int temp;

    Negate(FieldType type, Expr operand, int temp, int start, int end) {
      super(type, start, end);
      this.operand = operand;
      this.temp = temp;
    }

    @Override
    Values eval(Scratch s) {
      Values a = operand.eval(s);
      if (a == null) {
        return null;
      }
      Values t = s.temp(temp);
      t.clear();
      boolean dbl = rep() == Rep.FLOAT;
      for (int i = 0; i < a.size; i++) {
        if (dbl) {
          t.addDouble(-a.dbl[i]);
        } else {
          t.addNumber(-a.num[i]);
        }
      }
      return t;
    }

    @Override
    String describe() {
      return "NEGATE <" + type.tsharkName() + ">";
    }

    @Override
    List<Expr> children() {
      return List.of(operand);
    }
  }

  /** A function call; any absent field argument makes the call absent. */
  static final class Call extends Expr {
    final FilterFunction fn;
    final Expr[] args;
    final FieldType[] argTypes;
    final int temp;

    Call(FilterFunction fn, FieldType type, Expr[] args, int temp, int start, int end) {
      super(type, start, end);
      this.fn = fn;
      this.args = args;
      this.argTypes = new FieldType[args.length];
      for (int i = 0; i < args.length; i++) {
        argTypes[i] = args[i].type;
      }
      this.temp = temp;
    }

    @Override
    Values eval(Scratch s) {
      Values[] v = s.argArray(temp, args.length);
      for (int i = 0; i < args.length; i++) {
        v[i] = args[i].eval(s);
        if (v[i] == null) {
          return null;
        }
      }
      Values t = s.temp(temp);
      t.clear();
      fn.eval(v, argTypes, t);
      return t;
    }

    @Override
    String describe() {
      return "FUNCTION(" + fn.fname() + ") <" + type.tsharkName() + ">";
    }

    @Override
    List<Expr> children() {
      return List.of(args);
    }
  }

  // =====================================================================================
  // Tests
  // =====================================================================================

  abstract static class Test {
    abstract boolean test(Scratch s);

    abstract String describe();

    List<Test> tests() {
      return List.of();
    }

    List<Expr> exprs() {
      return List.of();
    }
  }

  static final class And extends Test {
    final Test left;
    final Test right;

    And(Test left, Test right) {
      this.left = left;
      this.right = right;
    }

    @Override
    boolean test(Scratch s) {
      return left.test(s) && right.test(s);
    }

    @Override
    String describe() {
      return "AND";
    }

    @Override
    List<Test> tests() {
      return List.of(left, right);
    }
  }

  static final class Or extends Test {
    final Test left;
    final Test right;

    Or(Test left, Test right) {
      this.left = left;
      this.right = right;
    }

    @Override
    boolean test(Scratch s) {
      return left.test(s) || right.test(s);
    }

    @Override
    String describe() {
      return "OR";
    }

    @Override
    List<Test> tests() {
      return List.of(left, right);
    }
  }

  static final class Xor extends Test {
    final Test left;
    final Test right;

    Xor(Test left, Test right) {
      this.left = left;
      this.right = right;
    }

    @Override
    boolean test(Scratch s) {
      return left.test(s) != right.test(s);
    }

    @Override
    String describe() {
      return "XOR";
    }

    @Override
    List<Test> tests() {
      return List.of(left, right);
    }
  }

  static final class Not extends Test {
    final Test operand;

    Not(Test operand) {
      this.operand = operand;
    }

    @Override
    boolean test(Scratch s) {
      return !operand.test(s);
    }

    @Override
    String describe() {
      return "NOT";
    }

    @Override
    List<Test> tests() {
      return List.of(operand);
    }
  }

  /** A protocol is in the frame: answered from the layer table alone. */
  static final class HasProtocol extends Test {
    final Dissector protocol;

    HasProtocol(Dissector protocol) {
      this.protocol = protocol;
    }

    @Override
    boolean test(Scratch s) {
      return s.hasLayer(protocol);
    }

    @Override
    String describe() {
      return "PROTOCOL(" + protocol.name() + ") present in the layer table";
    }
  }

  /** A field (or slice) has at least one value. */
  static final class Exists extends Test {
    final Expr value;

    Exists(Expr value) {
      this.value = value;
    }

    @Override
    boolean test(Scratch s) {
      Values v = value.eval(s);
      return v != null && v.size > 0;
    }

    @Override
    String describe() {
      return "EXISTS";
    }

    @Override
    List<Expr> exprs() {
      return List.of(value);
    }
  }

  /** Arithmetic or a predicate function as a test: some value is non-zero. */
  static final class NonZero extends Test {
    final Expr value;

    NonZero(Expr value) {
      this.value = value;
    }

    @Override
    boolean test(Scratch s) {
      Values v = value.eval(s);
      if (v == null) {
        return false;
      }
      Rep r = value.rep();
      for (int k = 0; k < v.size; k++) {
        if (r == Rep.FLOAT ? v.dbl[k] != 0 : Ftypes.isByteRange(r) ? anyByte(v, k) : v.num[k] != 0) {
          return true;
        }
      }
      return false;
    }

    private static boolean anyByte(Values v, int k) {
      for (int i = 0; i < v.len[k]; i++) {
        if (v.arr[k][v.off[k] + i] != 0) {
          return true;
        }
      }
      return false;
    }

    @Override
    String describe() {
      return "NONZERO";
    }

    @Override
    List<Expr> exprs() {
      return List.of(value);
    }
  }

  /** {@code left op right}, with the operator's multi-occurrence mode or an any/all override. */
  static final class Relation extends Test {
    final CompareOp op;
    final boolean all;
    final Rep rep;
    final Expr left;
    final Expr right;

    Relation(CompareOp op, boolean all, Rep rep, Expr left, Expr right) {
      this.op = op;
      this.all = all;
      this.rep = rep;
      this.left = left;
      this.right = right;
    }

    @Override
    boolean test(Scratch s) {
      Values a = left.eval(s);
      if (a == null) {
        return false;
      }
      Values b = right.eval(s);
      if (b == null) {
        return false;
      }
      return op.test(rep, all, a, b);
    }

    @Override
    String describe() {
      return (all ? "ALL_" : "ANY_") + op.name() + " (" + op.symbol() + ", compare as " + rep + ")";
    }

    @Override
    List<Expr> exprs() {
      return List.of(left, right);
    }
  }

  /** {@code left matches "re"}, on re2j (linear time), case-insensitive unless {@code (?-i)}. */
  static final class Matches extends Test {
    final Expr left;
    final Pattern pattern;
    final boolean all;
    /** Index of this test's per-thread matcher in the scratch. */
    final int matcher;

    Matches(Expr left, Pattern pattern, boolean all, int matcher) {
      this.left = left;
      this.pattern = pattern;
      this.all = all;
      this.matcher = matcher;
    }

    @Override
    boolean test(Scratch s) {
      Values a = left.eval(s);
      if (a == null) {
        return false;
      }
      for (int k = 0; k < a.size; k++) {
        boolean hit = s.find(matcher, pattern, a.arr[k], a.off[k], a.extent[k]);
        if (all && !hit) {
          return false;
        }
        if (!all && hit) {
          return true;
        }
      }
      return all;
    }

    @Override
    String describe() {
      return (all ? "ALL_" : "ANY_") + "MATCHES /" + pattern.pattern() + "/";
    }

    @Override
    List<Expr> exprs() {
      return List.of(left);
    }
  }

  /** {@code left in {e, lo..hi}}: a value equal to an element or within a range. */
  static final class In extends Test {
    final Expr left;
    final Expr[] lo;
    final Expr[] hi;
    final boolean all;
    final Rep rep;

    In(Expr left, Expr[] lo, Expr[] hi, boolean all, Rep rep) {
      this.left = left;
      this.lo = lo;
      this.hi = hi;
      this.all = all;
      this.rep = rep;
    }

    @Override
    boolean test(Scratch s) {
      Values a = left.eval(s);
      if (a == null) {
        return false;
      }
      for (int k = 0; k < a.size; k++) {
        int member = member(s, a, k);
        if (member < 0) {
          return false;
        }
        boolean in = member == 1;
        if (all && !in) {
          return false;
        }
        if (!all && in) {
          return true;
        }
      }
      return all;
    }

    /** 1 when value k is in the set, 0 when not, -1 when an element's field is absent. */
    private int member(Scratch s, Values a, int k) {
      for (int e = 0; e < lo.length; e++) {
        Values l = lo[e].eval(s);
        if (l == null) {
          return -1;
        }
        if (hi[e] == null) {
          for (int j = 0; j < l.size; j++) {
            if (CompareOp.equal(rep, a, k, l, j)) {
              return 1;
            }
          }
          continue;
        }
        Values h = hi[e].eval(s);
        if (h == null) {
          return -1;
        }
        for (int j = 0; j < l.size; j++) {
          if (CompareOp.order(rep, a, k, l, j) >= 0) {
            for (int m = 0; m < h.size; m++) {
              if (CompareOp.order(rep, a, k, h, m) <= 0) {
                return 1;
              }
            }
          }
        }
      }
      return 0;
    }

    @Override
    String describe() {
      return (all ? "ALL_" : "ANY_") + "IN set of " + lo.length + " (compare as " + rep + ")";
    }

    @Override
    List<Expr> exprs() {
      java.util.ArrayList<Expr> out = new java.util.ArrayList<>();
      out.add(left);
      for (int e = 0; e < lo.length; e++) {
        out.add(lo[e]);
        if (hi[e] != null) {
          out.add(hi[e]);
        }
      }
      return out;
    }
  }

  /** Matches every packet (the empty filter). */
  static final class Always extends Test {
    @Override
    boolean test(Scratch s) {
      return true;
    }

    @Override
    String describe() {
      return "TRUE";
    }
  }
}

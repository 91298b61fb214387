package io.netsift.core.filter;

import com.google.re2j.Pattern;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldRegistry;
import io.netsift.core.field.FieldType;
import io.netsift.core.filter.Ftypes.Rep;
import io.netsift.core.filter.Token.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The semantic check: resolves names against the field registry, gives every literal the type
 * of what it is compared with (value-string labels included), applies Wireshark 4.0's type
 * rules with its error messages, and produces the {@link Program}. Beyond 4.0 it accepts what
 * later Wireshark versions added: {@code xor}, {@code @field}, a constant on the left of a
 * comparison (so chained comparisons such as {@code 1 < tcp.port < 1024} work) and the
 * {@code ip_*} functions.
 */
final class Checker {
  /** Fields one protocol reports on another's layer (Wireshark's add_ethernet_trailer). */
  private static final Map<String, List<String>> ALSO_REPORTED_BY = Map.of(
      "eth.padding", List.of("vlan", "sll", "ieee8021ad"),
      "eth.padding_bad", List.of("vlan", "sll", "ieee8021ad"));

  private static volatile Map<String, Set<Dissector>> standardDeclarers;

  private final String src;
  private final FieldRegistry registry;
  private final Protocols protocols;
  private final Map<String, Set<Dissector>> declarers;
  private final List<Program.Slot> slots = new ArrayList<>();
  private final Map<String, Integer> slotByName = new HashMap<>();
  private final Set<String> names = new java.util.LinkedHashSet<>();
  private int temps;
  private int matchers;

  private Checker(String src, FieldRegistry registry, Protocols protocols) {
    this.src = src;
    this.registry = registry;
    this.protocols = protocols;
    this.declarers = declarers(protocols);
  }

  static Program compile(String filter, FieldRegistry registry, Protocols protocols) throws FilterException {
    Ast ast = Parser.parse(filter);
    Checker c = new Checker(filter, registry, protocols);
    Ir.Test root = ast == null ? new Ir.Always() : c.test(ast);
    int[] slotOf = new int[registry.size()];
    Arrays.fill(slotOf, -1);
    for (Program.Slot s : c.slots) {
      int id = s.field.id();
      if (id >= 0 && id < slotOf.length) {
        slotOf[id] = s.index;
      }
    }
    return new Program(filter, root, c.slots, slotOf, c.temps, c.matchers, new ArrayList<>(c.names));
  }

  // =====================================================================================
  // Tests
  // =====================================================================================

  private Ir.Test test(Ast a) throws FilterException {
    if (a instanceof Ast.Logic) {
      Ast.Logic l = (Ast.Logic) a;
      Ir.Test left = test(l.left());
      Ir.Test right = test(l.right());
      switch (l.op().kind()) {
        case AND: return new Ir.And(left, right);
        case OR: return new Ir.Or(left, right);
        default: return new Ir.Xor(left, right);
      }
    }
    if (a instanceof Ast.Not) {
      return new Ir.Not(test(((Ast.Not) a).operand()));
    }
    if (a instanceof Ast.Compare) {
      return relation((Ast.Compare) a);
    }
    if (a instanceof Ast.InSet) {
      return inSet((Ast.InSet) a);
    }
    return valueTest(((Ast.ValueTest) a).value());
  }

  private Ir.Test valueTest(Ast v) throws FilterException {
    if (v instanceof Ast.Word) {
      Ast.Word w = (Ast.Word) v;
      Field f = lookup(w);
      if (f == null) {
        throw error(w.token().text() + " is neither a field nor a protocol name.", v);
      }
      Dissector p = layerProtocol(f);
      if (p != null) {
        return new Ir.HasProtocol(p);
      }
      return new Ir.Exists(fieldRef(f, null, false, v));
    }
    if (v instanceof Ast.Str || v instanceof Ast.Chr) {
      throw error(text(v) + " is neither a field nor a protocol name.", v);
    }
    if (v instanceof Ast.Call) {
      Ast.Call c = (Ast.Call) v;
      FilterFunction fn = function(c);
      if (!fn.isPredicate()) {
        throw error("You cannot test whether a function is present.", c.name());
      }
      return new Ir.NonZero(call(c, null));
    }
    if (v instanceof Ast.Arith || v instanceof Ast.Negate || v instanceof Ast.Group) {
      return new Ir.NonZero(arith(v, null));
    }
    return new Ir.Exists(operand(v));
  }

  private Ir.Test relation(Ast.Compare c) throws FilterException {
    CompareOp op = c.cmp();
    boolean all = c.modifier() == null ? op.allByDefault() : c.modifier().is(Kind.ALL);
    String opText = c.op().text();
    if (op == CompareOp.MATCHES) {
      return matches(c, all);
    }
    Ir.Expr left = operand(c.lhs());
    if (left == null) {
      return constantOnTheLeft(c, op, all);
    }
    if (!op.accepts(left.type)) {
      throw cannotParticipate(left, opText, c.lhs());
    }
    Ir.Expr[] pair = right(left, c.rhs(), op);
    // Against a slice both sides are byte strings, whatever the field's own type.
    Rep r = isByteSlice(pair[0]) || isByteSlice(pair[1]) ? Rep.BYTES : rep(pair[0]);
    Ir.Relation rel = new Ir.Relation(op, all, r, pair[0], pair[1]);
    return pair[0] instanceof Ir.FieldRef
        ? LeadingCompare.of(rel, slots.get(((Ir.FieldRef) pair[0]).slot), protocols) : rel;
  }

  /**
   * {@code 1 < tcp.port}: Wireshark 4.0 rejects a constant on the left; later versions type it
   * from the right side, which chained comparisons need. Two constants are still an error.
   */
  private Ir.Test constantOnTheLeft(Ast.Compare c, CompareOp op, boolean all) throws FilterException {
    String quoted = op.chains() ? "\"" + c.op().text() + "\"" : c.op().text();
    FilterException leftSide = error("Left side of " + quoted + " expression must be a field or function, not "
        + text(c.lhs()) + ".", c.lhs());
    if (!op.chains()) {
      throw leftSide;
    }
    Ir.Expr right = operand(c.rhs());
    if (right == null) {
      throw leftSide;
    }
    if (!op.accepts(right.type)) {
      throw cannotParticipate(right, c.op().text(), c.rhs());
    }
    Ir.Expr left;
    try {
      left = constant(c.lhs(), right.type, labelsOf(right), false);
    } catch (FilterException e) {
      throw leftSide;
    }
    return new Ir.Relation(op, all, rep(right), left, right);
  }

  private FilterException cannotParticipate(Ir.Expr e, String opText, Ast at) {
    String what = e instanceof Ir.Call ? "Function " + ((Ir.Call) e).fn.fname() : display(e, at);
    return error(what + " (type=" + Ftypes.pretty(e.type) + ") cannot participate in " + opText + " comparison.", at);
  }

  /**
   * The right side of a relation whose left side is {@code left}: literals take the left's type
   * (and its field's value labels), fields must be of a compatible type, and a slice on either
   * side turns the other side into bytes. Returns the (possibly converted) left and right.
   */
  private Ir.Expr[] right(Ir.Expr left, Ast rhs, CompareOp op) throws FilterException {
    boolean partial = op.shape() == CompareOp.Shape.SEARCH;
    if (isConstant(rhs)) {
      return new Ir.Expr[] {left, constant(rhs, left.type, labelsOf(left), partial)};
    }
    Ir.Expr right = rhs instanceof Ast.Arith || rhs instanceof Ast.Negate || rhs instanceof Ast.Group
        ? arith(rhs, left.type) : operand(rhs);
    if (isByteSlice(left) || isByteSlice(right)) {
      return new Ir.Expr[] {asBytes(left, rhs), asBytes(right, rhs)};
    }
    if (!Ftypes.compatible(left.type, right.type)) {
      if (right instanceof Ir.Call) {
        throw error(display(left, null) + " (type=" + Ftypes.pretty(left.type) + ") and return value of "
            + ((Ir.Call) right).fn.fname() + "() (type=" + Ftypes.pretty(right.type)
            + ") are not of compatible types.", rhs);
      }
      throw error(display(left, null) + " and " + display(right, rhs) + " are not of compatible types.", rhs);
    }
    if (!op.accepts(right.type)) {
      throw error(display(right, rhs) + " (type=" + Ftypes.pretty(right.type)
          + ") cannot participate in specified comparison.", rhs);
    }
    return new Ir.Expr[] {left, right};
  }

  private static boolean isByteSlice(Ir.Expr e) {
    return e instanceof Ir.Slice || e instanceof Ir.FieldRef && ((Ir.FieldRef) e).raw;
  }

  /** A value compared with a slice: byte-valued already, or convertible to bytes. */
  private Ir.Expr asBytes(Ir.Expr e, Ast at) throws FilterException {
    if (isByteSlice(e) || Ftypes.isBytesType(e.type) || Ftypes.isByteRange(Ftypes.rep(e.type)) && e.type != FieldType.IPv6) {
      return e;
    }
    if (!Ftypes.canSlice(e.type)) {
      String name = e instanceof Ir.Call ? "Return value of function \"" + ((Ir.Call) e).fn.fname() + "\""
          : "\"" + display(e, at) + "\"";
      throw error(name + " is a " + Ftypes.pretty(e.type) + " and cannot be converted into a sequence of bytes.",
          e.start, e.end);
    }
    return new Ir.AsBytes(e, temps++);
  }

  private Ir.Test matches(Ast.Compare c, boolean all) throws FilterException {
    if (!(c.rhs() instanceof Ast.Str)) {
      throw error("Matches requires a double quoted string on the right side.", c.rhs());
    }
    Ir.Expr left = operand(c.lhs());
    if (left == null) {
      throw error("Left side of " + c.op().text() + " expression must be a field or function, not "
          + text(c.lhs()) + ".", c.lhs());
    }
    if (!CompareOp.MATCHES.accepts(left.type)) {
      throw cannotParticipate(left, c.op().text(), c.lhs());
    }
    Pattern p;
    try {
      p = Regexes.compile(((Ast.Str) c.rhs()).bytes());
    } catch (Literals.Bad e) {
      throw error(e.getMessage(), c.rhs());
    }
    return new Ir.Matches(left, p, all, matchers++);
  }

  private Ir.Test inSet(Ast.InSet s) throws FilterException {
    Ir.Expr left = operand(s.lhs());
    if (left == null) {
      throw error("Only a field may be tested for membership in a set.", s.lhs());
    }
    boolean all = s.modifier() != null && s.modifier().is(Kind.ALL);
    int n = s.lo().size();
    Ir.Expr[] lo = new Ir.Expr[n];
    Ir.Expr[] hi = new Ir.Expr[n];
    Ir.Expr l = left;
    for (int i = 0; i < n; i++) {
      Ast lower = s.lo().get(i);
      Ast upper = s.hi().get(i);
      for (Ast e : upper == null ? List.of(lower) : List.of(lower, upper)) {
        if (e instanceof Ast.Slice) {
          throw error("A slice may not appear inside a set.", e);
        }
      }
      CompareOp op = upper == null ? CompareOp.ANY_EQ : CompareOp.GE;
      if (!op.accepts(left.type)) {
        throw cannotParticipate(left, op.symbol(), s.lhs());
      }
      Ir.Expr[] pair = right(left, lower, op);
      l = pair[0];
      lo[i] = pair[1];
      if (upper != null) {
        hi[i] = right(left, upper, CompareOp.LE)[1];
      }
    }
    Ir.Test in = new Ir.In(l, lo, hi, all, rep(l));
    return s.negated() ? new Ir.Not(in) : in;
  }

  // =====================================================================================
  // Values
  // =====================================================================================

  /** Constants are literals, strings and characters whose type comes from the other side. */
  private boolean isConstant(Ast a) {
    if (a instanceof Ast.Str || a instanceof Ast.Chr) {
      return true;
    }
    if (a instanceof Ast.Word) {
      Ast.Word w = (Ast.Word) a;
      return !w.forcedField() && registry.get(w.name()) == null;
    }
    return false;
  }

  /** A typed operand, or null for a constant (whose type depends on the other side). */
  private Ir.Expr operand(Ast a) throws FilterException {
    if (isConstant(a)) {
      return null;
    }
    if (a instanceof Ast.Word) {
      Ast.Word w = (Ast.Word) a;
      Field f = lookup(w);
      if (f == null) {
        throw error("\"" + w.name() + "\" is not a valid protocol or protocol field.", a);
      }
      return fieldRef(f, null, false, a);
    }
    if (a instanceof Ast.Layered) {
      Ast.Layered l = (Ast.Layered) a;
      Field f = registry.get(l.field().name());
      if (f == null) {
        throw error(l.field().name() + " is not a valid field", l.field());
      }
      return fieldRef(f, l.layers(), false, a);
    }
    if (a instanceof Ast.Raw) {
      Ast inner = ((Ast.Raw) a).field();
      Ast.Word w = inner instanceof Ast.Layered ? ((Ast.Layered) inner).field() : (Ast.Word) inner;
      Field f = registry.get(w.name());
      if (f == null) {
        throw error(w.name() + " is not a valid field", w);
      }
      List<Ast.Range> layers = inner instanceof Ast.Layered ? ((Ast.Layered) inner).layers() : null;
      return fieldRef(f, layers, true, a);
    }
    if (a instanceof Ast.Slice) {
      return slice((Ast.Slice) a);
    }
    if (a instanceof Ast.Call) {
      return call((Ast.Call) a, null);
    }
    return arith(a, null);
  }

  private Ir.Expr slice(Ast.Slice s) throws FilterException {
    Ir.Expr base = operand(s.base());
    if (base == null) {
      throw error("Range is not supported for entity " + text(s.base()), s.base());
    }
    if (!(base instanceof Ir.Slice) && !isByteSlice(base) && !Ftypes.canSlice(base.type)) {
      if (base instanceof Ir.Call) {
        throw error("Return value of function \"" + ((Ir.Call) base).fn.fname() + "\" is a "
            + Ftypes.pretty(base.type) + " and cannot be converted into a sequence of bytes.", s.base());
      }
      throw error("\"" + display(base, s.base()) + "\" is a " + Ftypes.pretty(base.type)
          + " and cannot be sliced into a sequence of bytes.", s.base());
    }
    if (Ftypes.rep(base.type) == Rep.IPV4) {
      base = new Ir.AsBytes(base, temps++);
    }
    return new Ir.Slice(base, s.ranges(), temps++, s.start(), s.end());
  }

  /** A literal, string or character converted to type {@code t}. */
  private Ir.Const constant(Ast a, FieldType t, Field labels, boolean partial) throws FilterException {
    try {
      Values v;
      if (a instanceof Ast.Str) {
        v = Literals.fromString(t, ((Ast.Str) a).bytes(), labels);
      } else if (a instanceof Ast.Chr) {
        v = Literals.fromChar(t, ((Ast.Chr) a).value(), text(a));
      } else {
        v = Literals.fromLiteral(t, ((Ast.Word) a).name(), partial, labels);
      }
      return new Ir.Const(t, v, text(a), a.start(), a.end());
    } catch (Literals.Bad e) {
      throw error(e.getMessage(), a);
    }
  }

  /**
   * Arithmetic: the result has the left operand's type; a constant operand takes that type
   * (or {@code hint}, the type of the other side of the relation, for a constant first operand).
   */
  private Ir.Expr arith(Ast a, FieldType hint) throws FilterException {
    if (a instanceof Ast.Group) {
      return arith(((Ast.Group) a).inner(), hint);
    }
    if (a instanceof Ast.Negate) {
      Ast.Negate n = (Ast.Negate) a;
      Ir.Expr x = arithOperand(n.operand(), hint);
      if (!(Ftypes.isInteger(x.type) || x.type == FieldType.FLOAT || x.type == FieldType.DOUBLE
          || x.type == FieldType.RELATIVE_TIME)) {
        throw error(Ftypes.ftName(x.type) + " cannot -.", n.operand());
      }
      FieldType t = x.type.isUnsigned() ? (x.type.width() > 4 ? FieldType.INT64 : FieldType.INT32) : x.type;
      if (x instanceof Ir.Const) {
        Values v = ((Ir.Const) x).v;
        Values neg = Ftypes.rep(t) == Rep.FLOAT ? Values.ofDouble(-v.dbl[0]) : Values.ofNumber(-v.num[0]);
        return new Ir.Const(t, neg, "-" + ((Ir.Const) x).text, a.start(), a.end());
      }
      return new Ir.Negate(t, x, temps++, a.start(), a.end());
    }
    if (a instanceof Ast.Arith) {
      Ast.Arith ar = (Ast.Arith) a;
      ArithOp op = ArithOp.of(ar.op().kind());
      Ir.Expr left = arithOperand(ar.left(), hint);
      if (!op.accepts(left.type)) {
        throw error(Ftypes.ftName(left.type) + " cannot " + ar.op().text() + ".", ar.left());
      }
      Ir.Expr right = arithOperand(ar.right(), left.type);
      if (!op.accepts(right.type)) {
        throw error(Ftypes.ftName(right.type) + " cannot " + ar.op().text() + ".", ar.right());
      }
      if (!Ftypes.compatible(left.type, right.type)) {
        throw error(display(left, ar.left()) + " and " + display(right, ar.right()) + " are not of compatible types.",
            ar.right());
      }
      return new Ir.Arith(op, left, right, temps++, a.start(), a.end());
    }
    Ir.Expr e = operand(a);
    if (e == null) {
      if (hint == null) {
        throw error("Constant arithmetic expression on the LHS is invalid.", a);
      }
      return constant(a, hint, null, false);
    }
    return e;
  }

  private Ir.Expr arithOperand(Ast a, FieldType hint) throws FilterException {
    if (a instanceof Ast.Str || a instanceof Ast.Chr) {
      throw error(text(a) + " is not a valid arithmetic operand.", a);
    }
    if (isConstant(a) && hint == null) {
      throw error("Constant arithmetic expression on the LHS is invalid.", a);
    }
    return arith(a, hint);
  }

  private Ir.Expr call(Ast.Call c, FieldType hint) throws FilterException {
    FilterFunction fn = function(c);
    int n = c.args().size();
    if (n < fn.minArgs()) {
      throw error("Function " + fn.fname() + " needs at least " + fn.minArgs() + " arguments.", c.name());
    }
    if (fn.maxArgs() > 0 && n > fn.maxArgs()) {
      throw error("Function " + fn.fname() + " can only accept " + fn.maxArgs() + " arguments.", c.name());
    }
    Ir.Expr[] resolved = new Ir.Expr[n];
    FilterFunction.Args args = new FilterFunction.Args() {
      @Override
      public int count() {
        return n;
      }

      @Override
      public Ir.Expr field(int i, String message) throws FilterException {
        Ast a = c.args().get(i);
        boolean isField = a instanceof Ast.Word && !isConstant(a) || a instanceof Ast.Layered || a instanceof Ast.Raw;
        if (!isField) {
          throw error(i, message);
        }
        resolved[i] = operand(a);
        return resolved[i];
      }

      @Override
      public Ir.Expr typed(int i, FieldType t) throws FilterException {
        Ast a = c.args().get(i);
        if (resolved[i] != null && (t == null || !(resolved[i] instanceof Ir.Const))) {
          return resolved[i];
        }
        if (isConstant(a)) {
          if (t == null || !(a instanceof Ast.Word)) {
            if (fn == FilterFunction.MAX || fn == FilterFunction.MIN) {
              throw error(i, "Argument '" + text(a) + "' is not valid for " + fn.fname() + "()");
            }
            return null;
          }
          resolved[i] = constant(a, t, null, false);
          return resolved[i];
        }
        resolved[i] = a instanceof Ast.Arith || a instanceof Ast.Negate || a instanceof Ast.Group
            ? arith(a, t) : operand(a);
        return resolved[i];
      }

      @Override
      public String display(int i) {
        Ast a = c.args().get(i);
        return resolved[i] != null ? Checker.this.display(resolved[i], a) : text(a);
      }

      @Override
      public FilterException error(int i, String message) {
        return Checker.this.error(message, c.args().get(i));
      }
    };
    FieldType type = fn.check(args);
    for (int i = 0; i < n; i++) {
      if (resolved[i] == null) {
        resolved[i] = args.typed(i, null);
      }
    }
    return new Ir.Call(fn, type, resolved, temps++, c.start(), c.end());
  }

  private FilterFunction function(Ast.Call c) throws FilterException {
    FilterFunction fn = FilterFunction.byName(c.name().text());
    if (fn == null) {
      throw error("Function '" + c.name().text() + "' does not exist", c.name());
    }
    return fn;
  }

  // =====================================================================================
  // Fields and their slots
  // =====================================================================================

  private Field lookup(Ast.Word w) {
    Field f = registry.get(w.name());
    if (f != null) {
      names.add(f.name());
    }
    return f;
  }

  /** The dissector whose layers are the values of a protocol field ({@code ip}), or null. */
  private Dissector layerProtocol(Field f) {
    if (f.type() != FieldType.PROTOCOL) {
      return null;
    }
    return protocols.byName(f.name());
  }

  private Ir.FieldRef fieldRef(Field f, List<Ast.Range> layers, boolean raw, Ast at) {
    int slot = slotFor(f);
    int temp = layers != null || raw ? temps++ : -1;
    return new Ir.FieldRef(f, slot, layers, raw, temp, at.start(), at.end());
  }

  private int slotFor(Field f) {
    names.add(f.name());
    Integer known = slotByName.get(f.name());
    if (known != null) {
      return known;
    }
    int index = slots.size();
    Dissector layer = layerProtocol(f);
    boolean[] candidates = null;
    if (layer == null && !f.name().startsWith("_ws.")) {
      Set<Dissector> from = new HashSet<>(declarers.getOrDefault(f.name(), Set.of()));
      Dissector own = protocols.byName(f.protocol());
      if (own != null) {
        from.add(own);
      }
      for (String other : ALSO_REPORTED_BY.getOrDefault(f.name(), List.of())) {
        Dissector d = protocols.byName(other);
        if (d != null) {
          from.add(d);
        }
      }
      if (!from.isEmpty()) {
        candidates = new boolean[protocols.all().size()];
        for (Dissector d : from) {
          if (d.id() >= 0 && d.id() < candidates.length) {
            candidates[d.id()] = true;
          }
        }
      }
    }
    slots.add(new Program.Slot(index, f, layer, candidates));
    slotByName.put(f.name(), index);
    return index;
  }

  /** For each field name, the dissectors that declare a field of that name. */
  private static Map<String, Set<Dissector>> declarers(Protocols protocols) {
    if (protocols == Protocols.standard() && standardDeclarers != null) {
      return standardDeclarers;
    }
    Map<String, Set<Dissector>> m = new HashMap<>();
    for (Dissector d : protocols.all()) {
      for (Field f : d.declaredFields()) {
        m.computeIfAbsent(f.name(), k -> new HashSet<>()).add(d);
      }
    }
    if (protocols == Protocols.standard()) {
      standardDeclarers = m;
    }
    return m;
  }

  private static Field labelsOf(Ir.Expr e) {
    return e instanceof Ir.FieldRef && !((Ir.FieldRef) e).raw ? ((Ir.FieldRef) e).field : null;
  }

  private static Rep rep(Ir.Expr left) {
    return Ftypes.rep(left.type);
  }

  // =====================================================================================
  // Messages
  // =====================================================================================

  /** How tshark names an operand in messages: a field by its name, anything else as written. */
  private String display(Ir.Expr e, Ast at) {
    if (e instanceof Ir.FieldRef) {
      return ((Ir.FieldRef) e).display();
    }
    if (at != null) {
      return text(at);
    }
    return src.substring(e.start, Math.max(e.start, e.end));
  }

  private String text(Ast a) {
    if (a instanceof Ast.Str) {
      return Parser.display(((Ast.Str) a).token());
    }
    return src.substring(a.start(), a.end());
  }

  /** An error at a node; tshark locates a function call by its name. */
  private FilterException error(String message, Ast at) {
    if (at instanceof Ast.Call) {
      return error(message, ((Ast.Call) at).name());
    }
    return error(message, at.start(), at.end());
  }

  private FilterException error(String message, Token at) {
    return error(message, at.start(), at.end());
  }

  private FilterException error(String message, int start, int end) {
    return FilterException.at(message, src, start, Math.max(1, end - start));
  }
}

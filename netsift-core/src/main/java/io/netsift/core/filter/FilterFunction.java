package io.netsift.core.filter;

import io.netsift.core.field.Addresses;
import io.netsift.core.field.FieldFormat;
import io.netsift.core.field.FieldType;
import io.netsift.core.filter.Ftypes.Rep;
import java.nio.charset.StandardCharsets;

/**
 * The display-filter functions, one constant each with its arity, its argument rules (with
 * tshark 4.0's messages) and its evaluator. A function maps the values of its arguments to a
 * list of results; a field argument that is absent makes the relation false, as in Wireshark,
 * where a field in a function call implies the field exists.
 */
enum FilterFunction {
  /** Byte length of each value (the type's size for numbers, 0 for booleans and times). */
  LEN("len", 1, 1) {
    @Override
    FieldType check(Args a) throws FilterException {
      a.field(0, "Only fields can be used as parameter for len()");
      return FieldType.UINT32;
    }

    @Override
    void eval(Values[] v, FieldType[] t, Values out) {
      Values x = v[0];
      for (int k = 0; k < x.size; k++) {
        out.addNumber(length(t[0], x, k));
      }
    }
  },
  /** Number of occurrences. */
  COUNT("count", 1, 1) {
    @Override
    FieldType check(Args a) throws FilterException {
      a.field(0, "Only fields can be used as parameter for count()");
      return FieldType.UINT32;
    }

    @Override
    void eval(Values[] v, FieldType[] t, Values out) {
      out.addNumber(v[0].size);
    }
  },
  UPPER("upper", 1, 1) {
    @Override
    FieldType check(Args a) throws FilterException {
      return stringField(a, "upper");
    }

    @Override
    void eval(Values[] v, FieldType[] t, Values out) {
      caseMap(v[0], out, true);
    }
  },
  LOWER("lower", 1, 1) {
    @Override
    FieldType check(Args a) throws FilterException {
      return stringField(a, "lower");
    }

    @Override
    void eval(Values[] v, FieldType[] t, Values out) {
      caseMap(v[0], out, false);
    }
  },
  /** Text of a non-string field: integers in decimal, addresses in their usual notation. */
  STRING("string", 1, 1) {
    @Override
    FieldType check(Args a) throws FilterException {
      Ir.Expr e = a.field(0, "Only fields can be used as parameter for string()");
      FieldType t = e.type;
      boolean ok = Ftypes.isInteger(t) || t == FieldType.IPv4 || t == FieldType.IPv6 || t == FieldType.ETHER
          || t == FieldType.FLOAT || t == FieldType.DOUBLE;
      if (!ok) {
        throw a.error(0, "String conversion for field \"" + a.display(0) + "\" is not supported");
      }
      return FieldType.STRING;
    }

    @Override
    void eval(Values[] v, FieldType[] t, Values out) {
      Values x = v[0];
      for (int k = 0; k < x.size; k++) {
        byte[] b = text(t[0], x, k).getBytes(StandardCharsets.UTF_8);
        out.addBytes(b, 0, b.length);
      }
    }
  },
  MAX("max", 1, 0) {
    @Override
    FieldType check(Args a) throws FilterException {
      return sameType(a, "max");
    }

    @Override
    void eval(Values[] v, FieldType[] t, Values out) {
      extreme(v, t[0], out, 1);
    }
  },
  MIN("min", 1, 0) {
    @Override
    FieldType check(Args a) throws FilterException {
      return sameType(a, "min");
    }

    @Override
    void eval(Values[] v, FieldType[] t, Values out) {
      extreme(v, t[0], out, -1);
    }
  },
  ABS("abs", 1, 1) {
    @Override
    FieldType check(Args a) throws FilterException {
      Ir.Expr e = a.typed(0, null);
      FieldType t = e == null ? null : e.type;
      if (t == null || !(Ftypes.isInteger(t) || t == FieldType.FLOAT || t == FieldType.DOUBLE
          || t == FieldType.RELATIVE_TIME)) {
        throw a.error(0, "'" + a.display(0) + "' is not a valid argument to 'abs'()");
      }
      return t;
    }

    @Override
    void eval(Values[] v, FieldType[] t, Values out) {
      Values x = v[0];
      Rep r = Ftypes.rep(t[0]);
      for (int k = 0; k < x.size; k++) {
        if (r == Rep.FLOAT) {
          out.addDouble(Math.abs(x.dbl[k]));
        } else {
          out.addNumber(r == Rep.UINT ? x.num[k] : Math.abs(x.num[k]));
        }
      }
    }
  },
  /** Whether an IPv4 address is private-use (RFC 1918: 10/8, 172.16/12, 192.168/16). */
  IP_RFC1918("ip_rfc1918", 1, 1) {
    @Override
    FieldType check(Args a) throws FilterException {
      Ir.Expr e = a.typed(0, null);
      if (e == null || e.type != FieldType.IPv4) {
        throw a.error(0, "Only IPv4 fields can be used as parameter for ip_rfc1918()");
      }
      return FieldType.BOOLEAN;
    }

    @Override
    void eval(Values[] v, FieldType[] t, Values out) {
      Values x = v[0];
      for (int k = 0; k < x.size; k++) {
        long a = x.num[k];
        boolean p = (a >>> 24) == 10 || (a >>> 20) == 0xac1 || (a >>> 16) == 0xc0a8;
        out.addNumber(p ? 1 : 0);
      }
    }
  },
  /** Link-local addresses: IPv4 169.254/16 (RFC 3927), IPv6 fe80::/10 (RFC 4291). */
  IP_LINKLOCAL("ip_linklocal", 1, 1) {
    @Override
    FieldType check(Args a) throws FilterException {
      return ipArgument(a, "ip_linklocal");
    }

    @Override
    void eval(Values[] v, FieldType[] t, Values out) {
      Values x = v[0];
      for (int k = 0; k < x.size; k++) {
        boolean p = t[0] == FieldType.IPv4 ? (x.num[k] >>> 16) == 0xa9fe
            : x.len[k] >= 2 && (x.arr[k][x.off[k]] & 0xff) == 0xfe && (x.arr[k][x.off[k] + 1] & 0xc0) == 0x80;
        out.addNumber(p ? 1 : 0);
      }
    }
  },
  /** Multicast addresses: IPv4 224/4 (RFC 5771), IPv6 ff00::/8 (RFC 4291). */
  IP_MULTICAST("ip_multicast", 1, 1) {
    @Override
    FieldType check(Args a) throws FilterException {
      return ipArgument(a, "ip_multicast");
    }

    @Override
    void eval(Values[] v, FieldType[] t, Values out) {
      Values x = v[0];
      for (int k = 0; k < x.size; k++) {
        boolean p = t[0] == FieldType.IPv4 ? (x.num[k] >>> 28) == 0xe
            : x.len[k] >= 1 && (x.arr[k][x.off[k]] & 0xff) == 0xff;
        out.addNumber(p ? 1 : 0);
      }
    }
  };

  /** What the checker offers a function to examine its arguments. */
  interface Args {
    int count();

    /** Argument {@code i}, which must be a field (with or without a layer), else {@code message}. */
    Ir.Expr field(int i, String message) throws FilterException;

    /** Argument {@code i} as a typed value; literals take {@code hint}; null for a literal without one. */
    Ir.Expr typed(int i, FieldType hint) throws FilterException;

    String display(int i);

    FilterException error(int i, String message);
  }

  private final String fname;
  private final int minArgs;
  private final int maxArgs;

  FilterFunction(String name, int minArgs, int maxArgs) {
    this.fname = name;
    this.minArgs = minArgs;
    this.maxArgs = maxArgs;
  }

  String fname() {
    return fname;
  }

  int minArgs() {
    return minArgs;
  }

  /** Most arguments, 0 for any number. */
  int maxArgs() {
    return maxArgs;
  }

  /** Checks the arguments and returns the type of the results. */
  abstract FieldType check(Args a) throws FilterException;

  /** Appends the results for argument values {@code v} (of static types {@code t}) to {@code out}. */
  abstract void eval(Values[] v, FieldType[] t, Values out);

  /** Whether the function answers yes/no and so may stand alone as a test. */
  boolean isPredicate() {
    return this == IP_RFC1918 || this == IP_LINKLOCAL || this == IP_MULTICAST;
  }

  static FilterFunction byName(String name) {
    for (FilterFunction f : values()) {
      if (f.fname.equals(name)) {
        return f;
      }
    }
    return null;
  }

  // ---- shared rules and kernels ----

  private static FieldType stringField(Args a, String name) throws FilterException {
    String msg = "Only string type fields can be used as parameter for " + name + "()";
    Ir.Expr e = a.field(0, msg);
    if (!Ftypes.isString(e.type)) {
      throw a.error(0, msg);
    }
    return FieldType.STRING;
  }

  private static FieldType ipArgument(Args a, String name) throws FilterException {
    Ir.Expr e = a.typed(0, null);
    if (e == null || e.type != FieldType.IPv4 && e.type != FieldType.IPv6) {
      throw a.error(0, "Only IPv4 or IPv6 fields can be used as parameter for " + name + "()");
    }
    return FieldType.BOOLEAN;
  }

  /** max and min: every argument of one type; literals take the type of the first typed one. */
  private static FieldType sameType(Args a, String name) throws FilterException {
    FieldType t = null;
    for (int i = 0; i < a.count() && t == null; i++) {
      Ir.Expr e = a.typed(i, null);
      if (e != null) {
        t = e.type;
      }
    }
    if (t == null) {
      throw a.error(0, "Argument '" + a.display(0) + "' is not valid for " + name + "()");
    }
    for (int i = 0; i < a.count(); i++) {
      Ir.Expr e = a.typed(i, t);
      if (e.type != t) {
        throw a.error(i, "Arguments to '" + name + "' must have the same type (expected " + Ftypes.ftName(t)
            + ", got " + Ftypes.ftName(e.type) + ")");
      }
    }
    return t;
  }

  private static void extreme(Values[] v, FieldType t, Values out, int sign) {
    Rep r = Ftypes.rep(t);
    Values best = null;
    int bi = -1;
    for (Values x : v) {
      for (int k = 0; k < x.size; k++) {
        if (best == null || sign * CompareOp.order(r, x, k, best, bi) > 0) {
          best = x;
          bi = k;
        }
      }
    }
    if (best != null) {
      out.copy(best, bi);
    }
  }

  private static void caseMap(Values x, Values out, boolean upper) {
    for (int k = 0; k < x.size; k++) {
      byte[] b = new byte[x.len[k]];
      for (int i = 0; i < b.length; i++) {
        byte c = x.arr[k][x.off[k] + i];
        if (upper && c >= 'a' && c <= 'z') {
          c -= 32;
        } else if (!upper && c >= 'A' && c <= 'Z') {
          c += 32;
        }
        b[i] = c;
      }
      out.addBytes(b, 0, b.length);
    }
  }

  static long length(FieldType t, Values x, int k) {
    switch (t) {
      case BOOLEAN: case ABSOLUTE_TIME: case RELATIVE_TIME: case NONE:
        return 0;
      case IPv4: return 4;
      case IPv6: return 16;
      case ETHER: return 6;
      case FLOAT: return 4;
      case DOUBLE: return 8;
      case FRAMENUM: return 4;
      case CHAR: return 1;
      default:
        return Ftypes.isByteRange(Ftypes.rep(t)) ? x.len[k] : t.width();
    }
  }

  static String text(FieldType t, Values x, int k) {
    switch (t) {
      case IPv4: {
        long a = x.num[k];
        return (a >>> 24) + "." + (a >>> 16 & 0xff) + "." + (a >>> 8 & 0xff) + "." + (a & 0xff);
      }
      case IPv6:
        return x.len[k] == 16 ? Addresses.ipv6(x.arr[k], x.off[k]) : Addresses.hex(x.arr[k], x.off[k], x.len[k]);
      case ETHER:
        return x.len[k] == 6 ? Addresses.mac(x.arr[k], x.off[k]) : Addresses.hex(x.arr[k], x.off[k], x.len[k], ':');
      case FLOAT: case DOUBLE:
        return FieldFormat.doubleText(x.dbl[k]);
      default:
        return t.isSigned() ? Long.toString(x.num[k]) : Long.toUnsignedString(x.num[k]);
    }
  }
}

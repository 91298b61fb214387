package io.netsift.core.filter;

import io.netsift.core.field.FieldType;
import io.netsift.core.filter.Ftypes.Rep;
import java.util.List;

/**
 * The comparison operators, one constant each, holding everything about the operator: its
 * spellings, how it treats fields that occur several times, which field types it accepts and
 * how it compares two values. Adding an operator means adding a constant here and, if it has a
 * new spelling, nothing else: the lexer, the checker and the evaluator all read this table.
 *
 * <p>Multi-occurrence semantics are Wireshark 4.0's: a relation compares every value on the
 * left with every value on the right; "any" relations hold when one pair satisfies the
 * predicate, "all" relations when every pair does. So {@code ip.addr == X} is "some address
 * is X" and {@code ip.addr != X} is "no address is X" (all pairs differ), while
 * {@code ip.addr !== X} is "some address is not X". The prefixes {@code any} and {@code all}
 * override an operator's default.
 */
enum CompareOp {
  ANY_EQ(Shape.EQUALITY, false, "==", "eq", "any_eq") {
    @Override
    boolean pair(Rep r, Values a, int i, Values b, int j) {
      return equal(r, a, i, b, j);
    }
  },
  ALL_NE(Shape.EQUALITY, true, "!=", "ne", "all_ne") {
    @Override
    boolean pair(Rep r, Values a, int i, Values b, int j) {
      return !equal(r, a, i, b, j);
    }
  },
  ALL_EQ(Shape.EQUALITY, true, "===", "all_eq") {
    @Override
    boolean pair(Rep r, Values a, int i, Values b, int j) {
      return equal(r, a, i, b, j);
    }
  },
  ANY_NE(Shape.EQUALITY, false, "!==", "any_ne") {
    @Override
    boolean pair(Rep r, Values a, int i, Values b, int j) {
      return !equal(r, a, i, b, j);
    }
  },
  GT(Shape.ORDER, false, ">", "gt") {
    @Override
    boolean pair(Rep r, Values a, int i, Values b, int j) {
      return order(r, a, i, b, j) > 0;
    }
  },
  GE(Shape.ORDER, false, ">=", "ge") {
    @Override
    boolean pair(Rep r, Values a, int i, Values b, int j) {
      return order(r, a, i, b, j) >= 0;
    }
  },
  LT(Shape.ORDER, false, "<", "lt") {
    @Override
    boolean pair(Rep r, Values a, int i, Values b, int j) {
      return order(r, a, i, b, j) < 0;
    }
  },
  LE(Shape.ORDER, false, "<=", "le") {
    @Override
    boolean pair(Rep r, Values a, int i, Values b, int j) {
      return order(r, a, i, b, j) <= 0;
    }
  },
  CONTAINS(Shape.SEARCH, false, "contains") {
    @Override
    boolean pair(Rep r, Values a, int i, Values b, int j) {
      return contains(a, i, b, j);
    }
  },
  /** The right side is a regular expression; {@link Ir.Matches} evaluates it. */
  MATCHES(Shape.REGEX, false, "~", "matches") {
    @Override
    boolean pair(Rep r, Values a, int i, Values b, int j) {
      throw new UnsupportedOperationException("matches has a pattern, not a value, on its right");
    }
  };

  /** What kind of test an operator is; decides the grammar and the type rule. */
  enum Shape { EQUALITY, ORDER, SEARCH, REGEX }

  private final Shape shape;
  private final boolean allByDefault;
  private final String symbol;
  private final List<String> words;

  CompareOp(Shape shape, boolean allByDefault, String symbol, String... words) {
    this.shape = shape;
    this.allByDefault = allByDefault;
    this.symbol = symbol;
    this.words = List.of(words);
  }

  /** Whether the pair predicate holds for left value {@code i} and right value {@code j}. */
  abstract boolean pair(Rep r, Values a, int i, Values b, int j);

  Shape shape() {
    return shape;
  }

  /** Whether, without an any/all prefix, every pair must satisfy the predicate. */
  boolean allByDefault() {
    return allByDefault;
  }

  /** The C-like spelling ({@code ==}), or the word for operators that have only a word. */
  String symbol() {
    return symbol;
  }

  /** Comparisons of arithmetic expressions, which chain ({@code 1 < tcp.port < 1024}). */
  boolean chains() {
    return shape == Shape.EQUALITY || shape == Shape.ORDER;
  }

  /** Whether values of this type may stand on either side of the operator. */
  boolean accepts(FieldType t) {
    switch (shape) {
      case EQUALITY: return Ftypes.canEq(t);
      case ORDER: return Ftypes.canOrder(t);
      case SEARCH: return Ftypes.canContains(t);
      default: return Ftypes.canMatches(t);
    }
  }

  /** The operator an English keyword names ({@code eq}, {@code contains}), or null. */
  static CompareOp byWord(String w) {
    for (CompareOp op : values()) {
      if (op.words.contains(w) || op.symbol.equals(w) && Character.isLetter(w.charAt(0))) {
        return op;
      }
    }
    return null;
  }

  /** Evaluates the relation over every pair, in the given mode. */
  boolean test(Rep r, boolean all, Values a, Values b) {
    for (int i = 0; i < a.size; i++) {
      for (int j = 0; j < b.size; j++) {
        boolean ok = pair(r, a, i, b, j);
        if (all && !ok) {
          return false;
        }
        if (!all && ok) {
          return true;
        }
      }
    }
    return all;
  }

  // ---- value kernels ----

  static boolean equal(Rep r, Values a, int i, Values b, int j) {
    switch (r) {
      case UINT: case SINT: case TIME:
        return a.num[i] == b.num[j];
      case BOOL:
        return (a.num[i] != 0) == (b.num[j] != 0);
      case FLOAT:
        return a.dbl[i] == b.dbl[j];
      case IPV4:
        return ((a.num[i] ^ b.num[j]) & ipv4Mask(a.prefix[i], b.prefix[j])) == 0;
      case IPV6:
        if (a.len[i] == 16 && b.len[j] == 16) {
          return prefixOrder(a, i, b, j, ipv6Bits(a.prefix[i], b.prefix[j])) == 0;
        }
        return bytesEqual(a, i, b, j);
      default:
        return bytesEqual(a, i, b, j);
    }
  }

  static int order(Rep r, Values a, int i, Values b, int j) {
    switch (r) {
      case UINT:
        return Long.compareUnsigned(a.num[i], b.num[j]);
      case SINT: case TIME:
        return Long.compare(a.num[i], b.num[j]);
      case BOOL:
        return Integer.compare(a.num[i] != 0 ? 1 : 0, b.num[j] != 0 ? 1 : 0);
      case FLOAT: {
        double x = a.dbl[i];
        double y = b.dbl[j];
        return x < y ? -1 : x > y ? 1 : 0;
      }
      case IPV4: {
        long m = ipv4Mask(a.prefix[i], b.prefix[j]);
        return Long.compare(a.num[i] & m, b.num[j] & m);
      }
      case IPV6:
        if (a.len[i] == 16 && b.len[j] == 16) {
          return prefixOrder(a, i, b, j, ipv6Bits(a.prefix[i], b.prefix[j]));
        }
        return bytesOrder(a, i, b, j);
      case STRING:
        return stringOrder(a, i, b, j);
      default:
        return bytesOrder(a, i, b, j);
    }
  }

  private static long ipv4Mask(int p, int q) {
    int bits = Math.min(p < 0 ? 32 : p, q < 0 ? 32 : q);
    return bits == 0 ? 0 : (0xffffffffL << (32 - bits)) & 0xffffffffL;
  }

  private static int ipv6Bits(int p, int q) {
    return Math.min(p < 0 ? 128 : p, q < 0 ? 128 : q);
  }

  /** Compares the first {@code bits} bits of two 16-byte addresses. */
  private static int prefixOrder(Values a, int i, Values b, int j, int bits) {
    for (int k = 0; k < 16 && bits > 0; k++, bits -= 8) {
      int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
      int x = a.arr[i][a.off[i] + k] & mask;
      int y = b.arr[j][b.off[j] + k] & mask;
      if (x != y) {
        return x < y ? -1 : 1;
      }
    }
    return 0;
  }

  static boolean bytesEqual(Values a, int i, Values b, int j) {
    int n = a.len[i];
    if (n != b.len[j]) {
      return false;
    }
    byte[] x = a.arr[i];
    byte[] y = b.arr[j];
    int p = a.off[i];
    int q = b.off[j];
    for (int k = 0; k < n; k++) {
      if (x[p + k] != y[q + k]) {
        return false;
      }
    }
    return true;
  }

  /** Byte strings: the shorter is smaller, equal lengths compare byte by byte (Wireshark's bytes order). */
  static int bytesOrder(Values a, int i, Values b, int j) {
    if (a.len[i] != b.len[j]) {
      return a.len[i] < b.len[j] ? -1 : 1;
    }
    return stringOrder(a, i, b, j);
  }

  /** Strings: byte by byte over the common length, then the shorter is smaller (strcmp). */
  static int stringOrder(Values a, int i, Values b, int j) {
    int n = Math.min(a.len[i], b.len[j]);
    byte[] x = a.arr[i];
    byte[] y = b.arr[j];
    int p = a.off[i];
    int q = b.off[j];
    for (int k = 0; k < n; k++) {
      int u = x[p + k] & 0xff;
      int v = y[q + k] & 0xff;
      if (u != v) {
        return u < v ? -1 : 1;
      }
    }
    return Integer.compare(a.len[i], b.len[j]);
  }

  /** Whether the bytes of {@code b[j]} occur within the searchable extent of {@code a[i]}. */
  static boolean contains(Values a, int i, Values b, int j) {
    int n = a.extent[i];
    int m = b.len[j];
    byte[] x = a.arr[i];
    byte[] y = b.arr[j];
    int p = a.off[i];
    int q = b.off[j];
    if (m == 0) {
      return true;
    }
    outer:
    for (int k = 0; k + m <= n; k++) {
      for (int t = 0; t < m; t++) {
        if (x[p + k + t] != y[q + t]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}

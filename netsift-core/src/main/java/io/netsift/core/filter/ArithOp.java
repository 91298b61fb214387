package io.netsift.core.filter;

import io.netsift.core.field.FieldType;
import io.netsift.core.filter.Ftypes.Rep;

/**
 * Arithmetic and bitwise operators, one constant each with its spelling, the types it works
 * on and its evaluator. As in Wireshark, the result has the type of the left operand, a
 * literal on the right takes that type, and a pair that cannot be computed (division by zero)
 * yields no value rather than an error.
 */
enum ArithOp {
  ADD("+") {
    @Override
    boolean accepts(FieldType t) {
      return Ftypes.isInteger(t) || isFloat(t) || t == FieldType.RELATIVE_TIME;
    }
  },
  SUBTRACT("-") {
    @Override
    boolean accepts(FieldType t) {
      return Ftypes.isInteger(t) || isFloat(t) || t == FieldType.RELATIVE_TIME;
    }
  },
  MULTIPLY("*") {
    @Override
    boolean accepts(FieldType t) {
      return Ftypes.isInteger(t) || isFloat(t);
    }
  },
  DIVIDE("/") {
    @Override
    boolean accepts(FieldType t) {
      return Ftypes.isInteger(t) || isFloat(t);
    }
  },
  MODULO("%") {
    @Override
    boolean accepts(FieldType t) {
      return Ftypes.isInteger(t);
    }
  },
  BITWISE_AND("&") {
    @Override
    boolean accepts(FieldType t) {
      return Ftypes.isInteger(t) || t == FieldType.BOOLEAN || t == FieldType.IPv4 || t == FieldType.ETHER
          || t == FieldType.BYTES || t == FieldType.UINT_BYTES;
    }
  };

  private final String symbol;

  ArithOp(String symbol) {
    this.symbol = symbol;
  }

  String symbol() {
    return symbol;
  }

  /** Whether the operator works on values of type {@code t} (the left operand's type). */
  abstract boolean accepts(FieldType t);

  private static boolean isFloat(FieldType t) {
    return t == FieldType.FLOAT || t == FieldType.DOUBLE;
  }

  /** Appends {@code a[i] op b[j]} to {@code out}, or nothing when it is undefined. */
  void apply(Rep r, Values a, int i, Values b, int j, Values out) {
    switch (r) {
      case FLOAT: {
        double x = a.dbl[i];
        double y = b.dbl[j];
        double z;
        switch (this) {
          case ADD: z = x + y; break;
          case SUBTRACT: z = x - y; break;
          case MULTIPLY: z = x * y; break;
          case DIVIDE: z = x / y; break;
          default: return;
        }
        out.addDouble(z);
        return;
      }
      case BYTES: {
        if (this != BITWISE_AND) {
          return;
        }
        int n = Math.min(a.len[i], b.len[j]);
        byte[] z = new byte[n];
        for (int k = 0; k < n; k++) {
          z[k] = (byte) (a.arr[i][a.off[i] + k] & b.arr[j][b.off[j] + k]);
        }
        out.addBytes(z, 0, n);
        return;
      }
      default: {
        long x = a.num[i];
        long y = b.num[j];
        long z;
        boolean unsigned = r != Rep.SINT && r != Rep.TIME;
        switch (this) {
          case ADD: z = x + y; break;
          case SUBTRACT: z = x - y; break;
          case MULTIPLY: z = x * y; break;
          case DIVIDE:
            if (y == 0) {
              return;
            }
            z = unsigned ? Long.divideUnsigned(x, y) : x / y;
            break;
          case MODULO:
            if (y == 0) {
              return;
            }
            z = unsigned ? Long.remainderUnsigned(x, y) : x % y;
            break;
          default: z = x & y;
        }
        out.addNumber(r == Rep.IPV4 ? z & 0xffffffffL : z);
      }
    }
  }

  /** The operator a token kind spells. */
  static ArithOp of(Token.Kind k) {
    switch (k) {
      case PLUS: return ADD;
      case MINUS: return SUBTRACT;
      case STAR: return MULTIPLY;
      case SLASH: return DIVIDE;
      case PERCENT: return MODULO;
      default: return BITWISE_AND;
    }
  }
}

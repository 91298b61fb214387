package io.netsift.core.filter;

import java.util.List;

/**
 * The syntax tree the parser builds: tests (logic, relations, bare values) and value
 * expressions. Names are not resolved yet; the {@link Checker} does that and types the tree.
 * Every node knows the characters it came from, for error messages.
 */
sealed interface Ast {
  int start();

  int end();

  /** {@code and}, {@code or}, {@code xor}: the operator token's kind says which. */
  record Logic(Token op, Ast left, Ast right) implements Ast {
    public int start() { return left.start(); }
    public int end() { return right.end(); }
  }

  record Not(Token op, Ast operand) implements Ast {
    public int start() { return op.start(); }
    public int end() { return operand.end(); }
  }

  /** A relation; {@code modifier} is the {@code any}/{@code all} token, or null. */
  record Compare(Token op, CompareOp cmp, Ast lhs, Ast rhs, Token modifier) implements Ast {
    public int start() { return modifier != null ? modifier.start() : lhs.start(); }
    public int end() { return rhs.end(); }
  }

  /** {@code x in {a, b..c}}: each element is {@code lo[i]}, or the range {@code lo[i]..hi[i]}. */
  record InSet(Token op, Ast lhs, List<Ast> lo, List<Ast> hi, boolean negated, Token modifier, int end)
      implements Ast {
    public int start() { return modifier != null ? modifier.start() : lhs.start(); }
  }

  /** A value used as a test: existence of a field, non-zero of arithmetic. */
  record ValueTest(Ast value) implements Ast {
    public int start() { return value.start(); }
    public int end() { return value.end(); }
  }

  /** A name or an unparsed literal ({@code ip.src}, {@code 10.0.0.1}, {@code 0x1f}, {@code .ip}). */
  record Word(Token token) implements Ast {
    public int start() { return token.start(); }
    public int end() { return token.end(); }
    String name() { return (String) token.value(); }
    boolean forcedField() { return token.kind() == Token.Kind.DOTWORD; }
  }

  record Str(Token token) implements Ast {
    public int start() { return token.start(); }
    public int end() { return token.end(); }
    byte[] bytes() { return (byte[]) token.value(); }
  }

  record Chr(Token token) implements Ast {
    public int start() { return token.start(); }
    public int end() { return token.end(); }
    long value() { return (Long) token.value(); }
  }

  /** {@code field#2}, {@code field#[1-2]}. */
  record Layered(Word field, List<Range> layers, int end) implements Ast {
    public int start() { return field.start(); }
  }

  record Slice(Ast base, List<Range> ranges, int end) implements Ast {
    public int start() { return base.start(); }
  }

  /** {@code @field}: the field's bytes in the frame. */
  record Raw(Token at, Ast field) implements Ast {
    public int start() { return at.start(); }
    public int end() { return field.end(); }
  }

  record Call(Token name, List<Ast> args, int end) implements Ast {
    public int start() { return name.start(); }
  }

  record Arith(Token op, Ast left, Ast right) implements Ast {
    public int start() { return left.start(); }
    public int end() { return right.end(); }
  }

  record Negate(Token op, Ast operand) implements Ast {
    public int start() { return op.start(); }
    public int end() { return operand.end(); }
  }

  /** {@code {a + b}}: grouping of arithmetic. */
  record Group(Token brace, Ast inner, int end) implements Ast {
    public int start() { return brace.start(); }
  }

  /**
   * One range of a slice or layer list, as Wireshark's drange: {@code i:j} (start, length),
   * {@code i-j} (start, inclusive end), {@code i} (one), {@code :j}, {@code i:} (to the end).
   */
  record Range(int lower, End end, int upper, String text) {
    enum End { LENGTH, OFFSET, TO_THE_END }

    /**
     * Start and length of this range within a value of {@code n} bytes, packed as
     * {@code start << 32 | length} (no allocation per packet), or -1 when out of range.
     */
    long resolve(int n) {
      long start = lower;
      if (start < 0) {
        start += n;
        if (start < 0) {
          return -1;
        }
      }
      long length;
      switch (end) {
        case TO_THE_END:
          length = n - start;
          if (length <= 0) {
            return -1;
          }
          break;
        case LENGTH:
          length = upper;
          if (start + length > n) {
            return -1;
          }
          break;
        default: {
          long e = upper;
          if (e < 0) {
            e += n;
            if (e < start) {
              return -1;
            }
          } else if (e >= n) {
            return -1;
          }
          length = e - start + 1;
          if (length <= 0) {
            return -1;
          }
        }
      }
      return start << 32 | length;
    }

    /** Whether layer number {@code k} (1-based) lies in this range. */
    boolean containsLayer(int k) {
      switch (end) {
        case TO_THE_END: return k >= lower;
        case LENGTH: return k >= lower && (long) k < (long) lower + upper;
        default: return k >= lower && k <= upper;
      }
    }

    @Override
    public String toString() {
      switch (end) {
        case TO_THE_END: return lower + ":";
        case LENGTH: return upper == 1 ? Integer.toString(lower) : lower + ":" + upper;
        default: return lower + "-" + upper;
      }
    }
  }
}

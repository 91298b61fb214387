package io.netsift.core.filter;

import io.netsift.core.filter.Ast.Range;
import io.netsift.core.filter.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for the display-filter grammar of Wireshark 4.x, with its
 * precedence: {@code not} binds tightest, then {@code and}, {@code xor}, {@code or}; relations
 * bind tighter than all of them; inside values {@code &} is loosest, then {@code + -}, then
 * {@code * / %}, then unary minus. Errors name the first token that cannot continue the
 * filter, in tshark's words; a filter of only blanks parses to null (matches every packet).
 */
final class Parser {
  private final String src;
  private final List<Token> toks;
  private int i;

  private Parser(String src) {
    this.src = src;
    this.toks = Lexer.tokens(src);
  }

  /**
   * Deepest nesting accepted (parentheses, negations, operator chains, slices of slices): the
   * checker and the evaluator recurse over the tree, so a bound keeps any input from
   * exhausting the stack.
   */
  static final int MAX_DEPTH = 500;

  static Ast parse(String filter) throws FilterException {
    Parser p = new Parser(filter);
    if (p.peek().is(Kind.EOF)) {
      return null;
    }
    Ast e = p.orExpr();
    Token t = p.peek();
    if (!t.is(Kind.EOF)) {
      throw p.unexpected(t);
    }
    p.checkDepth(e);
    return e;
  }

  private int nesting;

  private void enter(Token at) throws FilterException {
    if (++nesting > MAX_DEPTH) {
      throw tooDeep(at.start(), at.end());
    }
  }

  private FilterException tooDeep(int start, int end) {
    return FilterException.at("Filter nests too deeply (more than " + MAX_DEPTH + " levels).", src, start,
        Math.max(1, end - start));
  }

  /** Rejects trees deeper than {@link #MAX_DEPTH}; iterative, so it cannot overflow itself. */
  private void checkDepth(Ast root) throws FilterException {
    java.util.ArrayDeque<Object[]> stack = new java.util.ArrayDeque<>();
    stack.push(new Object[] {root, 1});
    while (!stack.isEmpty()) {
      Object[] top = stack.pop();
      Ast a = (Ast) top[0];
      int depth = (Integer) top[1];
      if (depth > MAX_DEPTH) {
        throw tooDeep(a.start(), a.end());
      }
      for (Ast c : children(a)) {
        if (c != null) {
          stack.push(new Object[] {c, depth + 1});
        }
      }
    }
  }

  private static List<Ast> children(Ast a) {
    if (a instanceof Ast.Logic) {
      return List.of(((Ast.Logic) a).left(), ((Ast.Logic) a).right());
    }
    if (a instanceof Ast.Not) {
      return List.of(((Ast.Not) a).operand());
    }
    if (a instanceof Ast.Compare) {
      return List.of(((Ast.Compare) a).lhs(), ((Ast.Compare) a).rhs());
    }
    if (a instanceof Ast.InSet) {
      List<Ast> out = new ArrayList<>(((Ast.InSet) a).lo());
      out.add(((Ast.InSet) a).lhs());
      for (Ast h : ((Ast.InSet) a).hi()) {
        if (h != null) {
          out.add(h);
        }
      }
      return out;
    }
    if (a instanceof Ast.ValueTest) {
      return List.of(((Ast.ValueTest) a).value());
    }
    if (a instanceof Ast.Slice) {
      return List.of(((Ast.Slice) a).base());
    }
    if (a instanceof Ast.Raw) {
      return List.of(((Ast.Raw) a).field());
    }
    if (a instanceof Ast.Call) {
      return ((Ast.Call) a).args();
    }
    if (a instanceof Ast.Arith) {
      return List.of(((Ast.Arith) a).left(), ((Ast.Arith) a).right());
    }
    if (a instanceof Ast.Negate) {
      return List.of(((Ast.Negate) a).operand());
    }
    if (a instanceof Ast.Group) {
      return List.of(((Ast.Group) a).inner());
    }
    return List.of();
  }

  // ---- tokens ----

  private Token peek() throws FilterException {
    Token t = toks.get(i);
    if (t.is(Kind.ERROR)) {
      throw (FilterException) t.value();
    }
    return t;
  }

  private Token next() throws FilterException {
    Token t = peek();
    if (!t.is(Kind.EOF)) {
      i++;
    }
    return t;
  }

  private Token expect(Kind k) throws FilterException {
    Token t = peek();
    if (!t.is(k)) {
      throw unexpected(t);
    }
    return next();
  }

  FilterException unexpected(Token t) {
    if (t.is(Kind.EOF)) {
      return FilterException.unlocated("Unexpected end of filter expression.", src);
    }
    return FilterException.at("\"" + display(t) + "\" was unexpected in this context.", src, t.start(), t.length());
  }

  /** How tshark shows a token: its text, but a string (raw or not) as its value in double quotes. */
  static String display(Token t) {
    if (t.is(Kind.STRING)) {
      return "\"" + new String((byte[]) t.value(), java.nio.charset.StandardCharsets.UTF_8) + "\"";
    }
    return t.text();
  }

  // ---- tests ----

  private Ast orExpr() throws FilterException {
    Ast left = xorExpr();
    while (peek().is(Kind.OR)) {
      Token op = next();
      left = new Ast.Logic(op, left, xorExpr());
    }
    return left;
  }

  private Ast xorExpr() throws FilterException {
    Ast left = andExpr();
    while (peek().is(Kind.XOR)) {
      Token op = next();
      left = new Ast.Logic(op, left, andExpr());
    }
    return left;
  }

  private Ast andExpr() throws FilterException {
    Ast left = notExpr();
    while (peek().is(Kind.AND)) {
      Token op = next();
      left = new Ast.Logic(op, left, notExpr());
    }
    return left;
  }

  private Ast notExpr() throws FilterException {
    if (peek().is(Kind.NOT)) {
      Token op = next();
      enter(op);
      Ast operand = notExpr();
      nesting--;
      return new Ast.Not(op, operand);
    }
    return primaryTest();
  }

  private Ast primaryTest() throws FilterException {
    if (peek().is(Kind.LPAREN)) {
      enter(next());
      Ast e = orExpr();
      expect(Kind.RPAREN);
      nesting--;
      return e;
    }
    Token modifier = null;
    if (peek().is(Kind.ANY) || peek().is(Kind.ALL)) {
      modifier = next();
    }
    Ast lhs = arith();
    Token t = peek();
    if (t.is(Kind.COMPARE)) {
      CompareOp op = (CompareOp) t.value();
      if (!op.chains()) {
        if (!isEntity(lhs)) {
          throw unexpected(t);
        }
        next();
        return new Ast.Compare(t, op, lhs, entity(), modifier);
      }
      return comparisonChain(lhs, modifier);
    }
    if (t.is(Kind.IN) || t.is(Kind.NOT)) {
      // After a value, "not" can only begin "not in" (tshark's parser shifts it the same way).
      if (!isEntity(lhs)) {
        throw unexpected(t);
      }
      boolean negated = t.is(Kind.NOT);
      if (negated) {
        next();
      }
      Token in = expect(Kind.IN);
      return set(in, lhs, negated, modifier);
    }
    if (modifier != null) {
      throw unexpected(t);
    }
    return new Ast.ValueTest(lhs);
  }

  /** {@code a < b <= c}: pairwise relations joined by and, sharing the middle operands. */
  private Ast comparisonChain(Ast lhs, Token modifier) throws FilterException {
    Ast result = null;
    Ast left = lhs;
    while (peek().is(Kind.COMPARE) && ((CompareOp) peek().value()).chains()) {
      Token op = next();
      Ast right = arith();
      Ast rel = new Ast.Compare(op, (CompareOp) op.value(), left, right, modifier);
      result = result == null ? rel : new Ast.Logic(new Token(Kind.AND, "and", op.start(), op.start(), null), result, rel);
      left = right;
    }
    return result;
  }

  private Ast set(Token in, Ast lhs, boolean negated, Token modifier) throws FilterException {
    expect(Kind.LBRACE);
    List<Ast> lo = new ArrayList<>();
    List<Ast> hi = new ArrayList<>();
    while (true) {
      lo.add(setEntity());
      if (peek().is(Kind.DOTDOT)) {
        next();
        hi.add(setEntity());
      } else {
        hi.add(null);
      }
      Token t = next();
      if (t.is(Kind.RBRACE)) {
        return new Ast.InSet(in, lhs, lo, hi, negated, modifier, t.end());
      }
      if (!t.is(Kind.COMMA)) {
        throw unexpected(t);
      }
    }
  }

  private Ast setEntity() throws FilterException {
    if (peek().is(Kind.MINUS)) {
      Token op = next();
      return new Ast.Negate(op, entity());
    }
    if (peek().is(Kind.PLUS)) {
      next();
    }
    return entity();
  }

  private static boolean isEntity(Ast a) {
    return !(a instanceof Ast.Arith || a instanceof Ast.Negate || a instanceof Ast.Group);
  }

  // ---- values ----

  private Ast arith() throws FilterException {
    Ast left = sum();
    while (peek().is(Kind.BITAND)) {
      Token op = next();
      left = new Ast.Arith(op, left, sum());
    }
    return left;
  }

  private Ast sum() throws FilterException {
    Ast left = product();
    while (peek().is(Kind.PLUS) || peek().is(Kind.MINUS)) {
      Token op = next();
      left = new Ast.Arith(op, left, product());
    }
    return left;
  }

  private Ast product() throws FilterException {
    Ast left = unary();
    while (peek().is(Kind.STAR) || peek().is(Kind.SLASH) || peek().is(Kind.PERCENT)) {
      Token op = next();
      left = new Ast.Arith(op, left, unary());
    }
    return left;
  }

  private Ast unary() throws FilterException {
    if (peek().is(Kind.MINUS)) {
      Token op = next();
      return new Ast.Negate(op, entity());
    }
    if (peek().is(Kind.PLUS)) {
      next();
      return entity();
    }
    if (peek().is(Kind.LBRACE)) {
      Token brace = next();
      enter(brace);
      Ast inner = arith();
      Token close = expect(Kind.RBRACE);
      nesting--;
      return new Ast.Group(brace, inner, close.end());
    }
    return entity();
  }

  /** An operand: literal, string, field (with layers), {@code @field}, call; then any slices. */
  private Ast entity() throws FilterException {
    Token t = peek();
    Ast e;
    switch (t.kind()) {
      case STRING:
        next();
        e = new Ast.Str(t);
        break;
      case CHARCONST:
        next();
        e = new Ast.Chr(t);
        break;
      case WORD:
        next();
        if (peek().is(Kind.LPAREN)) {
          e = call(t);
        } else {
          e = layered(new Ast.Word(t));
        }
        break;
      case DOTWORD:
        next();
        e = layered(new Ast.Word(t));
        break;
      case ATSIGN: {
        next();
        Token f = peek();
        if (!f.is(Kind.WORD) && !f.is(Kind.DOTWORD)) {
          throw unexpected(f);
        }
        next();
        e = new Ast.Raw(t, layered(new Ast.Word(f)));
        break;
      }
      default:
        throw unexpected(t);
    }
    while (peek().is(Kind.LBRACKET)) {
      next();
      List<Range> ranges = ranges();
      e = new Ast.Slice(e, ranges, toks.get(i - 1).end());
    }
    return e;
  }

  private Ast layered(Ast.Word w) throws FilterException {
    if (!peek().is(Kind.HASH)) {
      return w;
    }
    next();
    Token t = next();
    if (t.is(Kind.LAYER_INDEX)) {
      return new Ast.Layered(w, List.of(range(t)), t.end());
    }
    if (t.is(Kind.LBRACKET)) {
      List<Range> ranges = ranges();
      return new Ast.Layered(w, ranges, toks.get(i - 1).end());
    }
    throw unexpected(t);
  }

  /** Range nodes after '[' up to and including ']'. */
  private List<Range> ranges() throws FilterException {
    List<Range> out = new ArrayList<>();
    while (true) {
      Token t = next();
      if (!t.is(Kind.RANGE_NODE)) {
        throw unexpected(t);
      }
      out.add(range(t));
      Token sep = next();
      if (sep.is(Kind.RBRACKET)) {
        return out;
      }
      if (!sep.is(Kind.COMMA)) {
        throw unexpected(sep);
      }
    }
  }

  private Ast call(Token name) throws FilterException {
    enter(next()); // (
    try {
      return callArgs(name);
    } finally {
      nesting--;
    }
  }

  private Ast callArgs(Token name) throws FilterException {
    List<Ast> args = new ArrayList<>();
    if (peek().is(Kind.RPAREN)) {
      return new Ast.Call(name, args, next().end());
    }
    while (true) {
      args.add(arith());
      Token t = next();
      if (t.is(Kind.RPAREN)) {
        return new Ast.Call(name, args, t.end());
      }
      if (!t.is(Kind.COMMA)) {
        throw unexpected(t);
      }
    }
  }

  // ---- ranges (Wireshark's drange_node_from_str) ----

  private Range range(Token t) throws FilterException {
    String text = t.text();
    int[] pos = {0};
    int lower = 0;
    if (!text.startsWith(":")) {
      Integer v = int32(text, pos);
      if (v == null) {
        throw rangeError("\"" + text + "\" is not a valid number.", t);
      }
      lower = v;
    }
    skipBlanks(text, pos);
    Range.End end;
    int upper = 0;
    if (pos[0] < text.length() && text.charAt(pos[0]) == '-') {
      pos[0]++;
      end = Range.End.OFFSET;
      Integer v = int32(text, pos);
      if (v == null) {
        throw rangeError("\"" + text.substring(pos[0]) + "\" is not a valid number.", t);
      }
      upper = v;
    } else if (pos[0] < text.length() && text.charAt(pos[0]) == ':') {
      pos[0]++;
      if (pos[0] == text.length()) {
        end = Range.End.TO_THE_END;
      } else {
        end = Range.End.LENGTH;
        Integer v = int32(text, pos);
        if (v == null) {
          throw rangeError("\"" + text.substring(pos[0]) + "\" is not a valid number.", t);
        }
        upper = v;
      }
    } else if (pos[0] == text.length()) {
      end = Range.End.LENGTH;
      upper = 1;
    } else {
      throw rangeError("\"" + text + "\" is not a valid range.", t);
    }
    skipBlanks(text, pos);
    if (pos[0] != text.length()) {
      throw rangeError("\"" + text + "\" is not a valid range.", t);
    }
    if (end == Range.End.LENGTH && upper <= 0) {
      throw rangeError("Range " + text + " isn't valid because length " + upper + " isn't positive", t);
    }
    if (end == Range.End.OFFSET) {
      if (lower < 0 && upper > 0 || lower > 0 && upper < 0) {
        throw rangeError("Range " + text + " isn't valid because " + lower + " and " + upper
            + " have different signs", t);
      }
      if (lower >= upper) {
        throw rangeError("Range " + text + " isn't valid because " + lower + " is greater or equal than "
            + upper, t);
      }
    }
    return new Range(lower, end, upper, text);
  }

  private FilterException rangeError(String msg, Token t) {
    return FilterException.at(msg, src, t.start(), t.length());
  }

  private static void skipBlanks(String s, int[] pos) {
    while (pos[0] < s.length() && Character.isWhitespace(s.charAt(pos[0]))) {
      pos[0]++;
    }
  }

  /** strtol-like: optional blanks, sign, at least one digit; null when absent or out of range. */
  private static Integer int32(String s, int[] pos) {
    int p = pos[0];
    while (p < s.length() && Character.isWhitespace(s.charAt(p))) {
      p++;
    }
    int signAt = p;
    if (p < s.length() && (s.charAt(p) == '-' || s.charAt(p) == '+')) {
      p++;
    }
    int digits = p;
    while (p < s.length() && s.charAt(p) >= '0' && s.charAt(p) <= '9') {
      p++;
    }
    if (p == digits) {
      return null;
    }
    try {
      long v = Long.parseLong(s.substring(signAt, p));
      if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
        return null;
      }
      pos[0] = p;
      return (int) v;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}

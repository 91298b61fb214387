package io.netsift.core.filter;

import io.netsift.core.filter.Token.Kind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits a display filter into tokens the way Wireshark 4.0's scanner does: words (field names
 * and unparsed literals such as {@code 10.0.0.1/8}, {@code 00:11:22:33:44:55}, {@code 0x1f}),
 * quoted and raw strings with their escapes, character constants, operators (C-like and
 * English), and the two sub-languages of brackets (slice ranges) and {@code #} (layers).
 * One pass, no backtracking: lexing is linear in the length of the filter.
 */
final class Lexer {
  private static final Map<String, Kind> KEYWORDS = Map.ofEntries(
      Map.entry("and", Kind.AND), Map.entry("or", Kind.OR), Map.entry("xor", Kind.XOR),
      Map.entry("not", Kind.NOT), Map.entry("in", Kind.IN), Map.entry("any", Kind.ANY),
      Map.entry("all", Kind.ALL), Map.entry("bitwise_and", Kind.BITAND));

  private final String s;
  private final List<Token> out = new ArrayList<>();
  private int p;

  private Lexer(String filter) {
    this.s = filter;
  }

  /**
   * The tokens of {@code filter}, ending with EOF, or with an ERROR token carrying the
   * {@link FilterException} of the first lexical error (the parser raises it when it gets there).
   */
  static List<Token> tokens(String filter) {
    Lexer lx = new Lexer(filter);
    try {
      lx.run();
    } catch (FilterException e) {
      lx.out.add(new Token(Kind.ERROR, "", e.column(), e.column(), e));
    }
    return lx.out;
  }

  private void run() throws FilterException {
    int n = s.length();
    while (true) {
      while (p < n && isBlank(s.charAt(p))) {
        p++;
      }
      if (p >= n) {
        out.add(new Token(Kind.EOF, "", n, n, null));
        return;
      }
      char c = s.charAt(p);
      int start = p;
      if ((c == 'r' || c == 'R') && p + 1 < n && s.charAt(p + 1) == '"') {
        p++;
        string(start, true);
      } else if (c == '"') {
        string(start, false);
      } else if (c == '\'') {
        charConst(start);
      } else if (isWordStart(c)) {
        word(start, Kind.WORD);
      } else if (c == '.') {
        if (p + 1 < n && s.charAt(p + 1) == '.') {
          p += 2;
          add(Kind.DOTDOT, start, null);
        } else if (p + 1 < n && isWordStart(s.charAt(p + 1))) {
          p++;
          word(start, Kind.DOTWORD);
        } else {
          p++;
          add(Kind.UNKNOWN, start, null);
        }
      } else if (c == '[') {
        p++;
        add(Kind.LBRACKET, start, null);
        range();
      } else if (c == '#') {
        p++;
        add(Kind.HASH, start, null);
        layer();
      } else {
        operator(c, start);
      }
    }
  }

  private void operator(char c, int start) {
    Kind k;
    CompareOp op = null;
    switch (c) {
      case '(': k = Kind.LPAREN; p++; break;
      case ')': k = Kind.RPAREN; p++; break;
      case '{': k = Kind.LBRACE; p++; break;
      case '}': k = Kind.RBRACE; p++; break;
      case ']': k = Kind.RBRACKET; p++; break;
      case ',': k = Kind.COMMA; p++; break;
      case '@': k = Kind.ATSIGN; p++; break;
      case '+': k = Kind.PLUS; p++; break;
      case '-': k = Kind.MINUS; p++; break;
      case '*': k = Kind.STAR; p++; break;
      case '/': k = Kind.SLASH; p++; break;
      case '%': k = Kind.PERCENT; p++; break;
      case '~': k = Kind.COMPARE; op = CompareOp.MATCHES; p++; break;
      case '=':
        if (at("===")) {
          k = Kind.COMPARE; op = CompareOp.ALL_EQ; p += 3;
        } else if (at("==")) {
          k = Kind.COMPARE; op = CompareOp.ANY_EQ; p += 2;
        } else {
          k = Kind.UNKNOWN; p++;
        }
        break;
      case '!':
        if (at("!==")) {
          k = Kind.COMPARE; op = CompareOp.ANY_NE; p += 3;
        } else if (at("!=")) {
          k = Kind.COMPARE; op = CompareOp.ALL_NE; p += 2;
        } else {
          k = Kind.NOT; p++;
        }
        break;
      case '>':
        k = Kind.COMPARE;
        op = at(">=") ? CompareOp.GE : CompareOp.GT;
        p += op == CompareOp.GE ? 2 : 1;
        break;
      case '<':
        k = Kind.COMPARE;
        op = at("<=") ? CompareOp.LE : CompareOp.LT;
        p += op == CompareOp.LE ? 2 : 1;
        break;
      case '&':
        if (at("&&")) {
          k = Kind.AND; p += 2;
        } else {
          k = Kind.BITAND; p++;
        }
        break;
      case '|':
        k = at("||") ? Kind.OR : Kind.UNKNOWN;
        p += k == Kind.OR ? 2 : 1;
        break;
      case '^':
        // "^^" is xor (Wireshark 4.2); a lone caret is no token at all.
        k = at("^^") ? Kind.XOR : Kind.UNKNOWN;
        p += k == Kind.XOR ? 2 : 1;
        break;
      default:
        k = Kind.UNKNOWN;
        p += Character.charCount(s.codePointAt(p));
    }
    add(k, start, op);
  }

  private boolean at(String lit) {
    return s.startsWith(lit, p);
  }

  private void add(Kind k, int start, Object value) {
    out.add(new Token(k, s.substring(start, p), start, p, value));
  }

  // ---- words ----

  /** Characters that can start a word: a name, a number, an address or a byte string. */
  static boolean isWordStart(char c) {
    return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == ':');
  }

  private static boolean isIdentChar(char c) {
    return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-');
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  /**
   * A word, as the longest match of Wireshark 4.0's scanner patterns: a name
   * ({@code ip.src}, {@code udp.srcport-1}: letters, digits, '_', '-', joined by single dots),
   * a dotted quad with an optional {@code /bits}, an IPv6 address with an optional
   * {@code /bits}, colon-separated hex pairs ({@code 00:1a:2b}) or a colon-prefixed byte
   * string ({@code :c0a8}). So {@code 1:00} is two words, {@code 1} and {@code :00}, as in tshark.
   */
  private void word(int start, Kind kind) {
    int from = kind == Kind.DOTWORD ? start + 1 : start;
    int ident = identEnd(from);
    int end = ident;
    if (kind == Kind.WORD) {
      end = Math.max(end, ipv4End(from));
      end = Math.max(end, ipv6End(from));
      end = Math.max(end, colonBytesEnd(from));
      if (s.charAt(from) == ':') {
        end = Math.max(end, colonPrefixedEnd(from));
      }
    }
    if (end == from) {
      // A lone ':' that starts nothing: an unknown character.
      p = from + 1;
      add(Kind.UNKNOWN, start, null);
      return;
    }
    p = end;
    String text = s.substring(start, p);
    if (kind == Kind.WORD && end == ident) {
      CompareOp op = CompareOp.byWord(text);
      if (op != null) {
        out.add(new Token(Kind.COMPARE, text, start, p, op));
        return;
      }
      Kind kw = KEYWORDS.get(text);
      if (kw != null) {
        out.add(new Token(kw, text, start, p, null));
        return;
      }
    }
    out.add(new Token(kind, text, start, p, s.substring(from, p)));
  }

  /** End of {@code [alnum_][alnum_-]*(.[alnum_-]+)*} at {@code i}, or {@code i}. */
  private int identEnd(int i) {
    int n = s.length();
    char c = s.charAt(i);
    if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '_'))) {
      return i;
    }
    int q = i + 1;
    while (true) {
      while (q < n && isIdentChar(s.charAt(q))) {
        q++;
      }
      if (q + 1 < n && s.charAt(q) == '.' && isIdentChar(s.charAt(q + 1))) {
        q++;
        continue;
      }
      return q;
    }
  }

  /** End of the longest dotted quad (octets without leading zeros) plus {@code /d{1,2}}, or {@code i}. */
  private int ipv4End(int i) {
    int q = i;
    for (int part = 0; part < 4; part++) {
      if (part > 0) {
        if (q >= s.length() || s.charAt(q) != '.') {
          return i;
        }
        q++;
      }
      int o = octetEnd(q);
      if (o == q) {
        return i;
      }
      q = o;
    }
    return cidr(q, 2);
  }

  private int octetEnd(int q) {
    int n = s.length();
    int best = q;
    int v = 0;
    for (int k = q; k < n && k < q + 3 && isDigit(s.charAt(k)); k++) {
      if (k > q && s.charAt(q) == '0') {
        break;
      }
      v = v * 10 + (s.charAt(k) - '0');
      if (v > 255) {
        break;
      }
      best = k + 1;
    }
    return best;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHex(char c) {
    return c < 128 && Character.digit(c, 16) >= 0;
  }

  /** Extends {@code q} over {@code /} and 1 to {@code maxDigits} digits, if present. */
  private int cidr(int q, int maxDigits) {
    if (q + 1 < s.length() && s.charAt(q) == '/' && isDigit(s.charAt(q + 1))) {
      int k = q + 1;
      while (k < s.length() && k < q + 1 + maxDigits && isDigit(s.charAt(k))) {
        k++;
      }
      return k;
    }
    return q;
  }

  /** End of the longest IPv6 address (at most 45 characters) plus {@code /d{1,3}}, or {@code i}. */
  private int ipv6End(int i) {
    int n = s.length();
    int run = i;
    while (run < n && run < i + 45 && (isHex(s.charAt(run)) || s.charAt(run) == ':' || s.charAt(run) == '.')) {
      run++;
    }
    for (int e = run; e > i + 1; e--) {
      String cand = s.substring(i, e);
      if (cand.indexOf(':') >= 0 && Literals.parseIpv6(cand) != null) {
        return cidr(e, 3);
      }
    }
    return i;
  }

  /** End of {@code hh(:hh)+} or {@code hh:} at {@code i}, or {@code i}. */
  private int colonBytesEnd(int i) {
    if (!isHexPair(i)) {
      return i;
    }
    int n = s.length();
    int q = i + 2;
    int pairs = 1;
    while (q < n && s.charAt(q) == ':' && isHexPair(q + 1)) {
      q += 3;
      pairs++;
    }
    if (pairs >= 2) {
      return q;
    }
    return q < n && s.charAt(q) == ':' ? q + 1 : i;
  }

  private boolean isHexPair(int k) {
    return k + 1 < s.length() && isHex(s.charAt(k)) && isHex(s.charAt(k + 1));
  }

  /** End of {@code :hex+}, {@code :hh(:hh)+}, {@code :hh(-hh)+} or {@code :hh(.hh)+} at {@code i}. */
  private int colonPrefixedEnd(int i) {
    int best = i;
    int q = i + 1;
    int k = q;
    while (k < s.length() && isHex(s.charAt(k))) {
      k++;
    }
    if (k > q) {
      best = k;
    }
    for (char sep : new char[] {':', '-', '.'}) {
      int e = q;
      int pairs = 0;
      while (isHexPair(e)) {
        e += 2;
        pairs++;
        if (e < s.length() && s.charAt(e) == sep && isHexPair(e + 1)) {
          e++;
        } else {
          break;
        }
      }
      if (pairs >= 2) {
        best = Math.max(best, e);
      }
    }
    return best;
  }

  // ---- brackets and layers ----

  /** After '[': range nodes separated by commas up to ']'. */
  private void range() throws FilterException {
    int n = s.length();
    while (true) {
      if (p >= n) {
        throw FilterException.at("The right bracket was missing from a slice.", s, n, 1);
      }
      char c = s.charAt(p);
      int start = p;
      if (c == ']') {
        p++;
        add(Kind.RBRACKET, start, null);
        return;
      }
      if (c == ',') {
        p++;
        add(Kind.COMMA, start, null);
        continue;
      }
      while (p < n && s.charAt(p) != ']' && s.charAt(p) != ',') {
        p++;
      }
      add(Kind.RANGE_NODE, start, null);
    }
  }

  /** After '#': a layer number or a bracketed layer range. */
  private void layer() throws FilterException {
    int n = s.length();
    if (p >= n) {
      return;
    }
    char c = s.charAt(p);
    int start = p;
    if (Character.isDigit(c) && c < 128) {
      while (p < n && Character.isDigit(s.charAt(p)) && s.charAt(p) < 128) {
        p++;
      }
      add(Kind.LAYER_INDEX, start, null);
    } else if (c == '[') {
      p++;
      add(Kind.LBRACKET, start, null);
      range();
    } else {
      String what = new String(Character.toChars(s.codePointAt(p)));
      throw FilterException.at("Expected digit or \"[\", not \"" + what + "\"", s, p, 1);
    }
  }

  // ---- strings and character constants ----

  /** A quoted string from its opening quote at {@code p}; the value is its bytes (UTF-8). */
  private void string(int start, boolean raw) throws FilterException {
    int n = s.length();
    p++; // opening quote
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    while (true) {
      if (p >= n) {
        throw FilterException.at("The final quote was missing from a quoted string.", s, n, 1);
      }
      char c = s.charAt(p);
      if (c == '"') {
        p++;
        out.add(new Token(Kind.STRING, s.substring(start, p), start, p, b.toByteArray()));
        return;
      }
      if (c != '\\') {
        int q = p;
        while (p < n && s.charAt(p) != '"' && s.charAt(p) != '\\') {
          p++;
        }
        b.writeBytes(s.substring(q, p).getBytes(StandardCharsets.UTF_8));
        continue;
      }
      if (p + 1 >= n) {
        // A trailing backslash escapes nothing; the string is unterminated.
        throw FilterException.at("The final quote was missing from a quoted string.", s, n, 1);
      }
      int esc = p;
      char e = s.charAt(p + 1);
      if (raw) {
        // Raw strings keep every backslash; \" still does not end the string.
        b.write('\\');
        p += 1;
        int cp = s.codePointAt(p);
        b.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
        p += Character.charCount(cp);
        continue;
      }
      if (e >= '0' && e <= '7') {
        int q = p + 1;
        int v = 0;
        while (q < n && q < p + 4 && s.charAt(q) >= '0' && s.charAt(q) <= '7') {
          v = v * 8 + (s.charAt(q) - '0');
          q++;
        }
        if (v > 0xff) {
          throw FilterException.at(s.substring(esc, q) + " is larger than 255.", s, esc, q - esc);
        }
        b.write(v);
        p = q;
      } else if (e == 'x' && p + 2 < n && Character.digit(s.charAt(p + 2), 16) >= 0) {
        int q = p + 2;
        int v = 0;
        while (q < n && q < p + 4 && Character.digit(s.charAt(q), 16) >= 0) {
          v = v * 16 + Character.digit(s.charAt(q), 16);
          q++;
        }
        b.write(v);
        p = q;
      } else if (e == 'u' || e == 'U') {
        int max = e == 'u' ? 4 : 8;
        int q = p + 2;
        while (q < n && q < p + 2 + max && Character.digit(s.charAt(q), 16) >= 0) {
          q++;
        }
        String digits = s.substring(p + 2, q);
        long cp = digits.isEmpty() ? -1 : Long.parseLong(digits, 16);
        // C's rule for universal character names: no surrogates, nothing below U+00A0 but $ @ `.
        boolean basic = cp < 0xa0 && cp != 0x24 && cp != 0x40 && cp != 0x60;
        if (digits.length() != max || basic || cp > Character.MAX_CODE_POINT || cp >= 0xd800 && cp <= 0xdfff) {
          throw FilterException.at(s.substring(esc, q) + " is not a valid universal character name", s, esc, q - esc);
        }
        b.writeBytes(new String(Character.toChars((int) cp)).getBytes(StandardCharsets.UTF_8));
        p = q;
      } else {
        int simple = simpleEscape(e);
        if (simple < 0) {
          String seq = "\\" + new String(Character.toChars(s.codePointAt(p + 1)));
          throw FilterException.at(seq + " is not a valid character escape sequence", s, esc, seq.length());
        }
        b.write(simple);
        p += 2;
      }
    }
  }

  static int simpleEscape(char e) {
    switch (e) {
      case '\\': return '\\';
      case '"': return '"';
      case '\'': return '\'';
      case 'a': return 7;
      case 'b': return 8;
      case 'f': return 12;
      case 'n': return 10;
      case 'r': return 13;
      case 't': return 9;
      case 'v': return 11;
      default: return -1;
    }
  }

  /** A character constant: one character, or an escape ({@code '\x41'}, {@code '\101'}, {@code '\n'}). */
  private void charConst(int start) throws FilterException {
    int n = s.length();
    p++;
    while (true) {
      if (p >= n) {
        throw FilterException.at("The final quote was missing from a character constant.", s, n, 1);
      }
      char c = s.charAt(p);
      if (c == '\\' && p + 1 < n) {
        p += 2;
        continue;
      }
      p++;
      if (c == '\'') {
        break;
      }
    }
    String text = s.substring(start, p);
    String body = text.substring(1, text.length() - 1);
    long v = charValue(body);
    if (v == -2) {
      throw FilterException.at("Empty character constant.", s, start, p - start);
    }
    if (v < 0) {
      throw FilterException.at(text + " is too long to be a valid character constant.", s, start, p - start);
    }
    out.add(new Token(Kind.CHARCONST, text, start, p, v));
  }

  /** The value of a character constant's body; -2 when empty, -1 when not one character. */
  private static long charValue(String body) {
    if (body.isEmpty()) {
      return -2;
    }
    if (body.charAt(0) != '\\') {
      return body.length() == 1 && body.charAt(0) < 128 ? body.charAt(0) : -1;
    }
    if (body.length() < 2) {
      return -1;
    }
    char e = body.charAt(1);
    if (e == 'x') {
      String h = body.substring(2);
      if (h.isEmpty() || h.length() > 2 || !h.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
        return -1;
      }
      return Integer.parseInt(h, 16);
    }
    if (e >= '0' && e <= '7') {
      String o = body.substring(1);
      if (o.length() > 3 || !o.chars().allMatch(ch -> ch >= '0' && ch <= '7')) {
        return -1;
      }
      int v = Integer.parseInt(o, 8);
      return v > 0xff ? -1 : v;
    }
    return body.length() == 2 ? simpleEscape(e) : -1;
  }
}

package io.netsift.core.filter;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.nio.charset.StandardCharsets;

/**
 * Compiles the pattern of {@code matches} with re2j, an RE2 engine whose running time is
 * linear in the input, so that no filter can stall the engine (PCRE2, which tshark uses,
 * backtracks). Patterns are case-insensitive by default, like Wireshark's; {@code (?-i)} turns
 * that off. Subjects are matched byte by byte (each byte one ISO-8859-1 character), as PCRE2
 * does without UTF mode, so the pattern's own bytes are used the same way.
 *
 * <p>RE2 deliberately lacks the constructs that need backtracking; a pattern using one gets
 * an error that names it instead of re2j's terse syntax error.
 */
final class Regexes {
  private Regexes() {}

  static Pattern compile(byte[] patternBytes) throws Literals.Bad {
    String p = new String(patternBytes, StandardCharsets.ISO_8859_1);
    String unsupported = unsupported(p);
    if (unsupported != null) {
      throw new Literals.Bad("Regex compilation error: " + unsupported + " is not supported: matches uses RE2 "
          + "syntax, which has no backtracking so that every pattern runs in linear time.");
    }
    try {
      return Pattern.compile(p, Pattern.CASE_INSENSITIVE);
    } catch (PatternSyntaxException e) {
      throw new Literals.Bad("Regex compilation error: " + e.getDescription() + ".");
    }
  }

  /** The first construct RE2 cannot run, described for a message, or null. */
  static String unsupported(String p) {
    int n = p.length();
    boolean quantified = false;
    for (int i = 0; i < n; i++) {
      char c = p.charAt(i);
      if (c == '\\' && i + 1 < n) {
        char e = p.charAt(i + 1);
        if (e == 'Q') {
          int end = p.indexOf("\\E", i + 2);
          i = end < 0 ? n : end + 1;
          quantified = false;
          continue;
        }
        if (e >= '1' && e <= '9') {
          return "the backreference \\" + e;
        }
        if (e == 'k' || e == 'g') {
          return "the backreference \\" + e;
        }
        if (e == 'K') {
          return "\\K (reset of the match start)";
        }
        if (e == 'G') {
          return "\\G (end of the previous match)";
        }
        if (e == 'R' || e == 'X') {
          return "\\" + e;
        }
        i++;
        quantified = false;
        continue;
      }
      if (c == '[') {
        i = classEnd(p, i);
        quantified = false;
        continue;
      }
      if (c == '(' && i + 1 < n && p.charAt(i + 1) == '*') {
        return "the backtracking control verb (*" + verb(p, i + 2) + ")";
      }
      if (c == '(' && i + 2 < n && p.charAt(i + 1) == '?') {
        String what = group(p, i + 2);
        if (what != null) {
          return what;
        }
      }
      if ((c == '+') && quantified) {
        return "the possessive quantifier " + p.charAt(i - 1) + "+";
      }
      if (c == '?' && quantified) {
        quantified = false;
        continue;
      }
      quantified = c == '*' || c == '+' || c == '?' || c == '}';
    }
    return null;
  }

  /** What a {@code (?...} group at {@code j} (just after "(?") is, when RE2 lacks it. */
  private static String group(String p, int j) {
    char a = p.charAt(j);
    char b = j + 1 < p.length() ? p.charAt(j + 1) : 0;
    switch (a) {
      case '=': return "the lookahead (?=";
      case '!': return "the negative lookahead (?!";
      case '>': return "the atomic group (?>";
      case '|': return "the branch reset group (?|";
      case '(': return "the conditional group (?(";
      case '#': return "the comment group (?#";
      case '&': return "the subroutine call (?&";
      case 'R': return "the recursion (?R)";
      case 'C': return "the callout (?C";
      case '<':
        if (b == '=') {
          return "the lookbehind (?<=";
        }
        if (b == '!') {
          return "the negative lookbehind (?<!";
        }
        return null;
      case 'P':
        if (b == '=') {
          return "the named backreference (?P=";
        }
        if (b == '>') {
          return "the subroutine call (?P>";
        }
        return null;
      case '+': case '-':
        return Character.isDigit(b) ? "the subroutine call (?" + a + b : null;
      default:
        return Character.isDigit(a) ? "the subroutine call (?" + a : null;
    }
  }

  private static String verb(String p, int j) {
    int end = p.indexOf(')', j);
    return end < 0 ? p.substring(j) : p.substring(j, end);
  }

  /** Index of the ']' closing the class that opens at {@code i}. */
  private static int classEnd(String p, int i) {
    int n = p.length();
    int j = i + 1;
    if (j < n && p.charAt(j) == '^') {
      j++;
    }
    if (j < n && p.charAt(j) == ']') {
      j++;
    }
    while (j < n && p.charAt(j) != ']') {
      if (p.charAt(j) == '\\') {
        j++;
      } else if (p.charAt(j) == '[' && j + 1 < n && p.charAt(j + 1) == ':') {
        int close = p.indexOf(":]", j + 2);
        if (close > 0) {
          j = close + 1;
        }
      }
      j++;
    }
    return j;
  }
}

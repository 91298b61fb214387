package io.netsift.core.dissect.proto.http;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * JavaScript Object Notation, <a href="https://www.rfc-editor.org/rfc/rfc8259">RFC 8259</a>:
 * objects, members, arrays and values, with tshark's generated paths ({@code /items/[]}).
 *
 * <p>As tshark 4.0 does, the body is read as a sequence of complete top-level objects or arrays
 * (whitespace between them ignored); a top-level value is shown only when it parses to its end,
 * and whatever follows the last complete one (a JSONP wrapper, a body cut short) becomes a
 * "data-text-lines" layer. Strings are UTF-8 with their escapes resolved ({@code \/} is "/",
 * {@code \u00e9} is "é"; a code point that is not printable is dropped, a broken one is U+FFFD).
 * The first pass only scans for where the JSON text ends, without allocating; nesting is bounded.
 */
public final class JsonDissector extends BodyDissector {
  public static final Field ARRAY = Field.none("json.array", "Array");
  public static final Field OBJECT = Field.none("json.object", "Object");
  public static final Field MEMBER = Field.string("json.member", "Member");
  public static final Field KEY = Field.string("json.key", "Key");
  public static final Field PATH = Field.string("json.path", "Path");
  public static final Field PATH_WITH_VALUE = Field.string("json.path_with_value", "Path with value");
  public static final Field MEMBER_WITH_VALUE = Field.string("json.member_with_value", "Member with value");
  public static final Field VALUE_STRING = Field.string("json.value.string", "String value");
  public static final Field VALUE_NUMBER = Field.string("json.value.number", "Number value");
  public static final Field VALUE_FALSE = Field.none("json.value.false", "False value");
  public static final Field VALUE_NULL = Field.none("json.value.null", "Null value");
  public static final Field VALUE_TRUE = Field.none("json.value.true", "True value");
  public static final Field VALUE_NAN = Field.none("json.value.nan", "NaN value");

  private static final int MAX_DEPTH = 64;

  public JsonDissector() {
    super("json", "JavaScript Object Notation", "JSON");
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int e = d.end(layer);
    int end = s + textEnd(d.data(), s, e);
    d.payload(end, e);
    if (end < e) {
      // tshark hands what follows the JSON text to "data-text-lines".
      return d.protocols().byName("data-text-lines");
    }
    return null;
  }

  /** Length of the JSON text at the start of {@code b[from, to)}: complete top-level values and the whitespace after them. */
  static int textEnd(byte[] b, int from, int to) {
    int p = from;
    while (true) {
      int q = skip(b, p, to);
      if (q < to && (b[q] == '{' || b[q] == '[')) {
        int e = scan(b, q, to, 0);
        if (e >= 0) {
          p = e;
          continue;
        }
      }
      return (p == from ? p : q) - from;
    }
  }

  private static int skip(byte[] b, int p, int to) {
    while (p < to) {
      byte c = b[p];
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        break;
      }
      p++;
    }
    return p;
  }

  /** The end of the value at {@code p} (whitespace before it skipped), or -1 when it breaks the grammar. */
  private static int scan(byte[] b, int p, int to, int depth) {
    p = skip(b, p, to);
    if (p >= to || depth > MAX_DEPTH) {
      return -1;
    }
    switch (b[p]) {
      case '{': {
        int q = skip(b, p + 1, to);
        if (q < to && b[q] == '}') {
          return q + 1;
        }
        while (true) {
          q = skip(b, q, to);
          if (q >= to || b[q] != '"') {
            return -1;
          }
          q = stringEnd(b, q, to);
          if (q < 0) {
            return -1;
          }
          q = skip(b, q, to);
          if (q >= to || b[q] != ':') {
            return -1;
          }
          q = scan(b, q + 1, to, depth + 1);
          if (q < 0) {
            return -1;
          }
          q = skip(b, q, to);
          if (q < to && b[q] == ',') {
            q++;
            continue;
          }
          return q < to && b[q] == '}' ? q + 1 : -1;
        }
      }
      case '[': {
        int q = skip(b, p + 1, to);
        if (q < to && b[q] == ']') {
          return q + 1;
        }
        while (true) {
          q = scan(b, q, to, depth + 1);
          if (q < 0) {
            return -1;
          }
          q = skip(b, q, to);
          if (q < to && b[q] == ',') {
            q++;
            continue;
          }
          return q < to && b[q] == ']' ? q + 1 : -1;
        }
      }
      case '"':
        return stringEnd(b, p, to);
      default:
        return literalEnd(b, p, to);
    }
  }

  private static boolean startsWith(byte[] b, int p, int to, String s) {
    if (p + s.length() > to) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (b[p + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** End of false/null/true/NaN or a number at {@code p}, or -1. */
  private static int literalEnd(byte[] b, int p, int to) {
    for (String s : LITERALS) {
      if (startsWith(b, p, to, s)) {
        return p + s.length();
      }
    }
    int q = p;
    if (q < to && b[q] == '-') {
      q++;
    }
    if (q < to && b[q] == '0') {
      q++;
    } else if (q < to && b[q] >= '1' && b[q] <= '9') {
      q = digits(b, q, to);
    } else {
      return -1;
    }
    if (q + 1 < to && b[q] == '.' && isDigit(b[q + 1])) {
      q = digits(b, q + 1, to);
    }
    if (q < to && (b[q] == 'e' || b[q] == 'E')) {
      int r = q + 1;
      if (r < to && (b[r] == '-' || b[r] == '+')) {
        r++;
      }
      if (r < to && isDigit(b[r])) {
        q = digits(b, r, to);
      }
    }
    return q;
  }

  private static final String[] LITERALS = {"false", "null", "true", "NaN"};

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static int digits(byte[] b, int q, int to) {
    while (q < to && isDigit(b[q])) {
      q++;
    }
    return q;
  }

  /** End (after the closing quote) of the string at {@code p}, or -1: escapes are \" \\ \/ \b \f \n \r \t and \\uXXXX. */
  private static int stringEnd(byte[] b, int p, int to) {
    int q = p + 1;
    while (q < to) {
      byte c = b[q];
      if (c == '"') {
        return q + 1;
      }
      if (c == '\\') {
        if (q + 1 >= to) {
          return -1;
        }
        byte x = b[q + 1];
        if (x == 'u') {
          for (int k = 2; k < 6; k++) {
            if (q + k >= to || Character.digit(b[q + k], 16) < 0) {
              return -1;
            }
          }
          q += 6;
        } else if ("\"\\/bfnrt".indexOf(x) >= 0) {
          q += 2;
        } else {
          return -1;
        }
        continue;
      }
      q++;
    }
    return -1;
  }

  /**
   * The text of a string token without its quotes, escapes resolved, as tshark 4.0 shows it:
   * UTF-8 (a byte that cannot start a UTF-8 sequence ends the text), a valid {@code \\u} escape
   * of a code point that is not printable adds nothing, a broken one (a lone surrogate) adds
   * U+FFFD, and the control characters with a C escape are shown escaped (a newline as "\\n").
   */
  static String unescape(byte[] b, int from, int to) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
    int q = from;
    while (q < to) {
      int c = b[q] & 0xff;
      if (c != '\\') {
        int n = utf8Length(c);
        if (n <= 0) {
          break;
        }
        n = Math.min(n, to - q);
        out.write(b, q, n);
        q += n;
        continue;
      }
      if (q + 1 >= to) {
        break;
      }
      byte x = b[q + 1];
      q += 2;
      switch (x) {
        case 'b': out.write('\b'); break;
        case 'f': out.write('\f'); break;
        case 'n': out.write('\n'); break;
        case 'r': out.write('\r'); break;
        case 't': out.write('\t'); break;
        case 'u': {
          int cp = hex4(b, q, to);
          q = Math.min(q + 4, to);
          boolean valid = cp >= 0;
          if (valid && cp >= 0xd800 && cp <= 0xdbff) {
            if (q + 1 < to && b[q] == '\\' && b[q + 1] == 'u') {
              int lo = hex4(b, q + 2, to);
              q = Math.min(q + 6, to);
              if (lo >= 0xdc00 && lo <= 0xdfff) {
                cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
              } else {
                valid = false;
              }
            } else {
              valid = false;
              q = Math.min(q + 1, to); // tshark skips the character after a lone lead surrogate
            }
          } else if (valid && cp >= 0xdc00 && cp <= 0xdfff) {
            valid = false;
          }
          if (!valid) {
            cp = 0xfffd;
          }
          if (!valid || printable(cp)) {
            byte[] u = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            out.write(u, 0, u.length);
          }
          break;
        }
        default: out.write(x);
      }
    }
    String text = new String(out.toByteArray(), StandardCharsets.UTF_8);
    StringBuilder sb = null;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      String esc = null;
      switch (ch) {
        case '\r': esc = "\\r"; break;
        case '\n': esc = "\\n"; break;
        case '\t': esc = "\\t"; break;
        case 0x07: esc = "\\a"; break;
        case '\b': esc = "\\b"; break;
        case 0x0b: esc = "\\v"; break;
        case '\f': esc = "\\f"; break;
        default:
      }
      if (esc != null && sb == null) {
        sb = new StringBuilder(text.length() + 8).append(text, 0, i);
      }
      if (sb != null) {
        if (esc != null) {
          sb.append(esc);
        } else {
          sb.append(ch);
        }
      }
    }
    return sb == null ? text : sb.toString();
  }

  /** Bytes of the UTF-8 sequence a lead byte starts (GLib's rule, up to 6), or -1 for a byte that cannot start one. */
  private static int utf8Length(int c) {
    if (c < 0x80) {
      return 1;
    }
    if (c < 0xc0) {
      return -1;
    }
    if (c < 0xe0) {
      return 2;
    }
    if (c < 0xf0) {
      return 3;
    }
    if (c < 0xf8) {
      return 4;
    }
    if (c < 0xfc) {
      return 5;
    }
    return c < 0xfe ? 6 : -1;
  }

  private static int hex4(byte[] b, int p, int to) {
    if (p + 4 > to) {
      return -1;
    }
    int v = 0;
    for (int k = 0; k < 4; k++) {
      int n = Character.digit(b[p + k], 16);
      if (n < 0) {
        return -1;
      }
      v = v << 4 | n;
    }
    return v;
  }

  /** GLib's g_unichar_isprint: everything but controls, format characters, surrogates and unassigned code points. */
  private static boolean printable(int cp) {
    int type = Character.getType(cp);
    return type != Character.CONTROL && type != Character.FORMAT && type != Character.SURROGATE
        && type != Character.UNASSIGNED;
  }

  @Override
  public void fields(Tree t) {
    byte[] b = t.data();
    int s = t.start();
    int end = s + textEnd(b, s, s + t.length());
    Walker w = new Walker(t, b, s, end);
    int p = s;
    while (true) {
      int q = skip(b, p, end);
      if (q >= end) {
        break;
      }
      int e = w.value(q, "", "", 0);
      if (e < 0) {
        break;
      }
      p = e;
    }
  }

  /** Emits a value the scan accepted, in tshark's tree order. */
  private static final class Walker {
    final Tree t;
    final byte[] b;
    final int s;
    final int end;

    Walker(Tree t, byte[] b, int s, int end) {
      this.t = t;
      this.b = b;
      this.s = s;
      this.end = end;
    }

    int value(int p, String path, String key, int depth) {
      p = skip(b, p, end);
      int e = scan(b, p, end, depth);
      if (e < 0) {
        return -1;
      }
      byte c = b[p];
      if (c == '{') {
        t.object(OBJECT, p - s, e - p, null);
        t.enter();
        int q = skip(b, p + 1, end);
        while (q < end && b[q] == '"') {
          int ke = stringEnd(b, q, end);
          String k = unescape(b, q + 1, ke - 1);
          int colon = skip(b, ke, end);
          int ve = scan(b, colon + 1, end, depth + 1);
          String sub = path + "/" + k;
          t.object(MEMBER, q - s, ve - q, k);
          t.enter();
          value(colon + 1, sub, k, depth + 1);
          t.object(KEY, q - s, ke - q, k);
          t.object(PATH, q - s, ve - q, sub);
          t.exit();
          q = skip(b, ve, end);
          if (q < end && b[q] == ',') {
            q = skip(b, q + 1, end);
          } else {
            break;
          }
        }
        t.exit();
        return e;
      }
      if (c == '[') {
        t.object(ARRAY, p - s, e - p, null);
        t.enter();
        String sub = path + "/[]";
        int q = skip(b, p + 1, end);
        if (q < end && b[q] != ']') {
          while (true) {
            int ve = value(q, sub, "[]", depth + 1);
            q = skip(b, ve, end);
            if (q < end && b[q] == ',') {
              q++;
            } else {
              break;
            }
          }
        }
        t.exit();
        return e;
      }
      Field f;
      String text;
      if (c == '"') {
        f = VALUE_STRING;
        text = unescape(b, p + 1, e - 1);
      } else {
        text = new String(b, p, e - p, StandardCharsets.US_ASCII);
        switch (text) {
          case "false": f = VALUE_FALSE; break;
          case "null": f = VALUE_NULL; break;
          case "true": f = VALUE_TRUE; break;
          case "NaN": f = VALUE_NAN; break;
          default: f = VALUE_NUMBER;
        }
      }
      t.object(PATH_WITH_VALUE, p - s, e - p, path + ":" + text);
      t.object(MEMBER_WITH_VALUE, p - s, e - p, key + ":" + text);
      t.object(f, p - s, e - p, f == VALUE_STRING || f == VALUE_NUMBER ? text : null);
      return e;
    }
  }

  @Override
  public String label(Tree t) {
    HttpMessage m = message(t);
    return m == null || m.contentType == null ? longName() : longName() + ": " + m.contentType;
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = c.protocol.isEmpty() ? "JSON" : c.protocol + "/JSON";
    HttpMessage m = message(t);
    c.info.append(", ").append(longName());
    boolean rest = textEnd(t.data(), t.start(), t.start() + t.length()) < t.length();
    if (!rest && m != null && m.contentType != null) {
      // With bytes left over, "data-text-lines" names the media type instead.
      c.info.append(" (").append(m.contentType).append(')');
    }
  }
}

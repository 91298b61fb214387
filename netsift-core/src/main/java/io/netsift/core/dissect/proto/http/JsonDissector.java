package io.netsift.core.dissect.proto.http;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/**
 * JavaScript Object Notation, <a href="https://www.rfc-editor.org/rfc/rfc8259">RFC 8259</a>:
 * objects, members, arrays and values, with tshark's generated paths ({@code /items/[]}).
 * Parsing stops quietly at the first byte that breaks the grammar, and nesting is bounded.
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

  private static final int MAX_DEPTH = 64;

  public JsonDissector() {
    super("json", "JavaScript Object Notation", "JSON");
  }

  @Override
  public void fields(Tree t) {
    Body body = new Body(t);
    new Parser(t, body).value(skip(body, 0), "", "", 0);
  }

  private static int skip(Body b, int p) {
    while (p < b.len) {
      int c = b.u8(p);
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        break;
      }
      p++;
    }
    return p;
  }

  /** A recursive-descent walk that emits as it goes; returns -1 once the grammar breaks. */
  private static final class Parser {
    final Tree t;
    final Body b;

    Parser(Tree t, Body b) {
      this.t = t;
      this.b = b;
    }

    /** Parses the value at {@code p}; {@code member} is its key ("[]" in an array). */
    int value(int p, String path, String member, int depth) {
      if (p >= b.len || depth > MAX_DEPTH) {
        return -1;
      }
      int c = b.u8(p);
      if (c == '{') {
        return object(p, path, depth);
      }
      if (c == '[') {
        return array(p, path, depth);
      }
      int end;
      Field f;
      String text;
      if (c == '"') {
        end = stringEnd(p);
        if (end < 0) {
          return -1;
        }
        f = VALUE_STRING;
        text = b.ascii(p + 1, end - p - 2);
      } else {
        end = p;
        while (end < b.len && "{}[],: \t\r\n".indexOf(b.u8(end)) < 0) {
          end++;
        }
        text = b.ascii(p, end - p);
        if (text.equals("true")) {
          f = VALUE_TRUE;
        } else if (text.equals("false")) {
          f = VALUE_FALSE;
        } else if (text.equals("null")) {
          f = VALUE_NULL;
        } else if (!text.isEmpty()) {
          f = VALUE_NUMBER;
        } else {
          return -1;
        }
      }
      if (depth > 0) {
        b.object(PATH_WITH_VALUE, p, 0, path + ":" + text);
        b.object(MEMBER_WITH_VALUE, p, 0, member + ":" + text);
      }
      b.object(f, p, end - p, f == VALUE_STRING || f == VALUE_NUMBER ? text : null);
      return end;
    }

    int stringEnd(int p) {
      int q = p + 1;
      while (q < b.len) {
        int c = b.u8(q);
        if (c == '\\') {
          q += 2;
          continue;
        }
        if (c == '"') {
          return q + 1;
        }
        q++;
      }
      return -1;
    }

    int object(int p, String path, int depth) {
      b.object(OBJECT, p, 0, null);
      t.enter();
      int q = skip(b, p + 1);
      if (q < b.len && b.u8(q) == '}') {
        t.exit();
        return q + 1;
      }
      while (q < b.len) {
        if (b.u8(q) != '"') {
          break;
        }
        int ke = stringEnd(q);
        if (ke < 0) {
          break;
        }
        String key = b.ascii(q + 1, ke - q - 2);
        int colon = skip(b, ke);
        if (colon >= b.len || b.u8(colon) != ':') {
          break;
        }
        b.object(MEMBER, q, 0, key);
        t.enter();
        String sub = path + "/" + key;
        int v = value(skip(b, colon + 1), sub, key, depth + 1);
        b.object(KEY, q + 1, ke - q - 2, key);
        b.object(PATH, q, 0, sub);
        t.exit();
        if (v < 0) {
          break;
        }
        q = skip(b, v);
        if (q < b.len && b.u8(q) == ',') {
          q = skip(b, q + 1);
          continue;
        }
        if (q < b.len && b.u8(q) == '}') {
          t.exit();
          return q + 1;
        }
        break;
      }
      t.exit();
      return -1;
    }

    int array(int p, String path, int depth) {
      b.object(ARRAY, p, 0, null);
      t.enter();
      int q = skip(b, p + 1);
      if (q < b.len && b.u8(q) == ']') {
        t.exit();
        return q + 1;
      }
      String sub = path + "/[]";
      while (q < b.len) {
        int v = value(q, sub, "[]", depth + 1);
        if (v < 0) {
          break;
        }
        q = skip(b, v);
        if (q < b.len && b.u8(q) == ',') {
          q = skip(b, q + 1);
          continue;
        }
        if (q < b.len && b.u8(q) == ']') {
          t.exit();
          return q + 1;
        }
        break;
      }
      t.exit();
      return -1;
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
    if (m != null && m.contentType != null) {
      c.info.append(" (").append(m.contentType).append(')');
    }
  }
}

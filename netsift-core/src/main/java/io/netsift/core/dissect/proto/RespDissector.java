package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.StreamPdus;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import io.netsift.core.field.Strings;

/**
 * Redis serialization protocol (RESP 2, <a href="https://redis.io/docs/reference/protocol-spec/">
 * redis.io</a>) on TCP port 6379. Every element starts with a type byte and ends its first line
 * with CRLF:
 *
 * <pre>
 * +simple string   -error   :integer   $length CRLF bytes   *count CRLF elements...
 * </pre>
 *
 * A line of another kind (an inline command) is a "fragment", as in tshark 4.0. The complete
 * top-level elements of a segment share one layer; an element cut by the segment end waits for
 * the next segment. Info starts "Request:" towards port 6379, "Response:" otherwise, and names the
 * command words of a request and the top-level values of a response.
 */
public final class RespDissector extends Dissector implements Protocols.Registrable, StreamPdus {
  private static final int PORT = 6379;
  /** Bulk strings this long or longer show as "BulkString(n)" in Info. */
  private static final int MAX_DISPLAY = 100;
  /** Nesting beyond this many arrays is not followed (tshark's MAX_ARRAY_DEPTH_TO_RECURSE). */
  private static final int MAX_DEPTH = 30;

  public static final Field STRING = Field.string("resp.string", "String");
  public static final Field ERROR = Field.string("resp.error", "Error");
  public static final Field BULK_STRING = Field.none("resp.bulk_string", "Bulk String");
  public static final Field BULK_VALUE = Field.bytes("resp.bulk_string.value", "Value");
  public static final Field BULK_LENGTH = Field.of("resp.bulk_string.length", "Length", FieldType.INT32);
  public static final Field INTEGER = Field.of("resp.integer", "Integer", FieldType.INT64);
  public static final Field ARRAY = Field.none("resp.array", "Array");
  public static final Field ARRAY_LENGTH = Field.of("resp.array.length", "Length", FieldType.INT64);
  public static final Field FRAGMENT = Field.none("resp.fragment", "Fragment");

  /** Annotation: 1 when the segment goes to the server port. */
  private static final int A_REQUEST = 0;

  public RespDissector() {
    super("resp", "REdis Serialization Protocol", "RESP");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.TCP_PORT, PORT, this);
  }

  @Override
  public boolean payloadBecomesData() {
    return false;
  }

  @Override
  public boolean splitPdus() {
    return false;
  }

  /**
   * The complete elements from {@code off} on, together: tshark dissects a segment's elements in
   * one go and, at one cut by the segment end, asks for one more segment and dissects again from
   * there, so what a later segment completes shares a layer with the elements after it.
   */
  @Override
  public int pduLength(Dissection d, int tcpLayer, byte[] b, int off, int avail) {
    long total = 0;
    while (total < avail) {
      long n = element(b, (int) (off + total), off + avail, 0);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total == 0 ? MORE : (int) total;
  }

  @Override
  public boolean layerForPartial() {
    return true;
  }

  /** Info of a segment that starts an element it does not finish: the elements' text so far. */
  @Override
  public String partialInfo(Dissection d, int tcpLayer, byte[] b, int off, int avail) {
    boolean request = Transport.dstPort(d, tcpLayer) == PORT;
    StringBuilder info = new StringBuilder(request ? "Request:" : "Response:");
    int p = 0;
    while (p < avail) {
      long n = item(null, b, off, info, request, p, avail, 0);
      if (n < 0) {
        break;
      }
      p += (int) n;
    }
    return info.append(" [continuation]").toString();
  }

  /** The bytes of the element at {@code p} within {@code [p, end)}, or -1 when it goes on past end. */
  private static long element(byte[] b, int p, int end, int depth) {
    int eol = lineEnd(b, p, end);
    if (eol < 0) {
      return -1;
    }
    int line = eol - p;
    if (line == 0) {
      return 2;
    }
    int type = b[p];
    if (type == '$') {
      long len = number(b, p + 1, eol);
      if (len < 0) {
        return line + 2;
      }
      long total = line + 2 + len + 2;
      return p + total <= end ? total : -1;
    }
    if (type == '*') {
      long count = number(b, p + 1, eol);
      long total = line + 2;
      if (count <= 0 || depth > MAX_DEPTH) {
        return total;
      }
      for (long i = 0; i < count; i++) {
        if (p + total >= end) {
          return -1;
        }
        long n = element(b, (int) (p + total), end, depth + 1);
        if (n < 0) {
          return -1;
        }
        total += n;
      }
      return total;
    }
    return line + 2;
  }

  /** The offset of the CR or LF that ends the line at {@code p}, or -1. */
  private static int lineEnd(byte[] b, int p, int end) {
    for (int i = p; i < end; i++) {
      if (b[i] == '\r' || b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** A decimal number as strtoll reads it: optional sign, digits, stopping at the first other byte. */
  private static long number(byte[] b, int from, int to) {
    int i = from;
    while (i < to && (b[i] == ' ' || b[i] == '\t')) {
      i++;
    }
    boolean neg = false;
    if (i < to && (b[i] == '-' || b[i] == '+')) {
      neg = b[i] == '-';
      i++;
    }
    long v = 0;
    for (; i < to && b[i] >= '0' && b[i] <= '9'; i++) {
      v = v * 10 + (b[i] - '0');
      if (v > Integer.MAX_VALUE * 4L) {
        break;
      }
    }
    return neg ? -v : v;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int e = d.end(layer);
    d.payload(e, e);
    d.annotate(layer, 1);
    int tr = Transport.find(d, layer);
    d.setAnnotation(layer, A_REQUEST, tr >= 0 && Transport.dstPort(d, tr) == PORT ? 1 : 0);
    return null;
  }

  @Override
  public void columns(Tree t, Columns c) {
    if (t.length() == 0) {
      return; // a segment that only starts an element: TCP's columns, with partialInfo's text, stay
    }
    c.protocol = columnName();
    StringBuilder info = new StringBuilder(t.annotation(A_REQUEST) != 0 ? "Request:" : "Response:");
    walk(t, info);
    c.setInfo(info.toString());
  }

  @Override
  public void fields(Tree t) {
    walk(t, null);
  }

  /** Every top-level element of the layer (with {@code info}: only the Info text). */
  private static void walk(Tree t, StringBuilder info) {
    boolean request = t.annotation(A_REQUEST) != 0;
    int end = t.length();
    int p = 0;
    while (p < end) {
      long n = item(t, t.data(), t.start(), info, request, p, end, 0);
      if (n < 0) {
        return;
      }
      p += (int) n;
    }
  }

  /** Reports the element at {@code p} (layer-relative) and returns its length, or -1. */
  private static long item(Tree t, byte[] b, int base, StringBuilder info, boolean request, int p, int end,
      int depth) {
    int eol = lineEnd(b, base + p, base + end);
    if (eol < 0) {
      return -1;
    }
    eol -= base;
    int line = eol - p;
    if (line == 0) {
      return 2;
    }
    boolean tree = info == null;
    int type = b[base + p];
    switch (type) {
      case '+', '-' -> {
        String s = Strings.ascii(b, base + p + 1, line - 1);
        if (tree) {
          t.object(type == '+' ? STRING : ERROR, p, line + 2, s);
        } else if (type == '-') {
          info.append(" Error: ").append(s);
        } else if (!request && depth == 0) {
          info.append(' ').append(s);
        }
        return line + 2;
      }
      case ':' -> {
        long v = number(b, base + p + 1, base + eol);
        if (tree) {
          t.number(INTEGER, p, line + 2, v);
        } else if (!request && depth == 0) {
          info.append(' ').append(v);
        }
        return line + 2;
      }
      case '$' -> {
        return bulk(t, b, base, info, request, p, line, end, depth);
      }
      case '*' -> {
        long count = number(b, base + p + 1, base + eol);
        int head = line + 2;
        if (count <= 0 || depth > MAX_DEPTH) {
          if (tree) {
            t.object(ARRAY, p, head, count == -1 ? "NULL" : count == 0 ? "Empty" : "Length " + count);
            t.enter();
            t.number(ARRAY_LENGTH, p, head, count);
            t.exit();
          }
          return head;
        }
        long total = element(b, base + p, base + end, depth);
        if (tree) {
          t.object(ARRAY, p, (int) Math.max(head, total), "Length " + count);
          t.enter();
          t.number(ARRAY_LENGTH, p, head, count);
        } else if (!request && depth == 0) {
          info.append(" Array(").append(count).append(')');
        }
        long at = p + head;
        for (long i = 0; i < count && at < end; i++) {
          long n = item(t, b, base, info, request, (int) at, end, depth + 1);
          if (n < 0) {
            break;
          }
          at += n;
        }
        if (tree) {
          t.exit();
        }
        return at - p;
      }
      default -> {
        if (tree) {
          t.object(FRAGMENT, p, line + 2, null);
        } else {
          info.append(" [fragment]");
        }
        return line + 2;
      }
    }
  }

  /** A bulk string: its length line, then that many bytes and CRLF. */
  private static long bulk(Tree t, byte[] b, int base, StringBuilder info, boolean request, int p, int line,
      int end, int depth) {
    long len = number(b, base + p + 1, base + p + line);
    int head = line + 2;
    boolean tree = info == null;
    if (len < 0) {
      if (tree) {
        t.object(BULK_STRING, p, head, len == -1 ? "[NULL]" : null);
        t.enter();
        t.number(BULK_LENGTH, p, head, len);
        t.exit();
      }
      return head;
    }
    if (!tree && end - p - head < len + 2) {
      return -1; // cut by the segment end: tshark asks for more before it writes Info
    }
    int captured = (int) Math.max(0, Math.min(len, end - p - head));
    int n = (int) len;
    boolean ascii = true;
    for (int i = 0; i < captured; i++) {
      if ((b[base + p + head + i] & 0x80) != 0) {
        ascii = false;
      }
    }
    // The text stops at a NUL, as a C string does.
    String s = Strings.ascii(b, base + p + head, captured);
    if (tree) {
      t.object(BULK_STRING, p, head + captured + 2, ascii ? s : null);
      t.enter();
      t.number(BULK_LENGTH, p, head, len);
      if (captured > 0) {
        t.bytes(BULK_VALUE, p + head, captured);
      }
      t.exit();
    } else if (!ascii) {
      if (depth == 0) {
        info.append(" BulkString(").append(n).append(')');
      }
    } else if (request && depth == 1) {
      if (n < MAX_DISPLAY) {
        info.append(' ').append(s);
      } else {
        info.append(" BulkString(").append(n).append(')');
      }
    } else if (!request && depth == 0 && n < MAX_DISPLAY) {
      info.append(' ').append(s);
    } else if (depth == 0) {
      info.append(" BulkString(").append(n).append(')');
    }
    return head + len + 2;
  }
}

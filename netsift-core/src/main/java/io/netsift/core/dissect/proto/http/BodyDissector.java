package io.netsift.core.dissect.proto.http;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/**
 * A media-type layer under an HTTP body. It reads the body the HTTP layer above it found: the
 * frame's bytes when the body travelled as it is, or the decoded bytes (de-chunked, inflated)
 * that the HTTP layer added to the dissection as a data source; the layer covers them either way.
 */
abstract class BodyDissector extends Dissector {
  BodyDissector(String name, String longName, String columnName) {
    super(name, longName, columnName);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    d.payload(d.end(layer), d.end(layer));
    return null;
  }

  @Override
  public boolean payloadBecomesData() {
    return false;
  }

  /**
   * The HTTP message above layer {@code t.layer()}, or null; a body layer may sit under another
   * one (the "data-text-lines" rest of a JSON body), so other body layers are looked through.
   */
  static HttpMessage message(Tree t) {
    Dissection d = t.dissection();
    for (int i = t.layer() - 1; i >= 0; i--) {
      Object o = d.attachment(i);
      if (o instanceof HttpMessage) {
        return (HttpMessage) o;
      }
      if (!(d.dissector(i) instanceof BodyDissector)) {
        return null;
      }
    }
    return null;
  }

  /** The body bytes this layer describes. */
  static final class Body {
    final Tree t;
    final byte[] b;
    final int off;
    final int len;
    final boolean inFrame;

    Body(Tree t) {
      this.t = t;
      // A decoded body is an added data source of the dissection: the layer covers it.
      b = t.data();
      off = t.start();
      len = t.length();
      inFrame = true;
    }

    int u8(int rel) {
      return rel >= 0 && rel < len ? b[off + rel] & 0xff : 0;
    }

    int u16(int rel) {
      return u8(rel) << 8 | u8(rel + 1);
    }

    long u32(int rel) {
      return (long) u16(rel) << 16 | u16(rel + 2);
    }

    boolean has(int rel, int n) {
      return rel >= 0 && n >= 0 && rel + n <= len;
    }

    void number(Field f, int rel, int n, long v) {
      if (!has(rel, n)) {
        return;
      }
      if (inFrame) {
        t.number(f, rel, n, v);
      } else {
        t.number(f, 0, 0, v);
      }
    }

    void object(Field f, int rel, int n, Object v) {
      if (!has(rel, n)) {
        return;
      }
      if (inFrame) {
        t.object(f, rel, n, v);
      } else {
        t.object(f, 0, 0, v);
      }
    }

    void bytes(Field f, int rel, int n) {
      if (!has(rel, n)) {
        return;
      }
      if (inFrame) {
        t.bytes(f, rel, n);
      } else {
        t.object(f, 0, 0, java.util.Arrays.copyOfRange(b, off + rel, off + rel + n));
      }
    }

    void text(int rel, int n, String s) {
      if (inFrame) {
        t.text(rel, n, s);
      } else {
        t.text(0, 0, s);
      }
    }

    String ascii(int rel, int n) {
      return has(rel, n) ? HttpText.of(b, off + rel, off + rel + n) : "";
    }
  }

  /** Appends " (what)" to Info, tshark's way of naming a body. */
  static void infoSuffix(Columns c, String what) {
    c.info.append(" (").append(what).append(')');
  }
}

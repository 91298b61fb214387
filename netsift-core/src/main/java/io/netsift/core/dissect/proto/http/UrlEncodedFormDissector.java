package io.netsift.core.dissect.proto.http;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import java.io.ByteArrayOutputStream;

/**
 * HTML form data ({@code application/x-www-form-urlencoded}, WHATWG URL standard section 5):
 * {@code key=value} pairs joined by {@code &}, with {@code +} for space and {@code %hh} escapes.
 */
public final class UrlEncodedFormDissector extends BodyDissector {
  public static final Field KEY = Field.of("urlencoded-form.key", "Key", FieldType.STRINGZ);
  public static final Field VALUE = Field.of("urlencoded-form.value", "Value", FieldType.STRINGZ);

  public UrlEncodedFormDissector() {
    super("urlencoded-form", "HTML Form URL Encoded", "URL Encoded Form Data");
  }

  @Override
  public void fields(Tree t) {
    Body body = new Body(t);
    int p = 0;
    while (p < body.len) {
      int amp = p;
      while (amp < body.len && body.u8(amp) != '&') {
        amp++;
      }
      int eq = p;
      while (eq < amp && body.u8(eq) != '=') {
        eq++;
      }
      String key = decode(body, p, eq);
      String value = eq < amp ? decode(body, eq + 1, amp) : "";
      body.text(p, amp - p, "Form item: \"" + key + "\" = \"" + value + "\"");
      t.enter();
      body.object(KEY, p, eq - p, key);
      if (eq < amp) {
        body.object(VALUE, eq + 1, amp - eq - 1, value);
      }
      t.exit();
      p = amp + 1;
    }
  }

  private static String decode(Body b, int from, int to) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = from; i < to; i++) {
      int c = b.u8(i);
      if (c == '+') {
        c = ' ';
      } else if (c == '%' && i + 2 < to && HttpMessage.hexValue((byte) b.u8(i + 1)) >= 0
          && HttpMessage.hexValue((byte) b.u8(i + 2)) >= 0) {
        c = HttpMessage.hexValue((byte) b.u8(i + 1)) << 4 | HttpMessage.hexValue((byte) b.u8(i + 2));
        i += 2;
      }
      out.write(c);
    }
    return HttpText.of(out.toByteArray());
  }

  @Override
  public String label(Tree t) {
    HttpMessage m = message(t);
    return m == null || m.contentType == null ? longName() : longName() + ": " + m.contentType;
  }

  @Override
  public void columns(Tree t, Columns c) {
    HttpMessage m = message(t);
    if (m != null && m.contentType != null) {
      infoSuffix(c, m.contentType);
    }
  }
}

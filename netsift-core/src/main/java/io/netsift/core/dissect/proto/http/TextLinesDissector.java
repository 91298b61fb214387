package io.netsift.core.dissect.proto.http;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Tree;

/**
 * "Line-based text data": a text body shown one tree line per text line (tshark gives the
 * lines no field of their own, only the protocol item).
 */
public final class TextLinesDissector extends BodyDissector {
  public TextLinesDissector() {
    super("data-text-lines", "Line-based text data", "Line-based text data");
  }

  @Override
  public void fields(Tree t) {
    Body body = new Body(t);
    int p = 0;
    while (p < body.len) {
      int lf = HttpMessage.lineFeed(body.b, body.off + p, body.off + body.len);
      int next = lf < 0 ? body.len : lf + 1 - body.off;
      body.text(p, next - p, HttpText.of(body.b, body.off + p, body.off + next));
      p = next;
    }
  }

  private static int lines(Body body) {
    int n = 0;
    int p = 0;
    while (p < body.len) {
      int lf = HttpMessage.lineFeed(body.b, body.off + p, body.off + body.len);
      n++;
      p = lf < 0 ? body.len : lf + 1 - body.off;
    }
    return n;
  }

  @Override
  public String label(Tree t) {
    HttpMessage m = message(t);
    String ct = m == null || m.contentType == null ? "" : ": " + m.contentType;
    return longName() + ct + " (" + lines(new Body(t)) + " lines)";
  }

  @Override
  public void columns(Tree t, Columns c) {
    HttpMessage m = message(t);
    if (m != null && m.contentType != null) {
      infoSuffix(c, m.contentType);
    }
  }
}

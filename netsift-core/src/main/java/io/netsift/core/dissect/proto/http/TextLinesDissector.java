package io.netsift.core.dissect.proto.http;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Tree;

/**
 * "Line-based text data": a text body shown one tree line per text line (tshark gives the
 * lines no field of their own, only the protocol item).
 */
public final class TextLinesDissector extends BodyDissector {
  public TextLinesDissector() {
    super("data-text-lines", "Line-based text data", "Line-based text data");
  }

  /**
   * tshark hands text longer than 38 bytes that starts with {@code <?xml} (any case) to XML
   * before adding its own tree item: the layer stays in frame.protocols, XML shows instead.
   */
  @Override
  public Dissector dissect(Dissection d, int layer) {
    if (isXml(d, layer)) {
      Dissector xml = d.protocols().byName("xml");
      if (xml != null) {
        d.payload(d.start(layer), d.end(layer));
        return xml;
      }
    }
    return super.dissect(d, layer);
  }

  private static boolean isXml(Dissection d, int layer) {
    int s = d.start(layer);
    return d.end(layer) - s > 38 && HttpText.of(d.data(), s, s + 5).equalsIgnoreCase("<?xml");
  }

  @Override
  public boolean hiddenInTree(Dissection d, int layer) {
    return isXml(d, layer) && d.protocols().byName("xml") != null;
  }

  @Override
  public void fields(Tree t) {
    if (hiddenInTree(t.dissection(), t.layer())) {
      return;
    }
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
    String type = mediaType(t);
    String ct = type == null ? "" : ": " + type;
    return longName() + ct + " (" + lines(new Body(t)) + " lines)";
  }

  @Override
  public void columns(Tree t, Columns c) {
    if (hiddenInTree(t.dissection(), t.layer())) {
      return;
    }
    String type = mediaType(t);
    if (type != null) {
      infoSuffix(c, type);
    }
  }

  /** The media type the carrying message gives the text (HTTP's, a MIME part's or a mail's Content-Type). */
  private static String mediaType(Tree t) {
    HttpMessage m = message(t);
    if (m != null) {
      return m.contentType;
    }
    String part = io.netsift.core.dissect.proto.MimeMultipartDissector.partType(t.dissection(), t.layer());
    if (part != null) {
      return part;
    }
    int before = t.layer() - 1;
    if (before >= 0 && t.dissection().dissector(before).name().equals("imf")) {
      return io.netsift.core.dissect.proto.ImfDissector.bodyType(t.dissection(), before);
    }
    return null;
  }
}

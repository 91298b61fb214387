package io.netsift.core.dissect.proto.http;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Tree;

/**
 * eXtensible Markup Language bodies: for now only the layer (so frame.protocols and the
 * Protocol column, "HTTP/XML", match tshark); the element tree (xml.tag ...) is not reported.
 */
public final class XmlDissector extends BodyDissector {
  public XmlDissector() {
    super("xml", "eXtensible Markup Language", "XML");
  }

  @Override
  public void fields(Tree t) {
    // Element fields are a later step.
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = c.protocol.isEmpty() ? "XML" : c.protocol + "/XML";
  }
}

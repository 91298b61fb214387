package io.netsift.core.dissect.proto.http;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/** "Media Type": a body of a type no dissector knows, shown as its bytes. */
public final class MediaDissector extends BodyDissector {
  public static final Field TYPE = Field.bytes("media.type", "Media type");

  public MediaDissector() {
    super("media", "Media Type", "Media");
  }

  @Override
  public void fields(Tree t) {
    Body body = new Body(t);
    body.bytes(TYPE, 0, body.len);
  }

  @Override
  public void columns(Tree t, Columns c) {
    HttpMessage m = message(t);
    String type = m != null ? m.contentType
        : io.netsift.core.dissect.proto.MimeMultipartDissector.partType(t.dissection(), t.layer());
    if (type != null) {
      infoSuffix(c, type);
    }
  }
}

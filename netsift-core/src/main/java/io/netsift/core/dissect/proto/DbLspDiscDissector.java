package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import io.netsift.core.field.Strings;

/**
 * Dropbox LAN sync discovery: broadcast UDP datagrams on port 17500, each one JSON object
 * ({@code {"host_int": ..., "version": [..], "displayname": "", "port": 17500, "namespaces": [..]}}).
 * As tshark does, a datagram that starts with '{' goes whole to JSON (which adds "/JSON" and
 * its name to the columns); any other datagram is reported as {@code db-lsp.text}.
 */
public final class DbLspDiscDissector extends Dissector implements Protocols.Registrable {
  public static final Field TEXT = Field.string("db-lsp.text", "Text");

  public DbLspDiscDissector() {
    super("db-lsp-disc", "Dropbox LAN sync Discovery Protocol", "DB-LSP-DISC");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.UDP_PORT, 17500, this);
  }

  @Override
  public boolean payloadBecomesData() {
    return false;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    if (d.length(layer) > 0 && d.data()[s] == '{') {
      d.payload(s, d.end(layer));
      return d.protocols().byName("json");
    }
    d.payload(d.end(layer), d.end(layer));
    return null;
  }

  /** tshark shows the JSON tree inside this one: io,phs does not count it. */
  @Override
  public boolean nestsLaterLayers(Dissection d, int layer) {
    return true;
  }

  private static boolean json(Tree t) {
    return t.length() > 0 && t.u8(0) == '{';
  }

  @Override
  public void fields(Tree t) {
    if (!json(t)) {
      t.object(TEXT, 0, t.length(), Strings.ascii(t.data(), t.start(), t.length()));
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    c.setInfo(longName());
  }
}

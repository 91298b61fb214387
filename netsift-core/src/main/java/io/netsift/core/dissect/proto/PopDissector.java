package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/**
 * Post Office Protocol version 3, <a href="https://www.rfc-editor.org/rfc/rfc1939">RFC 1939</a>.
 *
 * <pre>
 * command:  KEYWORD [SP argument] CRLF          (client to port 110)
 * response: +OK|-ERR [SP text] CRLF [lines ... "." CRLF]
 * </pre>
 *
 * A server segment that does not start with a status indicator is message text (the rest of a
 * RETR or TOP reply, or a SASL challenge) and goes to "imf", one segment at a time, as tshark 4.0
 * shows it.
 */
public final class PopDissector extends Dissector implements Protocols.Registrable {
  public static final Field RESPONSE = Field.string("pop.response", "Response");
  public static final Field RESPONSE_INDICATOR = Field.string("pop.response.indicator", "Response indicator");
  public static final Field RESPONSE_DESCRIPTION = Field.string("pop.response.description",
      "Response description");
  public static final Field RESPONSE_DATA = Field.string("pop.response.data", "Data")
      .blurb("Response Data");
  public static final Field REQUEST = Field.string("pop.request", "Request");
  public static final Field REQUEST_COMMAND = Field.string("pop.request.command", "Request command");
  public static final Field REQUEST_PARAMETER = Field.string("pop.request.parameter", "Request parameter");
  public static final Field REQUEST_DATA = Field.string("pop.request.data", "Data")
      .blurb("Request data");

  private static final int PORT = 110;

  public PopDissector() {
    super("pop", "Post Office Protocol", "POP");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.TCP_PORT, PORT, this);
  }

  private static boolean status(byte[] b, int s, int end) {
    return end - s >= 3 && b[s] == '+' && b[s + 1] == 'O' && b[s + 2] == 'K'
        || end - s >= 4 && b[s] == '-' && b[s + 1] == 'E' && b[s + 2] == 'R' && b[s + 3] == 'R';
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int end = d.end(layer);
    if (!TextLines.toPort(d, layer, PORT) && !status(d.data(), s, end)) {
      Dissector imf = TextLines.byName(d, "imf");
      if (imf != null) {
        d.payload(s, end);
        return imf;
      }
    }
    return null;
  }

  @Override
  public boolean payloadBecomesData() {
    return false;
  }

  @Override
  public void fields(Tree t) {
    byte[] b = t.data();
    int s = t.start();
    int end = s + t.length();
    boolean request = TextLines.toPort(t.dissection(), t.layer(), PORT);
    if (!request && !status(b, s, end)) {
      return;
    }
    int lineEnd = TextLines.next(b, s, end);
    int te = TextLines.textEnd(b, s, lineEnd);
    int sp = TextLines.space(b, s, te);
    t.object(request ? REQUEST : RESPONSE, 0, lineEnd - s, "");
    t.enter();
    t.bytes(request ? REQUEST_COMMAND : RESPONSE_INDICATOR, 0, sp - s);
    if (sp + 1 < te) {
      t.bytes(request ? REQUEST_PARAMETER : RESPONSE_DESCRIPTION, sp + 1 - s, te - sp - 1);
    }
    t.exit();
    for (int p = lineEnd; p < end; ) {
      int n = TextLines.next(b, p, end);
      t.object(request ? REQUEST_DATA : RESPONSE_DATA, p - s, n - p, "");
      p = n;
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = "POP";
    byte[] b = t.data();
    int s = t.start();
    int end = s + t.length();
    int te = TextLines.textEnd(b, s, TextLines.next(b, s, end));
    c.setInfo((TextLines.toPort(t.dissection(), t.layer(), PORT) ? "C: " : "S: ") + TextLines.text(b, s, te));
  }
}

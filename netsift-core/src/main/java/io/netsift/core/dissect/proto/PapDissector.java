package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import io.netsift.core.field.Strings;
import java.util.Map;

/**
 * PPP Password Authentication Protocol (RFC 1334 section 2, PPP protocol 0xc023).
 *
 * <pre>
 * | Code | Identifier | Length (2) | Authenticate-Request: Peer-ID-Length, Peer-ID, Passwd-Length, Password
 *                                  | Ack/Nak: Msg-Length, Message
 * </pre>
 */
public final class PapDissector extends Dissector implements Protocols.Registrable {
  static final Map<Long, String> CODES = ValueNames.parse("1=Authenticate-Request|2=Authenticate-Ack|3=Authenticate-Nak");

  public static final Field CODE = Field.u8("pap.code", "Code").labels(CODES);
  public static final Field IDENTIFIER = Field.u8("pap.identifier", "Identifier");
  public static final Field LENGTH = Field.u16("pap.length", "Length");
  public static final Field DATA = Field.none("pap.data", "Data");
  public static final Field PEER_ID_LENGTH = Field.u8("pap.peer_id.length", "Peer-ID-Length");
  public static final Field PEER_ID = Field.string("pap.peer_id", "Peer-ID");
  public static final Field PASSWORD_LENGTH = Field.u8("pap.password.length", "Password-Length");
  public static final Field PASSWORD = Field.string("pap.password", "Password");
  public static final Field MESSAGE_LENGTH = Field.u8("pap.message.length", "Message-Length");
  public static final Field MESSAGE = Field.string("pap.message", "Message");

  private static final int HEADER = 4;

  public PapDissector() {
    super("pap", "PPP Password Authentication Protocol", "PPP PAP");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.PPP_PROTO, 0xc023, this);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    if (d.length(layer) < HEADER) {
      Truncation.report(d, layer, s, HEADER);
      return null;
    }
    int length = Bytes.u16(d.data(), s + 2);
    if (length >= HEADER && s + length < d.end(layer)) {
      d.setEnd(layer, s + length);
    }
    d.payload(d.end(layer), d.end(layer));
    return null;
  }

  @Override
  public void fields(Tree t) {
    int code = (int) t.uint(CODE, 0, 1);
    t.uint(IDENTIFIER, 1, 1);
    int length = (int) t.uint(LENGTH, 2, 2);
    if (length <= HEADER || !t.has(HEADER, 1)) {
      return;
    }
    t.object(DATA, HEADER, Math.min(length, t.length()) - HEADER, null);
    t.enter();
    if (code == 1) {
      int n = (int) t.uint(PEER_ID_LENGTH, HEADER, 1);
      string(t, PEER_ID, HEADER + 1, n);
      int q = HEADER + 1 + n;
      int m = (int) t.uint(PASSWORD_LENGTH, q, 1);
      string(t, PASSWORD, q + 1, m);
    } else if (code == 2 || code == 3) {
      int n = (int) t.uint(MESSAGE_LENGTH, HEADER, 1);
      string(t, MESSAGE, HEADER + 1, n);
    }
    t.exit();
  }

  private static void string(Tree t, Field f, int off, int len) {
    if (t.has(off, len)) {
      t.object(f, off, len, Strings.printable(t.data(), t.start() + off, len));
    }
  }

  private static String text(Tree t, int off) {
    int n = t.u8(off);
    return t.has(off + 1, n) ? Strings.printable(t.data(), t.start() + off + 1, n) : "";
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    if (!t.has(0, HEADER)) {
      c.setInfo("");
      return;
    }
    int code = t.u8(0);
    String name = CODES.get((long) code);
    c.setInfo(name != null ? name : "Unknown");
    if (code == 1 && t.has(HEADER, 1)) {
      c.info.append(" (Peer-ID='").append(text(t, HEADER)).append("', Password='")
          .append(text(t, HEADER + 1 + t.u8(HEADER))).append("')");
    } else if ((code == 2 || code == 3) && t.has(HEADER, 1)) {
      c.info.append(" (Message='").append(text(t, HEADER)).append("')");
    }
  }
}

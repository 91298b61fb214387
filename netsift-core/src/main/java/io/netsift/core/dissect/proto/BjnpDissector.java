package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import io.netsift.core.field.Strings;
import java.util.Map;

/**
 * Canon BJNP, the printer and scanner discovery and job protocol of Canon devices, on UDP ports
 * 8611 to 8614. A datagram is a 16-byte header, then {@code payload length} bytes:
 *
 * <pre>
 * | id "BJNP"/"BJNB"/"MFNP" (4) | type (1) | code (1) | sequence (4) | session id (2) | payload length (4) |
 * </pre>
 */
public final class BjnpDissector extends Dissector implements Protocols.Registrable {
  private static final Map<Long, String> TYPES = ValueNames.parse(
      "1=Printer Command|2=Scanner Command|129=Printer Response|130=Scanner Response");
  private static final Map<Long, String> CODES = ValueNames.parse(
      "1=Discover|16=Print Job Details|17=Request Closure|32=Get Printer Status|33=Print|"
          + "48=Get Printer Identity|50=Scan Job Details");
  public static final Field ID = Field.string("bjnp.id", "Id");
  public static final Field TYPE = Field.u8("bjnp.type", "Type").labels(TYPES);
  public static final Field CODE = Field.u8("bjnp.code", "Code").labels(CODES);
  public static final Field SEQ_NO = Field.u32("bjnp.seq_no", "Sequence Number");
  public static final Field SESSION_ID = Field.u16("bjnp.session_id", "Session Id");
  public static final Field PAYLOAD_LEN = Field.u32("bjnp.payload_len", "Payload Length");
  public static final Field PAYLOAD = Field.bytes("bjnp.payload", "Payload");

  private static final int HEADER = 16;

  public BjnpDissector() {
    super("bjnp", "Canon BJNP", "BJNP");
  }

  @Override
  public void register(Protocols p) {
    for (int port = 8611; port <= 8614; port++) {
      p.map(Protocols.Table.UDP_PORT, port, this);
    }
  }

  @Override
  public boolean payloadBecomesData() {
    return false;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    if (d.length(layer) < HEADER) {
      Truncation.report(d, layer, d.start(layer), HEADER);
      return null;
    }
    d.payload(d.end(layer), d.end(layer));
    return null;
  }

  @Override
  public void fields(Tree t) {
    if (!t.has(0, HEADER)) {
      return;
    }
    t.object(ID, 0, 4, Strings.ascii(t.data(), t.start(), 4));
    t.uint(TYPE, 4, 1);
    t.uint(CODE, 5, 1);
    t.uint(SEQ_NO, 6, 4);
    t.uint(SESSION_ID, 10, 2);
    long len = t.uint(PAYLOAD_LEN, 12, 4);
    int n = (int) Math.min(len, t.length() - HEADER);
    if (n > 0) {
      t.bytes(PAYLOAD, HEADER, n);
    }
  }

  private static String summary(Tree t) {
    return name(TYPES, t.u8(4)) + ": " + name(CODES, t.u8(5));
  }

  private static String name(Map<Long, String> names, int v) {
    return names.getOrDefault((long) v, "Unknown (" + v + ")");
  }

  @Override
  public String label(Tree t) {
    return t.has(0, HEADER) ? longName() + ", " + summary(t) : longName();
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    if (t.has(0, HEADER)) {
      c.setInfo(summary(t));
    }
  }
}

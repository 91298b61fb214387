package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.util.Map;

/**
 * Ethernet Configuration Testing Protocol (DEC/Intel/Xerox Ethernet specification 2.0, section
 * 8), EtherType 0x9000: a skip count, then a list of functions, all little-endian.
 *
 * <pre>
 * +-----------+--------------------------------------------------+
 * | skipCount | function (2) [receipt number (2) | forward address (6)] ...
 * +-----------+--------------------------------------------------+
 * </pre>
 *
 * The function at offset 2 + skipCount is the one addressed to the receiver (the Info column);
 * Forward Data entries chain on to the next function, a Reply ends the list. The rest is data.
 */
public final class LoopDissector extends Dissector implements Protocols.Registrable {
  private static final Map<Long, String> FUNCTIONS = ValueNames.parse("1=Reply|2=Forward Data");

  public static final Field SKIPCOUNT = Field.u16("loop.skipcount", "skipCount");
  public static final Field RELEVANT_FUNCTION = Field.u16("loop.relevant_function", "Relevant function")
      .labels(FUNCTIONS);
  public static final Field FUNCTION = Field.u16("loop.function", "Function").labels(FUNCTIONS);
  public static final Field RECEIPT_NUMBER = Field.u16("loop.receipt_number", "Receipt number");
  public static final Field FORWARDING_ADDRESS = Field.ether("loop.forwarding_address", "Forwarding address");

  private static final int ETHERTYPE_LOOP = 0x9000;
  private static final int REPLY = 1;
  private static final int FORWARD_DATA = 2;

  public LoopDissector() {
    super("loop", "Configuration Test Protocol (loopback)", "LOOP");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.ETHERTYPE, ETHERTYPE_LOOP, this);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    byte[] b = d.data();
    int s = d.start(layer);
    int end = d.end(layer);
    int at = s + 2;
    while (true) {
      if (at + 2 > end) {
        Truncation.report(d, layer, s, at + 2 - s);
        return null;
      }
      int function = Bytes.u16le(b, at);
      at += 2;
      int arg = function == REPLY ? 2 : function == FORWARD_DATA ? 6 : 0;
      if (at + arg > end) {
        Truncation.report(d, layer, s, at + arg - s);
        return null;
      }
      at += arg;
      if (function != FORWARD_DATA) {
        break;
      }
    }
    d.payload(at, end);
    return null;
  }

  @Override
  public void fields(Tree t) {
    t.uintle(SKIPCOUNT, 0, 2);
    int skip = 2 + t.u16le(0);
    int at = 2;
    while (t.has(at, 2)) {
      int function = t.u16le(at);
      if (at == skip) {
        t.number(RELEVANT_FUNCTION, at, 2, function);
      }
      t.number(FUNCTION, at, 2, function);
      at += 2;
      if (function == REPLY) {
        t.uintle(RECEIPT_NUMBER, at, 2);
        return;
      } else if (function == FORWARD_DATA) {
        t.bytes(FORWARDING_ADDRESS, at, 6);
        at += 6;
      } else {
        return;
      }
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    int skip = 2 + t.u16le(0);
    int at = 2;
    String info = "No valid function found";
    while (t.has(at, 2)) {
      int function = t.u16le(at);
      if (at == skip) {
        String name = FUNCTIONS.get((long) function);
        info = name != null ? name : "Unknown function (" + function + ")";
      }
      if (function != FORWARD_DATA) {
        break;
      }
      at += 8;
    }
    c.setInfo(info);
  }
}

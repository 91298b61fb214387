package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.StreamPdus;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/**
 * Modbus/TCP's MBAP header (<a href="https://modbus.org/docs/Modbus_Messaging_Implementation_Guide_V1_0b.pdf">
 * Modbus Messaging on TCP/IP</a>) on TCP port 502; the PDU after it goes to {@link ModbusDissector}.
 *
 * <pre>
 * +----------------+----------------+----------------+--------+------------
 * | transaction id |  protocol id   |     length     |  unit  | PDU (length - 1 bytes)
 * +----------------+----------------+----------------+--------+------------
 * </pre>
 *
 * Segments towards port 502 are queries, from it responses; Info is tshark's
 * "   Query: Trans:     1; Unit:   1, Func:  15: Write Multiple Coils".
 */
public final class MbtcpDissector extends Dissector implements Protocols.Registrable, StreamPdus {
  static final int PORT = 502;
  private static final int HEADER = 7;

  public static final Field TRANS_ID = Field.u16("mbtcp.trans_id", "Transaction Identifier");
  public static final Field PROT_ID = Field.u16("mbtcp.prot_id", "Protocol Identifier");
  public static final Field LEN = Field.u16("mbtcp.len", "Length");
  public static final Field UNIT_ID = Field.u8("mbtcp.unit_id", "Unit Identifier");

  private ModbusDissector modbus;

  public MbtcpDissector() {
    super("mbtcp", "Modbus/TCP", "Modbus/TCP");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.TCP_PORT, PORT, this);
  }

  @Override
  public boolean payloadBecomesData() {
    return false;
  }

  @Override
  public int pduLength(Dissection d, int tcpLayer, byte[] b, int off, int avail) {
    if (avail < 6) {
      return MORE;
    }
    return 6 + Bytes.u16(b, off + 4);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int e = d.end(layer);
    if (e - s < HEADER) {
      d.payload(e, e);
      return null;
    }
    d.payload(s + HEADER, e);
    if (modbus == null) {
      modbus = (ModbusDissector) d.protocols().byName("modbus");
    }
    return modbus;
  }

  @Override
  public void fields(Tree t) {
    t.uint(TRANS_ID, 0, 2);
    t.uint(PROT_ID, 2, 2);
    t.uint(LEN, 4, 2);
    t.uint(UNIT_ID, 6, 1);
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    if (!t.has(0, HEADER + 1)) {
      return;
    }
    int tr = Transport.find(t.dissection(), t.layer());
    boolean query = Transport.dstPort(t.dissection(), tr) == PORT;
    int func = t.u8(HEADER);
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%8s: Trans: %5d; Unit: %3d, Func: %3d: %s", query ? "Query" : "Response",
        t.u16(0), t.u8(6), func & 0x7f, ModbusDissector.functionName(func & 0x7f)));
    if ((func & 0x80) != 0) {
      sb.append(". Exception returned ");
    }
    c.setInfo(sb.toString());
  }
}

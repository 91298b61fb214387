package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.StreamPdus;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.util.Map;

/**
 * IEC 60870-5-104's APCI on TCP port 2404: each APDU is a start byte 0x68, a length and four
 * control octets (little endian) whose low bits tell the format:
 *
 * <pre>
 * I: bit 0 = 0, send sequence number (bits 1-15), receive sequence number (bits 17-31), then an ASDU
 * S: bits 0-1 = 01, receive sequence number (bits 17-31)
 * U: bits 0-1 = 11, STARTDT/STOPDT/TESTFR act/con bits (not decoded here)
 * </pre>
 *
 * Several APDUs in a segment are several layers; Info joins theirs with " | ", each
 * "-> I (tx,rx) " (the arrow "->" from port 2404, "<-" towards it) and the ASDU's summary.
 */
public final class Iec104Dissector extends Dissector implements Protocols.Registrable, StreamPdus {
  static final int PORT = 2404;
  private static final int START = 0x68;
  private static final int APCI = 6;

  public static final Field APDU_LEN = Field.u8("iec60870_104.apdulen", "ApduLen");
  public static final Field TYPE = Field.u32("iec60870_104.type", "Type").hex().mask(0x1, 32)
      .labels(Map.of(0L, "I", 1L, "S", 3L, "U"));
  public static final Field TX = Field.u32("iec60870_104.tx", "Tx").mask(0xfffe, 32);
  public static final Field RX = Field.u32("iec60870_104.rx", "Rx").mask(0xfffe0000L, 32);

  public Iec104Dissector() {
    super("iec60870_104", "IEC 60870-5-104", "IEC 60870-5-104");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.TCP_PORT, PORT, this);
  }

  @Override
  public boolean payloadBecomesData() {
    return false;
  }

  /** A second APDU of the segment shows in the tree and io,phs but not again in frame.protocols. */
  @Override
  public boolean listedInProtocols(Dissection d, int layer) {
    for (int i = layer - 1; i >= 0; i--) {
      if (d.dissector(i) == this) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int pduLength(Dissection d, int tcpLayer, byte[] b, int off, int avail) {
    if ((b[off] & 0xff) != START) {
      return NOT_MINE;
    }
    if (avail < 2) {
      return MORE;
    }
    return 2 + (b[off + 1] & 0xff);
  }

  /** The format: 0 (I), 1 (S) or 3 (U). */
  private static int format(int control) {
    return (control & 1) == 0 ? 0 : control & 3;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int e = d.end(layer);
    if (e - s > APCI && format(d.data()[s + 2]) == 0) {
      d.payload(s + APCI, e);
      return d.protocols().byName("iec60870_asdu");
    }
    d.payload(e, e);
    return null;
  }

  private static String summary(Tree t) {
    if (!t.has(0, APCI)) {
      return "";
    }
    Dissection d = t.dissection();
    int tr = Transport.find(d, t.layer());
    String arrow = Transport.srcPort(d, tr) == PORT ? "-> " : "<- ";
    long control = t.u32le(2);
    int rx = (int) (control >>> 17 & 0x7fff);
    switch (format((int) control)) {
      case 0:
        return arrow + "I (" + (control >>> 1 & 0x7fff) + "," + rx + ") ";
      case 1:
        return arrow + "S (" + rx + ") ";
      default:
        return arrow + "U ";
    }
  }

  @Override
  public String label(Tree t) {
    return longName() + ": " + summary(t);
  }

  @Override
  public void fields(Tree t) {
    if (!t.has(0, 2)) {
      return;
    }
    t.uint(Iec60870AsduDissector.START, 0, 1);
    t.uint(APDU_LEN, 1, 1);
    if (!t.has(2, 4)) {
      return;
    }
    long control = t.u32le(2);
    int f = format((int) control);
    t.number(TYPE, 2, 4, f);
    if (f == 0) {
      t.uintle(TX, 2, 4);
    }
    if (f != 3) {
      t.uintle(RX, 2, 4);
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    Dissection d = t.dissection();
    boolean first = true;
    for (int i = t.layer() - 1; i >= 0 && first; i--) {
      first = d.dissector(i) != this;
    }
    if (first) {
      c.setInfo(summary(t));
    } else {
      c.info.append(" | ").append(summary(t));
    }
  }
}

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
 * TPKT (<a href="https://www.rfc-editor.org/rfc/rfc1006">RFC 1006</a>: ISO transport over TCP)
 * on TCP ports 102 and 3389 (RDP), carrying COTP:
 *
 * <pre>
 * +---------+----------+----------------+----------------
 * | version | reserved | length (incl.) | COTP TPDU ...
 * |    3    |    0     |    16 bits     |
 * +---------+----------+----------------+----------------
 * </pre>
 *
 * As tshark does, a segment of a stream that carried TPKT before and does not start with
 * version 3 is "Continuation" data (RDP
 * after its switch to TLS: tshark keeps showing TPKT there), and a packet longer than the segment
 * is joined from the following segments whatever it holds; a stream that never started with
 * version 3 is data.
 */
public final class TpktDissector extends Dissector implements Protocols.Registrable, StreamPdus {
  private static final int HEADER = 4;

  public static final Field VERSION = Field.u8("tpkt.version", "Version");
  public static final Field RESERVED = Field.u8("tpkt.reserved", "Reserved");
  public static final Field LENGTH = Field.u16("tpkt.length", "Length");
  public static final Field CONTINUATION = Field.bytes("tpkt.continuation_data", "Continuation data");

  public TpktDissector() {
    super("tpkt", "TPKT - ISO on TCP - RFC1006", "TPKT");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.TCP_PORT, 102, this);
    p.map(Protocols.Table.TCP_PORT, 3389, this);
  }

  /** Whether a stream has carried a TPKT header (tshark then keeps the conversation for TPKT). */
  private static final class Stream {
    boolean seen;
  }

  @Override
  public int pduLength(Dissection d, int tcpLayer, byte[] b, int off, int avail) {
    Stream st = PerStream.ofTcp(d, this, tcpLayer, Stream::new);
    if ((b[off] & 0xff) != 3) {
      // After a TPKT packet, continuation (the rest of the segment); before any, not TPKT at all.
      return st.seen ? avail : AS_DATA;
    }
    st.seen = true;
    if (avail < HEADER) {
      return MORE;
    }
    int length = Bytes.u16(b, off + 2);
    return length < HEADER ? avail : length;
  }

  /** tshark's TPKT clears Info before it asks TCP for the rest of a packet. */
  @Override
  public String partialInfo(Dissection d, int tcpLayer, byte[] b, int off, int avail) {
    return (b[off] & 0xff) == 3 ? "" : null;
  }

  private static boolean continuation(Tree t) {
    return t.u8(0) != 3;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int e = d.end(layer);
    if ((d.data()[s] & 0xff) != 3 || e - s < HEADER) {
      d.payload(e, e);
      return null;
    }
    d.payload(s + HEADER, e);
    return d.protocols().byName("cotp");
  }

  /**
   * tshark 4.0 leaves TPKT out of frame.protocols when its COTP is a Connection Request (the
   * RDP heuristic it runs there drops the layer), though the tree and io,phs still show it.
   */
  @Override
  public boolean listedInProtocols(Dissection d, int layer) {
    int next = layer + 1;
    return next >= d.layerCount() || !d.dissector(next).name().equals("cotp")
        || d.end(next) - d.start(next) < 2 || (d.data()[d.start(next) + 1] & 0xf0) != 0xe0;
  }

  @Override
  public String label(Tree t) {
    return continuation(t) ? longName() : "TPKT, Version: " + t.u8(0) + ", Length: " + t.u16(2);
  }

  @Override
  public void fields(Tree t) {
    if (continuation(t)) {
      t.bytes(CONTINUATION, 0, t.length());
      return;
    }
    t.uint(VERSION, 0, 1);
    t.uint(RESERVED, 1, 1);
    t.uint(LENGTH, 2, 2);
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    if (continuation(t)) {
      c.setInfo("Continuation");
    }
  }
}

package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.TransportFrames.eth;
import static io.netsift.core.dissect.proto.TransportFrames.ethernet;
import static io.netsift.core.dissect.proto.TransportFrames.ipv4;
import static io.netsift.core.dissect.proto.TransportFrames.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.StreamPdus;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * TCP reassembly with a small length-prefixed protocol of the test's own (two length bytes, then
 * that many bytes of text), so that every case (PDUs spanning segments, several PDUs in one
 * segment, retransmissions, overlaps, gaps, limits, PDUs closed by FIN) is built byte by byte.
 */
class TcpReassemblyTest {
  static final int PORT = 7777;

  /** The test protocol: "len" then the text; Info is the text. */
  static final class LenPdu extends Dissector implements StreamPdus {
    static final Field LEN = Field.u16("lenpdu.len", "Length");
    static final Field TEXT = Field.string("lenpdu.text", "Text");
    final boolean untilClose;

    LenPdu(boolean untilClose) {
      super("lenpdu", "Length-prefixed test PDU", "LENPDU");
      this.untilClose = untilClose;
    }

    @Override
    public int pduLength(Dissection d, int tcpLayer, byte[] b, int off, int avail) {
      if (untilClose) {
        return UNTIL_CLOSE;
      }
      return avail < 2 ? MORE : 2 + ((b[off] & 0xff) << 8 | (b[off + 1] & 0xff));
    }

    @Override
    public String partialInfo(Dissection d, int tcpLayer, byte[] b, int off, int avail) {
      return "";
    }

    @Override
    public Dissector dissect(Dissection d, int layer) {
      return null;
    }

    @Override
    public void fields(Tree t) {
      if (untilClose) {
        t.object(TEXT, 0, t.length(), text(t, 0));
        return;
      }
      t.uint(LEN, 0, 2);
      t.object(TEXT, 2, t.length() - 2, text(t, 2));
    }

    private static String text(Tree t, int from) {
      return new String(t.data(), t.start() + from, Math.max(0, t.length() - from), StandardCharsets.US_ASCII);
    }

    @Override
    public void columns(Tree t, Columns c) {
      c.protocol = "LENPDU";
      c.info.setLength(0);
      c.info.append(text(t, untilClose ? 0 : 2));
    }
  }

  static byte[] pdu(String text) {
    byte[] t = text.getBytes(StandardCharsets.US_ASCII);
    byte[] b = new byte[t.length + 2];
    b[0] = (byte) (t.length >> 8);
    b[1] = (byte) t.length;
    System.arraycopy(t, 0, b, 2, t.length);
    return b;
  }

  static byte[] cat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  static byte[] slice(byte[] b, int from, int to) {
    return Arrays.copyOfRange(b, from, to);
  }

  /** A client-to-server segment with {@code data} at relative sequence {@code seq} (1 = first byte). */
  static TransportFrames.Result send(DissectionEngine e, long seq, int flags, byte[] data) {
    byte[] seg = tcp(40000, PORT, 1000 + seq, 5001, flags, 512, new byte[0], data);
    return TransportFrames.dissect(e, ethernet(eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", 6, seg)), 1));
  }

  static DissectionEngine engine(Function<Protocols, Protocols> prefs, boolean untilClose) {
    Protocols p = Protocols.standard().withDissector(new LenPdu(untilClose), Protocols.Table.TCP_PORT, PORT);
    return new DissectionEngine(prefs.apply(p));
  }

  static DissectionEngine engine() {
    return engine(p -> p, false);
  }

  static final int ACK = 0x10;
  static final int PSH_ACK = 0x18;
  static final int FIN_ACK = 0x11;

  @Test
  void pduSpanningThreeSegmentsIsDissectedOnTheLastWithItsSegmentList() {
    DissectionEngine e = engine();
    byte[] m = pdu("hello reassembled world");
    TransportFrames.Result r1 = send(e, 1, ACK, slice(m, 0, 1)); // not even the whole length
    TransportFrames.Result r2 = send(e, 2, ACK, slice(m, 1, 10));
    TransportFrames.Result r3 = send(e, 11, PSH_ACK, slice(m, 10, m.length));
    assertEquals("eth:ethertype:ip:tcp", r1.protocols);
    assertEquals("TCP", r1.protocol);
    assertEquals("[TCP segment of a reassembled PDU]", r1.info, "partialInfo \"\" clears TCP's Info");
    assertEquals("40000 \u2192 7777 [ACK] Seq=2 Ack=1 Win=512 Len=9 [TCP segment of a reassembled PDU]", r2.info);
    assertFalse(r2.has("tcp.segment"));
    assertEquals("eth:ethertype:ip:tcp:lenpdu", r3.protocols);
    assertEquals("LENPDU", r3.protocol);
    assertEquals("hello reassembled world", r3.info);
    assertEquals("1,2,3", r3.get("tcp.segment"));
    assertEquals("3", r3.get("tcp.segment.count"));
    assertEquals(String.valueOf(m.length), r3.get("tcp.reassembled.length"));
    assertEquals("1", r3.get("tcp.segments"));
    assertEquals("23", r3.get("lenpdu.len"));
    assertEquals("hello reassembled world", r3.get("lenpdu.text"));
  }

  @Test
  void severalPdusInOneSegmentBecomeSeveralLayers() {
    DissectionEngine e = engine();
    TransportFrames.Result r = send(e, 1, PSH_ACK, cat(pdu("one"), pdu("two"), pdu("three")));
    assertEquals("eth:ethertype:ip:tcp:lenpdu:lenpdu:lenpdu", r.protocols);
    assertEquals("one,two,three", r.get("lenpdu.text"));
    assertFalse(r.has("tcp.segment"));
  }

  @Test
  void segmentThatEndsOnePduAndStartsAnother() {
    DissectionEngine e = engine();
    byte[] a = pdu("first message");
    byte[] b = pdu("second message");
    byte[] c = pdu("third");
    byte[] stream = cat(a, b, c);
    send(e, 1, ACK, slice(stream, 0, 5));
    // Ends a, holds all of b, starts c.
    TransportFrames.Result r2 = send(e, 6, ACK, slice(stream, 5, a.length + b.length + 3));
    assertEquals("eth:ethertype:ip:tcp:lenpdu:lenpdu", r2.protocols);
    assertEquals("first message,second message", r2.get("lenpdu.text"));
    assertEquals("1,2", r2.get("tcp.segment"));
    TransportFrames.Result r3 = send(e, 1 + a.length + b.length + 3, PSH_ACK,
        slice(stream, a.length + b.length + 3, stream.length));
    assertEquals("third", r3.get("lenpdu.text"));
    assertEquals("2,3", r3.get("tcp.segment"));
  }

  @Test
  void retransmittedBytesAreNotDissectedTwiceAndOverlapsGiveOnlyNewBytes() {
    DissectionEngine e = engine();
    byte[] m = pdu("abcdefghijklmnopqrstuvwxyz");
    send(e, 1, ACK, slice(m, 0, 10));
    TransportFrames.Result again = send(e, 1, ACK, slice(m, 0, 10)); // retransmission
    assertEquals("eth:ethertype:ip:tcp", again.protocols);
    // tshark marks the resent segment (sequence analysis) and does not dissect its bytes again.
    assertEquals("[TCP Retransmission] 40000 \u2192 7777 [ACK] Seq=1 Ack=1 Win=512 Len=10", again.info);
    TransportFrames.Result overlap = send(e, 6, PSH_ACK, slice(m, 5, m.length)); // bytes 6..10 again
    assertEquals("abcdefghijklmnopqrstuvwxyz", overlap.get("lenpdu.text"));
    assertEquals("1,3", overlap.get("tcp.segment"));
    assertEquals(String.valueOf(m.length), overlap.get("tcp.reassembled.length"));
  }

  @Test
  void aSegmentInsideAFinishedPduIsTsharksReassemblyError() {
    DissectionEngine e = engine();
    byte[] m = pdu("abcdefghijklmnopqrstuvwxyz");
    String error = "New fragment overlaps old data (retransmission?)";
    send(e, 1, ACK, slice(m, 0, 10));
    TransportFrames.Result done = send(e, 11, PSH_ACK, slice(m, 10, m.length));
    assertEquals("abcdefghijklmnopqrstuvwxyz", done.get("lenpdu.text"));
    assertFalse(done.experts.contains(error));
    // A keep-alive repeats the PDU's last byte: tshark adds it to the finished reassembly.
    TransportFrames.Result keepAlive = send(e, m.length, ACK, slice(m, m.length - 1, m.length));
    assertTrue(keepAlive.info.startsWith("[TCP Keep-Alive]"), keepAlive.info);
    assertTrue(keepAlive.experts.contains(error), keepAlive.experts.toString());
    assertEquals("1", keepAlive.get("_ws.malformed.reassembly"));
    // The PDU's first segment again starts afresh (tshark looks up the PDU before seq - 1).
    TransportFrames.Result first = send(e, 1, ACK, slice(m, 0, 10));
    assertFalse(first.experts.contains(error), first.experts.toString());
  }

  @Test
  void aGapDropsThePendingPduAndRestartsAtTheNewSegment() {
    DissectionEngine e = engine();
    byte[] lost = pdu("this one loses its middle");
    send(e, 1, ACK, slice(lost, 0, 8));
    // Bytes 9..12 never arrive; a segment past the broken PDU's end starts afresh.
    TransportFrames.Result r = send(e, 1 + lost.length + 5, PSH_ACK, pdu("fresh"));
    assertEquals("fresh", r.get("lenpdu.text"));
    assertFalse(r.has("tcp.segment"));
    // A PDU whose length was never known (one byte of the length field) is simply dropped.
    DissectionEngine f = engine();
    send(f, 1, ACK, slice(lost, 0, 1));
    TransportFrames.Result g = send(f, 3, PSH_ACK, pdu("again"));
    assertEquals("again", g.get("lenpdu.text"));
  }

  @Test
  void bytesOfAPduThatLostItsMiddleAreNotDissectedAsNewPdus() {
    DissectionEngine e = engine();
    byte[] lost = pdu("0123456789abcdefghij"); // 22 bytes
    send(e, 1, ACK, slice(lost, 0, 8));
    // Bytes 9..12 never arrive; 13..22 still belong to the broken PDU, then a fresh one follows.
    TransportFrames.Result tail = send(e, 13, ACK, slice(lost, 12, 20));
    assertEquals("eth:ethertype:ip:tcp", tail.protocols);
    assertTrue(tail.info.endsWith("[TCP segment of a reassembled PDU]"), tail.info);
    TransportFrames.Result r = send(e, 21, PSH_ACK, cat(slice(lost, 20, 22), pdu("next")));
    assertEquals("next", r.get("lenpdu.text"));
  }

  @Test
  void disabledTooLongOrOverBudgetPdusAreHandedOverAsTheyAre() {
    DissectionEngine off = engine(p -> p.withPreference("tcp.desegment_tcp_streams", "FALSE"), false);
    byte[] m = pdu("0123456789");
    TransportFrames.Result r = send(off, 1, ACK, slice(m, 0, 6));
    assertEquals("eth:ethertype:ip:tcp:lenpdu", r.protocols, "no reassembly: the part is dissected");
    DissectionEngine small = engine(p -> p.withPreference("tcp.reassembly_max_pdu", "8"), false);
    TransportFrames.Result s = send(small, 1, ACK, slice(m, 0, 6));
    assertEquals("eth:ethertype:ip:tcp:lenpdu", s.protocols, "12 > 8 bytes: not kept");
    DissectionEngine spent = engine(p -> p.withPreference("tcp.reassembly_max_total", "0"), false);
    assertEquals("eth:ethertype:ip:tcp", send(spent, 1, ACK, slice(m, 0, 6)).protocols,
        "the first pending PDU fits an empty budget");
    byte[] seg = tcp(40001, PORT, 1001, 5001, ACK, 512, new byte[0], slice(m, 0, 6));
    TransportFrames.Result other = TransportFrames.dissect(spent, ethernet(eth(0x0800, ipv4("10.0.0.1", "10.0.0.2",
        6, seg)), 2));
    assertEquals("eth:ethertype:ip:tcp:lenpdu", other.protocols, "the budget is spent: not kept");
  }

  @Test
  void aPduThatRunsToTheEndOfTheStreamCompletesOnFin() {
    DissectionEngine e = engine(p -> p, true);
    TransportFrames.Result r1 = send(e, 1, ACK, "body ".getBytes(StandardCharsets.US_ASCII));
    TransportFrames.Result r2 = send(e, 6, ACK, "until ".getBytes(StandardCharsets.US_ASCII));
    TransportFrames.Result r3 = send(e, 12, FIN_ACK, new byte[0]);
    assertEquals("eth:ethertype:ip:tcp", r1.protocols);
    assertEquals("eth:ethertype:ip:tcp", r2.protocols);
    assertEquals("eth:ethertype:ip:tcp:lenpdu", r3.protocols);
    assertEquals("body until ", r3.get("lenpdu.text"));
    assertEquals("1,2", r3.get("tcp.segment"));
  }

  @Test
  void keptPacketsCarryTheirReassembledBytes() {
    DissectionEngine e = engine();
    byte[] m = pdu("kept across copy");
    send(e, 1, ACK, slice(m, 0, 7));
    byte[] seg = tcp(40000, PORT, 1000 + 8, 5001, PSH_ACK, 512, new byte[0], slice(m, 7, m.length));
    Dissection d = e.dissect(ethernet(eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", 6, seg)), 1)).copy();
    e.dissect(ethernet(eth(0x0800, ipv4("10.0.0.9", "10.0.0.8", 6, seg)), 2)); // reuse the engine's buffer
    assertEquals(1, d.sourceCount());
    assertEquals("kept across copy", LayerTestFrames.value(d, "lenpdu.text"));
  }
}

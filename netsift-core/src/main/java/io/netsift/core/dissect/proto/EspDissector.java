package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.util.HashMap;
import java.util.Map;

/**
 * IP Encapsulating Security Payload, <a href="https://www.rfc-editor.org/rfc/rfc4303">RFC
 * 4303</a>, IP protocol 50 (and over UDP 4500 after {@link UdpEncapDissector}). Only the SPI and
 * sequence number are in the clear; the rest of the layer is the encrypted payload, which stays
 * part of this layer as in tshark without keys.
 *
 * <pre>
 * +--------+--------+--------+--------+
 * |  Security Parameters Index (SPI)  |
 * +--------+--------+--------+--------+
 * |          Sequence Number          |
 * +--------+--------+--------+--------+
 * |  encrypted payload, padding, ICV  |
 * </pre>
 *
 * Sequence analysis (RFC 4303 section 2.2: the sender counts up by one per packet of an SA)
 * keys on the SPI alone, as tshark does, whatever the addresses: a packet whose number is not
 * one more than the previous packet's of the same SPI shows the expected number, the previous
 * frame and a warning. It is order-dependent state, so a stateless pass skips it and
 * {@code esp.sequence-analysis} is listed in {@link io.netsift.core.dissect.Stateless}.
 */
public final class EspDissector extends Dissector implements Protocols.Registrable {
  public static final Field SPI = Field.u32("esp.spi", "ESP SPI").hexDec()
      .blurb("IP Encapsulating Security Payload Security Parameters Index");
  public static final Field SEQUENCE = Field.u32("esp.sequence", "ESP Sequence")
      .blurb("IP Encapsulating Security Payload Sequence Number");

  public static final Field EXPECTED_SN = Field.u32("esp.sequence-analysis.expected-sn", "Expected SN");
  public static final Field PREVIOUS_FRAME = Field.frameNum("esp.sequence-analysis.previous-frame", "Previous Frame");
  public static final Expert WRONG_SEQUENCE = new Expert("esp.sequence-analysis.wrong-sequence-number",
      Expert.Severity.WARNING, "Sequence", "Wrong Sequence Number");

  private static final int HEADER = 8;
  /** Annotations: the expected number and previous frame when the number was not expected. */
  private static final int A_WRONG = 0;
  private static final int A_EXPECTED = 1;
  private static final int A_PREVIOUS = 2;
  private static final int A_COUNT = 3;

  /** Per capture: SPI to {last sequence number, its frame}. */
  private static final class State {
    final Map<Integer, long[]> bySpi = new HashMap<>();
  }

  public EspDissector() {
    super("esp", "Encapsulating Security Payload", "ESP");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.IP_PROTO, 50, this);
  }

  @Override
  public boolean payloadBecomesData() {
    return false;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int end = d.end(layer);
    d.payload(end, end);
    if (d.length(layer) < HEADER) {
      Truncation.report(d, layer, d.start(layer), HEADER);
    } else if (!d.protocols().isStateless()) {
      analyse(d, layer, d.start(layer));
    }
    return null;
  }

  private void analyse(Dissection d, int layer, int s) {
    byte[] b = d.data();
    int spi = (int) Bytes.u32(b, s);
    long seq = Bytes.u32(b, s + 4);
    Map<Integer, long[]> bySpi = d.state(this, State::new).bySpi;
    long[] last = bySpi.get(spi);
    if (last == null) {
      bySpi.put(spi, new long[] {seq, d.number()});
      return;
    }
    long expected = (last[0] + 1) & 0xffffffffL;
    if (seq != expected) {
      d.annotate(layer, A_COUNT);
      d.setAnnotation(layer, A_WRONG, 1);
      d.setAnnotation(layer, A_EXPECTED, expected);
      d.setAnnotation(layer, A_PREVIOUS, last[1]);
    }
    last[0] = seq;
    last[1] = d.number();
  }

  @Override
  public void fields(Tree t) {
    t.uint(SPI, 0, 4);
    long seq = t.uint(SEQUENCE, 4, 4);
    if (t.annotation(A_WRONG) != 0) {
      long expected = t.annotation(A_EXPECTED);
      t.generated(EXPECTED_SN, expected);
      t.enter();
      t.expert(WRONG_SEQUENCE, 0, 0, String.format("Wrong Sequence Number for SPI %08x - %s",
          t.u32(0), seq > expected ? (seq - expected) + " missing"
              : (expected - seq) + " less than expected"));
      t.exit();
      t.generated(PREVIOUS_FRAME, t.annotation(A_PREVIOUS));
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    c.setInfo(t.has(0, 8) ? String.format("ESP (SPI=0x%08x)", t.u32(0)) : "");
  }
}

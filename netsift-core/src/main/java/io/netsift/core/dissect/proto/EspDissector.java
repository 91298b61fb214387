package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

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
 */
public final class EspDissector extends Dissector implements Protocols.Registrable {
  public static final Field SPI = Field.u32("esp.spi", "ESP SPI").hexDec()
      .blurb("IP Encapsulating Security Payload Security Parameters Index");
  public static final Field SEQUENCE = Field.u32("esp.sequence", "ESP Sequence")
      .blurb("IP Encapsulating Security Payload Sequence Number");

  private static final int HEADER = 8;

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
    }
    return null;
  }

  @Override
  public void fields(Tree t) {
    t.uint(SPI, 0, 4);
    t.uint(SEQUENCE, 4, 4);
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    c.setInfo(t.has(0, 8) ? String.format("ESP (SPI=0x%08x)", t.u32(0)) : "");
  }
}

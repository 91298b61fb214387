package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/**
 * IP Authentication Header, <a href="https://www.rfc-editor.org/rfc/rfc4302">RFC 4302</a>, IP
 * protocol 51: authenticated but not encrypted, so the next header is dissected as usual.
 *
 * <pre>
 * +---------------+---------------+-------------------------------+
 * |  Next Header  |  Payload Len  |          RESERVED             |
 * +---------------+---------------+-------------------------------+
 * |                 Security Parameters Index (SPI)               |
 * |                    Sequence Number Field                      |
 * |                Integrity Check Value (variable)               |  (Payload Len + 2) * 4 bytes
 * +---------------------------------------------------------------+
 * </pre>
 */
public final class AhDissector extends Dissector implements Protocols.Registrable {
  public static final Field NEXT_HEADER = Field.u8("ah.next_header", "Next header").labels(IpProtocols::name);
  public static final Field LENGTH = Field.u8("ah.length", "Length");
  public static final Field RESERVED = Field.bytes("ah.reserved", "Reserved");
  public static final Field SPI = Field.u32("ah.spi", "AH SPI").hex()
      .blurb("IP Authentication Header Security Parameters Index");
  public static final Field ICV = Field.bytes("ah.icv", "AH ICV").blurb("IP Authentication Header Integrity Check Value");
  public static final Field SEQUENCE = Field.u32("ah.sequence", "AH Sequence")
      .blurb("IP Authentication Header Sequence Number");

  private static final int FIXED = 12;

  public AhDissector() {
    super("ah", "Authentication Header", "AH");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.IP_PROTO, 51, this);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    byte[] b = d.data();
    int s = d.start(layer);
    int end = d.end(layer);
    d.payload(end, end);
    if (end - s < 2) {
      Truncation.report(d, layer, s, 2);
      return null;
    }
    int len = (Bytes.u8(b, s + 1) + 2) * 4;
    if (len < FIXED || end - s < len) {
      Truncation.report(d, layer, s, Math.max(len, FIXED));
      return null;
    }
    d.payload(s + len, end);
    return s + len < end ? d.protocols().ipProtocol(Bytes.u8(b, s)) : null;
  }

  @Override
  public void fields(Tree t) {
    int len = (t.u8(1) + 2) * 4;
    t.uint(NEXT_HEADER, 0, 1);
    t.uint(LENGTH, 1, 1);
    t.bytes(RESERVED, 2, 2);
    t.uint(SPI, 4, 4);
    t.uint(SEQUENCE, 8, 4);
    if (len > FIXED) {
      t.bytes(ICV, FIXED, len - FIXED);
    } else if (t.has(0, FIXED)) {
      t.object(ICV, FIXED, 0, "<MISSING>"); // tshark's text for empty bytes
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    c.setInfo(t.has(4, 4) ? String.format("AH (SPI=0x%08x)", t.u32(4)) : "");
  }
}

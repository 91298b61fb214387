package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/**
 * ISO 8073 / X.224 COTP, the connection-oriented transport TPKT carries: a length indicator
 * (header bytes after itself), the TPDU type in the high nibble, then per type
 *
 * <pre>
 * CR/CC: dst-ref(2) src-ref(2) class|options(1) parameters... | user data
 * DT:    TPDU number|EOT(1)                                      | user data
 * </pre>
 *
 * The variable part of a Connection Request or Confirm goes to RDP's negotiation
 * ({@link RdpDissector}) when it looks like one; parameters and other TPDU types are not decoded
 * yet.
 */
public final class CotpDissector extends Dissector {
  static final int CR = 0xe;
  static final int CC = 0xd;
  static final int DT = 0xf;

  public static final Field LI = Field.u8("cotp.li", "Length");
  public static final Field TYPE = Field.u8("cotp.type", "PDU Type").hex().labels(ValueNames.parse(
      "0x1=ED Expedited Data|0x2=EA Expedited Data Acknowledgement|0x4=UD Unit Data|0x5=RJ Reject|"
      + "0x6=AK Data Acknowledgement|0x7=ER TPDU Error|0x8=DR Disconnect Request|0xc=DC Disconnect Confirm|"
      + "0xd=CC Connect Confirm|0xe=CR Connect Request|0xf=DT Data|"));
  public static final Field DESTREF = Field.u16("cotp.destref", "Destination reference").hex();
  public static final Field SRCREF = Field.u16("cotp.srcref", "Source reference").hex();
  public static final Field CLASS = Field.u8("cotp.class", "Class").mask(0xf0, 8);
  public static final Field EXTENDED = Field.bool("cotp.opts.extended_formats", "Extended formats").mask(0x02, 8);
  public static final Field NO_FLOW_CONTROL =
      Field.bool("cotp.opts.no_explicit_flow_control", "No explicit flow control").mask(0x01, 8);
  public static final Field TPDU_NUMBER = Field.u8("cotp.tpdu-number", "TPDU number").hex().mask(0x7f, 8);
  public static final Field EOT = Field.bool("cotp.eot", "Last data unit").mask(0x80, 8);

  public CotpDissector() {
    super("cotp", "ISO 8073/X.224 COTP Connection-Oriented Transport Protocol", "COTP");
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int e = d.end(layer);
    byte[] b = d.data();
    int li = e - s >= 2 ? b[s] & 0xff : 0;
    int type = e - s >= 2 ? (b[s + 1] & 0xff) >> 4 : 0;
    if ((type == CR || type == CC) && li >= 6) {
      // RDP puts its negotiation where X.224 has the variable part: after the 7 fixed bytes.
      int fixedEnd = s + 7;
      d.payload(fixedEnd, e);
      return RdpDissector.negotiation(b, fixedEnd, e) ? d.protocols().byName("rdp") : null;
    }
    d.payload(Math.min(e, s + 1 + li), e);
    return null;
  }

  @Override
  public void fields(Tree t) {
    if (t.length() < 2) {
      return;
    }
    t.uint(LI, 0, 1);
    int type = t.u8(1) >> 4;
    t.number(TYPE, 1, 1, type);
    if ((type == CR || type == CC) && t.has(2, 5)) {
      t.uint(DESTREF, 2, 2);
      t.uint(SRCREF, 4, 2);
      t.uint(CLASS, 6, 1);
      t.uint(EXTENDED, 6, 1);
      t.uint(NO_FLOW_CONTROL, 6, 1);
    } else if (type == DT && t.has(2, 1)) {
      t.uint(TPDU_NUMBER, 2, 1);
      t.uint(EOT, 2, 1);
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    int type = t.u8(1) >> 4;
    if ((type == CR || type == CC) && t.has(2, 4)) {
      c.setInfo(String.format("%s TPDU src-ref: 0x%04x dst-ref: 0x%04x", type == CR ? "CR" : "CC",
          t.u16(4), t.u16(2)));
    }
  }
}

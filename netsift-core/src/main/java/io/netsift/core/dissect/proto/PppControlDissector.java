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
 * The packet format PPP's control protocols share (RFC 1661 section 5: LCP, and the NCPs IPCP,
 * IPV6CP): code, identifier, length, then configuration options (type, length, value) for the
 * Configure-* codes. The header fields are Wireshark's {@code ppp.code}, {@code ppp.identifier}
 * and {@code ppp.length}, declared by every control protocol that reports them.
 *
 * <pre>
 * +--------+------------+-----------------+-------------------------
 * |  Code  | Identifier |    Length (2)    | options or data ...
 * +--------+------------+-----------------+-------------------------
 * </pre>
 */
abstract class PppControlDissector extends Dissector implements Protocols.Registrable {
  static final Map<Long, String> LCP_CODES = ValueNames.parse(
      "1=Configuration Request|2=Configuration Ack|3=Configuration Nak|4=Configuration Reject|"
          + "5=Termination Request|6=Termination Ack|7=Code Reject|8=Protocol Reject|9=Echo Request|"
          + "10=Echo Reply|11=Discard Request|12=Identification|13=Time Remaining");
  static final Map<Long, String> NCP_CODES = ValueNames.parse(
      "1=Configuration Request|2=Configuration Ack|3=Configuration Nak|4=Configuration Reject|"
          + "5=Termination Request|6=Termination Ack|7=Code Reject");

  public static final Field CODE = Field.u8("ppp.code", "Code");
  public static final Field IDENTIFIER = Field.u8("ppp.identifier", "Identifier").decHex();
  public static final Field LENGTH = Field.u16("ppp.length", "Length");
  public static final Field DATA = Field.bytes("ppp.data", "Data");

  static final int HEADER = 4;
  private final int pppProtocol;
  private final Map<Long, String> codes;

  PppControlDissector(String name, String longName, String columnName, int pppProtocol, Map<Long, String> codes) {
    super(name, longName, columnName);
    this.pppProtocol = pppProtocol;
    this.codes = codes;
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.PPP_PROTO, pppProtocol, this);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    if (d.length(layer) < HEADER) {
      Truncation.report(d, layer, s, HEADER);
      return null;
    }
    int length = Bytes.u16(d.data(), s + 2);
    if (length >= HEADER && s + length < d.end(layer)) {
      d.setEnd(layer, s + length);
    }
    d.payload(d.end(layer), d.end(layer));
    return null;
  }

  @Override
  public void fields(Tree t) {
    int code = (int) t.uint(codeField(), 0, 1);
    t.uint(identifierField(), 1, 1);
    int length = (int) t.uint(lengthField(), 2, 2);
    int end = Math.min(Math.max(length, HEADER), t.length());
    if (code >= 1 && code <= 4) {
      for (int p = HEADER; p + 2 <= end; ) {
        int type = t.u8(p);
        int len = t.u8(p + 1);
        if (len < 2) {
          break;
        }
        option(t, type, p, Math.min(len, end - p));
        p += len;
      }
    } else {
      body(t, code, HEADER, end);
    }
  }

  Field codeField() {
    return CODE;
  }

  Field identifierField() {
    return IDENTIFIER;
  }

  Field lengthField() {
    return LENGTH;
  }

  /** Reports one configuration option of {@code len} bytes at {@code p} (type and length included). */
  abstract void option(Tree t, int type, int p, int len);

  /** Reports the data of codes other than the Configure-* ones. */
  void body(Tree t, int code, int from, int end) {}

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    String name = t.has(0, 1) ? codes.get((long) t.u8(0)) : null;
    c.setInfo(name != null ? name : t.has(0, 1) ? "Unknown" : "");
  }
}

package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/**
 * PPP over Ethernet session stage (RFC 2516 section 6, EtherType 0x8864): the PPPoE header of
 * {@link PppoeDiscoveryDissector} with code 0 and the session's id, then one PPP frame without
 * address and control. The payload length bounds the PPP frame.
 *
 * <pre>
 * | VER | TYPE | CODE = 0 | SESSION_ID (2) | LENGTH (2) | PPP protocol (2) | PPP payload ... |
 * </pre>
 *
 * As in Wireshark, a length that matches neither the bytes that follow nor them less a 4-byte
 * FCS gets a warning, except on minimum-size frames and for LCP and IPCP, whose lengths never
 * count the padding.
 */
public final class PppoeSessionDissector extends Dissector implements Protocols.Registrable {
  static final Field VERSION = PppoeDiscoveryDissector.VERSION;
  static final Field TYPE = PppoeDiscoveryDissector.TYPE;
  static final Field CODE = PppoeDiscoveryDissector.CODE;
  static final Field SESSION_ID = PppoeDiscoveryDissector.SESSION_ID;
  static final Field PAYLOAD_LENGTH = PppoeDiscoveryDissector.PAYLOAD_LENGTH;
  static final Expert LENGTH_BAD = new Expert("pppoe.payload_length.bad", Expert.Severity.WARNING, "Malformed",
      "Possible bad payload length");

  private static final int HEADER = PppoeDiscoveryDissector.HEADER;
  /** Frames whose PPPoE part is this short may be padded: their length is not checked. */
  private static final int MIN_CHECKED = 46;
  private static final int PPP_LCP = 0xc021;
  private static final int PPP_IPCP = 0x8021;

  public PppoeSessionDissector() {
    super("pppoes", "PPP-over-Ethernet Session", "PPPoES");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.ETHERTYPE, 0x8864, this);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    byte[] b = d.data();
    int s = d.start(layer);
    if (d.length(layer) < HEADER) {
      Truncation.report(d, layer, s, HEADER);
      return null;
    }
    int length = Bytes.u16(b, s + 4);
    long reported = Truncation.reportedLength(d, layer);
    long actual = reported - HEADER;
    if (reported > MIN_CHECKED) {
      int cp = d.length(layer) >= HEADER + 2 ? Bytes.u16(b, s + HEADER) : 0;
      if (cp != PPP_LCP && cp != PPP_IPCP && length != actual && length + 4 != actual) {
        d.expert(layer, LENGTH_BAD, s + 4, 2, "Possible bad payload length " + length + " != " + actual);
      }
    }
    // The PPP frame gets the payload length; the layer keeps the rest, as tshark's PPPoE
    // claims the whole Ethernet payload (no padding or trailer is reported after it).
    d.payload(s + HEADER, Math.min(d.end(layer), s + HEADER + length));
    return d.protocols().byName("ppp");
  }

  @Override
  public void fields(Tree t) {
    if (!t.has(0, HEADER)) {
      return; // tshark adds the header's fields only once all six bytes are there
    }
    PppoeDiscoveryDissector.header(t);
    t.uint(PAYLOAD_LENGTH, 4, 2);
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    String name = t.has(1, 1) ? PppoeDiscoveryDissector.CODES.get((long) t.u8(1)) : null;
    c.setInfo(name != null ? name : "");
  }
}

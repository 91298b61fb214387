package io.netsift.core.dissect.proto;

import io.netsift.core.capture.LinkType;
import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.util.Map;

/**
 * Point-to-Point Protocol (RFC 1661): a protocol number, one byte when compressed (an odd first
 * byte, RFC 1661 section 6.5), else two; in HDLC-like framing (RFC 1662, link types 9 PPP and
 * 50 PPP_HDLC) an address 0xff and control 0x03 come first. PPPoE sessions carry it without
 * them. The protocol number leads through {@link Protocols.Table#PPP_PROTO}.
 *
 * <pre>
 * +----------+----------+------------------+--------------
 * | 0xff     | 0x03     | protocol (1 or 2) | information
 * +----------+----------+------------------+--------------
 *  (HDLC-like framing only)
 * </pre>
 */
public final class PppDissector extends Dissector implements Protocols.Registrable {
  /** PPP protocol numbers as Wireshark's ppp_vals names them (the common ones). */
  static final Map<Long, String> PROTOCOLS = ValueNames.parse(
      "0x0021=Internet Protocol version 4|0x0057=Internet Protocol version 6|0x0281=MPLS Unicast|"
          + "0x0283=MPLS Multicast|0x002b=Novell IPX|0x002d=Van Jacobson Compressed TCP/IP|"
          + "0x002f=Van Jacobson Uncompressed TCP/IP|0x003d=PPP Multilink Protocol|0x00fd=PPP Compressed Datagram|"
          + "0x8021=Internet Protocol Control Protocol|0x8057=IPv6 Control Protocol|0x80fd=Compression Control Protocol|"
          + "0x8281=MPLS Control Protocol|0xc021=Link Control Protocol|0xc023=Password Authentication Protocol|"
          + "0xc025=Link Quality Report|0xc223=Challenge Handshake Authentication Protocol|"
          + "0xc227=Extensible Authentication Protocol|0x0031=Bridging PDU|0x8031=Bridging Control Protocol");

  public static final Field DIRECTION = Field.u8("ppp.direction", "Direction")
      .labels(ValueNames.parse("0=DCE->DTE|1=DTE->DCE"));
  public static final Field ADDRESS = Field.u8("ppp.address", "Address").hex();
  public static final Field CONTROL = Field.u8("ppp.control", "Control").hex();
  public static final Field PROTOCOL = Field.u16("ppp.protocol", "Protocol").hex().labels(PROTOCOLS);

  public PppDissector() {
    super("ppp", "Point-to-Point Protocol", "PPP");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.LINK_TYPE, LinkType.PPP, this);
    p.map(Protocols.Table.LINK_TYPE, 50, this); // LINKTYPE_PPP_HDLC: Wireshark dissects it as ppp
    p.map(Protocols.Table.ETHERTYPE, 0x880b, this); // PPP over GRE and Ethernet
    p.map(Protocols.Table.PPP_PROTO, 0x0021, p.byName("ip"));
    p.map(Protocols.Table.PPP_PROTO, 0x0057, p.byName("ipv6"));
  }

  /** Bytes of address and control before the protocol: 2 in HDLC-like framing, else 0. */
  private static int framing(byte[] b, int p, int len) {
    return len >= 2 && Bytes.u16(b, p) == 0xff03 ? 2 : 0;
  }

  /** Length of the protocol field at {@code p}: compressed numbers are odd and one byte. */
  private static int protocolLength(int first) {
    return (first & 0x01) != 0 ? 1 : 2;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    byte[] b = d.data();
    int s = d.start(layer);
    int len = d.length(layer);
    int p = s + framing(b, s, len);
    if (s + len - p < 1) {
      Truncation.report(d, layer, p, 1);
      return null;
    }
    int plen = protocolLength(Bytes.u8(b, p));
    if (s + len - p < plen) {
      Truncation.report(d, layer, p, plen);
      return null;
    }
    int proto = plen == 1 ? Bytes.u8(b, p) : Bytes.u16(b, p);
    d.payload(p + plen, d.end(layer));
    return d.protocols().lookup(Protocols.Table.PPP_PROTO, proto);
  }

  @Override
  public void fields(Tree t) {
    int p = 0;
    if (t.has(0, 2) && t.u16(0) == 0xff03) {
      t.uint(ADDRESS, 0, 1);
      t.uint(CONTROL, 1, 1);
      p = 2;
    }
    if (t.has(p, 1)) {
      int plen = protocolLength(t.u8(p));
      t.uint(PROTOCOL, p, plen);
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    if (t.dissection().linkType() == LinkType.PPP || t.dissection().linkType() == 50) {
      c.source = "N/A";
      c.destination = "N/A";
    }
    c.setInfo("");
  }
}

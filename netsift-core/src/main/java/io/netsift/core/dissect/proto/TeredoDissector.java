package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/**
 * Teredo, IPv6 over UDP through NATs (<a href="https://www.rfc-editor.org/rfc/rfc4380">RFC
 * 4380</a>), UDP port 3544: optional authentication and origin indication headers, then an
 * IPv6 packet.
 *
 * <pre>
 * +--------+--------+--------+--------+
 * |  0x00  | 0x01   | ID-len | AU-len |  authentication: client id, auth value,
 * +--------+--------+--------+--------+  8-byte nonce, confirmation byte
 * |  0x00  | 0x00   | Origin port    |  origin indication (port and address
 * +--------+--------+--------+--------+  obfuscated: XOR 0xff..)
 * |        Origin IPv4 address        |
 * +--------+--------+--------+--------+
 * </pre>
 */
public final class TeredoDissector extends Dissector implements Protocols.Registrable {
  public static final Field AUTH = Field.none("teredo.auth", "Teredo Authentication header");
  public static final Field AUTH_IDLEN = Field.u8("teredo.auth.idlen", "Client identifier length")
      .blurb("Client identifier length (ID-len)");
  public static final Field AUTH_AULEN = Field.u8("teredo.auth.aulen", "Authentication value length")
      .blurb("Authentication value length (AU-len)");
  public static final Field AUTH_ID = Field.bytes("teredo.auth.id", "Client identifier")
      .blurb("Client identifier (ID)");
  public static final Field AUTH_VALUE = Field.bytes("teredo.auth.value", "Authentication value")
      .blurb("Authentication value (hash)");
  public static final Field AUTH_NONCE = Field.bytes("teredo.auth.nonce", "Nonce value")
      .blurb("Nonce value prevents spoofing Teredo server.");
  public static final Field AUTH_CONF = Field.bytes("teredo.auth.conf", "Confirmation byte")
      .blurb("Confirmation byte is zero upon successful authentication.");
  public static final Field ORIG = Field.none("teredo.orig", "Teredo Origin Indication header")
      .blurb("Teredo Origin Indication");
  public static final Field ORIG_PORT = Field.u16("teredo.orig.port", "Origin UDP port");
  public static final Field ORIG_ADDR = Field.ipv4("teredo.orig.addr", "Origin IPv4 address");

  public static final int PORT = 3544;
  private static final int ORIGIN_LENGTH = 8;
  /** ICMPv6 echo request: to the Teredo port it is the direct connectivity test (RFC 4380 5.2.9). */
  private static final int ECHO_REQUEST = 128;

  public TeredoDissector() {
    super("teredo", "Teredo IPv6 over UDP tunneling", "Teredo");
  }

  /** A tunnel: its payload is a link or network layer again (kept when applications are pruned). */
  @Override
  public boolean carriesLowerLayers() {
    return true;
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.UDP_PORT, PORT, this);
  }

  /** Length of the authentication header at {@code s}, or 0 when there is none, -1 when cut short. */
  private static int authLength(byte[] b, int s, int end) {
    if (end - s < 4 || Bytes.u16(b, s) != 1) {
      return 0;
    }
    int n = 4 + Bytes.u8(b, s + 2) + Bytes.u8(b, s + 3) + 9;
    return end - s >= n ? n : -1;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    byte[] b = d.data();
    int s = d.start(layer);
    int end = d.end(layer);
    d.payload(end, end);
    int off = authLength(b, s, end);
    if (off < 0) {
      Truncation.report(d, layer, s, end - s + 1);
      return null;
    }
    if (end - s - off >= 2 && Bytes.u16(b, s + off) == 0) {
      if (end - s - off < ORIGIN_LENGTH) {
        Truncation.report(d, layer, s + off, ORIGIN_LENGTH);
        return null;
      }
      off += ORIGIN_LENGTH;
    }
    d.payload(s + off, end);
    return s + off < end ? d.protocols().byName("ipv6") : null;
  }

  @Override
  public void fields(Tree t) {
    int off = 0;
    if (t.has(0, 4) && t.u16(0) == 1) {
      int idlen = t.u8(2);
      int aulen = t.u8(3);
      int len = 4 + idlen + aulen + 9;
      t.object(AUTH, 0, len, null);
      t.enter();
      t.uint(AUTH_IDLEN, 2, 1);
      t.uint(AUTH_AULEN, 3, 1);
      if (idlen > 0) {
        t.bytes(AUTH_ID, 4, idlen);
      }
      if (aulen > 0) {
        t.bytes(AUTH_VALUE, 4 + idlen, aulen);
      }
      t.bytes(AUTH_NONCE, 4 + idlen + aulen, 8);
      t.bytes(AUTH_CONF, 4 + idlen + aulen + 8, 1);
      t.exit();
      off = len;
    }
    if (t.has(off, ORIGIN_LENGTH) && t.u16(off) == 0) {
      t.object(ORIG, off, ORIGIN_LENGTH, null);
      t.enter();
      t.number(ORIG_PORT, off + 2, 2, t.u16(off + 2) ^ 0xffff);
      if (t.has(off + 4, 4) && t.wants(ORIG_ADDR)) {
        byte[] a = new byte[4];
        for (int i = 0; i < 4; i++) {
          a[i] = (byte) (t.u8(off + 4 + i) ^ 0xff);
        }
        t.object(ORIG_ADDR, off + 4, 4, a);
      }
      t.exit();
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    c.setInfo("");
  }

  /**
   * An ICMPv6 echo request sent to the Teredo port is a direct IPv6 connectivity test; tshark's
   * ICMPv6 dissector then names the protocol Teredo and keeps only the echo numbers of its Info.
   */
  @Override
  public void columnsAfter(Tree t, Columns c) {
    Dissection d = t.dissection();
    int ip6 = t.layer() + 1;
    int icmp = ip6 + 1;
    int udp = t.layer() - 1;
    if (icmp >= d.layerCount() || !(d.dissector(icmp) instanceof Icmpv6Dissector) || udp < 0
        || !(d.dissector(udp) instanceof UdpDissector) || d.length(icmp) < 1 || d.length(udp) < 4
        || Bytes.u8(d.data(), d.start(icmp)) != ECHO_REQUEST || Bytes.u16(d.data(), d.start(udp) + 2) != PORT) {
      return;
    }
    String info = c.info();
    int at = info.indexOf(" id=");
    c.protocol = columnName();
    c.setInfo("Direct IPv6 Connectivity Test" + (at >= 0 ? info.substring(at) : ""));
  }
}

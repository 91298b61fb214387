package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/**
 * UDP encapsulation of IPsec for NAT traversal, <a href="https://www.rfc-editor.org/rfc/rfc3948">RFC
 * 3948</a>, UDP port 4500: a single 0xff byte is a NAT-keepalive, four zero bytes (the non-ESP
 * marker) precede IKE (handed to {@code isakmp} when registered, else data), anything else is
 * ESP. The layer covers only the marker or keepalive.
 */
public final class UdpEncapDissector extends Dissector implements Protocols.Registrable {
  public static final Field NAT_KEEPALIVE = Field.none("udpencap.nat_keepalive", "NAT-keepalive packet");
  public static final Field NON_ESP_MARKER = Field.none("udpencap.non_esp_marker", "Non-ESP Marker");

  public static final int PORT = 4500;
  private static final int KEEPALIVE = 1;
  private static final int MARKER = 2;

  public UdpEncapDissector() {
    super("udpencap", "UDP Encapsulation of IPsec Packets", "UDPENCAP");
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

  @Override
  public Dissector dissect(Dissection d, int layer) {
    byte[] b = d.data();
    int s = d.start(layer);
    int end = d.end(layer);
    d.annotate(layer, 1);
    if (end - s == 1 && Bytes.u8(b, s) == 0xff) {
      d.setAnnotation(layer, 0, KEEPALIVE);
      d.payload(end, end);
      return null;
    }
    if (end - s >= 4 && Bytes.u32(b, s) == 0) {
      d.setAnnotation(layer, 0, MARKER);
      d.setEnd(layer, s + 4);
      d.payload(s + 4, end);
      // tshark's ISAKMP refuses a full header of an unknown major version; the bytes are data.
      return IsakmpDissector.refuses(b, s + 4, end) ? null : d.protocols().byName("isakmp");
    }
    // ESP: this layer holds no bytes of its own.
    d.setEnd(layer, s);
    d.payload(s, end);
    return d.protocols().byName("esp");
  }

  @Override
  public void fields(Tree t) {
    switch ((int) t.annotation(0)) {
      case KEEPALIVE:
        t.object(NAT_KEEPALIVE, 0, 1, null);
        break;
      case MARKER:
        t.object(NON_ESP_MARKER, 0, 4, null);
        break;
      default:
        break;
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    c.setInfo(t.annotation(0) == KEEPALIVE ? "NAT-keepalive" : "");
  }
}

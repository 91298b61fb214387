package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.util.Map;

/**
 * IPX Routing Information Protocol (IPX socket 0x0453): a packet type (1 request, 2 response),
 * then 8-byte route entries of network, hops and ticks (1/18 s).
 */
public final class IpxRipDissector extends Dissector {
  private static final Map<Long, String> TYPES = ValueNames.parse("1=Request|2=Response");

  public static final Field REQUEST = Field.bool("ipxrip.request", "Request").hidden()
      .blurb("TRUE if IPX RIP request");
  public static final Field RESPONSE = Field.bool("ipxrip.response", "Response").hidden()
      .blurb("TRUE if IPX RIP response");
  public static final Field PACKET_TYPE = Field.u16("ipxrip.packet_type", "RIP packet type").labels(TYPES);
  public static final Field ROUTE_VECTOR = Field.u32("ipxrip.route_vector", "Route Vector").hex();
  public static final Field HOPS = Field.u16("ipxrip.hops", "Hops");
  public static final Field TICKS = Field.u16("ipxrip.ticks", "Ticks").shown(v -> v * 1000 / 18 + " ms");

  private static final int ENTRY = 8;

  public IpxRipDissector() {
    super("ipxrip", "IPX Routing Information Protocol", "IPX RIP");
  }

  @Override
  public boolean listedInProtocols() {
    return false;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    return IpxDissector.socketMessage(d, layer);
  }

  @Override
  public void fields(Tree t) {
    int type = t.u16(0);
    if (type == 1) {
      t.number(REQUEST, 0, 2, 1);
    } else if (type == 2) {
      t.number(RESPONSE, 0, 2, 1);
    }
    t.uint(PACKET_TYPE, 0, 2);
    for (int at = 2; t.has(at, ENTRY); at += ENTRY) {
      t.uint(ROUTE_VECTOR, at, 4);
      t.uint(HOPS, at + 4, 2);
      t.uint(TICKS, at + 6, 2);
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    String name = TYPES.get((long) t.u16(0));
    c.setInfo(name != null ? name : "Unknown Packet Type");
  }
}

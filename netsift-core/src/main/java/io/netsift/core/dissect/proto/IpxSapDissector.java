package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.util.Map;

/**
 * Novell's Service Advertisement Protocol (IPX socket 0x0452): a packet type, then for queries
 * a server type, for responses 64-byte server entries (type, 48-byte name, network, node,
 * socket, intermediate networks). tshark 4.0 marks responses with its hidden "request" flag and
 * queries with "response"; so does netsift.
 */
public final class IpxSapDissector extends Dissector {
  private static final Map<Long, String> TYPES =
      ValueNames.parse("1=General Query|2=General Response|3=Nearest Query|4=Nearest Response");

  public static final Field REQUEST = Field.bool("ipxsap.request", "Request").hidden();
  public static final Field RESPONSE = Field.bool("ipxsap.response", "Response").hidden();
  public static final Field PACKET_TYPE = Field.u16("ipxsap.packet_type", "SAP packet type").labels(TYPES);
  public static final Field SERVER = Field.none("ipxsap.server", "Server");
  public static final Field SERVER_TYPE = Field.u16("ipxsap.server.type", "Server Type").hex();
  public static final Field SERVER_NAME = Field.string("ipxsap.server.name", "Server Name");
  public static final Field SERVER_NETWORK = Field.u32("ipxsap.server.network", "Network").hex();
  public static final Field SERVER_NODE = Field.ether("ipxsap.server.node", "Node");
  public static final Field SERVER_SOCKET = Field.u16("ipxsap.server.socket", "Socket").hex()
      .labels(IpxDissector.SOCKETS);
  public static final Field INTERMEDIATE = Field.u16("ipxsap.server.intermediate_networks",
      "Intermediate Networks");

  private static final int ENTRY = 64;

  public IpxSapDissector() {
    super("ipxsap", "Service Advertisement Protocol", "IPX SAP");
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
    if (type >= 1 && type <= 4) {
      t.number((type - 1) % 2 != 0 ? REQUEST : RESPONSE, 0, 2, 1);
    }
    t.uint(PACKET_TYPE, 0, 2);
    if (type == 2 || type == 4) {
      for (int at = 2; t.has(at, ENTRY); at += ENTRY) {
        String name = t.asciiz(at + 2, 48);
        t.object(SERVER, at, ENTRY, name);
        t.enter();
        t.uint(SERVER_TYPE, at, 2);
        t.object(SERVER_NAME, at + 2, 48, name);
        t.uint(SERVER_NETWORK, at + 50, 4);
        t.bytes(SERVER_NODE, at + 54, 6);
        t.uint(SERVER_SOCKET, at + 60, 2);
        t.uint(INTERMEDIATE, at + 62, 2);
        t.exit();
      }
    } else if (type == 1 || type == 3) {
      t.uint(SERVER_TYPE, 2, 2);
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    String name = TYPES.get((long) t.u16(0));
    c.setInfo(name != null ? name : "Unknown Packet Type");
  }
}

package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.util.Map;

/**
 * NetBIOS Datagram Service (RFC 1002 section 4.4, tshark's {@code nbdgm}) on UDP 138. A direct
 * or broadcast datagram names its source and destination (encoded as NBNS names, {@link
 * NbnsDissector#name}) and carries user data: SMB, whose mailslot transactions reach the browser
 * protocol ({@link MailslotDissector}, {@link BrowserDissector}).
 *
 * <pre>
 * +------+-------+-------------+-----------+-------------+--------+--------+-------------+------------------+------
 * | type | flags | datagram id | source IP | source port | length | offset | source name | destination name | data
 * +------+-------+-------------+-----------+-------------+--------+--------+-------------+------------------+------
 *   flags: 0000 node-type(2) first more                     (data datagrams 0x10-0x12 only)
 * </pre>
 */
public final class NbdgmDissector extends Dissector implements Protocols.Registrable {
  static final int PORT = 138;
  private static final int HEADER = 10;
  private static final int DIRECT_UNIQUE = 0x10;
  private static final int BROADCAST = 0x12;
  private static final int ERROR = 0x13;
  private static final int QUERY_REQUEST = 0x14;
  private static final int NEG_QUERY_RESPONSE = 0x16;

  private static final Map<Long, String> TYPES = ValueNames.parse(
      "0x10=Direct_unique datagram|0x11=Direct_group datagram|0x12=Broadcast datagram|0x13=Datagram error|"
          + "0x14=Datagram query request|0x15=Datagram positive query response|0x16=Datagram negative query response");
  private static final Map<Long, String> NODE_TYPES = ValueNames.parse("0=B node|1=P node|2=M node|3=NBDD");
  private static final Map<Long, String> ERRORS = ValueNames.parse(
      "0x82=Destination name not present|0x83=Invalid source name format|0x84=Invalid destination name format");

  public static final Field TYPE = Field.u8("nbdgm.type", "Message Type").labels(TYPES);
  public static final Field FLAGS = Field.u8("nbdgm.flags", "Flags").hex();
  public static final Field NEXT = Field.bool("nbdgm.next", "More fragments follow").mask(0x01, 8)
      .states("Yes", "No");
  public static final Field FIRST = Field.bool("nbdgm.first", "This is first fragment").mask(0x02, 8)
      .states("Yes", "No");
  public static final Field NODE_TYPE = Field.u8("nbdgm.node_type", "Node Type").mask(0x0c, 8).labels(NODE_TYPES);
  public static final Field DGRAM_ID = Field.u16("nbdgm.dgram_id", "Datagram ID").hex();
  public static final Field SRC_IP = Field.ipv4("nbdgm.src.ip", "Source IP");
  public static final Field SRC_PORT = Field.u16("nbdgm.src.port", "Source Port");
  public static final Field DGRAM_LEN = Field.u16("nbdgm.dgram_len", "Datagram length").unit(" bytes");
  public static final Field PKT_OFFSET = Field.u16("nbdgm.pkt_offset", "Packet offset").unit(" bytes");
  public static final Field ERROR_CODE = Field.u8("nbdgm.error_code", "Error code").hex().labels(ERRORS);
  public static final Field SOURCE_NAME = Field.string("nbdgm.source_name", "Source name");
  public static final Field DESTINATION_NAME = Field.string("nbdgm.destination_name", "Destination name");

  public NbdgmDissector() {
    super("nbdgm", "NetBIOS Datagram Service", "NBDS");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.UDP_PORT, PORT, this);
  }

  private static boolean carriesData(int type) {
    return type >= DIRECT_UNIQUE && type <= BROADCAST;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    byte[] b = d.data();
    int s = d.start(layer);
    int end = d.end(layer);
    if (end - s < HEADER) {
      Truncation.report(d, layer, s, HEADER);
      return null;
    }
    int type = b[s] & 0xff;
    if (carriesData(type)) {
      int at = s + HEADER + 4;
      if (at >= end) {
        return null;
      }
      at += NbnsDissector.name(b, at, at, end).length();
      if (at >= end) {
        return null;
      }
      at += NbnsDissector.name(b, at, at, end).length();
      if (at > end) {
        return null;
      }
      d.setEnd(layer, at);
      d.payload(at, end);
      // tshark's NetBIOS payload heuristics: SMB when the data starts with its signature.
      if (end - at >= 4 && (b[at] & 0xff) == 0xff && b[at + 1] == 'S' && b[at + 2] == 'M' && b[at + 3] == 'B') {
        return d.protocols().byName("smb");
      }
      return null;
    }
    int len = type == ERROR ? HEADER + 1 : type >= QUERY_REQUEST && type <= NEG_QUERY_RESPONSE
        ? HEADER + NbnsDissector.name(b, s + HEADER, s + HEADER, end).length() : end - s;
    d.setEnd(layer, Math.min(end, s + len));
    return null;
  }

  @Override
  public void fields(Tree t) {
    int type = (int) t.uint(TYPE, 0, 1);
    t.uint(FLAGS, 1, 1);
    t.enter();
    t.uint(NEXT, 1, 1);
    t.uint(FIRST, 1, 1);
    t.uint(NODE_TYPE, 1, 1);
    t.exit();
    t.uint(DGRAM_ID, 2, 2);
    t.bytes(SRC_IP, 4, 4);
    t.uint(SRC_PORT, 8, 2);
    int at = HEADER;
    if (carriesData(type)) {
      t.uint(DGRAM_LEN, at, 2);
      t.uint(PKT_OFFSET, at + 2, 2);
      at += 4;
      at = name(t, SOURCE_NAME, at);
      name(t, DESTINATION_NAME, at);
    } else if (type == ERROR) {
      t.uint(ERROR_CODE, at, 1);
    } else if (type >= QUERY_REQUEST && type <= NEG_QUERY_RESPONSE) {
      name(t, DESTINATION_NAME, at);
    }
  }

  private static int name(Tree t, Field f, int at) {
    if (!t.has(at, 1)) {
      return at;
    }
    NbnsDissector.Name n = NbnsDissector.name(t.data(), t.start() + at, t.start() + at, t.start() + t.length());
    t.object(f, at, n.length(), n.text());
    return at + n.length();
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    int type = t.u8(0);
    c.setInfo(TYPES.getOrDefault((long) type, String.format("Unknown message type (0x%02X)", type)));
  }
}

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
 * Novell's Internetwork Packet eXchange (IPX): a 30-byte header, reached by EtherType 0x8137, LLC
 * SAP 0xe0 and Novell's "raw" 802.3 frames (whose payload starts with the 0xffff checksum).
 *
 * <pre>
 * | checksum (2) | length (2) | hops (1) | type (1) | dst net (4) node (6) socket (2) | src net (4) node (6) socket (2) |
 * </pre>
 *
 * The payload goes to the protocol of the lower-numbered socket, then the higher one (only the
 * higher when it is the NMPI name socket 0x0551), as tshark does; those protocols (IPX RIP, SAP,
 * NetBIOS over IPX, NMPI) are not listed in frame.protocols, as tshark adds them without their
 * names. Source and destination columns are {@code network.node} in hex.
 */
public final class IpxDissector extends Dissector implements Protocols.Registrable {
  static final Map<Long, String> SOCKETS = ValueNames.parse(
      "0x0001=SAP|0x0002=RIP|0x0003=Routing Information Packet|0x0451=NCP|0x0452=SAP|0x0453=RIP|"
          + "0x0455=NetBIOS|0x0456=Diagnostic|0x0457=Serialization|0x0551=NWLink SMB Name Query|"
          + "0x0553=NWLink SMB Mailslot Datagram|0x0554=NWLink SMB Messenger|0x0555=NWLink SMB Browse|"
          + "0x4003=Attachmate Gateway|0x400c=HP LaserJet/QuickSilver|0x9001=NLSP|0x9004=IPX WAN");
  private static final Map<Long, String> PACKET_TYPES = ValueNames.parse(
      "0=IPX|1=RIP|2=Echo|3=Error|4=PEP|5=SPX|16=Experimental Protocol|17=NCP|20=NetBIOS Broadcast");

  public static final Field SRC = Field.string("ipx.src", "Source Address").hidden()
      .blurb("Source IPX Address  \"network.node\"");
  public static final Field ADDR = Field.string("ipx.addr", "Src/Dst Address").hidden()
      .blurb("Source or Destination IPX Address  \"network.node\"");
  public static final Field DST = Field.string("ipx.dst", "Destination Address").hidden()
      .blurb("Destination IPX Address  \"network.node\"");
  public static final Field CHECKSUM = Field.u16("ipx.checksum", "Checksum").hex();
  public static final Field LEN = Field.u16("ipx.len", "Length").shown(v -> v + " bytes");
  public static final Field HOPS = Field.u8("ipx.hops", "Transport Control (Hops)");
  public static final Field PACKET_TYPE = Field.u8("ipx.packet_type", "Packet Type").hex().labels(PACKET_TYPES);
  public static final Field DST_NET = Field.u32("ipx.dst.net", "Destination Network").hex();
  public static final Field NET = Field.u32("ipx.net", "Source or Destination Network").hex().hidden();
  public static final Field DST_NODE = Field.ether("ipx.dst.node", "Destination Node");
  public static final Field NODE = Field.ether("ipx.node", "Source or Destination Node").hidden();
  public static final Field DST_SOCKET = Field.u16("ipx.dst.socket", "Destination Socket").hex().labels(SOCKETS);
  public static final Field SOCKET = Field.u16("ipx.socket", "Source or Destination Socket").hex().labels(SOCKETS)
      .hidden();
  public static final Field SRC_NET = Field.u32("ipx.src.net", "Source Network").hex();
  public static final Field SRC_NODE = Field.ether("ipx.src.node", "Source Node");
  public static final Field SRC_SOCKET = Field.u16("ipx.src.socket", "Source Socket").hex().labels(SOCKETS);

  static final int HEADER = 30;
  private static final int ETHERTYPE_IPX = 0x8137;
  private static final int SAP_NETWARE = 0xe0;
  private static final int NAME_QUERY = 0x0551;
  private static final int NLSP = 0x9001;

  public IpxDissector() {
    super("ipx", "Internetwork Packet eXchange", "IPX");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.ETHERTYPE, ETHERTYPE_IPX, this);
    p.map(Protocols.Table.LLC_SAP, SAP_NETWARE, this);
  }

  /** Whether an 802.3 payload is Novell's raw IPX (no LLC header, checksum 0xffff first). */
  public static boolean novellRaw(byte[] b, int at, int end) {
    return end - at >= 2 && (b[at] & 0xff) == 0xff && (b[at + 1] & 0xff) == 0xff;
  }

  /**
   * Dissects a RIP or SAP message on its socket: the whole payload is the message, which needs
   * at least its two-byte packet type.
   */
  static Dissector socketMessage(Dissection d, int layer) {
    int s = d.start(layer);
    int end = d.end(layer);
    d.payload(end, end);
    if (end - s < 2) {
      Truncation.report(d, layer, s, 2);
    }
    return null;
  }

  /** The dissector of an IPX socket, or null. */
  private static String socketProtocol(int socket) {
    return switch (socket) {
      case 0x0452 -> "ipxsap";
      case 0x0453 -> "ipxrip";
      case 0x0455 -> "nbipx";
      case 0x0551, 0x0553 -> "nmpi";
      default -> null;
    };
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
    int length = Bytes.u16(b, s + 2);
    if (length < HEADER) {
      d.malformed(layer);
      return null;
    }
    if (s + length < end) {
      end = s + length;
      d.setEnd(layer, end);
    }
    d.payload(s + HEADER, end);
    int dsocket = Bytes.u16(b, s + 16);
    int ssocket = Bytes.u16(b, s + 28);
    int first = Math.min(dsocket, ssocket);
    int second = Math.max(dsocket, ssocket);
    String name = second != NAME_QUERY ? socketProtocol(first) : null;
    if (name == null) {
      name = socketProtocol(second);
    }
    if (name == null && (dsocket == NLSP || ssocket == NLSP)) {
      // NLSP is not dissected yet; tshark lists it nowhere in frame.protocols, so no data layer.
      d.payload(end, end);
      return null;
    }
    Dissector next = name != null ? d.protocols().byName(name) : null;
    if (next != null) {
      d.dispatchKey(Bytes.u8(b, s + 5));
    }
    return next;
  }

  /** {@code network.node} as tshark writes an IPX address. */
  static String address(Tree t, int at) {
    return String.format("%08x.%02x%02x%02x%02x%02x%02x", t.u32(at), t.u8(at + 4), t.u8(at + 5), t.u8(at + 6),
        t.u8(at + 7), t.u8(at + 8), t.u8(at + 9));
  }

  @Override
  public void fields(Tree t) {
    if (t.has(0, HEADER)) {
      String src = address(t, 18);
      String dst = address(t, 6);
      t.object(SRC, 0, 0, src);
      t.object(ADDR, 0, 0, src);
      t.object(DST, 0, 0, dst);
      t.object(ADDR, 0, 0, dst);
    }
    t.uint(CHECKSUM, 0, 2);
    t.uint(LEN, 2, 2);
    t.uint(HOPS, 4, 1);
    t.uint(PACKET_TYPE, 5, 1);
    t.uint(DST_NET, 6, 4);
    t.uint(NET, 6, 4);
    t.bytes(DST_NODE, 10, 6);
    t.bytes(NODE, 10, 6);
    t.uint(DST_SOCKET, 16, 2);
    t.uint(SOCKET, 16, 2);
    t.uint(SRC_NET, 18, 4);
    t.uint(NET, 18, 4);
    t.bytes(SRC_NODE, 22, 6);
    t.bytes(NODE, 22, 6);
    t.uint(SRC_SOCKET, 28, 2);
    t.uint(SOCKET, 28, 2);
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    if (!t.has(0, HEADER)) {
      c.setInfo("");
      return;
    }
    c.source = address(t, 18);
    c.destination = address(t, 6);
    int socket = t.u16(16);
    c.setInfo(String.format("%s (0x%04x)", SOCKETS.getOrDefault((long) socket, "Unknown"), socket));
  }
}

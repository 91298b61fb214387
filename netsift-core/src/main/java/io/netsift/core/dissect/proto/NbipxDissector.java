package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.util.Map;

/**
 * NetBIOS over IPX (IPX socket 0x0455), as tshark reads it without a public specification: WAN
 * broadcasts (IPX type 0x14), and 50-byte packets whose byte 33 is a name operation, start with
 * eight IPX networks; then a name-type-flag or connection-control byte, a data stream type, and
 * the name (name operations), two names and a datagram (directed datagrams) or a session header
 * and data (session packets). Datagrams and session data starting with {@code \xffSMB} go to
 * SMB. tshark names these fields {@code nmpi.*}.
 */
public final class NbipxDissector extends Dissector {
  private static final Map<Long, String> TYPES = ValueNames.parse(
      "1=Find name|2=Name recognized|3=Check name|4=Name in use|5=Deregister name|6=Session data|7=Session end|"
          + "8=Session end ACK|9=Status query|10=Status response|11=Directed datagram");

  public static final Field IPX_NETWORK = Field.u32("nmpi.ipx_network", "IPX Network").hex();
  public static final Field NAME_FLAGS = Field.u8("nmpi.name_flags", "Name type flag").hex();
  public static final Field GROUP = Field.bool("nmpi.name_flags.group", "Name").mask(0x80, 8)
      .states("Group name", "Unique name");
  public static final Field IN_USE = Field.bool("nmpi.name_flags.in_use", "In use").mask(0x40, 8)
      .states("Used", "Not used");
  public static final Field REGISTERED = Field.bool("nmpi.name_flags.registered", "Registered").mask(0x04, 8)
      .states("Yes", "No");
  public static final Field DUPLICATED = Field.bool("nmpi.name_flags.duplicated", "Duplicated").mask(0x02, 8)
      .states("Yes", "No");
  public static final Field DEREGISTERED = Field.bool("nmpi.name_flags.deregistered", "Deregistered")
      .mask(0x01, 8).states("Yes", "No");
  public static final Field CONN_CONTROL = Field.u8("nmpi.conn_control", "Connection control").hex();
  public static final Field SYS_PACKET = Field.bool("nmpi.conn_control.sys_packet", "Packet").mask(0x80, 8)
      .states("System packet", "Non-system packet");
  public static final Field ACK = Field.bool("nmpi.conn_control.ack", "Acknowledgement").mask(0x40, 8)
      .states("Required", "Not required");
  public static final Field ATTENTION = Field.bool("nmpi.conn_control.attention", "Attention").mask(0x20, 8)
      .states("Yes", "No");
  public static final Field END_MSG = Field.bool("nmpi.conn_control.end_msg", "End of message").mask(0x10, 8)
      .states("Yes", "No");
  public static final Field RESEND = Field.bool("nmpi.conn_control.resend", "Resend").mask(0x08, 8)
      .states("Yes", "No");
  public static final Field PACKET_TYPE = Field.u8("nmpi.packettype", "Packet Type").hex().labels(TYPES);
  public static final Field SRC_CONN_ID = Field.u16("nmpi.session.src_conn_id", "Source connection ID").hex();
  public static final Field DEST_CONN_ID = Field.u16("nmpi.session.dest_conn_id", "Destination connection ID")
      .hex();
  public static final Field SEND_SEQ = Field.u16("nmpi.session.send_seq_number", "Send sequence number");
  public static final Field TOTAL_LEN = Field.u16("nmpi.session.total_data_length", "Total data length");
  public static final Field OFFSET = Field.u16("nmpi.session.offset", "Offset");
  public static final Field DATA_LEN = Field.u16("nmpi.session.data_length", "Data length");
  public static final Field RECV_SEQ = Field.u16("nmpi.session.recv_seq_number", "Receive sequence number");
  public static final Field BYTES_RECEIVED = Field.u16("nmpi.session.bytes_received", "Bytes received");

  static final int NAME_LEN = 16;
  private static final int ROUTERS = 32;
  private static final int WAN_BROADCAST = 0x14;
  private static final int A_ROUTES = 0;
  private static final int A_COUNT = 1;

  public NbipxDissector() {
    super("nbipx", "NetBIOS over IPX", "NBIPX");
  }

  @Override
  public boolean listedInProtocols() {
    return false;
  }

  private static boolean nameOperation(int type) {
    return type >= 1 && type <= 5;
  }

  private static boolean session(int type) {
    return type >= 6 && type <= 8;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    byte[] b = d.data();
    int s = d.start(layer);
    int end = d.end(layer);
    d.annotate(layer, A_COUNT);
    d.payload(end, end);
    boolean routes = d.dispatchKey() == WAN_BROADCAST;
    if (!routes && Truncation.reportedLength(d, layer) == 50 && end - s > ROUTERS + 1) {
      routes = nameOperation(Bytes.u8(b, s + ROUTERS + 1));
    }
    d.setAnnotation(layer, A_ROUTES, routes ? 1 : 0);
    int at = s + (routes ? ROUTERS : 0);
    if (at + 2 > end) {
      Truncation.report(d, layer, s, at + 2 - s);
      return null;
    }
    int type = Bytes.u8(b, at + 1);
    int header;
    if (nameOperation(type)) {
      header = 2 + NAME_LEN;
    } else if (session(type)) {
      header = 2 + 16;
    } else if (type == 11) {
      header = 2 + 2 * NAME_LEN;
    } else {
      header = 2;
    }
    if (at + header > end) {
      Truncation.report(d, layer, s, at + header - s);
      return null;
    }
    d.setEnd(layer, at + header);
    boolean payload = session(type) || type == 11;
    return payload ? netbiosPayload(d, at + header, end) : null;
  }

  /** tshark's NetBIOS payload heuristic: SMB when the bytes start with its signature, else data. */
  static Dissector netbiosPayload(Dissection d, int at, int end) {
    d.payload(at, end);
    byte[] b = d.data();
    if (end - at >= 4 && (b[at] & 0xff) == 0xff && b[at + 1] == 'S' && b[at + 2] == 'M' && b[at + 3] == 'B') {
      return d.protocols().byName("smb");
    }
    return null;
  }

  /** The eight IPX networks of a broadcast header: the nonzero ones, as tshark lists them. */
  static void routers(Tree t) {
    for (int i = 0; i < 8; i++) {
      if (t.has(i * 4, 4) && t.u32(i * 4) != 0) {
        t.uint(IPX_NETWORK, i * 4, 4);
      }
    }
  }

  /** A NetBIOS name as tshark's netbios_add_name shows it: the name line, then its text and type. */
  static void name(Tree t, String label, int at) {
    if (!t.has(at, NAME_LEN)) {
      t.u8(at + NAME_LEN - 1);
      return;
    }
    String text = NbnsDissector.printable(t.data(), t.start() + at);
    int type = t.u8(at + 15);
    String desc = NbnsDissector.NAME_TYPES.getOrDefault((long) type, "Unknown");
    t.text(at, NAME_LEN, String.format("%s: %s<%02x> (%s)", label, text, type, desc));
    t.enter();
    t.text(at, 15, text);
    t.text(at + 15, 1, String.format("0x%02x (%s)", type, desc));
    t.exit();
  }

  /** {@code name<xx>}: the printable name and its type byte, as the Info column shows it. */
  static String shortName(Tree t, int at) {
    if (!t.has(at, NAME_LEN)) {
      return "";
    }
    return NbnsDissector.printable(t.data(), t.start() + at) + String.format("<%02x>", t.u8(at + 15));
  }

  @Override
  public void fields(Tree t) {
    int at = 0;
    if (t.annotation(A_ROUTES) != 0) {
      routers(t);
      at = ROUTERS;
    }
    int type = t.u8(at + 1);
    if (nameOperation(type)) {
      t.uint(NAME_FLAGS, at, 1);
      t.enter();
      t.uint(GROUP, at, 1);
      t.uint(IN_USE, at, 1);
      t.uint(REGISTERED, at, 1);
      t.uint(DUPLICATED, at, 1);
      t.uint(DEREGISTERED, at, 1);
      t.exit();
      t.uint(PACKET_TYPE, at + 1, 1);
      name(t, "Name", at + 2);
      return;
    }
    if (session(type) || type == 11) {
      t.uint(CONN_CONTROL, at, 1);
      t.enter();
      t.uint(SYS_PACKET, at, 1);
      t.uint(ACK, at, 1);
      t.uint(ATTENTION, at, 1);
      t.uint(END_MSG, at, 1);
      t.uint(RESEND, at, 1);
      t.exit();
    }
    t.uint(PACKET_TYPE, at + 1, 1);
    if (session(type)) {
      int p = at + 2;
      t.uintle(SRC_CONN_ID, p, 2);
      t.uintle(DEST_CONN_ID, p + 2, 2);
      t.uintle(SEND_SEQ, p + 4, 2);
      t.uintle(TOTAL_LEN, p + 6, 2);
      t.uintle(OFFSET, p + 8, 2);
      t.uintle(DATA_LEN, p + 10, 2);
      t.uintle(RECV_SEQ, p + 12, 2);
      t.uintle(BYTES_RECEIVED, p + 14, 2);
    } else if (type == 11) {
      name(t, "Receiver's Name", at + 2);
      name(t, "Sender's Name", at + 2 + NAME_LEN);
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    int at = t.annotation(A_ROUTES) != 0 ? ROUTERS : 0;
    int type = t.u8(at + 1);
    String name = TYPES.getOrDefault((long) type, "Unknown");
    c.setInfo(nameOperation(type) ? name + " " + shortName(t, at + 2) : name);
  }
}

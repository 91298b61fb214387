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
 * DECnet Phase IV routing (EtherType 0x6003) and the NSP messages it carries, as tshark 4.0's
 * {@code dec_dna} shows them (DECnet Routing Layer Functional Specification V2.0.0, NSP Functional
 * Specification V4.0.1; all numbers little-endian).
 *
 * <pre>
 * length 2 | [pad: 0x80|n, n-1 bytes] | flags 1 | ...
 *   control (flags bit 0): type in bits 1-3; endnode hello = version 3 | id 6 | info 1 | block size 2
 *                          | area 1 | seed 8 | neighbor 6 | timer 2 | ...
 *   short data (bits 1-2 = 01): dst node 2 | src node 2 | forward 1 | NSP message
 *   long data  (bits 1-2 = 11): d-area 1 | d-subarea 1 | dst id 6 | s-area 1 | s-subarea 1 | src id 6
 *                               | nl2 1 | visits 1 | class 1 | protocol 1 | NSP message
 * NSP       msgflg 1 | dst addr 2 | [src addr 2 | acknum 2? | ackoth 2? | segnum 2 | ...]
 * </pre>
 *
 * A node number is area (6 bits) and node (10 bits): 0x0401 is "1.1", which becomes the Source and
 * Destination columns. Connect initiate and confirm carry session connect data, which tshark reads
 * for both; a confirm whose data ends early is malformed, as tshark finds it.
 */
public final class DecDnaDissector extends Dissector implements Protocols.Registrable {
  public static final int ETHERTYPE = 0x6003;

  private static final Map<Long, String> ROUTING_MESSAGES = ValueNames.parse("0=Initialization message"
      + "|1=Verification message|2=Hello and test message|3=Level 1 routing message|4=Level 2 routing message"
      + "|5=Ethernet router hello message|6=Ethernet endnode hello message");
  private static final Map<Long, String> NSP_MESSAGES = ValueNames.parse("0=Middle segment|4=Data acknowledgement message"
      + "|8=No operation|16=Link service message|20=Other data acknowledgement message|24=Connect initiate"
      + "|32=Begin of segment (BOM)|36=Connect acknowledgement message|40=Connect confirm|48=Interrupt message"
      + "|56=Disconnect initiate|64=End of segment (EOM)|72=Disconnect confirm|88=Phase II node init message"
      + "|96=Begin of segment / End of segment|104=Retransmitted connect initiate");
  private static final Map<Long, String> NODE_TYPES = ValueNames.parse("1=Level 2 router|2=Level 1 router|3=End node");
  private static final Map<Long, String> FLOW_CONTROL = ValueNames.parse("0=no change|1=do not send data"
      + "|2=send data|3=reserved");

  public static final Field FLAGS = Field.u8("dec_dna.flags", "Routing flags").hex();
  public static final Field FLAGS_CONTROL = Field.bool("dec_dna.flags.control", "Control packet").mask(0x01, 8)
      .states("Yes", "No");
  public static final Field FLAGS_MSGLEN = Field.u8("dec_dna.flags.msglen", "Long data packet format").hex()
      .mask(0x06, 8);
  public static final Field FLAGS_RQR = Field.bool("dec_dna.flags.RQR", "Return to Sender Request").mask(0x08, 8)
      .states("Yes", "No");
  public static final Field FLAGS_RTS = Field.bool("dec_dna.flags.RTS", "Packet on return trip").mask(0x10, 8)
      .states("Yes", "No");
  public static final Field FLAGS_INTRA_ETH = Field.bool("dec_dna.flags.intra_eth", "Intra-ethernet packet")
      .mask(0x20, 8).states("Yes", "No");
  public static final Field FLAGS_DISCARD = Field.bool("dec_dna.flags.discard", "Discarded packet").mask(0x40, 8)
      .states("Yes", "No");
  public static final Field RT_MSG_TYPE = Field.u8("dec_dna.rt.msg_type", "Routing control message").hex()
      .mask(0x0e, 8).labels(ROUTING_MESSAGES);
  public static final Field DST_ADDRESS = Field.ether("dec_dna.dst.address", "Destination Address");
  public static final Field SRC_ADDRESS = Field.ether("dec_dna.src.addr", "Source Address");
  public static final Field NL2 = Field.u8("dec_dna.nl2", "Next level 2 router").hex();
  public static final Field SVC_CLS = Field.u8("dec_dna.svc_cls", "Service class").hex();
  public static final Field PROTO_TYPE = Field.u8("dec_dna.proto_type", "Protocol type").hex();
  public static final Field VISIT_CNT = Field.u8("dec_dna.visit_cnt", "Visit count").hex();
  public static final Field DST_NODE = Field.u16("dec_dna.dst_node", "Destination node").hex();
  public static final Field SRC_NODE = Field.u16("dec_dna.src_node", "Source node").hex();
  public static final Field VST_NODE = Field.u8("dec_dna.vst_node", "Nodes visited ty this package");
  public static final Field CTL_ID = Field.ether("dec_dna.ctl.id", "Transmitting system ID");
  public static final Field CTL_TIINFO = Field.u8("dec_dna.ctl.tiinfo", "Routing information").hex();
  public static final Field CTL_NODE_TYPE = Field.u8("dec_dna.ctl.iinfo.node_type", "Node type").hex()
      .mask(0x03, 8).labels(NODE_TYPES);
  public static final Field CTL_BLK_SIZE = Field.u16("dec_dna.ctl.blk_size", "Block size");
  public static final Field CTL_SEED = Field.bytes("dec_dna.ctl.seed", "Verification seed");
  public static final Field CTL_NEIGHBOR = Field.ether("dec_dna.ctl_neighbor", "Neighbor");
  public static final Field CTL_TIMER = Field.u16("dec_dna.ctl.timer", "Hello timer(seconds)");
  public static final Field NSP_MSG_TYPE = Field.u8("dec_dna.nsp.msg_type", "DNA NSP message").hex()
      .labels(NSP_MESSAGES);
  public static final Field NSP_SEGNUM = Field.u16("dec_dna.nsp.segnum", "Message number").mask(0x0fff, 16);
  public static final Field NSP_DELAY = Field.bool("dec_dna.nsp.delay", "Delayed ACK allowed").mask(0x1000, 16)
      .states("Yes", "No");
  public static final Field NSP_SERVICES = Field.u8("dec_dna.nsp.services", "Requested services").hex()
      .mask(0x0c, 8);
  public static final Field NSP_INFO = Field.u8("dec_dna.nsp.info", "Version info").hex().mask(0x03, 8);
  public static final Field NSP_SEGSIZE = Field.u16("dec_dna.nsp.segsize", "Maximum data segment size");
  public static final Field NSP_FLOW_CONTROL = Field.u8("dec_dna.nsp.flow_control", "Flow control").hex()
      .mask(0x03, 8).labels(FLOW_CONTROL);
  public static final Field NSP_DISC_REASON = Field.u16("dec_dna.nsp.disc_reason", "Reason for disconnect").hex();
  public static final Field SESS_CONN = Field.none("dec_dna.sess.conn", "Session connect data");
  public static final Field SESS_OBJ_TYPE = Field.u8("dec_dna.sess.obj_type", "Session Object type").hex();
  public static final Field SESS_GRP_CODE = Field.u16("dec_dna.sess.grp_code", "Session Group code").hex();
  public static final Field SESS_USR_CODE = Field.u16("dec_dna.sess.usr_code", "Session User code").hex();
  public static final Field SESS_MENU_VER = Field.string("dec_dna.sess.menu_ver", "Session Menu version");

  private static final int NSP_DATA_ACK = 0x04;
  private static final int NSP_LINK_SERVICE = 0x10;
  private static final int NSP_OTHER_ACK = 0x14;
  private static final int NSP_CONNECT_INITIATE = 0x18;
  private static final int NSP_CONNECT_ACK = 0x24;
  private static final int NSP_CONNECT_CONFIRM = 0x28;
  private static final int NSP_INTERRUPT = 0x30;
  private static final int NSP_DISCONNECT_INITIATE = 0x38;
  private static final int NSP_DISCONNECT_CONFIRM = 0x48;
  private static final int NSP_RETRANSMITTED_CI = 0x68;

  public DecDnaDissector() {
    super("dec_dna", "DEC DNA Routing Protocol", "DEC DNA");
  }

  @Override
  public String shortName() {
    return "DEC_DNA";
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.ETHERTYPE, ETHERTYPE, this);
  }

  /** Offset of the routing flags from the layer's start: after the length and any padding. */
  private static int flagsAt(byte[] b, int s, int end) {
    if (s + 3 > end) {
      return -1;
    }
    int first = b[s + 2] & 0xff;
    return (first & 0x80) != 0 ? 2 + (first & 0x7f) : 2;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int end = d.end(layer);
    byte[] b = d.data();
    // tshark 4.0 keeps the bytes past the length prefix in this layer: Ethernet shows no padding
    // or trailer after a DECnet message (pcapplusplus' solaris capture, frame 172).
    d.payload(end, end);
    if (!new Walker(b, s, end).complete()) {
      Truncation.report(d, layer, end, 1);
    }
    return null;
  }

  /**
   * Walks one message over raw bytes: whether tshark reads it without running off the end. The
   * tree walk below reads the same offsets.
   */
  private static final class Walker {
    private final byte[] b;
    private final int s;
    private final int end;

    Walker(byte[] b, int s, int end) {
      this.b = b;
      this.s = s;
      this.end = end;
    }

    boolean complete() {
      int at = flagsAt(b, s, end);
      if (at < 0 || s + at >= end) {
        return false;
      }
      int flags = b[s + at] & 0xff;
      if ((flags & 0x01) != 0) {
        // Routing control: tshark reads the hello's fixed part (34 bytes after the flags).
        int type = (flags & 0x0e) >> 1;
        return type != 6 || s + at + 1 + 29 <= end;
      }
      int nsp = at + 1 + ((flags & 0x06) == 0x06 ? 20 : 5);
      if (s + nsp > end) {
        return false;
      }
      return nspEnd(nsp) <= end - s;
    }

    private int u16(int rel) {
      return s + rel + 2 <= end ? Bytes.u16le(b, s + rel) : -1;
    }

    /** Where the NSP message at {@code rel} ends as tshark reads it (past the end when it runs off). */
    int nspEnd(int rel) {
      if (s + rel >= end) {
        return Integer.MAX_VALUE;
      }
      int type = b[s + rel] & 0xff;
      int at = rel + 3;
      switch (type) {
        case NSP_CONNECT_ACK:
          return at;
        case NSP_CONNECT_INITIATE, NSP_RETRANSMITTED_CI, NSP_CONNECT_CONFIRM:
          return session(at + 2 + 4);
        case NSP_DISCONNECT_INITIATE, NSP_DISCONNECT_CONFIRM:
          return at + 2 + 2;
        default:
          break;
      }
      at += 2;
      for (int k = 0; k < 2 && u16(at) >= 0 && (u16(at) & 0x8000) != 0; k++) {
        at += 2; // an optional acknowledgement field (high bit set)
      }
      if (type == NSP_DATA_ACK || type == NSP_OTHER_ACK) {
        return at;
      }
      at += 2; // segnum
      return type == NSP_LINK_SERVICE ? at + 2 : at;
    }

    /** Session connect data: destination and source end users, then the menu version byte. */
    private int session(int at) {
      for (int user = 0; user < 2; user++) {
        if (s + at >= end) {
          return Integer.MAX_VALUE;
        }
        int format = b[s + at] & 0xff;
        at += 2 + (format == 2 ? 4 : 0);
        if (format == 1 || format == 2) {
          if (s + at >= end) {
            return Integer.MAX_VALUE;
          }
          at += 1 + (b[s + at] & 0xff);
        }
      }
      return at + 1;
    }
  }

  private static void flags(Tree t, int at) {
    int flags = (int) t.uint(FLAGS, at, 1);
    t.enter();
    if ((flags & 0x01) != 0) {
      t.uint(FLAGS_CONTROL, at, 1);
      t.uint(RT_MSG_TYPE, at, 1);
    } else {
      t.uint(FLAGS_MSGLEN, at, 1);
      t.uint(FLAGS_RQR, at, 1);
      t.uint(FLAGS_RTS, at, 1);
      if ((flags & 0x06) == 0x06) {
        t.uint(FLAGS_INTRA_ETH, at, 1);
        t.uint(FLAGS_DISCARD, at, 1);
      }
    }
    t.exit();
  }

  private static final String[] NSP_ITEM = {NSP_MSG_TYPE.name()};

  /**
   * tshark adds a data packet's NSP message ("DNA NSP message: ...") at the top of the tree,
   * after the routing layer's item, with the message's fields inside it.
   */
  @Override
  public String[] topLevelItems(Dissection d, int layer) {
    byte[] b = d.data();
    int s = d.start(layer);
    int end = d.end(layer);
    int at = flagsAt(b, s, end); // relative to the layer
    if (at < 0 || (b[s + at] & 0x01) != 0) {
      return NO_TOP_LEVEL_ITEMS;
    }
    int nsp = s + at + ((b[s + at] & 0x06) == 0x06 ? 21 : 6);
    return nsp < end ? NSP_ITEM : NO_TOP_LEVEL_ITEMS;
  }

  @Override
  public void fields(Tree t) {
    int at = flagsAt(t.data(), t.start(), t.start() + t.length());
    if (at < 0) {
      return;
    }
    int flags = t.u8(at);
    flags(t, at);
    if ((flags & 0x01) != 0) {
      int type = (flags & 0x0e) >> 1;
      // tshark adds the message type a second time, shifted once more.
      t.number(RT_MSG_TYPE, at, 1, type >> 1);
      if (type == 6) {
        hello(t, at + 1);
      }
      return;
    }
    int nsp;
    if ((flags & 0x06) == 0x06) {
      t.bytes(DST_ADDRESS, at + 3, 6);
      t.bytes(SRC_ADDRESS, at + 11, 6);
      t.uint(NL2, at + 17, 1);
      t.uint(VISIT_CNT, at + 18, 1);
      t.uint(SVC_CLS, at + 19, 1);
      t.uint(PROTO_TYPE, at + 20, 1);
      nsp = at + 21;
    } else {
      t.uintle(DST_NODE, at + 1, 2);
      t.uintle(SRC_NODE, at + 3, 2);
      t.uint(VST_NODE, at + 5, 1);
      nsp = at + 6;
    }
    nsp(t, nsp);
  }

  private static void hello(Tree t, int at) {
    t.bytes(CTL_ID, at + 3, 6);
    t.uint(CTL_TIINFO, at + 9, 1);
    t.enter();
    t.uint(CTL_NODE_TYPE, at + 9, 1);
    t.exit();
    t.uintle(CTL_BLK_SIZE, at + 10, 2);
    t.bytes(CTL_SEED, at + 13, 8);
    t.bytes(CTL_NEIGHBOR, at + 21, 6);
    t.uintle(CTL_TIMER, at + 27, 2);
  }

  private static void nsp(Tree t, int at) {
    int type = (int) t.uint(NSP_MSG_TYPE, at, 1);
    t.uintle(DST_NODE, at + 1, 2);
    if (type == NSP_CONNECT_ACK) {
      return;
    }
    t.uintle(SRC_NODE, at + 3, 2);
    int p = at + 5;
    switch (type) {
      case NSP_CONNECT_INITIATE, NSP_RETRANSMITTED_CI, NSP_CONNECT_CONFIRM -> {
        t.uint(NSP_SERVICES, p, 1);
        t.uint(NSP_INFO, p + 1, 1);
        t.uintle(NSP_SEGSIZE, p + 2, 2);
        session(t, p + 4);
        return;
      }
      case NSP_DISCONNECT_INITIATE, NSP_DISCONNECT_CONFIRM -> {
        t.uintle(NSP_DISC_REASON, p, 2);
        return;
      }
      default -> { }
    }
    for (int k = 0; k < 2 && t.has(p, 2) && (t.u16le(p) & 0x8000) != 0; k++) {
      p += 2;
    }
    if (type == NSP_DATA_ACK || type == NSP_OTHER_ACK || !t.has(p, 2)) {
      return;
    }
    t.uintle(NSP_SEGNUM, p, 2);
    t.uintle(NSP_DELAY, p, 2);
    if (type == NSP_LINK_SERVICE) {
      t.uint(NSP_FLOW_CONTROL, p + 2, 1);
    }
  }

  private static void session(Tree t, int at) {
    if (!t.has(at, 1)) {
      return;
    }
    t.bytes(SESS_CONN, at, t.length() - at);
    t.enter();
    for (int user = 0; user < 2; user++) {
      if (!t.has(at, 2)) {
        t.exit();
        return; // tshark runs off the end here (the layer's malformed note)
      }
      int format = t.u8(at);
      t.uint(SESS_OBJ_TYPE, at + 1, 1);
      at += 2;
      if (format == 2) {
        t.uintle(SESS_GRP_CODE, at, 2);
        t.uintle(SESS_USR_CODE, at + 2, 2);
        at += 4;
      }
      if (format == 1 || format == 2) {
        at += 1 + t.u8(at);
      }
    }
    if (t.has(at, 1)) {
      int version = (t.u8(at) >> 5) & 0x03;
      t.object(SESS_MENU_VER, at, 1, version == 0 ? "Session control version 1.0" : "Session control version 2.0");
    }
    t.exit();
  }

  /** "1.1": area and node of a 16-bit node number. */
  static String node(int v) {
    return (v >> 10) + "." + (v & 0x3ff);
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    int at = flagsAt(t.data(), t.start(), t.start() + t.length());
    if (at < 0 || !t.has(at, 1)) {
      return;
    }
    int flags = t.u8(at);
    if ((flags & 0x01) != 0) {
      int type = (flags & 0x0e) >> 1;
      if (type == 6 && t.has(at + 4, 6)) {
        c.source = node(t.u16le(at + 8));
      }
      c.setInfo("Routing control" + (type == 6 ? ", Endnode Hello message" : type == 5 ? ", Router Hello message" : ""));
      return;
    }
    if ((flags & 0x06) != 0x06) {
      if (t.has(at + 1, 4)) {
        c.destination = node(t.u16le(at + 1));
        c.source = node(t.u16le(at + 3));
      }
      nspInfo(t, c, at + 6);
    } else {
      nspInfo(t, c, at + 21);
    }
  }

  private static void nspInfo(Tree t, Columns c, int at) {
    if (!t.has(at, 1)) {
      return;
    }
    int type = t.u8(at);
    switch (type) {
      case NSP_DATA_ACK -> c.setInfo("NSP data ACK message(" + (t.has(at + 5, 2) ? t.u16le(at + 5) & 0x0fff : 0) + ")");
      case NSP_OTHER_ACK -> c.setInfo("NSP other data ACK message");
      case NSP_LINK_SERVICE -> {
        int p = skipAcks(t, at + 5);
        String fc = t.has(p + 2, 1) ? FLOW_CONTROL.get((long) (t.u8(p + 2) & 0x03)) : "";
        c.setInfo("NSP link control message(" + fc + ")");
      }
      case NSP_INTERRUPT -> c.setInfo("NSP interrupt message");
      case NSP_CONNECT_INITIATE, NSP_RETRANSMITTED_CI, NSP_CONNECT_CONFIRM ->
          c.setInfo("NSP connect confirm/initiate message");
      case NSP_CONNECT_ACK -> c.setInfo("NSP connect acknowledgement");
      case NSP_DISCONNECT_INITIATE, NSP_DISCONNECT_CONFIRM -> c.setInfo("NSP disconnect initiate/confirm message");
      default -> {
        if ((type & 0x9f) == 0) { // a data segment: BOM 0x20, EOM 0x40
          int p = skipAcks(t, at + 5);
          int segnum = t.has(p, 2) ? t.u16le(p) & 0x0fff : 0;
          int bytes = Math.max(0, t.length() - p - 2);
          String kind = switch (type & 0x60) {
            case 0x60 -> "single segment";
            case 0x20 -> "start of segment";
            case 0x40 -> "end of segment";
            default -> "continuation segment";
          };
          c.setInfo("msg nr. " + segnum + " " + kind + ", bytes this segment: " + bytes + ", total so far:" + bytes);
        }
      }
    }
  }

  private static int skipAcks(Tree t, int p) {
    for (int k = 0; k < 2 && t.has(p, 2) && (t.u16le(p) & 0x8000) != 0; k++) {
      p += 2;
    }
    return p;
  }
}

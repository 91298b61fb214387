package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.StreamPdus;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.util.List;
import java.util.Map;

/**
 * OpenFlow, the switch-controller protocol of the Open Networking Foundation (specifications
 * 1.0 to 1.5, https://opennetworking.org/software-defined-standards/specifications/), over TCP
 * port 6653 and, as tshark's heuristic does, any stream whose first message goes to 6633, 6634
 * or 6653 (the conversation then stays OpenFlow both ways). Every message starts with:
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    version    |     type      |            length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         xid (transaction id)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * As in tshark, {@code openflow} is a hand-off layer without a tree that picks the version's
 * protocol ({@code openflow_v1} for 1.0, {@code openflow_v4}, {@code _v5}, {@code _v6} for 1.3
 * to 1.5, the {@link Version} layers); messages are TCP PDUs sized by {@code length}. A
 * packet-in or packet-out carries an Ethernet frame, handed to {@code eth} with every summary
 * column frozen ({@link Columns#freezeAll}), as tshark's {@code col_set_writable(-1, FALSE)}.
 * The versions report the header only; message bodies other than where the frame starts are
 * not dissected yet.
 */
public final class OpenFlowDissector extends Dissector implements Protocols.Registrable, StreamPdus {
  /** Shared by {@code openflow} (unknown versions) and {@code openflow_v1}, as in tshark. */
  public static final Field VERSION = Field.u8("openflow.version", "Version").hex().mask(0x7f, 8)
      .labels(ValueNames.parse("1=1.0|2=1.1|3=1.2|4=1.3|5=1.4|6=1.5"));
  static final Expert VERSION_UNKNOWN = new Expert("openflow.version.unknown", Expert.Severity.WARNING,
      "Undecoded", "Unsupported version not dissected");

  /** The IANA port; the heuristic also takes the legacy 6633 and 6634 as destination. */
  public static final int PORT = 6653;
  private static final int HEADER = 8;

  public OpenFlowDissector() {
    super("openflow", "OpenFlow", "OpenFlow");
  }

  /** The hand-off layer and the four versions, in the order {@code netsift fields} lists them. */
  public static List<Dissector> family() {
    return List.of(new OpenFlowDissector(), Version.v1(), Version.v4(), Version.v5(), Version.v6());
  }

  /** Its packet-in and packet-out messages carry Ethernet frames: kept when applications are pruned. */
  @Override
  public boolean carriesLowerLayers() {
    return true;
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.TCP_PORT, PORT, this);
    p.heuristic(Protocols.Table.TCP_PORT, this, (d, b, off, len) -> toOpenFlowPort(d));
  }

  /**
   * tshark's heuristic looks only at the destination port of the segment (no bytes), and the
   * stream it claims stays OpenFlow both ways. A stateless pass (one chunk of a parallel read)
   * keeps no streams, so there the server's side is recognised by its source port instead.
   */
  private static boolean toOpenFlowPort(Dissection d) {
    int tcp = d.layerCount() - 1;
    if (tcp < 0 || !d.dissector(tcp).name().equals("tcp")) {
      return false;
    }
    if (legacy(Transport.dstPort(d, tcp))) {
      return true;
    }
    return d.protocols().isStateless() && legacy(Transport.srcPort(d, tcp));
  }

  private static boolean legacy(int port) {
    return port == 6633 || port == 6634 || port == PORT;
  }

  @Override
  public int pduLength(Dissection d, int tcpLayer, byte[] b, int off, int avail) {
    if (avail < HEADER) {
      return MORE;
    }
    int length = Bytes.u16(b, off + 2);
    return length < HEADER ? NOT_MINE : length;
  }

  /** Consecutive complete messages share one {@code openflow} layer, as in tshark's frame.protocols. */
  @Override
  public boolean splitPdus() {
    return false;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int end = d.end(layer);
    if (end - s < 1) {
      return null;
    }
    // tshark lists "openflow" once per run of messages (its TCP hand-off) and the version's
    // protocol once per message: the first continues this chain, the others are queued.
    byte[] b = d.data();
    Protocols p = d.protocols();
    int first = messageEnd(b, s, end);
    for (int at = first; at < end; ) {
      int next = messageEnd(b, at, end);
      Dissector v = version(p, b[at] & 0xff);
      if (v != null) {
        d.queue(v, at, next);
      }
      at = next;
    }
    Dissector v = version(p, b[s] & 0xff);
    d.payload(v == null ? first : s, first);
    return v;
  }

  /** The end of the message at {@code at} (its length field, within {@code end}). */
  private static int messageEnd(byte[] b, int at, int end) {
    int length = end - at < 4 ? end - at : Bytes.u16(b, at + 2);
    return length < HEADER || length > end - at ? end : at + length;
  }

  private static Dissector version(Protocols p, int version) {
    switch (version) {
      case 1: return p.byName("openflow_v1");
      case 4: return p.byName("openflow_v4");
      case 5: return p.byName("openflow_v5");
      case 6: return p.byName("openflow_v6");
      default: return null;
    }
  }

  /** No tree of its own unless the version is one tshark does not dissect. */
  @Override
  public boolean hiddenInTree(Dissection d, int layer) {
    return d.length(layer) < 1 || version(d.protocols(), d.data()[d.start(layer)] & 0xff) != null;
  }

  @Override
  public void fields(Tree t) {
    if (version(t.dissection().protocols(), t.u8(0)) == null) {
      t.uint(VERSION, 0, 1);
      t.expert(VERSION_UNKNOWN, 0, 1, null);
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    c.setInfo("");
  }

  /**
   * One version's message: the header with that version's field names and type names, the
   * Info text tshark writes ("Type: OFPT_PACKET_IN", multipart requests and replies with their
   * kind) and, for packet-in and packet-out, the carried Ethernet frame as the next layer.
   */
  public static final class Version extends Dissector {
    private static final String TYPES_1_0 = "0=OFPT_HELLO|1=OFPT_ERROR|2=OFPT_ECHO_REQUEST|3=OFPT_ECHO_REPLY"
        + "|4=OFPT_VENDOR|5=OFPT_FEATURES_REQUEST|6=OFPT_FEATURES_REPLY|7=OFPT_GET_CONFIG_REQUEST"
        + "|8=OFPT_GET_CONFIG_REPLY|9=OFPT_SET_CONFIG|10=OFPT_PACKET_IN|11=OFPT_FLOW_REMOVED"
        + "|12=OFPT_PORT_STATUS|13=OFPT_PACKET_OUT|14=OFPT_FLOW_MOD|15=OFPT_PORT_MOD|16=OFPT_STATS_REQUEST"
        + "|17=OFPT_STATS_REPLY|18=OFPT_BARRIER_REQUEST|19=OFPT_BARRIER_REPLY"
        + "|20=OFPT_QUEUE_GET_CONFIG_REQUEST|21=OFPT_QUEUE_GET_CONFIG_REPLY";
    private static final String TYPES_1_3 = "0=OFPT_HELLO|1=OFPT_ERROR|2=OFPT_ECHO_REQUEST|3=OFPT_ECHO_REPLY"
        + "|4=OFPT_EXPERIMENTER|5=OFPT_FEATURES_REQUEST|6=OFPT_FEATURES_REPLY|7=OFPT_GET_CONFIG_REQUEST"
        + "|8=OFPT_GET_CONFIG_REPLY|9=OFPT_SET_CONFIG|10=OFPT_PACKET_IN|11=OFPT_FLOW_REMOVED"
        + "|12=OFPT_PORT_STATUS|13=OFPT_PACKET_OUT|14=OFPT_FLOW_MOD|15=OFPT_GROUP_MOD|16=OFPT_PORT_MOD"
        + "|17=OFPT_TABLE_MOD|18=OFPT_MULTIPART_REQUEST|19=OFPT_MULTIPART_REPLY|20=OFPT_BARRIER_REQUEST"
        + "|21=OFPT_BARRIER_REPLY|22=OFPT_QUEUE_GET_CONFIG_REQUEST|23=OFPT_QUEUE_GET_CONFIG_REPLY"
        + "|24=OFPT_ROLE_REQUEST|25=OFPT_ROLE_REPLY|26=OFPT_GET_ASYNC_REQUEST|27=OFPT_GET_ASYNC_REPLY"
        + "|28=OFPT_SET_ASYNC|29=OFPT_METER_MOD";
    // 1.4 drops the queue-config messages (22, 23) and adds 30-34; 1.5 adds 35.
    private static final String TYPES_1_4 = TYPES_1_3.replace("|22=OFPT_QUEUE_GET_CONFIG_REQUEST"
        + "|23=OFPT_QUEUE_GET_CONFIG_REPLY", "") + "|30=OFPT_ROLE_STATUS|31=OFPT_TABLE_STATUS"
        + "|32=OFPT_REQUESTFORWARD|33=OFPT_BUNDLE_CONTROL|34=OFPT_BUNDLE_ADD_MESSAGE";
    private static final String TYPES_1_5 = TYPES_1_4 + "|35=OFPT_CONTROLLER_STATUS";
    private static final String MULTIPART_1_3 = "0=OFPMP_DESC|1=OFPMP_FLOW|2=OFPMP_AGGREGATE|3=OFPMP_TABLE"
        + "|4=OFPMP_PORT_STATS|5=OFPMP_QUEUE|6=OFPMP_GROUP|7=OFPMP_GROUP_DESC|8=OFPMP_GROUP_FEATURES"
        + "|9=OFPMP_METER|10=OFPMP_METER_CONFIG|11=OFPMP_METER_FEATURES|12=OFPMP_TABLE_FEATURES"
        + "|13=OFPMP_PORT_DESC|65535=OFPMP_EXPERIMENTER";
    private static final String MULTIPART_1_4 = MULTIPART_1_3.replace("5=OFPMP_QUEUE|", "5=OFPMP_QUEUE_STATS|")
        .replace("|65535=", "|14=OFPMP_TABLE_DESC|15=OFPMP_QUEUE_DESC|16=OFPMP_FLOW_MONITOR|65535=");
    private static final String MULTIPART_1_5 = "0=OFPMP_DESC|1=OFPMP_FLOW_DESC|2=OFPMP_AGGREGATE_STATS"
        + "|3=OFPMP_TABLE_STATS|4=OFPMP_PORT_STATS|5=OFPMP_QUEUE_STATS|6=OFPMP_GROUP_STATS"
        + "|7=OFPMP_GROUP_DESC|8=OFPMP_GROUP_FEATURES|9=OFPMP_METER_STATS|10=OFPMP_METER_DESC"
        + "|11=OFPMP_METER_FEATURES|12=OFPMP_TABLE_FEATURES|13=OFPMP_PORT_DESC|14=OFPMP_TABLE_DESC"
        + "|15=OFPMP_QUEUE_DESC|16=OFPMP_FLOW_MONITOR|17=OFPMP_FLOW_STATS|18=OFPMP_CONTROLLER_STATUS"
        + "|19=OFPMP_BUNDLE_FEATURES|65535=OFPMP_EXPERIMENTER";

    private static final int ERROR = 1;
    private static final int EXPERIMENTER = 4;
    private static final int EXPERIMENTER_HEADER = 16;
    private static final int HELLO_FAILED = 0;
    private static final int PACKET_IN = 10;
    private static final int PACKET_OUT_1_0 = 13;
    private static final int PACKET_OUT = 13;
    private static final int MULTIPART_REQUEST = 18;
    private static final int MULTIPART_REPLY = 19;

    private final int wire;
    private final Field version;
    private final Field type;
    private final Field length;
    private final Field xid;
    private final Map<Long, String> multipart;
    /** 1.3 and later note an experimenter message's body as undecoded (null for 1.0). */
    private final Expert experimenterBody;

    private Version(int wire, String name, String longName, Field version, Field type, Field length,
        Field xid, String multipart) {
      super(name, longName, "OpenFlow");
      this.wire = wire;
      this.version = version;
      this.type = type;
      this.length = length;
      this.xid = xid;
      this.multipart = multipart == null ? null : ValueNames.parse(multipart);
      this.experimenterBody = wire == 1 ? null : new Expert(name + ".experimenter.undecoded",
          Expert.Severity.NOTE, "Undecoded", "Unknown experimenter body.");
    }

    static Version v1() {
      return new Version(1, "openflow_v1", "OpenFlow 1.0", VERSION,
          Field.u8("openflow_1_0.type", "Type").labels(ValueNames.parse(TYPES_1_0)),
          Field.u16("openflow.length", "Length"), Field.u32("openflow.xid", "Transaction ID"), null);
    }

    static Version v4() {
      return later(4, "openflow_v4", "OpenFlow 1.3", "1.3", TYPES_1_3, MULTIPART_1_3);
    }

    static Version v5() {
      return later(5, "openflow_v5", "OpenFlow 1.4", "1.4", TYPES_1_4, MULTIPART_1_4);
    }

    static Version v6() {
      return later(6, "openflow_v6", "OpenFlow 1.5", "1.5", TYPES_1_5, MULTIPART_1_5);
    }

    private static Version later(int wire, String name, String longName, String label, String types,
        String multipart) {
      return new Version(wire, name, longName,
          Field.u8(name + ".version", "Version").hex().labels(Map.of((long) wire, label)),
          Field.u8(name + ".type", "Type").labels(ValueNames.parse(types)),
          Field.u16(name + ".length", "Length"), Field.u32(name + ".xid", "Transaction ID"), multipart);
    }

    /** The header fields of this version (each version names its own, unlike static constants). */
    @Override
    public List<Field> declaredFields() {
      return experimenterBody == null ? List.of(protocolField(), version, type, length, xid)
          : List.of(protocolField(), version, type, length, xid, experimenterBody.field());
    }

    /** tshark's short name of the version protocols is their filter name. */
    @Override
    public String shortName() {
      return name();
    }

    @Override
    public Dissector dissect(Dissection d, int layer) {
      int s = d.start(layer);
      int end = d.end(layer);
      if (end - s < HEADER) {
        d.payload(end, end);
        Truncation.report(d, layer, s, HEADER);
        return null;
      }
      int declared = Bytes.u16(d.data(), s + 2);
      if (declared >= HEADER && declared < end - s) {
        d.setEnd(layer, s + declared);
        end = s + declared;
      }
      int data = dataOffset(d.data(), s, end - s);
      if (data < 0 || data >= end - s) {
        d.payload(end, end);
        return null;
      }
      d.payload(s + data, end);
      return d.protocols().byName("eth");
    }

    /**
     * Where the carried Ethernet frame starts in a packet-in or packet-out message at {@code s}
     * ({@code avail} bytes of it captured), or -1 for other messages or fixed parts cut short.
     */
    private int dataOffset(byte[] b, int s, int avail) {
      int kind = b[s + 1] & 0xff;
      if (wire == 1) {
        if (kind == PACKET_IN) {
          return 18; // buffer_id, total_len, in_port, reason, pad
        }
        // buffer_id, in_port, actions_len, then the actions
        return kind == PACKET_OUT_1_0 && avail >= 16 ? 16 + Bytes.u16(b, s + 14) : -1;
      }
      if (kind == PACKET_IN) {
        // buffer_id, total_len, reason, table_id, cookie, a match padded to 8 bytes, pad[2]
        return avail >= 28 ? 24 + padded(Bytes.u16(b, s + 26)) + 2 : -1;
      }
      if (kind != PACKET_OUT) {
        return -1;
      }
      if (wire == 6) {
        // 1.5: buffer_id, actions_len, pad[2], a match padded to 8 bytes, then the actions
        return avail >= 20 ? 16 + padded(Bytes.u16(b, s + 18)) + Bytes.u16(b, s + 12) : -1;
      }
      // buffer_id, in_port, actions_len, pad[6], then the actions
      return avail >= 24 ? 24 + Bytes.u16(b, s + 16) : -1;
    }

    /** An ofp_match's length counts neither its own padding nor can it be below 4 (its header). */
    private static int padded(int matchLength) {
      return (Math.max(matchLength, 4) + 7) & ~7;
    }

    @Override
    public void fields(Tree t) {
      t.uint(version, 0, 1);
      t.uint(type, 1, 1);
      t.uint(length, 2, 2);
      t.uint(xid, 4, 4);
      if (experimenterBody != null && t.u8(1) == EXPERIMENTER && t.length() > EXPERIMENTER_HEADER) {
        // experimenter id and type (not reported yet), then a body tshark leaves undecoded
        t.expert(experimenterBody, EXPERIMENTER_HEADER, t.length() - EXPERIMENTER_HEADER, "Experimenter body.");
      }
      int errorType = t.has(8, 2) ? t.u16(8) : 0;
      if (wire != 1 && t.u8(1) == ERROR && errorType != HELLO_FAILED && errorType != 0xffff
          && t.has(12, HEADER)) {
        // An error quotes the start of the failed request; tshark shows its header again
        // under the same fields (after the error's type and code, not reported yet).
        t.uint(version, 12, 1);
        t.uint(type, 13, 1);
        t.uint(length, 14, 2);
        t.uint(xid, 16, 4);
      }
    }

    @Override
    public void columns(Tree t, Columns c) {
      // 1.3 and later restore the columns after a carried frame, so each message writes its own
      // (Info cleared first); 1.0 leaves them frozen for the rest of the packet.
      c.thaw();
      c.protocol = columnName();
      int kind = t.u8(1);
      String name = type.valueLabel(kind);
      StringBuilder info = new StringBuilder("Type: ").append(name == null ? "Unknown" : name);
      if (multipart != null && (kind == MULTIPART_REQUEST || kind == MULTIPART_REPLY) && t.has(8, 2)) {
        String mp = multipart.get((long) t.u16(8));
        info.append(", ").append(mp == null ? "Unknown" : mp);
      }
      c.setInfo(info.toString());
      int data = t.has(0, HEADER) ? dataOffset(t.data(), t.start(), t.length()) : -1;
      if (data >= 0 && data < t.length()) {
        // The carried frame's layers may not change the columns; 1.0 does not restore the
        // addresses tshark fills Source and Destination from, so the inner ones show there.
        if (wire == 1) {
          c.freezeProtocolAndInfo();
        } else {
          c.freezeAll();
        }
      }
    }
  }
}

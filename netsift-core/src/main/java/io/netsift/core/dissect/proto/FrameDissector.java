package io.netsift.core.dissect.proto;

import io.netsift.core.capture.InterfaceInfo;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Base;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;

/**
 * The "frame" pseudo-protocol: capture metadata (number, times, lengths, interface,
 * comment) and the hand-off to the link-layer dissector chosen by the frame's link type.
 */
public final class FrameDissector extends Dissector {
  public static final Field COMMENT = Field.string("frame.comment", "Comment");
  public static final Field SECTION = Field.u32("frame.section_number", "Section number").plain()
      .blurb("The number of the file section this frame is in");
  public static final Field INTERFACE_ID = Field.u32("frame.interface_id", "Interface id").plain();
  public static final Field INTERFACE_NAME = Field.string("frame.interface_name", "Interface name").plain()
      .blurb("The friendly name for this interface");
  public static final Field INTERFACE_DESCRIPTION = Field.string("frame.interface_description", "Interface description").plain()
      .blurb("The description for this interface");
  public static final Field FLAGS = Field.u32("frame.packet_flags", "Packet flags").hex();
  public static final Field FLAGS_DIRECTION = Field.u32("frame.packet_flags_direction", "Direction").hex()
      .mask(0x3, 32).labels(v -> v == 0 ? "Unknown" : v == 1 ? "Inbound" : v == 2 ? "Outbound" : null);
  public static final Field FLAGS_RECEPTION = Field.u32("frame.packet_flags_reception_type", "Reception type")
      .mask(0x1c, 32).labels(v -> v == 0 ? "Not specified" : v == 1 ? "Unicast" : v == 2 ? "Multicast"
          : v == 3 ? "Broadcast" : v == 4 ? "Promiscuous" : null);
  public static final Field FLAGS_FCS = Field.u32("frame.packet_flags_fcs_length", "FCS length").mask(0x1e0, 32);
  public static final Field FLAGS_RESERVED = Field.u32("frame.packet_flags_reserved", "Reserved").mask(0xfe00, 32);
  public static final Field FLAGS_CRC = Field.bool("frame.packet_flags_crc_error", "CRC error").mask(0x1000000, 32);
  public static final Field FLAGS_TOO_LONG = Field.bool("frame.packet_flags_packet_too_error", "Packet too long error").mask(0x2000000, 32);
  public static final Field FLAGS_TOO_SHORT = Field.bool("frame.packet_flags_packet_too_short_error", "Packet too short error").mask(0x4000000, 32);
  public static final Field FLAGS_GAP = Field.bool("frame.packet_flags_wrong_inter_frame_gap_error", "Wrong interframe gap error").mask(0x8000000, 32);
  public static final Field FLAGS_UNALIGNED = Field.bool("frame.packet_flags_unaligned_frame_error", "Unaligned frame error").mask(0x10000000, 32);
  public static final Field FLAGS_SFD = Field.bool("frame.packet_flags_start_frame_delimiter_error", "Start frame delimiter error").mask(0x20000000, 32);
  public static final Field FLAGS_PREAMBLE = Field.bool("frame.packet_flags_preamble_error", "Preamble error").mask(0x40000000, 32);
  public static final Field FLAGS_SYMBOL = Field.bool("frame.packet_flags_symbol_error", "Symbol error").mask(0x80000000L, 32);
  private static final Field[] FLAG_BITS = {FLAGS_DIRECTION, FLAGS_RECEPTION, FLAGS_FCS, FLAGS_RESERVED, FLAGS_CRC,
      FLAGS_TOO_LONG, FLAGS_TOO_SHORT, FLAGS_GAP, FLAGS_UNALIGNED, FLAGS_SFD, FLAGS_PREAMBLE, FLAGS_SYMBOL};
  public static final Field ENCAP_TYPE = Field.of("frame.encap_type", "Encapsulation type", FieldType.INT16)
      .plain().labels(WiresharkEncap::name);
  public static final Field TIME = Field.of("frame.time", "Arrival Time", FieldType.ABSOLUTE_TIME).base(Base.TIME_LOCAL).plain();
  public static final Field OFFSET_SHIFT = Field.of("frame.offset_shift", "Time shift for this packet", FieldType.RELATIVE_TIME);
  public static final Field TIME_EPOCH = Field.of("frame.time_epoch", "Epoch Time", FieldType.ABSOLUTE_TIME).base(Base.TIME_UNIX).plain();
  public static final Field TIME_DELTA = Field.of("frame.time_delta", "Time delta from previous captured frame", FieldType.RELATIVE_TIME);
  public static final Field TIME_DELTA_DISPLAYED = Field.of("frame.time_delta_displayed", "Time delta from previous displayed frame", FieldType.RELATIVE_TIME);
  public static final Field TIME_RELATIVE = Field.of("frame.time_relative", "Time since reference or first frame", FieldType.RELATIVE_TIME);
  public static final Field NUMBER = Field.u32("frame.number", "Frame Number").plain();
  public static final Field LEN = Field.u32("frame.len", "Frame Length").unit(" bytes").plain()
      .shown(FrameDissector::bytesAndBits);
  public static final Field CAP_LEN = Field.u32("frame.cap_len", "Capture Length").unit(" bytes").plain()
      .shown(FrameDissector::bytesAndBits);
  public static final Field MARKED = Field.bool("frame.marked", "Frame is marked");
  public static final Field IGNORED = Field.bool("frame.ignored", "Frame is ignored");
  public static final Field P2P_DIR = Field.of("frame.p2p_dir", "Point-to-Point Direction", FieldType.INT8)
      .labels(v -> v == 0 ? "Sent" : v == 1 ? "Received" : null);
  public static final Field DROP_COUNT = Field.u64("frame.drop_count", "Drop Count")
      .blurb("Number of frames lost between this frame and the preceding one on the same interface");
  public static final Field PROTOCOLS = Field.string("frame.protocols", "Protocols in frame");
  static final Expert COMMENT_EXPERT = new Expert("frame.comment.expert", Expert.Severity.COMMENT, "Comment",
      "Formatted comment");

  /** "99 bytes (792 bits)", as tshark shows a frame's lengths. */
  private static String bytesAndBits(long n) {
    return n + " bytes (" + n * 8 + " bits)";
  }

  public FrameDissector() {
    super("frame", "Frame", "");
  }

  /** tshark adds this protocol's item only when the tree is shown or a filter reads its fields. */
  @Override
  public boolean itemOnlyWhenReferenced() {
    return true;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    if (d.comment() != null) {
      d.expert(layer, COMMENT_EXPERT, d.start(layer), 0, d.comment());
    }
    d.payload(d.start(layer), d.end(layer));
    return d.protocols().lookup(Protocols.Table.LINK_TYPE, d.linkType());
  }

  @Override
  public void fields(Tree t) {
    Dissection d = t.dissection();
    if (d.comment() != null) {
      t.generatedObject(COMMENT, d.comment());
    }
    if (d.sectionNumber() > 0) {
      t.generated(SECTION, d.sectionNumber());
    }
    if (d.interfaceId() >= 0) {
      InterfaceInfo itf = d.interfaceInfo();
      String name = itf != null && itf.name() != null ? itf.name() : "unknown";
      t.generatedObject(INTERFACE_ID, new io.netsift.core.field.ShownNumber(d.interfaceId(),
          d.interfaceId() + " (" + name + ")"));
      t.enter();
      if (itf != null) {
        t.generatedObject(INTERFACE_NAME, itf.name() != null ? itf.name() : "unknown");
        if (itf.description() != null) {
          t.generatedObject(INTERFACE_DESCRIPTION, itf.description());
        }
      }
      t.exit();
    }
    if (d.dropCount() >= 0) {
      t.generated(DROP_COUNT, d.dropCount());
    }
    if (d.packetFlags() >= 0) {
      t.generated(FLAGS, d.packetFlags());
      t.enter();
      for (Field f : FLAG_BITS) {
        t.generated(f, f.extract(d.packetFlags()));
      }
      t.exit();
    }
    t.generated(ENCAP_TYPE, WiresharkEncap.of(d.linkType()));
    t.generated(TIME, d.timestampNanos());
    t.generated(OFFSET_SHIFT, 0);
    t.generated(TIME_EPOCH, d.timestampNanos());
    t.generated(TIME_DELTA, d.deltaNanos());
    t.generated(TIME_DELTA_DISPLAYED, d.deltaDisplayedNanos());
    t.generated(TIME_RELATIVE, d.relativeNanos());
    t.generated(NUMBER, d.number());
    t.generated(LEN, d.originalLength());
    t.generated(CAP_LEN, d.capturedLength());
    t.generated(MARKED, 0);
    t.generated(IGNORED, 0);
    long direction = d.packetFlags() >= 0 ? d.packetFlags() & 3 : 0;
    if (direction != 0) {
      // pcapng inbound/outbound become Wireshark's point-to-point received/sent.
      t.generated(P2P_DIR, direction == 1 ? 1 : 0);
    }
    if (t.wants(PROTOCOLS)) {
      t.generatedObject(PROTOCOLS, protocolsOf(d));
    }
  }

  @Override
  public String label(Tree t) {
    Dissection d = t.dissection();
    long len = d.originalLength();
    int cap = d.capturedLength();
    String s = "Frame " + d.number() + ": " + len + " bytes on wire (" + len * 8 + " bits), " + cap
        + " bytes captured (" + cap * 8L + " bits)";
    InterfaceInfo itf = d.interfaceInfo();
    if (itf != null) {
      s += " on interface " + (itf.name() != null ? itf.name() : "unknown") + ", id " + d.interfaceId();
      long direction = d.packetFlags() >= 0 ? d.packetFlags() & 3 : 0;
      if (direction == 1 || direction == 2) {
        s += direction == 1 ? " (inbound)" : " (outbound)";
      }
    }
    return s;
  }

  /** The colon-separated protocol chain as tshark's frame.protocols prints it. */
  public static String protocolsOf(Dissection d) {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i < d.layerCount(); i++) {
      String name = d.dissector(i).name();
      if (name.startsWith("_ws.") || !d.dissector(i).listedInProtocols(d, i)) {
        continue; // tshark 4.0 lists no _ws.malformed in frame.protocols, nor DCE/RPC's interfaces
      }
      if (sb.length() > 0) {
        sb.append(':');
      }
      sb.append(name);
    }
    return sb.toString();
  }

  @Override
  public String shortName() {
    return "Frame";
  }
}

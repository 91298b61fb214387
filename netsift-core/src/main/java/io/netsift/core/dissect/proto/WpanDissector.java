package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import java.util.HashMap;
import java.util.Map;

/**
 * IEEE 802.15.4 MAC frames (tshark's {@code wpan}) as captured without their FCS
 * (LINKTYPE_IEEE802_15_4_NOFCS, 230): the frame control field, sequence number, PAN
 * identifiers and short or extended addresses, beacons (superframe specification, GTS and
 * pending addresses) and MAC commands; beacon payloads go to the ZigBee beacon and data
 * payloads to the ZigBee network layer when they look like them, anything else is data.
 *
 * <pre>
 * +-----+-----+---------+--------+---------+--------+----------
 * | FCF | seq | dst PAN | dst    | src PAN | src    | payload ...
 * |  2  |  1  |  0/2    | 0/2/8  |  0/2    | 0/2/8  |
 * +-----+-----+---------+--------+---------+--------+----------
 * every multi-byte field little-endian; the PAN IDs present depend on the addressing modes and
 * the PAN ID compression bit
 * </pre>
 *
 * Like tshark, a short address that an Association Response handed out is remembered with the
 * extended address of the device that received it: later frames from that short address show
 * the extended address and the frame it was learnt in ({@code wpan.src64.origin}). MAC-layer
 * security (the auxiliary header of 2006 frames) is not dissected: such payloads are data.
 */
public final class WpanDissector extends Dissector implements Protocols.Registrable {
  /** LINKTYPE_IEEE802_15_4_NOFCS. */
  public static final int LINKTYPE_NOFCS = 230;

  static final int BEACON = 0;
  static final int DATA = 1;
  static final int ACK = 2;
  static final int COMMAND = 3;

  private static final Map<Long, String> FRAME_TYPES = ValueNames.parse(
      "0=Beacon|1=Data|2=Ack|3=Command|4=Reserved|5=Multipurpose|6=Fragment or Frak|7=Extended");
  private static final Map<Long, String> ADDR_MODES = ValueNames.parse(
      "0=None|1=Reserved|2=Short/16-bit|3=Long/64-bit");
  private static final Map<Long, String> VERSIONS = ValueNames.parse(
      "0=IEEE Std 802.15.4-2003|1=IEEE Std 802.15.4-2006|2=IEEE Std 802.15.4-2015|3=Reserved");
  private static final Map<Long, String> COMMANDS = ValueNames.parse(
      "1=Association Request|2=Association Response|3=Disassociation Notification|4=Data Request|"
          + "5=PAN ID Conflict|6=Orphan Notification|7=Beacon Request|8=Coordinator Realignment|9=GTS Request");
  private static final Map<Long, String> ASSOC_STATUS = ValueNames.parse(
      "0=Association Successful|1=PAN at Capacity|2=PAN Access Denied");

  public static final Field FRAME_LENGTH = Field.u8("wpan.frame_length", "Frame Length").hidden()
      .blurb("Frame Length as reported from lower layer");
  public static final Field FCF = Field.u16("wpan.fcf", "Frame Control Field").hex()
      .line((b, off, len) -> fcfLine(len >= 2 ? Bytes.u16le(b, off) : 0));
  public static final Field FRAME_TYPE = Field.u16("wpan.frame_type", "Frame Type").hex().mask(0x7, 16)
      .labels(FRAME_TYPES);
  public static final Field SECURITY = Field.bool("wpan.security", "Security Enabled").mask(0x8, 16)
      .blurb("Whether security operations are performed at the MAC layer or not.");
  public static final Field PENDING = Field.bool("wpan.pending", "Frame Pending").mask(0x10, 16)
      .blurb("Indication of additional packets waiting to be transferred from the source device.");
  public static final Field ACK_REQUEST = Field.bool("wpan.ack_request", "Acknowledge Request").mask(0x20, 16)
      .blurb("Whether the sender of this packet requests acknowledgment or not.");
  public static final Field PAN_ID_COMPRESSION = Field.bool("wpan.pan_id_compression", "PAN ID Compression")
      .mask(0x40, 16).blurb("Whether this packet contains the PAN ID or not.");
  public static final Field RESERVED = Field.bool("wpan.fcf.reserved", "Reserved").mask(0x80, 16);
  public static final Field SEQNO_SUPPRESSION = Field.bool("wpan.seqno_suppression", "Sequence Number Suppression")
      .mask(0x100, 16).blurb("Whether this packet contains the Sequence Number or not.");
  public static final Field IE_PRESENT = Field.bool("wpan.ie_present", "Information Elements Present")
      .mask(0x200, 16).blurb("Whether this packet contains the Information Elements or not.");
  public static final Field DST_ADDR_MODE = Field.u16("wpan.dst_addr_mode", "Destination Addressing Mode").hex()
      .mask(0xc00, 16).labels(ADDR_MODES);
  public static final Field VERSION = Field.u16("wpan.version", "Frame Version").mask(0x3000, 16).labels(VERSIONS);
  public static final Field SRC_ADDR_MODE = Field.u16("wpan.src_addr_mode", "Source Addressing Mode").hex()
      .mask(0xc000, 16).labels(ADDR_MODES);
  public static final Field SEQ_NO = Field.u8("wpan.seq_no", "Sequence Number");
  public static final Field DST_PAN = Field.u16("wpan.dst_pan", "Destination PAN").hex();
  public static final Field DST16 = Field.u16("wpan.dst16", "Destination").hex();
  public static final Field DST64 = Field.of("wpan.dst64", "Destination", FieldType.EUI64);
  public static final Field SRC_PAN = Field.u16("wpan.src_pan", "Source PAN").hex();
  public static final Field SRC16 = Field.u16("wpan.src16", "Source").hex();
  public static final Field SRC64 = Field.of("wpan.src64", "Extended Source", FieldType.EUI64);
  public static final Field SRC64_ORIGIN = Field.frameNum("wpan.src64.origin", "Origin").generated();
  public static final Field ADDR16 = Field.u16("wpan.addr16", "Address").hex().hidden();
  public static final Field ADDR64 = Field.of("wpan.addr64", "Extended Address", FieldType.EUI64).hidden();
  public static final Field FCS_OK = Field.bool("wpan.fcs_ok", "FCS Valid").hidden();
  public static final Field CMD = Field.u8("wpan.cmd", "Command Identifier").hex().labels(COMMANDS);
  // Association Request: the capability information byte.
  public static final Field CINFO_ALT_COORD = Field.bool("wpan.cinfo.alt_coord", "Alternate PAN Coordinator")
      .mask(0x1, 8).blurb("Whether this device can act as a PAN coordinator or not.");
  public static final Field CINFO_DEVICE_TYPE = Field.bool("wpan.cinfo.device_type", "Device Type").mask(0x2, 8)
      .states("FFD", "RFD")
      .blurb("Whether this device is RFD (reduced-function device) or FFD (full-function device).");
  public static final Field CINFO_POWER_SRC = Field.bool("wpan.cinfo.power_src", "Power Source").mask(0x4, 8)
      .states("AC/Mains Power", "Battery")
      .blurb("Whether this device is operating on AC/mains or battery power.");
  public static final Field CINFO_IDLE_RX = Field.bool("wpan.cinfo.idle_rx", "Receive On When Idle").mask(0x8, 8)
      .blurb("Whether this device can receive packets while idle or not.");
  public static final Field CINFO_SEC_CAPABLE = Field.bool("wpan.cinfo.sec_capable", "Security Capability")
      .mask(0x40, 8).blurb("Whether this device is capable of receiving encrypted packets.");
  public static final Field CINFO_ALLOC_ADDR = Field.bool("wpan.cinfo.alloc_addr", "Allocate Address")
      .mask(0x80, 8).blurb("Whether this device wishes to use a 16-bit short address instead of its IEEE "
          + "802.15.4 64-bit long address.");
  // Association Response.
  public static final Field ASSOC_ADDR = Field.u16("wpan.asoc.addr", "Short Address").hex()
      .blurb("The short address that the device should assume. An address of 0xfffe indicates that the device "
          + "should use its IEEE 64-bit long address.");
  public static final Field ASSOC_STATUS_FIELD = Field.u8("wpan.assoc.status", "Association Status").hex()
      .shown(v -> String.format("0x%02x (%s)", v, ASSOC_STATUS.getOrDefault(v, "Reserved")));
  // Beacons: superframe specification, GTS, pending addresses.
  public static final Field BEACON_ORDER = Field.u16("wpan.beacon_order", "Beacon Interval").mask(0xf, 16)
      .blurb("Specifies the transmission interval of the beacons.");
  public static final Field SUPERFRAME_ORDER = Field.u16("wpan.superframe_order", "Superframe Interval")
      .mask(0xf0, 16).blurb("Specifies the length of time the coordinator will interact with the PAN.");
  public static final Field CAP = Field.u16("wpan.cap", "Final CAP Slot").mask(0xf00, 16)
      .blurb("Specifies the final superframe slot used by the CAP.");
  public static final Field BATTERY_EXT = Field.bool("wpan.battery_ext", "Battery Extension").mask(0x1000, 16)
      .blurb("Whether transmissions may not extend past the length of the beacon frame.");
  public static final Field BCN_COORD = Field.bool("wpan.bcn_coord", "PAN Coordinator").mask(0x4000, 16)
      .blurb("Whether this beacon frame is being transmitted by the PAN coordinator or not.");
  public static final Field ASSOC_PERMIT = Field.bool("wpan.assoc_permit", "Association Permit").mask(0x8000, 16)
      .blurb("Whether this PAN is accepting association requests or not.");
  public static final Field GTS_COUNT = Field.u8("wpan.gts.count", "GTS Descriptor Count")
      .blurb("The number of GTS descriptors present in this beacon frame.");
  public static final Field GTS_PERMIT = Field.bool("wpan.gts.permit", "GTS Permit")
      .blurb("Whether the PAN coordinator is accepting GTS requests or not.");

  /** Annotations: the extended address learnt for the short source address, and where. */
  private static final int A_SRC64 = 0;
  private static final int A_ORIGIN = 1;

  public WpanDissector() {
    super("wpan", "IEEE 802.15.4 Low-Rate Wireless PAN", "IEEE 802.15.4");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.LINK_TYPE, LINKTYPE_NOFCS, this);
  }

  /** Per capture: extended addresses by PAN and short address, with the frame that taught them. */
  static final class State {
    final Map<Integer, long[]> byShort = new HashMap<>();
  }

  /** The parsed MAC header: where each part is, relative to the layer start. */
  static final class Header {
    int fcf;
    int type;
    int dstMode;
    int srcMode;
    int dstPanAt = -1;
    int dstAt = -1;
    int srcPanAt = -1;
    int srcAt = -1;
    int length;

    /** Parses the header of {@code len} bytes at {@code s}; false when it is cut short. */
    boolean parse(byte[] b, int s, int len) {
      if (len < 2) {
        return false;
      }
      fcf = Bytes.u16le(b, s);
      type = fcf & 0x7;
      dstMode = (fcf >> 10) & 3;
      srcMode = (fcf >> 14) & 3;
      boolean compressed = (fcf & 0x40) != 0;
      int at = 2;
      if ((fcf & 0x100) == 0) {
        at++; // sequence number
      }
      if (dstMode >= 2) {
        dstPanAt = at;
        at += 2;
        dstAt = at;
        at += dstMode == 2 ? 2 : 8;
      }
      if (srcMode >= 2) {
        if (!compressed || dstMode < 2) {
          srcPanAt = at;
          at += 2;
        }
        srcAt = at;
        at += srcMode == 2 ? 2 : 8;
      }
      length = at;
      return len >= at;
    }

    /** The PAN the source belongs to: its own PAN ID, or the destination's when compressed. */
    int srcPan(byte[] b, int s) {
      return srcPanAt >= 0 ? Bytes.u16le(b, s + srcPanAt) : dstPanAt >= 0 ? Bytes.u16le(b, s + dstPanAt) : -1;
    }
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    byte[] b = d.data();
    int s = d.start(layer);
    int len = d.length(layer);
    Header h = new Header();
    if (!h.parse(b, s, len)) {
      Truncation.report(d, layer, s, Math.max(h.length, 2));
      return null;
    }
    State st = d.state(this, State::new);
    int at = h.length;
    if (h.srcMode == 2) {
      long[] known = st.byShort.get(h.srcPan(b, s) << 16 | Bytes.u16le(b, s + h.srcAt));
      if (known != null) {
        d.annotate(layer, 2);
        d.setAnnotation(layer, A_SRC64, known[0]);
        d.setAnnotation(layer, A_ORIGIN, known[1]);
      }
    }
    if (h.type == COMMAND && len > at && (b[s + at] & 0xff) == 2 && len >= at + 4 && h.dstMode == 3
        && (b[s + at + 3] & 0xff) == 0) {
      // A successful Association Response: the device at the extended destination now owns the
      // short address, in the PAN of the frame.
      int pan = h.dstPanAt >= 0 ? Bytes.u16le(b, s + h.dstPanAt) : h.srcPan(b, s);
      int assigned = Bytes.u16le(b, s + at + 1);
      st.byShort.put(pan << 16 | assigned, new long[] {Bytes.u64le(b, s + h.dstAt), d.number()});
    }
    if (h.type == COMMAND && (h.fcf & 0x8) == 0) {
      return null; // the command identifier and its fields belong to this layer
    }
    if ((h.fcf & 0x8) != 0 || h.type == ACK) {
      d.payload(s + at, d.end(layer));
      return null;
    }
    if (h.type == BEACON) {
      int gts = len > at + 2 ? b[s + at + 2] & 0x7 : 0;
      at += 3 + (gts > 0 ? 1 + 3 * gts : 0);
      if (len > at) {
        int pending = b[s + at] & 0xff;
        at += 1 + 2 * (pending & 7) + 8 * ((pending >> 4) & 7);
      }
      if (at > len) {
        Truncation.report(d, layer, s, at);
        return null;
      }
      d.payload(s + at, d.end(layer));
      return ZbeeBeaconDissector.looksLikeBeacon(b, s + at, len - at) ? d.protocols().byName("zbee_beacon") : null;
    }
    d.payload(s + at, d.end(layer));
    if (h.type == DATA && h.dstMode == 2 && h.srcMode == 2
        && ZbeeNwkDissector.looksLikeNwk(b, s + at, len - at)) {
      return d.protocols().byName("zbee_nwk");
    }
    return null;
  }

  @Override
  public void fields(Tree t) {
    Header h = new Header();
    h.parse(t.data(), t.start(), t.length());
    t.generated(FRAME_LENGTH, t.dissection().originalLength());
    if (!t.has(0, 2)) {
      return;
    }
    t.uintle(FCF, 0, 2);
    t.enter();
    for (Field f : new Field[] {FRAME_TYPE, SECURITY, PENDING, ACK_REQUEST, PAN_ID_COMPRESSION, RESERVED,
        SEQNO_SUPPRESSION, IE_PRESENT, DST_ADDR_MODE, VERSION, SRC_ADDR_MODE}) {
      t.uintle(f, 0, 2);
    }
    t.exit();
    int at = 2;
    if ((h.fcf & 0x100) == 0) {
      t.uint(SEQ_NO, at++, 1);
    }
    if (h.dstPanAt >= 0) {
      t.uintle(DST_PAN, h.dstPanAt, 2);
    }
    if (h.dstAt >= 0) {
      if (h.dstMode == 2) {
        t.uintle(DST16, h.dstAt, 2);
        t.uintle(ADDR16, h.dstAt, 2);
      } else {
        eui64(t, DST64, h.dstAt);
        eui64(t, ADDR64, h.dstAt);
      }
    }
    if (h.srcPanAt >= 0) {
      t.uintle(SRC_PAN, h.srcPanAt, 2);
    }
    if (h.srcAt >= 0) {
      if (h.srcMode == 2) {
        t.uintle(SRC16, h.srcAt, 2);
        t.uintle(ADDR16, h.srcAt, 2);
        long origin = t.annotation(A_ORIGIN);
        if (origin != 0 && t.has(h.srcAt, 2)) {
          String ext = eui64Text(t.annotation(A_SRC64));
          t.generatedObject(SRC64, ext);
          t.generatedObject(ADDR64, ext);
          t.generated(SRC64_ORIGIN, origin);
        }
      } else {
        eui64(t, SRC64, h.srcAt);
        eui64(t, ADDR64, h.srcAt);
      }
    }
    if (!t.has(0, h.length)) {
      return;
    }
    t.generated(FCS_OK, 1);
    at = h.length;
    if ((h.fcf & 0x8) != 0) {
      return;
    }
    if (h.type == COMMAND) {
      commandFields(t, at);
    } else if (h.type == BEACON) {
      beaconFields(t, at);
    }
  }

  private static void commandFields(Tree t, int at) {
    if (!t.has(at, 1)) {
      return;
    }
    int cmd = (int) t.uint(CMD, at, 1);
    at++;
    if (cmd == 1) {
      t.text(at, 1, "Association Request");
      t.enter();
      for (Field f : new Field[] {CINFO_ALT_COORD, CINFO_DEVICE_TYPE, CINFO_POWER_SRC, CINFO_IDLE_RX,
          CINFO_SEC_CAPABLE, CINFO_ALLOC_ADDR}) {
        t.uint(f, at, 1);
      }
      t.exit();
    } else if (cmd == 2) {
      t.text(at, 3, "Association Response");
      t.enter();
      t.uintle(ASSOC_ADDR, at, 2);
      t.uint(ASSOC_STATUS_FIELD, at + 2, 1);
      t.exit();
    }
  }

  private static void beaconFields(Tree t, int at) {
    if (!t.has(at, 2)) {
      return;
    }
    int spec = t.u16le(at);
    StringBuilder label = new StringBuilder("Superframe Specification");
    String sep = ": ";
    if ((spec & 0x4000) != 0) {
      label.append(sep).append("PAN Coordinator");
      sep = ", ";
    }
    if ((spec & 0x8000) != 0) {
      label.append(sep).append("Association Permit");
    }
    t.text(at, 2, label.toString());
    t.enter();
    for (Field f : new Field[] {BEACON_ORDER, SUPERFRAME_ORDER, CAP, BATTERY_EXT, BCN_COORD, ASSOC_PERMIT}) {
      t.uintle(f, at, 2);
    }
    t.exit();
    at += 2;
    if (!t.has(at, 1)) {
      return;
    }
    int gts = t.u8(at);
    t.text(at, 1, "GTS");
    t.enter();
    t.number(GTS_COUNT, at, 1, gts & 0x7);
    t.number(GTS_PERMIT, at, 1, (gts & 0x80) != 0 ? 1 : 0);
    t.exit();
    at += 1 + ((gts & 7) > 0 ? 1 + 3 * (gts & 7) : 0);
    if (t.has(at, 1)) {
      int pending = t.u8(at);
      t.text(at, 1, "Pending Addresses: " + (pending & 7) + " Short and " + ((pending >> 4) & 7) + " Long");
    }
  }

  /** An extended address, sent least significant byte first, in tshark's colon form. */
  static void eui64(Tree t, Field f, int rel) {
    if (t.has(rel, 8)) {
      t.object(f, rel, 8, eui64Text(Bytes.u64le(t.data(), t.start() + rel)));
    } else {
      t.object(f, rel, 8, "");
    }
  }

  static String eui64Text(long v) {
    StringBuilder sb = new StringBuilder(23);
    for (int i = 7; i >= 0; i--) {
      int x = (int) (v >>> (8 * i)) & 0xff;
      sb.append(Character.forDigit(x >> 4, 16)).append(Character.forDigit(x & 0xf, 16));
      if (i > 0) {
        sb.append(':');
      }
    }
    return sb.toString();
  }

  /** tshark's text for a 16-bit address: its broadcast name or 0xNNNN. */
  static String short16(int a) {
    return a == 0xffff ? "Broadcast" : String.format("0x%04x", a);
  }

  private static String fcfLine(int fcf) {
    StringBuilder sb = new StringBuilder(String.format("Frame Control Field: 0x%04x, Frame Type: %s", fcf,
        FRAME_TYPES.get((long) (fcf & 7))));
    if ((fcf & 0x8) != 0) {
      sb.append(", Security Enabled");
    }
    if ((fcf & 0x10) != 0) {
      sb.append(", Frame Pending");
    }
    if ((fcf & 0x20) != 0) {
      sb.append(", Acknowledge Request");
    }
    if ((fcf & 0x40) != 0) {
      sb.append(", PAN ID Compression");
    }
    if ((fcf & 0x100) != 0) {
      sb.append(", Sequence Number Suppression");
    }
    if ((fcf & 0x200) != 0) {
      sb.append(", Information Elements Present");
    }
    sb.append(", Destination Addressing Mode: ").append(ADDR_MODES.get((long) ((fcf >> 10) & 3)));
    sb.append(", Frame Version: ").append(VERSIONS.get((long) ((fcf >> 12) & 3)));
    sb.append(", Source Addressing Mode: ").append(ADDR_MODES.get((long) ((fcf >> 14) & 3)));
    return sb.toString();
  }

  /** The destination and source as tshark's columns and layer line show them ("" when absent). */
  private static String[] addresses(Tree t, Header h) {
    String dst = "";
    String src = "";
    if (h.dstAt >= 0 && t.has(h.dstAt, h.dstMode == 2 ? 2 : 8)) {
      dst = h.dstMode == 2 ? short16(t.u16le(h.dstAt)) : eui64Text(Bytes.u64le(t.data(), t.start() + h.dstAt));
    }
    if (h.srcAt >= 0 && t.has(h.srcAt, h.srcMode == 2 ? 2 : 8)) {
      src = h.srcMode == 2 ? String.format("0x%04x", t.u16le(h.srcAt))
          : eui64Text(Bytes.u64le(t.data(), t.start() + h.srcAt));
    }
    return new String[] {dst, src};
  }

  @Override
  public String label(Tree t) {
    Header h = new Header();
    if (!h.parse(t.data(), t.start(), t.length())) {
      return longName();
    }
    StringBuilder sb = new StringBuilder("IEEE 802.15.4 ").append(FRAME_TYPES.get((long) h.type));
    if (h.type == ACK && (h.fcf & 0x100) == 0) {
      return sb.append(", Sequence Number: ").append(t.u8(2)).toString();
    }
    String[] a = addresses(t, h);
    if (!a[0].isEmpty()) {
      sb.append(", Dst: ").append(a[0]);
    }
    if (!a[1].isEmpty()) {
      sb.append(", Src: ").append(a[1]);
    }
    return sb.toString();
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    Header h = new Header();
    if (!h.parse(t.data(), t.start(), t.length())) {
      c.setInfo(columnName());
      return;
    }
    String[] a = addresses(t, h);
    c.destination = a[0];
    c.source = a[1];
    String info = FRAME_TYPES.get((long) h.type);
    if (h.type == COMMAND && (h.fcf & 0x8) == 0 && t.has(h.length, 1)) {
      int cmd = t.u8(h.length);
      String name = COMMANDS.get((long) cmd);
      info = name != null ? name : String.format("Unknown (0x%02x)", cmd);
      int at = h.length + 1;
      if (cmd == 1 && t.has(at, 1)) {
        info += (t.u8(at) & 0x2) != 0 ? ", FFD" : ", RFD";
      } else if (cmd == 2 && t.has(at, 3)) {
        int pan = h.dstPanAt >= 0 ? t.u16le(h.dstPanAt) : h.srcPan(t.data(), t.start());
        info += String.format(", PAN: 0x%04x Addr: 0x%04x", pan, t.u16le(at));
      }
    }
    c.setInfo(info);
  }
}

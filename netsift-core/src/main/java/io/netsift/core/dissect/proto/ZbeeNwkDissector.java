package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import java.util.Map;

/**
 * The ZigBee network layer (tshark's {@code zbee_nwk}) in IEEE 802.15.4 data frames: frame
 * control, 16-bit destination and source, radius, sequence number, the optional extended
 * addresses, multicast control and source route, and the ZigBee security auxiliary header
 * ({@code zbee.sec.*}, also used by the APS layer). netsift holds no network key, so a secured
 * payload stays encrypted: tshark's "Encrypted Payload" warning, the ciphertext as data and the
 * 4-byte message integrity code that ends the frame (ZigBee's default security level 5,
 * ENC-MIC-32: the level on the air is zeroed, and tshark's preference is that default). An
 * unsecured data frame carries the APS layer.
 *
 * <pre>
 * +-----+-----+-----+--------+-----+-------+-------+-----------+-------------+--------------+-----
 * | FCF | dst | src | radius | seq | dst64 | src64 | mcast (1) | src route   | security hdr | ...
 * |  2  |  2  |  2  |   1    |  1  | 0/8   | 0/8   |   0/1     | 0/2+2n      | 0/5..14      |
 * +-----+-----+-----+--------+-----+-------+-------+-----------+-------------+--------------+-----
 * security header: control (key id, extended nonce), frame counter (4), [source (8)], [key seq (1)]
 * </pre>
 */
public final class ZbeeNwkDissector extends Dissector implements Protocols.Registrable {
  private static final Map<Long, String> FRAME_TYPES = ValueNames.parse("0=Data|1=Command|3=Inter-PAN");
  private static final Map<Long, String> DISCOVERY = ValueNames.parse("0=Suppress|1=Enable|3=Force");
  private static final Map<Long, String> KEY_IDS = ValueNames.parse(
      "0=Link Key|1=Network Key|2=Key-Transport Key|3=Key-Load Key");

  public static final Field FCF = Field.u16("zbee_nwk.fcf", "Frame Control Field").hex()
      .line((b, off, len) -> fcfLine(len >= 2 ? Bytes.u16le(b, off) : 0));
  public static final Field FRAME_TYPE = Field.u16("zbee_nwk.frame_type", "Frame Type").hex().mask(0x3, 16)
      .labels(FRAME_TYPES);
  public static final Field PROTO_VERSION = Field.u16("zbee_nwk.proto_version", "Protocol Version").mask(0x3c, 16);
  public static final Field DISCOVERY_FIELD = Field.u16("zbee_nwk.discovery", "Discover Route").hex()
      .mask(0xc0, 16).labels(DISCOVERY).blurb("Determines how route discovery may be handled, if at all.");
  public static final Field MULTICAST = Field.bool("zbee_nwk.multicast", "Multicast").mask(0x100, 16);
  public static final Field SECURITY = Field.bool("zbee_nwk.security", "Security").mask(0x200, 16)
      .blurb("Whether or not security operations are performed on the network payload.");
  public static final Field SRC_ROUTE = Field.bool("zbee_nwk.src_route", "Source Route").mask(0x400, 16);
  public static final Field EXT_DST = Field.bool("zbee_nwk.ext_dst", "Destination").mask(0x800, 16);
  public static final Field EXT_SRC = Field.bool("zbee_nwk.ext_src", "Extended Source").mask(0x1000, 16);
  public static final Field END_DEVICE_INITIATOR = Field.bool("zbee_nwk.end_device_initiator",
      "End Device Initiator").mask(0x2000, 16);
  public static final Field DST = Field.u16("zbee_nwk.dst", "Destination").hex();
  public static final Field SRC = Field.u16("zbee_nwk.src", "Source").hex();
  public static final Field ADDR = Field.u16("zbee_nwk.addr", "Address").hex().hidden();
  public static final Field RADIUS = Field.u8("zbee_nwk.radius", "Radius")
      .blurb("Number of hops remaining for a range-limited broadcast packet.");
  public static final Field SEQNO = Field.u8("zbee_nwk.seqno", "Sequence Number");
  public static final Field DST64 = Field.of("zbee_nwk.dst64", "Destination", FieldType.EUI64);
  public static final Field SRC64 = Field.of("zbee_nwk.src64", "Extended Source", FieldType.EUI64);
  public static final Field ADDR64 = Field.of("zbee_nwk.addr64", "Extended Address", FieldType.EUI64).hidden();
  public static final Field MULTICAST_CF = Field.u8("zbee_nwk.multicast.cf", "Multicast Control Field").hex();
  public static final Field MULTICAST_MODE = Field.u8("zbee_nwk.multicast.mode", "Multicast Mode").hex()
      .mask(0x3, 8).blurb("Controls whether this packet is permitted to be routed through non-members of the "
          + "multicast group.");
  public static final Field MULTICAST_RADIUS = Field.u8("zbee_nwk.multicast.radius", "Non-Member Radius")
      .mask(0x1c, 8).blurb("Limits the range of multicast packets when being routed through non-members.");
  public static final Field MULTICAST_MAX_RADIUS = Field.u8("zbee_nwk.multicast.max_radius",
      "Max Non-Member Radius").mask(0xe0, 8);
  public static final Field RELAY_COUNT = Field.u8("zbee_nwk.relay.count", "Relay Count")
      .blurb("Number of entries in the relay list.");
  public static final Field RELAY_INDEX = Field.u8("zbee_nwk.relay.index", "Relay Index")
      .blurb("Number of relays required to route to the source device.");
  public static final Field RELAY = Field.u16("zbee_nwk.relay", "Relay").hex();

  // The security auxiliary header (tshark registers these with the network layer).
  public static final Field SEC_FIELD = Field.u8("zbee.sec.field", "Security Control Field").hex()
      .line((b, off, len) -> len < 1 ? "Security Control Field" : secLine(b[off] & 0xff));
  public static final Field SEC_KEY_ID = Field.u8("zbee.sec.key_id", "Key Id").hex().mask(0x18, 8).labels(KEY_IDS);
  public static final Field SEC_EXT_NONCE = Field.bool("zbee.sec.ext_nonce", "Extended Nonce").mask(0x20, 8);
  public static final Field SEC_COUNTER = Field.u32("zbee.sec.counter", "Frame Counter");
  public static final Field SEC_SRC64 = Field.of("zbee.sec.src64", "Extended Source", FieldType.EUI64);
  public static final Field SEC_KEY_SEQNO = Field.u8("zbee.sec.key_seqno", "Key Sequence Number");
  public static final Field SEC_MIC = Field.bytes("zbee.sec.mic", "Message Integrity Code");
  public static final Expert ENCRYPTED_PAYLOAD = new Expert("zbee_sec.encrypted_payload", Expert.Severity.WARNING,
      "Undecoded", "Encrypted Payload");

  /** Bytes of the message integrity code at ZigBee's default security level (ENC-MIC-32). */
  static final int MIC_LENGTH = 4;
  private static final int HEADER = 8;

  public ZbeeNwkDissector() {
    super("zbee_nwk", "ZigBee Network Layer", "ZigBee");
  }

  @Override
  public void register(Protocols p) {
    // Reached from WpanDissector's data frames (ZigBee's heuristic), not through a table.
  }

  /**
   * Whether an 802.15.4 data payload looks like a ZigBee network frame: room for the fixed
   * header, a data or command frame type and protocol version 1 to 3 (ZigBee 2004, 2006, PRO).
   */
  static boolean looksLikeNwk(byte[] b, int at, int len) {
    if (len < HEADER) {
      return false;
    }
    int fcf = Bytes.u16le(b, at);
    int type = fcf & 3;
    int version = (fcf >> 2) & 0xf;
    return (type == 0 || type == 1) && version >= 1 && version <= 3;
  }

  /** Length of the header before the security header, or -1 when the bytes end inside it. */
  private static int headerLength(byte[] b, int s, int len) {
    if (len < HEADER) {
      return -1;
    }
    int fcf = Bytes.u16le(b, s);
    int at = HEADER;
    at += (fcf & 0x800) != 0 ? 8 : 0;
    at += (fcf & 0x1000) != 0 ? 8 : 0;
    at += (fcf & 0x100) != 0 ? 1 : 0;
    if ((fcf & 0x400) != 0) {
      if (len < at + 2) {
        return -1;
      }
      at += 2 + 2 * (b[s + at] & 0xff);
    }
    return at <= len ? at : -1;
  }

  /** Length of a security auxiliary header at {@code at} ({@code len} bytes left), or -1 when cut. */
  static int securityLength(byte[] b, int at, int len) {
    if (len < 1) {
      return -1;
    }
    int control = b[at] & 0xff;
    int n = 5 + ((control & 0x20) != 0 ? 8 : 0) + (((control >> 3) & 3) == 1 ? 1 : 0);
    return n <= len ? n : -1;
  }

  /**
   * Sets the payload of a secured layer that ends with the MIC: the ciphertext between the end
   * of the security header at {@code at} and the MIC, which becomes data. Reports a layer cut
   * short before its MIC.
   */
  static void securedPayload(Dissection d, int layer, int at) {
    byte[] b = d.data();
    int end = d.end(layer);
    int sec = securityLength(b, at, end - at);
    if (sec < 0 || end - at - sec < MIC_LENGTH) {
      Truncation.report(d, layer, at, Math.max(sec, 1) + MIC_LENGTH);
      return;
    }
    d.payload(at + sec, end - MIC_LENGTH);
  }

  /** tshark shows a payload it cannot decrypt or dissect as data inside this layer's tree. */
  @Override
  public boolean dataInsideTree(Dissection d, int layer) {
    return true;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    byte[] b = d.data();
    int s = d.start(layer);
    int len = d.length(layer);
    int at = headerLength(b, s, len);
    if (at < 0) {
      Truncation.report(d, layer, s, HEADER);
      return null;
    }
    int fcf = Bytes.u16le(b, s);
    if ((fcf & 0x200) != 0) {
      securedPayload(d, layer, s + at);
      return null;
    }
    d.payload(s + at, d.end(layer));
    return (fcf & 3) == 0 && len > at ? d.protocols().byName("zbee_aps") : null;
  }

  @Override
  public void fields(Tree t) {
    if (!t.has(0, 2)) {
      return;
    }
    int fcf = (int) t.uintle(FCF, 0, 2);
    t.enter();
    for (Field f : new Field[] {FRAME_TYPE, PROTO_VERSION, DISCOVERY_FIELD, MULTICAST, SECURITY, SRC_ROUTE,
        EXT_DST, EXT_SRC, END_DEVICE_INITIATOR}) {
      t.uintle(f, 0, 2);
    }
    t.exit();
    t.uintle(DST, 2, 2);
    t.uintle(ADDR, 2, 2);
    t.uintle(SRC, 4, 2);
    t.uintle(ADDR, 4, 2);
    t.uint(RADIUS, 6, 1);
    t.uint(SEQNO, 7, 1);
    int at = HEADER;
    if ((fcf & 0x800) != 0) {
      WpanDissector.eui64(t, DST64, at);
      WpanDissector.eui64(t, ADDR64, at);
      at += 8;
    }
    if ((fcf & 0x1000) != 0) {
      WpanDissector.eui64(t, SRC64, at);
      WpanDissector.eui64(t, ADDR64, at);
      at += 8;
    }
    if ((fcf & 0x100) != 0) {
      t.uint(MULTICAST_CF, at, 1);
      t.enter();
      t.uint(MULTICAST_MODE, at, 1);
      t.uint(MULTICAST_RADIUS, at, 1);
      t.uint(MULTICAST_MAX_RADIUS, at, 1);
      t.exit();
      at++;
    }
    if ((fcf & 0x400) != 0 && t.has(at, 2)) {
      int count = t.u8(at);
      t.text(at, 2 + 2 * count, "Source Route");
      t.enter();
      t.uint(RELAY_COUNT, at, 1);
      t.uint(RELAY_INDEX, at + 1, 1);
      for (int i = 0; i < count; i++) {
        t.uintle(RELAY, at + 2 + 2 * i, 2);
      }
      t.exit();
      at += 2 + 2 * count;
    }
    if ((fcf & 0x200) != 0) {
      securityFields(t, at);
    }
  }

  /** Reports a security auxiliary header at {@code at} and the MIC that ends the layer. */
  static void securityFields(Tree t, int at) {
    if (!t.has(at, 1)) {
      return;
    }
    int control = t.u8(at);
    int n = securityLength(t.data(), t.start() + at, t.length() - at);
    t.text(at, Math.max(n, 1), "ZigBee Security Header");
    t.enter();
    t.uint(SEC_FIELD, at, 1);
    t.enter();
    t.uint(SEC_KEY_ID, at, 1);
    t.uint(SEC_EXT_NONCE, at, 1);
    t.exit();
    t.uintle(SEC_COUNTER, at + 1, 4);
    int k = at + 5;
    if ((control & 0x20) != 0) {
      WpanDissector.eui64(t, SEC_SRC64, k);
      k += 8;
    }
    if (((control >> 3) & 3) == 1) {
      t.uint(SEC_KEY_SEQNO, k, 1);
      k++;
    }
    if (n > 0 && t.length() - k >= MIC_LENGTH) {
      t.bytes(SEC_MIC, t.length() - MIC_LENGTH, MIC_LENGTH);
      t.expert(ENCRYPTED_PAYLOAD, at, 0, null);
    }
    t.exit();
  }

  private static String secLine(int control) {
    StringBuilder sb = new StringBuilder(String.format("Security Control Field: 0x%02x, Key Id: %s", control,
        KEY_IDS.get((long) ((control >> 3) & 3))));
    if ((control & 0x20) != 0) {
      sb.append(", Extended Nonce");
    }
    return sb.toString();
  }

  private static String fcfLine(int fcf) {
    String type = FRAME_TYPES.getOrDefault((long) (fcf & 3), "Reserved");
    StringBuilder sb = new StringBuilder(String.format("Frame Control Field: 0x%04x, Frame Type: %s, Discover Route: %s",
        fcf, type, DISCOVERY.getOrDefault((long) ((fcf >> 6) & 3), "Unknown")));
    String[] names = {"Multicast", "Security", "Source Route", "Destination", "Extended Source",
        "End Device Initiator"};
    for (int i = 0; i < names.length; i++) {
      if ((fcf & (0x100 << i)) != 0) {
        sb.append(", ").append(names[i]);
      }
    }
    return sb.append(' ').append(type).toString();
  }

  /** tshark's name for a network address: the broadcast groups by name, others as 0xNNNN. */
  static String address(int a) {
    return a >= 0xfffb ? "Broadcast" : String.format("0x%04x", a);
  }

  @Override
  public String label(Tree t) {
    if (!t.has(0, 6)) {
      return longName();
    }
    int fcf = t.u16le(0);
    return longName() + " " + FRAME_TYPES.getOrDefault((long) (fcf & 3), "Reserved") + ", Dst: "
        + address(t.u16le(2)) + ", Src: " + address(t.u16le(4));
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    if (!t.has(0, 6)) {
      return;
    }
    int fcf = t.u16le(0);
    c.destination = address(t.u16le(2));
    c.source = address(t.u16le(4));
    c.setInfo(FRAME_TYPES.getOrDefault((long) (fcf & 3), "Reserved") + ", Dst: " + c.destination + ", Src: "
        + c.source);
  }
}

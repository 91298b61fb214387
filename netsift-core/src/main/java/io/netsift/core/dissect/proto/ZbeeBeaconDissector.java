package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import java.util.Map;

/**
 * The ZigBee beacon payload (tshark's {@code zbee_beacon}) of an IEEE 802.15.4 beacon: protocol
 * ID 0, stack profile and protocol version, router and end-device capacity, the device's depth,
 * the extended PAN ID, the transmit offset and the network update ID.
 *
 * <pre>
 * +-------------+--------------------+----------------+---------------+-----------+
 * | protocol ID | profile/capacities | ext. PAN ID    | tx offset (3) | update ID |
 * |     1       |        2           |      8         |      3        |   1       |
 * +-------------+--------------------+----------------+---------------+-----------+
 * </pre>
 */
public final class ZbeeBeaconDissector extends Dissector implements Protocols.Registrable {
  private static final Map<Long, String> PROFILES = ValueNames.parse(
      "0=Network Specific|1=ZigBee Home|2=ZigBee PRO");

  public static final Field PROTOCOL = Field.u8("zbee_beacon.protocol", "Protocol ID");
  public static final Field PROFILE = Field.u16("zbee_beacon.profile", "Stack Profile").hex().mask(0xf, 16)
      .labels(PROFILES);
  public static final Field VERSION = Field.u16("zbee_beacon.version", "Protocol Version").mask(0xf0, 16);
  public static final Field ROUTER = Field.bool("zbee_beacon.router", "Router Capacity").mask(0x400, 16)
      .blurb("Whether the device can accept join requests from routing capable devices.");
  public static final Field DEPTH = Field.u16("zbee_beacon.depth", "Device Depth").mask(0x7800, 16)
      .blurb("The tree depth of the device, 0 indicates the network coordinator.");
  public static final Field END_DEV = Field.bool("zbee_beacon.end_dev", "End Device Capacity").mask(0x8000, 16)
      .blurb("Whether the device can accept join requests from ZigBee end devices.");
  public static final Field EXT_PANID = Field.of("zbee_beacon.ext_panid", "Extended PAN ID", FieldType.EUI64)
      .blurb("Extended PAN identifier.");
  public static final Field TX_OFFSET = Field.u24("zbee_beacon.tx_offset", "Tx Offset")
      .blurb("The time difference between a device and its parent's beacon.");
  public static final Field UPDATE_ID = Field.u8("zbee_beacon.update_id", "Update ID");

  /** Protocol ID, profile, extended PAN ID and transmit offset: the ZigBee 2006 minimum. */
  private static final int MIN_LENGTH = 15;

  public ZbeeBeaconDissector() {
    super("zbee_beacon", "ZigBee Beacon", "ZigBee");
  }

  @Override
  public void register(Protocols p) {
    // Reached from WpanDissector's beacons (ZigBee's beacon heuristic), not through a table.
  }

  /** Whether a beacon payload is ZigBee's: protocol ID 0 and room for the 2006 fields. */
  static boolean looksLikeBeacon(byte[] b, int at, int len) {
    return len >= MIN_LENGTH && b[at] == 0;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int end = d.start(layer) + Math.min(d.length(layer), MIN_LENGTH + 1);
    if (end < d.end(layer)) {
      d.payload(end, d.end(layer));
    }
    return null;
  }

  @Override
  public void fields(Tree t) {
    t.uint(PROTOCOL, 0, 1);
    if (!t.has(1, 2)) {
      return;
    }
    int bits = t.u16le(1);
    StringBuilder line = new StringBuilder("Beacon: Stack Profile: ")
        .append(PROFILES.getOrDefault((long) (bits & 0xf), "Unknown"));
    if ((bits & 0x400) != 0) {
      line.append(", Router Capacity");
    }
    if ((bits & 0x8000) != 0) {
      line.append(", End Device Capacity");
    }
    t.text(1, 2, line.toString());
    t.enter();
    for (Field f : new Field[] {PROFILE, VERSION, ROUTER, DEPTH, END_DEV}) {
      t.uintle(f, 1, 2);
    }
    t.exit();
    WpanDissector.eui64(t, EXT_PANID, 3);
    t.uintle(TX_OFFSET, 11, 3);
    if (t.has(14, 1)) {
      t.uint(UPDATE_ID, 14, 1);
    }
  }

  private static String epid(Tree t) {
    return WpanDissector.eui64Text(Bytes.u64le(t.data(), t.start() + 3));
  }

  @Override
  public String label(Tree t) {
    if (!t.has(0, 11)) {
      return longName();
    }
    return longName() + ", " + PROFILES.getOrDefault((long) (t.u16le(1) & 0xf), "Unknown") + ", EPID: " + epid(t);
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    StringBuilder info = new StringBuilder("Beacon");
    if (!c.source.isEmpty()) {
      info.append(", Src: ").append(c.source);
    }
    if (t.has(0, 11)) {
      info.append(", EPID: ").append(epid(t));
    }
    c.setInfo(info.toString());
  }
}

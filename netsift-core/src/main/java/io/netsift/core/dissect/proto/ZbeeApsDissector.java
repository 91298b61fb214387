package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.util.Map;

/**
 * The ZigBee application support sub-layer (tshark's {@code zbee_aps}) above an unsecured
 * network-layer data frame: frame control, the endpoints, group, cluster and profile of data
 * and acknowledgement frames, the APS counter, the extended header's fragmentation fields, and
 * the security header ({@code zbee.sec.*}) of a secured payload, which stays encrypted (no keys)
 * with tshark's "Encrypted Payload" warning.
 *
 * <pre>
 * +-----+---------+-------+---------+---------+---------+---------+---------+--------------+-----
 * | FCF | dst EP  | group | cluster | profile | src EP  | counter | ext hdr | security hdr | ...
 * |  1  |  0/1    |  0/2  |  0/2    |  0/2    |  0/1    |   1     |  0/1..3 | 0/5..14      |
 * +-----+---------+-------+---------+---------+---------+---------+---------+--------------+-----
 * </pre>
 */
public final class ZbeeApsDissector extends Dissector implements Protocols.Registrable {
  private static final Map<Long, String> FRAME_TYPES = ValueNames.parse("0=Data|1=Command|2=Ack|3=Inter-PAN");
  private static final Map<Long, String> DELIVERY = ValueNames.parse("0=Unicast|1=Indirect|2=Broadcast|3=Group");

  public static final Field TYPE = Field.u8("zbee_aps.type", "Frame Type").hex().mask(0x3, 8).labels(FRAME_TYPES);
  public static final Field DELIVERY_MODE = Field.u8("zbee_aps.delivery", "Delivery Mode").hex().mask(0xc, 8)
      .labels(DELIVERY);
  public static final Field ACK_FORMAT = Field.bool("zbee_aps.ack_format", "Acknowledgement Format").mask(0x10, 8);
  public static final Field SECURITY = Field.bool("zbee_aps.security", "Security").mask(0x20, 8)
      .blurb("Whether security operations are performed on the APS payload.");
  public static final Field ACK_REQ = Field.bool("zbee_aps.ack_req", "Acknowledgement Request").mask(0x40, 8)
      .blurb("Flag requesting an acknowledgement frame for this packet.");
  public static final Field EXT_HEADER = Field.bool("zbee_aps.ext_header", "Extended Header").mask(0x80, 8);
  public static final Field DST = Field.u8("zbee_aps.dst", "Destination Endpoint");
  public static final Field GROUP = Field.u16("zbee_aps.group", "Group").hex();
  public static final Field CLUSTER = Field.u16("zbee_aps.cluster", "Cluster").hex();
  public static final Field PROFILE = Field.u16("zbee_aps.profile", "Profile").hex();
  public static final Field SRC = Field.u8("zbee_aps.src", "Source Endpoint");
  public static final Field COUNTER = Field.u8("zbee_aps.counter", "Counter");
  public static final Field FRAGMENTATION = Field.u8("zbee_aps.fragmentation", "Fragmentation").hex().mask(0x3, 8);
  public static final Field BLOCK = Field.u8("zbee_aps.block", "Block Number")
      .blurb("A block identifier within a fragmented transmission, or the number of expected blocks if the first "
          + "block.");
  public static final Field BLOCK_ACKS = Field.u8("zbee_aps.block_acks", "Block Acknowledgements").hex();

  private static final int DATA = 0;
  private static final int ACK = 2;

  public ZbeeApsDissector() {
    super("zbee_aps", "ZigBee Application Support Layer", "ZigBee APS");
  }

  @Override
  public void register(Protocols p) {
    // Reached from ZbeeNwkDissector's unsecured data frames.
  }

  /** Length of the header up to the security header, or -1 when the bytes end inside it. */
  private static int headerLength(byte[] b, int s, int len) {
    if (len < 1) {
      return -1;
    }
    int fcf = b[s] & 0xff;
    int type = fcf & 3;
    int delivery = (fcf >> 2) & 3;
    int at = 1;
    if (type == DATA || type == ACK && (fcf & 0x10) == 0) {
      at += delivery == 3 ? 2 : 1; // group address, or destination endpoint
      at += 5; // cluster, profile, source endpoint
    }
    at++; // counter
    if ((fcf & 0x80) != 0) {
      if (len < at + 1) {
        return -1;
      }
      int ext = b[s + at] & 0xff;
      at += 1 + ((ext & 3) != 0 ? 1 + (type == ACK ? 1 : 0) : 0);
    }
    return at <= len ? at : -1;
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
    int at = headerLength(b, s, d.length(layer));
    if (at < 0) {
      Truncation.report(d, layer, s, 2);
      return null;
    }
    if ((b[s] & 0x20) != 0) {
      ZbeeNwkDissector.securedPayload(d, layer, s + at);
    } else {
      d.payload(s + at, d.end(layer));
    }
    return null;
  }

  @Override
  public void fields(Tree t) {
    if (!t.has(0, 1)) {
      return;
    }
    int fcf = t.u8(0);
    int type = fcf & 3;
    t.text(0, 1, String.format("Frame Control Field: %s (0x%02x)", FRAME_TYPES.get((long) type), fcf));
    t.enter();
    t.uint(TYPE, 0, 1);
    t.uint(DELIVERY_MODE, 0, 1);
    if (type == ACK) {
      t.uint(ACK_FORMAT, 0, 1);
    }
    t.uint(SECURITY, 0, 1);
    t.uint(ACK_REQ, 0, 1);
    t.uint(EXT_HEADER, 0, 1);
    t.exit();
    int at = 1;
    if (type == DATA || type == ACK && (fcf & 0x10) == 0) {
      if (((fcf >> 2) & 3) == 3) {
        t.uintle(GROUP, at, 2);
        at += 2;
      } else {
        t.uint(DST, at, 1);
        at++;
      }
      t.uintle(CLUSTER, at, 2);
      t.uintle(PROFILE, at + 2, 2);
      t.uint(SRC, at + 4, 1);
      at += 5;
    }
    t.uint(COUNTER, at, 1);
    at++;
    if ((fcf & 0x80) != 0 && t.has(at, 1)) {
      int ext = t.u8(at);
      t.text(at, 1, "Extended Frame Control Field");
      t.enter();
      t.uint(FRAGMENTATION, at, 1);
      t.exit();
      at++;
      if ((ext & 3) != 0) {
        t.uint(BLOCK, at, 1);
        at++;
        if (type == ACK) {
          t.uint(BLOCK_ACKS, at, 1);
          at++;
        }
      }
    }
    if ((fcf & 0x20) != 0) {
      ZbeeNwkDissector.securityFields(t, at);
    }
  }

  private static String kind(Tree t) {
    return t.has(0, 1) ? FRAME_TYPES.get((long) (t.u8(0) & 3)) : "";
  }

  @Override
  public String label(Tree t) {
    return longName() + " " + kind(t);
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.setInfo("APS: " + kind(t));
  }
}

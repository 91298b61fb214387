package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import java.util.Map;

/**
 * rtnetlink, the route family of Linux netlink (man 7 rtnetlink), reached from
 * {@link NetlinkDissector} for family 0: the message header, then the family header of link and
 * neighbour messages, in the capture host's byte order.
 *
 * <pre>
 * link (RTM_NEWLINK 16 .. RTM_SETLINK 19):  | family (1) | pad (1) | type (2) | index (4) | flags (4) | change (4) |
 * neighbour (RTM_NEWNEIGH 28 .. 30):       | family (1) | pad (3) | index (4) | state (2) | flags (1) | type (1) |
 * </pre>
 *
 * The attributes that follow (rtattr) are not dissected yet.
 */
public final class NetlinkRouteDissector extends Dissector {
  private static final Map<Long, String> FAMILIES = ValueNames.parse(
      "0=AF_UNSPEC|1=AF_LOCAL|2=AF_INET|3=AF_AX25|4=AF_IPX|5=AF_APPLETALK|6=AF_NETROM|7=AF_BRIDGE|8=AF_ATMPVC|"
          + "9=AF_X25|10=AF_INET6|16=AF_NETLINK|17=AF_PACKET");
  public static final Field NLTYPE = Field.u16("netlink-route.nltype", "Message type").labels(ValueNames.parse(
      "16=Create network interface|17=Remove network interface|18=Get network interface info|"
          + "19=Set network interface info|20=Add IP address|21=Delete IP address|22=Get IP address|"
          + "24=Add network route|25=Delete network route|26=Get network route|28=Add neighbor table entry|"
          + "29=Delete neighbor table entry|30=Get neighbor table entry"));
  public static final Field IFI_FAMILY = Field.u8("netlink-route.ifi_family", "Interface family");
  public static final Field IFI_TYPE = Field.u16("netlink-route.ifi_type", "Device type");
  public static final Field IFI_INDEX = Field.of("netlink-route.ifi_index", "Interface index", FieldType.INT32);
  public static final Field IFI_FLAGS = Field.u32("netlink-route.ifi_flags", "Device flags");
  public static final Field IFF_UP = Field.bool("netlink-route.ifi_flags.iff_up", "Interface").mask(0x1, 32)
      .states("Up", "Down");
  public static final Field IFF_BROADCAST = Field.bool("netlink-route.ifi_flags.iff_broadcast", "Broadcast")
      .mask(0x2, 32).states("Valid", "Invalid");
  public static final Field IFI_CHANGE = Field.u32("netlink-route.ifi_change", "Device change flags");
  public static final Field ND_FAMILY = Field.u8("netlink-route.nd_family", "Family").labels(FAMILIES);
  public static final Field ND_INDEX = Field.of("netlink-route.nd_index", "Interface index", FieldType.INT32);
  public static final Field ND_STATE = Field.u16("netlink-route.nd_state", "State");
  public static final Field ND_FLAGS = Field.u8("netlink-route.nd_flags", "Flags").hex();
  public static final Field ND_TYPE = Field.u8("netlink-route.nd_type", "Type").hex();

  private static final int HEADER = 16;

  public NetlinkRouteDissector() {
    super("netlink-route", "Linux rtnetlink (route netlink) protocol", "Netlink route");
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    d.payload(d.end(layer), d.end(layer));
    return null;
  }

  @Override
  public boolean payloadBecomesData() {
    return false;
  }

  @Override
  public void fields(Tree t) {
    if (!t.has(0, HEADER)) {
      return;
    }
    boolean le = NetlinkDissector.littleEndian(t, 0);
    NetlinkDissector.header(t, 0, NLTYPE);
    int type = (int) (le ? t.u16le(4) : t.u16(4));
    int p = HEADER;
    if (type >= 16 && type <= 19 && t.has(p, 16)) {
      t.uint(IFI_FAMILY, p, 1);
      NetlinkDissector.uint(t, IFI_TYPE, p + 2, 2, le);
      NetlinkDissector.uint(t, IFI_INDEX, p + 4, 4, le);
      NetlinkDissector.uint(t, IFI_FLAGS, p + 8, 4, le);
      t.enter();
      NetlinkDissector.uint(t, IFF_UP, p + 8, 4, le);
      NetlinkDissector.uint(t, IFF_BROADCAST, p + 8, 4, le);
      t.exit();
      NetlinkDissector.uint(t, IFI_CHANGE, p + 12, 4, le);
    } else if (type >= 28 && type <= 30 && t.has(p, 12)) {
      t.uint(ND_FAMILY, p, 1);
      NetlinkDissector.uint(t, ND_INDEX, p + 4, 4, le);
      NetlinkDissector.uint(t, ND_STATE, p + 8, 2, le);
      t.uint(ND_FLAGS, p + 10, 1);
      t.uint(ND_TYPE, p + 11, 1);
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    c.setInfo("");
  }
}

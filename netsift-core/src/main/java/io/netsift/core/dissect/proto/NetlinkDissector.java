package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/**
 * Linux netlink as captured on nlmon devices (LINKTYPE_NETLINK, 253;
 * https://www.tcpdump.org/linktypes/LINKTYPE_NETLINK.html): a 16-byte cooked header like Linux
 * SLL's, whose protocol field is the netlink family, then netlink messages (RFC 3549 section
 * 2.3.2) in the capturing host's byte order.
 *
 * <pre>
 * | packet type (2) | ARPHRD type (2) = 824 | address length (2) | address (8) | family (2) |
 * | message length (4) | message type (2) | flags (2) | sequence (4) | port id (4) | ...
 * </pre>
 *
 * netsift reports the cooked header and the first message's header; route messages go to
 * {@link NetlinkRouteDissector}, which reports their header itself (tshark shows it in the
 * netlink-route tree); the other families' bodies are not dissected yet.
 */
public final class NetlinkDissector extends Dissector implements Protocols.Registrable {
  public static final Field HATYPE = Field.u16("netlink.hatype", "Link-layer address type")
      .labels(ValueNames.parse("824=Netlink"));
  public static final Field FAMILY = Field.u16("netlink.family", "Family").hex().labels(ValueNames.parse(
      "0x0000=Route|0x0002=Users|0x0004=Firewall|0x0005=Sock diag|0x0006=NFLOG|0x0007=XFRM|0x0009=Audit|"
          + "0x000c=Netfilter|0x000f=KObject uevent|0x0010=Generic|0x0014=Crypto|0x0015=SMC"));
  public static final Field HDR_LEN = Field.u32("netlink.hdr_len", "Length").blurb("Length of message including header");
  public static final Field HDR_TYPE = Field.u16("netlink.hdr_type", "Message type").hex()
      .labels(ValueNames.parse("1=Nothing|2=Error|3=Done|4=Overrun"));
  public static final Field HDR_FLAGS = Field.u16("netlink.hdr_flags", "Flags").hex();
  public static final Field FLAG_DUMP_FILTERED = Field.u16("netlink.hdr_flags.dump_filtered", "Dump filtered")
      .mask(0x20, 16);
  public static final Field FLAG_DUMP_INTR = Field.u16("netlink.hdr_flags.dump_intr", "Dump inconsistent")
      .mask(0x10, 16);
  public static final Field FLAG_ECHO = Field.u16("netlink.hdr_flags.echo", "Echo").mask(0x08, 16);
  public static final Field FLAG_ACK = Field.u16("netlink.hdr_flags.ack", "Ack").mask(0x04, 16);
  public static final Field FLAG_MULTI = Field.u16("netlink.hdr_flags.multi", "Multipart message").mask(0x02, 16);
  public static final Field FLAG_REQUEST = Field.u16("netlink.hdr_flags.request", "Request").mask(0x01, 16);
  public static final Field HDR_SEQ = Field.u32("netlink.hdr_seq", "Sequence");
  public static final Field HDR_PID = Field.u32("netlink.hdr_pid", "Port ID");

  private static final Field[] FLAG_BITS = {FLAG_DUMP_FILTERED, FLAG_DUMP_INTR, FLAG_ECHO, FLAG_ACK, FLAG_MULTI,
      FLAG_REQUEST};
  private static final int COOKED = 16;
  private static final int MESSAGE_HEADER = 16;
  private static final int FAMILY_ROUTE = 0;

  public NetlinkDissector() {
    super("netlink", "Linux netlink protocol", "Netlink");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.LINK_TYPE, 253, this);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    if (d.length(layer) < COOKED) {
      Truncation.report(d, layer, s, COOKED);
      return null;
    }
    if (d.length(layer) >= COOKED + MESSAGE_HEADER && Bytes.u16(d.data(), s + 14) == FAMILY_ROUTE) {
      d.payload(s + COOKED, d.end(layer));
      return d.protocols().byName("netlink-route");
    }
    d.payload(d.end(layer), d.end(layer));
    return null;
  }

  /** Whether the messages are little-endian: the first length must fit, read one way or the other. */
  static boolean littleEndian(Tree t, int p) {
    long le = t.u32le(p);
    return le >= MESSAGE_HEADER && le <= t.length() - p || t.u32(p) < MESSAGE_HEADER || t.u32(p) > t.length() - p;
  }

  @Override
  public void fields(Tree t) {
    t.uint(HATYPE, 2, 2);
    t.uint(FAMILY, 14, 2);
    if (t.has(COOKED, MESSAGE_HEADER) && t.u16(14) != FAMILY_ROUTE) { // netlink-route reports its header
      header(t, COOKED, HDR_TYPE);
    }
  }

  /** A message header at {@code p}, with {@code type} as its type field (each family names its own). */
  static void header(Tree t, int p, Field type) {
    boolean le = littleEndian(t, p);
    uint(t, HDR_LEN, p, 4, le);
    uint(t, type, p + 4, 2, le);
    uint(t, HDR_FLAGS, p + 6, 2, le);
    t.enter();
    for (Field f : FLAG_BITS) {
      uint(t, f, p + 6, 2, le);
    }
    t.exit();
    uint(t, HDR_SEQ, p + 8, 4, le);
    uint(t, HDR_PID, p + 12, 4, le);
  }

  static void uint(Tree t, Field f, int off, int len, boolean le) {
    if (le) {
      t.uintle(f, off, len);
    } else {
      t.uint(f, off, len);
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = t.has(14, 2) && t.u16(14) == FAMILY_ROUTE ? "Netlink route" : columnName();
    c.setInfo("");
  }

  @Override
  public String shortName() {
    return "NETLINK";
  }
}

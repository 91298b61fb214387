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
import java.util.Map;

/**
 * The Border Gateway Protocol 4, <a href="https://www.rfc-editor.org/rfc/rfc4271#section-4">RFC
 * 4271 section 4</a>, on TCP port 179. Every message starts with
 *
 * <pre>
 * +--------------------------------+--------+------+
 * | marker (16 bytes of 0xff)      | length | type |
 * +--------------------------------+--------+------+
 *                                    2 bytes  1 byte
 * </pre>
 *
 * and messages are TCP PDUs by their length; the messages of one segment share one {@code bgp}
 * layer and their names join in Info, as in tshark. OPEN messages show their optional
 * parameters and capabilities (<a href="https://www.rfc-editor.org/rfc/rfc5492">RFC 5492</a>:
 * multiprotocol, route refresh, graceful restart with tshark's note for a helper-only one,
 * 4-octet AS numbers, ADD-PATH); NOTIFICATION and ROUTE-REFRESH show their fixed fields. UPDATE
 * messages show only their two length fields: withdrawn routes, path attributes and NLRI are not
 * dissected yet.
 */
public final class BgpDissector extends Dissector implements Protocols.Registrable, StreamPdus {
  public static final int PORT = 179;
  private static final int HEADER = 19;
  private static final int OPEN = 1;
  private static final int UPDATE = 2;
  private static final int NOTIFICATION = 3;
  private static final int ROUTE_REFRESH = 5;

  private static final Map<Long, String> TYPES = ValueNames.parse("1=OPEN Message|2=UPDATE Message"
      + "|3=NOTIFICATION Message|4=KEEPALIVE Message|5=ROUTE-REFRESH Message|6=CAPABILITY Message"
      + "|128=ROUTE-REFRESH Message (old)");
  private static final Map<Long, String> CAPABILITIES = ValueNames.parse("1=Multiprotocol extensions capability"
      + "|2=Route refresh capability|64=Graceful Restart capability|65=Support for 4-octet AS number capability"
      + "|69=Support for Additional Paths|70=Enhanced route refresh capability|128=Route refresh capability");
  private static final Map<Long, String> AFI = ValueNames.parse("1=IPv4|2=IPv6|25=Layer-2 VPN|16388=BGP-LS");

  public static final Field MARKER = Field.bytes("bgp.marker", "Marker").blurb("Must be set to all ones (16 Bytes)");
  public static final Field LENGTH = Field.u16("bgp.length", "Length")
      .blurb("The total length of the message, including the header in octets");
  public static final Field TYPE = Field.u8("bgp.type", "Type").labels(TYPES).blurb("BGP message type");
  public static final Field OPEN_VERSION = Field.u8("bgp.open.version", "Version")
      .blurb("The protocol version number");
  public static final Field OPEN_MYAS = Field.u16("bgp.open.myas", "My AS")
      .blurb("The Autonomous System number of the sender");
  public static final Field OPEN_HOLDTIME = Field.u16("bgp.open.holdtime", "Hold Time")
      .blurb("The number of seconds the sender proposes for Hold Time");
  public static final Field OPEN_IDENTIFIER = Field.ipv4("bgp.open.identifier", "BGP Identifier")
      .blurb("The BGP Identifier of the sender");
  public static final Field OPEN_OPT_LEN = Field.u8("bgp.open.opt.len", "Optional Parameters Length")
      .blurb("The total length of the Optional Parameters field in octets");
  public static final Field OPEN_OPT = Field.none("bgp.open.opt", "Optional Parameters")
      .blurb("List of optional parameters");
  public static final Field OPEN_OPT_PARAM = Field.none("bgp.open.opt.param", "Optional Parameter");
  public static final Field OPEN_OPT_PARAM_TYPE = Field.u8("bgp.open.opt.param.type", "Parameter Type")
      .labels(ValueNames.parse("1=Authentication (deprecated)|2=Capability"))
      .blurb("Unambiguously identifies individual parameters");
  public static final Field OPEN_OPT_PARAM_LEN = Field.u8("bgp.open.opt.param.len", "Parameter Length")
      .blurb("Length of the Parameter Value");
  public static final Field OPEN_OPT_PARAM_UNKNOWN = Field.bytes("bgp.open.opt.param.unknown", "Unknown")
      .blurb("Unknown Parameter");
  public static final Field CAP = Field.none("bgp.cap", "Capability");
  public static final Field CAP_TYPE = Field.u8("bgp.cap.type", "Type").labels(CAPABILITIES);
  public static final Field CAP_LENGTH = Field.u8("bgp.cap.length", "Length");
  public static final Field CAP_UNKNOWN = Field.bytes("bgp.cap.unknown", "Unknown");
  public static final Field CAP_RESERVED = Field.bytes("bgp.cap.reserved", "Reserved").blurb("Must be Zero");
  public static final Field CAP_MP_AFI = Field.u16("bgp.cap.mp.afi", "AFI").labels(AFI);
  public static final Field CAP_MP_SAFI = Field.u8("bgp.cap.mp.safi", "SAFI");
  public static final Field CAP_GR_TIMERS = Field.u16("bgp.cap.gr.timers", "Restart Timers").hex();
  public static final Field CAP_GR_RESTART_FLAG = Field.bool("bgp.cap.gr.timers.restart_flag", "Restart state")
      .mask(0x8000, 16);
  public static final Field CAP_GR_NOTIFICATION_FLAG = Field.bool("bgp.cap.gr.timers.notification_flag",
      "Graceful notification").mask(0x4000, 16);
  public static final Field CAP_GR_RESTART_TIME = Field.u16("bgp.cap.gr.timers.restart_time", "Time")
      .mask(0xfff, 16).blurb("in us");
  public static final Field CAP_GR_AFI = Field.u16("bgp.cap.gr.afi", "AFI").labels(AFI);
  public static final Field CAP_GR_SAFI = Field.u8("bgp.cap.gr.safi", "SAFI");
  public static final Field CAP_GR_FLAG = Field.u8("bgp.cap.gr.flag", "Flag").hex();
  public static final Field CAP_GR_FLAG_PFS = Field.bool("bgp.cap.gr.flag.pfs", "Preserve forwarding state")
      .mask(0x80, 8);
  public static final Field CAP_4AS = Field.u32("bgp.cap.4as", "AS Number");
  public static final Field CAP_AP_AFI = Field.u16("bgp.cap.ap.afi", "AFI").labels(AFI);
  public static final Field CAP_AP_SAFI = Field.u8("bgp.cap.ap.safi", "SAFI");
  public static final Field CAP_AP_SENDRECEIVE = Field.u8("bgp.cap.ap.sendreceive", "Send/Receive")
      .labels(ValueNames.parse("1=Receive|2=Send|3=Receive/Send"));
  public static final Field WITHDRAWN_ROUTES_LENGTH = Field.u16("bgp.update.withdrawn_routes.length",
      "Withdrawn Routes Length");
  public static final Field PATH_ATTRIBUTES_LENGTH = Field.u16("bgp.update.path_attributes.length",
      "Total Path Attribute Length");
  public static final Field NOTIFY_MAJOR_ERROR = Field.u8("bgp.notify.major_error", "Major error Code")
      .labels(ValueNames.parse("1=Message Header Error|2=OPEN Message Error|3=UPDATE Message Error"
          + "|4=Hold Timer Expired|5=Finite State Machine Error|6=Cease|7=CAPABILITY Message Error"));
  /** The minor code's field depends on the major code, as in tshark (index: major - 1). */
  private static final Field[] NOTIFY_MINOR = {
      Field.u8("bgp.notify.minor_error", "Minor error Code (Message Header)"),
      Field.u8("bgp.notify.minor_error_open", "Minor error Code (Open Message)"),
      Field.u8("bgp.notify.minor_error_update", "Minor error Code (Update Message)"),
      Field.u8("bgp.notify.minor_error_expired", "Minor error Code (Hold Timer Expired)"),
      Field.u8("bgp.notify.minor_error_state", "Minor error Code (State Machine)"),
      Field.u8("bgp.notify.minor_error_cease", "Minor error Code (Cease)"),
      Field.u8("bgp.notify.minor_error_capability", "Minor error Code (Capability Message)")};
  public static final Field NOTIFY_MINOR_HEADER = NOTIFY_MINOR[0];
  public static final Field NOTIFY_MINOR_OPEN = NOTIFY_MINOR[1];
  public static final Field NOTIFY_MINOR_UPDATE = NOTIFY_MINOR[2];
  public static final Field NOTIFY_MINOR_EXPIRED = NOTIFY_MINOR[3];
  public static final Field NOTIFY_MINOR_STATE = NOTIFY_MINOR[4];
  public static final Field NOTIFY_MINOR_CEASE = NOTIFY_MINOR[5];
  public static final Field NOTIFY_MINOR_CAPABILITY = NOTIFY_MINOR[6];
  public static final Field NOTIFY_MINOR_UNKNOWN = Field.u8("bgp.notify.minor_error_unknown",
      "Minor error Code (Unknown)");
  public static final Field NOTIFY_DATA = Field.bytes("bgp.notify.minor_data", "Data");
  public static final Field ROUTE_REFRESH_AFI = Field.u16("bgp.route_refresh.afi",
      "Address family identifier (AFI)").labels(AFI);
  public static final Field ROUTE_REFRESH_SUBTYPE = Field.u8("bgp.route_refresh.subtype", "Subtype");
  public static final Field ROUTE_REFRESH_SAFI = Field.u8("bgp.route_refresh.safi",
      "Subsequent address family identifier (SAFI)");

  /** RFC 4724 section 3: a Graceful Restart capability with no address family only helps a restarting peer. */
  public static final Expert GR_HELPER_MODE_ONLY = new Expert("bgp.cap.gr.helper_mode_only", Expert.Severity.CHAT,
      "Request", "Graceful Restart Capability supported in Helper mode only");

  public BgpDissector() {
    super("bgp", "Border Gateway Protocol", "BGP");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.TCP_PORT, PORT, this);
  }

  @Override
  public boolean payloadBecomesData() {
    return false;
  }

  @Override
  public int pduLength(Dissection d, int tcpLayer, byte[] b, int off, int avail) {
    if (avail < HEADER) {
      return MORE;
    }
    int length = Bytes.u16(b, off + 16);
    return length < HEADER ? NOT_MINE : length;
  }

  @Override
  public String partialInfo(Dissection d, int tcpLayer, byte[] b, int off, int avail) {
    return "";
  }

  /** The messages of one segment are one {@code bgp} layer (tshark's frame.protocols). */
  @Override
  public boolean splitPdus() {
    return false;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    d.payload(d.end(layer), d.end(layer));
    return null;
  }

  /** The end (layer-relative) of the message at {@code at}: its length, within the layer. */
  private static int messageEnd(Tree t, int at) {
    int length = t.has(at + 16, 2) ? t.u16(at + 16) : t.length() - at;
    return length < HEADER || at + length > t.length() ? t.length() : at + length;
  }

  /** tshark's item for one message: "Border Gateway Protocol - UPDATE Message". */
  private static String itemText(Tree t, int at) {
    int type = t.has(at + 18, 1) ? t.u8(at + 18) : -1;
    return "Border Gateway Protocol - " + TYPES.getOrDefault((long) type, "Unknown Message");
  }

  /** The first message's item; each further message is a protocol item of its own, as in tshark. */
  @Override
  public String label(Tree t) {
    return itemText(t, 0);
  }

  @Override
  public boolean severalProtocolItems() {
    return true;
  }

  @Override
  public void fields(Tree t) {
    for (int at = 0; at < t.length(); ) {
      int end = messageEnd(t, at);
      int type = t.u8(at + 18);
      if (at > 0) {
        t.nextProtocolItem(protocolField(), at, end - at, itemText(t, at));
      }
      t.bytes(MARKER, at, 16);
      t.uint(LENGTH, at + 16, 2);
      t.uint(TYPE, at + 18, 1);
      int p = at + HEADER;
      switch (type) {
        case OPEN:
          open(t, p, end);
          break;
        case UPDATE:
          t.uint(WITHDRAWN_ROUTES_LENGTH, p, 2);
          t.uint(PATH_ATTRIBUTES_LENGTH, p + 2 + t.u16(p), 2);
          break;
        case NOTIFICATION:
          notification(t, p, end);
          break;
        case ROUTE_REFRESH:
          t.uint(ROUTE_REFRESH_AFI, p, 2);
          t.uint(ROUTE_REFRESH_SUBTYPE, p + 2, 1);
          t.uint(ROUTE_REFRESH_SAFI, p + 3, 1);
          break;
        default:
          break;
      }
      at = end;
    }
  }

  private static void open(Tree t, int p, int end) {
    t.uint(OPEN_VERSION, p, 1);
    t.uint(OPEN_MYAS, p + 1, 2);
    t.uint(OPEN_HOLDTIME, p + 3, 2);
    t.bytes(OPEN_IDENTIFIER, p + 5, 4);
    int optLen = (int) t.uint(OPEN_OPT_LEN, p + 9, 1);
    if (optLen == 0) {
      return;
    }
    int q = p + 10;
    int optEnd = Math.min(q + optLen, end);
    t.object(OPEN_OPT, q, optEnd - q, null);
    t.enter();
    while (q + 2 <= optEnd) {
      int ptype = t.u8(q);
      int plen = t.u8(q + 1);
      int pend = Math.min(q + 2 + plen, optEnd);
      t.object(OPEN_OPT_PARAM, q, pend - q, null);
      t.enter();
      t.uint(OPEN_OPT_PARAM_TYPE, q, 1);
      t.uint(OPEN_OPT_PARAM_LEN, q + 1, 1);
      if (ptype == 2) {
        for (int c = q + 2; c + 2 <= pend; ) {
          c = capability(t, c, pend);
        }
      } else {
        t.bytes(OPEN_OPT_PARAM_UNKNOWN, q + 2, pend - q - 2);
      }
      t.exit();
      q = pend;
    }
    t.exit();
  }

  /** One capability (RFC 5492 section 4) at {@code c}; returns where the next starts. */
  private static int capability(Tree t, int c, int end) {
    int type = t.u8(c);
    int clen = t.u8(c + 1);
    int cend = Math.min(c + 2 + clen, end);
    t.object(CAP, c, cend - c, null);
    t.enter();
    t.uint(CAP_TYPE, c, 1);
    t.uint(CAP_LENGTH, c + 1, 1);
    int v = c + 2;
    switch (type) {
      case 1:
        if (clen == 4) {
          t.uint(CAP_MP_AFI, v, 2);
          t.bytes(CAP_RESERVED, v + 2, 1);
          t.uint(CAP_MP_SAFI, v + 3, 1);
        } else {
          t.bytes(CAP_UNKNOWN, v, clen);
        }
        break;
      case 2:
      case 128:
        if (clen != 0) {
          t.bytes(CAP_UNKNOWN, v, clen);
        }
        break;
      case 64:
        if (clen < 6 && clen != 2) {
          t.bytes(CAP_UNKNOWN, v, clen);
          break;
        }
        if (clen == 2) {
          t.enter();
          t.expert(GR_HELPER_MODE_ONLY, c + 1, 1, null);
          t.exit();
        }
        t.uint(CAP_GR_TIMERS, v, 2);
        t.enter();
        t.uint(CAP_GR_RESTART_FLAG, v, 2);
        t.uint(CAP_GR_NOTIFICATION_FLAG, v, 2);
        t.uint(CAP_GR_RESTART_TIME, v, 2);
        t.exit();
        for (int a = v + 2; a < cend; a += 4) {
          t.uint(CAP_GR_AFI, a, 2);
          t.uint(CAP_GR_SAFI, a + 2, 1);
          t.uint(CAP_GR_FLAG, a + 3, 1);
          t.enter();
          t.uint(CAP_GR_FLAG_PFS, a + 3, 1);
          t.exit();
        }
        break;
      case 65:
        if (clen == 4) {
          t.uint(CAP_4AS, v, 4);
        } else {
          t.bytes(CAP_UNKNOWN, v, clen);
        }
        break;
      case 69:
        if (clen % 4 != 0) {
          t.bytes(CAP_UNKNOWN, v, clen);
          break;
        }
        for (int a = v; a + 4 <= cend; a += 4) {
          t.uint(CAP_AP_AFI, a, 2);
          t.uint(CAP_AP_SAFI, a + 2, 1);
          t.uint(CAP_AP_SENDRECEIVE, a + 3, 1);
        }
        break;
      default:
        if (clen > 0) {
          t.bytes(CAP_UNKNOWN, v, clen);
        }
        break;
    }
    t.exit();
    return c + 2 + clen;
  }

  private static void notification(Tree t, int p, int end) {
    int major = (int) t.uint(NOTIFY_MAJOR_ERROR, p, 1);
    t.uint(major >= 1 && major <= NOTIFY_MINOR.length ? NOTIFY_MINOR[major - 1] : NOTIFY_MINOR_UNKNOWN, p + 1, 1);
    if (end > p + 2) {
      t.bytes(NOTIFY_DATA, p + 2, end - p - 2);
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    StringBuilder info = new StringBuilder();
    for (int at = 0; at < t.length(); ) {
      int end = messageEnd(t, at);
      if (info.length() > 0) {
        info.append(", ");
      }
      int type = t.u8(at + 18);
      info.append(TYPES.getOrDefault((long) type, "Unknown Message"));
      at = end;
    }
    c.setInfo(info.toString());
  }
}

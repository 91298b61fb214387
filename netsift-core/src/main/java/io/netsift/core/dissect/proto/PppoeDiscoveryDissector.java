package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * PPP over Ethernet discovery stage (RFC 2516 section 5, EtherType 0x8863): the PPPoE header,
 * then tags (type, length, value) up to the payload length.
 *
 * <pre>
 * +-------+-------+---------------+-------------------------------+
 * |  VER  | TYPE  |     CODE      |          SESSION_ID           |
 * +-------+-------+---------------+-------------------------------+
 * |            LENGTH             |           payload (tags)      |
 * +-------------------------------+-------------------------------+
 * tag: | TAG_TYPE (2) | TAG_LENGTH (2) | TAG_VALUE ... |
 * </pre>
 *
 * The header fields are Wireshark's {@code pppoe.*}, shared with {@link PppoeSessionDissector};
 * known tags are reported by their value field only, as tshark does by default.
 */
public final class PppoeDiscoveryDissector extends Dissector implements Protocols.Registrable {
  static final Map<Long, String> CODES = ValueNames.parse(
      "0x0=Session Data|0x7=Active Discovery Offer (PADO)|0x9=Active Discovery Initiation (PADI)|"
          + "0xa=Active Discovery Session-Grant (PADG)|0xb=Active Discovery Session-Credit Resp.(PADC)|"
          + "0xc=Active Discovery Quality (PADQ)|0x19=Active Discovery Request (PADR)|"
          + "0x65=Active Discovery Session-confirmation (PADS)|0xa7=Active Discovery Terminate (PADT)|"
          + "0xd3=Active Discovery Message (PADM)|0xd4=Active Discovery Network (PADN)");
  static final Map<Long, String> TAGS = ValueNames.parse(
      "0x0=End-Of-List|0x101=Service-Name|0x102=AC-Name|0x103=Host-Uniq|0x104=AC-Cookie|0x105=Vendor-Specific|"
          + "0x106=Credits|0x107=Metrics|0x108=Sequence Number|0x109=Credit Scale Factor|0x110=Relay-Session-Id|"
          + "0x111=HURL|0x112=MOTM|0x120=PPP-Max-Payload|0x121=IP Route Add|0x201=Service-Name-Error|"
          + "0x202=AC-System-Error|0x203=Generic-Error");

  public static final Field VERSION = Field.u8("pppoe.version", "Version").mask(0xf0, 8);
  public static final Field TYPE = Field.u8("pppoe.type", "Type").mask(0x0f, 8);
  public static final Field CODE = Field.u8("pppoe.code", "Code").hex().labels(CODES);
  public static final Field SESSION_ID = Field.u16("pppoe.session_id", "Session ID").hex();
  public static final Field PAYLOAD_LENGTH = Field.u16("pppoe.payload_length", "Payload Length");
  public static final Field TAGS_ITEM = Field.none("pppoed.tags", "PPPoE Tags");
  public static final Field TAG = Field.u16("pppoed.tag", "Tag").hex().labels(TAGS);
  public static final Field TAG_LENGTH = Field.u16("pppoed.tag_length", "Tag Length");
  public static final Field UNKNOWN_DATA = Field.bytes("pppoed.tag.unknown_data", "Unknown Data");
  public static final Field SERVICE_NAME = Field.string("pppoed.tags.service_name", "Service-Name");
  public static final Field AC_NAME = Field.string("pppoed.tags.ac_name", "AC-Name");
  public static final Field HOST_UNIQ = Field.bytes("pppoed.tags.host_uniq", "Host-Uniq");
  public static final Field AC_COOKIE = Field.bytes("pppoed.tags.ac_cookie", "AC-Cookie");
  public static final Field VENDOR_ID = Field.u32("pppoed.tags.vendor_id", "Vendor id");
  public static final Field VENDOR_UNSPECIFIED = Field.bytes("pppoed.tags.vendor_unspecified", "Vendor unspecified");
  public static final Field CREDITS = Field.bytes("pppoed.tags.credits", "Credits");
  public static final Field METRICS = Field.bytes("pppoed.tags.metrics", "Metrics");
  public static final Field SEQ_NUM = Field.u16("pppoed.tags.seq_num", "Sequence Number").hex();
  public static final Field CREDIT_SCALE = Field.u16("pppoed.tags.credit_scale", "Credit Scale Factor");
  public static final Field RELAY_SESSION_ID = Field.bytes("pppoed.tags.relay_session_id", "Relay-Session-Id");
  public static final Field HURL = Field.bytes("pppoed.tags.hurl", "HURL");
  public static final Field MOTM = Field.bytes("pppoed.tags.motm", "MOTM");
  public static final Field MAX_PAYLOAD = Field.bytes("pppoed.tags.max_payload", "PPP-Max-Payload");
  public static final Field IP_ROUTE_ADD = Field.bytes("pppoed.tags.ip_route_add", "IP Route Add");
  public static final Field SERVICE_NAME_ERROR = Field.string("pppoed.tags.service_name_error", "Service-Name-Error");
  public static final Field AC_SYSTEM_ERROR = Field.string("pppoed.tags.ac_system_error", "AC-System-Error");
  public static final Field GENERIC_ERROR = Field.string("pppoed.tags.generic_error", "Generic-Error");

  static final int HEADER = 6;
  private static final int TAG_AC_NAME = 0x102;

  public PppoeDiscoveryDissector() {
    super("pppoed", "PPP-over-Ethernet Discovery", "PPPoED");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.ETHERTYPE, 0x8863, this);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    if (d.length(layer) < HEADER) {
      Truncation.report(d, layer, s, HEADER);
      return null;
    }
    // tshark's PPPoE claims the whole Ethernet payload: no padding is reported after it.
    d.payload(d.end(layer), d.end(layer));
    return null;
  }

  /** The common PPPoE header, for both stages. */
  static void header(Tree t) {
    t.uint(VERSION, 0, 1);
    t.uint(TYPE, 0, 1);
    t.uint(CODE, 1, 1);
    t.uint(SESSION_ID, 2, 2);
  }

  @Override
  public void fields(Tree t) {
    if (!t.has(0, HEADER)) {
      return; // tshark adds the header's fields only once all six bytes are there
    }
    header(t);
    int length = (int) t.uint(PAYLOAD_LENGTH, 4, 2);
    if (length == 0 || !t.has(HEADER, 1)) {
      return;
    }
    int end = Math.min(HEADER + length, t.length());
    t.object(TAGS_ITEM, HEADER, end - HEADER, null);
    t.enter();
    for (int p = HEADER; p + 4 <= end; ) {
      int tag = t.u16(p);
      int len = t.u16(p + 2);
      int v = p + 4;
      if (tag == 0) {
        break; // End-Of-List
      }
      Field f = tagField(tag);
      if (f == null) {
        t.uint(TAG, p, 2);
        t.uint(TAG_LENGTH, p + 2, 2);
        t.bytes(UNKNOWN_DATA, v, len);
      } else if (f.type() == io.netsift.core.field.FieldType.STRING) {
        if (t.has(v, len)) {
          t.object(f, v, len, new String(t.data(), t.start() + v, len, StandardCharsets.UTF_8));
        }
      } else if (f == SEQ_NUM || f == CREDIT_SCALE) {
        t.uint(f, v, 2);
      } else {
        t.bytes(f, v, len);
      }
      p = v + len;
    }
    t.exit();
  }

  private static Field tagField(int tag) {
    switch (tag) {
      case 0x101: return SERVICE_NAME;
      case 0x102: return AC_NAME;
      case 0x103: return HOST_UNIQ;
      case 0x104: return AC_COOKIE;
      case 0x106: return CREDITS;
      case 0x107: return METRICS;
      case 0x108: return SEQ_NUM;
      case 0x109: return CREDIT_SCALE;
      case 0x110: return RELAY_SESSION_ID;
      case 0x111: return HURL;
      case 0x112: return MOTM;
      case 0x120: return MAX_PAYLOAD;
      case 0x121: return IP_ROUTE_ADD;
      case 0x201: return SERVICE_NAME_ERROR;
      case 0x202: return AC_SYSTEM_ERROR;
      case 0x203: return GENERIC_ERROR;
      default: return null;
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    if (!t.has(1, 1)) {
      c.setInfo("");
      return;
    }
    String name = CODES.get((long) t.u8(1));
    c.setInfo(name != null ? name : "Unknown");
    int end = Math.min(HEADER + t.u16(4), t.length());
    for (int p = HEADER; p + 4 <= end; ) {
      int tag = t.u16(p);
      int len = t.u16(p + 2);
      if (tag == 0) {
        break;
      }
      if (tag == TAG_AC_NAME && t.has(p + 4, len)) {
        c.info.append(" AC-Name='").append(new String(t.data(), t.start() + p + 4, len, StandardCharsets.UTF_8))
            .append('\'');
      }
      p += 4 + len;
    }
  }
}

package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Expert.Severity;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.util.Map;

/**
 * Routing Information Protocol, versions 1 (<a href="https://www.rfc-editor.org/rfc/rfc1058">RFC
 * 1058</a>) and 2 (<a href="https://www.rfc-editor.org/rfc/rfc2453">RFC 2453</a>, with the
 * authentication entries of RFC 2453 section 4.1 and the keyed MD5 of RFC 2082), on UDP port 520.
 *
 * <pre>
 * +---------+---------+-------------------+
 * | command | version | must be zero (2)  |   then 20-byte entries:
 * +---------+---------+-------------------+
 * | family (2) | route tag (2) | IP address (4) | netmask (4) | next hop (4) | metric (4) |
 * </pre>
 *
 * A first entry of family 0xffff is authentication; with keyed MD5 its trailer (the last entry)
 * is left out of the routes, as tshark does.
 */
public final class RipDissector extends Dissector implements Protocols.Registrable {
  private static final Map<Long, String> VERSIONS = ValueNames.parse("1=RIPv1|2=RIPv2");
  private static final Map<Long, String> COMMANDS =
      ValueNames.parse("1=Request|2=Response|3=Traceon|4=Traceoff|5=Vendor specific (Sun)");
  private static final Map<Long, String> FAMILIES = ValueNames.parse("0=Unspecified|2=IP");
  private static final Map<Long, String> AUTH_TYPES =
      ValueNames.parse("1=IP Route|2=Simple Password|3=Keyed Message Digest");

  public static final Field COMMAND = Field.u8("rip.command", "Command").labels(COMMANDS)
      .blurb("What type of RIP Command is this");
  public static final Field VERSION = Field.u8("rip.version", "Version").labels(VERSIONS)
      .blurb("Version of the RIP protocol");
  public static final Field FAMILY = Field.u16("rip.family", "Address Family").labels(FAMILIES);
  public static final Field ROUTE_TAG = Field.u16("rip.route_tag", "Route Tag");
  public static final Field IP = Field.ipv4("rip.ip", "IP Address");
  public static final Field NETMASK = Field.ipv4("rip.netmask", "Netmask");
  public static final Field NEXT_HOP = Field.ipv4("rip.next_hop", "Next Hop").blurb("Next Hop router for this route");
  public static final Field METRIC = Field.u16("rip.metric", "Metric").blurb("Metric for this route");
  public static final Field AUTH_TYPE = Field.u16("rip.auth.type", "Authentication type").labels(AUTH_TYPES)
      .blurb("Type of authentication");
  public static final Field AUTH_PASSWD = Field.string("rip.auth.passwd", "Password").blurb("Authentication password");
  public static final Field DIGEST_OFFSET = Field.u16("rip.digest_offset", "Digest Offset");
  public static final Field KEY_ID = Field.u8("rip.key_id", "Key ID");
  public static final Field AUTH_DATA_LEN = Field.u8("rip.auth_data_len", "Auth Data Len");
  public static final Field SEQ_NUM = Field.u32("rip.seq_num", "Seq num");
  public static final Field ZERO_PADDING = Field.string("rip.zero_padding", "Zero adding")
      .blurb("Authentication password");
  public static final Field AUTHENTICATION_DATA = Field.bytes("rip.authentication_data", "Authentication Data");

  static final Expert UNKNOWN_FAMILY = new Expert("rip.unknown_address_family", Severity.WARNING, "Protocol",
      "Unknown address family");

  private static final int PORT = 520;
  private static final int HEADER = 4;
  private static final int ENTRY = 20;
  private static final int AUTH_PASSWORD = 2;
  private static final int AUTH_MD5 = 3;
  private static final int MD5_LEN = 16;

  public RipDissector() {
    super("rip", "Routing Information Protocol", "RIP");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.UDP_PORT, PORT, this);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    byte[] b = d.data();
    int s = d.start(layer);
    int end = d.end(layer);
    d.payload(end, end);
    if (end - s < 2) {
      Truncation.report(d, layer, s, 2);
      return null;
    }
    long reported = Truncation.reportedLength(d, layer);
    int trailer = 0;
    boolean md5 = false;
    for (int at = HEADER; reported - at > trailer; at += ENTRY) {
      if (s + at + 2 > end) {
        Truncation.report(d, layer, s, at + 2);
        return null;
      }
      int family = Bytes.u16(b, s + at);
      int need = ENTRY;
      if (family == 0xffff && at == HEADER) {
        md5 = true;
        int type = s + at + 4 <= end ? Bytes.u16(b, s + at + 2) : 0;
        need = 4;
        if (type == AUTH_PASSWORD) {
          need = ENTRY;
        } else if (type == AUTH_MD5) {
          need = ENTRY;
          if (s + at + 8 <= end) {
            trailer = Bytes.u8(b, s + at + 7);
            int digest = Bytes.u16(b, s + at + 4);
            if (s + at - 4 + digest + 4 + MD5_LEN > end) {
              Truncation.report(d, layer, s, at - 4 + digest + 4 + MD5_LEN);
              return null;
            }
          }
        }
      } else if (family == 0xffff && md5 && reported - at == ENTRY) {
        need = 0;
      } else if (family != 0 && family != 2) {
        d.expert(layer, UNKNOWN_FAMILY, s + at, ENTRY, "Unknown address family " + family);
        need = 0;
      }
      if (s + at + need > end) {
        Truncation.report(d, layer, s, at + need);
        return null;
      }
    }
    return null;
  }

  @Override
  public void fields(Tree t) {
    t.uint(COMMAND, 0, 1);
    int version = (int) t.uint(VERSION, 1, 1);
    boolean v2 = version == 2;
    int trailer = 0;
    boolean md5 = false;
    for (int at = HEADER; t.has(at, 2) && t.length() - at > trailer; at += ENTRY) {
      int family = t.u16(at);
      if (family == 0 || family == 2) {
        long metric = t.u32(at + 16);
        t.text(at, ENTRY, family == 2
            ? "IP Address: " + ipv4(t, at + 4) + ", Metric: " + metric
            : "Address not specified, Metric: " + metric);
        t.enter();
        t.uint(FAMILY, at, 2);
        if (v2) {
          t.uint(ROUTE_TAG, at + 2, 2);
        }
        if (family == 2) {
          t.bytes(IP, at + 4, 4);
        }
        if (v2) {
          t.bytes(NETMASK, at + 8, 4);
          t.bytes(NEXT_HOP, at + 12, 4);
        }
        t.number(METRIC, at + 16, 4, metric);
        t.exit();
      } else if (family == 0xffff && at == HEADER) {
        md5 = true;
        trailer = authentication(t, at);
      }
    }
  }

  private static int authentication(Tree t, int at) {
    int type = t.u16(at + 2);
    String name = AUTH_TYPES.get((long) type);
    t.text(at, ENTRY, "Authentication: " + (name != null ? name : "Unknown (" + type + ")"));
    t.enter();
    t.number(AUTH_TYPE, at + 2, 2, type);
    int len = 0;
    if (type == AUTH_PASSWORD) {
      t.object(AUTH_PASSWD, at + 4, 16, t.asciiz(at + 4, 16));
    } else if (type == AUTH_MD5) {
      int digest = t.u16(at + 4);
      t.uint(DIGEST_OFFSET, at + 4, 2);
      t.uint(KEY_ID, at + 6, 1);
      len = (int) t.uint(AUTH_DATA_LEN, at + 7, 1);
      t.uint(SEQ_NUM, at + 8, 4);
      t.object(ZERO_PADDING, at + 12, 8, t.asciiz(at + 12, 8));
      t.text(at - 4 + digest, MD5_LEN + 4, "Authentication Data Trailer");
      t.enter();
      t.bytes(AUTHENTICATION_DATA, at + digest, MD5_LEN);
      t.exit();
    }
    t.exit();
    return len;
  }

  private static String ipv4(Tree t, int at) {
    return t.u8(at) + "." + t.u8(at + 1) + "." + t.u8(at + 2) + "." + t.u8(at + 3);
  }

  @Override
  public void columns(Tree t, Columns c) {
    int version = t.u8(1);
    int command = t.u8(0);
    c.protocol = VERSIONS.getOrDefault((long) version, "RIP");
    String name = COMMANDS.get((long) command);
    c.setInfo(name != null ? name : "Unknown command (" + command + ")");
  }
}

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
import java.util.Set;

/**
 * PFCP, the Packet Forwarding Control Protocol between the control and user planes of a 5G/EPC
 * core (<a href="https://www.3gpp.org/DynaReport/29244.htm">3GPP TS 29.244</a>), on UDP 8805.
 *
 * <pre>
 * flags 1 (version 3 bits, spare 2, FO, MP, S) | message type 1 | length 2 (what follows)
 * | [SEID 8, when S] | sequence number 3 | message priority (4 bits, when MP) / spare 1
 * | IEs: type 2 | length 2 | [enterprise id 2, when type &gt;= 32768] | value
 * </pre>
 *
 * Grouped IEs hold IEs again. IE values are not decoded beyond what tshark 4.0 notes on: an IE
 * type past its table (standard types above 320, Travelping's above 32782) with data gets
 * "IE not decoded yet(WS:IE id too large)", and a User ID's IMSI of more than 15 digits "Malformed
 * IMSI". An IE that runs past its message or group is malformed.
 */
public final class PfcpDissector extends Dissector implements Protocols.Registrable {
  public static final int PORT = 8805;

  private static final Map<Long, String> MESSAGE_TYPES = ValueNames.parse("1=PFCP Heartbeat Request"
      + "|2=PFCP Heartbeat Response|3=PFCP PFD Management Request|4=PFCP PFD Management Response"
      + "|5=PFCP Association Setup Request|6=PFCP Association Setup Response|7=PFCP Association Update Request"
      + "|8=PFCP Association Update Response|9=PFCP Association Release Request"
      + "|10=PFCP Association Release Response|11=PFCP Version Not Supported Response"
      + "|12=PFCP Node Report Request|13=PFCP Node Report Response|14=PFCP Session Set Deletion Request"
      + "|15=PFCP Session Set Deletion Response|50=PFCP Session Establishment Request"
      + "|51=PFCP Session Establishment Response|52=PFCP Session Modification Request"
      + "|53=PFCP Session Modification Response|54=PFCP Session Deletion Request"
      + "|55=PFCP Session Deletion Response|56=PFCP Session Report Request|57=PFCP Session Report Response");

  public static final Field FLAGS = Field.u8("pfcp.flags", "Flags").hex();
  public static final Field VERSION = Field.u8("pfcp.version", "Version").mask(0xe0, 8);
  public static final Field FO_FLAG = Field.bool("pfcp.fo_flag", "Follow On (FO)").mask(0x04, 8);
  public static final Field MP_FLAG = Field.bool("pfcp.mp_flag", "Message Priority (MP)").mask(0x02, 8);
  public static final Field S_FLAG = Field.bool("pfcp.s", "SEID (S)").mask(0x01, 8);
  public static final Field MSG_TYPE = Field.u8("pfcp.msg_type", "Message Type").labels(MESSAGE_TYPES);
  public static final Field LENGTH = Field.u16("pfcp.length", "Length");
  public static final Field SEID = Field.u64("pfcp.seid", "SEID").hex();
  public static final Field SEQNO = Field.u24("pfcp.seqno", "Sequence Number");
  public static final Field IE_TYPE = Field.u16("pfcp.ie_type", "IE Type");
  public static final Field ENTERPRISE_IE = Field.u16("pfcp.enterprise_ie", "Enterprise specific IE Type");
  public static final Field IE_LEN = Field.u16("pfcp.ie_len", "IE Length");
  public static final Field ENTERPRISE_ID = Field.u16("pfcp.enterprise_id", "Enterprise ID");
  public static final Field IMSIF = Field.bool("pfcp.user_id.flags.imsif", "IMSIF").mask(0x01, 8);
  public static final Field LENGTH_OF_IMSI = Field.u8("pfcp.user_id.length_of_imsi", "Length of IMSI");

  /** tshark's "Malformed Packet" item after a note of the Malformed group (as {@link IrcDissector#MALFORMED}). */
  public static final Field MALFORMED = Field.of("_ws.malformed", "Malformed Packet", FieldType.PROTOCOL);

  public static final Expert IE_ID_TOO_LARGE = new Expert("pfcp.ie_id_too_large", Expert.Severity.NOTE,
      "Undecoded", "IE not decoded yet(WS:IE id too large)");
  public static final Expert MALFORMED_IMSI = new Expert("pfcp.malformed_imsi", Expert.Severity.WARNING,
      "Malformed", "Malformed IMSI");

  /** The last standard IE type tshark 4.0's table holds. */
  private static final int LAST_STANDARD_IE = 320;
  private static final int TRAVELPING = 18681;
  /** The last Travelping IE type tshark 4.0 decodes. */
  private static final int LAST_TRAVELPING_IE = 32782;
  private static final int USER_ID = 141;
  private static final int F_SEID = 57;
  /**
   * Grouped IE types (TS 29.244 table 8.1.2-1) whose members tshark dissects as IEs: Create/Update/
   * Remove PDR, FAR, URR, QER, BAR and Traffic Endpoint, PDI, forwarding and duplicating parameters,
   * load and overload control, PFD contexts, usage and downlink data reports, error indication and
   * path failure reports, aggregated URRs, Ethernet packet filter and traffic information.
   */
  private static final Set<Integer> GROUPED = Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
      18, 51, 54, 58, 59, 68, 77, 78, 79, 80, 83, 85, 86, 87, 99, 102, 105, 118, 127, 128, 129, 130, 132, 143);
  private static final int MAX_DEPTH = 16;

  public PfcpDissector() {
    super("pfcp", "Packet Forwarding Control Protocol", "PFCP");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.UDP_PORT, PORT, this);
  }

  @Override
  public boolean payloadBecomesData() {
    return false;
  }

  /** Bytes of the fixed header, or -1 when the flags are not there. */
  private static int headerLength(byte[] b, int s, int end) {
    if (end - s < 1) {
      return -1;
    }
    return (b[s] & 0x01) != 0 ? 16 : 8;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int end = d.end(layer);
    byte[] b = d.data();
    d.payload(end, end);
    int header = headerLength(b, s, end);
    if (header < 0 || end - s < header) {
      Truncation.report(d, layer, s, Math.max(header, 1));
      return null;
    }
    int length = Bytes.u16(b, s + 2);
    int msgEnd = Math.min(end, s + 4 + length);
    if (!iesFit(b, s + header, msgEnd, 0)) {
      Truncation.report(d, layer, end, 1);
    }
    return null;
  }

  /** Whether every IE from {@code at} to {@code end}, and those of its groups, fits. */
  private static boolean iesFit(byte[] b, int at, int end, int depth) {
    while (at < end) {
      if (end - at < 4) {
        return false;
      }
      int type = Bytes.u16(b, at);
      int len = Bytes.u16(b, at + 2);
      int value = at + 4;
      if (value + len > end) {
        return false;
      }
      if (GROUPED.contains(type) && depth < MAX_DEPTH && !iesFit(b, value, value + len, depth + 1)) {
        return false;
      }
      at = value + len;
    }
    return true;
  }

  @Override
  public void fields(Tree t) {
    int flags = (int) t.uint(FLAGS, 0, 1);
    t.enter();
    t.uint(VERSION, 0, 1);
    t.uint(FO_FLAG, 0, 1);
    t.uint(MP_FLAG, 0, 1);
    t.uint(S_FLAG, 0, 1);
    t.exit();
    t.uint(MSG_TYPE, 1, 1);
    int length = (int) t.uint(LENGTH, 2, 2);
    int at = 4;
    if ((flags & 0x01) != 0) {
      t.uint(SEID, at, 8);
      at += 8;
    }
    t.uint(SEQNO, at, 3);
    at += 4;
    ies(t, at, Math.min(t.length(), 4 + length), 0);
  }

  private static void ies(Tree t, int at, int end, int depth) {
    while (at + 4 <= end && t.has(at, 4)) {
      int type = t.u16(at);
      int len = t.u16(at + 2);
      int value = at + 4;
      if (value + len > end) {
        return; // the layer's malformed note
      }
      if (type >= 0x8000) {
        t.uint(ENTERPRISE_IE, at, 2);
        t.uint(IE_LEN, at + 2, 2);
        if (len >= 2) {
          int enterprise = (int) t.uint(ENTERPRISE_ID, value, 2);
          boolean known = enterprise == TRAVELPING && type <= LAST_TRAVELPING_IE;
          if (enterprise == TRAVELPING && !known && len > 2) {
            t.expert(IE_ID_TOO_LARGE, value + 2, len - 2, null);
          }
        }
      } else {
        t.uint(IE_TYPE, at, 2);
        t.uint(IE_LEN, at + 2, 2);
        if (type > LAST_STANDARD_IE) {
          t.expert(IE_ID_TOO_LARGE, value, len, null);
        } else if (type == USER_ID) {
          userId(t, value, len);
        } else if (type == F_SEID && len >= 9) {
          t.uint(SEID, value + 1, 8); // after the V4/V6 flags
        } else if (GROUPED.contains(type) && depth < MAX_DEPTH) {
          t.enter();
          ies(t, value, value + len, depth + 1);
          t.exit();
        }
      }
      at = value + len;
    }
  }

  /** A User ID's IMSI: BCD digits, a 0xF filler in the last high nibble; more than 15 is malformed. */
  private static void userId(Tree t, int at, int len) {
    if (len < 1) {
      return;
    }
    t.uint(IMSIF, at, 1);
    if ((t.u8(at) & 0x01) == 0 || len < 2) {
      return;
    }
    int n = (int) t.uint(LENGTH_OF_IMSI, at + 1, 1);
    if (n == 0 || 2 + n > len || !t.has(at + 2, n)) {
      return;
    }
    int digits = 2 * n - ((t.u8(at + 1 + n) & 0xf0) == 0xf0 ? 1 : 0);
    if (digits > 15) {
      t.expert(MALFORMED_IMSI, at + 2, n, null);
      t.object(MALFORMED, at + 2, 0, "Malformed Packet");
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    if (t.has(1, 1)) {
      int type = t.u8(1);
      c.setInfo(MESSAGE_TYPES.getOrDefault((long) type, "PFCP Unknown message type (" + type + ")"));
    }
  }
}

package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.util.Map;

/**
 * Layer Two Tunneling Protocol version 2, <a href="https://www.rfc-editor.org/rfc/rfc2661">RFC
 * 2661</a>, UDP port 1701. Data messages carry PPP frames, handed to the {@code ppp} dissector
 * when one is registered (else they stay data); control messages show their AVP headers and the
 * message type.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |T|L|x|x|S|x|O|P|x|x|x|x|  Ver  |          Length (opt)         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Tunnel ID           |           Session ID          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |             Ns (opt)          |             Nr (opt)          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      Offset Size (opt)        |    Offset pad... (opt)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class L2tpDissector extends Dissector implements Protocols.Registrable {
  static final Map<Long, String> MESSAGE_TYPES = ValueNames.parse("1=Start_Control_Request|2=Start_Control_Reply|3=Start_Control_Connected|4=Stop_Control_Notification|5=Reserved|6=Hello|7=Outgoing_Call_Request|8=Outgoing_Call_Reply|9=Outgoing_Call_Connected|10=Incoming_Call_Request|11=Incoming_Call_Reply|12=Incoming_Call_Connected|13=Reserved|14=Call_Disconnect_Notification|15=WAN_Error_Notify|16=Set_Link_Info|17=Modem_Status|18=Service_Relay_Request_Msg|19=Service_Relay_Reply_Message|20=Explicit_Acknowledgement|21=Failover_Session_Query_Message|22=Failover_Session_Response_Message|23=Multicast-Session-Request|24=Multicast-Session-Response|25=Multicast-Session-Establishment|26=Multicast-Session-Information|27=Multicast-Session-End-Notify|28=Connect-Speed-Update-Notification|29=Connect-Speed-Update-Request");
  static final Map<Long, String> AVP_TYPES = ValueNames.parse("0=Control Message|1=Result-Error Code|2=Protocol Version|3=Framing Capabilities|4=Bearer Capabilities|5=Tie Breaker|6=Firmware Revision|7=Host Name|8=Vendor Name|9=Assigned Tunnel ID|10=Receive Window Size|11=Challenge|12=Cause Code|13=Challenge Response|14=Assigned Session|15=Call Serial Number|16=Minimum BPS|17=Maximum BPS|18=Bearer Type|19=Framing Type|20=Reserved|21=Called Number|22=Calling Number|23=Sub-Address|24=Connect Speed|25=Physical Channel|26=Initial Received LCP CONFREQ|27=Last Sent LCP CONFREQ|28=Last Received LCP CONFREQ|29=Proxy Authen Type|30=Proxy Authen Name|31=Proxy Authen Challenge|32=Proxy Authen ID|33=Proxy Authen Response|34=Call status AVPs|35=ACCM|36=Random Vector|37=Private group ID|38=RxConnect Speed|39=Sequencing Required|46=PPP Disconnect Cause Code|58=Extended Vendor ID|59=Message Digest|60=Router ID|61=Assigned Control Connection ID|62=Pseudowire Capability List|63=Local Session ID|64=Remote Session ID|65=Assigned Cookie|66=Remote End ID|68=Pseudowire Type|69=Layer2 Specific Sublayer|70=Data Sequencing|71=Circuit Status|72=Preferred Language|73=Control Message Authentication Nonce|74=Tx Connect Speed Version 3|75=Rx Connect Speed Version 3|76=Failover Capability|77=Tunnel Recovery|78=Suggested Control Sequence|79=Failover Session State|80=Multicast Capability|81=New Outgoing Sessions|82=New Outgoing Sessions Acknowledgement|83=Withdraw Outgoing Sessions|84=Multicast Packets Priority|85=Frame-Relay Header Length|86=ATM Maximum Concatenated Cells|87=OAM Emulation Required|88=ATM Alarm Status|89=Attachment Group Identifier|90=Local End Identifier|91=Interface Maximum Transmission Unit|92=FCS Retention|93=Tunnel Switching Aggregator ID|94=Maximum Receive Unit (MRU)|95=Maximum Reassembled Receive Unit (MRRU)|96=VCCV Capability|97=Connect Speed Update|98=Connect Speed Update Enable|99=TDM Pseudowire|100=RTP AVP|101=PW Switching Point");
  private static final String[] SHORT = {"", "SCCRQ", "SCCRP", "SCCCN", "StopCCN", "Reserved", "Hello", "OCRQ",
      "OCRP", "OCCN", "ICRQ", "ICRP", "ICCN", "Reserved", "CDN", "WEN", "SLI", "MDMST", "SRRQ", "SRRP", "ACK"};

  public static final Field FLAGS = Field.u16("l2tp.flags", "Flags").hex();
  public static final Field TYPE = Field.u16("l2tp.type", "Type").mask(0x8000, 16)
      .labels(ValueNames.parse("0=Data Message|1=Control Message"));
  public static final Field LENGTH_BIT = Field.bool("l2tp.length_bit", "Length Bit").mask(0x4000, 16)
      .states("Length field is present", "Length field is not present");
  public static final Field SEQ_BIT = Field.bool("l2tp.seq_bit", "Sequence Bit").mask(0x0800, 16)
      .states("Ns and Nr fields are present", "Ns and Nr fields are not present");
  public static final Field OFFSET_BIT = Field.bool("l2tp.offset_bit", "Offset bit").mask(0x0200, 16)
      .states("Offset Size field is present", "Offset size field is not present");
  public static final Field PRIORITY = Field.bool("l2tp.priority", "Priority").mask(0x0100, 16)
      .states("This data message has priority", "No priority");
  public static final Field VERSION = Field.u16("l2tp.version", "Version").mask(0x000f, 16);
  public static final Field LENGTH = Field.u16("l2tp.length", "Length");
  public static final Field TUNNEL = Field.u16("l2tp.tunnel", "Tunnel ID");
  public static final Field SESSION = Field.u16("l2tp.session", "Session ID");
  public static final Field NS = Field.u16("l2tp.Ns", "Ns");
  public static final Field NR = Field.u16("l2tp.Nr", "Nr");
  public static final Field OFFSET = Field.u16("l2tp.offset", "Offset");
  public static final Field OFFSET_PADDING = Field.none("l2tp.offset_padding", "Offset Padding");
  public static final Field AVP_MANDATORY = Field.bool("l2tp.avp.mandatory", "Mandatory").mask(0x8000, 16);
  public static final Field AVP_HIDDEN = Field.bool("l2tp.avp.hidden", "Hidden").mask(0x4000, 16);
  public static final Field AVP_LENGTH = Field.u16("l2tp.avp.length", "Length").mask(0x03ff, 16);
  public static final Field AVP_VENDOR_ID = Field.u16("l2tp.avp.vendor_id", "Vendor ID")
      .labels(v -> v == 0 ? "Reserved" : "Unknown");
  public static final Field AVP_TYPE = Field.u16("l2tp.avp.type", "AVP Type").labels(AVP_TYPES);
  public static final Field AVP_MESSAGE_TYPE = Field.u16("l2tp.avp.message_type", "Message Type")
      .labels(MESSAGE_TYPES);

  public static final int PORT = 1701;
  private static final int F_CONTROL = 0x8000;
  private static final int F_LENGTH = 0x4000;
  private static final int F_SEQUENCE = 0x0800;
  private static final int F_OFFSET = 0x0200;
  private static final int AVP_HEADER = 6;

  public L2tpDissector() {
    super("l2tp", "Layer 2 Tunneling Protocol", "L2TP");
  }

  /** A tunnel: its payload is a link or network layer again (kept when applications are pruned). */
  @Override
  public boolean carriesLowerLayers() {
    return true;
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.UDP_PORT, PORT, this);
  }

  /** Offset of the Tunnel ID; the fields before it depend on the flags. */
  private static int headerLength(int flags, byte[] b, int s, int end) {
    int n = 2 + ((flags & F_LENGTH) != 0 ? 2 : 0) + 4 + ((flags & F_SEQUENCE) != 0 ? 4 : 0);
    if ((flags & F_OFFSET) != 0) {
      if (end - s < n + 2) {
        return -1;
      }
      n += 2 + Bytes.u16(b, s + n);
    }
    return n;
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
    int flags = Bytes.u16(b, s);
    if ((flags & 0x000f) != 2) {
      return null; // L2TPv3 over UDP: not decoded
    }
    int hlen = headerLength(flags, b, s, end);
    if (hlen < 0 || end - s < hlen) {
      Truncation.report(d, layer, s, Math.max(hlen, end - s + 1));
      return null;
    }
    if ((flags & F_LENGTH) != 0) {
      int len = Bytes.u16(b, s + 2);
      if (len >= hlen && s + len < end) {
        d.setEnd(layer, s + len);
        end = s + len;
      }
    }
    if ((flags & F_CONTROL) != 0 || s + hlen >= end) {
      return null;
    }
    d.payload(s + hlen, end);
    return d.protocols().byName("ppp");
  }

  @Override
  public void fields(Tree t) {
    int flags = t.u16(0);
    t.uint(FLAGS, 0, 2);
    t.enter();
    t.uint(TYPE, 0, 2);
    t.uint(LENGTH_BIT, 0, 2);
    t.uint(SEQ_BIT, 0, 2);
    t.uint(OFFSET_BIT, 0, 2);
    t.uint(PRIORITY, 0, 2);
    t.uint(VERSION, 0, 2);
    t.exit();
    if ((flags & 0x000f) != 2) {
      return;
    }
    int off = 2;
    if ((flags & F_LENGTH) != 0) {
      t.uint(LENGTH, off, 2);
      off += 2;
    }
    t.uint(TUNNEL, off, 2);
    t.uint(SESSION, off + 2, 2);
    off += 4;
    if ((flags & F_SEQUENCE) != 0) {
      t.uint(NS, off, 2);
      t.uint(NR, off + 2, 2);
      off += 4;
    }
    if ((flags & F_OFFSET) != 0) {
      int pad = t.u16(off);
      t.uint(OFFSET, off, 2);
      off += 2;
      if (pad > 0) {
        t.object(OFFSET_PADDING, off, pad, null);
        off += pad;
      }
    }
    if ((flags & F_CONTROL) == 0) {
      return;
    }
    while (t.has(off, AVP_HEADER)) {
      int len = t.u16(off) & 0x03ff;
      if (len < AVP_HEADER) {
        break;
      }
      int type = t.u16(off + 4);
      String name = t.u16(off + 2) == 0 ? AVP_TYPES.get((long) type) : null;
      t.text(off, len, name != null ? name + " AVP" : "Vendor-Specific AVP");
      t.enter();
      t.uint(AVP_MANDATORY, off, 2);
      t.uint(AVP_HIDDEN, off, 2);
      t.uint(AVP_LENGTH, off, 2);
      t.uint(AVP_VENDOR_ID, off + 2, 2);
      t.uint(AVP_TYPE, off + 4, 2);
      if (t.u16(off + 2) == 0 && type == 0 && len >= AVP_HEADER + 2) {
        t.uint(AVP_MESSAGE_TYPE, off + AVP_HEADER, 2);
      }
      t.exit();
      off += len;
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    int flags = t.u16(0);
    if (!t.has(0, 2) || (flags & 0x000f) != 2) {
      c.setInfo("");
      return;
    }
    int off = 2 + ((flags & F_LENGTH) != 0 ? 2 : 0);
    String ids = "(tunnel id=" + t.u16(off) + ", session id=" + t.u16(off + 2) + ")";
    if ((flags & F_CONTROL) == 0) {
      c.setInfo("Data    Message            " + ids);
      return;
    }
    int avp = off + 4 + ((flags & F_SEQUENCE) != 0 ? 4 : 0);
    if ((flags & F_OFFSET) != 0) {
      avp += 2 + t.u16(avp);
    }
    String msg = "ZLB     ";
    if (t.has(avp, AVP_HEADER + 2) && t.u16(avp + 2) == 0 && t.u16(avp + 4) == 0) {
      int type = t.u16(avp + AVP_HEADER);
      msg = type < SHORT.length ? SHORT[type] : "Unknown (" + type + ")";
    }
    c.setInfo("Control Message - " + msg + " " + ids);
  }
}

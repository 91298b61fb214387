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
 * GPRS Tunnelling Protocol version 1 (3GPP TS 29.060, user plane TS 29.281): GTP-U on UDP
 * port 2152 carries subscriber IP datagrams (T-PDU), GTP-C on 2123 signalling, whose
 * information elements stay undecoded here.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Ver |P|R|E|S|N| Message Type  |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 Tunnel Endpoint Identifier                    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        Sequence Number        |  N-PDU Number | Next Ext Hdr  |  when E, S or N
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Length (x4)   |  contents ...                 | Next Ext Hdr  |  extension headers
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * A T-PDU's payload is IPv4 or IPv6 by its version nibble; as tshark does, the Protocol column
 * then reads "GTP &lt;inner&gt;".
 */
public final class GtpDissector extends Dissector implements Protocols.Registrable {
  static final Map<Long, String> MESSAGES = ValueNames.parse("0=For future use|1=Echo request|2=Echo response|3=Version not supported|4=Node alive request|5=Node alive response|6=Redirection request|7=Redirection response|16=Create PDP context request|17=Create PDP context response|18=Update PDP context request|19=Update PDP context response|20=Delete PDP context request|21=Delete PDP context response|22=Initiate PDP Context Activation Request|23=Initiate PDP Context Activation Response|24=Delete AA PDP Context Request|25=Delete AA PDP Context Response|26=Error indication|27=PDU notification request|28=PDU notification response|29=PDU notification reject request|30=PDU notification reject response|31=Supported extension header notification|32=Send routing information for GPRS request|33=Send routing information for GPRS response|34=Failure report request|35=Failure report response|36=Note MS GPRS present request|37=Note MS GPRS present response|48=Identification request|49=Identification response|50=SGSN context request|51=SGSN context response|52=SGSN context acknowledgement|53=Forward relocation request|54=Forward relocation response|55=Forward relocation complete|56=Relocation cancel request|57=Relocation cancel response|58=Forward SRNS context|59=Forward relocation complete acknowledge|60=Forward SRNS context acknowledge|61=UE Registration Query Request|62=UE Registration Query Response|70=RAN Information Relay|96=MBMS Notification Request|97=MBMS Notification Response|98=MBMS Notification Reject Request|99=MBMS Notification Reject Response|100=Create MBMS Context Request|101=Create MBMS Context Response|102=Update MBMS Context Request|103=Update MBMS Context Response|104=Delete MBMS Context Request|105=Delete MBMS Context Response|112=MBMS Registration Request|113=MBMS Registration Response|114=MBMS De-Registration Request|115=MBMS De-Registration Response|116=MBMS Session Start Request|117=MBMS Session Start Response|118=MBMS Session Stop Request|119=MBMS Session Stop Response|120=MBMS Session Update Request|121=MBMS Session Update Response|128=MS Info Change Notification Request|129=MS Info Change Notification Response|240=Data record transfer request|241=Data record transfer response|254=End Marker|255=T-PDU");
  static final Map<Long, String> EXTENSIONS = ValueNames.parse("0x0=No more extension headers|0x1=MBMS support indication|0x2=MS Info Change Reporting support indication|0x3=Long PDCP PDU Number|0x20=Service Class Indicator|0x40=UDP Port number|0x81=RAN container|0x82=Long PDCP PDU number|0x83=Xw RAN container|0x84=NR RAN container|0x85=PDU Session container|0xc0=PDCP PDU number|0xc1=Suspend Request|0xc2=Suspend Response");

  public static final Field FLAGS = Field.u8("gtp.flags", "Flags").hex();
  public static final Field FLAG_VERSION = Field.u8("gtp.flags.version", "Version").mask(0xe0, 8)
      .labels(ValueNames.parse("0=GTP release 97/98 version|1=GTP release 99 version|2=GTPv2-C"));
  public static final Field FLAG_PAYLOAD = Field.u8("gtp.flags.payload", "Protocol type").mask(0x10, 8)
      .labels(ValueNames.parse("0=GTP'|1=GTP"));
  public static final Field FLAG_RESERVED = Field.u8("gtp.flags.reserved", "Reserved").mask(0x08, 8);
  public static final Field FLAG_E = Field.bool("gtp.flags.e", "Is Next Extension Header present?")
      .mask(0x04, 8).states("Yes", "No");
  public static final Field FLAG_S = Field.bool("gtp.flags.s", "Is Sequence Number present?")
      .mask(0x02, 8).states("Yes", "No");
  public static final Field FLAG_PN = Field.bool("gtp.flags.pn", "Is N-PDU number present?")
      .mask(0x01, 8).states("Yes", "No");
  public static final Field MESSAGE = Field.u8("gtp.message", "Message Type").hex().labels(MESSAGES);
  public static final Field LENGTH = Field.u16("gtp.length", "Length");
  public static final Field TEID = Field.u32("gtp.teid", "TEID").hexDec();
  public static final Field SEQ_NUMBER = Field.u16("gtp.seq_number", "Sequence number").hexDec();
  public static final Field NPDU_NUMBER = Field.u8("gtp.npdu_number", "N-PDU Number").hex();
  public static final Field EXT_HDR_NEXT = Field.u8("gtp.ext_hdr.next", "Next extension header type").hex()
      .labels(EXTENSIONS);
  public static final Field EXT_HDR = Field.none("gtp.ext_hdr", "Extension header");
  public static final Field EXT_HDR_LENGTH = Field.u8("gtp.ext_hdr.length", "Extension Header Length");
  public static final Field EXT_PDU_TYPE = Field.u8("gtp.ext_hdr.pdu_ses_con.pdu_type", "PDU Type").mask(0xf0, 8)
      .labels(ValueNames.parse("0=DL PDU SESSION INFORMATION|1=UL PDU SESSION INFORMATION"));
  public static final Field SPARE_H1 = Field.u8("gtp.spare.h1", "Spare").hex().mask(0x0f, 8);
  public static final Field SPARE_B7B6 = Field.u8("gtp.spare.b7b6", "Spare").hex().mask(0xc0, 8);
  public static final Field EXT_QFI = Field.u8("gtp.ext_hdr.pdu_ses_con.qos_flow_id", "QoS Flow Identifier (QFI)")
      .mask(0x3f, 8);
  public static final Field EXT_PDCP_SN = Field.u16("gtp.ext_hdr.pdcp_sn", "PDCP Sequence Number");
  public static final Field EXT_UDP_PORT = Field.u16("gtp.ext_hdr.udp_port", "UDP Port");

  public static final int PORT_U = 2152;
  public static final int PORT_C = 2123;
  private static final int HEADER = 8;
  private static final int F_E = 0x04;
  private static final int F_S = 0x02;
  private static final int F_PN = 0x01;
  private static final int T_PDU = 0xff;
  private static final int EXT_PDU_SESSION = 0x85;
  private static final int EXT_PDCP = 0xc0;
  private static final int EXT_UDP = 0x40;

  public GtpDissector() {
    super("gtp", "GPRS Tunneling Protocol", "GTP");
  }

  /** A tunnel: its payload is a link or network layer again (kept when applications are pruned). */
  @Override
  public boolean carriesLowerLayers() {
    return true;
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.UDP_PORT, PORT_U, this);
    p.map(Protocols.Table.UDP_PORT, PORT_C, this);
  }

  @Override
  public boolean payloadBecomesData() {
    return false;
  }

  /** Length of the header with its optional word and extension headers, or -1 when cut short. */
  private static int headerLength(byte[] b, int s, int end) {
    int flags = Bytes.u8(b, s);
    if ((flags & (F_E | F_S | F_PN)) == 0) {
      return HEADER;
    }
    int off = HEADER + 4;
    if (end - s < off) {
      return -1;
    }
    int next = (flags & F_E) != 0 ? Bytes.u8(b, s + off - 1) : 0;
    while (next != 0) {
      if (end - s < off + 1) {
        return -1;
      }
      int len = Bytes.u8(b, s + off) * 4;
      if (len == 0 || end - s < off + len) {
        return -1;
      }
      next = Bytes.u8(b, s + off + len - 1);
      off += len;
    }
    return off;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    byte[] b = d.data();
    int s = d.start(layer);
    int end = d.end(layer);
    d.payload(end, end);
    if (end - s < HEADER) {
      Truncation.report(d, layer, s, HEADER);
      return null;
    }
    int hlen = headerLength(b, s, end);
    if (hlen < 0) {
      Truncation.report(d, layer, s, end - s + 1);
      return null;
    }
    if ((Bytes.u8(b, s) >> 5) == 2) {
      // GTPv2-C shares port 2123: tshark hands the whole message to its gtpv2 dissector.
      d.payload(s, end);
      d.setEnd(layer, s);
      return d.protocols().byName("gtpv2");
    }
    int msgEnd = (int) Math.min(end, (long) s + HEADER + Bytes.u16(b, s + 2));
    if (Bytes.u8(b, s + 1) != T_PDU || (Bytes.u8(b, s) >> 5) != 1 || s + hlen >= msgEnd) {
      return null;
    }
    d.payload(s + hlen, end);
    int version = Bytes.u8(b, s + hlen) >> 4;
    return version == 4 ? d.protocols().byName("ip") : version == 6 ? d.protocols().byName("ipv6") : null;
  }

  @Override
  public void fields(Tree t) {
    int flags = t.u8(0);
    if (flags >> 5 == 2 || t.length() == 0) {
      return; // GTPv2: no fields of this layer
    }
    t.uint(FLAGS, 0, 1);
    t.enter();
    t.uint(FLAG_VERSION, 0, 1);
    t.uint(FLAG_PAYLOAD, 0, 1);
    t.uint(FLAG_RESERVED, 0, 1);
    t.uint(FLAG_E, 0, 1);
    t.uint(FLAG_S, 0, 1);
    t.uint(FLAG_PN, 0, 1);
    t.exit();
    t.uint(MESSAGE, 1, 1);
    t.uint(LENGTH, 2, 2);
    t.uint(TEID, 4, 4);
    if ((flags & (F_E | F_S | F_PN)) == 0) {
      return;
    }
    if ((flags & F_S) != 0) {
      t.uint(SEQ_NUMBER, 8, 2);
    }
    if ((flags & F_PN) != 0) {
      t.uint(NPDU_NUMBER, 10, 1);
    }
    if ((flags & F_E) == 0) {
      return;
    }
    int next = (int) t.uint(EXT_HDR_NEXT, 11, 1);
    int off = 12;
    while (next != 0 && t.has(off, 1)) {
      int len = t.u8(off) * 4;
      if (len == 0 || !t.has(off, len)) {
        break;
      }
      t.object(EXT_HDR, off, len, null);
      t.enter();
      t.uint(EXT_HDR_LENGTH, off, 1);
      switch (next) {
        case EXT_PDU_SESSION:
          t.text(off + 1, len - 2, "PDU Session Container");
          t.enter();
          t.uint(EXT_PDU_TYPE, off + 1, 1);
          t.uint(SPARE_H1, off + 1, 1);
          t.uint(SPARE_B7B6, off + 2, 1);
          t.uint(EXT_QFI, off + 2, 1);
          t.exit();
          break;
        case EXT_PDCP:
          t.uint(EXT_PDCP_SN, off + 1, 2);
          break;
        case EXT_UDP:
          t.uint(EXT_UDP_PORT, off + 1, 2);
          break;
        default:
          break;
      }
      next = (int) t.uint(EXT_HDR_NEXT, off + len - 1, 1);
      t.exit();
      off += len;
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    if (t.length() == 0) {
      return; // GTPv2, left to its own dissector
    }
    c.protocol = columnName();
    if (t.has(1, 1)) {
      String name = MESSAGES.get((long) t.u8(1));
      c.setInfo(name != null ? name : "Unknown");
    }
  }

  /** A T-PDU with a payload: tshark wraps whatever its payload named the protocol (itself, if nothing). */
  @Override
  public void columnsAfter(Tree t, Columns c) {
    if (!t.has(0, HEADER) || t.u8(1) != T_PDU || t.u8(0) >> 5 != 1) {
      return;
    }
    int hlen = headerLength(t.data(), t.start(), t.start() + t.length());
    if (hlen > 0 && hlen < Math.min(t.length(), HEADER + t.u16(2))) {
      c.protocol = "GTP <" + c.protocol + ">";
    }
  }
}

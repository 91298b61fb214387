package io.netsift.core.dissect.proto;

import io.netsift.core.capture.LinkType;
import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Addresses;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import java.util.List;
import java.util.Map;

/**
 * IEEE 802.11 MAC frames (IEEE Std 802.11-2020 clause 9), LINKTYPE_IEEE802_11 (105), and below
 * radiotap and PPI.
 *
 * <pre>
 *  0      2          4        10       16       22      24        30      32      36
 * +------+----------+--------+--------+--------+-------+---------+-------+-------+---------+-----+
 * |  FC  | duration | addr 1 | addr 2 | addr 3 | seq   | addr 4  | QoS   | HTC   | body    | FCS |
 * +------+----------+--------+--------+--------+-------+---------+-------+-------+---------+-----+
 *  FC: byte 0 = subtype(4) type(2) version(2); byte 1 = flags (order, protected, more data,
 *  power management, retry, more fragments, from DS, to DS). Multi-byte fields are little-endian.
 *  addr 4 only with both DS bits; QoS in QoS data subtypes; HTC (4) with the order bit in QoS
 *  data and management frames. Control frames stop after addr 1 (ACK, CTS) or addr 2.
 * </pre>
 *
 * Which address is the receiver, transmitter, source, destination, BSS and station follows the
 * DS bits (table 9-30). Data frames continue into LLC/SNAP; management frames carry fixed fields
 * and information elements (tshark's {@code wlan.mgt} subtree, part of this layer, see
 * {@link WlanElements}). Whether a 4-byte FCS ends the frame is decided by the radio header
 * (radiotap's "FCS at end" flag); bare 802.11 captures have none, as tshark assumes by default.
 */
public final class WlanDissector extends Dissector implements Protocols.Registrable {
  /** tshark's names of type/subtype (type &lt;&lt; 4 | subtype). */
  static final Map<Long, String> TYPE_SUBTYPES = ValueNames.parse(
      """
      0x00=Association Request|0x01=Association Response|0x02=Reassociation Request|
      0x03=Reassociation Response|0x04=Probe Request|0x05=Probe Response|0x06=Measurement Pilot|
      0x08=Beacon frame|0x09=ATIM|0x0a=Disassociate|0x0b=Authentication|0x0c=Deauthentication|
      0x0d=Action|0x0e=Action No Ack|0x0f=Aruba Management|0x12=Trigger|0x13=TWT Ack|
      0x14=Beamforming Report Poll|0x15=VHT/HE NDP Announcement|0x16=Control Frame Extension|
      0x17=Control Wrapper|0x18=802.11 Block Ack Req|0x19=802.11 Block Ack|0x1a=Power-Save poll|
      0x1b=Request-to-send|0x1c=Clear-to-send|0x1d=Acknowledgement|0x1e=CF-End (Control-frame)|
      0x1f=CF-End + CF-Ack (Control-frame)|0x20=Data|0x21=Data + CF-Ack|0x22=Data + CF-Poll|
      0x23=Data + CF-Ack + CF-Poll|0x24=Null function (No data)|0x25=Acknowledgement (No data)|
      0x26=CF-Poll (No data)|0x27=CF-Ack/Poll (No data)|0x28=QoS Data|0x29=QoS Data + CF-Acknowledgment|
      0x2a=QoS Data + CF-Poll|0x2b=QoS Data + CF-Ack + CF-Poll|0x2c=QoS Null function (No data)|
      0x2e=QoS CF-Poll (No Data)|0x2f=QoS CF-Ack + CF-Poll (No data)|0x30=DMG Beacon|0x31=S1G Beacon|
      """);

  public static final Field DATA_ENCAP_PAYLOAD_TYPE = Field.u8("wlan.data_encap.payload_type", "Payload Type")
      .labels(ValueNames.parse("1=Remote Request/Response|2=TDLS|3=FST"));
  public static final Field TYPE_SUBTYPE = Field.u16("wlan.fc.type_subtype", "Type/Subtype").hex()
      .labels(TYPE_SUBTYPES).blurb("Type and subtype combined (first byte: type, second byte: subtype)");
  public static final Field FC = Field.u16("wlan.fc", "Frame Control Field").hex().blurb("MAC Frame control");
  public static final Field VERSION = Field.u8("wlan.fc.version", "Version").mask(0x03, 8)
      .blurb("MAC Protocol version");
  public static final Field TYPE = Field.u8("wlan.fc.type", "Type").mask(0x0c, 8).blurb("Frame type")
      .labels(ValueNames.parse("0=Management frame|1=Control frame|2=Data frame|3=Extension frame"));
  public static final Field SUBTYPE = Field.u8("wlan.fc.subtype", "Subtype").mask(0xf0, 8).blurb("Frame subtype");
  public static final Field FLAGS = Field.u8("wlan.flags", "Flags").hex();
  public static final Field DS = Field.u8("wlan.fc.ds", "DS status").hex().mask(0x03, 8)
      .blurb("Data-frame DS-traversal status").labels(ValueNames.parse(
          "0=Not leaving DS or network is operating in AD-HOC mode (To DS: 0 From DS: 0)|"
              + "1=Frame from STA to DS via an AP (To DS: 1 From DS: 0)|"
              + "2=Frame from DS to a STA via AP(To DS: 0 From DS: 1)|"
              + "3=WDS (AP to AP) or Mesh (MP to MP) Frame (To DS: 1 From DS: 1)"));
  public static final Field TODS = Field.bool("wlan.fc.tods", "To DS").mask(0x01, 8).hidden().blurb("To DS flag");
  public static final Field FROMDS = Field.bool("wlan.fc.fromds", "From DS").mask(0x02, 8).hidden()
      .blurb("From DS flag");
  public static final Field MORE_FRAG = Field.bool("wlan.fc.frag", "More Fragments").mask(0x04, 8)
      .states("More fragments follow", "This is the last fragment").blurb("More Fragments flag");
  public static final Field RETRY = Field.bool("wlan.fc.retry", "Retry").mask(0x08, 8)
      .states("Frame is being retransmitted", "Frame is not being retransmitted").blurb("Retransmission flag");
  static final Expert RETRY_EXPERT = new Expert("wlan.fc.retry.expert", Expert.Severity.NOTE, "Sequence",
      "Retransmission (retry)");
  public static final Field PWRMGT = Field.bool("wlan.fc.pwrmgt", "PWR MGT").mask(0x10, 8)
      .states("STA will go to sleep", "STA will stay up").blurb("Power management status");
  public static final Field MOREDATA = Field.bool("wlan.fc.moredata", "More Data").mask(0x20, 8)
      .states("Data is buffered for STA at AP", "No data buffered").blurb("More data flag");
  public static final Field PROTECTED = Field.bool("wlan.fc.protected", "Protected flag").mask(0x40, 8)
      .states("Data is protected", "Data is not protected");
  public static final Field ORDER = Field.bool("wlan.fc.order", "+HTC/Order flag").mask(0x80, 8)
      .states("Strictly ordered", "Not strictly ordered").blurb("HT Control present/strictly ordered flag");
  public static final Field DURATION = Field.u16("wlan.duration", "Duration").mask(0x7fff, 16).unit(" microseconds");
  public static final Field AID = Field.u16("wlan.aid", "Association ID").mask(0x3fff, 16);
  public static final Field RA = Field.ether("wlan.ra", "Receiver address").blurb("Receiving Station Hardware Address");
  public static final Field RA_RESOLVED = Field.string("wlan.ra_resolved", "Receiver address (resolved)").hidden();
  public static final Field DA = Field.ether("wlan.da", "Destination address").blurb("Destination Hardware Address");
  public static final Field DA_RESOLVED = Field.string("wlan.da_resolved", "Destination address (resolved)").hidden();
  public static final Field TA = Field.ether("wlan.ta", "Transmitter address")
      .blurb("Transmitting Station Hardware Address");
  public static final Field TA_RESOLVED = Field.string("wlan.ta_resolved", "Transmitter address (resolved)").hidden();
  public static final Field SA = Field.ether("wlan.sa", "Source address").blurb("Source Hardware Address");
  public static final Field SA_RESOLVED = Field.string("wlan.sa_resolved", "Source address (resolved)").hidden();
  public static final Field BSSID = Field.ether("wlan.bssid", "BSS Id").blurb("Basic Service Set ID");
  public static final Field BSSID_RESOLVED = Field.string("wlan.bssid_resolved", "BSS Id (resolved)").hidden();
  public static final Field STAA = Field.ether("wlan.staa", "STA address").blurb("Station Hardware Address");
  public static final Field STAA_RESOLVED = Field.string("wlan.staa_resolved", "STA address (resolved)").hidden();
  public static final Field ADDR = Field.ether("wlan.addr", "Hardware address").hidden()
      .blurb("SA, DA, BSSID, RA or TA Hardware Address");
  public static final Field ADDR_RESOLVED = Field.string("wlan.addr_resolved", "Hardware address (resolved)").hidden();
  public static final Field FRAG = Field.u16("wlan.frag", "Fragment number").mask(0x000f, 16);
  public static final Field SEQ = Field.u16("wlan.seq", "Sequence number").mask(0xfff0, 16);
  public static final Field QOS = Field.u16("wlan.qos", "Qos Control").hex();
  public static final Field QOS_TID = Field.u16("wlan.qos.tid", "TID").mask(0x000f, 16);
  public static final Field QOS_PRIORITY = Field.u16("wlan.qos.priority", "Priority").mask(0x0007, 16)
      .blurb("802.1D Tag").labels(ValueNames.parse("0=Best Effort|1=Background|2=Spare|3=Excellent Effort|"
          + "4=Controlled Load|5=Video|6=Voice|7=Network Control"));
  public static final Field QOS_EOSP = Field.bool("wlan.qos.eosp", "EOSP").mask(0x0010, 16)
      .states("End of service period", "Service period").blurb("EOSP Field");
  public static final Field QOS_BIT4 = Field.bool("wlan.qos.bit4", "QoS bit 4").mask(0x0010, 16)
      .states("Bits 8-15 of QoS Control field are Queue Size",
          "Bits 8-15 of QoS Control field are TXOP Duration Requested");
  public static final Field QOS_ACK = Field.u16("wlan.qos.ack", "Ack Policy").hex().mask(0x0060, 16)
      .labels(ValueNames.parse("0=Normal Ack|1=No Ack|2=No explicit acknowledgment|3=Block Ack"));
  public static final Field QOS_AMSDU = Field.bool("wlan.qos.amsdupresent", "Payload Type").mask(0x0080, 16)
      .states("A-MSDU", "MSDU");
  public static final Field QOS_PS_BUF_STATE = Field.u16("wlan.qos.ps_buf_state", "QAP PS Buffer State").hex()
      .mask(0xff00, 16);
  public static final Field QOS_BUF_STATE_INDICATED = Field.bool("wlan.qos.buf_state_indicated",
      "Buffer State Indicated").mask(0x0200, 16);
  public static final Field QOS_HIGHEST_PRI_BUF_AC = Field.u16("wlan.qos.highest_pri_buf_ac",
      "Highest-Priority Buffered AC").mask(0x0c00, 16);
  public static final Field QOS_QAP_BUF_LOAD = Field.u16("wlan.qos.qap_buf_load", "QAP Buffered Load")
      .mask(0xf000, 16);
  public static final Field QOS_TXOP_DUR_REQ = Field.u16("wlan.qos.txop_dur_req", "TXOP Duration Requested")
      .mask(0xff00, 16);
  public static final Field QOS_QUEUE_SIZE = Field.u16("wlan.qos.queue_size", "Queue Size").mask(0xff00, 16);
  public static final Field HTC = Field.u32("wlan.htc", "HT Control (+HTC)").hex();
  public static final Field HTC_VHT = Field.bool("wlan.htc.vht", "VHT").mask(0x1, 32);
  public static final Field HTC_HE = Field.bool("wlan.htc.he", "HE").mask(0x2, 32);
  public static final Field HTC_LAC = Field.u32("wlan.htc.lac", "Link Adaptation Control (LAC)").hex().mask(0xfffe, 32);
  public static final Field HTC_LAC_TRQ = Field.bool("wlan.htc.lac.trq", "Training Request (TRQ)").mask(0x2, 16)
      .states("Want sounding PPDU", "No sounding PPDU requested");
  public static final Field HTC_LAC_ASELI = Field.u16("wlan.htc.lac.mai.aseli",
      "Antenna Selection Indication (ASELI)").hex().mask(0x3c, 16);
  public static final Field HTC_LAC_MRQ = Field.bool("wlan.htc.lac.mai.mrq", "MCS Request (MRQ)").mask(0x4, 16)
      .states("MCS feedback requested", "No MCS feedback requested");
  public static final Field HTC_LAC_MSI = Field.u16("wlan.htc.lac.mai.msi", "MCS Request Sequence Identifier (MSI)")
      .hex().mask(0x38, 16);
  public static final Field HTC_LAC_MAI_RESERVED = Field.u16("wlan.htc.lac.mai.reserved", "Reserved").hex()
      .mask(0x38, 16);
  public static final Field HTC_LAC_MFSI = Field.u16("wlan.htc.lac.mfsi", "MCS Feedback Sequence Identifier (MFSI)")
      .mask(0x1c0, 16);
  public static final Field HTC_LAC_ASEL_COMMAND = Field.u16("wlan.htc.lac.asel.command",
      "Antenna Selection (ASEL) Command").hex().mask(0xe00, 16);
  public static final Field HTC_LAC_ASEL_DATA = Field.u16("wlan.htc.lac.asel.data", "Antenna Selection (ASEL) Data")
      .hex().mask(0xf000, 16);
  public static final Field HTC_LAC_MFB = Field.u16("wlan.htc.lac.mfb", "MCS Feedback (MFB)").hex().mask(0xfe00, 16);
  public static final Field HTC_CAL_POS = Field.u32("wlan.htc.cal.pos", "Calibration Position").mask(0x30000, 32)
      .labels(ValueNames.parse("0=Not a calibration frame|1=Calibration Start|2=Sounding Response|3=Sounding Complete"));
  public static final Field HTC_CAL_SEQ = Field.u32("wlan.htc.cal.seq", "Calibration Sequence Identifier")
      .mask(0xc0000, 32);
  public static final Field HTC_RESERVED1 = Field.u32("wlan.htc.reserved1", "Reserved").hex().mask(0x300000, 32);
  public static final Field HTC_CSI_STEERING = Field.u32("wlan.htc.csi_steering", "CSI/Steering").mask(0xc00000, 32)
      .labels(ValueNames.parse("0=No feedback required|1=CSI|2=Non-compressed Beamforming Feedback Matrix|"
          + "3=Compressed Beamforming Feedback Matrix"));
  public static final Field HTC_NDP_ANNOUNCEMENT = Field.bool("wlan.htc.ndp_announcement", "NDP Announcement")
      .mask(0x1000000, 32).states("NDP will follow", "No NDP will follow");
  public static final Field HTC_RESERVED2 = Field.u32("wlan.htc.reserved2", "Reserved").hex().mask(0x3e000000, 32);
  public static final Field WEP_IV = Field.u24("wlan.wep.iv", "Initialization Vector").hex();
  public static final Field TKIP_EXTIV = Field.string("wlan.tkip.extiv", "TKIP Ext. Initialization Vector");
  public static final Field CCMP_EXTIV = Field.string("wlan.ccmp.extiv", "CCMP Ext. Initialization Vector");
  public static final Field WEP_KEY = Field.u8("wlan.wep.key", "Key Index");
  public static final Field WEP_ICV = Field.u32("wlan.wep.icv", "WEP ICV").hex();
  public static final Field FCS = Field.u32("wlan.fcs", "Frame check sequence").hex()
      .blurb("Frame Check Sequence (FCS)");
  public static final Field FCS_STATUS = Field.u8("wlan.fcs.status", "FCS Status")
      .base(io.netsift.core.field.Base.NONE).labels(EthernetDissector.FCS_STATUS::valueLabel);
  public static final Field MGT = Field.of("wlan.mgt", "IEEE 802.11 Wireless Management", FieldType.PROTOCOL);

  static final int TYPE_MGT = 0;
  static final int TYPE_CONTROL = 1;
  static final int TYPE_DATA = 2;

  private static final int SUBTYPE_PROBE_RESPONSE = 5;
  private static final int SUBTYPE_PS_POLL = 10;
  private static final int SUBTYPE_BEACON = 8;

  // Annotations: what the first pass found.
  private static final int ANN_HEADER = 0; // header length
  private static final int ANN_FCS = 1;    // 1 when a 4-byte FCS ends the frame

  public WlanDissector() {
    super("wlan", "IEEE 802.11 wireless LAN", "802.11");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.LINK_TYPE, LinkType.IEEE802_11, this);
    p.map(Protocols.Table.ETHERTYPE, ETHERTYPE_DATA_ENCAPSULATION, this);
  }

  /** IEEE 802.11 data encapsulation (802.11-2020 annex E): an action frame body inside Ethernet. */
  private static final int ETHERTYPE_DATA_ENCAPSULATION = 0x890d;
  private static final int ENCAP = -1; // ANN_HEADER of a data encapsulation layer
  private static final int PAYLOAD_TDLS = 2;

  private static boolean encapsulated(Tree t) {
    return t.annotation(ANN_HEADER) == ENCAP;
  }

  /** This class's fields, then the management body's ({@link WlanElements}, {@link WlanHtElements}). */
  @Override
  public List<Field> declaredFields() {
    List<Field> out = super.declaredFields();
    for (java.lang.reflect.Field jf : WlanElements.class.getDeclaredFields()) {
      if (java.lang.reflect.Modifier.isStatic(jf.getModifiers())
          && (jf.getType() == Field.class || jf.getType() == Expert.class)) {
        try {
          jf.setAccessible(true);
          Object o = jf.get(null);
          Field f = o instanceof Expert ? ((Expert) o).field() : (Field) o;
          if (!out.contains(f)) {
            out.add(f);
          }
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    for (Field f : WlanHtElements.FIELDS) {
      if (!out.contains(f)) {
        out.add(f);
      }
    }
    return out;
  }

  /** Frame type (0 management, 1 control, 2 data, 3 extension) from FC byte 0. */
  static int type(int fc0) {
    return (fc0 >> 2) & 3;
  }

  static int subtype(int fc0) {
    return fc0 >> 4;
  }

  /**
   * Length of the MAC header of a frame whose FC bytes are {@code fc0, fc1}: 10 for ACK and CTS,
   * 16 for other control frames, 24 for management (28 with HTC), data adds addr 4, QoS, HTC.
   */
  static int headerLength(int fc0, int fc1) {
    int type = type(fc0);
    int subtype = subtype(fc0);
    boolean order = (fc1 & 0x80) != 0;
    switch (type) {
      case TYPE_MGT:
        return order ? 28 : 24;
      case TYPE_CONTROL:
        switch (subtype) {
          case 12: case 13: return 10; // CTS, ACK
          case 7: return 10;           // control wrapper: carried frame control follows
          default: return 16;
        }
      case TYPE_DATA: {
        int n = 24;
        if ((fc1 & 0x03) == 0x03) {
          n += 6;
        }
        if ((subtype & 0x08) != 0) {
          n += 2;
          if (order) {
            n += 4;
          }
        }
        return n;
      }
      default:
        return 10;
    }
  }

  /** The radiotap flags byte in front of this layer (FCS at end, data pad), or 0. */
  private static int radioFlags(Dissection d, int layer) {
    for (int i = layer - 1; i > 0; i--) {
      Dissector p = d.dissector(i);
      if (p instanceof WlanRadioDissector) {
        continue;
      }
      if (p instanceof RadiotapDissector) {
        return RadiotapDissector.flags(d, i);
      }
      return 0;
    }
    return 0;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    byte[] b = d.data();
    if (d.length(layer) < 2) {
      Truncation.report(d, layer, s, 10);
      return null;
    }
    if (layer > 0 && (d.dissector(layer - 1) instanceof EtherTypeDissector
        || d.dissector(layer - 1) instanceof LlcDissector)) {
      // Reached by EtherType 0x890d: a payload type, then (TDLS) an action frame body.
      d.annotate(layer, 2);
      d.setAnnotation(layer, ANN_HEADER, ENCAP);
      d.payload(d.end(layer), d.end(layer));
      return null;
    }
    int fc0 = Bytes.u8(b, s);
    int fc1 = Bytes.u8(b, s + 1);
    int header = headerLength(fc0, fc1);
    int radio = radioFlags(d, layer);
    boolean fcs = (radio & RadiotapDissector.FLAG_FCS) != 0;
    d.annotate(layer, 2);
    d.setAnnotation(layer, ANN_HEADER, header);
    d.setAnnotation(layer, ANN_FCS, fcs ? 1 : 0);
    int end = d.end(layer);
    if (fcs) {
      end -= 4;
    }
    if (end < s + header) {
      Truncation.report(d, layer, s, header);
      return null;
    }
    int type = type(fc0);
    int subtype = subtype(fc0);
    if (type != TYPE_DATA || (subtype & 0x04) != 0) {
      d.payload(end, end); // management bodies belong to this layer; control and null frames end here
      return null;
    }
    // Radiotap's "data pad": the driver padded the header to a multiple of 4 bytes.
    int body = (radio & RadiotapDissector.FLAG_DATAPAD) != 0 ? (header + 3) & ~3 : header;
    if (end < s + body) {
      body = end - s;
    }
    if ((fc1 & 0x40) != 0) {
      // Protected: after the IV (8 bytes with the extended IV of TKIP and CCMP, else WEP's 4
      // and its ICV at the end) the payload stays data.
      int iv = end - s - body >= 4 && (Bytes.u8(b, s + body + 3) & 0x20) != 0 ? 8 : 4;
      int to = iv == 4 ? end - 4 : end;
      d.payload(Math.min(s + body + iv, end), Math.max(Math.min(s + body + iv, end), to));
      return null;
    }
    d.payload(s + body, end);
    if ((subtype & 0x08) != 0 && (Bytes.u8(b, s + header - ((fc1 & 0x80) != 0 ? 6 : 2)) & 0x80) != 0) {
      return null; // A-MSDU
    }
    return end > s + body ? d.protocols().byName("llc") : null;
  }

  @Override
  public void fields(Tree t) {
    if (encapsulated(t)) {
      t.uint(DATA_ENCAP_PAYLOAD_TYPE, 0, 1);
      if (t.u8(0) == PAYLOAD_TDLS) {
        WlanElements.tdls(t, 1, t.length());
      }
      return;
    }
    int fc0 = t.u8(0);
    int fc1 = t.u8(1);
    int type = type(fc0);
    int subtype = subtype(fc0);
    if (!t.has(0, 2)) {
      return;
    }
    t.number(TYPE_SUBTYPE, 0, 1, typeSubtype(fc0));
    t.uint(FC, 0, 2);
    t.enter();
    t.uint(VERSION, 0, 1);
    t.uint(TYPE, 0, 1);
    t.uint(SUBTYPE, 0, 1);
    t.uint(FLAGS, 1, 1);
    t.enter();
    t.uint(DS, 1, 1);
    t.uint(TODS, 1, 1);
    t.uint(FROMDS, 1, 1);
    t.uint(MORE_FRAG, 1, 1);
    t.uint(RETRY, 1, 1);
    if ((fc1 & 0x08) != 0) {
      t.enter();
      t.expert(RETRY_EXPERT, 1, 1, null);
      t.exit();
    }
    t.uint(PWRMGT, 1, 1);
    t.uint(MOREDATA, 1, 1);
    t.uint(PROTECTED, 1, 1);
    t.uint(ORDER, 1, 1);
    t.exit();
    t.exit();
    boolean psPoll = type == TYPE_CONTROL && subtype == SUBTYPE_PS_POLL;
    t.uintle(psPoll ? AID : DURATION, 2, 2);
    int ds = fc1 & 0x03;
    int header = (int) t.annotation(ANN_HEADER);
    if (header == 0) {
      header = headerLength(fc0, fc1);
    }
    if (type != TYPE_CONTROL && !t.has(0, header)) {
      // tshark reads the whole header before the addresses after the first: a cut header
      // shows the receiver only.
      address(t, 4, RA, RA_RESOLVED, true);
      return;
    }
    switch (type) {
      case TYPE_MGT:
        address(t, 4, RA, RA_RESOLVED, true);
        address(t, 4, DA, DA_RESOLVED, false);
        address(t, 10, TA, TA_RESOLVED, true);
        address(t, 10, SA, SA_RESOLVED, false);
        address(t, 16, BSSID, BSSID_RESOLVED, true);
        station(t, ds);
        sequence(t);
        if ((fc1 & 0x80) != 0) {
          htc(t, 24);
        }
        break;
      case TYPE_CONTROL:
        address(t, 4, RA, RA_RESOLVED, true);
        if (psPoll) {
          address(t, 4, BSSID, BSSID_RESOLVED, false);
        }
        if (header >= 16) {
          address(t, 10, TA, TA_RESOLVED, true);
        }
        break;
      case TYPE_DATA:
        dataAddresses(t, ds);
        sequence(t);
        if ((subtype & 0x08) != 0) {
          qos(t, ds == 3 ? 30 : 24, ds, (subtype & 0x04) != 0);
          if ((fc1 & 0x80) != 0) {
            htc(t, ds == 3 ? 32 : 26);
          }
        }
        if ((fc1 & 0x40) != 0 && (subtype & 0x04) == 0) {
          protection(t, header, t.length() - (t.annotation(ANN_FCS) != 0 ? 4 : 0));
        }
        break;
      default:
        break;
    }
    boolean fcs = t.annotation(ANN_FCS) != 0;
    int end = t.length() - (fcs ? 4 : 0);
    if (type == TYPE_MGT && end > header) {
      t.object(MGT, header, end - header, MGT.name());
      t.enter();
      WlanElements.body(t, subtype, header, end);
      t.exit();
    }
    if (fcs && t.length() >= 4) {
      t.uintle(FCS, t.length() - 4, 4);
      t.enter();
      t.generated(FCS_STATUS, 2); // Unverified: tshark does not check the FCS by default
      t.exit();
    }
  }

  private static final String[] MGT_ITEM = {MGT.name()};

  /**
   * tshark's "IEEE 802.11 Wireless Management" item for a management frame's body sits at the
   * top of the tree, after the 802.11 header's item, so {@code io,phs} counts it.
   */
  @Override
  public String[] topLevelItems(Dissection d, int layer) {
    int s = d.start(layer);
    int len = d.end(layer) - s;
    if (len < 2 || type(d.data()[s] & 0xff) != TYPE_MGT) {
      return NO_TOP_LEVEL_ITEMS;
    }
    int header = (int) d.annotation(layer, ANN_HEADER);
    int end = len - (d.annotation(layer, ANN_FCS) != 0 ? 4 : 0);
    return header != ENCAP && end > header ? MGT_ITEM : NO_TOP_LEVEL_ITEMS;
  }

  /**
   * The HT Control field (IEEE Std 802.11-2020 9.2.4.6); its HT variant in detail (the VHT and HE
   * variants show their first bits only).
   */
  private static void htc(Tree t, int rel) {
    long htc = t.uintle(HTC, rel, 4);
    t.enter();
    t.uintle(HTC_VHT, rel, 4);
    if ((htc & 1) != 0) {
      t.uintle(HTC_HE, rel, 4);
      t.exit();
      return;
    }
    int lac = (int) (htc & 0xffff);
    t.uintle(HTC_LAC, rel, 4);
    t.enter();
    t.number(HTC_LAC_TRQ, rel, 2, (lac & 0x2) != 0 ? 1 : 0);
    if (((lac & 0x3c) >> 2) == 14) {
      t.number(HTC_LAC_ASELI, rel, 2, (lac & 0x3c) >> 2);
    } else {
      t.number(HTC_LAC_MRQ, rel, 2, (lac & 0x4) != 0 ? 1 : 0);
      if ((lac & 0x4) != 0) {
        t.number(HTC_LAC_MSI, rel, 2, (lac & 0x38) >> 3);
      } else {
        t.number(HTC_LAC_MAI_RESERVED, rel, 2, (lac & 0x38) >> 3);
      }
    }
    int mfsi = (lac & 0x1c0) >> 6;
    t.number(HTC_LAC_MFSI, rel, 2, mfsi);
    if (mfsi == 7) {
      t.number(HTC_LAC_ASEL_COMMAND, rel, 2, (lac & 0xe00) >> 9);
      t.number(HTC_LAC_ASEL_DATA, rel, 2, (lac & 0xf000) >> 12);
    } else {
      t.number(HTC_LAC_MFB, rel, 2, (lac & 0xfe00) >> 9);
    }
    t.exit();
    for (Field f : new Field[] {HTC_CAL_POS, HTC_CAL_SEQ, HTC_RESERVED1, HTC_CSI_STEERING, HTC_NDP_ANNOUNCEMENT,
        HTC_RESERVED2}) {
      t.uintle(f, rel, 4);
    }
    t.exit();
  }

  private static final String HEX_UPPER = "0123456789ABCDEF";

  /** The IV of a protected frame body at {@code at} (IEEE Std 802.11-2020 12.3.2.2, 12.5.2.2, 12.5.3.2). */
  private static void protection(Tree t, int at, int end) {
    if (!t.has(at, 4)) {
      return;
    }
    int keyId = t.u8(at + 3);
    if ((keyId & 0x20) != 0) {
      if (!t.has(at, 8)) {
        return;
      }
      boolean tkip = t.u8(at + 1) == ((t.u8(at) | 0x20) & 0x7f);
      t.text(at, 8, tkip ? "TKIP parameters" : "CCMP parameters");
      t.enter();
      StringBuilder sb = new StringBuilder(14).append("0x");
      int[] order = tkip ? new int[] {7, 6, 5, 4, 0, 2} : new int[] {7, 6, 5, 4, 1, 0};
      for (int i : order) {
        int c = t.u8(at + i);
        sb.append(HEX_UPPER.charAt(c >> 4)).append(HEX_UPPER.charAt(c & 0xf)); // tshark prints these upper-case
      }
      t.object(tkip ? TKIP_EXTIV : CCMP_EXTIV, at, 8, sb.toString());
      t.number(WEP_KEY, at + 3, 1, keyId >> 6);
      t.exit();
      return;
    }
    t.text(at, 4, "WEP parameters");
    t.enter();
    t.uint(WEP_IV, at, 3);
    t.number(WEP_KEY, at + 3, 1, keyId >> 6);
    t.exit();
    if (end - at >= 8) {
      t.uint(WEP_ICV, end - 4, 4);
    }
  }

  static int typeSubtype(int fc0) {
    return type(fc0) << 4 | subtype(fc0);
  }

  private static void dataAddresses(Tree t, int ds) {
    address(t, 4, RA, RA_RESOLVED, true);
    address(t, 10, TA, TA_RESOLVED, true);
    switch (ds) {
      case 0:
        address(t, 4, DA, DA_RESOLVED, false);
        address(t, 10, SA, SA_RESOLVED, false);
        address(t, 16, BSSID, BSSID_RESOLVED, true);
        break;
      case 1:
        address(t, 16, DA, DA_RESOLVED, true);
        address(t, 10, SA, SA_RESOLVED, false);
        address(t, 4, BSSID, BSSID_RESOLVED, false);
        break;
      case 2:
        address(t, 4, DA, DA_RESOLVED, false);
        address(t, 16, SA, SA_RESOLVED, true);
        address(t, 10, BSSID, BSSID_RESOLVED, false);
        break;
      default:
        // tshark lists addr 4 (SA) among wlan.addr before addr 3 (DA).
        address(t, 16, DA, DA_RESOLVED, false);
        address(t, 24, SA, SA_RESOLVED, true);
        if (t.has(16, 6)) {
          t.bytes(ADDR, 16, 6);
          t.object(ADDR_RESOLVED, 16, 6, Addresses.mac(t.data(), t.start() + 16));
        }
        break;
    }
    station(t, ds);
  }

  /** The station address of a frame to or from the distribution system. */
  private static void station(Tree t, int ds) {
    if (ds == 1) {
      address(t, 10, STAA, STAA_RESOLVED, false);
    } else if (ds == 2) {
      address(t, 4, STAA, STAA_RESOLVED, false);
    }
  }

  private static void sequence(Tree t) {
    t.uintle(FRAG, 22, 2);
    t.uintle(SEQ, 22, 2);
  }

  private static void qos(Tree t, int rel, int ds, boolean noData) {
    int qos = t.u16le(rel);
    t.number(QOS, rel, 2, qos);
    t.enter();
    t.uintle(QOS_TID, rel, 2);
    t.uintle(QOS_PRIORITY, rel, 2);
    boolean fromAp = (ds & 0x02) != 0;
    t.uintle(fromAp ? QOS_EOSP : QOS_BIT4, rel, 2);
    t.uintle(QOS_ACK, rel, 2);
    if (!noData) {
      t.uintle(QOS_AMSDU, rel, 2);
    }
    if (fromAp) {
      t.uintle(QOS_PS_BUF_STATE, rel, 2);
      t.enter();
      t.uintle(QOS_BUF_STATE_INDICATED, rel, 2);
      if ((qos & 0x0200) != 0) {
        t.uintle(QOS_HIGHEST_PRI_BUF_AC, rel, 2);
        t.uintle(QOS_QAP_BUF_LOAD, rel, 2);
      }
      t.exit();
    } else {
      t.uintle((qos & 0x0010) != 0 ? QOS_QUEUE_SIZE : QOS_TXOP_DUR_REQ, rel, 2);
    }
    t.exit();
  }

  private static void address(Tree t, int rel, Field f, Field resolved, boolean addr) {
    t.bytes(f, rel, 6);
    if (!t.has(rel, 6)) {
      return;
    }
    t.enter();
    String text = Addresses.mac(t.data(), t.start() + rel);
    t.object(resolved, rel, 6, text);
    if (addr) {
      t.bytes(ADDR, rel, 6);
      t.object(ADDR_RESOLVED, rel, 6, text);
    }
    t.exit();
  }

  /** tshark's flag picture: "opmPRMFT" for set bits, dots for clear ones, "C" when an FCS is present. */
  static String flagString(int fc1, boolean fcs) {
    char[] c = new char[fcs ? 9 : 8];
    String letters = "opmPRMFT";
    for (int i = 0; i < 8; i++) {
      c[i] = (fc1 & (0x80 >> i)) != 0 ? letters.charAt(i) : '.';
    }
    if (fcs) {
      c[8] = 'C';
    }
    return new String(c);
  }

  private static String typeName(int fc0) {
    String name = TYPE_SUBTYPES.get((long) typeSubtype(fc0));
    return name != null ? name : "Unrecognized (Reserved frame)";
  }

  @Override
  public String label(Tree t) {
    if (encapsulated(t)) {
      return longName();
    }
    int header = (int) t.annotation(ANN_HEADER);
    if (!t.has(0, 2) || header <= 0) {
      return ""; // tshark's -T fields shows no text for a frame control cut short
    }
    if (!t.has(0, header)) {
      return "IEEE 802.11 " + typeName(t.u8(0)); // the flags come once the header was read
    }
    return "IEEE 802.11 " + typeName(t.u8(0)) + ", Flags: " + flagString(t.u8(1), t.annotation(ANN_FCS) != 0);
  }

  @Override
  public void columns(Tree t, Columns c) {
    if (encapsulated(t)) {
      if (t.u8(0) == PAYLOAD_TDLS && t.has(0, 3)) {
        c.protocol = "TDLS";
        int action = t.u8(2);
        String name = WlanElements.TDLS_ACTIONS.get((long) action);
        c.setInfo(name != null ? name : "TDLS Unknown Action (" + action + ")");
        if (WlanElements.tdlsHasDialogToken(action) && t.has(3, 1)) {
          c.info.append(", Dialog Token=").append(t.u8(3));
        }
      }
      return;
    }
    c.protocol = columnName();
    if (!t.has(0, 2)) {
      c.setInfo("");
      return;
    }
    int fc0 = t.u8(0);
    int fc1 = t.u8(1);
    int type = type(fc0);
    int subtype = subtype(fc0);
    boolean fcs = t.annotation(ANN_FCS) != 0;
    c.setInfo(typeName(fc0));
    int ds = fc1 & 0x03;
    int header = (int) t.annotation(ANN_HEADER);
    boolean whole = header > 0 && t.has(0, header);
    if (type == TYPE_CONTROL) {
      c.source = "";
      c.destination = "";
      if (t.has(4, 6)) {
        c.destination = Addresses.mac(t.data(), t.start() + 4) + (subtype == SUBTYPE_PS_POLL ? " (BSSID)" : " (RA)");
      }
      if (header >= 16 && t.has(10, 6)) {
        c.source = Addresses.mac(t.data(), t.start() + 10) + " (TA)";
      }
    } else {
      int src;
      int dst;
      if (type == TYPE_MGT) {
        src = 10;
        dst = 4;
      } else {
        dst = ds == 1 || ds == 3 ? 16 : 4;
        src = ds == 2 ? 16 : ds == 3 ? 24 : 10;
      }
      if (t.has(src, 6)) {
        c.source = Addresses.mac(t.data(), t.start() + src);
      }
      if (t.has(dst, 6)) {
        c.destination = Addresses.mac(t.data(), t.start() + dst);
      }
      if (!whole) {
        return; // tshark completes Info only once the whole header was read
      }
      if (t.has(22, 2)) {
        int sc = t.u16le(22);
        c.info.append(", SN=").append(sc >> 4).append(", FN=").append(sc & 0xf);
      }
    }
    c.info.append(", Flags=").append(flagString(fc1, fcs));
    if (type == TYPE_MGT) {
      int end = t.length() - (fcs ? 4 : 0);
      if ((subtype == SUBTYPE_BEACON || subtype == SUBTYPE_PROBE_RESPONSE) && t.has(header + 8, 2)) {
        c.info.append(", BI=").append(t.u16le(header + 8));
      }
      WlanElements.info(t, subtype, header, end, c.info);
    }
  }

  @Override
  public String shortName() {
    return "IEEE 802.11";
  }
}

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
 * IEEE 802.2 Logical Link Control (ISO/IEC 8802-2), with the SNAP extension (IEEE 802-2014
 * clause 9.3; RFC 1042 for EtherTypes under OUI 00-00-00).
 *
 * <pre>
 * +--------+--------+----------------+   +----------------+----------------+
 * |  DSAP  |  SSAP  | control (1-2)  |   | OUI (3 bytes)  | PID (2 bytes)  |  SNAP when DSAP = SSAP = 0xaa
 * +--------+--------+----------------+   +----------------+----------------+
 * control: U frames (low bits 11) are one byte; I (x0) and S (01) frames two, little-endian
 * </pre>
 *
 * An information frame (I or UI) is handed on by its DSAP ({@link Protocols.Table#LLC_SAP}); a
 * SNAP frame with OUI 00-00-00 or Cisco's 00-00-f8 by its PID through the EtherType table
 * (without the ethertype hand-off, as tshark 4.0 shows {@code eth:llc:ip}). Other OUIs' PIDs are
 * reported under the field tshark uses for that OUI and their payload stays data until their
 * protocols exist. Frames whose control field says otherwise carry data.
 */
public final class LlcDissector extends Dissector implements Protocols.Registrable {
  private static final Map<Long, String> SAPS = ValueNames.parse(
      """
      0x0=NULL LSAP|0x1=NULL LSAP|0x2=LLC Sub-Layer Management|0x4=SNA Path Control|0x6=TCP/IP|0x8=SNA|
      0xc=SNA|0xe=PROWAY (IEC955) Network Management and Initialization|0x10=NetWare (unofficial?)|
      0x14=ISO Network Layer (OSLAN 1)|0x18=Texas Instruments|0x20=ISO Network Layer (unofficial?)|
      0x34=ISO Network Layer (unofficial?)|0x42=Spanning Tree BPDU|
      0x4e=EIA RS-511 Manufacturing Message Service|0x54=ISO Network Layer (OSLAN 2)|
      0x7e=ISO 8208 (X.25 over 802.2)|0x7f=ISO 802.2|0x80=XNS|0x82=BACnet|0x86=Nestar|
      0x8e=PROWAY (IEC955) Active Station List Maintenance|0x98=ARP|0xb4=HP JetDirect Printer|
      0xaa=SNAP|0xba=Banyan Vines|0xbc=Banyan Vines|0xe0=NetWare|0xf0=NetBIOS|0xf4=IBM Net Management|
      0xf8=HP Extended LLC|0xfa=Ungermann-Bass|0xfc=Remote Program Load|0xfe=ISO Network Layer|
      0xff=Global LSAP|
      """);
  private static final Map<Long, String> U_COMMANDS = ValueNames.parse(
      "0x0=Unnumbered Information|0x8=Unnumbered Poll|0x10=Disconnect|0x18=Unnumbered Acknowledge|"
          + "0x20=Set Normal Response Mode|0x38=Test|0x1=Set Initialization Mode|0x21=Frame reject|0x31=Configure|"
          + "0x3=Set Asynchronous Response Mode|0xb=Set Asynchronous Balanced Mode|"
          + "0x13=Set Asynchronous Response Mode Extended|0x1b=Set Asynchronous Balanced Mode Extended|"
          + "0x23=Reset|0x2b=Exchange identification|0x33=Set Normal Response Mode Extended|0x3b=Beacon");
  private static final Map<Long, String> U_RESPONSES = ValueNames.parse(
      "0x0=Unnumbered Information|0x8=Unnumbered Poll|0x10=Request Disconnect|0x18=Unnumbered Acknowledge|"
          + "0x20=Set Normal Response Mode|0x38=Test|0x1=Request Initialization Mode|0x21=Frame reject|"
          + "0x31=Configure|0x3=Disconnected mode|0xb=Set Asynchronous Balanced Mode|"
          + "0x13=Set Asynchronous Response Mode Extended|0x1b=Set Asynchronous Balanced Mode Extended|"
          + "0x23=Reset|0x2b=Exchange identification|0x33=Set Normal Response Mode Extended|0x3b=Beacon");
  /** Short modifier names of the Info column, keyed by the modifier bits (control & 0xec). */
  private static final Map<Long, String> U_SHORT_COMMANDS = ValueNames.parse(
      "0x00=UI|0x20=UP|0x40=DISC|0x60=UA|0x80=SNRM|0xe0=TEST|0x04=SIM|0x84=FRMR|0xc4=CFGR|0x0c=SARM|"
          + "0x2c=SABM|0x4c=SARME|0x6c=SABME|0x8c=RESET|0xac=XID|0xcc=SNRME|0xec=BCN");
  private static final Map<Long, String> U_SHORT_RESPONSES = ValueNames.parse(
      "0x00=UI|0x20=UP|0x40=RD|0x60=UA|0x80=SNRM|0xe0=TEST|0x04=RIM|0x84=FRMR|0xc4=CFGR|0x0c=DM|"
          + "0x2c=SABM|0x4c=SARME|0x6c=SABME|0x8c=RESET|0xac=XID|0xcc=SNRME|0xec=BCN");
  private static final Map<Long, String> FRAME_TYPES = ValueNames.parse(
      "0x0=Information frame|0x1=Supervisory frame|0x3=Unnumbered frame");
  /** Organisation names tshark's manuf file gives the OUIs SNAP frames commonly carry. */
  private static final Map<Long, String> OUI_NAMES = ValueNames.parse(
      "0x000000=Officially Xerox, but 0:0:0:0:0:0 is more common|0x00000c=Cisco Systems, Inc|"
          + "0x0000f8=Cisco Systems, Inc|0x004096=Cisco Systems, Inc|0x080007=Apple, Inc.|0x0080c2=IEEE|"
          + "0x00e02b=Extreme Networks Headquarters|0x00e052=Brocade Communications Systems LLC|"
          + "0x000081=Bay Networks|0x00005e=ICANN, IANA Department|0x0001e8=Force10 Networks, Inc.|"
          + "0x001958=Bluetooth SIG, Inc.|0x080009=Hewlett Packard");

  public static final Field DSAP = Field.u8("llc.dsap", "DSAP").hex().labels(SAPS)
      .blurb("Destination Service Access Point");
  public static final Field DSAP_SAP = Field.u8("llc.dsap.sap", "SAP").mask(0xfe, 8).labels(v -> SAPS.get(v << 1))
      .blurb("Service Access Point");
  public static final Field DSAP_IG = Field.bool("llc.dsap.ig", "IG Bit").mask(0x01, 8).states("Group", "Individual")
      .blurb("Individual/Group");
  public static final Field SSAP = Field.u8("llc.ssap", "SSAP").hex().labels(SAPS).blurb("Source Service Access Point");
  public static final Field SSAP_SAP = Field.u8("llc.ssap.sap", "SAP").mask(0xfe, 8).labels(v -> SAPS.get(v << 1))
      .blurb("Service Access Point");
  public static final Field SSAP_CR = Field.bool("llc.ssap.cr", "CR Bit").mask(0x01, 8).states("Response", "Command")
      .blurb("Command/Response");
  public static final Field CONTROL = Field.u16("llc.control", "Control").hex();
  public static final Field N_R = Field.u16("llc.control.n_r", "N(R)").mask(0xfe00, 16);
  public static final Field N_S = Field.u16("llc.control.n_s", "N(S)").mask(0x00fe, 16);
  public static final Field P = Field.bool("llc.control.p", "Poll").mask(0x10, 8).states("Set", "Not set");
  public static final Field P_EXT = Field.bool("llc.control.p", "Poll").mask(0x0100, 16).states("Set", "Not set");
  public static final Field F = Field.bool("llc.control.f", "Final").mask(0x10, 8).states("Set", "Not set");
  public static final Field F_EXT = Field.bool("llc.control.f", "Final").mask(0x0100, 16).states("Set", "Not set");
  public static final Field S_FTYPE = Field.u16("llc.control.s_ftype", "Supervisory frame type").hex().mask(0x000c, 16)
      .labels(ValueNames.parse("0=Receiver ready|1=Receiver not ready|2=Reject|3=Selective reject"));
  public static final Field U_MODIFIER_CMD = Field.u8("llc.control.u_modifier_cmd", "Command").hex().mask(0xec, 8)
      .labels(U_COMMANDS);
  public static final Field U_MODIFIER_RESP = Field.u8("llc.control.u_modifier_resp", "Response").hex()
      .mask(0xec, 8).labels(U_RESPONSES);
  public static final Field FTYPE_I = Field.u16("llc.control.ftype", "Frame type").hex().mask(0x0001, 16)
      .labels(FRAME_TYPES);
  public static final Field FTYPE_S_U = Field.u8("llc.control.ftype", "Frame type").hex().mask(0x03, 8)
      .labels(FRAME_TYPES);
  public static final Field FTYPE_S_U_EXT = Field.u16("llc.control.ftype", "Frame type").hex().mask(0x0003, 16)
      .labels(FRAME_TYPES);
  public static final Field TYPE = Field.u16("llc.type", "Type").hex().labels(EtherTypes::name);
  public static final Field OUI = Field.u24("llc.oui", "Organization Code").labels(OUI_NAMES);
  public static final Field PID = Field.u16("llc.pid", "Protocol ID").hex();
  public static final Field EXTREME_PID = Field.u16("llc.extreme_pid", "PID").hex();
  public static final Field FOUNDRY_PID = Field.u16("llc.foundry_pid", "PID").hex();
  public static final Field APPLE_ATALK_PID = Field.u16("llc.apple_atalk_pid", "PID").hex()
      .labels(EtherTypes::name).blurb("Protocol ID");
  public static final Field FORCE10_PID = Field.u16("llc.force10_pid", "PID").hex();
  public static final Field IANA_PID = Field.u16("llc.iana_pid", "PID").hex();
  public static final Field CISCO_PID = Field.u16("llc.cisco_pid", "PID").hex().blurb("Protocol ID")
      .labels(ValueNames.parse("0x102=DRIP|0x104=PAgP|0x105=MLS Hello|0x108=RLQ BPDUs (request)|"
          + "0x109=RLQ BPDUs (response)|0x10b=PVSTP+|0x10c=VLAN Bridge|0x111=UDLD|0x139=MCP|0x2000=CDP|"
          + "0x2001=CGMP|0x2003=VTP|0x2004=DTP|0x200a=STP Uplink Fast"));
  public static final Field BLUETOOTH_PID = Field.u16("llc.bluetooth_pid", "PID").hex().blurb("Protocol ID");
  public static final Field WLCCP_PID = Field.u16("llc.wlccp_pid", "PID").hex();
  public static final Field NORTEL_PID = Field.u16("llc.nortel_pid", "PID").hex();

  private static final int SAP_SNAP = 0xaa;
  private static final int SNAP = 5;
  private static final int U_FRAME = 0x03;
  private static final int S_FRAME = 0x01;
  private static final int U_MODIFIER = 0xec;
  /** The XID command/response modifier bits of an unnumbered control field. */
  private static final int XID = 0xac;
  private static final long OUI_ENCAP_ETHER = 0x000000;
  private static final long OUI_CISCO_90 = 0x0000f8;
  private static final long OUI_CISCO = 0x00000c;
  private static final int CISCO_PID_CDP = 0x2000;
  private static final int CISCO_PID_DTP = 0x2004;
  private static final int CISCO_PID_PVSTP = 0x010b;
  private static final long OUI_IEEE_802_1 = 0x0080c2;
  private static final int BPID_ETH_WITHOUT_FCS = 0x0007;

  public LlcDissector() {
    super("llc", "Logical-Link Control", "LLC");
  }

  @Override
  public void register(Protocols p) {
    // Reached from 802.3 length frames (Ethernet, VLAN) and Linux cooked captures by name;
    // EtherType 0x8870 carries jumbo LLC frames.
    p.map(Protocols.Table.ETHERTYPE, 0x8870, this);
  }

  /** Length of the control field: one byte for U frames, two for I and S frames (extended operation). */
  private static int controlLength(int first) {
    return (first & 0x03) == U_FRAME ? 1 : 2;
  }

  /** Whether the control field makes this an information frame, I or UI (XDLC_IS_INFORMATION). */
  private static boolean information(int first) {
    return (first & 0x01) == 0 || (first & (U_MODIFIER | 0x03)) == U_FRAME;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    byte[] b = d.data();
    int s = d.start(layer);
    if (d.length(layer) < 3) {
      Truncation.report(d, layer, s, 3);
      return null;
    }
    int dsap = Bytes.u8(b, s);
    boolean snap = dsap == SAP_SNAP && Bytes.u8(b, s + 1) == SAP_SNAP;
    int first = Bytes.u8(b, s + 2);
    int header = 2 + controlLength(first) + (snap ? SNAP : 0);
    if (d.length(layer) < header) {
      Truncation.report(d, layer, s, header);
      return null;
    }
    d.payload(s + header, d.end(layer));
    boolean info = information(first);
    if (!snap) {
      if (!info && (first & (U_MODIFIER | 0x03)) == (XID | U_FRAME) && d.length(layer) > header
          && Bytes.u8(b, s + header) == BasicXidDissector.BASIC_FORMAT) {
        // An XID frame's information field in the basic format (tshark's basicxid).
        return d.protocols().byName("basicxid");
      }
      return info ? d.protocols().lookup(Protocols.Table.LLC_SAP, dsap) : null;
    }
    int p = s + header - SNAP;
    long oui = (long) Bytes.u16(b, p) << 8 | Bytes.u8(b, p + 2);
    int pid = Bytes.u16(b, p + 3);
    if (oui == OUI_ENCAP_ETHER || oui == OUI_CISCO_90) {
      return info ? d.protocols().etherType(pid) : null;
    }
    if (oui == OUI_CISCO && pid == CISCO_PID_CDP) {
      return d.protocols().byName("cdp");
    }
    if (oui == OUI_CISCO && pid == CISCO_PID_DTP) {
      return d.protocols().byName("dtp");
    }
    if (oui == OUI_CISCO && pid == CISCO_PID_PVSTP) {
      // Cisco PVST+ BPDUs: spanning tree, as tshark shows them.
      return d.protocols().byName("stp");
    }
    if (oui == OUI_IEEE_802_1 && pid == BPID_ETH_WITHOUT_FCS) {
      // RFC 2684/2427 bridged Ethernet; the 802.1 PIDs need no information-frame check.
      return d.protocols().byName("eth");
    }
    return null;
  }

  @Override
  public void fields(Tree t) {
    t.uint(DSAP, 0, 1);
    t.enter();
    t.uint(DSAP_SAP, 0, 1);
    t.uint(DSAP_IG, 0, 1);
    t.exit();
    t.uint(SSAP, 1, 1);
    t.enter();
    t.uint(SSAP_SAP, 1, 1);
    t.uint(SSAP_CR, 1, 1);
    t.exit();
    if (!t.has(0, 3)) {
      return;
    }
    int first = t.u8(2);
    boolean response = (t.u8(1) & 0x01) != 0;
    control(t, first, response);
    if (t.u8(0) == SAP_SNAP && t.u8(1) == SAP_SNAP) {
      snap(t, 2 + controlLength(first), information(first));
    }
  }

  private static void control(Tree t, int first, boolean response) {
    if ((first & 0x03) == U_FRAME) {
      t.number(CONTROL, 2, 1, first);
      t.enter();
      if ((first & 0x10) != 0) {
        t.uint(response ? F : P, 2, 1);
      }
      t.uint(response ? U_MODIFIER_RESP : U_MODIFIER_CMD, 2, 1);
      t.uint(FTYPE_S_U, 2, 1);
      t.exit();
      return;
    }
    int control = t.u16le(2);
    t.number(CONTROL, 2, 2, control);
    t.enter();
    t.uintle(N_R, 2, 2);
    if ((first & 0x03) == S_FRAME) {
      if ((control & 0x0100) != 0) {
        t.uintle(response ? F_EXT : P_EXT, 2, 2);
      }
      t.uintle(S_FTYPE, 2, 2);
      t.uintle(FTYPE_S_U_EXT, 2, 2);
    } else {
      t.uintle(N_S, 2, 2);
      if ((control & 0x0100) != 0) {
        t.uintle(P_EXT, 2, 2);
      }
      t.uintle(FTYPE_I, 2, 2);
    }
    t.exit();
  }

  private static void snap(Tree t, int off, boolean information) {
    long oui = t.uint(OUI, off, 3);
    if (!t.has(off + 3, 2)) {
      return;
    }
    Field pid = pidField(oui);
    if (pid == TYPE && !information) {
      return; // tshark shows no type for a non-information frame under these OUIs
    }
    t.uint(pid, off + 3, 2);
  }

  /** The field tshark reports a SNAP PID in, per OUI. */
  private static Field pidField(long oui) {
    if (oui == OUI_ENCAP_ETHER || oui == OUI_CISCO_90) {
      return TYPE;
    }
    switch ((int) oui) {
      case 0x00000c: return CISCO_PID;
      case 0x080007: return APPLE_ATALK_PID;
      case 0x00e02b: return EXTREME_PID;
      case 0x00e052: return FOUNDRY_PID;
      case 0x0001e8: return FORCE10_PID;
      case 0x00005e: return IANA_PID;
      case 0x001958: return BLUETOOTH_PID;
      case 0x004096: return WLCCP_PID;
      case 0x000081: return NORTEL_PID;
      default: return PID;
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    c.setInfo("");
    if (!t.has(0, 3)) {
      return;
    }
    int dsap = t.u8(0);
    int ssap = t.u8(1);
    int first = t.u8(2);
    boolean response = (ssap & 0x01) != 0;
    int clen = controlLength(first);
    if (!t.has(2, clen)) {
      return;
    }
    c.setInfo(controlInfo(t, first, response));
    if (dsap == SAP_SNAP && ssap == SAP_SNAP) {
      int off = 2 + clen;
      if (t.has(off, SNAP)) {
        long oui = t.u24(off);
        String name = OUI_NAMES.get(oui);
        c.info.append("; SNAP, OUI 0x").append(String.format("%06X", oui)).append(" (")
            .append(name != null ? name : "Unknown").append("), PID 0x")
            .append(String.format("%04X", t.u16(off + 3)));
      }
    } else {
      c.info.append("; DSAP ").append(sapName(dsap)).append((dsap & 1) != 0 ? " Group" : " Individual")
          .append(", SSAP ").append(sapName(ssap)).append(response ? " Response" : " Command");
    }
  }

  private static String sapName(int sap) {
    String name = SAPS.get((long) (sap & 0xfe));
    return name != null ? name : String.format("0x%02x", sap & 0xfe);
  }

  /** The xdlc summary: "U, func=UI", "S P, func=RR, N(R)=3", "I, N(R)=1, N(S)=2". */
  private static String controlInfo(Tree t, int first, boolean response) {
    if ((first & 0x03) == U_FRAME) {
      String pf = (first & 0x10) != 0 ? (response ? " F" : " P") : "";
      String m = (response ? U_SHORT_RESPONSES : U_SHORT_COMMANDS).get((long) (first & U_MODIFIER));
      return "U" + pf + ", func=" + (m != null ? m : "Unknown");
    }
    int control = t.u16le(2);
    boolean pfSet = (control & 0x0100) != 0;
    int nr = (control & 0xfe00) >> 9;
    if ((first & 0x03) == S_FRAME) {
      String[] names = {"RR", "RNR", "REJ", "SREJ"};
      return "S" + (pfSet ? (response ? " F" : " P") : "") + ", func=" + names[(control & 0x0c) >> 2]
          + ", N(R)=" + nr;
    }
    return "I" + (pfSet ? " P" : "") + ", N(R)=" + nr + ", N(S)=" + ((control & 0x00fe) >> 1);
  }
}

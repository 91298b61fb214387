package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.util.Map;

/**
 * The body of 802.11 management frames: the fixed fields each subtype starts with (IEEE Std
 * 802.11-2020 9.3.3) and the information elements after them (9.4.2: one byte element ID, one
 * byte length, the content), walked for {@link WlanDissector} under tshark's {@code wlan.mgt}
 * subtree. Elements decoded: SSID, supported and extended rates, DS parameter set, ERP, request,
 * SSID list, HT capabilities and vendor-specific headers; the rest show their number and length.
 */
final class WlanElements {
  private WlanElements() {}

  static final Map<Long, String> TAG_NAMES = ValueNames.parse(
      """
      0=SSID parameter set|1=Supported Rates|2=FH Parameter set|3=DS Parameter set|4=CF Parameter set|
      5=Traffic Indication Map (TIM)|6=IBSS Parameter set|7=Country Information|8=Hopping Pattern Parameters|
      9=Hopping Pattern Table|10=Request|11=QBSS Load Element|12=EDCA Parameter Set|13=TSPEC|14=TCLAS|
      15=Schedule|16=Challenge text|32=Power Constraint|33=Power Capability|34=TPC Request|35=TPC Report|
      36=Supported Channels|37=Channel Switch Announcement|38=Measurement Request|39=Measurement Report|
      40=Quiet|41=IBSS DFS|42=ERP Information|43=TS Delay|44=TCLAS Processing|
      45=HT Capabilities (802.11n D1.10)|46=QoS Capability|47=ERP Information|48=RSN Information|
      50=Extended Supported Rates|51=AP Channel Report|52=Neighbor Report|53=RCPI|
      54=Mobility Domain|55=Fast BSS Transition|56=Timeout Interval|57=RIC Data|58=DSE Registered Location|
      59=Supported Operating Classes|60=Extended Channel Switch Announcement|
      61=HT Information (802.11n D1.10)|62=Secondary Channel Offset (802.11n D1.10)|63=BSS Average Access Delay|
      64=Antenna|65=RSNI|66=Measurement Pilot Transmission|67=BSS Available Admission Capacity|
      68=BSS AC Access Delay|69=Time Advertisement|70=RM Enabled Capabilities|71=Multiple BSSID|
      72=20/40 BSS Coexistence|73=20/40 BSS Intolerant Channel Report|74=Overlapping BSS Scan Parameters|
      75=RIC Descriptor|76=Management MIC|78=Event Request|79=Event Report|80=Diagnostic Request|
      81=Diagnostic Report|82=Location Parameters|83=Non Transmitted BSSID Capability|84=SSID List|
      85=Multiple BSSID-Index|86=FMS Descriptor|87=FMS Request|88=FMS Response|89=QoS Traffic Capability|
      90=BSS Max Idle Period|91=TFS Request|92=TFS Response|93=WNM-Sleep Mode|94=TIM Broadcast Request|
      95=TIM Broadcast Response|96=Collocated Interference Report|97=Channel Usage|98=Time Zone|
      99=DMS Request|100=DMS Response|101=Link Identifier|102=Wakeup Schedule|104=Channel Switch Timing|
      105=PTI Control|106=PU Buffer Status|107=Interworking|108=Advertisement Protocol|
      109=Expedited Bandwidth Request|110=QoS Map Set|111=Roaming Consortium|112=Emergency Alert Identifier|
      113=Mesh Configuration|114=Mesh ID|127=Extended Capabilities|191=VHT Capabilities|
      192=VHT Operation|221=Vendor Specific|255=Element ID Extension|
      """);

  public static final Field FIXED_ALL = Field.none("wlan.fixed.all", "Fixed parameters");
  public static final Field TAGGED_ALL = Field.none("wlan.tagged.all", "Tagged parameters");
  public static final Field TIMESTAMP = Field.u64("wlan.fixed.timestamp", "Timestamp");
  public static final Field BEACON = Field.u32("wlan.fixed.beacon", "Beacon Interval");
  public static final Field CAPABILITIES = Field.u16("wlan.fixed.capabilities", "Capabilities Information").hex()
      .blurb("Capability information");
  private static final Field[] CAPABILITY_BITS = {
      Field.bool("wlan.fixed.capabilities.ess", "ESS capabilities").mask(0x0001, 16)
          .states("Transmitter is an AP", "Transmitter is a STA"),
      Field.bool("wlan.fixed.capabilities.ibss", "IBSS status").mask(0x0002, 16)
          .states("Transmitter belongs to an IBSS", "Transmitter belongs to a BSS"),
      Field.u16("wlan.fixed.capabilities.reserved1", "Reserved").mask(0x0004, 16),
      Field.u16("wlan.fixed.capabilities.reserved2", "Reserved").mask(0x0008, 16),
      Field.bool("wlan.fixed.capabilities.privacy", "Privacy").mask(0x0010, 16)
          .states("AP/STA can support WEP", "AP/STA cannot support WEP"),
      Field.bool("wlan.fixed.capabilities.short_preamble", "Short Preamble").mask(0x0020, 16)
          .states("Allowed", "Not Allowed"),
      Field.u16("wlan.fixed.capabilities.reserved3", "Reserved").mask(0x0040, 16),
      Field.u16("wlan.fixed.capabilities.reserved4", "Reserved").mask(0x0080, 16),
      Field.bool("wlan.fixed.capabilities.spec_man", "Spectrum Management").mask(0x0100, 16)
          .states("Implemented", "Not Implemented"),
      Field.bool("wlan.fixed.capabilities.qos", "QoS").mask(0x0200, 16).states("Implemented", "Not Implemented"),
      Field.bool("wlan.fixed.capabilities.short_slot_time", "Short Slot Time").mask(0x0400, 16)
          .states("In use", "Not in use"),
      Field.bool("wlan.fixed.capabilities.apsd", "Automatic Power Save Delivery").mask(0x0800, 16)
          .states("Implemented", "Not Implemented"),
      Field.bool("wlan.fixed.capabilities.radio_measurement", "Radio Measurement").mask(0x1000, 16)
          .states("Implemented", "Not Implemented"),
      Field.bool("wlan.fixed.capabilities.epd", "EPD").mask(0x2000, 16).states("Implemented", "Not Implemented"),
      Field.u16("wlan.fixed.capabilities.reserved5", "Reserved").mask(0x4000, 16),
      Field.u16("wlan.fixed.capabilities.reserved6", "Reserved").mask(0x8000, 16),
  };
  public static final Field CAPABILITIES_ESS = CAPABILITY_BITS[0];
  public static final Field CAPABILITIES_IBSS = CAPABILITY_BITS[1];
  public static final Field CAPABILITIES_RESERVED1 = CAPABILITY_BITS[2];
  public static final Field CAPABILITIES_RESERVED2 = CAPABILITY_BITS[3];
  public static final Field CAPABILITIES_PRIVACY = CAPABILITY_BITS[4];
  public static final Field CAPABILITIES_SHORT_PREAMBLE = CAPABILITY_BITS[5];
  public static final Field CAPABILITIES_RESERVED3 = CAPABILITY_BITS[6];
  public static final Field CAPABILITIES_RESERVED4 = CAPABILITY_BITS[7];
  public static final Field CAPABILITIES_SPEC_MAN = CAPABILITY_BITS[8];
  public static final Field CAPABILITIES_QOS = CAPABILITY_BITS[9];
  public static final Field CAPABILITIES_SHORT_SLOT_TIME = CAPABILITY_BITS[10];
  public static final Field CAPABILITIES_APSD = CAPABILITY_BITS[11];
  public static final Field CAPABILITIES_RADIO_MEASUREMENT = CAPABILITY_BITS[12];
  public static final Field CAPABILITIES_EPD = CAPABILITY_BITS[13];
  public static final Field CAPABILITIES_RESERVED5 = CAPABILITY_BITS[14];
  public static final Field CAPABILITIES_RESERVED6 = CAPABILITY_BITS[15];
  public static final Field LISTEN_IVAL = Field.u16("wlan.fixed.listen_ival", "Listen Interval").hex();
  public static final Field CURRENT_AP = Field.ether("wlan.fixed.current_ap", "Current AP");
  public static final Field STATUS_CODE = Field.u16("wlan.fixed.status_code", "Status code").hex()
      .blurb("Status of requested event").labels(ValueNames.parse("0=Successful|1=Unspecified failure"));
  public static final Field AID = Field.u16("wlan.fixed.aid", "Association ID").hex().mask(0x3fff, 16);
  public static final Field AUTH_ALG = Field.u16("wlan.fixed.auth.alg", "Authentication Algorithm")
      .labels(ValueNames.parse("0=Open System|1=Shared key|2=Fast BSS Transition|3=Simultaneous Authentication of Equals (SAE)"));
  public static final Field AUTH_SEQ = Field.u16("wlan.fixed.auth_seq", "Authentication SEQ").hex()
      .blurb("Authentication Sequence Number");
  public static final Field REASON_CODE = Field.u16("wlan.fixed.reason_code", "Reason code").hex();
  public static final Field CATEGORY_CODE = Field.u16("wlan.fixed.category_code", "Category code")
      .blurb("Management action category");
  public static final Field ACTION_CODE = Field.u8("wlan.fixed.action_code", "Action code")
      .blurb("Management action code");
  public static final Field DIALOG_TOKEN = Field.u8("wlan.fixed.dialog_token", "Dialog token").hex()
      .blurb("Management action dialog token");
  public static final Field TAG = Field.none("wlan.tag", "Tag");
  public static final Field TAG_NUMBER = Field.u8("wlan.tag.number", "Tag Number").labels(TAG_NAMES)
      .blurb("Element ID");
  public static final Field TAG_LENGTH = Field.u32("wlan.tag.length", "Tag length").blurb("Length of tag");
  public static final Field TAG_DATA = Field.bytes("wlan.tag.data", "Tag Data").blurb("Data Interpretation of tag");
  static final Expert TAG_UNDECODED = new Expert("wlan.tag.data.undecoded", Expert.Severity.NOTE, "Undecoded",
      "Dissector for 802.11 IE Tag code not implemented, Contact Wireshark developers if you want this supported");
  public static final Field SSID = Field.bytes("wlan.ssid", "SSID").blurb("Indicates the identity of an ESS or IBSS");
  public static final Field SUPPORTED_RATES = Field.u8("wlan.supported_rates", "Supported Rates").hex()
      .blurb("In Mbit/sec, (B) for Basic Rates");
  public static final Field EXTENDED_SUPPORTED_RATES = Field.u8("wlan.extended_supported_rates",
      "Extended Supported Rates").hex().blurb("In Mbit/sec, (B) for Basic Rates");
  public static final Field CURRENT_CHANNEL = Field.u8("wlan.ds.current_channel", "Current Channel")
      .blurb("DS Parameter Set - Current Channel");
  public static final Field REQUEST = Field.u8("wlan.tag.request", "Requested Element ID").labels(TAG_NAMES);
  public static final Field ERP_INFO = Field.u8("wlan.erp_info", "ERP Information").hex();
  public static final Field ERP_PRESENT = Field.bool("wlan.erp_info.erp_present", "Non ERP Present").mask(0x01, 8)
      .states("Set", "Not set");
  public static final Field ERP_USE_PROTECTION = Field.bool("wlan.erp_info.use_protection", "Use Protection")
      .mask(0x02, 8).states("Set", "Not set");
  public static final Field ERP_BARKER = Field.bool("wlan.erp_info.barker_preamble_mode", "Barker Preamble Mode")
      .mask(0x04, 8).states("Set", "Not set");
  public static final Field ERP_RESERVED = Field.u8("wlan.erp_info.reserved", "Reserved").hex().mask(0xf8, 8);
  public static final Field LINK_ID_BSSID = Field.ether("wlan.link_id.bssid", "BSSID");
  public static final Field LINK_ID_INIT_STA = Field.ether("wlan.link_id.init_sta", "TDLS initiator STA Address");
  public static final Field LINK_ID_RESP_STA = Field.ether("wlan.link_id.resp_sta", "TDLS responder STA Address");
  public static final Field OUI = Field.u24("wlan.tag.oui", "OUI").blurb("OUI of vendor specific IE");
  public static final Field VENDOR_OUI_TYPE = Field.u8("wlan.tag.vendor.oui.type", "Vendor Specific OUI Type");
  public static final Field VENDOR_DATA = Field.bytes("wlan.tag.vendor.data", "Vendor Specific Data")
      .blurb("Unknown/undecoded Vendor Specific Data");

  public static final Field WFA_IE_TYPE = Field.u8("wlan.wfa.ie.type", "Type").hex()
      .labels(ValueNames.parse("1=WPA Information Element|2=WMM/WME|4=WPS"));
  public static final Field WME_SUBTYPE = Field.u8("wlan.wfa.ie.wme.subtype", "WME Subtype")
      .labels(ValueNames.parse("0=Information Element|1=Parameter Element|2=TSPEC Element"));
  public static final Field WME_VERSION = Field.u8("wlan.wfa.ie.wme.version", "WME Version");
  public static final Field WME_QOS_INFO = Field.u8("wlan.wfa.ie.wme.qos_info", "WME QoS Info").hex();
  public static final Field WME_STA_MAX_SP = Field.u8("wlan.wfa.ie.wme.qos_info.sta.max_sp_length", "Max SP Length")
      .hex().mask(0x60, 8);
  public static final Field WME_STA_AC_BE = Field.bool("wlan.wfa.ie.wme.qos_info.sta.ac_be", "AC_BE").mask(0x08, 8)
      .states("Enabled", "Disabled");
  public static final Field WME_STA_AC_BK = Field.bool("wlan.wfa.ie.wme.qos_info.sta.ac_bk", "AC_BK").mask(0x04, 8)
      .states("Enabled", "Disabled");
  public static final Field WME_STA_AC_VI = Field.bool("wlan.wfa.ie.wme.qos_info.sta.ac_vi", "AC_VI").mask(0x02, 8)
      .states("Enabled", "Disabled");
  public static final Field WME_STA_AC_VO = Field.bool("wlan.wfa.ie.wme.qos_info.sta.ac_vo", "AC_VO").mask(0x01, 8)
      .states("Enabled", "Disabled");
  public static final Field WME_STA_RESERVED = Field.u8("wlan.wfa.ie.wme.qos_info.sta.reserved", "Reserved").hex()
      .mask(0x90, 8);
  public static final Field WME_AP_U_APSD = Field.bool("wlan.wfa.ie.wme.qos_info.ap.u_apsd", "U-APSD").mask(0x80, 8)
      .states("Enabled", "Disabled");
  public static final Field WME_AP_COUNT = Field.u8("wlan.wfa.ie.wme.qos_info.ap.parameter_set_count",
      "Parameter Set Count").hex().mask(0x0f, 8);
  public static final Field WME_AP_RESERVED = Field.u8("wlan.wfa.ie.wme.qos_info.ap.reserved", "Reserved").hex()
      .mask(0x70, 8);
  public static final Field WME_RESERVED = Field.bytes("wlan.wfa.ie.wme.reserved", "Reserved");
  public static final Field WME_ACP = Field.none("wlan.wfa.ie.wme.acp", "Ac Parameters");
  public static final Field WME_ACI_AIFSN = Field.u8("wlan.wfa.ie.wme.acp.aci_aifsn", "ACI / AIFSN Field").hex();
  public static final Field WME_AIFSN = Field.u8("wlan.wfa.ie.wme.acp.aifsn", "AIFSN").mask(0x0f, 8);
  public static final Field WME_ACM = Field.bool("wlan.wfa.ie.wme.acp.acm", "Admission Control Mandatory")
      .mask(0x10, 8).states("Yes", "No");
  public static final Field WME_ACI = Field.u8("wlan.wfa.ie.wme.acp.aci", "ACI").mask(0x60, 8)
      .labels(ValueNames.parse("0=Best Effort|1=Background|2=Video|3=Voice"));
  public static final Field WME_ACP_RESERVED = Field.u8("wlan.wfa.ie.wme.acp.reserved", "Reserved").mask(0x80, 8);
  public static final Field WME_ECW = Field.u8("wlan.wfa.ie.wme.acp.ecw", "ECW").hex();
  public static final Field WME_ECW_MAX = Field.u8("wlan.wfa.ie.wme.acp.ecw.max", "ECW Max").mask(0xf0, 8);
  public static final Field WME_ECW_MIN = Field.u8("wlan.wfa.ie.wme.acp.ecw.min", "ECW Min").mask(0x0f, 8);
  public static final Field WME_CW_MAX = Field.u8("wlan.wfa.ie.wme.acp.cw.max", "CW Max");
  public static final Field WME_CW_MIN = Field.u8("wlan.wfa.ie.wme.acp.cw.min", "CW Min");
  public static final Field WME_TXOP_LIMIT = Field.u16("wlan.wfa.ie.wme.acp.txop_limit", "TXOP Limit");

  private static final int OUI_MICROSOFT = 0x0050f2;
  private static final int WFA_TYPE_WME = 2;

  private static final int TAG_SSID = 0;
  private static final int TAG_RATES = 1;
  private static final int TAG_DS = 3;
  private static final int TAG_REQUEST = 10;
  private static final int TAG_ERP = 42;
  private static final int TAG_HT_CAPABILITIES = 45;
  private static final int TAG_EXT_RATES = 50;
  private static final int TAG_HT_INFORMATION = 61;
  private static final int TAG_SSID_LIST = 84;
  private static final int TAG_CHANNEL_USAGE = 97;
  private static final int TAG_MESH_ID = 114;
  private static final int TAG_LINK_ID = 101;
  private static final int TAG_VENDOR = 221;

  /** OUIs whose vendor elements tshark decodes further (so it shows no "Vendor Specific Data"). */
  private static boolean decodedOui(int oui) {
    switch (oui) {
      case 0x0050f2: // Microsoft: WPA, WMM, WPS
      case 0x506f9a: // Wi-Fi Alliance
      case 0x00904c: // Broadcom (Epigram): pre-standard HT
      case 0x004096: // Cisco Aironet
      case 0x00037f: // Atheros
      case 0x000b86: // Aruba
        return true;
      default:
        return false;
    }
  }

  /**
   * Walks a WMM/WME element (Wi-Fi Alliance WMM specification 2.2) from its type byte at {@code p}:
   * the QoS info byte reads as an AP's in frames from APs and as a station's in (re)association
   * and probe requests.
   */
  private static void wme(Tree t, int p, int end, int subtype) {
    t.uint(WFA_IE_TYPE, p, 1);
    if (end - p < 4) {
      return;
    }
    int wmeSubtype = t.u8(p + 1);
    t.uint(WME_SUBTYPE, p + 1, 1);
    t.uint(WME_VERSION, p + 2, 1);
    if (wmeSubtype > 1) {
      return;
    }
    t.uint(WME_QOS_INFO, p + 3, 1);
    t.enter();
    if (subtype == 0 || subtype == 2 || subtype == 4) {
      for (Field f : new Field[] {WME_STA_MAX_SP, WME_STA_AC_BE, WME_STA_AC_BK, WME_STA_AC_VI, WME_STA_AC_VO,
          WME_STA_RESERVED}) {
        t.uint(f, p + 3, 1);
      }
    } else {
      t.uint(WME_AP_U_APSD, p + 3, 1);
      t.uint(WME_AP_COUNT, p + 3, 1);
      t.uint(WME_AP_RESERVED, p + 3, 1);
    }
    t.exit();
    if (wmeSubtype != 1 || end - p < 5) {
      return;
    }
    t.bytes(WME_RESERVED, p + 4, 1);
    for (int a = p + 5; a + 4 <= end; a += 4) {
      t.object(WME_ACP, a, 4, null);
      t.enter();
      t.uint(WME_ACI_AIFSN, a, 1);
      t.enter();
      t.uint(WME_AIFSN, a, 1);
      t.uint(WME_ACM, a, 1);
      t.uint(WME_ACI, a, 1);
      t.uint(WME_ACP_RESERVED, a, 1);
      t.exit();
      int ecw = t.u8(a + 1);
      t.uint(WME_ECW, a + 1, 1);
      t.enter();
      t.uint(WME_ECW_MAX, a + 1, 1);
      t.uint(WME_ECW_MIN, a + 1, 1);
      t.number(WME_CW_MAX, a + 1, 1, (1 << (ecw >> 4)) - 1);
      t.number(WME_CW_MIN, a + 1, 1, (1 << (ecw & 0x0f)) - 1);
      t.exit();
      t.uintle(WME_TXOP_LIMIT, a + 2, 2);
      t.exit();
    }
  }

  /** Length of the fixed fields that start the body of management subtype {@code subtype}. */
  static int fixedLength(int subtype) {
    switch (subtype) {
      case 0: return 4;   // association request: capabilities, listen interval
      case 1: case 3: return 6; // (re)association response: capabilities, status, AID
      case 2: return 10;  // reassociation request: + current AP
      case 5: case 8: return 12; // probe response, beacon: timestamp, interval, capabilities
      case 10: case 12: return 2; // disassociation, deauthentication: reason
      case 11: return 6;  // authentication: algorithm, sequence, status
      case 13: case 14: return 1; // action: category (the rest depends on it)
      default: return 0;
    }
  }

  /** Walks the body at {@code [from, end)} of a management frame of {@code subtype}. */
  static void body(Tree t, int subtype, int from, int end) {
    int fixed = Math.min(fixedLength(subtype), end - from);
    if (fixed > 0) {
      t.object(FIXED_ALL, from, fixed, "Fixed parameters (" + fixed + " bytes)");
      t.enter();
      fixed(t, subtype, from);
      t.exit();
    }
    int p = from + fixed;
    if (subtype == 13 || subtype == 14) {
      return; // action frames: elements only after category-specific fields
    }
    if (p < end) {
      t.object(TAGGED_ALL, p, end - p, "Tagged parameters (" + (end - p) + " bytes)");
      t.enter();
      elements(t, p, end, subtype);
      t.exit();
    }
  }

  private static void fixed(Tree t, int subtype, int p) {
    switch (subtype) {
      case 0:
        capabilities(t, p);
        t.uintle(LISTEN_IVAL, p + 2, 2);
        break;
      case 1: case 3:
        capabilities(t, p);
        t.uintle(STATUS_CODE, p + 2, 2);
        t.uintle(AID, p + 4, 2);
        break;
      case 2:
        capabilities(t, p);
        t.uintle(LISTEN_IVAL, p + 2, 2);
        t.bytes(CURRENT_AP, p + 4, 6);
        break;
      case 5: case 8:
        t.uintle(TIMESTAMP, p, 8);
        t.uintle(BEACON, p + 8, 2);
        capabilities(t, p + 10);
        break;
      case 10: case 12:
        t.uintle(REASON_CODE, p, 2);
        break;
      case 11:
        t.uintle(AUTH_ALG, p, 2);
        t.uintle(AUTH_SEQ, p + 2, 2);
        t.uintle(STATUS_CODE, p + 4, 2);
        break;
      case 13: case 14:
        t.uint(CATEGORY_CODE, p, 1);
        break;
      default:
        break;
    }
  }

  private static void capabilities(Tree t, int p) {
    t.uintle(CAPABILITIES, p, 2);
    t.enter();
    for (Field f : CAPABILITY_BITS) {
      t.uintle(f, p, 2);
    }
    t.exit();
  }

  /** Walks the information elements at {@code [p, end)}. */
  static void elements(Tree t, int p, int end, int subtype) {
    while (p + 2 <= end && t.has(p, 2)) {
      int id = t.u8(p);
      int len = t.u8(p + 1);
      int body = p + 2;
      int stop = Math.min(body + len, end);
      String name = t.wants(TAG) ? TAG_NAMES.get((long) id) : null;
      t.object(TAG, p, Math.min(2 + len, end - p), name != null ? "Tag: " + name : null);
      t.enter();
      t.uint(TAG_NUMBER, p, 1);
      t.uint(TAG_LENGTH, p + 1, 1);
      element(t, id, body, stop, subtype);
      t.exit();
      p = body + len;
    }
  }

  private static void element(Tree t, int id, int p, int end, int subtype) {
    switch (id) {
      case TAG_SSID:
        if (end > p) {
          t.bytes(SSID, p, end - p);
        } else {
          t.object(SSID, p, 0, "<MISSING>"); // the wildcard SSID, as tshark prints it
        }
        break;
      case TAG_RATES:
        for (int i = p; i < end; i++) {
          t.uint(SUPPORTED_RATES, i, 1);
        }
        break;
      case TAG_EXT_RATES:
        for (int i = p; i < end; i++) {
          t.uint(EXTENDED_SUPPORTED_RATES, i, 1);
        }
        break;
      case TAG_DS:
        if (end > p) {
          t.uint(CURRENT_CHANNEL, p, 1);
        }
        break;
      case TAG_REQUEST:
        for (int i = p; i < end; i++) {
          t.uint(REQUEST, i, 1);
        }
        break;
      case TAG_ERP:
        if (end > p) {
          t.uint(ERP_INFO, p, 1);
          t.enter();
          t.uint(ERP_PRESENT, p, 1);
          t.uint(ERP_USE_PROTECTION, p, 1);
          t.uint(ERP_BARKER, p, 1);
          t.uint(ERP_RESERVED, p, 1);
          t.exit();
        }
        break;
      case TAG_HT_CAPABILITIES:
        WlanHtElements.capabilities(t, p, end);
        break;
      case TAG_HT_INFORMATION:
        WlanHtElements.information(t, p, end);
        break;
      case TAG_SSID_LIST:
        // Nested SSID elements, shown without their own "Tag" item.
        for (int q = p; q + 2 <= end && t.has(q, 2); ) {
          int len = t.u8(q + 1);
          t.uint(TAG_NUMBER, q, 1);
          t.uint(TAG_LENGTH, q + 1, 1);
          if (t.u8(q) == TAG_SSID && len > 0) {
            t.bytes(SSID, q + 2, Math.min(len, end - q - 2));
          }
          q += 2 + len;
        }
        break;
      case TAG_CHANNEL_USAGE:
        if (end > p) {
          t.bytes(TAG_DATA, p, end - p);
          t.expert(TAG_UNDECODED, p, end - p,
              "Dissector for 802.11 IE Tag (Channel Usage) code not implemented, Contact Wireshark developers if you want this supported");
        }
        break;
      case TAG_LINK_ID:
        if (end - p >= 18) {
          t.bytes(LINK_ID_BSSID, p, 6);
          t.bytes(LINK_ID_INIT_STA, p + 6, 6);
          t.bytes(LINK_ID_RESP_STA, p + 12, 6);
        }
        break;
      case TAG_VENDOR:
        if (end - p >= 3) {
          int oui = (int) t.uint(OUI, p, 3);
          if (end - p >= 4) {
            t.uint(VENDOR_OUI_TYPE, p + 3, 1);
            if (oui == OUI_MICROSOFT && t.u8(p + 3) == WFA_TYPE_WME) {
              wme(t, p + 3, end, subtype);
            } else if (!decodedOui(oui)) {
              t.bytes(VENDOR_DATA, p + 3, end - p - 3);
            }
          }
        }
        break;
      default:
        break;
    }
  }

  static final Map<Long, String> TDLS_ACTIONS = ValueNames.parse(
      "0=TDLS Setup Request|1=TDLS Setup Response|2=TDLS Setup Confirm|3=TDLS Teardown|"
          + "4=TDLS Peer Traffic Indication|5=TDLS Channel Switch Request|6=TDLS Channel Switch Response|"
          + "7=TDLS Peer PSM Request|8=TDLS Peer PSM Response|9=TDLS Peer Traffic Response|10=TDLS Discovery Request");
  private static final int TDLS_DISCOVERY_REQUEST = 10;
  private static final int CATEGORY_TDLS = 12;

  /**
   * Walks a TDLS action (IEEE Std 802.11-2020 9.6.12) carried in an 802.11 data encapsulation
   * frame at {@code [p, end)}: category, action code and, for discovery requests, the dialog
   * token and elements.
   */
  static void tdls(Tree t, int p, int end) {
    t.uint(CATEGORY_CODE, p, 1);
    t.uint(ACTION_CODE, p + 1, 1);
    if (t.u8(p) != CATEGORY_TDLS || t.u8(p + 1) != TDLS_DISCOVERY_REQUEST) {
      return;
    }
    t.uint(DIALOG_TOKEN, p + 2, 1);
    int q = p + 3;
    if (q < end) {
      t.object(TAGGED_ALL, q, end - q, "Tagged parameters (" + (end - q) + " bytes)");
      t.enter();
      elements(t, q, end, -1);
      t.exit();
    }
  }

  /** Whether the TDLS action at {@code p} carries a dialog token right after its action code. */
  static boolean tdlsHasDialogToken(int action) {
    return action <= 2 || action == 4 || (action >= 7 && action <= 10);
  }

  /** Appends tshark's {@code , SSID="..."} (and the mesh ID) of the body's elements to Info. */
  static void info(Tree t, int subtype, int from, int end, StringBuilder info) {
    if (subtype == 13 || subtype == 14) {
      return;
    }
    int p = from + fixedLength(subtype);
    boolean ssid = false;
    boolean mesh = false;
    while (p + 2 <= end && t.has(p, 2)) {
      int id = t.u8(p);
      int len = Math.min(t.u8(p + 1), end - p - 2);
      if (id == TAG_SSID && !ssid) {
        ssid = true;
        if (len == 0) {
          info.append(", SSID=Wildcard (Broadcast)");
        } else if (printable(t, p + 2, len)) {
          info.append(", SSID=\"");
          escape(t, p + 2, len, info);
          info.append('"');
        } else {
          info.append(", SSID=");
          for (int i = 0; i < len && t.has(p + 2 + i, 1); i++) {
            int c = t.u8(p + 2 + i);
            info.append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
          }
        }
      } else if (id == TAG_MESH_ID && !mesh && len > 0) {
        mesh = true;
        info.append(", MESHID=");
        escape(t, p + 2, len, info);
      }
      p += 2 + t.u8(p + 1);
    }
  }

  /** Whether an SSID has no control characters (tshark shows it quoted, else as hex). */
  private static boolean printable(Tree t, int p, int len) {
    for (int i = 0; i < len && t.has(p + i, 1); i++) {
      int c = t.u8(p + i);
      if (c < 0x20 || c == 0x7f) {
        return false;
      }
    }
    return true;
  }

  /** Wireshark's format_text: printable ASCII as is, C escapes, other bytes as octal. */
  private static void escape(Tree t, int p, int len, StringBuilder sb) {
    for (int i = 0; i < len && t.has(p + i, 1); i++) {
      int c = t.u8(p + i);
      switch (c) {
        case '\\': sb.append("\\\\"); break;
        case 7: sb.append("\\a"); break;
        case 8: sb.append("\\b"); break;
        case 12: sb.append("\\f"); break;
        case 10: sb.append("\\n"); break;
        case 13: sb.append("\\r"); break;
        case 9: sb.append("\\t"); break;
        case 11: sb.append("\\v"); break;
        default:
          if (c >= 0x20 && c < 0x7f) {
            sb.append((char) c);
          } else {
            sb.append('\\').append((char) ('0' + (c >> 6))).append((char) ('0' + ((c >> 3) & 7)))
                .append((char) ('0' + (c & 7)));
          }
      }
    }
  }
}

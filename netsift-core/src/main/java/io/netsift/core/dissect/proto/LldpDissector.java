package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Addresses;
import io.netsift.core.field.Field;
import io.netsift.core.field.Strings;

/**
 * Link Layer Discovery Protocol (IEEE 802.1AB-2016 clause 8, EtherType 0x88cc): TLVs of a
 * 7-bit type and a 9-bit length until End of LLDPDU, with the mandatory chassis id, port id
 * and time to live first, and the IEEE 802.1 and 802.3 organisationally specific TLVs.
 *
 * <pre>
 * +-------------+-----------------+------------------------
 * | type (7 b)  | length (9 bits) | value (length bytes) ...
 * +-------------+-----------------+------------------------
 * </pre>
 */
public final class LldpDissector extends Dissector implements Protocols.Registrable {
  public static final Field TLV_TYPE = Field.u16("lldp.tlv.type", "TLV Type").mask(0xfe00, 16)
      .labels(ValueNames.parse("0=End of LLDPDU|1=Chassis Id|2=Port Id|3=Time to Live|4=Port Description|"
          + "5=System Name|6=System Description|7=System Capabilities|8=Management Address|"
          + "127=Organization Specific"));
  public static final Field TLV_LEN = Field.u16("lldp.tlv.len", "TLV Length").mask(0x01ff, 16);
  public static final Field CHASSIS_SUBTYPE = Field.u8("lldp.chassis.subtype", "Chassis Id Subtype")
      .labels(ValueNames.parse("0=Reserved|1=Chassis component|2=Interface alias|3=Port component|4=MAC address|"
          + "5=Network address|6=Interface name|7=Locally assigned"));
  public static final Field NETWORK_ADDRESS_SUBTYPE = Field.u8("lldp.network_address.subtype",
      "Network Address family").labels(ValueNames.parse("1=IPv4|2=IPv6|6=802 (includes all 802 media plus Ethernet)"));
  public static final Field MGN_ADDRESS_LEN = Field.u8("lldp.mgn.address.len", "Address String Length");
  public static final Field MGN_ADDRESS_SUBTYPE = Field.u8("lldp.mgn.address.subtype", "Address Subtype")
      .labels(ValueNames.parse("1=IPv4|2=IPv6|6=802 (includes all 802 media plus Ethernet)"));
  public static final Field MGN_ADDR_IP4 = Field.ipv4("lldp.mgn.addr.ip4", "Management Address");
  public static final Field MGN_ADDR_IP6 = Field.ipv6("lldp.mgn.addr.ip6", "Management Address");
  public static final Field MGN_ADDR_HEX = Field.bytes("lldp.mgn.addr.hex", "Management Address");
  public static final Field MGN_INTERFACE_SUBTYPE = Field.u8("lldp.mgn.interface.subtype", "Interface Subtype")
      .labels(ValueNames.parse("1=Unknown|2=ifIndex|3=System port number"));
  public static final Field MGN_INTERFACE_NUMBER = Field.u32("lldp.mgn.interface.number", "Interface Number");
  public static final Field MGN_OBJ_LEN = Field.u8("lldp.mgn.obj.len", "OID String Length");
  public static final Field UNKNOWN_SUBTYPE_VALUE = Field.u8("lldp.unknown_subtype", "Unknown Subtype");
  public static final Field CHASSIS_ID = Field.bytes("lldp.chassis.id", "Chassis Id");
  public static final Field CHASSIS_ID_MAC = Field.ether("lldp.chassis.id.mac", "Chassis Id");
  public static final Field CHASSIS_ID_IP4 = Field.ipv4("lldp.chassis.id.ip4", "Chassis Id");
  public static final Field CHASSIS_ID_IP6 = Field.ipv6("lldp.chassis.id.ip6", "Chassis Id");
  public static final Field PORT_SUBTYPE = Field.u8("lldp.port.subtype", "Port Id Subtype")
      .labels(ValueNames.parse("0=Reserved|1=Interface alias|2=Port component|3=MAC address|4=Network address|"
          + "5=Interface name|6=Agent circuit Id|7=Locally assigned"));
  public static final Field PORT_ID = Field.string("lldp.port.id", "Port Id");
  public static final Field PORT_ID_MAC = Field.ether("lldp.port.id.mac", "Port Id");
  public static final Field PORT_ID_IP4 = Field.ipv4("lldp.port.id.ip4", "Port Id");
  public static final Field PORT_ID_IP6 = Field.ipv6("lldp.port.id.ip6", "Port Id");
  public static final Field TIME_TO_LIVE = Field.u16("lldp.time_to_live", "Seconds");
  public static final Field PORT_DESC = Field.string("lldp.port.desc", "Port Description");
  public static final Field SYSTEM_NAME = Field.string("lldp.tlv.system.name", "System Name");
  public static final Field SYSTEM_DESC = Field.string("lldp.tlv.system.desc", "System Description");
  public static final Field SYSTEM_CAP = Field.u16("lldp.tlv.system_cap", "Capabilities").hex();
  public static final Field ENABLE_SYSTEM_CAP = Field.u16("lldp.tlv.enable_system_cap", "Enabled Capabilities").hex();
  public static final Field ORG_OUI = Field.u24("lldp.orgtlv.oui", "Organization Unique Code");
  public static final Field IEEE_802_1_SUBTYPE = Field.u8("lldp.ieee.802_1.subtype", "IEEE 802.1 Subtype").hex()
      .labels(ValueNames.parse("0x01=Port VLAN ID|0x02=Port and Protocol VLAN ID|0x03=VLAN Name|0x04=Protocol Identity"));
  public static final Field PORT_VLAN_ID = Field.u16("lldp.ieee.802_1.port_vlan.id", "Port VLAN Identifier").decHex();
  public static final Field IEEE_802_3_SUBTYPE = Field.u8("lldp.ieee.802_3.subtype", "IEEE 802.3 Subtype").hex()
      .labels(ValueNames.parse("0x01=MAC/PHY Configuration/Status|0x02=Power Via MDI|0x03=Link Aggregation|"
          + "0x04=Maximum Frame Size"));
  public static final Field AUTONEG_STATUS = Field.u8("lldp.ieee.802_3.mac_phy_auto_neg_status",
      "Auto-Negotiation Support/Status").hex();
  public static final Field PMD_CAPS = Field.u16("lldp.ieee.802_3.pmd_auto_neg_advertised_caps",
      "PMD Auto-Negotiation Advertised Capability").hex();
  public static final Field PMD_MAU_TYPE = Field.u16("lldp.ieee.802_3.pmd_mau_type", "Operational MAU Type").hex();
  public static final Field MAX_FRAME_SIZE = Field.u16("lldp.ieee.802_3.max_frame_size", "Maximum Frame Size");
  public static final Field UNKNOWN_SUBTYPE = Field.bytes("lldp.unknown_subtype.content", "Unknown Subtype Content");
  public static final Field CAP_OTHER = Field.bool("lldp.tlv.system_cap.other", "Other").mask(0x1, 16).states("Capable", "Not capable");
  public static final Field CAP_REPEATER = Field.bool("lldp.tlv.system_cap.repeater", "Repeater").mask(0x2, 16).states("Capable", "Not capable");
  public static final Field CAP_BRIDGE = Field.bool("lldp.tlv.system_cap.bridge", "Bridge").mask(0x4, 16).states("Capable", "Not capable");
  public static final Field CAP_WLAN_ACCESS_PT = Field.bool("lldp.tlv.system_cap.wlan_access_pt", "WLAN access point").mask(0x8, 16).states("Capable", "Not capable");
  public static final Field CAP_ROUTER = Field.bool("lldp.tlv.system_cap.router", "Router").mask(0x10, 16).states("Capable", "Not capable");
  public static final Field CAP_TELEPHONE = Field.bool("lldp.tlv.system_cap.telephone", "Telephone").mask(0x20, 16).states("Capable", "Not capable");
  public static final Field CAP_DOCSIS_CABLE_DEVICE = Field.bool("lldp.tlv.system_cap.docsis_cable_device", "DOCSIS cable device").mask(0x40, 16).states("Capable", "Not capable");
  public static final Field CAP_STATION_ONLY = Field.bool("lldp.tlv.system_cap.station_only", "Station only").mask(0x80, 16).states("Capable", "Not capable");
  public static final Field ENABLED_CAP_OTHER = Field.bool("lldp.tlv.enable_system_cap.other", "Other").mask(0x1, 16).states("Capable", "Not capable");
  public static final Field ENABLED_CAP_REPEATER = Field.bool("lldp.tlv.enable_system_cap.repeater", "Repeater").mask(0x2, 16).states("Capable", "Not capable");
  public static final Field ENABLED_CAP_BRIDGE = Field.bool("lldp.tlv.enable_system_cap.bridge", "Bridge").mask(0x4, 16).states("Capable", "Not capable");
  public static final Field ENABLED_CAP_WLAN_ACCESS_PT = Field.bool("lldp.tlv.enable_system_cap.wlan_access_pt", "WLAN access point").mask(0x8, 16).states("Capable", "Not capable");
  public static final Field ENABLED_CAP_ROUTER = Field.bool("lldp.tlv.enable_system_cap.router", "Router").mask(0x10, 16).states("Capable", "Not capable");
  public static final Field ENABLED_CAP_TELEPHONE = Field.bool("lldp.tlv.enable_system_cap.telephone", "Telephone").mask(0x20, 16).states("Capable", "Not capable");
  public static final Field ENABLED_CAP_DOCSIS_CABLE_DEVICE = Field.bool("lldp.tlv.enable_system_cap.docsis_cable_device", "DOCSIS cable device").mask(0x40, 16).states("Capable", "Not capable");
  public static final Field ENABLED_CAP_STATION_ONLY = Field.bool("lldp.tlv.enable_system_cap.station_only", "Station only").mask(0x80, 16).states("Capable", "Not capable");
  public static final Field AUTONEG_SUPPORTED = Field.bool("lldp.ieee.802_3.mac_phy_auto_neg_status.supported", "Auto-Negotiation").mask(0x1, 8).states("Supported", "Not supported");
  public static final Field AUTONEG_ENABLED = Field.bool("lldp.ieee.802_3.mac_phy_auto_neg_status.enabled", "Auto-Negotiation").mask(0x2, 8).states("Enabled", "Not enabled");
  public static final Field PMD_1000BASE_TFD = Field.bool("lldp.ieee.802_3.pmd_auto_neg_advertised_caps.1000base_tfd", "1000BASE-T (full duplex mode)").mask(0x1, 16).states("Capable", "Not capable");
  public static final Field PMD_1000BASE_T = Field.bool("lldp.ieee.802_3.pmd_auto_neg_advertised_caps.1000base_t", "1000BASE-T (half duplex mode)").mask(0x2, 16).states("Capable", "Not capable");
  public static final Field PMD_1000BASE_XFD = Field.bool("lldp.ieee.802_3.pmd_auto_neg_advertised_caps.1000base_xfd", "1000BASE-X (-LX, -SX, -CX full duplex mode)").mask(0x4, 16).states("Capable", "Not capable");
  public static final Field PMD_1000BASE_X = Field.bool("lldp.ieee.802_3.pmd_auto_neg_advertised_caps.1000base_x", "1000BASE-X (-LX, -SX, -CX half duplex mode)").mask(0x8, 16).states("Capable", "Not capable");
  public static final Field PMD_FDX_BPAUSE = Field.bool("lldp.ieee.802_3.pmd_auto_neg_advertised_caps.fdx_bpause", "Asymmetric and Symmetric PAUSE (for full-duplex links)").mask(0x10, 16).states("Capable", "Not capable");
  public static final Field PMD_FDX_SPAUSE = Field.bool("lldp.ieee.802_3.pmd_auto_neg_advertised_caps.fdx_spause", "Symmetric PAUSE (for full-duplex links)").mask(0x20, 16).states("Capable", "Not capable");
  public static final Field PMD_FDX_APAUSE = Field.bool("lldp.ieee.802_3.pmd_auto_neg_advertised_caps.fdx_apause", "Asymmetric PAUSE (for full-duplex links)").mask(0x40, 16).states("Capable", "Not capable");
  public static final Field PMD_FDX_PAUSE = Field.bool("lldp.ieee.802_3.pmd_auto_neg_advertised_caps.fdx_pause", "PAUSE (for full-duplex links)").mask(0x80, 16).states("Capable", "Not capable");
  public static final Field PMD_100BASE_T2FD = Field.bool("lldp.ieee.802_3.pmd_auto_neg_advertised_caps.100base_t2fd", "100BASE-T2 (full duplex mode)").mask(0x100, 16).states("Capable", "Not capable");
  public static final Field PMD_100BASE_T2 = Field.bool("lldp.ieee.802_3.pmd_auto_neg_advertised_caps.100base_t2", "100BASE-T2 (half duplex mode)").mask(0x200, 16).states("Capable", "Not capable");
  public static final Field PMD_100BASE_TXFD = Field.bool("lldp.ieee.802_3.pmd_auto_neg_advertised_caps.100base_txfd", "100BASE-TX (full duplex mode)").mask(0x400, 16).states("Capable", "Not capable");
  public static final Field PMD_100BASE_TX = Field.bool("lldp.ieee.802_3.pmd_auto_neg_advertised_caps.100base_tx", "100BASE-TX (half duplex mode)").mask(0x800, 16).states("Capable", "Not capable");
  public static final Field PMD_100BASE_T4 = Field.bool("lldp.ieee.802_3.pmd_auto_neg_advertised_caps.100base_t4", "100BASE-T4").mask(0x1000, 16).states("Capable", "Not capable");
  public static final Field PMD_10BASE_TFD = Field.bool("lldp.ieee.802_3.pmd_auto_neg_advertised_caps.10base_tfd", "10BASE-T (full duplex mode)").mask(0x2000, 16).states("Capable", "Not capable");
  public static final Field PMD_10BASE_T = Field.bool("lldp.ieee.802_3.pmd_auto_neg_advertised_caps.10base_t", "10BASE-T (half duplex mode)").mask(0x4000, 16).states("Capable", "Not capable");
  public static final Field PMD_OTHER = Field.bool("lldp.ieee.802_3.pmd_auto_neg_advertised_caps.other", "Other or unknown").mask(0x8000, 16).states("Capable", "Not capable");
  public static final Field PMD_INV_1000BASE_TFD = Field.bool("lldp.ieee.802_3.pmd_auto_neg_advertised_caps_inv.1000base_tfd", "1000BASE-T (full duplex mode)").mask(0x8000, 16).states("Capable", "Not capable");
  public static final Field PMD_INV_1000BASE_T = Field.bool("lldp.ieee.802_3.pmd_auto_neg_advertised_caps_inv.1000base_t", "1000BASE-T (half duplex mode)").mask(0x4000, 16).states("Capable", "Not capable");
  public static final Field PMD_INV_1000BASE_XFD = Field.bool("lldp.ieee.802_3.pmd_auto_neg_advertised_caps_inv.1000base_xfd", "1000BASE-X (-LX, -SX, -CX full duplex mode)").mask(0x2000, 16).states("Capable", "Not capable");
  public static final Field PMD_INV_1000BASE_X = Field.bool("lldp.ieee.802_3.pmd_auto_neg_advertised_caps_inv.1000base_x", "1000BASE-X (-LX, -SX, -CX half duplex mode)").mask(0x1000, 16).states("Capable", "Not capable");
  public static final Field PMD_INV_FDX_BPAUSE = Field.bool("lldp.ieee.802_3.pmd_auto_neg_advertised_caps_inv.fdx_bpause", "Asymmetric and Symmetric PAUSE (for full-duplex links)").mask(0x800, 16).states("Capable", "Not capable");
  public static final Field PMD_INV_FDX_SPAUSE = Field.bool("lldp.ieee.802_3.pmd_auto_neg_advertised_caps_inv.fdx_spause", "Symmetric PAUSE (for full-duplex links)").mask(0x400, 16).states("Capable", "Not capable");
  public static final Field PMD_INV_FDX_APAUSE = Field.bool("lldp.ieee.802_3.pmd_auto_neg_advertised_caps_inv.fdx_apause", "Asymmetric PAUSE (for full-duplex links)").mask(0x200, 16).states("Capable", "Not capable");
  public static final Field PMD_INV_FDX_PAUSE = Field.bool("lldp.ieee.802_3.pmd_auto_neg_advertised_caps_inv.fdx_pause", "PAUSE (for full-duplex links)").mask(0x100, 16).states("Capable", "Not capable");
  public static final Field PMD_INV_100BASE_T2FD = Field.bool("lldp.ieee.802_3.pmd_auto_neg_advertised_caps_inv.100base_t2fd", "100BASE-T2 (full duplex mode)").mask(0x80, 16).states("Capable", "Not capable");
  public static final Field PMD_INV_100BASE_T2 = Field.bool("lldp.ieee.802_3.pmd_auto_neg_advertised_caps_inv.100base_t2", "100BASE-T2 (half duplex mode)").mask(0x40, 16).states("Capable", "Not capable");
  public static final Field PMD_INV_100BASE_TXFD = Field.bool("lldp.ieee.802_3.pmd_auto_neg_advertised_caps_inv.100base_txfd", "100BASE-TX (full duplex mode)").mask(0x20, 16).states("Capable", "Not capable");
  public static final Field PMD_INV_100BASE_TX = Field.bool("lldp.ieee.802_3.pmd_auto_neg_advertised_caps_inv.100base_tx", "100BASE-TX (half duplex mode)").mask(0x10, 16).states("Capable", "Not capable");
  public static final Field PMD_INV_100BASE_T4 = Field.bool("lldp.ieee.802_3.pmd_auto_neg_advertised_caps_inv.100base_t4", "100BASE-T4").mask(0x8, 16).states("Capable", "Not capable");
  public static final Field PMD_INV_10BASE_TFD = Field.bool("lldp.ieee.802_3.pmd_auto_neg_advertised_caps_inv.10base_tfd", "10BASE-T (full duplex mode)").mask(0x4, 16).states("Capable", "Not capable");
  public static final Field PMD_INV_10BASE_T = Field.bool("lldp.ieee.802_3.pmd_auto_neg_advertised_caps_inv.10base_t", "10BASE-T (half duplex mode)").mask(0x2, 16).states("Capable", "Not capable");
  public static final Field PMD_INV_OTHER = Field.bool("lldp.ieee.802_3.pmd_auto_neg_advertised_caps_inv.other", "Other or unknown").mask(0x1, 16).states("Capable", "Not capable");

  private static final Field[] CAPS = {CAP_OTHER, CAP_REPEATER, CAP_BRIDGE, CAP_WLAN_ACCESS_PT, CAP_ROUTER,
      CAP_TELEPHONE, CAP_DOCSIS_CABLE_DEVICE, CAP_STATION_ONLY};
  private static final Field[] ENABLED_CAPS = {ENABLED_CAP_OTHER, ENABLED_CAP_REPEATER, ENABLED_CAP_BRIDGE,
      ENABLED_CAP_WLAN_ACCESS_PT, ENABLED_CAP_ROUTER, ENABLED_CAP_TELEPHONE, ENABLED_CAP_DOCSIS_CABLE_DEVICE,
      ENABLED_CAP_STATION_ONLY};
  private static final Field[] PMD = {PMD_1000BASE_TFD, PMD_1000BASE_T, PMD_1000BASE_XFD, PMD_1000BASE_X,
      PMD_FDX_BPAUSE, PMD_FDX_SPAUSE, PMD_FDX_APAUSE, PMD_FDX_PAUSE, PMD_100BASE_T2FD, PMD_100BASE_T2,
      PMD_100BASE_TXFD, PMD_100BASE_TX, PMD_100BASE_T4, PMD_10BASE_TFD, PMD_10BASE_T, PMD_OTHER};
  private static final Field[] PMD_INV = {PMD_INV_1000BASE_TFD, PMD_INV_1000BASE_T, PMD_INV_1000BASE_XFD,
      PMD_INV_1000BASE_X, PMD_INV_FDX_BPAUSE, PMD_INV_FDX_SPAUSE, PMD_INV_FDX_APAUSE, PMD_INV_FDX_PAUSE,
      PMD_INV_100BASE_T2FD, PMD_INV_100BASE_T2, PMD_INV_100BASE_TXFD, PMD_INV_100BASE_TX, PMD_INV_100BASE_T4,
      PMD_INV_10BASE_TFD, PMD_INV_10BASE_T, PMD_INV_OTHER};
  /** Info column prefixes of the chassis and port id subtypes. */
  private static final String[] CHASSIS_ABBREV = {"Rs", "CC", "IA", "PC", "MA", "NA", "IN", "LA"};
  private static final String[] PORT_ABBREV = {"Rs", "IA", "PC", "MA", "NA", "IN", "AC", "LA"};

  private static final int END = 0;
  private static final int ORG_SPECIFIC = 127;
  private static final long OUI_IEEE_802_1 = 0x0080c2;
  private static final long OUI_IEEE_802_3 = 0x00120f;

  public LldpDissector() {
    super("lldp", "Link Layer Discovery Protocol", "LLDP");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.ETHERTYPE, 0x88cc, this);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    byte[] b = d.data();
    int s = d.start(layer);
    int end = d.end(layer);
    int p = s;
    while (p + 2 <= end) {
      int h = (b[p] & 0xff) << 8 | (b[p + 1] & 0xff);
      p += 2 + (h & 0x1ff);
      if (h >> 9 == END) {
        break;
      }
    }
    if (p > end) {
      Truncation.report(d, layer, s, p - s);
      return null;
    }
    d.setEnd(layer, p); // what follows End of LLDPDU is Ethernet padding
    d.payload(p, p);
    return null;
  }

  @Override
  public void fields(Tree t) {
    for (int p = 0; t.has(p, 2); ) {
      int h = t.u16(p);
      int type = h >> 9;
      int len = h & 0x1ff;
      if (!t.has(p, 2 + len)) {
        break; // tshark adds a TLV's items only once all of it is there
      }
      t.uint(TLV_TYPE, p, 2);
      t.uint(TLV_LEN, p, 2);
      value(t, type, p + 2, len);
      p += 2 + len;
      if (type == END) {
        break;
      }
    }
  }

  private static void value(Tree t, int type, int v, int len) {
    switch (type) {
      case 1: {
        int sub = (int) t.uint(CHASSIS_SUBTYPE, v, 1);
        if (sub == 4 && len == 7) {
          t.bytes(CHASSIS_ID_MAC, v + 1, 6);
        } else if (sub == 5 && len == 6) {
          t.uint(NETWORK_ADDRESS_SUBTYPE, v + 1, 1);
          t.bytes(CHASSIS_ID_IP4, v + 2, 4);
        } else if (sub == 5 && len == 18) {
          t.uint(NETWORK_ADDRESS_SUBTYPE, v + 1, 1);
          t.bytes(CHASSIS_ID_IP6, v + 2, 16);
        } else if (len > 1) {
          t.bytes(CHASSIS_ID, v + 1, len - 1);
        }
        break;
      }
      case 2: {
        int sub = (int) t.uint(PORT_SUBTYPE, v, 1);
        if (sub == 3 && len == 7) {
          t.bytes(PORT_ID_MAC, v + 1, 6);
        } else if (sub == 4 && len == 6) {
          t.uint(NETWORK_ADDRESS_SUBTYPE, v + 1, 1);
          t.bytes(PORT_ID_IP4, v + 2, 4);
        } else if (sub == 4 && len == 18) {
          t.uint(NETWORK_ADDRESS_SUBTYPE, v + 1, 1);
          t.bytes(PORT_ID_IP6, v + 2, 16);
        } else {
          string(t, PORT_ID, v + 1, len - 1);
        }
        break;
      }
      case 3: t.uint(TIME_TO_LIVE, v, 2); break;
      case 4: string(t, PORT_DESC, v, len); break;
      case 5: string(t, SYSTEM_NAME, v, len); break;
      case 6: string(t, SYSTEM_DESC, v, len); break;
      case 7:
        bits(t, SYSTEM_CAP, CAPS, v);
        bits(t, ENABLE_SYSTEM_CAP, ENABLED_CAPS, v + 2);
        break;
      case 8:
        management(t, v, len);
        break;
      case ORG_SPECIFIC:
        organizational(t, v, len);
        break;
      default:
        break;
    }
  }

  /** Management Address TLV (IEEE 802.1AB-2016 section 8.5.9). */
  private static void management(Tree t, int v, int len) {
    int alen = (int) t.uint(MGN_ADDRESS_LEN, v, 1);
    int sub = (int) t.uint(MGN_ADDRESS_SUBTYPE, v + 1, 1);
    int n = alen - 1;
    if (sub == 1 && n == 4) {
      t.bytes(MGN_ADDR_IP4, v + 2, 4);
    } else if (sub == 2 && n == 16) {
      t.bytes(MGN_ADDR_IP6, v + 2, 16);
    } else if (n > 0) {
      t.bytes(MGN_ADDR_HEX, v + 2, n);
    }
    int p = v + 1 + alen;
    t.uint(MGN_INTERFACE_SUBTYPE, p, 1);
    t.uint(MGN_INTERFACE_NUMBER, p + 1, 4);
    t.uint(MGN_OBJ_LEN, p + 5, 1);
  }

  private static void organizational(Tree t, int v, int len) {
    long oui = t.uint(ORG_OUI, v, 3);
    int sub = t.u8(v + 3);
    if (oui == OUI_IEEE_802_1) {
      t.uint(IEEE_802_1_SUBTYPE, v + 3, 1);
      if (sub == 1) {
        t.uint(PORT_VLAN_ID, v + 4, 2);
      }
    } else if (oui == OUI_IEEE_802_3) {
      t.uint(IEEE_802_3_SUBTYPE, v + 3, 1);
      if (sub == 1) {
        t.uint(AUTONEG_STATUS, v + 4, 1);
        t.enter();
        t.uint(AUTONEG_SUPPORTED, v + 4, 1);
        t.uint(AUTONEG_ENABLED, v + 4, 1);
        t.exit();
        bits(t, PMD_CAPS, PMD, v + 5);
        t.enter();
        t.text(v + 5, 2, "Same in inverse (wrong) bitorder");
        t.enter();
        for (Field f : PMD_INV) {
          t.uint(f, v + 5, 2);
        }
        t.exit();
        t.exit();
        t.uint(PMD_MAU_TYPE, v + 7, 2);
      } else if (sub == 4) {
        t.uint(MAX_FRAME_SIZE, v + 4, 2);
      }
    } else {
      t.uint(UNKNOWN_SUBTYPE_VALUE, v + 3, 1);
      if (len > 4) {
        t.bytes(UNKNOWN_SUBTYPE, v + 4, len - 4);
      }
    }
  }

  private static void bits(Tree t, Field f, Field[] bits, int off) {
    t.uint(f, off, 2);
    t.enter();
    for (Field b : bits) {
      t.uint(b, off, 2);
    }
    t.exit();
  }

  private static void string(Tree t, Field f, int off, int len) {
    if (len >= 0 && t.has(off, len)) {
      t.object(f, off, len, Strings.printable(t.data(), t.start() + off, len));
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    c.setInfo("");
    StringBuilder sb = c.info;
    for (int p = 0; t.has(p, 2); ) {
      int h = t.u16(p);
      int type = h >> 9;
      int len = h & 0x1ff;
      int v = p + 2;
      if (!t.has(v, len)) {
        break;
      }
      switch (type) {
        case 1:
        case 2: {
          int sub = t.u8(v);
          String[] abbrev = type == 1 ? CHASSIS_ABBREV : PORT_ABBREV;
          sb.append(sub < abbrev.length ? abbrev[sub] : "Unknown").append('/');
          boolean mac = type == 1 ? sub == 4 : sub == 3;
          boolean net = type == 1 ? sub == 5 : sub == 4;
          if (mac && len == 7) {
            sb.append(Addresses.mac(t.data(), t.start() + v + 1));
          } else if (net && len == 6) {
            sb.append(Addresses.ipv4(t.data(), t.start() + v + 2));
          } else if (net && len == 18) {
            sb.append(Addresses.ipv6(t.data(), t.start() + v + 2));
          } else if (len > 1) {
            sb.append(Strings.printable(t.data(), t.start() + v + 1, len - 1));
          }
          sb.append(' ');
          break;
        }
        case 3:
          sb.append(t.u16(v)).append(' ');
          break;
        case 5:
          sb.append("SysN=").append(Strings.printable(t.data(), t.start() + v, len)).append(' ');
          break;
        case 6:
          sb.append("SysD=").append(Strings.printable(t.data(), t.start() + v, len)).append(' ');
          break;
        default:
          break;
      }
      p = v + len;
      if (type == END) {
        break;
      }
    }
  }
}

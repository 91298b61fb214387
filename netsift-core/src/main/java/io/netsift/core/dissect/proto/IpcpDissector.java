package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/**
 * PPP IP Control Protocol (RFC 1332, PPP protocol 0x8021) with the address options of RFC 1332
 * and RFC 1877 (DNS and NBNS servers).
 */
public final class IpcpDissector extends PppControlDissector {
  public static final Field OPT_TYPE = Field.u8("ipcp.opt.type", "Type").labels(ValueNames.parse(
      "1=IP Addresses|2=IP Compression Protocol|3=IP Address|4=Mobile Node's Home Address|"
          + "129=Primary DNS Server IP Address|130=Primary NBNS Server IP Address|"
          + "131=Secondary DNS Server IP Address|132=Secondary NBNS Server IP Address"));
  public static final Field OPT_LENGTH = Field.u8("ipcp.opt.length", "Length");
  public static final Field OPT_COMPRESS_PROTO = Field.u16("ipcp.opt.compress_proto", "IP Compression Protocol").hex();
  public static final Field OPT_MAX_SLOT_ID = Field.u8("ipcp.opt.max_slot_id", "Max Slot ID");
  public static final Field OPT_COMP_SLOT_ID = Field.bool("ipcp.opt.comp_slot_id", "Comp Slot ID").mask(0x01, 8)
      .states("The slot identifier may be compressed", "The slot identifier must not be compressed");
  public static final Field OPT_IP_ADDRESS = Field.ipv4("ipcp.opt.ip_address", "IP Address");
  public static final Field OPT_HOME_ADDRESS = Field.ipv4("ipcp.opt.mobilenodehomeaddress", "Mobile Node's Home Address");
  public static final Field OPT_PRI_DNS = Field.ipv4("ipcp.opt.pri_dns_address", "Primary DNS Address");
  public static final Field OPT_PRI_NBNS = Field.ipv4("ipcp.opt.pri_nbns_address", "Primary NBNS Address");
  public static final Field OPT_SEC_DNS = Field.ipv4("ipcp.opt.sec_dns_address", "Secondary DNS Address");
  public static final Field OPT_SEC_NBNS = Field.ipv4("ipcp.opt.sec_nbns_address", "Secondary NBNS Address");
  public static final Field DATA = Field.bytes("ipcp.data", "Data");

  public IpcpDissector() {
    super("ipcp", "PPP IP Control Protocol", "PPP IPCP", 0x8021, NCP_CODES);
  }

  @Override
  void option(Tree t, int type, int p, int len) {
    t.uint(OPT_TYPE, p, 1);
    t.uint(OPT_LENGTH, p + 1, 1);
    Field address;
    switch (type) {
      case 2:
        // RFC 1332 section 3.2: Van Jacobson compression (0x002d) carries two slot parameters.
        if (t.uint(OPT_COMPRESS_PROTO, p + 2, 2) == 0x002d && len >= 6) {
          t.uint(OPT_MAX_SLOT_ID, p + 4, 1);
          t.uint(OPT_COMP_SLOT_ID, p + 5, 1);
        }
        return;
      case 3: address = OPT_IP_ADDRESS; break;
      case 4: address = OPT_HOME_ADDRESS; break;
      case 129: address = OPT_PRI_DNS; break;
      case 130: address = OPT_PRI_NBNS; break;
      case 131: address = OPT_SEC_DNS; break;
      case 132: address = OPT_SEC_NBNS; break;
      default: return;
    }
    t.bytes(address, p + 2, 4);
  }

  @Override
  void body(Tree t, int code, int from, int end) {
    if (code >= 5 && code <= 7 && end > from) {
      t.bytes(PppControlDissector.DATA, from, end - from);
    }
  }
}

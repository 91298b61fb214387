package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Addresses;
import io.netsift.core.field.Field;
import java.util.Map;

/**
 * Open Shortest Path First, version 2 (<a href="https://www.rfc-editor.org/rfc/rfc2328">RFC
 * 2328</a>, with RFC 5613 link-local signalling) and version 3
 * (<a href="https://www.rfc-editor.org/rfc/rfc5340">RFC 5340</a>).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Version #   |     Type      |         Packet length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          Router ID                            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           Area ID                             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Checksum            |  v2: AuType   v3: Inst | Rsvd |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  v2 only: Authentication (8 bytes)                            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Hello, DB Description, LS Request, LS Update or LS Ack ...   |
 * </pre>
 *
 * Every message type is decoded with its LSA headers, and LS Updates with the LSA bodies of the
 * common types (v2 router, network, summary, AS-external and NSSA; v3 router, network,
 * inter-area prefix and router, AS-external, link and intra-area prefix). A v2 packet with
 * cryptographic authentication carries its digest after the packet length, and a Hello or DB
 * Description with the L option is followed by the LLS data block, both shown as tshark does.
 */
public final class OspfDissector extends Dissector implements Protocols.Registrable {
  private static final Map<Long, String> MSG_TYPES = ValueNames.parse(
      "1=Hello Packet|2=DB Description|3=LS Request|4=LS Update|5=LS Acknowledge");
  private static final Map<Long, String> LS_TYPES = ValueNames.parse(
      """
      1=Router-LSA|2=Network-LSA|3=Summary-LSA (IP network)|4=Summary-LSA (ASBR)|5=AS-External-LSA (ASBR)|
      6=Group Membership LSA|7=NSSA AS-External-LSA|8=External Attributes LSA|9=Opaque LSA, Link-local scope|
      10=Opaque LSA, Area-local scope|11=Opaque LSA, AS-local scope
      """);
  private static final Map<Long, String> V3_LS_TYPES = ValueNames.parse(
      """
      1=Router-LSA|2=Network-LSA|3=Inter-Area-Prefix-LSA|4=Inter-Area-Router-LSA|5=AS-External-LSA|
      6=Group-Membership-LSA|7=NSSA-LSA|8=Link-LSA|9=Intra-Area-Prefix-LSA|12=Router Information Opaque-LSA
      """);

  public static final Field HEADER = Field.none("ospf.header", "OSPF Header");
  public static final Field VERSION = Field.u8("ospf.version", "Version");
  public static final Field MSG = Field.u8("ospf.msg", "Message Type").labels(MSG_TYPES);
  public static final Field MSG_HELLO = Field.bool("ospf.msg.hello", "Hello").hidden();
  public static final Field MSG_DBDESC = Field.bool("ospf.msg.dbdesc", "Database Description").hidden();
  public static final Field MSG_LSREQ = Field.bool("ospf.msg.lsreq", "Link State Adv Request").hidden();
  public static final Field MSG_LSUPDATE = Field.bool("ospf.msg.lsupdate", "Link State Adv Update").hidden();
  public static final Field MSG_LSACK = Field.bool("ospf.msg.lsack", "Link State Adv Acknowledgement").hidden();
  public static final Field PACKET_LENGTH = Field.u16("ospf.packet_length", "Packet Length");
  public static final Field SRCROUTER = Field.ipv4("ospf.srcrouter", "Source OSPF Router");
  public static final Field AREA_ID = Field.ipv4("ospf.area_id", "Area ID");
  public static final Field CHECKSUM = Field.u16("ospf.checksum", "Checksum").hex();
  public static final Field AUTH_TYPE = Field.u16("ospf.auth.type", "Auth Type")
      .labels(ValueNames.parse("0=Null|1=Simple password|2=Cryptographic"));
  public static final Field AUTH_NONE = Field.bytes("ospf.auth.none", "Auth Data (none)");
  public static final Field AUTH_SIMPLE = Field.string("ospf.auth.simple", "Auth Data (Simple)");
  public static final Field AUTH_CRYPT_KEY_ID = Field.u8("ospf.auth.crypt.key_id", "Auth Crypt Key id");
  public static final Field AUTH_CRYPT_DATA_LENGTH = Field.u8("ospf.auth.crypt.data_length", "Auth Crypt Data Length");
  public static final Field AUTH_CRYPT_SEQ_NBR = Field.u32("ospf.auth.crypt.seq_nbr", "Auth Crypt Sequence Number");
  public static final Field AUTH_CRYPT_DATA = Field.bytes("ospf.auth.crypt.data", "Auth Crypt Data");
  public static final Field AUTH_UNKNOWN = Field.bytes("ospf.auth.unknown", "Auth Unknown");
  public static final Field INSTANCE_ID = Field.u8("ospf.instance_id", "Instance ID");
  public static final Field RESERVED = Field.bytes("ospf.reserved", "Reserved").blurb("Must be zero");
  public static final Field HELLO = Field.none("ospf.hello", "OSPF Hello Packet");
  public static final Field HELLO_NETWORK_MASK = Field.ipv4("ospf.hello.network_mask", "Network Mask");
  public static final Field HELLO_INTERFACE_ID = Field.u32("ospf.hello.interface_id", "Interface ID");
  public static final Field HELLO_INTERVAL = Field.u32("ospf.hello.hello_interval", "Hello Interval [sec]");
  public static final Field HELLO_ROUTER_PRIORITY = Field.u8("ospf.hello.router_priority", "Router Priority");
  public static final Field HELLO_ROUTER_DEAD_INTERVAL = Field.u32("ospf.hello.router_dead_interval",
      "Router Dead Interval [sec]");
  public static final Field HELLO_DESIGNATED_ROUTER = Field.ipv4("ospf.hello.designated_router", "Designated Router");
  public static final Field HELLO_BACKUP_DESIGNATED_ROUTER = Field.ipv4("ospf.hello.backup_designated_router",
      "Backup Designated Router");
  public static final Field HELLO_ACTIVE_NEIGHBOR = Field.ipv4("ospf.hello.active_neighbor", "Active Neighbor");
  public static final Field LSA = Field.u8("ospf.lsa", "LS Type").labels(LS_TYPES);
  public static final Field LSA_AGE = Field.u16("ospf.lsa.age", "LS Age (seconds)").mask(0x7fff, 16);
  public static final Field LSA_DONOTAGE = Field.u16("ospf.lsa.donotage", "Do Not Age Flag").mask(0x8000, 16);
  public static final Field LSA_ID = Field.ipv4("ospf.lsa.id", "Link State ID");
  public static final Field LSA_SEQNUM = Field.u32("ospf.lsa.seqnum", "Sequence Number").hex();
  public static final Field LSA_CHKSUM = Field.u16("ospf.lsa.chksum", "Checksum").hex();
  public static final Field LSA_LENGTH = Field.u16("ospf.lsa.length", "Length");
  public static final Field LSA_ROUTER = Field.bool("ospf.lsa.router", "Router LSA").hidden();
  public static final Field LSA_ROUTER_LINKTYPE = Field.u8("ospf.lsa.router.linktype", "Link Type");
  public static final Field LSA_ROUTER_LINKID = Field.ipv4("ospf.lsa.router.linkid", "Link ID");
  public static final Field LSA_ROUTER_LINKDATA = Field.ipv4("ospf.lsa.router.linkdata", "Link Data");
  public static final Field LSA_ROUTER_NUMMETRICS = Field.u8("ospf.lsa.router.nummetrics", "Number of Metrics");
  public static final Field LSA_ROUTER_METRIC0 = Field.u16("ospf.lsa.router.metric0", "0 Metric");
  public static final Field LSA_NETWORK = Field.bool("ospf.lsa.network", "Network LSA").hidden();
  public static final Field LSA_NETWORK_NETMASK = Field.ipv4("ospf.lsa.network.netmask", "Netmask");
  public static final Field LSA_NETWORK_ATTCHRTR = Field.ipv4("ospf.lsa.network.attchrtr", "Attached Router");
  public static final Field LSA_SUMMARY = Field.bool("ospf.lsa.summary", "Summary LSA (IP Network)").hidden();
  public static final Field LSA_ASBR = Field.bool("ospf.lsa.asbr", "Summary LSA (ASBR)").hidden();
  public static final Field LSA_ASBR_NETMASK = Field.ipv4("ospf.lsa.asbr.netmask", "Netmask");
  public static final Field LSA_ASEXT = Field.bool("ospf.lsa.asext", "AS-External LSA (ASBR)").hidden();
  public static final Field LSA_ASEXT_NETMASK = Field.ipv4("ospf.lsa.asext.netmask", "Netmask");
  public static final Field LSA_ASEXT_FWDADDR = Field.ipv4("ospf.lsa.asext.fwdaddr", "Forwarding Address");
  public static final Field LSA_ASEXT_EXTRTTAG = Field.u32("ospf.lsa.asext.extrttag", "External Route Tag");
  public static final Field LSA_MEMBER = Field.bool("ospf.lsa.member", "Group Membership LSA").hidden();
  public static final Field LSA_NSSA = Field.bool("ospf.lsa.nssa", "NSSA AS-External LSA").hidden();
  public static final Field LSA_ATTR = Field.bool("ospf.lsa.attr", "External Attributes LSA").hidden();
  public static final Field LSA_OPAQUE = Field.bool("ospf.lsa.opaque", "Opaque LSA").hidden();
  public static final Field V3_LSA = Field.u16("ospf.v3.lsa", "LS Type").hex();
  public static final Field V3_LSA_U = Field.bool("ospf.v3.lsa.u", "LSA Handling").mask(0x8000, 16)
      .states("Store and flood the LSA as if the type is understood",
          "Treat the LSA as if it had link-local flooding scope");
  public static final Field V3_LSA_S12 = Field.u16("ospf.v3.lsa.s12", "Flooding Scope").hex().mask(0x6000, 16);
  public static final Field V3_LSA_FC = Field.u16("ospf.v3.lsa.fc", "Function Code").mask(0x1fff, 16)
      .labels(V3_LS_TYPES);
  public static final Field V3_LSA_ROUTER = Field.bool("ospf.v3.lsa.router", "Router-LSA").hidden();
  public static final Field V3_LSA_NETWORK = Field.bool("ospf.v3.lsa.network", "Network-LSA").hidden();
  public static final Field V3_LSA_INTERPREFIX = Field.bool("ospf.v3.lsa.interprefix", "Inter-Area-Prefix-LSA").hidden();
  public static final Field V3_LSA_INTERROUTER = Field.bool("ospf.v3.lsa.interrouter", "Inter-Area-Router-LSA").hidden();
  public static final Field V3_LSA_ASEXT = Field.bool("ospf.v3.lsa.asext", "AS-External-LSA").hidden();
  public static final Field V3_LSA_MEMBER = Field.bool("ospf.v3.lsa.member", "Group-Membership-LSA").hidden();
  public static final Field V3_LSA_NSSA = Field.bool("ospf.v3.lsa.nssa", "NSSA-LSA").hidden();
  public static final Field V3_LSA_LINK = Field.bool("ospf.v3.lsa.link", "Link-LSA").hidden();
  public static final Field V3_LSA_INTRAPREFIX = Field.bool("ospf.v3.lsa.intraprefix", "Intra-Area-Prefix-LSA").hidden();
  public static final Field V3_LSA_OPAQUE = Field.bool("ospf.v3.lsa.opaque", "Router Information Opaque-LSA").hidden();
  public static final Field ADVROUTER = Field.ipv4("ospf.advrouter", "Advertising Router");
  public static final Field V2_OPTIONS = Field.u8("ospf.v2.options", "Options").hex();
  public static final Field V2_OPTIONS_DN = Field.bool("ospf.v2.options.dn", "DN").mask(0x80, 8).states("Set", "Not set");
  public static final Field V2_OPTIONS_O = Field.bool("ospf.v2.options.o", "O").mask(0x40, 8).states("Set", "Not set");
  public static final Field V2_OPTIONS_DC = Field.bool("ospf.v2.options.dc", "(DC) Demand Circuits").mask(0x20, 8)
      .states("Supported", "Not supported");
  public static final Field V2_OPTIONS_L = Field.bool("ospf.v2.options.l", "(L) LLS Data block").mask(0x10, 8)
      .states("Present", "Not Present");
  public static final Field V2_OPTIONS_N = Field.bool("ospf.v2.options.n", "(N) NSSA").mask(0x08, 8)
      .states("Supported", "Not supported");
  public static final Field V2_OPTIONS_P = Field.bool("ospf.v2.options.p", "(P) Propagate").mask(0x08, 8)
      .states("Set", "Not set");
  public static final Field V2_OPTIONS_MC = Field.bool("ospf.v2.options.mc", "(MC) Multicast").mask(0x04, 8)
      .states("Capable", "Not capable");
  public static final Field V2_OPTIONS_E = Field.bool("ospf.v2.options.e", "(E) External Routing").mask(0x02, 8)
      .states("Capable", "Not capable");
  public static final Field V2_OPTIONS_MT = Field.bool("ospf.v2.options.mt", "(MT) Multi-Topology Routing")
      .mask(0x01, 8).states("Yes", "No");
  public static final Field V3_OPTIONS = Field.u24("ospf.v3.options", "Options").hex();
  public static final Field V3_OPTIONS_AT = Field.bool("ospf.v3.options.at", "AT").mask(0x400, 24).states("Set", "Not set");
  public static final Field V3_OPTIONS_L = Field.bool("ospf.v3.options.l", "L").mask(0x200, 24).states("Set", "Not set");
  public static final Field V3_OPTIONS_AF = Field.bool("ospf.v3.options.af", "AF").mask(0x100, 24).states("Set", "Not set");
  public static final Field V3_OPTIONS_DC = Field.bool("ospf.v3.options.dc", "DC").mask(0x20, 24).states("Set", "Not set");
  public static final Field V3_OPTIONS_R = Field.bool("ospf.v3.options.r", "R").mask(0x10, 24).states("Set", "Not set");
  public static final Field V3_OPTIONS_N = Field.bool("ospf.v3.options.n", "N").mask(0x08, 24).states("Set", "Not set");
  public static final Field V3_OPTIONS_MC = Field.bool("ospf.v3.options.mc", "MC").mask(0x04, 24).states("Set", "Not set");
  public static final Field V3_OPTIONS_E = Field.bool("ospf.v3.options.e", "E").mask(0x02, 24).states("Set", "Not set");
  public static final Field V3_OPTIONS_V6 = Field.bool("ospf.v3.options.v6", "V6").mask(0x01, 24).states("Set", "Not set");
  public static final Field DBD = Field.u8("ospf.dbd", "DB Description").hex();
  public static final Field DBD_R = Field.bool("ospf.dbd.r", "(R) OOBResync").mask(0x08, 8).states("Set", "Not set");
  public static final Field DBD_I = Field.bool("ospf.dbd.i", "(I) Init").mask(0x04, 8).states("Set", "Not set");
  public static final Field DBD_M = Field.bool("ospf.dbd.m", "(M) More").mask(0x02, 8).states("Set", "Not set");
  public static final Field DBD_MS = Field.bool("ospf.dbd.ms", "(MS) Master").mask(0x01, 8).states("Yes", "No");
  public static final Field LLS_EXT_OPTIONS = Field.u32("ospf.lls.ext.options", "Options").hex();
  public static final Field LLS_EXT_OPTIONS_RS = Field.bool("ospf.lls.ext.options.rs", "(RS) Restart Signal")
      .mask(0x2, 32).states("Set", "Not set");
  public static final Field LLS_EXT_OPTIONS_LR = Field.bool("ospf.lls.ext.options.lr", "(LR) LSDB Resynchronization")
      .mask(0x1, 32).states("Set", "Not set");
  public static final Field V2_ROUTER_LSA_FLAGS = Field.u8("ospf.v2.router.lsa.flags", "Flags").hex();
  public static final Field V2_ROUTER_LSA_FLAGS_H = Field.bool("ospf.v2.router.lsa.flags.h", "(H) flag").mask(0x80, 8)
      .states("Yes", "No");
  public static final Field V2_ROUTER_LSA_FLAGS_N = Field.bool("ospf.v2.router.lsa.flags.n", "(N) flag").mask(0x10, 8)
      .states("Yes", "No");
  public static final Field V2_ROUTER_LSA_FLAGS_W = Field.bool("ospf.v2.router.lsa.flags.w",
      "(W) Wild-card multicast receiver").mask(0x08, 8).states("Yes", "No");
  public static final Field V2_ROUTER_LSA_FLAGS_V = Field.bool("ospf.v2.router.lsa.flags.v",
      "(V) Virtual link endpoint").mask(0x04, 8).states("Yes", "No");
  public static final Field V2_ROUTER_LSA_FLAGS_E = Field.bool("ospf.v2.router.lsa.flags.e",
      "(E) AS boundary router").mask(0x02, 8).states("Yes", "No");
  public static final Field V2_ROUTER_LSA_FLAGS_B = Field.bool("ospf.v2.router.lsa.flags.b",
      "(B) Area border router").mask(0x01, 8).states("Yes", "No");
  public static final Field V3_ROUTER_LSA_FLAGS = Field.u8("ospf.v3.router.lsa.flags", "Flags").hex();
  public static final Field V3_ROUTER_LSA_FLAGS_W = Field.bool("ospf.v3.router.lsa.flags.w",
      "(W) Wild-card multicast receiver").mask(0x08, 8).states("Yes", "No");
  public static final Field V3_ROUTER_LSA_FLAGS_V = Field.bool("ospf.v3.router.lsa.flags.v",
      "(V) Virtual link endpoint").mask(0x04, 8).states("Yes", "No");
  public static final Field V3_ROUTER_LSA_FLAGS_E = Field.bool("ospf.v3.router.lsa.flags.e",
      "(E) AS boundary router").mask(0x02, 8).states("Yes", "No");
  public static final Field V3_ROUTER_LSA_FLAGS_B = Field.bool("ospf.v3.router.lsa.flags.b",
      "(B) Area border router").mask(0x01, 8).states("Yes", "No");
  public static final Field V3_AS_EXTERNAL_FLAGS = Field.u8("ospf.v3.as.external.flags", "Flags").hex();
  public static final Field V3_AS_EXTERNAL_FLAGS_E = Field.bool("ospf.v3.as.external.flags.e", "(E) External Metric")
      .mask(0x04, 8).states("Type 2", "Type 1");
  public static final Field V3_AS_EXTERNAL_FLAGS_F = Field.bool("ospf.v3.as.external.flags.f", "(F) Forwarding Address")
      .mask(0x02, 8).states("Present", "Absent");
  public static final Field V3_AS_EXTERNAL_FLAGS_T = Field.bool("ospf.v3.as.external.flags.t", "(T) External Route Tag")
      .mask(0x01, 8).states("Present", "Absent");
  public static final Field V3_PREFIX_OPTIONS = Field.u8("ospf.v3.prefix.options", "PrefixOptions").hex();
  public static final Field V3_PREFIX_OPTIONS_P = Field.bool("ospf.v3.prefix.options.p", "(P) Propagate")
      .mask(0x08, 8).states("Set", "Not set");
  public static final Field V3_PREFIX_OPTIONS_MC = Field.bool("ospf.v3.prefix.options.mc", "(MC) Multicast")
      .mask(0x04, 8).states("Set", "Not set");
  public static final Field V3_PREFIX_OPTIONS_LA = Field.bool("ospf.v3.prefix.options.la", "(LA) Local Address")
      .mask(0x02, 8).states("Set", "Not set");
  public static final Field V3_PREFIX_OPTIONS_NU = Field.bool("ospf.v3.prefix.options.nu", "(NU) NoUnicast")
      .mask(0x01, 8).states("Set", "Not set");
  public static final Field V2_LLS_SEQUENCE_NUMBER = Field.u32("ospf.v2.lls.sequence_number", "Sequence number").hex();
  public static final Field V2_LLS_AUTH_DATA = Field.bytes("ospf.v2.lls.auth_data", "Auth Data");
  public static final Field LLS_CHECKSUM = Field.u16("ospf.lls.checksum", "Checksum").hex();
  public static final Field LLS_DATA_LENGTH = Field.u16("ospf.lls.data_length", "LLS Data Length");
  public static final Field TLV_TYPE = Field.u16("ospf.tlv_type", "TLV Type");
  public static final Field TLV_LENGTH = Field.u16("ospf.tlv_length", "TLV Length");
  public static final Field DB_INTERFACE_MTU = Field.u16("ospf.db.interface_mtu", "Interface MTU");
  public static final Field DB_DD_SEQUENCE = Field.u32("ospf.db.dd_sequence", "DD Sequence");
  public static final Field LINK_STATE_ID = Field.ipv4("ospf.link_state_id", "Link State ID");
  public static final Field LS_NUMBER_OF_LSAS = Field.u32("ospf.ls.number_of_lsas", "Number of LSAs");
  public static final Field LSA_NUMBER_OF_LINKS = Field.u16("ospf.lsa.number_of_links", "Number of Links");
  public static final Field V3_LSA_DO_NOT_AGE = Field.bool("ospf.v3.lsa.do_not_age", "Do Not Age").mask(0x8000, 16);
  public static final Field V3_LSA_INTERFACE_ID = Field.u32("ospf.v3.lsa.interface_id", "Interface ID");
  public static final Field V3_LSA_NEIGHBOR_INTERFACE_ID = Field.u32("ospf.v3.lsa.neighbor_interface_id",
      "Neighbor Interface ID");
  public static final Field V3_LSA_NEIGHBOR_ROUTER_ID = Field.ipv4("ospf.v3.lsa.neighbor_router_id",
      "Neighbor Router ID");
  public static final Field V3_LSA_ATTACHED_ROUTER = Field.ipv4("ospf.v3.lsa.attached_router", "Attached Router");
  public static final Field V3_LSA_DESTINATION_ROUTER_ID = Field.ipv4("ospf.v3.lsa.destination_router_id",
      "Destination Router ID");
  public static final Field V3_LSA_REFERENCED_LS_TYPE = Field.u16("ospf.v3.lsa.referenced_ls_type",
      "Referenced LS type").hex();
  public static final Field V3_LSA_FORWARDING_ADDRESS_IPV6 = Field.ipv6("ospf.v3.lsa.forwarding_address.ipv6",
      "Forwarding Address");
  public static final Field V3_LSA_EXTERNAL_ROUTE_TAG = Field.u32("ospf.v3.lsa.external_route_tag",
      "External Route Tag");
  public static final Field V3_LSA_REFERENCED_LINK_STATE_ID = Field.ipv4("ospf.v3.lsa.referenced_link_state_id",
      "Referenced Link State ID");
  public static final Field V3_LSA_ROUTER_PRIORITY = Field.u8("ospf.v3.lsa.router_priority", "Router Priority");
  public static final Field V3_LSA_LINK_LOCAL_INTERFACE_ADDRESS_IPV6 = Field.ipv6(
      "ospf.v3.lsa.link_local_interface_address.ipv6", "Link-local Interface Address");
  public static final Field REFERENCED_ADVERTISING_ROUTER = Field.ipv4("ospf.v3.lsa.referenced_advertising_router",
      "Referenced Advertising Router");
  public static final Field V3_LSA_TYPE = Field.u8("ospf.v3.lsa.type", "Type").labels(ValueNames.parse(
      "1=Point-to-point connection to another router|2=Connection to a transit network|"
          + "3=Connection to a stub network|4=Virtual link"));
  public static final Field LSA_ASEXT_TYPE = Field.bool("ospf.lsa.asext.type", "External Type").mask(0x80, 8)
      .states("Type 2 (metric is larger than any other link state path)", "Type 1 (metric is specified in the same units as interface cost)");
  public static final Field LSA_TOS = Field.u8("ospf.lsa.tos", "TOS");
  public static final Field METRIC = Field.u32("ospf.metric", "Metric");
  public static final Field LS_METRIC = Field.u32("ospf.ls.metric", "Metric");
  public static final Field PREFIX_LENGTH = Field.u8("ospf.prefix_length", "PrefixLength");
  public static final Field V3_LSA_NUM_PREFIXES = Field.u32("ospf.v3.lsa.num_prefixes", "# prefixes");
  public static final Field V3_ADDRESS_PREFIX_IPV6 = Field.ipv6("ospf.v3.address_prefix.ipv6", "Address Prefix");

  private static final Field[] MSG_FLAGS = {MSG_HELLO, MSG_DBDESC, MSG_LSREQ, MSG_LSUPDATE, MSG_LSACK};
  private static final Field[] V2_LSA_FLAGS = {LSA_ROUTER, LSA_NETWORK, LSA_SUMMARY, LSA_ASBR, LSA_ASEXT, LSA_MEMBER,
      LSA_NSSA, LSA_ATTR, LSA_OPAQUE, LSA_OPAQUE, LSA_OPAQUE};
  private static final Field[] V3_LSA_FLAGS = {V3_LSA_ROUTER, V3_LSA_NETWORK, V3_LSA_INTERPREFIX, V3_LSA_INTERROUTER,
      V3_LSA_ASEXT, V3_LSA_MEMBER, V3_LSA_NSSA, V3_LSA_LINK, V3_LSA_INTRAPREFIX, null, null, V3_LSA_OPAQUE};
  private static final Field[] V2_OPTION_BITS = {V2_OPTIONS_DN, V2_OPTIONS_O, V2_OPTIONS_DC, V2_OPTIONS_L,
      V2_OPTIONS_N, V2_OPTIONS_MC, V2_OPTIONS_E, V2_OPTIONS_MT};
  /** An NSSA-LSA's options: RFC 3101 section 2.3 gives bit 0x08 the meaning P (propagate). */
  private static final Field[] V2_NSSA_OPTION_BITS = {V2_OPTIONS_DN, V2_OPTIONS_O, V2_OPTIONS_DC, V2_OPTIONS_L,
      V2_OPTIONS_P, V2_OPTIONS_MC, V2_OPTIONS_E, V2_OPTIONS_MT};
  private static final Field[] V3_OPTION_BITS = {V3_OPTIONS_AT, V3_OPTIONS_L, V3_OPTIONS_AF, V3_OPTIONS_DC,
      V3_OPTIONS_R, V3_OPTIONS_N, V3_OPTIONS_MC, V3_OPTIONS_E, V3_OPTIONS_V6};
  private static final Field[] PREFIX_OPTION_BITS = {V3_PREFIX_OPTIONS_P, V3_PREFIX_OPTIONS_MC, V3_PREFIX_OPTIONS_LA,
      V3_PREFIX_OPTIONS_NU};

  private static final int HELLO_TYPE = 1;
  private static final int DBD_TYPE = 2;
  private static final int LSR_TYPE = 3;
  private static final int LSU_TYPE = 4;
  private static final int LSACK_TYPE = 5;
  private static final int V2_HEADER = 24;
  private static final int V3_HEADER = 16;
  private static final int LSA_HEADER = 20;
  private static final int AUTH_CRYPT = 2;
  private static final int OPTION_L = 0x10;

  public OspfDissector() {
    super("ospf", "Open Shortest Path First", "OSPF");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.IP_PROTO, 89, this);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int end = d.end(layer);
    d.payload(end, end);
    if (end - s < 2) {
      Truncation.report(d, layer, s, 2);
      return null;
    }
    int version = Bytes.u8(d.data(), s);
    int header = version == 3 ? V3_HEADER : V2_HEADER;
    if (end - s < header) {
      Truncation.report(d, layer, s, header);
    }
    return null;
  }

  @Override
  public void fields(Tree t) {
    int version = t.u8(0);
    boolean v3 = version == 3;
    int type = t.u8(1);
    int length = t.u16(2);
    int header = v3 ? V3_HEADER : V2_HEADER;
    t.object(HEADER, 0, header, null);
    t.enter();
    t.uint(VERSION, 0, 1);
    t.uint(MSG, 1, 1);
    if (type >= 1 && type <= 5 && t.has(1, 1)) {
      t.generated(MSG_FLAGS[type - 1], 1);
    }
    t.uint(PACKET_LENGTH, 2, 2);
    t.bytes(SRCROUTER, 4, 4);
    t.bytes(AREA_ID, 8, 4);
    t.uint(CHECKSUM, 12, 2);
    int auth = 0;
    int digest = 0;
    if (v3) {
      t.uint(INSTANCE_ID, 14, 1);
      t.bytes(RESERVED, 15, 1);
    } else {
      auth = (int) t.uint(AUTH_TYPE, 14, 2);
      switch (auth) {
        case 0:
          t.bytes(AUTH_NONE, 16, 8);
          break;
        case 1:
          t.object(AUTH_SIMPLE, 16, 8, t.asciiz(16, 8));
          break;
        case AUTH_CRYPT:
          t.uint(AUTH_CRYPT_KEY_ID, 18, 1);
          digest = (int) t.uint(AUTH_CRYPT_DATA_LENGTH, 19, 1);
          t.uint(AUTH_CRYPT_SEQ_NBR, 20, 4);
          if (digest > 0 && t.has(length, digest)) {
            t.bytes(AUTH_CRYPT_DATA, length, digest);
          }
          break;
        default:
          t.bytes(AUTH_UNKNOWN, 16, 8);
          break;
      }
    }
    t.exit();
    int end = Math.min(length, t.length());
    int options = 0;
    switch (type) {
      case HELLO_TYPE:
        options = hello(t, header, end, v3);
        break;
      case DBD_TYPE:
        options = dbd(t, header, end, v3);
        break;
      case LSR_TYPE:
        for (int at = header; at + 12 <= end; at += 12) {
          t.text(at, 12, "Link State Request");
          t.enter();
          if (v3) {
            t.bytes(RESERVED, at, 2);
            lsType(t, at + 2);
          } else {
            t.number(LSA, at, 4, t.u32(at));
          }
          t.bytes(LINK_STATE_ID, at + 4, 4);
          t.bytes(ADVROUTER, at + 8, 4);
          t.exit();
        }
        break;
      case LSU_TYPE:
        t.text(header, end - header, "LS Update Packet");
        t.enter();
        long count = t.uint(LS_NUMBER_OF_LSAS, header, 4);
        int at = header + 4;
        for (long i = 0; i < count && at + LSA_HEADER <= end; i++) {
          int len = t.u16(at + 18);
          if (len < LSA_HEADER) {
            break;
          }
          lsa(t, at, Math.min(at + len, end), v3, true);
          at += len;
        }
        t.exit();
        break;
      case LSACK_TYPE:
        for (int p = header; p + LSA_HEADER <= end; p += LSA_HEADER) {
          lsa(t, p, p + LSA_HEADER, v3, false);
        }
        break;
      default:
        break;
    }
    if (!v3 && (options & OPTION_L) != 0) {
      lls(t, length + (auth == AUTH_CRYPT ? digest : 0));
    }
  }

  private int hello(Tree t, int at, int end, boolean v3) {
    t.object(HELLO, at, Math.max(0, end - at), null);
    t.enter();
    int options;
    int p;
    if (v3) {
      t.uint(HELLO_INTERFACE_ID, at, 4);
      t.uint(HELLO_ROUTER_PRIORITY, at + 4, 1);
      options = v3Options(t, at + 5);
      t.uint(HELLO_INTERVAL, at + 8, 2);
      t.uint(HELLO_ROUTER_DEAD_INTERVAL, at + 10, 2);
      p = at + 12;
    } else {
      t.bytes(HELLO_NETWORK_MASK, at, 4);
      t.uint(HELLO_INTERVAL, at + 4, 2);
      options = v2Options(t, at + 6);
      t.uint(HELLO_ROUTER_PRIORITY, at + 7, 1);
      t.uint(HELLO_ROUTER_DEAD_INTERVAL, at + 8, 4);
      p = at + 12;
    }
    t.bytes(HELLO_DESIGNATED_ROUTER, p, 4);
    t.bytes(HELLO_BACKUP_DESIGNATED_ROUTER, p + 4, 4);
    for (p += 8; p + 4 <= end; p += 4) {
      t.bytes(HELLO_ACTIVE_NEIGHBOR, p, 4);
    }
    t.exit();
    return options;
  }

  private int dbd(Tree t, int at, int end, boolean v3) {
    t.text(at, Math.max(0, Math.min(end, at + (v3 ? 12 : 8)) - at), "OSPF DB Description");
    t.enter();
    int options;
    int p;
    if (v3) {
      t.bytes(RESERVED, at, 1);
      options = v3Options(t, at + 1);
      t.uint(DB_INTERFACE_MTU, at + 4, 2);
      t.bytes(RESERVED, at + 6, 1);
      p = at + 7;
    } else {
      t.uint(DB_INTERFACE_MTU, at, 2);
      options = v2Options(t, at + 2);
      p = at + 3;
    }
    t.uint(DBD, p, 1);
    t.enter();
    t.uint(DBD_R, p, 1);
    t.uint(DBD_I, p, 1);
    t.uint(DBD_M, p, 1);
    t.uint(DBD_MS, p, 1);
    t.exit();
    t.uint(DB_DD_SEQUENCE, p + 1, 4);
    t.exit();
    for (int q = p + 5; q + LSA_HEADER <= end; q += LSA_HEADER) {
      lsa(t, q, q + LSA_HEADER, v3, false);
    }
    return options;
  }

  private static int v2Options(Tree t, int at) {
    int v = (int) t.uint(V2_OPTIONS, at, 1);
    bits(t, V2_OPTION_BITS, at, 1);
    return v;
  }

  private static int v3Options(Tree t, int at) {
    int v = (int) t.uint(V3_OPTIONS, at, 3);
    bits(t, V3_OPTION_BITS, at, 3);
    return v;
  }

  private static void bits(Tree t, Field[] fields, int at, int len) {
    t.enter();
    for (Field f : fields) {
      t.uint(f, at, len);
    }
    t.exit();
  }

  /** The v3 LS type word and its U, S1/S2 and function code parts; returns the function code. */
  private static int lsType(Tree t, int at) {
    int type = t.u16(at);
    t.uint(V3_LSA, at, 2);
    t.enter();
    t.uint(V3_LSA_U, at, 2);
    t.uint(V3_LSA_S12, at, 2);
    t.uint(V3_LSA_FC, at, 2);
    t.exit();
    return type & 0x1fff;
  }

  /** One LSA from {@code at} (header, and with {@code body} its contents up to {@code end}). */
  private void lsa(Tree t, int at, int end, boolean v3, boolean body) {
    int type = v3 ? t.u16(at + 2) & 0x1fff : t.u8(at + 3);
    int len = t.u16(at + 18);
    String name = (v3 ? V3_LS_TYPES : LS_TYPES).get((long) type);
    t.text(at, Math.max(0, Math.min(body ? end - at : LSA_HEADER, t.length() - at)),
        "LSA-type " + type + " (" + (name == null ? "Unknown" : name) + "), len " + len);
    t.enter();
    t.uint(LSA_AGE, at, 2);
    if (v3) {
      t.uint(V3_LSA_DO_NOT_AGE, at, 2);
      lsType(t, at + 2);
      Field flag = type >= 1 && type <= V3_LSA_FLAGS.length ? V3_LSA_FLAGS[type - 1] : null;
      if (flag != null) {
        t.generated(flag, 1);
      }
      t.bytes(LINK_STATE_ID, at + 4, 4);
    } else {
      t.uint(LSA_DONOTAGE, at, 2);
      t.uint(V2_OPTIONS, at + 2, 1);
      bits(t, type == 7 ? V2_NSSA_OPTION_BITS : V2_OPTION_BITS, at + 2, 1);
      t.uint(LSA, at + 3, 1);
      if (type >= 1 && type <= V2_LSA_FLAGS.length) {
        t.generated(V2_LSA_FLAGS[type - 1], 1);
      }
      t.bytes(LSA_ID, at + 4, 4);
    }
    t.bytes(ADVROUTER, at + 8, 4);
    t.uint(LSA_SEQNUM, at + 12, 4);
    t.uint(LSA_CHKSUM, at + 16, 2);
    t.uint(LSA_LENGTH, at + 18, 2);
    if (body) {
      if (v3) {
        v3Body(t, type, at + LSA_HEADER, end);
      } else {
        v2Body(t, type, at + LSA_HEADER, end);
      }
    }
    t.exit();
  }

  private void v2Body(Tree t, int type, int at, int end) {
    switch (type) {
      case 1: {
        t.uint(V2_ROUTER_LSA_FLAGS, at, 1);
        t.enter();
        t.uint(V2_ROUTER_LSA_FLAGS_H, at, 1);
        t.uint(V2_ROUTER_LSA_FLAGS_N, at, 1);
        t.uint(V2_ROUTER_LSA_FLAGS_W, at, 1);
        t.uint(V2_ROUTER_LSA_FLAGS_V, at, 1);
        t.uint(V2_ROUTER_LSA_FLAGS_E, at, 1);
        t.uint(V2_ROUTER_LSA_FLAGS_B, at, 1);
        t.exit();
        int links = (int) t.uint(LSA_NUMBER_OF_LINKS, at + 2, 2);
        int p = at + 4;
        for (int i = 0; i < links && p + 12 <= end; i++) {
          int metrics = t.u8(p + 9);
          t.text(p, 12 + metrics * 4, "Link");
          t.enter();
          t.bytes(LSA_ROUTER_LINKID, p, 4);
          t.bytes(LSA_ROUTER_LINKDATA, p + 4, 4);
          t.uint(LSA_ROUTER_LINKTYPE, p + 8, 1);
          t.uint(LSA_ROUTER_NUMMETRICS, p + 9, 1);
          t.uint(LSA_ROUTER_METRIC0, p + 10, 2);
          p += 12;
          for (int m = 0; m < metrics; m++, p += 4) {
            t.number(LS_METRIC, p, 4, t.u16(p + 2));
          }
          t.exit();
        }
        break;
      }
      case 2:
        t.bytes(LSA_NETWORK_NETMASK, at, 4);
        for (int p = at + 4; p + 4 <= end; p += 4) {
          t.bytes(LSA_NETWORK_ATTCHRTR, p, 4);
        }
        break;
      case 3:
      case 4:
        t.bytes(LSA_ASBR_NETMASK, at, 4);
        for (int p = at + 4; p + 4 <= end; p += 4) {
          t.uint(LSA_TOS, p, 1);
          t.uint(METRIC, p + 1, 3);
        }
        break;
      case 5:
      case 7:
        t.bytes(LSA_ASEXT_NETMASK, at, 4);
        for (int p = at + 4; p + 12 <= end; p += 12) {
          t.uint(LSA_ASEXT_TYPE, p, 1);
          t.number(LSA_TOS, p, 1, t.u8(p) & 0x7f);
          t.uint(METRIC, p + 1, 3);
          t.bytes(LSA_ASEXT_FWDADDR, p + 4, 4);
          t.uint(LSA_ASEXT_EXTRTTAG, p + 8, 4);
        }
        break;
      default:
        break;
    }
  }

  private void v3Body(Tree t, int type, int at, int end) {
    switch (type) {
      case 1: {
        t.uint(V3_ROUTER_LSA_FLAGS, at, 1);
        t.enter();
        t.uint(V3_ROUTER_LSA_FLAGS_W, at, 1);
        t.uint(V3_ROUTER_LSA_FLAGS_V, at, 1);
        t.uint(V3_ROUTER_LSA_FLAGS_E, at, 1);
        t.uint(V3_ROUTER_LSA_FLAGS_B, at, 1);
        t.exit();
        v3Options(t, at + 1);
        int p = at + 4;
        if (p < end) {
          t.text(p, end - p, "Router Interfaces");
          t.enter();
          for (int n = 1; p + 16 <= end; n++, p += 16) {
            t.text(p, 16, "Entry #" + n);
            t.enter();
            t.uint(V3_LSA_TYPE, p, 1);
            t.bytes(RESERVED, p + 1, 1);
            t.uint(METRIC, p + 2, 2);
            t.uint(V3_LSA_INTERFACE_ID, p + 4, 4);
            t.uint(V3_LSA_NEIGHBOR_INTERFACE_ID, p + 8, 4);
            t.bytes(V3_LSA_NEIGHBOR_ROUTER_ID, p + 12, 4);
            t.exit();
          }
          t.exit();
        }
        break;
      }
      case 2:
        t.bytes(RESERVED, at, 1);
        v3Options(t, at + 1);
        for (int p = at + 4; p + 4 <= end; p += 4) {
          t.bytes(V3_LSA_ATTACHED_ROUTER, p, 4);
        }
        break;
      case 3: {
        t.bytes(RESERVED, at, 1);
        t.uint(METRIC, at + 1, 3);
        int plen = (int) t.uint(PREFIX_LENGTH, at + 4, 1);
        prefixOptions(t, at + 5);
        t.bytes(RESERVED, at + 6, 2);
        prefix(t, at + 8, plen);
        break;
      }
      case 4:
        t.bytes(RESERVED, at, 1);
        v3Options(t, at + 1);
        t.bytes(RESERVED, at + 4, 1);
        t.uint(METRIC, at + 5, 3);
        t.bytes(V3_LSA_DESTINATION_ROUTER_ID, at + 8, 4);
        break;
      case 5:
      case 7: {
        int flags = t.u8(at);
        t.uint(V3_AS_EXTERNAL_FLAGS, at, 1);
        t.enter();
        t.uint(V3_AS_EXTERNAL_FLAGS_E, at, 1);
        t.uint(V3_AS_EXTERNAL_FLAGS_F, at, 1);
        t.uint(V3_AS_EXTERNAL_FLAGS_T, at, 1);
        t.exit();
        t.uint(METRIC, at + 1, 3);
        int plen = (int) t.uint(PREFIX_LENGTH, at + 4, 1);
        prefixOptions(t, at + 5);
        int referenced = (int) t.uint(V3_LSA_REFERENCED_LS_TYPE, at + 6, 2);
        int p = prefix(t, at + 8, plen);
        if (p < end && (flags & 0x02) != 0) {
          t.bytes(V3_LSA_FORWARDING_ADDRESS_IPV6, p, 16);
          p += 16;
        }
        if (p < end && (flags & 0x01) != 0) {
          t.uint(V3_LSA_EXTERNAL_ROUTE_TAG, p, 4);
          p += 4;
        }
        if (p < end && referenced != 0) {
          t.bytes(V3_LSA_REFERENCED_LINK_STATE_ID, p, 4);
        }
        break;
      }
      case 8: {
        t.uint(V3_LSA_ROUTER_PRIORITY, at, 1);
        v3Options(t, at + 1);
        t.bytes(V3_LSA_LINK_LOCAL_INTERFACE_ADDRESS_IPV6, at + 4, 16);
        long n = t.uint(V3_LSA_NUM_PREFIXES, at + 20, 4);
        int p = at + 24;
        for (long i = 0; i < n && p + 4 <= end; i++) {
          int plen = (int) t.uint(PREFIX_LENGTH, p, 1);
          prefixOptions(t, p + 1);
          t.bytes(RESERVED, p + 2, 2);
          p = prefix(t, p + 4, plen);
        }
        break;
      }
      case 9: {
        int n = (int) t.uint(V3_LSA_NUM_PREFIXES, at, 2);
        t.uint(V3_LSA_REFERENCED_LS_TYPE, at + 2, 2);
        t.bytes(V3_LSA_REFERENCED_LINK_STATE_ID, at + 4, 4);
        t.bytes(REFERENCED_ADVERTISING_ROUTER, at + 8, 4);
        int p = at + 12;
        for (int i = 0; i < n && p + 4 <= end; i++) {
          int plen = (int) t.uint(PREFIX_LENGTH, p, 1);
          prefixOptions(t, p + 1);
          t.uint(METRIC, p + 2, 2);
          p = prefix(t, p + 4, plen);
        }
        break;
      }
      default:
        break;
    }
  }

  private static void prefixOptions(Tree t, int at) {
    t.uint(V3_PREFIX_OPTIONS, at, 1);
    bits(t, PREFIX_OPTION_BITS, at, 1);
  }

  /** An address prefix of {@code plen} bits (RFC 5340 A.4.1: whole 32-bit words); returns its end. */
  private static int prefix(Tree t, int at, int plen) {
    int len = (plen + 31) / 32 * 4;
    if (plen > 128 || !t.has(at, len)) {
      return at + len;
    }
    byte[] addr = new byte[16];
    System.arraycopy(t.data(), t.start() + at, addr, 0, len);
    if (len > 0 && plen % 8 != 0) {
      addr[len - 1] &= (byte) (0xff00 >> (plen % 8));
    }
    t.object(V3_ADDRESS_PREFIX_IPV6, at, len, Addresses.ipv6(addr, 0));
    return at + len;
  }

  /** The RFC 5613 LLS data block after the packet (and its authentication digest). */
  private static void lls(Tree t, int at) {
    if (!t.has(at, 4)) {
      return;
    }
    int words = t.u16(at + 2);
    int end = Math.min(t.length(), at + words * 4);
    t.text(at, end - at, "OSPF LLS Data Block");
    t.enter();
    t.uint(LLS_CHECKSUM, at, 2);
    t.number(LLS_DATA_LENGTH, at + 2, 2, words * 4L);
    for (int p = at + 4; p + 4 <= end; ) {
      int type = t.u16(p);
      int len = t.u16(p + 2);
      t.text(p, Math.min(4 + len, end - p), type == 1 ? "Extended options TLV"
          : type == 2 ? "Crypto Authentication TLV" : "Unknown TLV");
      t.enter();
      t.uint(TLV_TYPE, p, 2);
      t.uint(TLV_LENGTH, p + 2, 2);
      if (type == 1) {
        t.uint(LLS_EXT_OPTIONS, p + 4, 4);
        t.enter();
        t.uint(LLS_EXT_OPTIONS_RS, p + 4, 4);
        t.uint(LLS_EXT_OPTIONS_LR, p + 4, 4);
        t.exit();
      } else if (type == 2) {
        t.uint(V2_LLS_SEQUENCE_NUMBER, p + 4, 4);
        if (len > 4) {
          t.bytes(V2_LLS_AUTH_DATA, p + 8, len - 4);
        }
      }
      t.exit();
      p += 4 + len;
    }
    t.exit();
  }


  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = "OSPF";
    c.info.setLength(0);
    if (t.has(1, 1)) {
      String name = MSG_TYPES.get((long) t.u8(1));
      c.info.append(name != null ? name : "Unknown (" + t.u8(1) + ")");
    }
  }
}

package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Expert.Severity;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Addresses;
import io.netsift.core.field.Base;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;

/**
 * ICMP for IPv6, <a href="https://www.rfc-editor.org/rfc/rfc4443">RFC 4443</a>, with Neighbor
 * Discovery (<a href="https://www.rfc-editor.org/rfc/rfc4861">RFC 4861</a>, RDNSS/DNSSL per
 * RFC 8106, route information per RFC 4191) and Multicast Listener Discovery (RFC 2710, RFC 3810).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Type      |     Code      |          Checksum             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Message Body                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ND options:  | Type | Length (8-octet units) | Value ...
 * </pre>
 *
 * Error messages (types 1-4) quote the offending IPv6 packet, dissected as further layers, as is
 * the packet a Redirect's "Redirected header" option carries. The checksum (over the RFC 8200
 * pseudo-header) is verified, and echo replies are paired with their request, as in tshark.
 */
public final class Icmpv6Dissector extends Dissector implements Protocols.Registrable {
  public static final Field TYPE = Field.u8("icmpv6.type", "Type").labels(Icmpv6Dissector::typeName);
  public static final Field CODE = Field.u8("icmpv6.code", "Code");
  public static final Field CHECKSUM = Field.u16("icmpv6.checksum", "Checksum").hex();
  public static final Field CHECKSUM_STATUS = Field.u8("icmpv6.checksum.status", "Checksum Status")
      .base(Base.NONE).labels(Checksums::statusName);
  public static final Field RESERVED = Field.bytes("icmpv6.reserved", "Reserved");
  public static final Field DATA = Field.bytes("icmpv6.data", "Data");
  public static final Field UNKNOWN_DATA = Field.bytes("icmpv6.unknown_data", "Unknown Data");
  public static final Field MTU = Field.u32("icmpv6.mtu", "MTU");
  public static final Field POINTER = Field.u32("icmpv6.pointer", "Pointer");
  public static final Field ECHO_IDENTIFIER = Field.u16("icmpv6.echo.identifier", "Identifier").hex();
  public static final Field ECHO_SEQUENCE = Field.u16("icmpv6.echo.sequence_number", "Sequence");
  public static final Field NONCE = Field.bytes("icmpv6.nonce", "Nonce");
  public static final Field RA_CUR_HOP_LIMIT = Field.u8("icmpv6.nd.ra.cur_hop_limit", "Cur hop limit");
  public static final Field RA_FLAG = Field.u8("icmpv6.nd.ra.flag", "Flags").hex();
  public static final Field RA_FLAG_M = flag8("icmpv6.nd.ra.flag.m", "Managed address configuration", 0x80);
  public static final Field RA_FLAG_O = flag8("icmpv6.nd.ra.flag.o", "Other configuration", 0x40);
  public static final Field RA_FLAG_H = flag8("icmpv6.nd.ra.flag.h", "Home Agent", 0x20);
  public static final Field RA_FLAG_PRF = Field.u8("icmpv6.nd.ra.flag.prf", "Prf (Default Router Preference)")
      .mask(0x18, 8).labels(Icmpv6Dissector::preference);
  public static final Field RA_FLAG_P = flag8("icmpv6.nd.ra.flag.p", "Proxy", 0x04);
  public static final Field RA_FLAG_RSV = Field.u8("icmpv6.nd.ra.flag.rsv", "Reserved").mask(0x03, 8);
  public static final Field RA_ROUTER_LIFETIME = Field.u16("icmpv6.nd.ra.router_lifetime", "Router lifetime (s)");
  public static final Field RA_REACHABLE_TIME = Field.u32("icmpv6.nd.ra.reachable_time", "Reachable time (ms)");
  public static final Field RA_RETRANS_TIMER = Field.u32("icmpv6.nd.ra.retrans_timer", "Retrans timer (ms)");
  public static final Field NS_TARGET_ADDRESS = Field.ipv6("icmpv6.nd.ns.target_address", "Target Address");
  public static final Field NA_FLAG = Field.u32("icmpv6.nd.na.flag", "Flags").hex();
  public static final Field NA_FLAG_R = Field.bool("icmpv6.nd.na.flag.r", "Router").mask(0x80000000L, 32)
      .states("Set", "Not set");
  public static final Field NA_FLAG_S = Field.bool("icmpv6.nd.na.flag.s", "Solicited").mask(0x40000000L, 32)
      .states("Set", "Not set");
  public static final Field NA_FLAG_O = Field.bool("icmpv6.nd.na.flag.o", "Override").mask(0x20000000L, 32)
      .states("Set", "Not set");
  public static final Field NA_FLAG_RSV = Field.u32("icmpv6.nd.na.flag.rsv", "Reserved").mask(0x1fffffffL, 32);
  public static final Field NA_TARGET_ADDRESS = Field.ipv6("icmpv6.nd.na.target_address", "Target Address");
  public static final Field RD_TARGET_ADDRESS = Field.ipv6("icmpv6.nd.rd.target_address", "Target Address");
  public static final Field RD_DESTINATION_ADDRESS = Field.ipv6("icmpv6.rd.na.destination_address",
      "Destination Address");
  public static final Field OPT = Field.none("icmpv6.opt", "ICMPv6 Option");
  public static final Field OPT_TYPE = Field.u8("icmpv6.opt.type", "Type").labels(Icmpv6Dissector::optionName);
  public static final Field OPT_LENGTH = Field.u8("icmpv6.opt.length", "Length");
  public static final Field OPT_RESERVED = Field.none("icmpv6.opt.reserved", "Reserved");
  public static final Field OPT_PADDING = Field.none("icmpv6.opt.padding", "Padding");
  // tshark registers these names twice (FT_BYTES and FT_ETHER); MAC-sized addresses use the latter.
  public static final Field OPT_LINKADDR = Field.ether("icmpv6.opt.linkaddr", "Link-layer address");
  public static final Field OPT_SRC_LINKADDR = Field.ether("icmpv6.opt.src_linkaddr", "Source Link-layer address")
      .hidden();
  public static final Field OPT_TARGET_LINKADDR = Field.ether("icmpv6.opt.target_linkaddr",
      "Target Link-layer address").hidden();
  public static final Field OPT_PREFIX_LENGTH = Field.u8("icmpv6.opt.prefix.length", "Prefix Length");
  public static final Field OPT_PREFIX_FLAG = Field.u8("icmpv6.opt.prefix.flag", "Flag").hex();
  public static final Field OPT_PREFIX_FLAG_L = flag8("icmpv6.opt.prefix.flag.l", "On-link flag(L)", 0x80);
  public static final Field OPT_PREFIX_FLAG_A = flag8("icmpv6.opt.prefix.flag.a",
      "Autonomous address-configuration flag(A)", 0x40);
  public static final Field OPT_PREFIX_FLAG_R = flag8("icmpv6.opt.prefix.flag.r", "Router address flag(R)", 0x20);
  public static final Field OPT_PREFIX_FLAG_RESERVED = Field.u8("icmpv6.opt.prefix.flag.reserved", "Reserved")
      .mask(0x1f, 8);
  public static final Field OPT_PREFIX_VALID_LIFETIME = Field.u32("icmpv6.opt.prefix.valid_lifetime",
      "Valid Lifetime").labels(Icmpv6Dissector::infinity);
  public static final Field OPT_PREFIX_PREFERRED_LIFETIME = Field.u32("icmpv6.opt.prefix.preferred_lifetime",
      "Preferred Lifetime").labels(Icmpv6Dissector::infinity);
  public static final Field OPT_PREFIX = Field.ipv6("icmpv6.opt.prefix", "Prefix");
  public static final Field OPT_NONCE = Field.bytes("icmpv6.opt.nonce", "Nonce");
  public static final Field OPT_ROUTE_INFO_FLAG = Field.u8("icmpv6.opt.route_info.flag", "Flag").hex();
  public static final Field OPT_ROUTE_INFO_PREFERENCE = Field.u8("icmpv6.opt.route_info.flag.route_preference",
      "Route Preference").mask(0x18, 8).labels(Icmpv6Dissector::preference);
  public static final Field OPT_ROUTE_INFO_RESERVED = Field.u8("icmpv6.opt.route_info.flag.reserved", "Reserved")
      .mask(0xe7, 8);
  public static final Field OPT_ROUTE_LIFETIME = Field.u32("icmpv6.opt.route_lifetime", "Route Lifetime")
      .labels(Icmpv6Dissector::infinity);
  public static final Field OPT_REDIRECTED_PACKET = Field.none("icmpv6.opt.redirected_packet", "Redirected Packet");
  public static final Field OPT_MTU = Field.u32("icmpv6.opt.mtu", "MTU");
  public static final Field OPT_ADVERTISEMENT_INTERVAL = Field.u32("icmpv6.opt.advertisement_interval",
      "Advertisement Interval");
  public static final Field OPT_HOME_AGENT_PREFERENCE = Field.u16("icmpv6.opt.home_agent_preference",
      "Home Agent Preference");
  public static final Field OPT_HOME_AGENT_LIFETIME = Field.u16("icmpv6.opt.home_agent_lifetime",
      "Home Agent Preference");
  public static final Field OPT_RDNSS_LIFETIME = Field.u32("icmpv6.opt.rdnss.lifetime", "Lifetime")
      .labels(v -> v == 0 ? "RDNSS address MUST no longer be used" : v == 0xffffffffL ? "Infinity" : null);
  public static final Field OPT_RDNSS = Field.ipv6("icmpv6.opt.rdnss", "Recursive DNS Servers");
  public static final Field OPT_DNSSL_LIFETIME = Field.u32("icmpv6.opt.dnssl.lifetime", "Lifetime")
      .labels(v -> v == 0 ? "DNSSL domain name MUST no longer be used" : v == 0xffffffffL ? "Infinity" : null);
  public static final Field OPT_DNSSL = Field.string("icmpv6.opt.dnssl", "Domain Names");
  public static final Field MLD_MAXIMUM_RESPONSE_DELAY = Field.u16("icmpv6.mld.maximum_response_delay",
      "Maximum Response Delay [ms]");
  public static final Field MLD_MULTICAST_ADDRESS = Field.ipv6("icmpv6.mld.multicast_address", "Multicast Address");
  public static final Field MLD_MAXIMUM_RESPONSE_CODE = Field.u16("icmpv6.mld.maximum_response_code",
      "Maximum Response Code");
  public static final Field MLD_FLAG = Field.u8("icmpv6.mld.flag", "Flags").hex();
  public static final Field MLD_FLAG_S = flag8("icmpv6.mld.flag.s", "Suppress Router-Side Processing", 0x08);
  public static final Field MLD_FLAG_QRV = Field.u8("icmpv6.mld.flag.qrv", "QRV (Querier's Robustness Variable)")
      .mask(0x07, 8);
  public static final Field MLD_FLAG_RESERVED = Field.u8("icmpv6.mld.flag.reserved", "Reserved").mask(0xf0, 8);
  public static final Field MLD_QQI = Field.u8("icmpv6.mld.qqi", "QQIC (Querier's Query Interval Code)");
  public static final Field MLD_NB_SOURCES = Field.u16("icmpv6.mld.nb_sources", "Number of Sources");
  public static final Field MLD_SOURCE_ADDRESS = Field.ipv6("icmpv6.mld.source_address", "Source Address");
  public static final Field MLDR_NB_MCAST_RECORDS = Field.u16("icmpv6.mldr.nb_mcast_records",
      "Number of Multicast Address Records");
  public static final Field MLDR_MAR = Field.none("icmpv6.mldr.mar", "Multicast Address Record");
  public static final Field MLDR_MAR_RECORD_TYPE = Field.u8("icmpv6.mldr.mar.record_type", "Record Type")
      .labels(Icmpv6Dissector::recordType);
  public static final Field MLDR_MAR_AUX_DATA_LEN = Field.u8("icmpv6.mldr.mar.aux_data_len", "Aux Data Len");
  public static final Field MLDR_MAR_NB_SOURCES = Field.u16("icmpv6.mldr.mar.nb_sources", "Number of Sources");
  public static final Field MLDR_MAR_MULTICAST_ADDRESS = Field.ipv6("icmpv6.mldr.mar.multicast_address",
      "Multicast Address");
  public static final Field MLDR_MAR_SOURCE_ADDRESS = Field.ipv6("icmpv6.mldr.mar.source_address", "Source Address");
  public static final Field MLDR_MAR_AUXILIARY_DATA = Field.bytes("icmpv6.mldr.mar.auxiliary_data", "Auxiliary Data");
  public static final Field LENGTH = Field.u8("icmpv6.length", "Length of original datagram");
  public static final Field RESP_TO = Field.frameNum("icmpv6.resp_to", "Response To")
      .blurb("This is the response to the request in this frame");
  public static final Field RESPTIME = Field.of("icmpv6.resptime", "Response Time", FieldType.DOUBLE)
      .blurb("The time between the request and the response, in ms.");

  static final Expert INVALID_OPTION_LENGTH = new Expert("icmpv6.invalid_option_length", Severity.ERROR,
      "Malformed", "Invalid Option Length");
  static final Expert UNDECODED_OPTION = new Expert("icmpv6.undecoded.option", Severity.NOTE, "Undecoded",
      "Undecoded option");
  static final Expert UNKNOWN_DATA_EXPERT = new Expert("icmpv6.unknown_data.expert", Severity.ERROR, "Malformed",
      "Unknown Data (not interpreted)");
  static final Expert UNDECODED_TYPE = new Expert("icmpv6.undecoded.type", Severity.NOTE, "Undecoded",
      "Undecoded type");
  static final Expert CHECKSUM_BAD = new Expert("icmpv6.checksum_bad.expert", Severity.WARNING, "Checksum",
      "Bad checksum");

  static final int DST_UNREACH = 1;
  static final int PACKET_TOO_BIG = 2;
  static final int TIME_EXCEEDED = 3;
  static final int PARAM_PROB = 4;
  static final int ECHO_REQUEST = 128;
  static final int ECHO_REPLY = 129;
  static final int MLD_QUERY = 130;
  static final int MLD_REPORT = 131;
  static final int MLD_DONE = 132;
  static final int ROUTER_SOLICIT = 133;
  static final int ROUTER_ADVERT = 134;
  static final int NEIGHBOR_SOLICIT = 135;
  static final int NEIGHBOR_ADVERT = 136;
  static final int REDIRECT = 137;
  static final int MLDV2_REPORT = 143;
  private static final int MLDV2_QUERY_MIN = 28;

  static final int OPT_SOURCE_LINKADDR = 1;
  static final int OPT_TARGET_LINKADDR_TYPE = 2;
  static final int OPT_PREFIX_INFORMATION = 3;
  static final int OPT_REDIRECTED_HEADER = 4;
  static final int OPT_MTU_TYPE = 5;
  static final int OPT_ADVINTERVAL = 7;
  static final int OPT_HOMEAGENT_INFO = 8;
  static final int OPT_NONCE_TYPE = 14;
  static final int OPT_ROUTE_INFO = 24;
  static final int OPT_RDNSS_TYPE = 25;
  static final int OPT_DNSSL_TYPE = 31;

  // Annotations.
  private static final int A_STATUS = 0;
  private static final int A_REQUEST = 1;
  private static final int A_RESPONSE_NS = 2;
  private static final int A_FLAGS = 3;
  private static final int A_COUNT = 4;
  private static final int F_MATCHED = 1;
  private static final int F_SHORT = 2;
  private static final int F_TEREDO_TEST = 4;
  /** RFC 4380 section 2.7: the Teredo UDP port. */
  private static final int TEREDO_PORT = 3544;

  private static final String[] TYPE_NAMES = new String[256];
  private static final String[] OPTION_NAMES = new String[256];
  private static final String[] UNREACH_CODES = {
      "no route to destination", "Administratively prohibited", "Beyond scope of source address",
      "Address unreachable", "Port unreachable", "Source address failed ingress/egress policy",
      "Reject route to destination", "Error in Source Routing Header"};
  private static final String[] TIME_EXCEEDED_CODES = {
      "hop limit exceeded in transit", "fragment reassembly time exceeded"};
  private static final String[] PARAM_PROB_CODES = {
      "erroneous header field encountered", "unrecognized Next Header type encountered",
      "unrecognized IPv6 option encountered", "IPv6 First Fragment has incomplete IPv6 Header Chain"};
  private static final String[] RECORD_TYPES = {
      null, "Include", "Exclude", "Changed to include", "Changed to exclude", "Allow new sources",
      "Block old sources"};
  private static final String[] PREFERENCES = {"Medium", "High", "Reserved", "Low"};

  static {
    TYPE_NAMES[1] = "Destination Unreachable";
    TYPE_NAMES[2] = "Packet Too Big";
    TYPE_NAMES[3] = "Time Exceeded";
    TYPE_NAMES[4] = "Parameter Problem";
    TYPE_NAMES[100] = "Private experimentation";
    TYPE_NAMES[101] = "Private experimentation";
    TYPE_NAMES[127] = "Reserved for expansion of ICMPv6 error messages";
    String[] info = {"Echo (ping) request", "Echo (ping) reply", "Multicast Listener Query",
        "Multicast Listener Report", "Multicast Listener Done", "Router Solicitation", "Router Advertisement",
        "Neighbor Solicitation", "Neighbor Advertisement", "Redirect", "Router Renumbering",
        "Node Information Query", "Node Information Reply", "Inverse Neighbor Discovery Solicitation",
        "Inverse Neighbor Discovery Advertisement", "Multicast Listener Report Message v2",
        "Home Agent Address Discovery Request", "Home Agent Address Discovery Reply", "Mobile Prefix Solicitation",
        "Mobile Prefix Advertisement", "Certification Path Solicitation", "Certification Path Advertisement",
        "Experimental Mobility", "Multicast Router Advertisement", "Multicast Router Solicitation",
        "Multicast Router Termination", "FMIPv6", "RPL Control", "Locator Update", "Duplicate Address Request",
        "Duplicate Address Confirmation", "MPL Control Message", "Extended Echo request", "Extended Echo reply"};
    System.arraycopy(info, 0, TYPE_NAMES, 128, info.length);
    TYPE_NAMES[200] = "Private experimentation";
    TYPE_NAMES[201] = "Private experimentation";
    TYPE_NAMES[255] = "Reserved for expansion of ICMPv6 informational messages";
    String[] opts = {null, "Source link-layer address", "Target link-layer address", "Prefix information",
        "Redirected header", "MTU", "NBMA Shortcut Limit Option", "Advertisement Interval",
        "Home Agent Information", "Source Address List", "Target Address List", "CGA", "RSA Signature",
        "Timestamp", "Nonce", "Trust Anchor", "Certificate", "IP Address/Prefix Option",
        "New Router Prefix Information", "Link-layer Address", "Neighbor Advertisement Acknowledgment", null, null,
        "MAP", "Route Information", "Recursive DNS Server", "RA Flags Extension", "Handover Key Request",
        "Handover Key Reply", "Handover Assist Information", "Mobile Node Identifier Option",
        "DNS Search List Option", "Proxy Signature (PS)", "Address Registration Option", "6LoWPAN Context Option",
        "Authoritative Border Router", "6LoWPAN Capability Indication Option", "DHCP Captive-Portal",
        "PREF64 Option"};
    System.arraycopy(opts, 0, OPTION_NAMES, 0, opts.length);
    OPTION_NAMES[138] = "CARD Request";
    OPTION_NAMES[139] = "CARD Reply";
    OPTION_NAMES[253] = "RFC3692-style Experiment 1";
    OPTION_NAMES[254] = "RFC3692-style Experiment 2";
  }

  /** Per-capture state: echo requests waiting for their reply. */
  private static final class State {
    final ConversationTable<long[]> requests = new ConversationTable<>();
  }

  public Icmpv6Dissector() {
    super("icmpv6", "Internet Control Message Protocol v6", "ICMPv6");
  }

  private static Field flag8(String name, String label, int mask) {
    return Field.bool(name, label).mask(mask, 8).states("Set", "Not set");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.IP_PROTO, 58, this);
  }

  static String typeName(long type) {
    return type >= 0 && type < 256 ? TYPE_NAMES[(int) type] : null;
  }

  static String optionName(long type) {
    return type >= 0 && type < 256 ? OPTION_NAMES[(int) type] : null;
  }

  private static String preference(long v) {
    return v >= 0 && v < 4 ? PREFERENCES[(int) v] : null;
  }

  private static String infinity(long v) {
    return v == 0xffffffffL ? "Infinity" : null;
  }

  private static String recordType(long v) {
    return v > 0 && v < RECORD_TYPES.length ? RECORD_TYPES[(int) v] : null;
  }

  /** Option types tshark's ND option switch decodes (the rest get an "undecoded" note). */
  private static boolean knownOption(int type) {
    return type >= 1 && type <= 20 || type >= 23 && type <= 38;
  }

  /** Message types tshark's type switch decodes (the rest get an "undecoded" note and data). */
  private static boolean knownType(int type) {
    return type >= 1 && type <= 4 || type >= 128 && type <= 161;
  }

  private static boolean hasOptions(int type) {
    return type == ROUTER_SOLICIT || type == ROUTER_ADVERT || type == NEIGHBOR_SOLICIT
        || type == NEIGHBOR_ADVERT || type == REDIRECT;
  }

  /** Offset of the first ND option of a message that carries options. */
  private static int optionsStart(int type) {
    switch (type) {
      case ROUTER_SOLICIT: return 8;
      case ROUTER_ADVERT: return 16;
      case NEIGHBOR_SOLICIT: case NEIGHBOR_ADVERT: return 24;
      default: return 40;
    }
  }


  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int end = d.end(layer);
    byte[] b = d.data();
    int ip = EnclosingIp.find(d, layer);
    int reported = EnclosingIp.reportedEnd(d, ip, end) - s;
    d.annotate(layer, A_COUNT); // zeroed by the Dissection
    d.payload(end, end);
    int cap = end - s;
    if (cap < 4) {
      d.setAnnotation(layer, A_FLAGS, F_SHORT);
      if (reported < 4) {
        d.malformed(layer);
      }
      return null;
    }
    int type = Bytes.u8(b, s);
    int checksum = Bytes.u16(b, s + 2);
    boolean error = EnclosingIp.inErrorPacket(d, layer);
    int status = Checksums.UNVERIFIED;
    if (!error && cap >= reported && ip >= 0) {
      // RFC 8200 section 8.1: the pseudo-header carries the upper-layer length and next header.
      int n = EnclosingIp.addressLength(d, ip);
      int sum = EnclosingIp.onesSum(b, EnclosingIp.src(d, ip), n, 0);
      sum = EnclosingIp.onesSum(b, EnclosingIp.dst(d, ip), n, sum);
      sum = EnclosingIp.fold(sum + (reported >>> 16) + (reported & 0xffff) + 58);
      sum = EnclosingIp.onesSum(b, s, cap, sum);
      status = sum == 0xffff ? Checksums.GOOD : Checksums.BAD;
      if (status == Checksums.BAD) {
        int without = EnclosingIp.fold(sum + (~checksum & 0xffff));
        d.expert(layer, CHECKSUM_BAD, s + 2, 0, String.format("Bad checksum [should be 0x%04x]", ~without & 0xffff));
      }
    }
    d.setAnnotation(layer, A_STATUS, status);
    switch (type) {
      case ECHO_REQUEST:
      case ECHO_REPLY:
        if (cap < 8) {
          return null;
        }
        if (type == ECHO_REQUEST && toTeredoPort(d, layer)) {
          // RFC 4380 section 5.2.9: a direct IPv6 connectivity test carries a nonce, no data.
          d.setAnnotation(layer, A_FLAGS, F_TEREDO_TEST);
          return null;
        }
        if (!error && ip >= 0) {
          match(d, layer, ip, type, checksum, Bytes.u16(b, s + 4), Bytes.u16(b, s + 6));
        }
        d.payload(s + 8, end);
        return null;
      case DST_UNREACH:
      case PACKET_TOO_BIG:
      case TIME_EXCEEDED:
      case PARAM_PROB:
        return contained(d, s + 8, end);
      default:
        break;
    }
    if (!knownType(type)) {
      d.expert(layer, UNDECODED_TYPE, s, 0, "Dissector for ICMPv6 Type (" + type + ") code not implemented,"
          + " Contact Wireshark developers if you want this supported");
      return null;
    }
    if (hasOptions(type)) {
      return options(d, layer, s + optionsStart(type), s + reported, end, type == REDIRECT);
    }
    return null;
  }

  /** Whether the nearest UDP layer below goes to the Teredo port (tshark's pinfo->destport test). */
  private static boolean toTeredoPort(Dissection d, int layer) {
    for (int i = layer - 1; i > 0; i--) {
      if (d.dissector(i).name().equals("udp")) {
        return d.length(i) >= 4 && Bytes.u16(d.data(), d.start(i) + 2) == TEREDO_PORT;
      }
    }
    return false;
  }

  /** The quoted packet of an error: IPv6 when it looks like IPv6 (version 6), else data. */
  private static Dissector contained(Dissection d, int from, int end) {
    if (from >= end) {
      return null;
    }
    d.payload(from, end);
    return (Bytes.u8(d.data(), from) & 0xf0) == 0x60 ? d.protocols().byName("ipv6") : null;
  }

  /** Walks the ND options for their expert notes; a Redirected header's packet becomes the next layer. */
  private static Dissector options(Dissection d, int layer, int p, int reportedEnd, int end, boolean redirect) {
    byte[] b = d.data();
    Dissector next = null;
    while (p < reportedEnd && p + 2 <= end) {
      int type = Bytes.u8(b, p);
      int len = Bytes.u8(b, p + 1) * 8;
      if (len == 0) {
        d.expert(layer, INVALID_OPTION_LENGTH, p + 1, 1, "Invalid option length (Zero)");
        break;
      }
      if (!knownOption(type)) {
        d.expert(layer, UNDECODED_OPTION, p, len, "Dissector for ICMPv6 Option (" + type + ")"
            + " code not implemented, Contact Wireshark developers if you want this supported");
      } else if (parsedLength(b, p, len, type, end) < len) {
        d.expert(layer, UNKNOWN_DATA_EXPERT, p + parsedLength(b, p, len, type, end), 0, null);
      }
      if (redirect && type == OPT_REDIRECTED_HEADER && len > 8 && next == null && p + 8 < end) {
        d.payload(p + 8, Math.min(end, p + len));
        next = (Bytes.u8(b, p + 8) & 0xf0) == 0x60 ? d.protocols().byName("ipv6") : null;
      }
      p += len;
    }
    return next;
  }

  /**
   * How many bytes of option {@code type} tshark's decoder consumes, or {@code len} for types
   * whose decoders always consume the whole option; a shorter count leaves "unknown data".
   */
  private static int parsedLength(byte[] b, int p, int len, int type, int end) {
    switch (type) {
      case OPT_SOURCE_LINKADDR:
      case OPT_TARGET_LINKADDR_TYPE:
        return len + 2;
      case OPT_PREFIX_INFORMATION: return 32;
      case OPT_MTU_TYPE: case OPT_ADVINTERVAL: case OPT_HOMEAGENT_INFO: return 8;
      case OPT_ROUTE_INFO: return len == 16 ? 16 : len == 24 ? 24 : 8;
      default: return len;
    }
  }

  /** Records a request or pairs a reply with its request (tshark's key: id, seq, request checksum). */
  private void match(Dissection d, int layer, int ip, int type, int checksum, int id, int seq) {
    State st = d.state(this, State::new);
    int key;
    if (type == ECHO_REQUEST) {
      key = checksum == 0xffff ? 0 : checksum;
    } else {
      // The request's checksum: the type word was 0x0100 lower (RFC 1624 incremental update).
      key = ~EnclosingIp.fold((~checksum & 0xffff) + (~0x0100 & 0xffff)) & 0xffff;
    }
    long extra = (long) key << 32 | (long) id << 16 | seq;
    long[] request = st.requests.get(d, ip, 0, 0, extra);
    if (type == ECHO_REQUEST) {
      st.requests.putLast(new long[] {d.number(), d.timestampNanos(), 0});
    } else if (request != null && request[2] == 0) {
      request[2] = d.number();
      d.setAnnotation(layer, A_REQUEST, request[0]);
      d.setAnnotation(layer, A_RESPONSE_NS, d.timestampNanos() - request[1]);
      d.setAnnotation(layer, A_FLAGS, F_MATCHED);
    }
  }

  @Override
  public void fields(Tree t) {
    if ((t.annotation(A_FLAGS) & F_SHORT) != 0) {
      return;
    }
    int type = t.u8(0);
    t.uint(TYPE, 0, 1);
    t.uint(CODE, 1, 1);
    t.uint(CHECKSUM, 2, 2);
    t.number(CHECKSUM_STATUS, 2, 0, t.annotation(A_STATUS));
    int reported = EnclosingIp.reportedEnd(t.dissection(), EnclosingIp.find(t.dissection(), t.layer()),
        t.start() + t.length()) - t.start();
    switch (type) {
      case ECHO_REQUEST:
      case ECHO_REPLY:
        t.uint(ECHO_IDENTIFIER, 4, 2);
        t.uint(ECHO_SEQUENCE, 6, 2);
        if ((t.annotation(A_FLAGS) & F_TEREDO_TEST) != 0) {
          t.bytes(NONCE, 8, 4);
        }
        if ((t.annotation(A_FLAGS) & F_MATCHED) != 0) {
          t.generated(RESP_TO, t.annotation(A_REQUEST));
          t.generatedObject(RESPTIME, t.annotation(A_RESPONSE_NS) / 1e6);
        }
        break;
      case DST_UNREACH:
      case TIME_EXCEEDED:
        if (t.u8(4) != 0) {
          // RFC 4884: the original datagram's length, in 64-bit words.
          t.uint(LENGTH, 4, 1);
          t.bytes(RESERVED, 5, 3);
        } else {
          t.bytes(RESERVED, 4, 4);
        }
        break;
      case PACKET_TOO_BIG:
        t.uint(MTU, 4, 4);
        break;
      case PARAM_PROB:
        t.uint(POINTER, 4, 4);
        break;
      case MLD_QUERY:
      case MLD_REPORT:
      case MLD_DONE:
        mld(t, type);
        break;
      case ROUTER_SOLICIT:
        t.bytes(RESERVED, 4, 4);
        options(t, 8, reported);
        break;
      case ROUTER_ADVERT:
        t.uint(RA_CUR_HOP_LIMIT, 4, 1);
        t.uint(RA_FLAG, 5, 1);
        t.enter();
        t.uint(RA_FLAG_M, 5, 1);
        t.uint(RA_FLAG_O, 5, 1);
        t.uint(RA_FLAG_H, 5, 1);
        t.uint(RA_FLAG_PRF, 5, 1);
        t.uint(RA_FLAG_P, 5, 1);
        t.uint(RA_FLAG_RSV, 5, 1);
        t.exit();
        t.uint(RA_ROUTER_LIFETIME, 6, 2);
        t.uint(RA_REACHABLE_TIME, 8, 4);
        t.uint(RA_RETRANS_TIMER, 12, 4);
        options(t, 16, reported);
        break;
      case NEIGHBOR_SOLICIT:
        t.bytes(RESERVED, 4, 4);
        t.bytes(NS_TARGET_ADDRESS, 8, 16);
        options(t, 24, reported);
        break;
      case NEIGHBOR_ADVERT:
        t.uint(NA_FLAG, 4, 4);
        t.enter();
        t.uint(NA_FLAG_R, 4, 4);
        t.uint(NA_FLAG_S, 4, 4);
        t.uint(NA_FLAG_O, 4, 4);
        t.uint(NA_FLAG_RSV, 4, 4);
        t.exit();
        t.bytes(NA_TARGET_ADDRESS, 8, 16);
        options(t, 24, reported);
        break;
      case REDIRECT:
        t.bytes(RESERVED, 4, 4);
        t.bytes(RD_TARGET_ADDRESS, 8, 16);
        t.bytes(RD_DESTINATION_ADDRESS, 24, 16);
        options(t, 40, reported);
        break;
      case MLDV2_REPORT:
        mldv2Report(t);
        break;
      default:
        if (!knownType(type) && t.length() > 4) {
          t.bytes(DATA, 4, t.length() - 4);
        }
        break;
    }
  }

  /** MLDv1 (RFC 2710) messages, and the MLDv2 query (RFC 3810 section 5.1) when long enough. */
  private static void mld(Tree t, int type) {
    if (type == MLD_QUERY && t.length() >= MLDV2_QUERY_MIN) {
      int mrc = t.u16(4);
      if (mrc >= 32768) {
        // RFC 3810 section 5.1.3: a floating-point code.
        mrc = ((mrc & 0x0fff) | 0x1000) << (((mrc & 0x7000) >> 12) + 3);
      }
      t.number(MLD_MAXIMUM_RESPONSE_CODE, 4, 2, mrc);
      t.bytes(RESERVED, 6, 2);
      t.bytes(MLD_MULTICAST_ADDRESS, 8, 16);
      t.uint(MLD_FLAG, 24, 1);
      t.enter();
      t.uint(MLD_FLAG_S, 24, 1);
      t.uint(MLD_FLAG_QRV, 24, 1);
      t.uint(MLD_FLAG_RESERVED, 24, 1);
      t.exit();
      int qqi = t.u8(25);
      if (qqi >= 128) {
        // RFC 3810 section 5.1.9: the same floating-point encoding.
        qqi = ((qqi & 0x0f) | 0x10) << (((qqi & 0x70) >> 4) + 3);
      }
      t.number(MLD_QQI, 25, 1, qqi);
      int sources = t.u16(26);
      t.uint(MLD_NB_SOURCES, 26, 2);
      for (int i = 0; i < sources && t.has(28 + i * 16, 16); i++) {
        t.bytes(MLD_SOURCE_ADDRESS, 28 + i * 16, 16);
      }
      return;
    }
    t.uint(MLD_MAXIMUM_RESPONSE_DELAY, 4, 2);
    t.bytes(RESERVED, 6, 2);
    t.bytes(MLD_MULTICAST_ADDRESS, 8, 16);
  }

  /** RFC 3810 section 5.2: the report's multicast address records. */
  private static void mldv2Report(Tree t) {
    t.bytes(RESERVED, 4, 2);
    int records = t.u16(6);
    t.uint(MLDR_NB_MCAST_RECORDS, 6, 2);
    int p = 8;
    for (int i = 0; i < records && t.has(p, 4); i++) {
      int aux = t.u8(p + 1) * 4;
      int sources = t.u16(p + 2);
      int len = 20 + sources * 16 + aux;
      t.object(MLDR_MAR, p, Math.min(len, t.length() - p), null);
      t.enter();
      t.uint(MLDR_MAR_RECORD_TYPE, p, 1);
      t.uint(MLDR_MAR_AUX_DATA_LEN, p + 1, 1);
      t.uint(MLDR_MAR_NB_SOURCES, p + 2, 2);
      t.bytes(MLDR_MAR_MULTICAST_ADDRESS, p + 4, 16);
      for (int k = 0; k < sources; k++) {
        t.bytes(MLDR_MAR_SOURCE_ADDRESS, p + 20 + k * 16, 16);
      }
      if (aux > 0) {
        t.bytes(MLDR_MAR_AUXILIARY_DATA, p + 20 + sources * 16, aux);
      }
      t.exit();
      p += len;
    }
  }

  /** The ND options from {@code p} to the message's reported end. */
  private static void options(Tree t, int p, int reported) {
    while (p < reported && t.has(p, 2)) {
      int type = t.u8(p);
      int len = t.u8(p + 1) * 8;
      t.object(OPT, p, Math.min(Math.max(len, 2), t.length() - p), null);
      t.enter();
      t.uint(OPT_TYPE, p, 1);
      t.uint(OPT_LENGTH, p + 1, 1);
      if (len == 0) {
        t.exit();
        return;
      }
      option(t, type, p, len);
      t.exit();
      p += len;
    }
  }

  private static void option(Tree t, int type, int p, int len) {
    int q = p + 2;
    switch (type) {
      case OPT_SOURCE_LINKADDR:
      case OPT_TARGET_LINKADDR_TYPE: {
        int n = len == 8 ? 6 : len - 2;
        t.bytes(OPT_LINKADDR, q, n);
        t.bytes(type == OPT_SOURCE_LINKADDR ? OPT_SRC_LINKADDR : OPT_TARGET_LINKADDR, q, n);
        return;
      }
      case OPT_PREFIX_INFORMATION:
        t.uint(OPT_PREFIX_LENGTH, q, 1);
        t.uint(OPT_PREFIX_FLAG, q + 1, 1);
        t.enter();
        t.uint(OPT_PREFIX_FLAG_L, q + 1, 1);
        t.uint(OPT_PREFIX_FLAG_A, q + 1, 1);
        t.uint(OPT_PREFIX_FLAG_R, q + 1, 1);
        t.uint(OPT_PREFIX_FLAG_RESERVED, q + 1, 1);
        t.exit();
        t.uint(OPT_PREFIX_VALID_LIFETIME, q + 2, 4);
        t.uint(OPT_PREFIX_PREFERRED_LIFETIME, q + 6, 4);
        t.object(OPT_RESERVED, q + 10, 4, null);
        t.bytes(OPT_PREFIX, q + 14, 16);
        unknownData(t, p + 32, p + len);
        return;
      case OPT_REDIRECTED_HEADER:
        t.object(OPT_RESERVED, q, 6, null);
        if (len > 8) {
          t.object(OPT_REDIRECTED_PACKET, q + 6, len - 8, null);
        }
        return;
      case OPT_MTU_TYPE:
        t.object(OPT_RESERVED, q, 2, null);
        t.uint(OPT_MTU, q + 2, 4);
        unknownData(t, p + 8, p + len);
        return;
      case OPT_ADVINTERVAL:
        t.object(OPT_RESERVED, q, 2, null);
        t.uint(OPT_ADVERTISEMENT_INTERVAL, q + 2, 4);
        unknownData(t, p + 8, p + len);
        return;
      case OPT_HOMEAGENT_INFO:
        t.object(OPT_RESERVED, q, 2, null);
        t.uint(OPT_HOME_AGENT_PREFERENCE, q + 2, 2);
        t.uint(OPT_HOME_AGENT_LIFETIME, q + 4, 2);
        unknownData(t, p + 8, p + len);
        return;
      case OPT_NONCE_TYPE:
        t.bytes(OPT_NONCE, q, len - 2);
        return;
      case OPT_ROUTE_INFO:
        t.uint(OPT_PREFIX_LENGTH, q, 1);
        t.uint(OPT_ROUTE_INFO_FLAG, q + 1, 1);
        t.enter();
        t.uint(OPT_ROUTE_INFO_PREFERENCE, q + 1, 1);
        t.uint(OPT_ROUTE_INFO_RESERVED, q + 1, 1);
        t.exit();
        t.uint(OPT_ROUTE_LIFETIME, q + 2, 4);
        if (len == 16) {
          // An 8-byte prefix, shown as the address it starts (the rest zero).
          if (t.has(q + 6, 8)) {
            byte[] prefix = new byte[16];
            System.arraycopy(t.data(), t.start() + q + 6, prefix, 0, 8);
            t.object(OPT_PREFIX, q + 6, 8, prefix);
          }
        } else if (len == 24) {
          t.bytes(OPT_PREFIX, q + 6, 16);
        }
        return;
      case OPT_RDNSS_TYPE:
        t.object(OPT_RESERVED, q, 2, null);
        t.uint(OPT_RDNSS_LIFETIME, q + 2, 4);
        for (int a = q + 6; a < p + len; a += 16) {
          t.bytes(OPT_RDNSS, a, 16);
        }
        return;
      case OPT_DNSSL_TYPE:
        t.object(OPT_RESERVED, q, 2, null);
        t.uint(OPT_DNSSL_LIFETIME, q + 2, 4);
        dnssl(t, q + 6, p + len);
        return;
      default:
        if (!knownOption(type)) {
          t.bytes(DATA, q, len - 2);
        }
        return;
    }
  }

  private static void unknownData(Tree t, int from, int to) {
    if (to > from) {
      t.bytes(UNKNOWN_DATA, from, to - from);
    }
  }

  /** RFC 8106 section 5.2: uncompressed DNS names, then zero padding. */
  private static void dnssl(Tree t, int p, int end) {
    while (p < end && t.has(p, 1)) {
      if (t.u8(p) == 0) {
        t.object(OPT_PADDING, p, end - p, null);
        return;
      }
      StringBuilder name = new StringBuilder();
      int q = p;
      while (q < end && t.has(q, 1) && t.u8(q) != 0) {
        int n = t.u8(q);
        if (!t.has(q + 1, n)) {
          return;
        }
        if (name.length() > 0) {
          name.append('.');
        }
        name.append(io.netsift.core.field.Strings.printable(t.data(), t.start() + q + 1, n));
        q += 1 + n;
      }
      q++;
      t.object(OPT_DNSSL, p, q - p, name.toString());
      p = q;
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    Dissection d = t.dissection();
    c.protocol = "ICMPv6";
    StringBuilder info = c.info;
    info.setLength(0);
    if ((t.annotation(A_FLAGS) & F_SHORT) != 0 || !t.has(0, 2)) {
      return;
    }
    int type = t.u8(0);
    int code = t.u8(1);
    String name = TYPE_NAMES[type];
    if ((t.annotation(A_FLAGS) & F_TEREDO_TEST) != 0) {
      c.protocol = "Teredo";
      info.append("Direct IPv6 Connectivity Test");
    } else if (name != null) {
      info.append(name);
    } else {
      info.append("Unknown (").append(type).append(')');
    }
    String codeName = codeName(type, code);
    if (codeName != null) {
      info.append(" (").append(codeName).append(')');
    }
    switch (type) {
      case ECHO_REQUEST:
      case ECHO_REPLY: {
        if (!t.has(0, 8)) {
          return;
        }
        String id = Integer.toHexString(t.u16(4));
        info.append(" id=0x").append("0000", id.length(), 4).append(id).append(", seq=").append(t.u16(6));
        int ip = EnclosingIp.find(d, t.layer());
        if (ip >= 0 && EnclosingIp.isV6(d, ip)) {
          info.append(", hop limit=").append(EnclosingIp.ttl(d, ip));
        }
        if ((t.annotation(A_FLAGS) & F_MATCHED) != 0) {
          info.append(" (request in ").append(t.annotation(A_REQUEST)).append(')');
        }
        return;
      }
      case NEIGHBOR_SOLICIT:
        if (t.has(8, 16)) {
          info.append(" for ");
          Addresses.appendIpv6(info, t.data(), t.start() + 8);
        }
        break;
      case NEIGHBOR_ADVERT:
        if (t.has(8, 16)) {
          int flags = t.u8(4);
          info.append(' ');
          Addresses.appendIpv6(info, t.data(), t.start() + 8);
          info.append(" (");
          int mark = info.length();
          if ((flags & 0x80) != 0) {
            info.append("rtr, ");
          }
          if ((flags & 0x40) != 0) {
            info.append("sol, ");
          }
          if ((flags & 0x20) != 0) {
            info.append("ovr, ");
          }
          if (info.length() > mark) {
            info.setLength(info.length() - 2);
          } else {
            info.append("none");
          }
          info.append(')');
        }
        break;
      default:
        break;
    }
    if (hasOptions(type)) {
      int reported = EnclosingIp.reportedEnd(d, EnclosingIp.find(d, t.layer()), t.start() + t.length()) - t.start();
      optionInfo(t, optionsStart(type), reported, info);
    }
  }

  /** What the link-layer address options add to Info: " from MAC" / " is at MAC". */
  private static void optionInfo(Tree t, int p, int reported, StringBuilder info) {
    while (p < reported && t.has(p, 2)) {
      int type = t.u8(p);
      int len = t.u8(p + 1) * 8;
      if (len == 0) {
        return;
      }
      if ((type == OPT_SOURCE_LINKADDR || type == OPT_TARGET_LINKADDR_TYPE) && len == 8 && t.has(p + 2, 6)) {
        info.append(type == OPT_SOURCE_LINKADDR ? " from " : " is at ");
        info.append(Addresses.mac(t.data(), t.start() + p + 2));
      }
      p += len;
    }
  }

  /** The code label tshark appends to Info for the types whose codes it names. */
  static String codeName(int type, int code) {
    switch (type) {
      case DST_UNREACH:
        return code < UNREACH_CODES.length ? UNREACH_CODES[code] : "Unknown";
      case TIME_EXCEEDED:
        return code < TIME_EXCEEDED_CODES.length ? TIME_EXCEEDED_CODES[code] : "Unknown (" + code + ")";
      case PARAM_PROB:
        return code < PARAM_PROB_CODES.length ? PARAM_PROB_CODES[code] : "Unknown (" + code + ")";
      case 138:
        return code == 0 ? "Command" : code == 1 ? "Result" : code == 255 ? "Sequence number reset"
            : "Unknown (" + code + ")";
      default:
        return null;
    }
  }

  @Override
  public boolean quotesErrorPackets() {
    return true;
  }
}

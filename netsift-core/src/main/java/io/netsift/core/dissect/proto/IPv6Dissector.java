package io.netsift.core.dissect.proto;

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

/**
 * Internet Protocol version 6, RFC 8200.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version| Traffic Class |           Flow Label                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Payload Length        |  Next Header  |   Hop Limit   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Source Address (128 bits)                  |
 * |                 Destination Address (128 bits)                |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Extension headers are layers of their own ({@link IPv6ExtensionDissector}: tshark lists them
 * in frame.protocols, {@code ipv6:ipv6.hopopts:icmpv6}), but, as in tshark's default tree, their
 * fields sit inside the IPv6 subtree, so this walker reports them and all their fields belong
 * to {@code ipv6}. The hidden address fields derived from 6to4 (RFC 3056), Teredo (RFC 4380),
 * SLAAC (RFC 4291 appendix A), ISATAP (RFC 5214) and NAT64 (RFC 6052) addresses follow the
 * addresses, as tshark adds them.
 */
public final class IPv6Dissector extends Dissector implements Protocols.Registrable {
  /** The hidden ip.version tshark adds to IPv6 headers, owned here so -e ip.version walks IPv6 layers. */
  // The fragment header's reassembly items: walked with the IPv6 header, so declared here.
  public static final Field FRAGMENTS = Field.none("ipv6.fragments", "IPv6 Fragments");
  public static final Field REASSEMBLED_IN = Field.frameNum("ipv6.reassembled.in", "Reassembled IPv6 in frame");
  public static final Field FRAGMENT_ITEM = Field.frameNum("ipv6.fragment", "IPv6 Fragment");
  public static final Field FRAGMENT_COUNT = Field.u32("ipv6.fragment.count", "Fragment count");
  public static final Field REASSEMBLED_LENGTH = Field.u32("ipv6.reassembled.length", "Reassembled IPv6 length");
  public static final Field REASSEMBLED_DATA = Field.bytes("ipv6.reassembled.data", "Reassembled IPv6 data");
  public static final Field IP_VERSION = Field.u8("ip.version", "Version").mask(0xf0, 8).hidden();

  public static final Field VERSION = Field.u8("ipv6.version", "Version");
  public static final Field TCLASS = Field.u32("ipv6.tclass", "Traffic Class").hex().mask(0x0ff00000, 32);
  public static final Field TCLASS_DSCP = Field.u32("ipv6.tclass.dscp", "Differentiated Services Codepoint")
      .mask(0x0fc00000, 32).labels(DiffServ.DSCP);
  public static final Field TCLASS_ECN = Field.u32("ipv6.tclass.ecn", "Explicit Congestion Notification")
      .mask(0x00300000, 32).labels(DiffServ.ECN);
  public static final Field FLOW = Field.u24("ipv6.flow", "Flow Label").hex().mask(0x0fffff, 24);
  public static final Field PLEN = Field.u16("ipv6.plen", "Payload Length");
  public static final Field NXT = Field.u8("ipv6.nxt", "Next Header").labels(IpProtocols::name);
  public static final Field HLIM = Field.u8("ipv6.hlim", "Hop Limit");
  public static final Field SRC = Field.ipv6("ipv6.src", "Source Address");
  public static final Field SRC_HOST = Field.string("ipv6.src_host", "Source Host").hidden();
  public static final Field SRC_SLAAC_MAC = Field.ether("ipv6.src_slaac_mac", "Source SLAAC MAC");
  public static final Field SRC_ISATAP_IPV4 = Field.ipv4("ipv6.src_isatap_ipv4", "Source ISATAP IPv4");
  public static final Field SRC_6TO4_GW_IPV4 = Field.ipv4("ipv6.src_6to4_gw_ipv4", "Source 6to4 Gateway IPv4");
  public static final Field SRC_6TO4_SLA_ID = Field.u16("ipv6.src_6to4_sla_id", "Source 6to4 SLA ID");
  public static final Field SRC_TS_IPV4 = Field.ipv4("ipv6.src_ts_ipv4", "Source Teredo Server IPv4");
  public static final Field SRC_TC_PORT = Field.u16("ipv6.src_tc_port", "Source Teredo Port");
  public static final Field SRC_TC_IPV4 = Field.ipv4("ipv6.src_tc_ipv4", "Source Teredo Client IPv4");
  public static final Field SRC_EMBED_IPV4 = Field.ipv4("ipv6.src_embed_ipv4", "Source Embedded IPv4");
  public static final Field DST = Field.ipv6("ipv6.dst", "Destination Address");
  public static final Field DST_HOST = Field.string("ipv6.dst_host", "Destination Host").hidden();
  public static final Field DST_SLAAC_MAC = Field.ether("ipv6.dst_slaac_mac", "Destination SLAAC MAC");
  public static final Field DST_ISATAP_IPV4 = Field.ipv4("ipv6.dst_isatap_ipv4", "Destination ISATAP IPv4");
  public static final Field DST_6TO4_GW_IPV4 = Field.ipv4("ipv6.dst_6to4_gw_ipv4", "Destination 6to4 Gateway IPv4");
  public static final Field DST_6TO4_SLA_ID = Field.u16("ipv6.dst_6to4_sla_id", "Destination 6to4 SLA ID");
  public static final Field DST_TS_IPV4 = Field.ipv4("ipv6.dst_ts_ipv4", "Destination Teredo Server IPv4");
  public static final Field DST_TC_PORT = Field.u16("ipv6.dst_tc_port", "Destination Teredo Port");
  public static final Field DST_TC_IPV4 = Field.ipv4("ipv6.dst_tc_ipv4", "Destination Teredo Client IPv4");
  public static final Field DST_EMBED_IPV4 = Field.ipv4("ipv6.dst_embed_ipv4", "Destination Embedded IPv4");
  public static final Field ADDR = Field.ipv6("ipv6.addr", "Source or Destination Address").hidden();
  public static final Field HOST = Field.string("ipv6.host", "Source or Destination Host").hidden();
  public static final Field SLAAC_MAC = Field.ether("ipv6.slaac_mac", "SLAAC MAC").hidden();
  public static final Field ISATAP_IPV4 = Field.ipv4("ipv6.isatap_ipv4", "ISATAP IPv4").hidden();
  public static final Field GW_6TO4_IPV4 = Field.ipv4("ipv6.6to4_gw_ipv4", "6to4 Gateway IPv4").hidden();
  public static final Field SLA_ID_6TO4 = Field.u16("ipv6.6to4_sla_id", "6to4 SLA ID").hidden();
  public static final Field TS_IPV4 = Field.ipv4("ipv6.ts_ipv4", "Teredo Server IPv4").hidden();
  public static final Field TC_PORT = Field.u16("ipv6.tc_port", "Teredo Port").hidden();
  public static final Field TC_IPV4 = Field.ipv4("ipv6.tc_ipv4", "Teredo Client IPv4").hidden();
  public static final Field EMBED_IPV4_PREFIX = Field.bytes("ipv6.embed_ipv4_prefix", "Embedded IPv4 Prefix");
  public static final Field EMBED_IPV4 = Field.ipv4("ipv6.embed_ipv4", "Embedded IPv4");

  // Options of hop-by-hop and destination options headers (IPv6Options walks them).
  public static final Field OPT = Field.none("ipv6.opt", "IPv6 Option");
  public static final Field OPT_TYPE = Field.u8("ipv6.opt.type", "Type").hex().labels(IPv6Options.TYPE_NAMES);
  public static final Field OPT_TYPE_ACTION = Field.u8("ipv6.opt.type.action", "Action").mask(0xc0, 8)
      .labels(ValueNames.parse("0=Skip and continue|1=Discard|2=Discard and send ICMP Parameter Problem|"
          + "3=Discard and send ICMP if not multicast"));
  public static final Field OPT_TYPE_CHANGE = Field.bool("ipv6.opt.type.change", "May Change").mask(0x20, 8)
      .states("Yes", "No");
  public static final Field OPT_TYPE_REST = Field.u8("ipv6.opt.type.rest", "Low-Order Bits").hex().mask(0x1f, 8);
  public static final Field OPT_LENGTH = Field.u8("ipv6.opt.length", "Length");
  public static final Field OPT_PAD1 = Field.none("ipv6.opt.pad1", "Pad1");
  public static final Field OPT_PADN = Field.bytes("ipv6.opt.padn", "PadN");
  public static final Field OPT_PMTU_MIN = Field.u16("ipv6.opt.pmtu.min", "Minimum Reported PMTU");
  public static final Field OPT_PMTU_RTN = Field.u16("ipv6.opt.pmtu.rtn", "Return Minimum PMTU");
  public static final Field OPT_PMTU_R_FLAG = Field.bool("ipv6.opt.pmtu.r_flag", "Return Flag");
  public static final Field OPT_ROUTER_ALERT = Field.u16("ipv6.opt.router_alert", "Router Alert")
      .labels(ValueNames.parse("0=MLD|1=RSVP|2=Active Network"));
  public static final Field OPT_TEL = Field.u8("ipv6.opt.tel", "Tunnel Encapsulation Limit");
  public static final Field OPT_JUMBO = Field.u32("ipv6.opt.jumbo", "Payload Length");
  public static final Field OPT_TPF_INFORMATION = Field.u32("ipv6.opt.tpf_information", "TPF Information").hex();
  public static final Field OPT_MIPV6_HOME_ADDRESS = Field.ipv6("ipv6.opt.mipv6.home_address", "MIPv6 Home Address");
  public static final Field OPT_ILNP_NONCE = Field.bytes("ipv6.opt.ilnp_nonce", "ILNP Nonce");
  public static final Field OPT_EXPERIMENTAL = Field.bytes("ipv6.opt.experimental", "Experimental Option");
  public static final Field OPT_UNKNOWN_DATA = Field.bytes("ipv6.opt_unknown_data", "Unknown Data");
  public static final Field OPT_UNKNOWN = Field.bytes("ipv6.opt.unknown", "Unknown Option Payload");

  // Extension headers (IPv6ExtensionDissector layers, walked here).
  public static final Field HOPOPTS_NXT = Field.u8("ipv6.hopopts.nxt", "Next Header").labels(IpProtocols::name);
  public static final Field HOPOPTS_LEN = Field.u8("ipv6.hopopts.len", "Length")
      .blurb("Extension header length in 8-octet words (minus 1)");
  public static final Field HOPOPTS_LEN_OCT = Field.u16("ipv6.hopopts.len_oct", "Length").unit(" bytes")
      .blurb("Extension header length in octets");
  public static final Field ROUTING_NXT = Field.u8("ipv6.routing.nxt", "Next Header").labels(IpProtocols::name);
  public static final Field ROUTING_LEN = Field.u8("ipv6.routing.len", "Length")
      .blurb("Extension header length in 8-octet words (minus 1)");
  public static final Field ROUTING_LEN_OCT = Field.u16("ipv6.routing.len_oct", "Length").unit(" bytes")
      .blurb("Extension header length in octets");
  public static final Field ROUTING_TYPE = Field.u8("ipv6.routing.type", "Type").labels(IPv6Options.ROUTING_TYPES);
  public static final Field ROUTING_SEGLEFT = Field.u8("ipv6.routing.segleft", "Segments Left");
  public static final Field ROUTING_UNKNOWN_DATA = Field.bytes("ipv6.routing.unknown_data", "Type-Specific Data");
  public static final Field ROUTING_SRC_RESERVED = Field.bytes("ipv6.routing.src.reserved", "Reserved");
  public static final Field ROUTING_SRC_ADDR = Field.ipv6("ipv6.routing.src.addr", "Address");
  public static final Field ROUTING_MIPV6_RESERVED = Field.bytes("ipv6.routing.mipv6.reserved", "Reserved");
  public static final Field ROUTING_MIPV6_HOME_ADDRESS = Field.ipv6("ipv6.routing.mipv6.home_address", "Home Address");
  public static final Field ROUTING_SRH_LAST_ENTRY = Field.u8("ipv6.routing.srh.last_entry", "Last Entry");
  public static final Field ROUTING_SRH_FLAGS = Field.u8("ipv6.routing.srh.flags", "Flags").hex();
  public static final Field ROUTING_SRH_TAG = Field.bytes("ipv6.routing.srh.tag", "Tag");
  public static final Field ROUTING_SRH_ADDR = Field.ipv6("ipv6.routing.srh.addr", "Address");
  public static final Field FRAGHDR_NXT = Field.u8("ipv6.fraghdr.nxt", "Next header").labels(IpProtocols::name);
  public static final Field FRAGHDR_RESERVED_OCTET = Field.u8("ipv6.fraghdr.reserved_octet", "Reserved octet").hex();
  public static final Field FRAGHDR_OFFSET = Field.u16("ipv6.fraghdr.offset", "Offset").mask(0xfff8, 16);
  public static final Field FRAGHDR_RESERVED_BITS = Field.u16("ipv6.fraghdr.reserved_bits", "Reserved bits").mask(0x0006, 16);
  public static final Field FRAGHDR_MORE = Field.bool("ipv6.fraghdr.more", "More Fragments").mask(0x0001, 16)
      .states("Yes", "No");
  public static final Field FRAGHDR_IDENT = Field.u32("ipv6.fraghdr.ident", "Identification").hex();
  public static final Field DSTOPTS_NXT = Field.u8("ipv6.dstopts.nxt", "Next Header").labels(IpProtocols::name);
  public static final Field DSTOPTS_LEN = Field.u8("ipv6.dstopts.len", "Length")
      .blurb("Extension header length in 8-octet words (minus 1)");
  public static final Field DSTOPTS_LEN_OCT = Field.u16("ipv6.dstopts.len_oct", "Length").unit(" bytes")
      .blurb("Extension header length in octets");

  static final Expert OPT_JUMBO_MISSING = new Expert("ipv6.opt.jumbo.missing", Expert.Severity.ERROR, "Malformed",
      "IPv6 payload length equals 0 and Hop-By-Hop present and Jumbo Payload option missing");
  static final Expert OPT_JUMBO_PROHIBITED = new Expert("ipv6.opt.jumbo.prohibited", Expert.Severity.WARNING,
      "Protocol", "When IPv6 payload length does not equal 0 a Jumbo Payload option must not be present");
  static final Expert OPT_JUMBO_TRUNCATED = new Expert("ipv6.opt.jumbo.truncated", Expert.Severity.WARNING,
      "Protocol", "Jumbo Payload option present and jumbo length < 65536");
  static final Expert OPT_INVALID_LEN = new Expert("ipv6.opt.invalid_len", Expert.Severity.ERROR, "Malformed",
      "Invalid IPv6 option length");
  static final Expert OPT_UNKNOWN_DATA_EXPERT = new Expert("ipv6.opt.unknown_data.expert", Expert.Severity.NOTE,
      "Undecoded", "Unknown Data (not interpreted)");
  static final Expert PLEN_EXCEEDS_FRAMING = new Expert("ipv6.plen_exceeds_framing", Expert.Severity.WARNING,
      "Protocol", "IPv6 payload length does not match expected framing length");
  static final Expert PLEN_ZERO = new Expert("ipv6.plen_zero", Expert.Severity.CHAT, "Protocol",
      "IPv6 payload length equals 0 (maybe because of \"TCP segmentation offload\" (TSO))");
  static final Expert BOGUS_VERSION = new Expert("ipv6.bogus_ipv6_version", Expert.Severity.ERROR, "Malformed",
      "Bogus IP version");
  static final Expert INVALID_HEADER = new Expert("ipv6.invalid_header", Expert.Severity.ERROR, "Malformed",
      "Invalid IPv6 header");
  static final Expert HOPOPTS_NOT_FIRST = new Expert("ipv6.hopopts.not_first", Expert.Severity.ERROR, "Protocol",
      "IPv6 Hop-by-Hop extension header must appear immediately after IPv6 header");
  static final Expert ROUTING_UNDECODED = new Expert("ipv6.routing.undecoded", Expert.Severity.NOTE, "Undecoded",
      "Undecoded IPv6 routing header field");

  static final int HEADER = 40;
  private static final int NXT_HOPOPTS = 0;
  private static final int NXT_NONE = 59;

  // First-pass findings for the walker and the columns (annotation 0).
  private static final int OK = 0;
  private static final int BAD_VERSION = 1;
  private static final int SHORT_HEADER = 2;
  private static final int JUMBO_MISSING = 3;

  public IPv6Dissector() {
    super("ipv6", "Internet Protocol Version 6", "IPv6");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.ETHERTYPE, 0x86dd, this);
    p.map(Protocols.Table.IP_PROTO, 41, this);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    byte[] b = d.data();
    int s = d.start(layer);
    d.annotate(layer, 1);
    if (d.length(layer) < 1) {
      Truncation.report(d, layer, s, 1);
      return null;
    }
    int version = Bytes.u8(b, s) >> 4;
    if (version != 6) {
      d.setAnnotation(layer, 0, BAD_VERSION);
      d.expert(layer, BOGUS_VERSION, s, 1, "Bogus IPv6 version");
      return null;
    }
    long reported = Truncation.reportedLength(d, layer);
    if (reported < HEADER) {
      d.setAnnotation(layer, 0, SHORT_HEADER);
      d.expert(layer, INVALID_HEADER, s, d.length(layer), "IPv6 header must be exactly 40 bytes");
    }
    int plen = d.length(layer) >= 7 ? Bytes.u16(b, s + 4) : -1;
    int nxt = d.length(layer) >= 7 ? Bytes.u8(b, s + 6) : -1;
    if (plen == 0 && nxt != NXT_HOPOPTS && nxt != NXT_NONE) {
      // Noted with the length field, before the addresses of a short header fail to read.
      d.expert(layer, PLEN_ZERO, s + 4, 2, null);
    }
    if (d.length(layer) < HEADER) {
      Truncation.report(d, layer, s, HEADER);
      return null;
    }
    long length = plen;
    if (plen == 0 && nxt == NXT_HOPOPTS) {
      // RFC 2675: a zero payload length with hop-by-hop options announces a jumbogram.
      length = IPv6Options.jumboLength(b, s + HEADER, d.end(layer));
      if (length == 0) {
        d.setAnnotation(layer, 0, JUMBO_MISSING);
        d.expert(layer, OPT_JUMBO_MISSING, s + 4, 2, null);
      }
    }
    if (length > reported - HEADER) {
      if (!EnclosingIp.inErrorPacket(d, layer)) {
        d.expert(layer, PLEN_EXCEEDS_FRAMING, s + 4, 2,
            "IPv6 payload length exceeds framing length (" + (reported - HEADER) + " bytes)");
      }
    } else {
      d.setEnd(layer, (int) (s + HEADER + length));
    }
    d.payload(s + HEADER, d.end(layer));
    return next(d, nxt);
  }

  /** The dissector for next header {@code nxt}; null (data) for "no next header" (59). */
  static Dissector next(Dissection d, int nxt) {
    return nxt == NXT_NONE ? null : d.protocols().ipProtocol(nxt);
  }

  @Override
  public void fields(Tree t) {
    int state = (int) t.annotation(0);
    int b0 = t.u8(0);
    t.number(VERSION, 0, 1, b0 >> 4);
    t.uint(IP_VERSION, 0, 1);
    if (state == BAD_VERSION) {
      return;
    }
    t.uint(TCLASS, 0, 4);
    t.enter();
    t.uint(TCLASS_DSCP, 0, 4);
    t.uint(TCLASS_ECN, 0, 4);
    t.exit();
    t.uint(FLOW, 1, 3);
    t.uint(PLEN, 4, 2);
    t.uint(NXT, 6, 1);
    t.uint(HLIM, 7, 1);
    address(t, 8, SRC, SRC_HOST);
    address(t, 24, DST, DST_HOST);
    if (t.has(8, 32)) {
      IPv6Addresses.derived(t, 8, 24);
    }
    Dissection d = t.dissection();
    for (int i = t.layer() + 1; i < d.layerCount() && d.dissector(i) instanceof IPv6ExtensionDissector; i++) {
      ((IPv6ExtensionDissector) d.dissector(i)).walk(t, d.start(i) - t.start(), i);
    }
  }

  private static void address(Tree t, int rel, Field addr, Field host) {
    t.bytes(addr, rel, 16);
    t.bytes(ADDR, rel, 16);
    if (t.has(rel, 16) && (t.wants(host) || t.wants(HOST))) {
      String text = Addresses.ipv6(t.data(), t.start() + rel);
      t.object(host, rel, 16, text);
      t.object(HOST, rel, 16, text);
    }
  }

  @Override
  public String label(Tree t) {
    if (t.annotation(0) == BAD_VERSION || !t.has(0, HEADER)) {
      return longName();
    }
    StringBuilder sb = new StringBuilder(longName()).append(", Src: ");
    Addresses.appendIpv6(sb, t.data(), t.start() + 8);
    sb.append(", Dst: ");
    Addresses.appendIpv6(sb, t.data(), t.start() + 24);
    return sb.toString();
  }

  @Override
  public void columns(Tree t, Columns c) {
    if (EnclosingIp.inErrorPacket(t.dissection(), t.layer())) {
      return;
    }
    c.protocol = columnName();
    c.setInfo("");
    int state = (int) t.annotation(0);
    if (state == BAD_VERSION) {
      c.setInfo("Bogus IPv6 version (" + (t.u8(0) >> 4) + ", must be 6)");
      return;
    }
    if (state == SHORT_HEADER) {
      c.setInfo("Invalid IPv6 header (" + Truncation.reportedLength(t.dissection(), t.layer())
          + " bytes, need exactly 40)");
    }
    if (t.has(8, 16)) {
      c.source = Addresses.ipv6(t.data(), t.start() + 8);
    }
    if (t.has(24, 16)) {
      c.destination = Addresses.ipv6(t.data(), t.start() + 24);
    }
    if (state == JUMBO_MISSING) {
      c.setInfo("Invalid IPv6 payload length");
    } else if (t.has(0, HEADER)) {
      chainEnd(t, c, t.u8(6));
    }
  }

  /**
   * Info for the end of a header chain whose last next-header value is {@code nxt}, as
   * Wireshark's {@code ipv6_dissect_next}: "IPv6 no next header", or "Unknown IP Protocol" when
   * no dissector took the payload.
   */
  static void chainEnd(Tree t, Columns c, int nxt) {
    Dissection d = t.dissection();
    int next = t.layer() + 1;
    boolean data = next < d.layerCount() && d.dissector(next) instanceof DataDissector;
    // An empty payload still gets the "unknown" Info: tshark looks the protocol up regardless.
    boolean nothing = next >= d.layerCount() && d.protocols().ipProtocol(nxt) == null;
    Dissector self = d.dissector(t.layer());
    boolean fragment = self instanceof IPv6ExtensionDissector && ((IPv6ExtensionDissector) self).isFragment(t);
    if (nxt == NXT_NONE && (data || nothing)) {
      c.setInfo("IPv6 no next header");
    } else if ((data || nothing) && !fragment) {
      c.setInfo("Unknown IP Protocol: " + IpProtocols.nameOrUnknown(nxt) + " (" + nxt + ")");
    }
  }
}

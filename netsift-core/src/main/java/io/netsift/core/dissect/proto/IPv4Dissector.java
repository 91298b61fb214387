package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Addresses;
import io.netsift.core.field.Base;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;

/**
 * Internet Protocol version 4, RFC 791 (DS field RFC 2474, ECN RFC 3168).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version|  IHL  |   DSCP    |ECN|          Total Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Identification        |Flags|      Fragment Offset    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Time to Live |    Protocol   |         Header Checksum       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       Source Address                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Destination Address                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Options (IHL > 5)          |    Padding    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * The layer ends at Total Length, so whatever follows is padding or trailer of the link layer.
 * tshark reassembles fragments by default; until netsift does (a later issue), every fragment
 * shows its payload as data with tshark's "Fragmented IP protocol" Info, which is what tshark
 * prints for every fragment but the one that completes a datagram. Options are decoded by
 * {@link IPv4Options}.
 */
public final class IPv4Dissector extends Dissector implements Protocols.Registrable {
  public static final Field VERSION = Field.u8("ip.version", "Version").mask(0xf0, 8);
  public static final Field HDR_LEN = Field.u8("ip.hdr_len", "Header Length").unit(" bytes").mask(0x0f, 8).scaled(4)
      .blurb("Header length in 32-bit words");
  public static final Field DSFIELD = Field.u8("ip.dsfield", "Differentiated Services Field").hex()
      .shown(DiffServ::summary);
  public static final Field DSCP = Field.u8("ip.dsfield.dscp", "Differentiated Services Codepoint")
      .mask(0xfc, 8).labels(DiffServ.DSCP);
  public static final Field ECN = Field.u8("ip.dsfield.ecn", "Explicit Congestion Notification")
      .mask(0x03, 8).labels(DiffServ.ECN);
  public static final Field LEN = Field.u16("ip.len", "Total Length");
  public static final Field ID = Field.u16("ip.id", "Identification").hexDec();
  public static final Field DST = Field.ipv4("ip.dst", "Destination Address");
  public static final Field DST_HOST = Field.string("ip.dst_host", "Destination Host").hidden();
  public static final Field SRC = Field.ipv4("ip.src", "Source Address");
  public static final Field SRC_HOST = Field.string("ip.src_host", "Source Host").hidden();
  public static final Field ADDR = Field.ipv4("ip.addr", "Source or Destination Address").hidden();
  public static final Field HOST = Field.string("ip.host", "Source or Destination Host").hidden();
  public static final Field FLAGS = Field.u8("ip.flags", "Flags").hex().mask(0xe0, 8).shown(IPv4Dissector::flagsText).blurb("Flags (3 bits)");
  public static final Field FLAG_RB = Field.bool("ip.flags.rb", "Reserved bit").mask(0x80, 8).states("Set", "Not set");
  public static final Field FLAG_DF = Field.bool("ip.flags.df", "Don't fragment").mask(0x40, 8).states("Set", "Not set");
  public static final Field FLAG_MF = Field.bool("ip.flags.mf", "More fragments").mask(0x20, 8).states("Set", "Not set");
  public static final Field FRAG_OFFSET = Field.u16("ip.frag_offset", "Fragment Offset").mask(0x1fff, 16)
      .blurb("Fragment offset (13 bits)");
  public static final Field FRAGMENTS = Field.bytes("ip.fragments", "IPv4 Fragments");
  public static final Field REASSEMBLED_IN = Field.frameNum("ip.reassembled_in", "Reassembled IPv4 in frame");
  public static final Field FRAGMENT_ITEM = Field.frameNum("ip.fragment", "IPv4 Fragment");
  public static final Field FRAGMENT_COUNT = Field.u32("ip.fragment.count", "Fragment count");
  public static final Field REASSEMBLED_LENGTH = Field.u32("ip.reassembled.length", "Reassembled IPv4 length");
  public static final Field REASSEMBLED_DATA = Field.bytes("ip.reassembled.data", "Reassembled IPv4 data");
  public static final Field TTL = Field.u8("ip.ttl", "Time to Live");
  public static final Field PROTO = Field.u8("ip.proto", "Protocol").labels(IpProtocols::name);
  public static final Field CHECKSUM = Field.u16("ip.checksum", "Header Checksum").hex()
      .shown(v -> String.format("0x%04x [validation disabled]", v));
  public static final Field CHECKSUM_STATUS = Field.u8("ip.checksum.status", "Header checksum status")
      .base(Base.NONE).labels(ValueNames.parse("0=Bad|1=Good|2=Unverified|3=Not present|4=Illegal"));
  /** The fields before the addresses, which the walk skips together when none is wanted. */
  private static final Field[] HEAD = {VERSION, HDR_LEN, DSFIELD, DSCP, ECN, LEN, ID, FLAGS, FLAG_RB,
      FLAG_DF, FLAG_MF, FRAG_OFFSET, TTL, PROTO, CHECKSUM, CHECKSUM_STATUS};

  // Option fields, walked by IPv4Options, in tshark's registration order.
  public static final Field OPT_TYPE = Field.u8("ip.opt.type", "Type");
  public static final Field OPT_TYPE_COPY = Field.bool("ip.opt.type.copy", "Copy on fragmentation")
      .mask(0x80, 8).states("Yes", "No");
  public static final Field OPT_TYPE_CLASS = Field.u8("ip.opt.type.class", "Class").mask(0x60, 8)
      .labels(ValueNames.parse("0=Control|1=Reserved for future use|2=Debugging and measurement|3=Reserved for future use"));
  public static final Field OPT_TYPE_NUMBER = Field.u8("ip.opt.type.number", "Number").mask(0x1f, 8)
      .labels(IPv4Options.NUMBER_NAMES);
  public static final Field OPT_LEN = Field.u8("ip.opt.len", "Length");
  public static final Field OPT_PTR = Field.u8("ip.opt.ptr", "Pointer");
  public static final Field OPT_SID = Field.u16("ip.opt.sid", "Stream Identifier").blurb("SATNET stream identifier");
  public static final Field OPT_MTU = Field.u16("ip.opt.mtu", "MTU");
  public static final Field OPT_ID_NUMBER = Field.u16("ip.opt.id_number", "ID Number");
  public static final Field OPT_OHC = Field.u16("ip.opt.ohc", "Outbound Hop Count");
  public static final Field OPT_RHC = Field.u16("ip.opt.rhc", "Return Hop Count");
  public static final Field OPT_ORIGINATOR = Field.ipv4("ip.opt.originator", "Originator IP Address");
  public static final Field OPT_RA = Field.u16("ip.opt.ra", "Router Alert")
      .labels(v -> v == 0 ? "Router shall examine packet" : "Reserved");
  public static final Field OPT_ADDR = Field.ipv4("ip.opt.addr", "IP Address");
  public static final Field OPT_PADDING = Field.bytes("ip.opt.padding", "Padding");
  public static final Field OPT_QS_FUNC = Field.u8("ip.opt.qs_func", "Function").mask(0xf0, 8)
      .labels(ValueNames.parse("0=Rate request|8=Rate report"));
  public static final Field OPT_QS_RATE = Field.u8("ip.opt.qs_rate", "Rate").mask(0x0f, 8).labels(IPv4Options.QS_RATES);
  public static final Field OPT_QS_TTL = Field.u8("ip.opt.qs_ttl", "QS TTL");
  public static final Field OPT_QS_TTL_DIFF = Field.u8("ip.opt.qs_ttl_diff", "TTL Diff");
  public static final Field OPT_QS_UNUSED = Field.u8("ip.opt.qs_unused", "Not Used");
  public static final Field OPT_QS_NONCE = Field.u32("ip.opt.qs_nonce", "QS Nonce").hex().mask(0xfffffffcL, 32);
  public static final Field OPT_QS_RESERVED = Field.u32("ip.opt.qs_reserved", "Reserved").hex().mask(0x3, 32);
  public static final Field OPT_SEC_CL = Field.u8("ip.opt.sec_cl", "Classification Level").hex()
      .labels(ValueNames.parse("0x1=Reserved 4|0x3d=Top secret|0x5a=Secret|0x96=Confidential|0x66=Reserved 3|"
          + "0xcc=Reserved 2|0xab=Unclassified|0xf1=Reserved 1"));
  public static final Field OPT_EXT_SEC_FORMAT = Field.u8("ip.opt.ext_sec_add_sec_info_format_code",
      "Additional Security Info Format Code").hex();
  public static final Field OPT_EXT_SEC_INFO = Field.bytes("ip.opt.ext_sec_add_sec_info", "Additional Security Info");
  public static final Field REC_RT = Field.ipv4("ip.rec_rt", "Recorded Route");
  public static final Field REC_RT_HOST = Field.string("ip.rec_rt_host", "Recorded Route Host").hidden();
  public static final Field CUR_RT = Field.ipv4("ip.cur_rt", "Current Route");
  public static final Field CUR_RT_HOST = Field.string("ip.cur_rt_host", "Current Route Host").hidden();
  public static final Field SRC_RT = Field.ipv4("ip.src_rt", "Source Route");
  public static final Field SRC_RT_HOST = Field.string("ip.src_rt_host", "Source Route Host").hidden();
  public static final Field EMPTY_RT = Field.ipv4("ip.empty_rt", "Empty Route");
  public static final Field EMPTY_RT_HOST = Field.string("ip.empty_rt_host", "Empty Route Host").hidden();
  public static final Field OPT_OVERFLOW = Field.u8("ip.opt.overflow", "Overflow").mask(0xf0, 8);
  public static final Field OPT_FLAG = Field.u8("ip.opt.flag", "Flag").hex().mask(0x0f, 8)
      .labels(ValueNames.parse("0=Time stamps only|1=Time stamp and address|3=Time stamps for prespecified addresses"));
  public static final Field OPT_TIME_STAMP = Field.u32("ip.opt.time_stamp", "Time stamp");
  public static final Field OPT_TIME_STAMP_ADDR = Field.ipv4("ip.opt.time_stamp_addr", "Address");

  public static final Field CIPSO_DOI = Field.u32("ip.cipso.doi", "DOI");
  public static final Field OPT_SEC_RFC791_SEC = Field.u16("ip.opt.sec_rfc791_sec", "Security").hex();
  public static final Field OPT_SEC_RFC791_COMP = Field.u16("ip.opt.sec_rfc791_comp", "Compartments");
  public static final Field OPT_SEC_RFC791_HR = Field.string("ip.opt.sec_rfc791_hr", "Handling Restrictions");
  public static final Field OPT_SEC_RFC791_TCC = Field.string("ip.opt.sec_rfc791_tcc", "Transmission Control Code");
  public static final Field OPT_SEC_PROT_AUTH_FLAGS = Field.u8("ip.opt.sec_prot_auth_flags", "Protection Authority Flags").hex();
  private static final String PROTECTED = "Datagram protected in accordance with its rules";
  private static final String NOT_PROTECTED = "Datagram not protected in accordance with its rules";
  public static final Field OPT_SEC_GENSER = Field.bool("ip.opt.sec_prot_auth_genser", "GENSER").mask(0x80, 8)
      .states(PROTECTED, NOT_PROTECTED);
  public static final Field OPT_SEC_SIOP_ESI = Field.bool("ip.opt.sec_prot_auth_siop_esi", "SIOP-ESI").mask(0x40, 8)
      .states(PROTECTED, NOT_PROTECTED);
  public static final Field OPT_SEC_SCI = Field.bool("ip.opt.sec_prot_auth_sci", "SCI").mask(0x20, 8)
      .states(PROTECTED, NOT_PROTECTED);
  public static final Field OPT_SEC_NSA = Field.bool("ip.opt.sec_prot_auth_nsa", "NSA").mask(0x10, 8)
      .states(PROTECTED, NOT_PROTECTED);
  public static final Field OPT_SEC_DOE = Field.bool("ip.opt.sec_prot_auth_doe", "DOE").mask(0x08, 8)
      .states(PROTECTED, NOT_PROTECTED);
  public static final Field OPT_SEC_UNASSIGNED = Field.u8("ip.opt.sec_prot_auth_unassigned", "Unassigned").hex().mask(0x06, 8);
  public static final Field OPT_SEC_FTI = Field.bool("ip.opt.sec_prot_auth_fti", "Field Termination Indicator")
      .mask(0x01, 8).states("Additional octet present", "Final octet");

  // The option items: Wireshark registers each option as a protocol of its own (FT_BYTES).
  public static final Field OPTION_EOL = option("ip.options.eol", "End of Options List (EOL)");
  public static final Field OPTION_NOP = option("ip.options.nop", "No-Operation (NOP)");
  public static final Field OPTION_SECURITY = option("ip.options.security", "Security");
  public static final Field OPTION_LOOSE_ROUTE = option("ip.options.route", "Loose Source Route");
  public static final Field OPTION_TIMESTAMP = option("ip.options.timestamp", "Time Stamp");
  public static final Field OPTION_EXT_SECURITY = option("ip.options.ext_security", "Extended Security");
  public static final Field OPTION_CIPSO = option("ip.options.cipso", "Commercial Security");
  public static final Field OPTION_RECORD_ROUTE = option("ip.options.record_route", "Record Route");
  public static final Field OPTION_SID = option("ip.options.sid", "Stream ID");
  public static final Field OPTION_STRICT_ROUTE = option("ip.options.source_route", "Strict Source Route");
  public static final Field OPTION_MTU_PROBE = option("ip.options.mtu_probe", "MTU Probe");
  public static final Field OPTION_MTU_REPLY = option("ip.options.mtu_reply", "MTU Reply");
  public static final Field OPTION_TRACEROUTE = option("ip.options.traceroute", "Traceroute");
  public static final Field OPTION_ROUTER_ALERT = option("ip.options.routeralert", "Router Alert");
  public static final Field OPTION_SDB = option("ip.options.sdb", "Selective Directed Broadcast");
  public static final Field OPTION_QUICK_START = option("ip.options.qs", "Quick-Start");

  static final Expert OPT_LEN_INVALID = new Expert("ip.opt.len.invalid", Expert.Severity.WARNING, "Protocol",
      "Invalid length for option");
  static final Expert OPT_PTR_BEFORE = new Expert("ip.opt.ptr.before_address", Expert.Severity.WARNING, "Protocol",
      "Pointer points before first address");
  static final Expert OPT_PTR_MIDDLE = new Expert("ip.opt.ptr.middle_address", Expert.Severity.WARNING, "Protocol",
      "Pointer points to middle of address");
  static final Expert SUBOPT_TOO_LONG = new Expert("ip.subopt_too_long", Expert.Severity.WARNING, "Protocol",
      "Suboption would go past end of option");
  static final Expert NOP = new Expert("ip.nop", Expert.Severity.WARNING, "Protocol",
      "4 NOP in a row - a router may have removed some options");
  static final Expert BOGUS_IP_LENGTH = new Expert("ip.bogus_ip_length", Expert.Severity.ERROR, "Protocol",
      "Bogus IP length");
  static final Expert TTL_LNCB = new Expert("ip.ttl.lncb", Expert.Severity.NOTE, "Sequence", "Time To Live");
  static final Expert TTL_TOO_SMALL = new Expert("ip.ttl.too_small", Expert.Severity.NOTE, "Sequence", "Time To Live");
  static final Expert BOGUS_VERSION = new Expert("ip.bogus_ip_version", Expert.Severity.ERROR, "Protocol",
      "Bogus IP version");
  static final Expert BOGUS_HEADER_LENGTH = new Expert("ip.bogus_header_length", Expert.Severity.ERROR, "Protocol",
      "Bogus IP header length");

  /** Fragment flag and offset bits of the flags/offset word (RFC 791 section 3.1). */
  private static final int MF = 0x2000;
  private static final int OFFSET_MASK = 0x1fff;
  private static final int MIN_HEADER = 20;
  private static final int PROTO_IGMP = 2;
  private static final int PROTO_PIM = 103;
  private static final int PROTO_OSPF = 89;

  // What the first pass found, for the walker and the columns (annotation 0).
  private static final int OK = 0;
  private static final int BAD_VERSION = 1;
  private static final int BAD_HEADER_LENGTH = 2;
  private static final int BAD_LENGTH = 3;
  private static final int FRAGMENT = 4;
  /** The last fragment of a datagram: the payload is the reassembled datagram. */
  private static final int REASSEMBLED = 5;

  private static Field option(String name, String what) {
    return Field.of(name, "IP Option - " + what, FieldType.PROTOCOL);
  }

  public IPv4Dissector() {
    super("ip", "Internet Protocol Version 4", "IPv4");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.ETHERTYPE, 0x0800, this);
    p.map(Protocols.Table.IP_PROTO, 4, this);
    p.map(Protocols.Table.LLC_SAP, 0x06, this);
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
    if (version != 4) {
      d.setAnnotation(layer, 0, BAD_VERSION);
      d.expert(layer, BOGUS_VERSION, s, 1, "Bogus IPv4 version");
      if (version == 6) {
        // A Linux cooked capture can label IPv6 as IPv4; tshark hands it to IPv6 anyway.
        d.payload(s, d.end(layer));
        return d.protocols().byName("ipv6");
      }
      return null;
    }
    int hlen = (Bytes.u8(b, s) & 0x0f) * 4;
    if (hlen < MIN_HEADER) {
      d.setAnnotation(layer, 0, BAD_HEADER_LENGTH);
      d.expert(layer, BOGUS_HEADER_LENGTH, s, 1,
          "Bogus IP header length (" + hlen + ", must be at least " + MIN_HEADER + ")");
      return null;
    }
    if (d.length(layer) < 4) {
      Truncation.report(d, layer, s, 4);
      return null;
    }
    long reported = Truncation.reportedLength(d, layer);
    int ipLen = Bytes.u16(b, s + 2);
    if (ipLen == 0) {
      // TCP segmentation offload: tshark's "tso_support" (on by default) takes the frame's length.
      ipLen = (int) Math.min(reported, 65535);
    }
    if (ipLen < hlen) {
      d.setAnnotation(layer, 0, BAD_LENGTH);
      d.expert(layer, BOGUS_IP_LENGTH, s + 2, 2, null);
      return null;
    }
    if (ipLen > reported) {
      if (!EnclosingIp.inErrorPacket(d, layer)) {
        d.expert(layer, BOGUS_IP_LENGTH, s + 2, 2, "IPv4 total length exceeds packet length (" + reported + " bytes)");
      }
    } else {
      d.setEnd(layer, s + ipLen);
    }
    if (d.length(layer) < hlen) {
      Truncation.report(d, layer, s, hlen);
      return null;
    }
    ttlExpert(d, layer, s, hlen);
    int off = Bytes.u16(b, s + 6);
    int proto = Bytes.u8(b, s + 9);
    int end = d.end(layer);
    d.payload(s + hlen, end);
    boolean fragment = (off & (MF | OFFSET_MASK)) != 0;
    // tshark hands a fragment to reassembly when all of it was captured; otherwise only the
    // first fragment is dissected further (packet-ip.c, dissect_ip_v4).
    boolean complete = ipLen > hlen && s + (long) ipLen <= end;
    if (fragment && (complete || (off & OFFSET_MASK) != 0)) {
      if (complete && d.protocols().booleanPreference("ip.defragment", true)) {
        IpDefragmenter defrag = d.state(this, IPv4Dissector::newDefragmenter);
        Reassembled f = defrag.add(d, IpDefragmenter.key(b, s + 12, s + 16, 4, Bytes.u16(b, s + 4), proto),
            (off & OFFSET_MASK) * 8, b, s + hlen, ipLen - hlen, (off & MF) == 0, "Reassembled IPv4");
        if (f != null) {
          // The datagram is an added data source; the payload is its whole range.
          d.attach(layer, f);
          d.headerEnd(layer, s + hlen);
          d.setAnnotation(layer, 0, REASSEMBLED);
          f.pointBack(d, this, REASSEMBLED_IN);
          int at = d.sourceStart(f.source);
          d.payload(at, at + f.length);
          return f.length > 0 ? d.protocols().ipProtocol(proto) : null;
        }
      }
      d.setAnnotation(layer, 0, FRAGMENT);
      return null;
    }
    return s + hlen < end ? d.protocols().ipProtocol(proto) : null;
  }

  /** RFC 3171 local network control block and low-TTL notes, as packet-ip.c adds them. */
  private static void ttlExpert(Dissection d, int layer, int s, int hlen) {
    byte[] b = d.data();
    int ttl = Bytes.u8(b, s + 8);
    int proto = Bytes.u8(b, s + 9);
    long dst = Bytes.u32(b, s + 16 + IPv4Options.dstOffset(b, s + MIN_HEADER, hlen - MIN_HEADER));
    if ((dst & 0xffffff00L) == 0xe0000000L) {
      int valid = proto == PROTO_IGMP ? 1 : validTtl(dst);
      if (valid >= 0 && ttl != valid) {
        d.expert(layer, TTL_LNCB, s + 8, 1, "\"Time To Live\" != " + valid
            + " for a packet sent to the Local Network Control Block (see RFC 3171)");
      }
    } else if (ttl < 5 && (dst & 0xf0000000L) != 0xe0000000L && proto != PROTO_PIM && proto != PROTO_OSPF) {
      d.expert(layer, TTL_TOO_SMALL, s + 8, 1, "\"Time To Live\" only " + ttl);
    }
  }

  /** The TTL a 224.0.0.x destination must carry, or -1 for any (packet-ip.c exceptions). */
  private static int validTtl(long dst) {
    if (dst == 0xe0000012L || dst == 0xe0000066L || dst == 0xe00000fbL) {
      return 255; // VRRP (RFC 3768), Cisco GLBP, mDNS (RFC 6762)
    }
    return dst == 0xe00000fcL ? -1 : 1; // LLMNR (RFC 4795) accepts any TTL
  }

  @Override
  public void fields(Tree t) {
    headerFields(t);
    if (t.attachment() instanceof Reassembled) {
      ((Reassembled) t.attachment()).report(t, "IPv4 Fragments", FRAGMENTS, FRAGMENT_ITEM, FRAGMENT_COUNT,
          REASSEMBLED_LENGTH, REASSEMBLED_DATA);
    }
  }

  /** The flags' tree text: "0x2, Don't fragment" (the set flags named after the value). */
  private static String flagsText(long flags) {
    StringBuilder sb = new StringBuilder("0x").append(Long.toHexString(flags));
    if ((flags & 4) != 0) {
      sb.append(", Reserved bit");
    }
    if ((flags & 2) != 0) {
      sb.append(", Don't fragment");
    }
    if ((flags & 1) != 0) {
      sb.append(", More fragments");
    }
    return sb.toString();
  }

  static IpDefragmenter newDefragmenter() {
    return new IpDefragmenter(65535, 64L << 20);
  }

  private void headerFields(Tree t) {
    int state = (int) t.annotation(0);
    int b0 = t.u8(0);
    // A whole header whose fields before the addresses no one wants (-e ip.src): skip them.
    boolean head = !t.has(0, MIN_HEADER) || t.wantsAny(HEAD);
    if (head) {
      t.number(VERSION, 0, 1, b0 >> 4);
    }
    if (state == BAD_VERSION) {
      return;
    }
    int hlen = (b0 & 0x0f) * 4;
    if (head) {
      t.number(HDR_LEN, 0, 1, hlen);
    }
    if (state == BAD_HEADER_LENGTH) {
      return;
    }
    if (head) {
      t.uint(DSFIELD, 1, 1);
      t.enter();
      t.uint(DSCP, 1, 1);
      t.uint(ECN, 1, 1);
      t.exit();
      int ipLen = t.u16(2);
      if (ipLen == 0 && t.has(2, 2)) {
        ipLen = (int) Math.min(Truncation.reportedLength(t.dissection(), t.layer()), 65535);
      }
      t.number(LEN, 2, 2, ipLen);
    }
    if (state == BAD_LENGTH) {
      return;
    }
    if (head) {
      t.uint(ID, 4, 2);
      t.uint(FLAGS, 6, 1);
      t.enter();
      t.uint(FLAG_RB, 6, 1);
      t.uint(FLAG_DF, 6, 1);
      t.uint(FLAG_MF, 6, 1);
      t.exit();
      t.uint(FRAG_OFFSET, 6, 2);
      t.uint(TTL, 8, 1);
      t.uint(PROTO, 9, 1);
      t.uint(CHECKSUM, 10, 2);
      t.number(CHECKSUM_STATUS, 10, 0, 2);
    }
    address(t, 12, SRC, SRC_HOST);
    int dstOff = t.has(0, hlen) ? IPv4Options.dstOffset(t.data(), t.start() + MIN_HEADER, hlen - MIN_HEADER) : 0;
    if (dstOff != 0) {
      // A source route that is still in use: the header holds the current hop (RFC 791 3.1).
      t.bytes(CUR_RT, 16, 4);
      hostName(t, CUR_RT_HOST, 16);
    } else {
      address(t, 16, DST, DST_HOST);
    }
    if (hlen > MIN_HEADER) {
      IPv4Options.walk(t, MIN_HEADER, hlen - MIN_HEADER);
    }
  }

  /** An address with its hidden ip.addr, host-name and ip.host twins, in tshark's order. */
  static void address(Tree t, int rel, Field addr, Field host) {
    t.bytes(addr, rel, 4);
    t.bytes(ADDR, rel, 4);
    if (t.has(rel, 4) && (t.wants(host) || t.wants(HOST))) {
      String text = Addresses.ipv4(t.data(), t.start() + rel); // one text for both twins
      t.object(host, rel, 4, text);
      t.object(HOST, rel, 4, text);
    }
  }

  /** A host-name twin of an address; with name resolution off it is the dotted quad. */
  static void hostName(Tree t, Field f, int rel) {
    if (t.has(rel, 4) && t.wants(f)) {
      t.object(f, rel, 4, Addresses.ipv4(t.data(), t.start() + rel));
    }
  }

  @Override
  public String label(Tree t) {
    int state = (int) t.annotation(0);
    if (state == BAD_VERSION || state == BAD_HEADER_LENGTH || state == BAD_LENGTH || !t.has(0, MIN_HEADER)) {
      return longName();
    }
    int hlen = (t.u8(0) & 0x0f) * 4;
    StringBuilder sb = new StringBuilder(longName()).append(", Src: ");
    Addresses.appendIpv4(sb, t.data(), t.start() + 12);
    int dstOff = dstOffset(t, hlen);
    sb.append(", Dst: ");
    Addresses.appendIpv4(sb, t.data(), t.start() + 16 + dstOff);
    if (dstOff != 0) {
      sb.append(", Via: ");
      Addresses.appendIpv4(sb, t.data(), t.start() + 16);
    }
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
    int b0 = t.u8(0);
    int hlen = (b0 & 0x0f) * 4;
    switch (state) {
      case BAD_VERSION:
        c.setInfo("Bogus IPv4 version (" + (b0 >> 4) + ", must be 4)");
        return;
      case BAD_HEADER_LENGTH:
        c.setInfo("Bogus IP header length (" + hlen + ", must be at least " + MIN_HEADER + ")");
        return;
      case BAD_LENGTH:
        c.setInfo("Bogus IP length (" + t.u16(2) + ", less than header length " + hlen + ")");
        return;
      default:
        break;
    }
    if (t.has(12, 4)) {
      c.source = Addresses.ipv4(t.data(), t.start() + 12);
    }
    int dst = 16 + dstOffset(t, hlen);
    if (t.has(dst, 4)) {
      c.destination = Addresses.ipv4(t.data(), t.start() + dst);
    }
    if (!t.has(0, MIN_HEADER)) {
      return;
    }
    int proto = t.u8(9);
    if (state == FRAGMENT) {
      int off = t.u16(6) & OFFSET_MASK;
      c.setInfo("Fragmented IP protocol (proto=" + IpProtocols.nameOrUnknown(proto) + " " + proto
          + ", off=" + off * 8 + ", ID=" + hex4(t.u16(4)) + ")");
      return;
    }
    Dissection d = t.dissection();
    int next = t.layer() + 1;
    boolean payload = t.length() > hlen;
    if (payload && (next >= d.layerCount() || d.dissector(next) instanceof DataDissector)) {
      c.setInfo(IpProtocols.nameOrUnknown(proto) + " (" + proto + ")");
    }
  }

  /** Offset added to the destination field's position by an active source route option. */
  private static int dstOffset(Tree t, int hlen) {
    return hlen > MIN_HEADER && t.has(0, hlen)
        ? IPv4Options.dstOffset(t.data(), t.start() + MIN_HEADER, hlen - MIN_HEADER) : 0;
  }

  private static String hex4(int v) {
    String h = Integer.toHexString(v);
    return "0000".substring(h.length()) + h;
  }
}

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
import java.util.Map;

/**
 * Internet Group Management Protocol: version 0 (<a href="https://www.rfc-editor.org/rfc/rfc988">RFC
 * 988</a>), 1 (RFC 1112), 2 (<a href="https://www.rfc-editor.org/rfc/rfc2236">RFC 2236</a>), 3
 * (<a href="https://www.rfc-editor.org/rfc/rfc3376">RFC 3376</a>) and multicast traceroute.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Type         | Max Resp Time |           Checksum            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Group Address                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | v3 query: Resv|S|QRV|  QQIC | Number of Sources | sources ... |
 * | v3 report (type 0x22): Reserved | Num Group Records | records |
 * </pre>
 *
 * tshark dispatches on the type through a table whose entries belong to the igmp protocol
 * again, so a message of a known type lists {@code igmp:igmp} in frame.protocols: the first
 * layer is that zero-field hand-off, the second carries the message. A query's version follows
 * from its length (12 bytes or more: v3) and its max response time (zero: v1). Checksums are
 * verified as tshark does: over 8 bytes for v1/v2, 20 for v0, the whole message for v3.
 */
public final class IgmpDissector extends Dissector implements Protocols.Registrable {
  private static final Map<Long, String> TYPES = ValueNames.parse(
      """
      1=Create Group Request|2=Create Group Reply|3=Join Group Request|4=Join Group Reply|
      5=Leave Group Request|6=Leave Group Reply|7=Confirm Group Request|8=Confirm Group Reply|
      0x11=Membership Query|0x12=Membership Report|0x13=DVMRP Protocol|0x14=PIM Routing Message|
      0x16=Membership Report|0x17=Leave Group|0x1e=Traceroute Response|0x1f=Traceroute Query or Request|
      0x22=Membership Report
      """);
  private static final Map<Long, String> RECORD_TYPES = ValueNames.parse(
      "1=Mode Is Include|2=Mode Is Exclude|3=Change To Include Mode|4=Change To Exclude Mode|"
          + "5=Allow New Sources|6=Block Old Sources");

  public static final Field TYPE = Field.u8("igmp.type", "Type").hex().labels(TYPES).blurb("IGMP Packet Type");
  public static final Field RESERVED = Field.bytes("igmp.reserved", "Reserved").blurb("IGMP Reserved");
  public static final Field VERSION = Field.u8("igmp.version", "IGMP Version");
  public static final Field GROUP_TYPE = Field.u8("igmp.group_type", "Type Of Group")
      .labels(ValueNames.parse("0=Public Group|1=Private Group")).blurb("IGMP V0 Type Of Group");
  public static final Field REPLY = Field.u8("igmp.reply", "Reply").labels(ValueNames.parse(
      "0=Request Granted|1=Request Denied, No Resources|2=Request Denied, Invalid Code|"
          + "3=Request Denied, Invalid Group|4=Request Denied, Invalid Key")).blurb("IGMP V0 Reply");
  public static final Field REPLY_PENDING = Field.u8("igmp.reply.pending", "Reply Pending")
      .blurb("IGMP V0 Reply Pending, Retry in this many seconds");
  public static final Field CHECKSUM = Field.u16("igmp.checksum", "Checksum").hex().blurb("IGMP Checksum");
  public static final Field CHECKSUM_STATUS = Field.u8("igmp.checksum.status", "Checksum Status")
      .base(Base.NONE).labels(Checksums::statusName);
  public static final Field IDENTIFIER = Field.u32("igmp.identifier", "Identifier").blurb("IGMP V0 Identifier");
  public static final Field ACCESS_KEY = Field.bytes("igmp.access_key", "Access Key").blurb("IGMP V0 Access Key");
  public static final Field MAX_RESP = Field.u8("igmp.max_resp", "Max Resp Time").blurb("Max Response Time");
  public static final Field S = Field.bool("igmp.s", "S").mask(0x08, 8)
      .states("SUPPRESS router side processing", "Do not suppress router side processing")
      .blurb("Suppress Router Side Processing");
  public static final Field QRV = Field.u8("igmp.qrv", "QRV").mask(0x07, 8).blurb("Querier's Robustness Value");
  public static final Field QQIC = Field.u8("igmp.qqic", "QQIC").blurb("Querier's Query Interval Code");
  public static final Field NUM_SRC = Field.u16("igmp.num_src", "Num Src").blurb("Number Of Sources");
  public static final Field SADDR = Field.ipv4("igmp.saddr", "Source Address");
  public static final Field NUM_GRP_RECS = Field.u16("igmp.num_grp_recs", "Num Group Records")
      .blurb("Number Of Group Records");
  public static final Field RECORD_TYPE = Field.u8("igmp.record_type", "Record Type").labels(RECORD_TYPES);
  public static final Field AUX_DATA_LEN = Field.u8("igmp.aux_data_len", "Aux Data Len")
      .blurb("Aux Data Len, In units of 32bit words");
  public static final Field MADDR = Field.ipv4("igmp.maddr", "Multicast Address");
  public static final Field AUX_DATA = Field.bytes("igmp.aux_data", "Aux Data").blurb("IGMP V3 Auxiliary Data");
  public static final Field DATA = Field.bytes("igmp.data", "Data");
  public static final Field MAX_RESP_EXP = Field.u8("igmp.max_resp.exp", "Exponent").hex().mask(0x70, 8)
      .blurb("Maximum Response Time, Exponent");
  public static final Field MAX_RESP_MANT = Field.u8("igmp.max_resp.mant", "Mantissa").hex().mask(0x0f, 8)
      .blurb("Maximum Response Time, Mantissa");
  public static final Field MTRACE_MAX_HOPS = Field.u8("igmp.mtrace.max_hops", "# hops")
      .blurb("Maximum Number of Hops to Trace");
  public static final Field MTRACE_SADDR = Field.ipv4("igmp.mtrace.saddr", "Source Address")
      .blurb("Multicast Source for the Path Being Traced");
  public static final Field MTRACE_RADDR = Field.ipv4("igmp.mtrace.raddr", "Receiver Address")
      .blurb("Multicast Receiver for the Path Being Traced");
  public static final Field MTRACE_RSPADDR = Field.ipv4("igmp.mtrace.rspaddr", "Response Address")
      .blurb("Destination of Completed Traceroute Response");
  public static final Field MTRACE_RESP_TTL = Field.u8("igmp.mtrace.resp_ttl", "Response TTL")
      .blurb("TTL for Multicasted Responses");
  public static final Field MTRACE_Q_ID = Field.u24("igmp.mtrace.q_id", "Query ID")
      .blurb("Identifier for this Traceroute Request");
  public static final Field MTRACE_Q_ARRIVAL = Field.u32("igmp.mtrace.q_arrival", "Query Arrival")
      .blurb("Query Arrival Time");
  public static final Field MTRACE_Q_INADDR = Field.ipv4("igmp.mtrace.q_inaddr", "In itf addr")
      .blurb("Incoming Interface Address");
  public static final Field MTRACE_Q_OUTADDR = Field.ipv4("igmp.mtrace.q_outaddr", "Out itf addr")
      .blurb("Outgoing Interface Address");
  public static final Field MTRACE_Q_PREVRTR = Field.ipv4("igmp.mtrace.q_prevrtr", "Previous rtr addr")
      .blurb("Previous-Hop Router Address");
  public static final Field MTRACE_Q_INPKT = Field.u32("igmp.mtrace.q_inpkt", "In pkts")
      .blurb("Input packet count on incoming interface");
  public static final Field MTRACE_Q_OUTPKT = Field.u32("igmp.mtrace.q_outpkt", "Out pkts")
      .blurb("Output packet count on outgoing interface");
  public static final Field MTRACE_Q_TOTAL = Field.u32("igmp.mtrace.q_total", "S,G pkt count")
      .blurb("Total number of packets for this source-group pair");
  public static final Field MTRACE_Q_RTG_PROTO = Field.u8("igmp.mtrace.q_rtg_proto", "Rtg Protocol")
      .labels(ValueNames.parse("1=DVMRP|2=MOSPF|3=PIM|4=CBT|5=PIM using special routing table|"
          + "6=PIM using a static route|7=DVMRP using a static route|8=PIM using MBGP (aka BGP4+) route|"
          + "9=CBT using special routing table|10=CBT using a static route|"
          + "11=PIM using state created by Assert processing"))
      .blurb("Routing protocol between this and previous hop rtr");
  public static final Field MTRACE_Q_FWD_TTL = Field.u8("igmp.mtrace.q_fwd_ttl", "FwdTTL")
      .blurb("TTL required for forwarding");
  public static final Field MTRACE_Q_MBZ = Field.u8("igmp.mtrace.q_mbz", "MBZ").hex().mask(0x80, 8)
      .blurb("Must be zeroed on transmission and ignored on reception");
  public static final Field MTRACE_Q_S = Field.u8("igmp.mtrace.q_s", "S").hex().mask(0x40, 8)
      .blurb("Set if S,G packet count is for source network");
  public static final Field MTRACE_Q_SRC_MASK = Field.u8("igmp.mtrace.q_src_mask", "Src Mask").hex()
      .mask(0x3f, 8).blurb("Source mask length. 63 when forwarding on group state");
  public static final Field MTRACE_Q_FWD_CODE = Field.u8("igmp.mtrace.q_fwd_code", "Forwarding Code").hex()
      .labels(ValueNames.parse("0=NO_ERROR|1=WRONG_IF|2=PRUNE_SENT|3=PRUNE_RCVD|4=SCOPED|5=NO_ROUTE|"
          + "6=WRONG_LAST_HOP|7=NOT_FORWARDING|8=REACHED_RP|9=RPF_IF|10=NO_MULTICAST|11=INFO_HIDDEN|"
          + "0x81=NO_SPACE|0x82=OLD_ROUTER|0x83=ADMIN_PROHIB"))
      .blurb("Forwarding information/error code");

  static final Expert BAD_CHECKSUM = new Expert("igmp.bad_checksum", Severity.ERROR, "Checksum", "Bad checksum");

  static final int QUERY = 0x11;
  static final int V1_REPORT = 0x12;
  static final int V2_REPORT = 0x16;
  static final int V2_LEAVE = 0x17;
  static final int MTRACE_RESPONSE = 0x1e;
  static final int MTRACE_QUERY = 0x1f;
  static final int V3_REPORT = 0x22;
  private static final int MTRACE_HEADER = 24;
  private static final int MTRACE_BLOCK = 32;

  // Annotations.
  private static final int A_KIND = 0;
  private static final int A_STATUS = 1;
  private static final int A_VERSION = 2;
  private static final int A_REPORTED = 3;
  private static final int A_COUNT = 4;
  /** The hand-off layer before the message. */
  private static final int HANDOFF = 0;
  /** A message of a type the igmp table knows. */
  private static final int MESSAGE = 1;
  /** A type nothing handles: type and data. */
  private static final int UNKNOWN = 2;
  /** Multicast traceroute. */
  private static final int MTRACE = 3;

  public IgmpDissector() {
    super("igmp", "Internet Group Management Protocol", "IGMP");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.IP_PROTO, 2, this);
  }

  /** Whether the igmp type table sends {@code type} to the igmp protocol itself. */
  private static boolean ownType(int type) {
    return type <= 15 || type == QUERY || type == V1_REPORT || type == V2_REPORT || type == V2_LEAVE
        || type == V3_REPORT || type == MTRACE_RESPONSE || type == MTRACE_QUERY;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int end = d.end(layer);
    d.annotate(layer, A_COUNT);
    d.payload(end, end);
    boolean second = layer > 0 && d.dissector(layer - 1) == this && d.annotation(layer - 1, A_KIND) == HANDOFF
        && d.start(layer - 1) == s;
    if (end - s < 1) {
      d.setAnnotation(layer, A_KIND, UNKNOWN);
      d.malformed(layer);
      return null;
    }
    byte[] b = d.data();
    int type = Bytes.u8(b, s);
    if (!second) {
      if (!ownType(type)) {
        d.setAnnotation(layer, A_KIND, UNKNOWN);
        return null;
      }
      d.setAnnotation(layer, A_KIND, HANDOFF);
      d.payload(s, end);
      return this;
    }
    int ip = EnclosingIp.find(d, layer);
    int reported = EnclosingIp.reportedEnd(d, ip, end) - s;
    d.setAnnotation(layer, A_REPORTED, reported);
    int version;
    int sumLength;
    if (type == MTRACE_RESPONSE || type == MTRACE_QUERY) {
      d.setAnnotation(layer, A_KIND, MTRACE);
      version = -1;
      sumLength = reported;
    } else {
      d.setAnnotation(layer, A_KIND, MESSAGE);
      version = version(type, reported, end - s >= 2 ? Bytes.u8(b, s + 1) : 0);
      sumLength = version == 0 ? 20 : version == 3 ? reported : 8;
    }
    d.setAnnotation(layer, A_VERSION, version);
    int status = Checksums.UNVERIFIED;
    if (end - s >= sumLength && end - s >= 4) {
      int sum = EnclosingIp.onesSum(b, s, sumLength, 0);
      status = sum == 0xffff ? Checksums.GOOD : Checksums.BAD;
      if (status == Checksums.BAD) {
        int field = Bytes.u16(b, s + 2);
        int without = EnclosingIp.fold(sum + (~field & 0xffff));
        d.expert(layer, BAD_CHECKSUM, s + 2, 2,
            String.format("Bad checksum [should be 0x%04x]", ~without & 0xffff));
      }
    }
    d.setAnnotation(layer, A_STATUS, status);
    return null;
  }

  /** The IGMP version of a message of {@code type}: queries tell theirs by length and max resp. */
  private static int version(int type, int reported, int maxResp) {
    switch (type) {
      case QUERY:
        return reported >= 12 ? 3 : maxResp != 0 ? 2 : 1;
      case V1_REPORT:
        return 1;
      case V2_REPORT:
      case V2_LEAVE:
        return 2;
      case V3_REPORT:
        return 3;
      default:
        return 0;
    }
  }

  /** The hand-off layer adds no item of its own: tshark's tree has one IGMP item for igmp:igmp. */
  @Override
  public boolean hiddenInTree(Dissection d, int layer) {
    return d.annotation(layer, A_KIND) == HANDOFF && layer + 1 < d.layerCount() && d.dissector(layer + 1) == this;
  }

  @Override
  public void fields(Tree t) {
    int kind = (int) t.annotation(A_KIND);
    if (kind == HANDOFF) {
      return;
    }
    if (kind == UNKNOWN) {
      t.uint(TYPE, 0, 1);
      if (t.length() > 1) {
        t.bytes(DATA, 1, t.length() - 1);
      }
      return;
    }
    if (kind == MTRACE) {
      mtrace(t);
      return;
    }
    int version = (int) t.annotation(A_VERSION);
    t.generated(VERSION, version);
    int type = (int) t.uint(TYPE, 0, 1);
    switch (version) {
      case 0:
        int code = t.u8(1);
        if (type == 1) {
          t.number(GROUP_TYPE, 1, 1, code);
        } else if ((type & 1) == 0) {
          t.number(code < 5 ? REPLY : REPLY_PENDING, 1, 1, code);
        }
        checksum(t);
        t.uint(IDENTIFIER, 4, 4);
        t.bytes(MADDR, 8, 4);
        t.bytes(ACCESS_KEY, 12, 8);
        break;
      case 1:
        t.bytes(RESERVED, 1, 1);
        checksum(t);
        t.bytes(MADDR, 4, 4);
        break;
      case 2:
        t.uint(MAX_RESP, 1, 1);
        checksum(t);
        t.bytes(MADDR, 4, 4);
        break;
      default:
        if (type == QUERY) {
          v3Query(t);
        } else {
          v3Report(t);
        }
        break;
    }
  }

  private void checksum(Tree t) {
    t.uint(CHECKSUM, 2, 2);
    t.number(CHECKSUM_STATUS, 2, 0, t.annotation(A_STATUS));
  }

  private void v3Query(Tree t) {
    int bits = t.u8(1);
    long tsecs = bits;
    if ((bits & 0x80) != 0) {
      // RFC 3376 section 4.1.1: a floating-point code, (mant | 0x10) << (exp + 3).
      tsecs = (long) ((bits & 0x0f) | 0x10) << (((bits & 0x70) >> 4) + 3);
    }
    t.number(MAX_RESP, 1, 1, tsecs);
    if ((bits & 0x80) != 0) {
      t.enter();
      t.uint(MAX_RESP_EXP, 1, 1);
      t.uint(MAX_RESP_MANT, 1, 1);
      t.exit();
    }
    checksum(t);
    t.bytes(MADDR, 4, 4);
    t.uint(S, 8, 1);
    t.uint(QRV, 8, 1);
    t.uint(QQIC, 9, 1);
    int num = (int) t.uint(NUM_SRC, 10, 2);
    for (int i = 0, at = 12; i < num && t.has(at, 4); i++, at += 4) {
      t.bytes(SADDR, at, 4);
    }
  }

  private void v3Report(Tree t) {
    t.bytes(RESERVED, 1, 1);
    checksum(t);
    t.bytes(RESERVED, 4, 2);
    int num = (int) t.uint(NUM_GRP_RECS, 6, 2);
    int at = 8;
    for (int r = 0; r < num && t.has(at, 8); r++) {
      int sources = t.u16(at + 2);
      int aux = t.u8(at + 1) * 4;
      String rt = RECORD_TYPES.get((long) t.u8(at));
      t.text(at, Math.min(8 + sources * 4 + aux, t.length() - at),
          "Group Record : " + Addresses.ipv4(t.data(), t.start() + at + 4) + "  " + (rt == null ? "" : rt));
      t.enter();
      t.uint(RECORD_TYPE, at, 1);
      t.uint(AUX_DATA_LEN, at + 1, 1);
      t.uint(NUM_SRC, at + 2, 2);
      t.bytes(MADDR, at + 4, 4);
      at += 8;
      for (int i = 0; i < sources; i++, at += 4) {
        t.bytes(SADDR, at, 4);
      }
      if (aux > 0) {
        t.bytes(AUX_DATA, at, aux);
        at += aux;
      }
      t.exit();
    }
  }

  private void mtrace(Tree t) {
    t.uint(TYPE, 0, 1);
    t.uint(MTRACE_MAX_HOPS, 1, 1);
    checksum(t);
    t.bytes(MADDR, 4, 4);
    t.bytes(MTRACE_SADDR, 8, 4);
    t.bytes(MTRACE_RADDR, 12, 4);
    t.bytes(MTRACE_RSPADDR, 16, 4);
    t.uint(MTRACE_RESP_TTL, 20, 1);
    t.uint(MTRACE_Q_ID, 21, 3);
    int reported = (int) t.annotation(A_REPORTED);
    for (int at = MTRACE_HEADER; reported - at >= MTRACE_BLOCK && t.has(at, 1); at += MTRACE_BLOCK) {
      t.text(at, MTRACE_BLOCK, "Response data block");
      t.enter();
      t.uint(MTRACE_Q_ARRIVAL, at, 4);
      t.bytes(MTRACE_Q_INADDR, at + 4, 4);
      t.bytes(MTRACE_Q_OUTADDR, at + 8, 4);
      t.bytes(MTRACE_Q_PREVRTR, at + 12, 4);
      t.uint(MTRACE_Q_INPKT, at + 16, 4);
      t.uint(MTRACE_Q_OUTPKT, at + 20, 4);
      t.uint(MTRACE_Q_TOTAL, at + 24, 4);
      t.uint(MTRACE_Q_RTG_PROTO, at + 28, 1);
      t.uint(MTRACE_Q_FWD_TTL, at + 29, 1);
      t.uint(MTRACE_Q_MBZ, at + 30, 1);
      t.uint(MTRACE_Q_S, at + 30, 1);
      t.uint(MTRACE_Q_SRC_MASK, at + 30, 1);
      t.uint(MTRACE_Q_FWD_CODE, at + 31, 1);
      t.exit();
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    int kind = (int) t.annotation(A_KIND);
    if (kind == HANDOFF) {
      return;
    }
    StringBuilder info = c.info;
    info.setLength(0);
    if (!t.has(0, 1)) {
      c.protocol = "IGMP";
      return;
    }
    int type = t.u8(0);
    if (kind == UNKNOWN) {
      c.protocol = "IGMP";
      typeName(info, type);
      return;
    }
    if (kind == MTRACE) {
      c.protocol = "IGMP";
      int reported = (int) t.annotation(A_REPORTED);
      if (type == MTRACE_RESPONSE) {
        int blocks = (reported - MTRACE_HEADER) / MTRACE_BLOCK;
        info.append("Traceroute Response, ").append(blocks).append(blocks == 1 ? " block" : " blocks");
      } else {
        info.append(reported == MTRACE_HEADER ? "Traceroute Query" : "Traceroute Request");
      }
      return;
    }
    int version = (int) t.annotation(A_VERSION);
    c.protocol = "IGMPv" + version;
    typeName(info, type);
    if (version == 2 || version == 3 && type == QUERY) {
      if (!t.has(4, 4)) {
        return;
      }
      long group = t.u32(4);
      String addr = Addresses.ipv4(t.data(), t.start() + 4);
      if (group == 0) {
        info.append(", general");
      } else if (type == V2_LEAVE) {
        info.append(' ').append(addr);
      } else if (type == QUERY) {
        info.append(", specific for group ").append(addr);
      } else {
        info.append(" group ").append(addr);
      }
      if (version == 3 && t.has(10, 2)) {
        int num = t.u16(10);
        if (num > 0) {
          info.append(num > 1 ? ", sources {" : ", source {");
          sources(t, info, 12, num);
        }
      }
    } else if (version == 3) {
      v3ReportInfo(t, info);
    }
  }

  private static void typeName(StringBuilder info, int type) {
    String name = TYPES.get((long) type);
    if (name != null) {
      info.append(name);
    } else {
      info.append("Unknown Type:0x").append(Character.forDigit(type >> 4, 16)).append(Character.forDigit(type & 15, 16));
    }
  }

  /** Appends {@code num} source addresses from {@code at}, closing the brace after the last. */
  private static int sources(Tree t, StringBuilder info, int at, int num) {
    for (int i = num - 1; i >= 0; i--, at += 4) {
      if (!t.has(at, 4)) {
        return at;
      }
      info.append(Addresses.ipv4(t.data(), t.start() + at)).append(i > 0 ? ", " : "}");
    }
    return at;
  }

  private static void v3ReportInfo(Tree t, StringBuilder info) {
    if (!t.has(6, 2)) {
      return;
    }
    int num = t.u16(6);
    if (num == 0) {
      info.append(" - General query");
    }
    int at = 8;
    for (int r = 0; r < num; r++) {
      if (!t.has(at, 8)) {
        return;
      }
      int type = t.u8(at);
      int aux = t.u8(at + 1) * 4;
      int sources = t.u16(at + 2);
      String group = Addresses.ipv4(t.data(), t.start() + at + 4);
      boolean many = sources > 1;
      if (sources == 0) {
        switch (type) {
          case 1: case 3: info.append(" / Leave group ").append(group); break;
          case 2: case 4: info.append(" / Join group ").append(group).append(" for any sources"); break;
          case 5: info.append(" / Group ").append(group).append(", ALLOW_NEW_SOURCES but no source specified (?)"); break;
          case 6: info.append(" / Group ").append(group).append(", BLOCK_OLD_SOURCES but no source specified (?)"); break;
          default: info.append(" / Group ").append(group).append(", unknown record type (?)"); break;
        }
      } else {
        switch (type) {
          case 1: case 3:
            info.append(" / Join group ").append(group).append(" for source").append(many ? "s in" : "").append(" {");
            break;
          case 2: case 4:
            info.append(" / Join group ").append(group).append(", for source").append(many ? "s not in" : " not")
                .append(" {");
            break;
          case 5: info.append(" / Group ").append(group).append(", new source").append(many ? "s" : "").append(" {"); break;
          case 6: info.append(" / Group ").append(group).append(", block source").append(many ? "s" : "").append(" {"); break;
          default: info.append(" / Group ").append(group).append(", unknown record type (?), sources {"); break;
        }
      }
      at = sources(t, info, at + 8, sources) + aux;
    }
  }
}

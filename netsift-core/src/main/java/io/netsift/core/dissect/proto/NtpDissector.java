package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Base;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import java.util.Map;

/**
 * Network Time Protocol, <a href="https://www.rfc-editor.org/rfc/rfc5905">RFC 5905</a>, on UDP
 * port 123; control messages (mode 6, RFC 1305 appendix B) and ntpd's private messages (mode 7)
 * are decoded to the end of their headers.
 *
 * <pre>
 *  0                   1                   2                   3
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |LI | VN  |Mode |    Stratum    |     Poll      |   Precision   |
 * |                          Root Delay                           |
 * |                       Root Dispersion                         |
 * |                          Reference ID                         |
 * |             Reference, Origin, Receive, Transmit              |
 * |                  Timestamps (64 bits each)                    |
 * </pre>
 *
 * Timestamps are seconds since 1900 and a 32-bit binary fraction; RFC 5905 section 6 puts
 * seconds below 2^31 in era 1 (from 2036), as tshark does.
 */
public final class NtpDissector extends Dissector implements Protocols.Registrable {
  private static final Map<Long, String> MODES = ValueNames.parse(
      """
      0=reserved|1=symmetric active|2=symmetric passive|3=client|4=server|5=broadcast|
      6=reserved for NTP control message|7=reserved for private use|
      """);
  private static final Map<Long, String> VERSIONS = ValueNames.parse(
      "0=reserved|1=NTP Version 1|2=NTP Version 2|3=NTP Version 3|4=NTP Version 4|5=reserved|6=reserved|7=reserved");
  private static final Map<Long, String> LEAP = ValueNames.parse(
      "0=no warning|1=last minute of the day has 61 seconds|2=last minute of the day has 59 seconds|3=unknown (clock unsynchronized)");
  private static final Map<Long, String> REQUEST_CODES = ValueNames.parse(
      """
      0=PEER_LIST|1=PEER_LIST_SUM|2=PEER_INFO|3=PEER_STATS|4=SYS_INFO|5=SYS_STATS|6=IO_STATS|7=MEM_STATS|
      8=LOOP_INFO|9=TIMER_STATS|10=CONFIG|11=UNCONFIG|12=SET_SYS_FLAG|13=CLR_SYS_FLAG|14=MONITOR|
      15=NOMONITOR|16=GET_RESTRICT|17=RESADDFLAGS|18=RESSUBFLAGS|19=UNRESTRICT|20=MON_GETLIST|
      21=RESET_STATS|22=RESET_PEER|23=REREAD_KEYS|24=DO_DIRTY_HACK|25=DONT_DIRTY_HACK|26=TRUSTKEY|
      27=UNTRUSTKEY|28=AUTHINFO|29=TRAPS|30=ADD_TRAP|31=CLR_TRAP|32=REQUEST_KEY|33=CONTROL_KEY|
      34=GET_CTLSTATS|35=GET_LEAPINFO|36=GET_CLOCKINFO|37=SET_CLKFUDGE|38=GET_KERNEL|39=GET_CLKBUGINFO|
      41=SET_PRECISION|42=MON_GETLIST_1|43=HOSTNAME_ASSOCID|44=IF_STATS|45=IF_RELOAD|
      """);

  public static final Field FLAGS = Field.u8("ntp.flags", "Flags").hex().blurb("Flags (Leap/Version/Mode)");
  public static final Field FLAGS_LI = Field.u8("ntp.flags.li", "Leap Indicator").mask(0xc0, 8).labels(LEAP);
  public static final Field FLAGS_VN = Field.u8("ntp.flags.vn", "Version number").mask(0x38, 8).labels(VERSIONS);
  public static final Field FLAGS_MODE = Field.u8("ntp.flags.mode", "Mode").mask(0x07, 8).labels(MODES);
  public static final Field STRATUM = Field.u8("ntp.stratum", "Peer Clock Stratum");
  public static final Field PPOLL = Field.u8("ntp.ppoll", "Peer Polling Interval");
  public static final Field PRECISION = Field.u8("ntp.precision", "Peer Clock Precision");
  public static final Field ROOTDELAY = Field.u32("ntp.rootdelay", "Root Delay");
  public static final Field ROOTDISPERSION = Field.u32("ntp.rootdispersion", "Root Dispersion");
  public static final Field REFID = Field.bytes("ntp.refid", "Reference ID");
  public static final Field REFTIME = time("ntp.reftime", "Reference Timestamp");
  public static final Field ORG = time("ntp.org", "Origin Timestamp");
  public static final Field REC = time("ntp.rec", "Receive Timestamp");
  public static final Field XMT = time("ntp.xmt", "Transmit Timestamp");
  public static final Field KEYID = Field.bytes("ntp.keyid", "Key ID");
  public static final Field MAC = Field.bytes("ntp.mac", "Message Authentication Code");

  public static final Field CTRL_FLAGS2 = Field.u8("ntp.ctrl.flags2", "Flags 2").hex();
  public static final Field CTRL_R = Field.u8("ntp.ctrl.flags2.r", "Response bit").mask(0x80, 8)
      .labels(ValueNames.parse("0=Request|1=Response"));
  public static final Field CTRL_ERROR = Field.u8("ntp.ctrl.flags2.error", "Error bit").mask(0x40, 8);
  public static final Field CTRL_MORE = Field.u8("ntp.ctrl.flags2.more", "More bit").mask(0x20, 8);
  public static final Field CTRL_OPCODE = Field.u8("ntp.ctrl.flags2.opcode", "Opcode").mask(0x1f, 8)
      .labels(ValueNames.parse(
          """
          0=reserved|1=read status|2=read variables|3=write variables|4=read clock variables|
          5=write clock variables|6=set trap address/port|7=asynchronous message|8=runtime configuration|
          9=save config to file|10=retrieve MRU (mrulist)|11=retrieve ordered list|
          12=request a client nonce|31=unset trap address/port|
          """));
  public static final Field CTRL_SEQUENCE = Field.u16("ntp.ctrl.sequence", "Sequence");
  public static final Field CTRL_STATUS = Field.u16("ntp.ctrl.status", "Status").hex();
  public static final Field CTRL_SYS_LI = Field.u16("ntp.ctrl.sys_status.li", "Leap Indicator").mask(0xc000, 16).labels(LEAP);
  public static final Field CTRL_SYS_CLKSRC = Field.u16("ntp.ctrl.sys_status.clksrc", "Clock Source").mask(0x3f00, 16);
  public static final Field CTRL_SYS_COUNT = Field.u16("ntp.ctrl.sys_status.count", "System Event Counter").mask(0xf0, 16);
  public static final Field CTRL_SYS_CODE = Field.u16("ntp.ctrl.sys_status.code", "System Event Code").mask(0xf, 16);
  public static final Field CTRL_PEER_CONFIG = Field.bool("ntp.ctrl.peer_status.config", "Peer Status").mask(0x8000, 16);
  public static final Field CTRL_PEER_AUTHENABLE = Field.bool("ntp.ctrl.peer_status.authenable", "Peer Status").mask(0x4000, 16);
  public static final Field CTRL_PEER_AUTHENTIC = Field.bool("ntp.ctrl.peer_status.authentic", "Peer Status").mask(0x2000, 16);
  public static final Field CTRL_PEER_REACH = Field.bool("ntp.ctrl.peer_status.reach", "Peer Status").mask(0x1000, 16);
  public static final Field CTRL_PEER_BCAST = Field.bool("ntp.ctrl.peer_status.bcast", "Peer Status broadcast association").mask(0x800, 16);
  public static final Field CTRL_PEER_SELECTION = Field.u16("ntp.ctrl.peer_status.selection", "Peer Selection").mask(0x700, 16);
  public static final Field CTRL_PEER_COUNT = Field.u16("ntp.ctrl.peer_status.count", "Peer Event Counter").mask(0xf0, 16);
  public static final Field CTRL_PEER_CODE = Field.u16("ntp.ctrl.peer_status.code", "Peer Event Code").mask(0xf, 16);
  public static final Field CTRL_ASSOCID = Field.u16("ntp.ctrl.associd", "AssociationID");
  public static final Field CTRL_OFFSET = Field.u16("ntp.ctrl.offset", "Offset");
  public static final Field CTRL_COUNT = Field.u16("ntp.ctrl.count", "Count");
  public static final Field CTRL_DATA = Field.none("ntp.ctrl.data", "Data");

  public static final Field PRIV_R = Field.u8("ntp.priv.flags.r", "Response bit").mask(0x80, 8)
      .labels(ValueNames.parse("0=Request|1=Response"));
  public static final Field PRIV_MORE = Field.u8("ntp.priv.flags.more", "More bit").mask(0x40, 8);
  public static final Field PRIV_AUTH_SEQ = Field.u8("ntp.priv.auth_seq", "Auth, sequence").blurb("Auth bit, sequence number");
  public static final Field PRIV_AUTH = Field.u8("ntp.priv.auth", "Auth bit").mask(0x80, 8);
  public static final Field PRIV_SEQ = Field.u8("ntp.priv.seq", "Sequence number").mask(0x7f, 8);
  public static final Field PRIV_IMPL = Field.u8("ntp.priv.impl", "Implementation")
      .labels(ValueNames.parse("0=UNIV|2=XNTPD_OLD (pre-IPv6)|3=XNTPD"));
  public static final Field PRIV_REQCODE = Field.u8("ntp.priv.reqcode", "Request code").labels(REQUEST_CODES);
  public static final Field PRIV_ERR = Field.u8("ntp.priv.err", "Err").hex();
  public static final Field PRIV_NUMITEMS = Field.u16("ntp.priv.numitems", "Number of data items");
  public static final Field PRIV_RESERVED = Field.u8("ntp.priv.reserved", "Reserved").hex();
  public static final Field PRIV_ITEMSIZE = Field.u16("ntp.priv.itemsize", "Size of data item");

  private static final int HEADER = 48;
  private static final int CTRL_HEADER = 12;
  private static final int PRIV_HEADER = 8;
  private static final int MODE_CONTROL = 6;
  private static final int MODE_PRIVATE = 7;
  /** Seconds from 1900-01-01 to 1970-01-01. */
  private static final long NTP_TO_UNIX = 2_208_988_800L;

  private static Field time(String name, String label) {
    return Field.of(name, label, FieldType.ABSOLUTE_TIME).base(Base.TIME_UTC);
  }

  public NtpDissector() {
    super("ntp", "Network Time Protocol", "NTP");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.UDP_PORT, 123, this);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int n = d.length(layer);
    if (n < 1) {
      Truncation.report(d, layer, s, 1);
      return null;
    }
    int mode = d.data()[s] & 7;
    int need = mode == MODE_CONTROL ? CTRL_HEADER : mode == MODE_PRIVATE ? PRIV_HEADER : HEADER;
    if (n < need) {
      Truncation.report(d, layer, s, need);
    }
    return null;
  }

  @Override
  public void fields(Tree t) {
    int flags = t.u8(0);
    int mode = flags & 7;
    if (mode == MODE_PRIVATE) {
      privateMessage(t);
      return;
    }
    t.uint(FLAGS, 0, 1);
    t.enter();
    t.uint(FLAGS_LI, 0, 1);
    t.uint(FLAGS_VN, 0, 1);
    t.uint(FLAGS_MODE, 0, 1);
    t.exit();
    if (mode == MODE_CONTROL) {
      control(t);
      return;
    }
    t.uint(STRATUM, 1, 1);
    t.uint(PPOLL, 2, 1);
    t.uint(PRECISION, 3, 1);
    t.uint(ROOTDELAY, 4, 4);
    t.uint(ROOTDISPERSION, 8, 4);
    t.bytes(REFID, 12, 4);
    timestamp(t, REFTIME, 16);
    timestamp(t, ORG, 24);
    timestamp(t, REC, 32);
    timestamp(t, XMT, 40);
    int rest = t.length() - HEADER;
    if (rest == 20 || rest == 24) {
      // RFC 5905 section 7.3: a key identifier and an MD5 (16) or SHA-1 (20) digest.
      t.bytes(KEYID, HEADER, 4);
      t.bytes(MAC, HEADER + 4, rest - 4);
    }
  }

  private static void timestamp(Tree t, Field f, int rel) {
    if (!t.has(rel, 8)) {
      t.bytes(f, rel, 8);
      return;
    }
    long sec = t.u32(rel);
    long frac = t.u32(rel + 4);
    if (sec == 0 && frac == 0) {
      t.object(f, rel, 8, "NULL");
      return;
    }
    if ((sec & 0x8000_0000L) == 0) {
      sec += 1L << 32; // era 1
    }
    long nanos = (sec - NTP_TO_UNIX) * 1_000_000_000L + (frac * 1_000_000_000L >>> 32);
    t.number(f, rel, 8, nanos);
  }

  private static void control(Tree t) {
    int flags2 = t.u8(1);
    t.uint(CTRL_FLAGS2, 1, 1);
    t.enter();
    t.uint(CTRL_R, 1, 1);
    t.uint(CTRL_ERROR, 1, 1);
    t.uint(CTRL_MORE, 1, 1);
    t.uint(CTRL_OPCODE, 1, 1);
    t.exit();
    t.uint(CTRL_SEQUENCE, 2, 2);
    int associd = t.u16(6);
    t.uint(CTRL_STATUS, 4, 2);
    boolean response = (flags2 & 0x80) != 0;
    int opcode = flags2 & 0x1f;
    if (response && (opcode == 1 || opcode == 2) && t.has(4, 2)) {
      t.enter();
      if (associd == 0) {
        t.uint(CTRL_SYS_LI, 4, 2);
        t.uint(CTRL_SYS_CLKSRC, 4, 2);
        t.uint(CTRL_SYS_COUNT, 4, 2);
        t.uint(CTRL_SYS_CODE, 4, 2);
      } else {
        t.uint(CTRL_PEER_CONFIG, 4, 2);
        t.uint(CTRL_PEER_AUTHENABLE, 4, 2);
        t.uint(CTRL_PEER_AUTHENTIC, 4, 2);
        t.uint(CTRL_PEER_REACH, 4, 2);
        t.uint(CTRL_PEER_BCAST, 4, 2);
        t.uint(CTRL_PEER_SELECTION, 4, 2);
        t.uint(CTRL_PEER_COUNT, 4, 2);
        t.uint(CTRL_PEER_CODE, 4, 2);
      }
      t.exit();
    }
    t.uint(CTRL_ASSOCID, 6, 2);
    t.uint(CTRL_OFFSET, 8, 2);
    int count = t.u16(10);
    t.uint(CTRL_COUNT, 10, 2);
    if (count > 0) {
      t.object(CTRL_DATA, CTRL_HEADER, Math.min(count, Math.max(0, t.length() - CTRL_HEADER)), null);
    }
  }

  private static void privateMessage(Tree t) {
    t.uint(PRIV_R, 0, 1);
    t.uint(PRIV_MORE, 0, 1);
    t.uint(FLAGS_VN, 0, 1);
    t.uint(FLAGS_MODE, 0, 1);
    t.uint(PRIV_AUTH_SEQ, 1, 1);
    t.enter();
    t.uint(PRIV_AUTH, 1, 1);
    t.uint(PRIV_SEQ, 1, 1);
    t.exit();
    t.uint(PRIV_IMPL, 2, 1);
    t.uint(PRIV_REQCODE, 3, 1);
    t.number(PRIV_ERR, 4, 1, t.u8(4) >> 4);
    t.number(PRIV_NUMITEMS, 4, 2, t.u16(4) & 0xfff);
    t.number(PRIV_RESERVED, 6, 1, t.u8(6) >> 4);
    t.number(PRIV_ITEMSIZE, 6, 2, t.u16(6) & 0xfff);
  }

  private static String summary(Tree t) {
    int flags = t.u8(0);
    int mode = flags & 7;
    StringBuilder sb = new StringBuilder(40);
    sb.append(VERSIONS.get((long) (flags >> 3 & 7))).append(", ");
    switch (mode) {
      case MODE_CONTROL:
        sb.append("control");
        break;
      case MODE_PRIVATE:
        sb.append("private, ").append((flags & 0x80) != 0 ? "Response" : "Request");
        if (t.has(3, 1)) {
          String code = REQUEST_CODES.get((long) t.u8(3));
          sb.append(", ").append(code != null ? code : "Unknown (" + t.u8(3) + ")");
        }
        break;
      default:
        sb.append(MODES.get((long) mode));
    }
    return sb.toString();
  }

  @Override
  public String label(Tree t) {
    return t.has(0, 1) ? longName() + " (" + summary(t) + ")" : longName();
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = "NTP";
    if (t.has(0, 1)) {
      c.setInfo(summary(t));
    }
  }
}

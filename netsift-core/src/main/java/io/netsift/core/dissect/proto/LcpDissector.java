package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/**
 * PPP Link Control Protocol (RFC 1661 section 5 and 6, PPP protocol 0xc021): the shared control
 * packet of {@link PppControlDissector} with LCP's options (MRU, ACCM, authentication and quality
 * protocols, magic number, field compression) and its echo, discard, reject, identification
 * and time-remaining bodies.
 */
public final class LcpDissector extends PppControlDissector {
  public static final Field MAGIC_NUMBER = Field.u32("lcp.magic_number", "Magic Number").hex();
  public static final Field DATA = Field.bytes("lcp.data", "Data");
  public static final Field MESSAGE = Field.string("lcp.message", "Message");
  public static final Field SECS_REMAINING = Field.u32("lcp.secs_remaining", "Seconds Remaining");
  public static final Field REJ_PROTO = Field.u16("lcp.rej_proto", "Rejected Protocol").hex()
      .labels(PppDissector.PROTOCOLS);
  public static final Field OPT_TYPE = Field.u8("lcp.opt.type", "Type").labels(ValueNames.parse(
      "1=Maximum Receive Unit|2=Async Control Character Map|3=Authentication Protocol|4=Quality Protocol|"
          + "5=Magic Number|7=Protocol Field Compression|8=Address and Control Field Compression|"
          + "13=Callback|17=Multilink MRRU|18=Multilink Short Sequence Number Header Format|"
          + "19=Multilink Endpoint Discriminator"));
  public static final Field OPT_LENGTH = Field.u8("lcp.opt.length", "Length");
  public static final Field OPT_DATA = Field.bytes("lcp.opt.data", "Data");
  public static final Field OPT_MRU = Field.u16("lcp.opt.mru", "Maximum Receive Unit");
  public static final Field OPT_ASYNCMAP = Field.u32("lcp.opt.asyncmap", "Async Control Character Map").hex();
  public static final Field ASYNCMAP_NUL = Field.bool("lcp.opt.asyncmap.nul", "NUL").mask(0x1, 32);
  public static final Field ASYNCMAP_SOH = Field.bool("lcp.opt.asyncmap.soh", "SOH").mask(0x2, 32);
  public static final Field ASYNCMAP_STX = Field.bool("lcp.opt.asyncmap.stx", "STX").mask(0x4, 32);
  public static final Field ASYNCMAP_ETX = Field.bool("lcp.opt.asyncmap.etx", "ETX").mask(0x8, 32);
  public static final Field ASYNCMAP_EOT = Field.bool("lcp.opt.asyncmap.eot", "EOT").mask(0x10, 32);
  public static final Field ASYNCMAP_ENQ = Field.bool("lcp.opt.asyncmap.enq", "ENQ").mask(0x20, 32);
  public static final Field ASYNCMAP_ACK = Field.bool("lcp.opt.asyncmap.ack", "ACK").mask(0x40, 32);
  public static final Field ASYNCMAP_BEL = Field.bool("lcp.opt.asyncmap.bel", "BEL").mask(0x80, 32);
  public static final Field ASYNCMAP_BS = Field.bool("lcp.opt.asyncmap.bs", "BS").mask(0x100, 32);
  public static final Field ASYNCMAP_HT = Field.bool("lcp.opt.asyncmap.ht", "HT").mask(0x200, 32);
  public static final Field ASYNCMAP_LF = Field.bool("lcp.opt.asyncmap.lf", "LF").mask(0x400, 32);
  public static final Field ASYNCMAP_VT = Field.bool("lcp.opt.asyncmap.vt", "VT").mask(0x800, 32);
  public static final Field ASYNCMAP_FF = Field.bool("lcp.opt.asyncmap.ff", "FF").mask(0x1000, 32);
  public static final Field ASYNCMAP_CR = Field.bool("lcp.opt.asyncmap.cr", "CR").mask(0x2000, 32);
  public static final Field ASYNCMAP_SO = Field.bool("lcp.opt.asyncmap.so", "SO").mask(0x4000, 32);
  public static final Field ASYNCMAP_SI = Field.bool("lcp.opt.asyncmap.si", "SI").mask(0x8000, 32);
  public static final Field ASYNCMAP_DLE = Field.bool("lcp.opt.asyncmap.dle", "DLE").mask(0x10000, 32);
  public static final Field ASYNCMAP_DC1 = Field.bool("lcp.opt.asyncmap.dc1", "DC1 (XON)").mask(0x20000, 32);
  public static final Field ASYNCMAP_DC2 = Field.bool("lcp.opt.asyncmap.dc2", "DC2").mask(0x40000, 32);
  public static final Field ASYNCMAP_DC3 = Field.bool("lcp.opt.asyncmap.dc3", "DC3 (XOFF)").mask(0x80000, 32);
  public static final Field ASYNCMAP_DC4 = Field.bool("lcp.opt.asyncmap.dc4", "DC4").mask(0x100000, 32);
  public static final Field ASYNCMAP_NAK = Field.bool("lcp.opt.asyncmap.nak", "NAK").mask(0x200000, 32);
  public static final Field ASYNCMAP_SYN = Field.bool("lcp.opt.asyncmap.syn", "SYN").mask(0x400000, 32);
  public static final Field ASYNCMAP_ETB = Field.bool("lcp.opt.asyncmap.etb", "ETB").mask(0x800000, 32);
  public static final Field ASYNCMAP_CAN = Field.bool("lcp.opt.asyncmap.can", "CAN").mask(0x1000000, 32);
  public static final Field ASYNCMAP_EM = Field.bool("lcp.opt.asyncmap.em", "EM").mask(0x2000000, 32);
  public static final Field ASYNCMAP_SUB = Field.bool("lcp.opt.asyncmap.sub", "SUB").mask(0x4000000, 32);
  public static final Field ASYNCMAP_ESC = Field.bool("lcp.opt.asyncmap.esc", "ESC").mask(0x8000000, 32);
  public static final Field ASYNCMAP_FS = Field.bool("lcp.opt.asyncmap.fs", "FS").mask(0x10000000, 32);
  public static final Field ASYNCMAP_GS = Field.bool("lcp.opt.asyncmap.gs", "GS").mask(0x20000000, 32);
  public static final Field ASYNCMAP_RS = Field.bool("lcp.opt.asyncmap.rs", "RS").mask(0x40000000, 32);
  public static final Field ASYNCMAP_US = Field.bool("lcp.opt.asyncmap.us", "US").mask(0x80000000, 32);
  /** The ACCM bits in tshark's tree order, US (bit 31) first. */
  private static final Field[] ASYNCMAP_BITS = {ASYNCMAP_US, ASYNCMAP_RS, ASYNCMAP_GS, ASYNCMAP_FS, ASYNCMAP_ESC, ASYNCMAP_SUB, ASYNCMAP_EM, ASYNCMAP_CAN, ASYNCMAP_ETB, ASYNCMAP_SYN, ASYNCMAP_NAK, ASYNCMAP_DC4, ASYNCMAP_DC3, ASYNCMAP_DC2, ASYNCMAP_DC1, ASYNCMAP_DLE, ASYNCMAP_SI, ASYNCMAP_SO, ASYNCMAP_CR, ASYNCMAP_FF, ASYNCMAP_VT, ASYNCMAP_LF, ASYNCMAP_HT, ASYNCMAP_BS, ASYNCMAP_BEL, ASYNCMAP_ACK, ASYNCMAP_ENQ, ASYNCMAP_EOT, ASYNCMAP_ETX, ASYNCMAP_STX, ASYNCMAP_SOH, ASYNCMAP_NUL};
  public static final Field OPT_AUTH_PROTOCOL = Field.u16("lcp.opt.auth_protocol", "Authentication Protocol").hex()
      .labels(PppDissector.PROTOCOLS);
  public static final Field OPT_ALGORITHM = Field.u8("lcp.opt.algorithm", "Algorithm");
  public static final Field OPT_QUALITY_PROTOCOL = Field.u16("lcp.opt.quality_protocol", "Quality Protocol").hex()
      .labels(PppDissector.PROTOCOLS);
  public static final Field OPT_OPERATION = Field.u8("lcp.opt.operation", "Operation");
  public static final Field OPT_MRRU = Field.u16("lcp.opt.mrru", "MRRU");
  public static final Field OPT_MAGIC_NUMBER = Field.u32("lcp.opt.magic_number", "Magic Number").hex();

  public LcpDissector() {
    super("lcp", "PPP Link Control Protocol", "PPP LCP", 0xc021, LCP_CODES);
  }

  @Override
  void option(Tree t, int type, int p, int len) {
    t.uint(OPT_TYPE, p, 1);
    t.uint(OPT_LENGTH, p + 1, 1);
    switch (type) {
      case 1:
        t.uint(OPT_MRU, p + 2, 2);
        break;
      case 2:
        t.uint(OPT_ASYNCMAP, p + 2, 4);
        t.enter();
        for (Field f : ASYNCMAP_BITS) {
          t.uint(f, p + 2, 4);
        }
        t.exit();
        break;
      case 3:
        t.uint(OPT_AUTH_PROTOCOL, p + 2, 2);
        if (len > 4) {
          t.uint(OPT_ALGORITHM, p + 4, 1);
        }
        break;
      case 4:
        t.uint(OPT_QUALITY_PROTOCOL, p + 2, 2);
        break;
      case 5:
        t.uint(OPT_MAGIC_NUMBER, p + 2, 4);
        break;
      case 7:
      case 8:
        break;
      case 13:
        t.uint(OPT_OPERATION, p + 2, 1);
        if (len > 3) {
          t.bytes(OPT_DATA, p + 3, len - 3);
        }
        break;
      case 17:
        t.uint(OPT_MRRU, p + 2, 2);
        break;
      default:
        if (len > 2) {
          t.bytes(OPT_DATA, p + 2, len - 2);
        }
    }
  }

  @Override
  void body(Tree t, int code, int from, int end) {
    switch (code) {
      case 5: case 6: case 7:
        if (end > from) {
          t.bytes(PppControlDissector.DATA, from, end - from);
        }
        break;
      case 8:
        t.uint(REJ_PROTO, from, 2);
        break;
      case 9: case 10: case 11:
        t.uint(MAGIC_NUMBER, from, 4);
        if (end > from + 4) {
          t.bytes(DATA, from + 4, end - from - 4);
        }
        break;
      case 12:
        t.uint(MAGIC_NUMBER, from, 4);
        text(t, MESSAGE, from + 4, end);
        break;
      case 13:
        t.uint(MAGIC_NUMBER, from, 4);
        t.uint(SECS_REMAINING, from + 4, 4);
        text(t, MESSAGE, from + 8, end);
        break;
      default:
        break;
    }
  }

  static void text(Tree t, Field f, int from, int end) {
    if (end > from && t.has(from, end - from)) {
      t.object(f, from, end - from,
          new String(t.data(), t.start() + from, end - from, java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}

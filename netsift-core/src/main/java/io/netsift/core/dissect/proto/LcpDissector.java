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
  public static final Field OPT_AUTH_PROTOCOL = Field.u16("lcp.opt.auth_protocol", "Authentication Protocol").hex()
      .labels(PppDissector.PROTOCOLS);
  public static final Field OPT_ALGORITHM = Field.u8("lcp.opt.algorithm", "Algorithm");
  public static final Field OPT_QUALITY_PROTOCOL = Field.u16("lcp.opt.quality_protocol", "Quality Protocol").hex()
      .labels(PppDissector.PROTOCOLS);
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
          t.bytes(DATA, from, end - from);
        }
        break;
      case 8:
        t.uint(REJ_PROTO, from, 2);
        if (end > from + 2) {
          t.bytes(DATA, from + 2, end - from - 2);
        }
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

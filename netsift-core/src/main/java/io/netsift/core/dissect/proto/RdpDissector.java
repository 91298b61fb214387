package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.nio.charset.StandardCharsets;

/**
 * RDP's connection negotiation (<a
 * href="https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-rdpbcgr/">MS-RDPBCGR</a>
 * 2.2.1.1 and 2.2.1.2) in the user data of a COTP Connection Request or Confirm: an optional
 * routing token or cookie line ending in CR LF, then an 8-byte RDP_NEG_REQ, RDP_NEG_RSP or
 * RDP_NEG_FAILURE:
 *
 * <pre>
 * type(1) flags(1) length(2, LE, = 8) requestedProtocols | selectedProtocol | failureCode (4, LE)
 * </pre>
 *
 * What follows the negotiation (MCS, and TLS or CredSSP) is not decoded: tshark 4.0 shows those
 * segments as TPKT continuation data.
 */
public final class RdpDissector extends Dissector {
  private static final int NEG_REQ = 1;
  private static final int NEG_RSP = 2;
  private static final int NEG_FAILURE = 3;

  public static final Field COOKIE = Field.string("rdp.rt_cookie", "Routing Token/Cookie");
  public static final Field NEG_TYPE = Field.u8("rdp.neg_type", "Type").hex().labels(ValueNames.parse(
      "0x1=RDP Negotiation Request|0x2=RDP Negotiation Response|0x3=RDP Negotiation Failure|"));
  public static final Field REQ_FLAGS = Field.u8("rdp.negReq.flags", "Flags").hex();
  public static final Field REQ_RESTRICTED_ADMIN =
      Field.bool("rdp.negReq.flags.restricted_admin_mode_req", "Restricted admin mode required").mask(0x01, 8);
  public static final Field REQ_CORRELATION =
      Field.bool("rdp.negReq.flags.correlation_info_present", "Correlation info present").mask(0x08, 8);
  public static final Field RSP_FLAGS = Field.u8("rdp.negRsp.flags", "Flags").hex();
  public static final Field NEG_LENGTH = Field.u16("rdp.neg_length", "Length");
  public static final Field REQUESTED = Field.u32("rdp.negReq.requestedProtocols", "requestedProtocols").hex();
  public static final Field REQ_SSL = Field.bool("rdp.negReq.requestedProtocols.ssl", "TLS security supported")
      .mask(0x1, 32);
  public static final Field REQ_HYBRID = Field.bool("rdp.negReq.requestedProtocols.hybrid", "CredSSP supported")
      .mask(0x2, 32);
  public static final Field REQ_RDSTLS = Field.bool("rdp.negReq.requestedProtocols.rdstls", "RDSTLS supported")
      .mask(0x4, 32);
  public static final Field REQ_HYBRID_EX = Field.bool("rdp.negReq.requestedProtocols.hybrid_ex",
      "CredSSP with Early User Authorization Result PDU supported").mask(0x8, 32);
  public static final Field RSP_EXTENDED = Field.bool("rdp.negRsp.flags.extended_client_data_supported",
      "Extended Client Data Blocks supported").mask(0x01, 8);
  public static final Field RSP_GFX = Field.bool("rdp.negRsp.flags.dynvc_gfx_protocol_supported",
      "Graphics Pipeline Extension Protocol supported").mask(0x02, 8);
  public static final Field RSP_RESTRICTED_ADMIN = Field.bool("rdp.negRsp.flags.restricted_admin_mode_supported",
      "Restricted admin mode supported").mask(0x08, 8);
  public static final Field RSP_RESTRICTED_AUTH = Field.bool("rdp.negRsp.flags.restricted_authentication_mode_supported",
      "Restricted authentication mode supported").mask(0x10, 8);
  public static final Field SELECTED = Field.u32("rdp.negReq.selectedProtocol", "selectedProtocol").hex()
      .labels(ValueNames.parse("0=Standard RDP Security|1=TLS|2=CredSSP|4=RDSTLS|8=CredSSP with Early User Auth|"));
  public static final Field FAILURE = Field.u32("rdp.negFailure.failureCode", "failureCode").hex();

  public RdpDissector() {
    super("rdp", "Remote Desktop Protocol", "RDP");
  }

  /** Where the cookie line ends (past its CR LF) in {@code b[from, to)}, or {@code from} when there is none. */
  private static int cookieEnd(byte[] b, int from, int to) {
    if (to - from < 8 || !new String(b, from, Math.min(to - from, 7), StandardCharsets.ISO_8859_1).equals("Cookie:")) {
      return from;
    }
    for (int p = from; p + 1 < to; p++) {
      if (b[p] == '\r' && b[p + 1] == '\n') {
        return p + 2;
      }
    }
    return from;
  }

  /** Whether COTP's user data {@code b[from, to)} is an RDP negotiation (cookie and/or 8-byte message). */
  static boolean negotiation(byte[] b, int from, int to) {
    int p = cookieEnd(b, from, to);
    if (to - p == 8) {
      int type = b[p] & 0xff;
      return type >= NEG_REQ && type <= NEG_FAILURE && Bytes.u16le(b, p + 2) == 8;
    }
    return p > from && p == to;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    d.payload(d.end(layer), d.end(layer));
    return null;
  }

  @Override
  public void fields(Tree t) {
    int neg = cookieEnd(t.data(), t.start(), t.start() + t.length()) - t.start();
    if (neg > 0) {
      t.object(COOKIE, 0, neg, t.asciiz(0, neg - 2));
    }
    if (!t.has(neg, 8)) {
      return;
    }
    int type = t.u8(neg);
    t.uint(NEG_TYPE, neg, 1);
    Field[] flagBits = type == NEG_REQ ? new Field[] {REQ_RESTRICTED_ADMIN, REQ_CORRELATION}
        : new Field[] {RSP_EXTENDED, RSP_GFX, RSP_RESTRICTED_ADMIN, RSP_RESTRICTED_AUTH};
    t.uint(type == NEG_REQ ? REQ_FLAGS : RSP_FLAGS, neg + 1, 1);
    t.enter();
    for (Field f : flagBits) {
      t.uint(f, neg + 1, 1);
    }
    t.exit();
    t.uintle(NEG_LENGTH, neg + 2, 2);
    t.uintle(type == NEG_REQ ? REQUESTED : type == NEG_RSP ? SELECTED : FAILURE, neg + 4, 4);
    if (type == NEG_REQ) {
      t.enter();
      for (Field f : new Field[] {REQ_SSL, REQ_HYBRID, REQ_RDSTLS, REQ_HYBRID_EX}) {
        t.uintle(f, neg + 4, 4);
      }
      t.exit();
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    int neg = cookieEnd(t.data(), t.start(), t.start() + t.length()) - t.start();
    StringBuilder s = new StringBuilder();
    if (neg > 0) {
      s.append(t.asciiz(0, neg - 2));
    }
    if (t.has(neg, 8)) {
      int type = t.u8(neg);
      s.append(s.length() > 0 ? ", " : "").append(type == NEG_REQ ? "Negotiate Request"
          : type == NEG_RSP ? "Negotiate Response" : "Negotiate Failure");
    }
    c.setInfo(s.toString());
  }
}

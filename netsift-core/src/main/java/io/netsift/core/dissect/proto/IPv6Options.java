package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.IPv6Dissector.*;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Tree;
import java.util.Map;

/**
 * The TLV options of IPv6 hop-by-hop and destination options headers (RFC 8200 section 4.2;
 * Router Alert RFC 2711, Jumbo Payload RFC 2675, Tunnel Encapsulation Limit RFC 2473, Home
 * Address RFC 6275, Path MTU RFC 9268), walked as Wireshark's {@code dissect_opts} does.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+- - - - - - - - -
 * |  Option Type  |  Opt Data Len |  Option Data      Pad1 (type 0) is a single byte
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+- - - - - - - - -
 *  AA C TTTTT: action if unrecognised, may-change flag, rest
 * </pre>
 */
final class IPv6Options {
  static final Map<Long, String> TYPE_NAMES = ValueNames.parse(
      """
      0=Pad1|1=PadN|4=Tunnel Encapsulation Limit|5=Router Alert|7=CALIPSO|8=SMF_DPD|
      15=Performance and Diagnostic Metrics|30=Experimental (0x1E)|38=Quick-Start|48=Path MTU Option|
      49=IOAM Option|62=Experimental (0x3E)|65=Tunnel Payload Forwarding (TPF) Information|
      94=Experimental (0x5E)|99=RPL Option|109=MPL Option|126=Experimental (0x7E)|
      138=Endpoint Identification|139=ILNP Nonce|140=Line-Identification Option|158=Experimental (0x9E)|
      190=Experimental (0xBE)|194=Jumbo Payload|201=Home Address|222=Experimental (0xDE)|238=IP_DFF|
      254=Experimental (0xFE)|
      """);
  static final Map<Long, String> ROUTING_TYPES = ValueNames.parse(
      "0=Source Route|1=Nimrod|2=Type 2 Routing|3=RPL Source Route|4=Segment Routing|"
          + "5=Compact Routing Header 16|6=Compact Routing Header 32|253=Experiment 1|254=Experiment 2");

  private static final int PAD1 = 0x00;
  private static final int PADN = 0x01;
  private static final int TEL = 0x04;
  private static final int ROUTER_ALERT = 0x05;
  private static final int PMTU = 0x30;
  private static final int TPF = 0x41;
  private static final int ILNP_NONCE = 0x8b;
  private static final int JUMBO = 0xc2;
  private static final int HOME_ADDRESS = 0xc9;

  private IPv6Options() {}

  /** The Jumbo Payload length in the hop-by-hop header at absolute index {@code p}, or 0 (ipv6_get_jumbo_plen). */
  static long jumboLength(byte[] b, int p, int limit) {
    if (p + 2 > limit) {
      return 0;
    }
    int end = p + (Bytes.u8(b, p + 1) + 1) * 8;
    if (end > limit) {
      return 0;
    }
    int off = p + 2;
    while (off < end) {
      int type = Bytes.u8(b, off++);
      if (type == PAD1) {
        continue;
      }
      if (off >= end) {
        return 0;
      }
      int len = Bytes.u8(b, off++);
      if (type == JUMBO && len == 4 && off + 4 <= end) {
        return Bytes.u32(b, off);
      }
      off += len;
    }
    return 0;
  }

  /** Emits the options between {@code from} and {@code end} (relative to the IPv6 layer). */
  static void walk(Tree t, int from, int end, int payloadLength) {
    int off = from;
    while (off < end && !t.truncated()) {
      int type = t.u8(off);
      int len = t.u8(off + 1);
      // tshark labels the item with the option's name but prints an FT_NONE field as "1".
      t.object(OPT, off, 2 + len, null);
      t.enter();
      t.uint(OPT_TYPE, off, 1);
      if (type == PAD1) {
        t.object(OPT_PAD1, off, 1, null);
        t.exit();
        off++;
        continue;
      }
      t.enter();
      t.uint(OPT_TYPE_ACTION, off, 1);
      t.uint(OPT_TYPE_CHANGE, off, 1);
      t.uint(OPT_TYPE_REST, off, 1);
      t.exit();
      t.uint(OPT_LENGTH, off + 1, 1);
      off += 2;
      if (type == PADN) {
        t.bytes(OPT_PADN, off, len);
      } else {
        int used = option(t, type, off, len, payloadLength);
        if (used < len) {
          t.bytes(OPT_UNKNOWN_DATA, off + used, len - used);
          t.enter();
          TreeExperts.emit(t, OPT_UNKNOWN_DATA_EXPERT, off + used, null);
          t.exit();
        }
      }
      off += len;
      t.exit();
    }
  }

  /** Emits one option's data; returns how many of its {@code len} bytes it used. */
  private static int option(Tree t, int type, int off, int len, int payloadLength) {
    switch (type) {
      case JUMBO:
        invalidLength(t, off, len != 4, "Jumbo Payload: Invalid length (" + len + " bytes)");
        long jumbo = t.uint(OPT_JUMBO, off, 4);
        if (payloadLength != 0) {
          TreeExperts.emit(t, OPT_JUMBO_PROHIBITED, off, null);
        }
        if (jumbo < 65536) {
          t.enter();
          TreeExperts.emit(t, OPT_JUMBO_TRUNCATED, off, null);
          t.exit();
        }
        return 4;
      case TEL:
        invalidLength(t, off, len != 1, "Tunnel Encapsulation Limit: Invalid length (" + len + " bytes)");
        t.uint(OPT_TEL, off, 1);
        return 1;
      case ROUTER_ALERT:
        invalidLength(t, off, len != 2, "Router alert: Invalid Length (" + len + " bytes)");
        t.uint(OPT_ROUTER_ALERT, off, 2);
        return 2;
      case PMTU: {
        invalidLength(t, off, len != 4, "PMTU Option: Invalid Length (" + len + " bytes)");
        t.uint(OPT_PMTU_MIN, off, 2);
        int v = t.u16(off + 2);
        t.number(OPT_PMTU_RTN, off + 2, 2, v & 0xfffe);
        t.number(OPT_PMTU_R_FLAG, off + 3, 1, v & 1);
        return 4;
      }
      case TPF:
        invalidLength(t, off, len != 4, "TPF: Invalid Length (" + len + " bytes)");
        t.uint(OPT_TPF_INFORMATION, off, 4);
        return 4;
      case HOME_ADDRESS:
        invalidLength(t, off, len != 16, "Home Address: Invalid length (" + len + " bytes)");
        t.bytes(OPT_MIPV6_HOME_ADDRESS, off, 16);
        return 16;
      case ILNP_NONCE:
        t.bytes(OPT_ILNP_NONCE, off, len);
        return len;
      case 0x1e: case 0x3e: case 0x5e: case 0x7e: case 0x9e: case 0xbe: case 0xde: case 0xfe:
        // RFC 4727 experimental option types.
        t.bytes(OPT_EXPERIMENTAL, off, len);
        return len;
      default:
        t.bytes(OPT_UNKNOWN, off, len);
        t.enter();
        TreeExperts.emit(t, OPT_UNKNOWN_DATA_EXPERT, off, null);
        t.exit();
        return len;
    }
  }

  /** The invalid-length note Wireshark attaches to an option's length field. */
  private static void invalidLength(Tree t, int off, boolean invalid, String text) {
    if (invalid) {
      TreeExperts.emit(t, OPT_INVALID_LEN, off - 1, text);
    }
  }
}

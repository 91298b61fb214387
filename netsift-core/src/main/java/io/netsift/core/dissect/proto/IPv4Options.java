package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.IPv4Dissector.*;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Strings;
import io.netsift.core.field.Field;
import java.util.Map;

/**
 * The IPv4 options walker (RFC 791 section 3.1; Router Alert RFC 2113, Traceroute RFC 1393,
 * MTU probe/reply RFC 1063, Quick-Start RFC 4782, Selective Directed Broadcast RFC 1770,
 * Security RFC 791/RFC 1108). Mirrors packet-ip.c's {@code dissect_ip_options}: every option is
 * a subtree headed by an {@code ip.options.*} item, with its type bits, length and data; a
 * length that does not fit ends the walk with an expert note, as in tshark.
 *
 * <pre>
 * +--------+--------+--------+---...
 * |  type  | length |  data (length - 2 bytes)     type 0 (EOL) and 1 (NOP) are one byte
 * +--------+--------+--------+---...
 *  C CL NUMBER: copy flag, class, number
 * </pre>
 */
final class IPv4Options {
  static final Map<Long, String> NUMBER_NAMES = ValueNames.parse(
      """
      0=End of Option List (EOL)|1=No-Operation (NOP)|2=Security|3=Loose source route|4=Time stamp|
      5=Extended security|6=Commercial IP security option|7=Record route|8=Stream identifier|
      9=Strict source route|10=Experimental Measurement|11=MTU probe|12=MTU Reply|
      13=Experimental Flow Control|14=Experimental Access Control|15=Ask Estrin|
      16=IMI Traffic Descriptor|17=Extended Internet Protocol|18=Traceroute|19=Address Extension|
      20=Router Alert|21=Selective Directed Broadcast|22=Unassigned|23=Dynamic Packet State|
      24=Upstream Multicast Packet|25=Quick-Start|30=RFC 3692-style experiment|
      """);
  static final Map<Long, String> QS_RATES = ValueNames.parse(
      """
      0=0 bit/s|1=80 Kbit/s|2=160 Kbit/s|3=320 Kbit/s|4=640 Kbit/s|5=1.28 Mbit/s|6=2.56 Mbit/s|
      7=5.12 Mbit/s|8=10.24 Mbit/s|9=20.48 Mbit/s|10=40.96 Mbit/s|11=81.92 Mbit/s|12=163.84 Mbit/s|
      13=327.68 Mbit/s|14=655.36 Mbit/s|15=1.31072 Gbit/s|
      """);
  /** RFC 791 security levels; an 11-byte option holding one of them is RFC 791, else RFC 1108. */
  private static final Map<Long, String> RFC791_LEVELS = ValueNames.parse(
      "0x0000=Unclassified|0xf135=Confidential|0x789a=EFTO|0xbc4d=MMMM|0x5e26=PROG|0xaf13=Restricted|"
          + "0xd788=Secret|0x6bc5=Top secret|0x35e2=Reserved|0x9af1=Reserved|0x4d78=Reserved|0x24bd=Reserved|"
          + "0x135e=Reserved|0x89af=Reserved|0xc4d6=Reserved|0xe26b=Reserved");

  private static final int EOL = 0;
  private static final int NOP = 1;
  private static final int SEC = 130;
  private static final int LSRR = 131;
  private static final int TS = 68;
  private static final int ESEC = 133;
  private static final int CIPSO = 134;
  private static final int RR = 7;
  private static final int SID = 136;
  private static final int SSRR = 137;
  private static final int MTU_PROBE = 11;
  private static final int MTU_REPLY = 12;
  private static final int TRACEROUTE = 82;
  private static final int ROUTER_ALERT = 148;
  private static final int SDB = 149;
  private static final int QUICK_START = 25;
  private static final int MAX_OPTION = 40;

  private IPv4Options() {}

  /** The option's item field, or null when tshark has no dissector for the type. */
  private static Field item(int type) {
    switch (type) {
      case EOL: return OPTION_EOL;
      case NOP: return OPTION_NOP;
      case SEC: return OPTION_SECURITY;
      case LSRR: return OPTION_LOOSE_ROUTE;
      case TS: return OPTION_TIMESTAMP;
      case ESEC: return OPTION_EXT_SECURITY;
      case CIPSO: return OPTION_CIPSO;
      case RR: return OPTION_RECORD_ROUTE;
      case SID: return OPTION_SID;
      case SSRR: return OPTION_STRICT_ROUTE;
      case MTU_PROBE: return OPTION_MTU_PROBE;
      case MTU_REPLY: return OPTION_MTU_REPLY;
      case TRACEROUTE: return OPTION_TRACEROUTE;
      case ROUTER_ALERT: return OPTION_ROUTER_ALERT;
      case SDB: return OPTION_SDB;
      case QUICK_START: return OPTION_QUICK_START;
      default: return null;
    }
  }

  /** The protocol short name Wireshark appends to "Options: (n bytes)". */
  private static String shortName(int type) {
    switch (type) {
      case SEC: return "Security";
      case LSRR: return "Loose Source Route";
      case TS: return "Time Stamp";
      case ESEC: return "Extended Security";
      case CIPSO: return "Commercial Security";
      case RR: return "Record Route";
      case SID: return "Stream ID";
      case SSRR: return "Strict Source Route";
      case MTU_PROBE: return "MTU Probe";
      case MTU_REPLY: return "MTU Reply";
      case TRACEROUTE: return "Traceroute";
      case ROUTER_ALERT: return "Router Alert";
      case SDB: return "Selective Directed Broadcast";
      case QUICK_START: return "Quick-Start";
      default: return "Unknown (0x" + (type < 16 ? "0" : "") + Integer.toHexString(type) + ")";
    }
  }

  /**
   * How far past the header's destination field the final destination lies: an active loose
   * or strict source route makes it the route's last address (RFC 791 section 3.1; Wireshark's
   * {@code get_dst_offset}). {@code p} is the absolute index of the options, {@code length}
   * their length; the bytes must have been captured.
   */
  static int dstOffset(byte[] b, int p, int length) {
    int off = 0;
    while (length > 0) {
      int opt = Bytes.u8(b, p + off);
      length--;
      if (opt != EOL && opt != NOP) {
        if (length == 0) {
          return 0;
        }
        int len = Bytes.u8(b, p + off + 1);
        length--;
        if (len < 2 || len - 2 > length) {
          return 0;
        }
        if (opt == SSRR || opt == LSRR) {
          int ptr = Bytes.u8(b, p + off + 2);
          if (ptr < 4 || (ptr & 3) != 0 || ptr > len) {
            return 0;
          }
          return off + 4 + (len - 4);
        }
        off += len;
        length -= len - 2;
      } else {
        off++;
      }
      if (opt == EOL) {
        return 0;
      }
    }
    return 0;
  }

  /** Emits the options subtree for the {@code length} option bytes at {@code rel}. */
  static void walk(Tree t, int rel, int length) {
    if (!t.has(rel, length)) {
      return;
    }
    t.text(rel, length, summary(t, rel, length));
    t.enter();
    int off = rel;
    int remaining = length;
    int nops = 0;
    while (remaining > 0) {
      int opt = t.u8(off);
      remaining--;
      if (opt == EOL || opt == NOP) {
        if (opt == NOP) {
          // RFC 791 allows NOPs for alignment; four in a row within a word suggests removed options.
          if (nops == 0 || off % 4 != 0) {
            if (++nops == 4) {
              TreeExperts.emit(t, IPv4Dissector.NOP, rel, null);
            }
          } else {
            nops = 0;
          }
        }
        t.object(item(opt), off, 1, opt == EOL ? OPTION_EOL.label() : OPTION_NOP.label());
        t.enter();
        type(t, off);
        t.exit();
        off++;
        if (opt == EOL) {
          break;
        }
        continue;
      }
      String name = shortName(opt);
      if (remaining == 0) {
        TreeExperts.emit(t, OPT_LEN_INVALID, off, name + " (length byte past end of options)");
        break;
      }
      int optLen = t.u8(off + 1);
      remaining--;
      if (optLen < 2) {
        TreeExperts.emit(t, OPT_LEN_INVALID, off, name + " (with too-short option length = " + optLen
            + " byte" + plural(optLen) + ")");
        break;
      }
      if (optLen - 2 > remaining) {
        TreeExperts.emit(t, OPT_LEN_INVALID, off, name + " (option length = " + optLen + " byte"
            + plural(optLen) + " says option goes past end of options)");
        break;
      }
      if (item(opt) == null) {
        t.text(off, optLen, name + " (" + optLen + " byte" + plural(optLen) + ")");
      } else {
        option(t, opt, off, optLen);
      }
      off += optLen;
      remaining -= optLen - 2;
    }
    t.exit();
  }

  /** "Options: (n bytes), Router Alert, ..." listing the options that have a dissector. */
  private static String summary(Tree t, int rel, int length) {
    StringBuilder sb = new StringBuilder("Options: (").append(length).append(" bytes)");
    int off = rel;
    int remaining = length;
    while (remaining > 0) {
      int opt = t.u8(off);
      remaining--;
      if (opt == EOL) {
        break;
      }
      if (opt == NOP) {
        off++;
        continue;
      }
      if (remaining == 0) {
        break;
      }
      int optLen = t.u8(off + 1);
      remaining--;
      if (optLen < 2 || optLen - 2 > remaining) {
        break;
      }
      if (item(opt) != null) {
        sb.append(", ").append(shortName(opt));
      }
      off += optLen;
      remaining -= optLen - 2;
    }
    return sb.toString();
  }

  private static void option(Tree t, int opt, int off, int optLen) {
    switch (opt) {
      case ROUTER_ALERT: {
        int value = optLen >= 4 ? t.u16(off + 2) : 0;
        fixedHeader(t, opt, off, optLen, 4, ": " + (value == 0 ? "Router shall examine packet" : "Reserved")
            + " (" + value + ")");
        inside(t, OPT_RA, off, optLen, 2, 2);
        t.exit();
        break;
      }
      case SID:
        fixedHeader(t, opt, off, optLen, 4, "");
        inside(t, OPT_SID, off, optLen, 2, 2);
        t.exit();
        break;
      case MTU_PROBE:
      case MTU_REPLY:
        fixedHeader(t, opt, off, optLen, 4, "");
        inside(t, OPT_MTU, off, optLen, 2, 2);
        t.exit();
        break;
      case TRACEROUTE:
        fixedHeader(t, opt, off, optLen, 12, "");
        inside(t, OPT_ID_NUMBER, off, optLen, 2, 2);
        inside(t, OPT_OHC, off, optLen, 4, 2);
        inside(t, OPT_RHC, off, optLen, 6, 2);
        if (optLen >= 12) {
          t.bytes(OPT_ORIGINATOR, off + 8, 4);
        }
        t.exit();
        break;
      case QUICK_START:
        quickStart(t, off, optLen);
        break;
      case RR:
        varHeader(t, opt, off, optLen);
        recordRoute(t, off, optLen);
        break;
      case LSRR:
      case SSRR:
        varHeader(t, opt, off, optLen);
        sourceRoute(t, off, optLen);
        break;
      case TS:
        varHeader(t, opt, off, optLen);
        timestamp(t, off, optLen);
        break;
      case SDB:
        varHeader(t, opt, off, optLen);
        int p = off + 2;
        for (int n = optLen - 2; n >= 4; n -= 4, p += 4) {
          t.bytes(OPT_ADDR, p, 4);
        }
        if (p < off + optLen) {
          t.bytes(OPT_PADDING, p, off + optLen - p);
        }
        t.exit();
        break;
      case SEC:
        varHeader(t, opt, off, optLen);
        security(t, off, optLen);
        t.exit();
        break;
      case ESEC:
        varHeader(t, opt, off, optLen);
        if (optLen > 2) {
          t.uint(OPT_EXT_SEC_FORMAT, off + 2, 1);
        }
        if (optLen > 3) {
          t.bytes(OPT_EXT_SEC_INFO, off + 3, optLen - 3);
        }
        t.exit();
        break;
      default:
        // Commercial security (CIPSO): header and domain of interpretation only.
        varHeader(t, opt, off, optLen);
        if (optLen >= 6) {
          t.uint(CIPSO_DOI, off + 2, 4);
        }
        t.exit();
        break;
    }
  }

  /** Item, type and length of an option whose length is fixed; leaves its subtree open. */
  private static void fixedHeader(Tree t, int opt, int off, int optLen, int expected, String suffix) {
    Field item = item(opt);
    t.object(item, off, optLen, item.label() + " (" + expected + " bytes)" + suffix);
    t.enter();
    type(t, off);
    t.uint(OPT_LEN, off + 1, 1);
    if (optLen != expected) {
      t.enter();
      TreeExperts.emit(t, OPT_LEN_INVALID, off + 1, shortName(opt) + " (with option length = " + optLen
          + " byte" + plural(optLen) + "; should be " + expected + ")");
      t.exit();
    }
  }

  /** Item, type and length of a variable-length option; leaves its subtree open. */
  private static void varHeader(Tree t, int opt, int off, int optLen) {
    Field item = item(opt);
    t.object(item, off, optLen, item.label() + " (" + optLen + " bytes)");
    t.enter();
    type(t, off);
    t.uint(OPT_LEN, off + 1, 1);
    if (optLen > MAX_OPTION) {
      t.enter();
      TreeExperts.emit(t, OPT_LEN_INVALID, off + 1, null);
      t.exit();
    }
  }

  /** A field at {@code at} inside the option, emitted only when the option is long enough to hold it. */
  private static void inside(Tree t, Field f, int off, int optLen, int at, int len) {
    if (at + len <= optLen) {
      t.uint(f, off + at, len);
    }
  }

  private static void type(Tree t, int off) {
    t.uint(OPT_TYPE, off, 1);
    t.enter();
    t.uint(OPT_TYPE_COPY, off, 1);
    t.uint(OPT_TYPE_CLASS, off, 1);
    t.uint(OPT_TYPE_NUMBER, off, 1);
    t.exit();
  }

  private static void recordRoute(Tree t, int off, int optLen) {
    int ptr = t.u8(off + 2);
    t.uint(OPT_PTR, off + 2, 1);
    if (pointerBad(t, off, ptr)) {
      t.exit();
      return;
    }
    int o = 3;
    for (int n = optLen - 3; n > 0; n -= 4, o += 4) {
      if (n < 4) {
        TreeExperts.emit(t, SUBOPT_TOO_LONG, off + 2, null);
        break;
      }
      if (ptr > optLen || o + 1 < ptr) {
        route(t, off + o, REC_RT, REC_RT_HOST);
      } else {
        route(t, off + o, EMPTY_RT, EMPTY_RT_HOST);
      }
    }
    t.exit();
  }

  private static void sourceRoute(Tree t, int off, int optLen) {
    int ptr = t.u8(off + 2);
    t.uint(OPT_PTR, off + 2, 1);
    if (pointerBad(t, off, ptr)) {
      t.exit();
      return;
    }
    int o = 3;
    for (int n = optLen - 3; n > 0; n -= 4, o += 4) {
      if (n < 4) {
        TreeExperts.emit(t, SUBOPT_TOO_LONG, off + 2, null);
        break;
      }
      if (ptr > optLen) {
        route(t, off + o, REC_RT, REC_RT_HOST);
      } else if (o == optLen - 4) {
        // The last slot is the final destination while the route is in use.
        IPv4Dissector.address(t, off + o, DST, DST_HOST);
      } else if (o + 1 < ptr) {
        route(t, off + o, REC_RT, REC_RT_HOST);
      } else {
        route(t, off + o, SRC_RT, SRC_RT_HOST);
      }
    }
    t.exit();
  }

  /** RFC 791: the pointer is 1-based and must point at the start of an address slot. */
  private static boolean pointerBad(Tree t, int off, int ptr) {
    if (ptr < 4) {
      t.enter();
      TreeExperts.emit(t, OPT_PTR_BEFORE, off + 2, null);
      t.exit();
      return true;
    }
    if ((ptr & 3) != 0) {
      t.enter();
      TreeExperts.emit(t, OPT_PTR_MIDDLE, off + 2, null);
      t.exit();
      return true;
    }
    return false;
  }

  private static void route(Tree t, int rel, Field addr, Field host) {
    t.bytes(addr, rel, 4);
    IPv4Dissector.hostName(t, host, rel);
  }

  private static void timestamp(Tree t, int off, int optLen) {
    t.uint(OPT_PTR, off + 2, 1);
    int flag = t.u8(off + 3) & 0x0f;
    t.uint(OPT_OVERFLOW, off + 3, 1);
    t.uint(OPT_FLAG, off + 3, 1);
    int o = 4;
    int n = optLen - 4;
    while (n > 0) {
      if (flag == 1 || flag == 3) {
        if (n < 8) {
          TreeExperts.emit(t, SUBOPT_TOO_LONG, off + o, null);
          break;
        }
        t.bytes(OPT_TIME_STAMP_ADDR, off + o, 4);
        t.uint(OPT_TIME_STAMP, off + o + 4, 4);
        o += 8;
        n -= 8;
      } else {
        if (n < 4) {
          TreeExperts.emit(t, SUBOPT_TOO_LONG, off + o, null);
          break;
        }
        t.uint(OPT_TIME_STAMP, off + o, 4);
        o += 4;
        n -= 4;
      }
    }
    t.exit();
  }

  private static void quickStart(Tree t, int off, int optLen) {
    int command = optLen > 2 ? t.u8(off + 2) : 0;
    int function = command >> 4;
    String rate = QS_RATES.get((long) (command & 0x0f));
    StringBuilder suffix = new StringBuilder(": ")
        .append(function == 0 ? "Rate request" : function == 8 ? "Rate report" : "Unknown")
        .append(" (").append(function).append(')');
    int ttlDiff = 0;
    if (function == 0 && optLen >= 4) {
      int qsTtl = t.u8(off + 3);
      ttlDiff = (t.u8(8) - qsTtl) & 0xff; // the IP header's TTL
      suffix.append(", ").append(rate).append(", QS TTL ").append(qsTtl).append(", QS TTL diff ").append(ttlDiff);
    } else if (function == 8) {
      suffix.append(", ").append(rate);
    }
    fixedHeader(t, QUICK_START, off, optLen, 8, suffix.toString());
    t.uint(OPT_QS_FUNC, off + 2, 1);
    if (function == 0) {
      t.uint(OPT_QS_RATE, off + 2, 1);
      t.uint(OPT_QS_TTL, off + 3, 1);
      t.number(OPT_QS_TTL_DIFF, off + 3, 1, ttlDiff);
      t.uint(OPT_QS_NONCE, off + 4, 4);
      t.uint(OPT_QS_RESERVED, off + 4, 4);
    } else if (function == 8) {
      t.uint(OPT_QS_RATE, off + 2, 1);
      t.uint(OPT_QS_UNUSED, off + 3, 1);
      t.uint(OPT_QS_NONCE, off + 4, 4);
      t.uint(OPT_QS_RESERVED, off + 4, 4);
    }
    t.exit();
  }

  /** RFC 791 form for an 11-byte option with a known level, else RFC 1108 (level and authority flags). */
  private static void security(Tree t, int off, int optLen) {
    if (optLen == 11 && RFC791_LEVELS.containsKey((long) t.u16(off + 2))) {
      t.uint(OPT_SEC_RFC791_SEC, off + 2, 2);
      t.uint(OPT_SEC_RFC791_COMP, off + 4, 2);
      text(t, OPT_SEC_RFC791_HR, off + 6, 2);
      text(t, OPT_SEC_RFC791_TCC, off + 8, 3);
      return;
    }
    if (optLen > 2) {
      t.uint(OPT_SEC_CL, off + 2, 1);
    }
    int o = 3;
    int flags = 1;
    boolean first = true;
    while (o < optLen && (flags & 1) != 0) {
      flags = t.u8(off + o);
      t.uint(OPT_SEC_PROT_AUTH_FLAGS, off + o, 1);
      t.enter();
      if (first) {
        t.uint(OPT_SEC_GENSER, off + o, 1);
        t.uint(OPT_SEC_SIOP_ESI, off + o, 1);
        t.uint(OPT_SEC_SCI, off + o, 1);
        t.uint(OPT_SEC_NSA, off + o, 1);
        t.uint(OPT_SEC_DOE, off + o, 1);
        t.uint(OPT_SEC_UNASSIGNED, off + o, 1);
      }
      t.uint(OPT_SEC_FTI, off + o, 1);
      t.exit();
      first = false;
      o++;
    }
  }

  private static void text(Tree t, Field f, int rel, int len) {
    if (t.has(rel, len)) {
      t.object(f, rel, len, Strings.printable(t.data(), t.start() + rel, len));
    }
  }

  private static String plural(int n) {
    return n == 1 ? "" : "s";
  }
}

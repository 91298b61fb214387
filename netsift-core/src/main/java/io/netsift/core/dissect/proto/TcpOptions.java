package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.TcpDissector.ACKF;
import static io.netsift.core.dissect.proto.TcpDissector.SYN;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/**
 * The TCP option list (<a href="https://www.iana.org/assignments/tcp-parameters">IANA TCP
 * parameters</a>): one walk over the kind/length records, used three ways — by the first pass
 * for the state options carry (window scale) and the expert notes, by the field walker, and by
 * the Info column. Malformed lists end the walk the way tshark's does: a missing length byte, a
 * length under 2 or one running past the header stop it with a note; EOL stops it only when
 * non-zero padding follows.
 *
 * <pre>
 * +--------+--------+---------...
 * |  Kind  | Length |  Value (Length - 2 bytes)      (Kind 0 = EOL and 1 = NOP are one byte)
 * +--------+--------+---------...
 * </pre>
 */
final class TcpOptions {
  static final int EOL = 0;
  static final int NOP = 1;
  static final int MSS = 2;
  static final int WSCALE = 3;
  static final int SACK_PERM = 4;
  static final int SACK = 5;
  static final int ECHO = 6;
  static final int ECHOREPLY = 7;
  static final int TIMESTAMP = 8;
  static final int CC = 11;
  static final int CCNEW = 12;
  static final int CCECHO = 13;
  static final int MD5 = 19;
  static final int USER_TO = 28;
  static final int TFO = 34;
  static final int EXP_FD = 253;
  static final int EXP_FE = 254;
  /** The experiment identifier of TCP Fast Open before it had a kind (RFC 7413 section 4.1.1). */
  private static final int EXID_TFO = 0xf989;
  /** RFC 7323 section 2.3: shifts above 14 are treated as 14. */
  private static final int MAX_SHIFT = 14;

  private static final String[] KIND_NAMES = new String[256];
  private static final String[] OPTION_NAMES = new String[256];

  static {
    String[] kinds = {
        "End of Option List", "No-Operation", "Maximum Segment Size", "Window Scale", "SACK Permitted",
        "SACK", "Echo", "Echo Reply", "Time Stamp Option", "Partial Order Connection Permitted",
        "Partial Order Service Profile", "CC", "CC.NEW", "CC.ECHO", "TCP Alternate Checksum Request",
        "TCP Alternate Checksum Data", "Skeeter", "Bubba", "Trailer Checksum Option", "MD5 Signature Option",
        "SCPS Capabilities", "Selective Negative Acknowledgements", "Record Boundaries", "Corruption experienced",
        "SNAP", "Unassigned", "TCP Compression Filter", "Quick-Start Response", "User Timeout Option",
        "The TCP Authentication Option", "Multipath TCP"};
    System.arraycopy(kinds, 0, KIND_NAMES, 0, kinds.length);
    KIND_NAMES[TFO] = "TCP Fast Open Cookie";
    KIND_NAMES[76] = "Riverbed Probe";
    KIND_NAMES[78] = "Riverbed Transparency";
    KIND_NAMES[172] = "Accurate ECN Order 0";
    KIND_NAMES[174] = "Accurate ECN Order 1";
    KIND_NAMES[EXP_FD] = "RFC3692-style Experiment 1";
    KIND_NAMES[EXP_FE] = "RFC3692-style Experiment 2";
    // Names of the option sub-protocols, which tshark's length notes quote.
    OPTION_NAMES[EOL] = "End of Option List (EOL)";
    OPTION_NAMES[NOP] = "No-Operation (NOP)";
    OPTION_NAMES[MSS] = "Maximum segment size";
    OPTION_NAMES[WSCALE] = "Window scale";
    OPTION_NAMES[SACK_PERM] = "SACK permitted";
    OPTION_NAMES[SACK] = "SACK";
    OPTION_NAMES[ECHO] = "Echo";
    OPTION_NAMES[ECHOREPLY] = "Echo reply";
    OPTION_NAMES[TIMESTAMP] = "Timestamps";
    OPTION_NAMES[CC] = "CC";
    OPTION_NAMES[CCNEW] = "CC.NEW";
    OPTION_NAMES[CCECHO] = "CC.ECHO";
    OPTION_NAMES[MD5] = "TCP MD5 signature";
    OPTION_NAMES[20] = "SCPS capabilities";
    OPTION_NAMES[21] = "Selective Negative Acknowledgment";
    OPTION_NAMES[22] = "SCPS record boundary";
    OPTION_NAMES[23] = "SCPS corruption experienced";
    OPTION_NAMES[27] = "Quick-Start";
    OPTION_NAMES[USER_TO] = "User Timeout";
    OPTION_NAMES[29] = "TCP AO";
    OPTION_NAMES[30] = "Multipath TCP";
    OPTION_NAMES[TFO] = "TCP Fast Open";
    OPTION_NAMES[76] = "Riverbed Probe";
    OPTION_NAMES[78] = "Riverbed Transparency";
    OPTION_NAMES[172] = "Accurate ECN";
    OPTION_NAMES[174] = "Accurate ECN";
    OPTION_NAMES[EXP_FD] = "Experimental";
    OPTION_NAMES[EXP_FE] = "Experimental";
  }

  private TcpOptions() {}

  /** Wireshark's label for an option kind, or null. */
  static String kindName(long kind) {
    return kind >= 0 && kind < 256 ? KIND_NAMES[(int) kind] : null;
  }

  /** Kinds tshark hands to a dissector of their own; the rest get the generic "Unknown" one. */
  private static boolean registered(int kind) {
    return OPTION_NAMES[kind] != null;
  }

  /** The options item's tree line: "Options: (20 bytes), Maximum segment size, SACK permitted, ...". */
  static String summaryLine(byte[] b, int o, int n) {
    StringBuilder sb = new StringBuilder("Options: (").append(n).append(" bytes)");
    int p = 0;
    while (p < n) {
      int kind = b[o + p] & 0xff;
      sb.append(", ").append(optionName(kind));
      if (kind == EOL || kind == NOP) {
        p++;
        continue;
      }
      int len = p + 1 < n ? b[o + p + 1] & 0xff : 0;
      if (len < 2) {
        break;
      }
      p += len;
    }
    return sb.toString();
  }

  /** An option item's tree line with its value, as tshark sums it up, for the kinds that have one. */
  static String itemLine(String label, int kind, byte[] b, int o, int n) {
    switch (kind) {
      case MSS:
        return n == 4 ? label + ": " + (((b[o + 2] & 0xff) << 8) | (b[o + 3] & 0xff)) + " bytes" : label;
      case WSCALE: {
        if (n != 3) {
          return label;
        }
        int shift = b[o + 2] & 0xff;
        return label + ": " + shift + " (multiply by " + (1L << Math.min(shift, MAX_SHIFT)) + ")";
      }
      case TIMESTAMP:
        return n == 10 ? label + ": TSval " + Bytes.u32(b, o + 2) + ", TSecr " + Bytes.u32(b, o + 6) : label;
      default:
        return label;
    }
  }

  private static String optionName(int kind) {
    String n = OPTION_NAMES[kind];
    return n != null ? n : String.format("Unknown (0x%02x)", kind);
  }

  /** Expected total length of fixed-size options, or 0 when the length varies. */
  private static int fixedLength(int kind) {
    switch (kind) {
      case MSS: return 4;
      case WSCALE: return 3;
      case SACK_PERM: return 2;
      case ECHO: case ECHOREPLY: case CC: case CCNEW: case CCECHO: return 6;
      case TIMESTAMP: return 10;
      case MD5: return 18;
      case USER_TO: return 4;
      default: return 0;
    }
  }

  // ---- first pass ----

  /**
   * Walks the options of the segment in layer {@code layer}: stores the window shift in the
   * conversation and adds the expert notes. Sets {@code st.mssSeen} and
   * {@code st.optionsComplete}; returns true when the captured bytes ended inside the options.
   */
  static boolean dissect(Dissection d, int layer, TcpDissector.State st, TcpDissector.Conversation conv,
      int fwd, int flags, long relAck) {
    byte[] b = d.data();
    int s = d.start(layer);
    int hlen = (b[s + 12] & 0xf0) >> 2;
    int end = s + hlen;
    int cap = Math.min(end, d.end(layer));
    st.mssSeen = false;
    st.optionsComplete = false;
    int nops = 0;
    int p = s + 20;
    while (p < end) {
      if (p >= cap) {
        return true;
      }
      int kind = b[p] & 0xff;
      if (kind == EOL) {
        if (nonZero(b, p + 1, cap)) {
          d.expert(layer, TcpDissector.NON_ZERO_BYTES_AFTER_EOL, p + 1, end - p - 1, null);
          return cap < end;
        }
        p++;
        continue;
      }
      if (kind == NOP) {
        // tshark counts NOPs within one 32-bit word of the header: a NOP that starts a new word
        // after earlier NOPs restarts the count (and is not counted); other options do not.
        if (nops == 0 || (p - s) % 4 != 0) {
          if (++nops == 4) {
            d.expert(layer, TcpDissector.NOP, s + 20, 0, null);
          }
        } else {
          nops = 0;
        }
        p++;
        continue;
      }
      if (kind == MSS) {
        st.mssSeen = true;
        if ((flags & SYN) == 0) {
          d.expert(layer, TcpDissector.MSS_PRESENT, p, 1, null);
        }
      }
      if (p + 1 >= end) {
        d.expert(layer, TcpDissector.OPTION_LEN_INVALID, p, 1, optionName(kind) + " (length byte past end of options)");
        return false;
      }
      if (p + 1 >= cap) {
        return true;
      }
      int len = b[p + 1] & 0xff;
      if (len < 2) {
        d.expert(layer, TcpDissector.OPTION_LEN_INVALID, p, 2,
            optionName(kind) + " (with too-short option length = " + len + (len == 1 ? " byte)" : " bytes)"));
        return false;
      }
      if (p + len > end) {
        d.expert(layer, TcpDissector.OPTION_LEN_INVALID, p, end - p, optionName(kind) + " (option length = "
            + len + (len == 1 ? " byte" : " bytes") + " says option goes past end of options)");
        return false;
      }
      int fixed = fixedLength(kind);
      if (fixed != 0 && len != fixed) {
        d.expert(layer, TcpDissector.OPTION_LEN_INVALID, p + 1, 1, "option length should be " + fixed);
      } else if (p + len > cap) {
        return true;
      } else {
        switch (kind) {
          case WSCALE: {
            int shift = b[p + 2] & 0xff;
            if (shift > MAX_SHIFT) {
              d.expert(layer, TcpDissector.WSCALE_SHIFT_INVALID, p + 2, 1, null);
              shift = MAX_SHIFT;
            }
            conv.winScale[fwd] = shift;
            break;
          }
          case SACK:
            dsack(d, layer, b, p, len, relAck, conv.baseSet[1 - fwd] ? conv.base[1 - fwd] : 0);
            break;
          case TFO:
            if (len > 2 && (flags & (SYN | ACKF)) == SYN) {
              d.expert(layer, TcpDissector.TFO_SYN, p + 2, len - 2, null);
            }
            break;
          case EXP_FD:
          case EXP_FE:
            if (len > 4 && Bytes.u16(b, p + 2) == EXID_TFO && (flags & (SYN | ACKF)) == SYN) {
              d.expert(layer, TcpDissector.TFO_SYN, p + 4, len - 4, null);
            }
            break;
          default:
            break;
        }
      }
      p += len;
    }
    st.optionsComplete = true;
    return false;
  }

  private static boolean nonZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * RFC 2883 section 4: the first block reports a duplicate when it lies at or below the
   * acknowledgment or inside the second block. Edges are compared relative, as tshark does.
   */
  private static boolean isDsack(byte[] b, int p, int len, long ack, long base) {
    if (len < 10) {
      return false;
    }
    long re0 = (Bytes.u32(b, p + 6) - base) & 0xffffffffL;
    if (seqLe(re0, ack)) {
      return true;
    }
    if (len < 18) {
      return false;
    }
    long le1 = (Bytes.u32(b, p + 10) - base) & 0xffffffffL;
    long re1 = (Bytes.u32(b, p + 14) - base) & 0xffffffffL;
    return (int) (le1 - re0) < 0 && (int) (re1 - re0) >= 0;
  }

  private static boolean seqLe(long a, long b) {
    return (int) (a - b) <= 0;
  }

  private static void dsack(Dissection d, int layer, byte[] b, int p, int len, long ack, long base) {
    if (isDsack(b, p, len, ack, base)) {
      d.expert(layer, TcpDissector.DSACK, p + 2, 8, null);
    }
  }

  // ---- fields ----

  /** Emits tcp.options and every option under it. */
  static void fields(Tree t, int hlen, int flags, long revBase, long ack) {
    t.bytes(TcpDissector.OPTIONS, 20, hlen - 20);
    t.enter();
    int p = 20;
    while (p < hlen && t.has(p, 1)) {
      int kind = t.u8(p);
      if (kind == EOL || kind == NOP) {
        t.bytes(kind == EOL ? TcpDissector.OPT_EOL : TcpDissector.OPT_NOP, p, 1);
        t.enter();
        t.uint(TcpDissector.OPTION_KIND, p, 1);
        t.exit();
        if (kind == EOL && nonZero(t, p + 1, hlen)) {
          break;
        }
        p++;
        continue;
      }
      if (p + 1 >= hlen) {
        break;
      }
      int len = t.u8(p + 1);
      if (len < 2 || p + len > hlen) {
        break;
      }
      option(t, kind, p, len, flags, revBase, ack);
      p += len;
    }
    t.exit();
  }

  private static boolean nonZero(Tree t, int from, int to) {
    for (int i = from; i < to && t.has(i, 1); i++) {
      if (t.u8(i) != 0) {
        return true;
      }
    }
    return false;
  }

  private static Field protocolField(int kind) {
    switch (kind) {
      case MSS: return TcpDissector.OPT_MSS;
      case WSCALE: return TcpDissector.OPT_WSCALE;
      case SACK_PERM: return TcpDissector.OPT_SACK_PERM;
      case SACK: return TcpDissector.OPT_SACK;
      case ECHO: return TcpDissector.OPT_ECHO;
      case ECHOREPLY: return TcpDissector.OPT_ECHOREPLY;
      case TIMESTAMP: return TcpDissector.OPT_TIMESTAMP;
      case CC: return TcpDissector.OPT_CC;
      case CCNEW: return TcpDissector.OPT_CCNEW;
      case CCECHO: return TcpDissector.OPT_CCECHO;
      case MD5: return TcpDissector.OPT_MD5;
      case USER_TO: return TcpDissector.OPT_USER_TO;
      case TFO: return TcpDissector.OPT_TFO;
      case EXP_FD: case EXP_FE: return TcpDissector.OPT_EXPERIMENTAL;
      default: return registered(kind) ? null : TcpDissector.OPT_UNKNOWN;
    }
  }

  private static void option(Tree t, int kind, int p, int len, int flags, long revBase, long ack) {
    Field item = protocolField(kind);
    if (item != null) {
      t.bytes(item, p, len);
      t.enter();
    }
    t.uint(TcpDissector.OPTION_KIND, p, 1);
    t.uint(TcpDissector.OPTION_LEN, p + 1, 1);
    int fixed = fixedLength(kind);
    if (fixed == 0 || len == fixed) {
      value(t, kind, p, len, flags, revBase, ack);
    }
    if (item != null) {
      t.exit();
    }
  }

  private static void value(Tree t, int kind, int p, int len, int flags, long revBase, long ack) {
    switch (kind) {
      case MSS:
        t.uint(TcpDissector.MSS_VAL, p + 2, 2);
        break;
      case WSCALE: {
        int shift = t.uint(TcpDissector.WSCALE_SHIFT, p + 2, 1) > MAX_SHIFT ? MAX_SHIFT : t.u8(p + 2);
        t.number(TcpDissector.WSCALE_MULTIPLIER, p + 2, 1, 1L << shift);
        break;
      }
      case SACK: {
        int blocks = 0;
        for (int q = p + 2; q + 8 <= p + len; q += 8) {
          t.number(TcpDissector.SACK_LE, q, 4, (t.u32(q) - revBase) & 0xffffffffL);
          t.number(TcpDissector.SACK_RE, q + 4, 4, (t.u32(q + 4) - revBase) & 0xffffffffL);
          blocks++;
        }
        t.number(TcpDissector.SACK_COUNT, p, 0, blocks);
        if (t.has(p, len) && isDsack(t.data(), t.start() + p, len, ack, revBase)) {
          t.number(TcpDissector.DSACK_LE, p + 2, 4, (t.u32(p + 2) - revBase) & 0xffffffffL);
          t.number(TcpDissector.DSACK_RE, p + 6, 4, (t.u32(p + 6) - revBase) & 0xffffffffL);
        }
        break;
      }
      case ECHO:
      case ECHOREPLY:
        t.uint(TcpDissector.ECHO_VALUE, p + 2, 4);
        break;
      case TIMESTAMP:
        t.uint(TcpDissector.TSVAL, p + 2, 4);
        t.uint(TcpDissector.TSECR, p + 6, 4);
        break;
      case CC:
      case CCNEW:
      case CCECHO:
        t.uint(TcpDissector.CC_VALUE, p + 2, 4);
        break;
      case MD5:
        t.bytes(TcpDissector.MD5_DIGEST, p + 2, 16);
        break;
      case USER_TO:
        t.uint(TcpDissector.USER_TO_GRANULARITY, p + 2, 2);
        t.uint(TcpDissector.USER_TO_VAL, p + 2, 2);
        break;
      case TFO:
        fastOpen(t, p, len);
        break;
      case EXP_FD:
      case EXP_FE:
        if (len >= 4) {
          t.uint(TcpDissector.EXPERIMENTAL_EXID, p + 2, 2);
          if (t.u16(p + 2) == EXID_TFO) {
            fastOpen(t, p + 2, len - 2);
          } else if (len > 4) {
            t.bytes(TcpDissector.EXPERIMENTAL_DATA, p + 4, len - 4);
          }
        }
        break;
      default:
        if (!registered(kind) && len > 2) {
          t.bytes(TcpDissector.UNKNOWN_PAYLOAD, p + 2, len - 2);
        }
        break;
    }
  }

  /** RFC 7413 section 4.1.1: a bare option asks for a cookie, a longer one carries it. */
  private static void fastOpen(Tree t, int p, int len) {
    if (len == 2) {
      t.object(TcpDissector.TFO_REQUEST, p, 2, null);
    } else if (len > 2) {
      t.bytes(TcpDissector.TFO_COOKIE, p + 2, len - 2);
    }
  }

  // ---- Info column ----

  /** Appends what tshark's option dissectors add to the Info column ("MSS=1460 WS=128 ..."). */
  static void info(Tree t, int hlen, int flags, long revBase, StringBuilder sb) {
    int p = 20;
    while (p < hlen && t.has(p, 1)) {
      int kind = t.u8(p);
      if (kind == EOL || kind == NOP) {
        if (kind == EOL && nonZero(t, p + 1, hlen)) {
          return;
        }
        p++;
        continue;
      }
      if (p + 1 >= hlen || !t.has(p + 1, 1)) {
        return;
      }
      int len = t.u8(p + 1);
      if (len < 2 || p + len > hlen || !t.has(p, len)) {
        return;
      }
      int fixed = fixedLength(kind);
      if (fixed == 0 || len == fixed) {
        infoOf(t, kind, p, len, revBase, sb);
      }
      p += len;
    }
  }

  private static void infoOf(Tree t, int kind, int p, int len, long revBase, StringBuilder sb) {
    switch (kind) {
      case MSS:
        sb.append(" MSS=").append(t.u16(p + 2));
        break;
      case WSCALE:
        sb.append(" WS=").append(1 << Math.min(t.u8(p + 2), MAX_SHIFT));
        break;
      case SACK_PERM:
        sb.append(" SACK_PERM");
        break;
      case SACK:
        for (int q = p + 2; q + 8 <= p + len; q += 8) {
          sb.append(" SLE=").append((t.u32(q) - revBase) & 0xffffffffL);
          sb.append(" SRE=").append((t.u32(q + 4) - revBase) & 0xffffffffL);
        }
        break;
      case ECHO:
      case ECHOREPLY:
        sb.append(" ECHO=").append(t.u32(p + 2));
        break;
      case TIMESTAMP:
        sb.append(" TSval=").append(t.u32(p + 2)).append(" TSecr=").append(t.u32(p + 6));
        break;
      case CC:
      case CCNEW:
      case CCECHO:
        sb.append(" CC=").append(t.u32(p + 2));
        break;
      case MD5:
        sb.append(" MD5");
        break;
      case USER_TO:
        sb.append(" USER_TO=").append(t.u16(p + 2) & 0x7fff);
        break;
      case TFO:
        sb.append(len == 2 ? " TFO=R" : " TFO=C");
        break;
      case EXP_FD:
      case EXP_FE:
        if (len >= 4) {
          int exid = t.u16(p + 2);
          if (exid == EXID_TFO) {
            sb.append(len == 4 ? " TFO=R" : " TFO=C");
          } else {
            sb.append(" ExID=").append(Integer.toHexString(exid).toUpperCase(java.util.Locale.ROOT));
          }
        }
        break;
      default:
        break;
    }
  }
}

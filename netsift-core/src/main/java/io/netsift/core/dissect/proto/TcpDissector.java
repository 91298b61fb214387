package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.LeadingFields;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Expert.Severity;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.StreamPdus;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Base;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;

/**
 * Transmission Control Protocol, <a href="https://www.rfc-editor.org/rfc/rfc9293">RFC 9293</a>
 * (flags per RFC 3168 and the AccECN draft, options per the IANA registry).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Source Port          |       Destination Port        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        Sequence Number                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Acknowledgment Number                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Data |Res|A|C|E|U|A|P|R|S|F|                               |
 * | Offset|   |E|W|C|R|C|S|S|Y|I|            Window             |
 * |       |   | |R|E|G|K|H|T|N|N|                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Checksum            |         Urgent Pointer        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Options                    |    Padding    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Stateful as tshark is by default: conversations are numbered ({@code tcp.stream}) in order of
 * first appearance, and a SYN whose sequence number differs from the conversation's initial one
 * starts a new conversation on the same ports. Sequence and acknowledgment numbers are shown
 * relative to each direction's initial sequence number (the SYN's, or one less than the first
 * segment's when the handshake was not captured), and the window is scaled by the shift each
 * direction announced. All of this is worked out in {@link #dissect} and kept as annotations,
 * so a kept packet shows the values of its own moment. The sequence analysis ({@code tcp.analysis.*}:
 * retransmissions, duplicate ACKs, RTTs and the like) is {@link TcpAnalysis}, called from
 * {@link #dissect}; reassembly is {@link TcpReassembly}.
 */
public final class TcpDissector extends Dissector implements Protocols.Registrable {
  public static final Field SRCPORT = Field.u16("tcp.srcport", "Source Port");
  public static final Field DSTPORT = Field.u16("tcp.dstport", "Destination Port");
  public static final Field PORT = Field.u16("tcp.port", "Source or Destination Port").hidden();
  public static final Field STREAM = Field.u32("tcp.stream", "Stream index");
  public static final Field SEQ = Field.u32("tcp.seq", "Sequence Number")
      .shown(v -> v + "    (relative sequence number)");
  public static final Field SEQ_RAW = Field.u32("tcp.seq_raw", "Sequence Number (raw)");
  public static final Field NXTSEQ = Field.u32("tcp.nxtseq", "Next Sequence Number")
      .shown(v -> v + "    (relative sequence number)");
  public static final Field ACK = Field.u32("tcp.ack", "Acknowledgment Number")
      .shown(v -> v + "    (relative ack number)");
  /** The same field in a segment without the ACK flag: tshark shows the number alone. */
  static final Field ACK_UNFLAGGED = Field.u32("tcp.ack", "Acknowledgment Number");
  public static final Field ACK_RAW = Field.u32("tcp.ack_raw", "Acknowledgment number (raw)");
  public static final Field HDR_LEN = Field.u8("tcp.hdr_len", "Header Length").unit(" bytes").mask(0xf0, 8).scaled(4);
  public static final Field FLAGS = Field.u16("tcp.flags", "Flags").hex().mask(0xfff, 16)
      .withoutBits().shown(TcpDissector::flagsText);
  public static final Field FLAGS_RES = flag("tcp.flags.res", "Reserved", 0xe00);
  public static final Field FLAGS_AE = flag("tcp.flags.ae", "Accurate ECN", 0x100);
  public static final Field FLAGS_CWR = flag("tcp.flags.cwr", "Congestion Window Reduced", 0x80);
  public static final Field FLAGS_ECE = flag("tcp.flags.ece", "ECN-Echo", 0x40);
  public static final Field FLAGS_URG = flag("tcp.flags.urg", "Urgent", 0x20);
  public static final Field FLAGS_ACK = flag("tcp.flags.ack", "Acknowledgment", 0x10);
  public static final Field FLAGS_PUSH = flag("tcp.flags.push", "Push", 0x8);
  public static final Field FLAGS_RESET = flag("tcp.flags.reset", "Reset", 0x4);
  public static final Field FLAGS_SYN = flag("tcp.flags.syn", "Syn", 0x2);
  public static final Field FLAGS_FIN = flag("tcp.flags.fin", "Fin", 0x1);
  public static final Field FLAGS_STR = Field.string("tcp.flags.str", "TCP Flags").generated();
  public static final Field WINDOW_SIZE_VALUE = Field.u16("tcp.window_size_value", "Window");
  public static final Field WINDOW_SIZE = Field.u32("tcp.window_size", "Calculated window size").generated();
  public static final Field WINDOW_SIZE_SCALEFACTOR =
      Field.of("tcp.window_size_scalefactor", "Window size scaling factor", FieldType.INT32).generated()
      .shown(v -> v == -1 ? "-1 (unknown)" : v == -2 ? "-2 (no window scaling used)" : Long.toString(v));
  public static final Field CHECKSUM = Field.u16("tcp.checksum", "Checksum").hex().shown(Checksums::unverifiedText);
  public static final Field CHECKSUM_STATUS = Field.u8("tcp.checksum.status", "Checksum Status")
      .base(Base.NONE).labels(Checksums::statusName);
  public static final Field LEN = Field.u32("tcp.len", "TCP Segment Len");
  public static final Field COMPLETENESS = Field.u8("tcp.completeness", "Conversation completeness")
      .shown(TcpDissector::completenessText).blurb("The completeness of the conversation capture");
  public static final Field URGENT_POINTER = Field.u16("tcp.urgent_pointer", "Urgent Pointer");
  public static final Field OPTION_KIND = Field.u8("tcp.option_kind", "Kind").labels(TcpOptions::kindName);
  public static final Field OPTION_LEN = Field.u8("tcp.option_len", "Length");
  public static final Field OPTIONS = Field.bytes("tcp.options", "TCP Options").line(TcpOptions::summaryLine);
  public static final Field MSS_VAL = Field.u16("tcp.options.mss_val", "MSS Value");
  public static final Field WSCALE_SHIFT = Field.u8("tcp.options.wscale.shift", "Shift count");
  public static final Field WSCALE_MULTIPLIER = Field.u16("tcp.options.wscale.multiplier", "Multiplier").generated();
  public static final Field EXPERIMENTAL_DATA = Field.bytes("tcp.options.experimental.data", "Data");
  public static final Field EXPERIMENTAL_EXID =
      Field.u16("tcp.options.experimental.exid", "Experiment Identifier").hex();
  public static final Field UNKNOWN_PAYLOAD = Field.bytes("tcp.options.unknown.payload", "Payload");
  public static final Field SACK_LE = Field.u32("tcp.options.sack_le", "TCP SACK Left Edge");
  public static final Field SACK_RE = Field.u32("tcp.options.sack_re", "TCP SACK Right Edge");
  public static final Field SACK_COUNT = Field.u8("tcp.options.sack.count", "TCP SACK Count");
  public static final Field DSACK_LE = Field.u32("tcp.options.sack.dsack_le", "TCP D-SACK Left Edge");
  public static final Field DSACK_RE = Field.u32("tcp.options.sack.dsack_re", "TCP D-SACK Right Edge");
  public static final Field ECHO_VALUE = Field.u32("tcp.options.echo_value", "TCP Echo Option");
  public static final Field TSVAL = Field.u32("tcp.options.timestamp.tsval", "Timestamp value");
  public static final Field TSECR = Field.u32("tcp.options.timestamp.tsecr", "Timestamp echo reply");
  public static final Field CC_VALUE = Field.u32("tcp.options.cc_value", "TCP CC Option");
  public static final Field MD5_DIGEST = Field.bytes("tcp.options.md5.digest", "MD5 digest");
  public static final Field USER_TO_GRANULARITY = Field.bool("tcp.options.user_to_granularity", "Granularity")
      .mask(0x8000, 16).states("Minutes", "Seconds");
  public static final Field USER_TO_VAL = Field.u16("tcp.options.user_to_val", "User Timeout").mask(0x7fff, 16);
  public static final Field TFO_REQUEST = Field.none("tcp.options.tfo.request", "Fast Open Cookie Request");
  public static final Field TFO_COOKIE = Field.bytes("tcp.options.tfo.cookie", "Fast Open Cookie");
  public static final Field TIME_RELATIVE = Field.of("tcp.time_relative", "Time since first frame in this TCP stream",
      FieldType.RELATIVE_TIME);
  public static final Field TIME_DELTA = Field.of("tcp.time_delta", "Time since previous frame in this TCP stream",
      FieldType.RELATIVE_TIME);
  public static final Field PAYLOAD = Field.bytes("tcp.payload", "TCP payload")
      .line(Transport.payloadLine("TCP"));
  public static final Field RESET_CAUSE = Field.string("tcp.reset_cause", "Reset cause");
  public static final Field REASSEMBLED_IN = Field.frameNum("tcp.reassembled_in", "Reassembled PDU in frame");
  public static final Field SEGMENTS = Field.none("tcp.segments", "Reassembled TCP Segments");
  public static final Field SEGMENT = Field.frameNum("tcp.segment", "TCP Segment");
  public static final Field SEGMENT_COUNT = Field.u32("tcp.segment.count", "Segment count");
  public static final Field REASSEMBLED_LENGTH = Field.u32("tcp.reassembled.length", "Reassembled TCP length");
  public static final Field REASSEMBLED_DATA = Field.bytes("tcp.reassembled.data", "Reassembled TCP Data");

  // The options are sub-protocols in Wireshark (FT_PROTOCOL items holding the option's bytes).
  public static final Field OPT_NOP = option("tcp.options.nop", "No-Operation (NOP)");
  public static final Field OPT_EOL = option("tcp.options.eol", "End of Option List (EOL)");
  public static final Field OPT_TIMESTAMP = option("tcp.options.timestamp", "Timestamps")
      .line((b, o, n) -> TcpOptions.itemLine("TCP Option - Timestamps", TcpOptions.TIMESTAMP, b, o, n));
  public static final Field OPT_MSS = option("tcp.options.mss", "Maximum segment size")
      .line((b, o, n) -> TcpOptions.itemLine("TCP Option - Maximum segment size", TcpOptions.MSS, b, o, n));
  public static final Field OPT_WSCALE = option("tcp.options.wscale", "Window scale")
      .line((b, o, n) -> TcpOptions.itemLine("TCP Option - Window scale", TcpOptions.WSCALE, b, o, n));
  public static final Field OPT_SACK_PERM = option("tcp.options.sack_perm", "SACK permitted");
  public static final Field OPT_SACK = option("tcp.options.sack", "SACK");
  public static final Field OPT_ECHO = option("tcp.options.echo", "Echo");
  public static final Field OPT_ECHOREPLY = option("tcp.options.echoreply", "Echo reply");
  public static final Field OPT_CC = option("tcp.options.cc", "CC");
  public static final Field OPT_CCNEW = option("tcp.options.ccnew", "CC.NEW");
  public static final Field OPT_CCECHO = option("tcp.options.ccecho", "CC.ECHO");
  public static final Field OPT_MD5 = option("tcp.options.md5", "TCP MD5 signature");
  public static final Field OPT_USER_TO = option("tcp.options.user_to", "User Timeout");
  public static final Field OPT_TFO = option("tcp.options.tfo", "TCP Fast Open");
  public static final Field OPT_EXPERIMENTAL = option("tcp.options.experimental", "Experimental");
  public static final Field OPT_UNKNOWN = option("tcp.options.unknown", "Unknown");

  static final Expert OPTION_LEN_INVALID =
      new Expert("tcp.option.len.invalid", Severity.NOTE, "Sequence", "Invalid length for option");
  static final Expert TFO_SYN = new Expert("tcp.analysis.tfo_syn", Severity.NOTE, "Sequence", "TCP SYN with TFO Cookie");
  static final Expert FIN_ACTIVE = new Expert("tcp.connection.fin_active", Severity.NOTE, "Sequence",
      "This frame initiates the connection closing").under(FLAGS_STR);
  static final Expert FIN_PASSIVE = new Expert("tcp.connection.fin_passive", Severity.NOTE, "Sequence",
      "This frame undergoes the connection closing").under(FLAGS_STR);
  static final Expert DSACK = new Expert("tcp.options.sack.dsack", Severity.WARNING, "Sequence", "D-SACK Sequence");
  static final Expert WSCALE_SHIFT_INVALID = new Expert("tcp.options.wscale.shift.invalid", Severity.WARNING,
      "Protocol", "Window scale shift exceeds 14");
  static final Expert MSS_ABSENT = new Expert("tcp.options.mss.absent", Severity.NOTE, "Protocol",
      "The SYN packet does not contain a MSS option");
  static final Expert MSS_PRESENT = new Expert("tcp.options.mss.present", Severity.WARNING, "Protocol",
      "The non-SYN packet does contain a MSS option");
  static final Expert SHORT_SEGMENT = new Expert("tcp.short_segment", Severity.WARNING, "Malformed",
      "Short segment. Segment/fragment does not contain a full TCP header"
          + " (might be NMAP or someone else deliberately sending unusual packets)");
  static final Expert ACK_NONZERO = new Expert("tcp.ack.nonzero", Severity.NOTE, "Protocol",
      "The acknowledgment number field is nonzero while the ACK flag is not set");
  static final Expert CONNECTION_SYNACK = new Expert("tcp.connection.synack", Severity.CHAT, "Sequence",
      "Connection establish acknowledge (SYN+ACK)").under(FLAGS_SYN);
  static final Expert CONNECTION_SYN = new Expert("tcp.connection.syn", Severity.CHAT, "Sequence",
      "Connection establish request (SYN)").under(FLAGS_SYN);
  static final Expert CONNECTION_FIN = new Expert("tcp.connection.fin", Severity.CHAT, "Sequence",
      "Connection finish (FIN)").under(FLAGS_FIN);
  static final Expert CONNECTION_RST = new Expert("tcp.connection.rst", Severity.WARNING, "Sequence",
      "Connection reset (RST)").under(FLAGS_RESET);
  static final Expert URGENT_POINTER_NON_ZERO = new Expert("tcp.urgent_pointer.non_zero", Severity.NOTE,
      "Protocol", "The urgent pointer field is nonzero while the URG flag is not set");
  static final Expert NOP = new Expert("tcp.nop", Severity.WARNING, "Protocol",
      "4 NOP in a row - a router may have removed some options").onlyWithTree();
  static final Expert NON_ZERO_BYTES_AFTER_EOL = new Expert("tcp.non_zero_bytes_after_eol", Severity.ERROR,
      "Protocol", "Non-zero header padding");
  static final Expert BOGUS_HEADER_LENGTH = new Expert("tcp.bogus_header_length", Severity.ERROR, "Protocol",
      "Bogus TCP header length");

  static final int FIN = 0x01;
  static final int SYN = 0x02;
  static final int RST = 0x04;
  static final int ACKF = 0x10;
  static final int URG = 0x20;
  private static final int HEADER = 20;
  /** The fields tshark reads before it adds anything stateful: ports, numbers, flags, window. */
  private static final int FIXED_READS = 16;

  // Annotations: what the first pass worked out for this segment.
  private static final int A_STREAM = 0;
  private static final int A_SEQ = 1;
  private static final int A_ACK = 2;
  private static final int A_NXTSEQ = 3;
  private static final int A_WINDOW = 4;
  private static final int A_SCALE = 5;
  private static final int A_REV_BASE = 6;
  private static final int A_FLAGS = 7;
  private static final int A_SEGLEN = 8;
  private static final int A_TIME_RELATIVE = 9;
  private static final int A_TIME_DELTA = 10;
  private static final int A_COMPLETENESS = 11;
  /** The first of the sequence analysis' slots ({@link TcpAnalysis}). */
  private static final int A_ANALYSIS = 12;
  private static final int A_COUNT = A_ANALYSIS + TcpAnalysis.SLOTS;
  static final int F_HAVE_SEGLEN = 1;
  static final int F_IN_ERROR = 2;
  /** Inside an ICMPv4 error: tshark shows the sequence number right after the ports. */
  static final int F_ICMP_IP = 4;
  static final int F_SCALE_SHOWN = 8;
  static final int F_STATE = 16;
  /** The segment's bytes went into a PDU that a later segment completes. */
  static final int F_PARTIAL = 32;
  /** The segment carried only bytes already seen (not dissected further). */
  static final int F_OLD_DATA = 64;
  /** Those bytes lay inside a finished multi-segment PDU: tshark's reassembly error. */
  static final int F_REASSEMBLY_ERROR = 128;

  /** Per-capture state: conversations by address/port pair and the next stream index. */
  static final class State {
    final ConversationTable<Conversation> conversations = new ConversationTable<>();
    int streams;
    /** Option walk results of the segment being dissected (scratch, one pass is one thread). */
    boolean mssSeen;
    boolean optionsComplete;
    final TcpReassembly.Budget budget = new TcpReassembly.Budget();
    TcpReassembly.Limits limits;
    final Object[] outcome = new Object[3];
    /** {@code tcp.state_max_total}, read with the first segment. */
    long stateLimit = -1;
    /** Streams dropped to stay within {@link #stateLimit}. */
    long dropped;
    /** The one conversation of a stateless pass ({@link Protocols#isStateless()}). */
    private Conversation blank;

    Conversation blank(long now) {
      if (blank == null) {
        blank = new Conversation(-1, now);
      } else {
        blank.reset(now);
      }
      return blank;
    }

    /**
     * Makes room for one more conversation: past {@code tcp.state_max_total} (conversations
     * counted at {@link #STREAM_BYTES} each, plus the reassembly buffers' real bytes), the
     * longest-idle quarter of the streams is forgotten here and by the protocols above
     * ({@link Dissection#forgetStreams}). tshark keeps every stream; netsift trades exactness
     * for streams that resume after a long idle spell for a bounded heap.
     */
    void admit(Dissection d) {
      if (stateLimit < 0) {
        stateLimit = Math.max(0, d.protocols().longPreference("tcp.state_max_total", DEFAULT_STATE_MAX));
      }
      int n = conversations.size();
      if ((long) (n + 1) * STREAM_BYTES + budget.used <= stateLimit || n == 0) {
        return;
      }
      long cut = conversations.idlestQuarter(c -> c.touched);
      long[] streams = new long[n / 4 + 64];
      int[] m = {0};
      conversations.retain(c -> {
        if (c.touched > cut) {
          return true;
        }
        if (c.flows != null) {
          for (TcpReassembly.Flow f : c.flows) {
            if (f != null) {
              f.clear(budget);
            }
          }
        }
        if (m[0] == streams.length) {
          d.forgetStreams(streams, m[0]);
          m[0] = 0;
        }
        streams[m[0]++] = c.stream;
        dropped++;
        return false;
      });
      d.forgetStreams(streams, m[0]);
    }
  }

  /**
   * What one conversation holds on the heap besides its reassembly buffers (those count their
   * real bytes plus {@code TcpReassembly.FLOW_OVERHEAD}): the conversation and its table slot,
   * both directions' sequence analysis, a reassembly flow and the application's per-stream state.
   * With the pending buffer this errs a little above the 1.3 kB per stream measured on the
   * half-open benchmark ({@code scripts/bench/memory.sh}).
   */
  static final long STREAM_BYTES = 1024;
  /** Default of {@code tcp.state_max_total}. */
  static final long DEFAULT_STATE_MAX = 64L << 20;

  /** One TCP conversation; index 0 of the arrays is the direction from the table's first endpoint. */
  static final class Conversation {
    final int stream;
    final long[] base = new long[2];
    final boolean[] baseSet = new boolean[2];
    final int[] winScale = {-1, -1};
    final boolean[] closing = new boolean[2];
    int serverPort;
    /** What the conversation showed before the current segment (tcp.completeness bits). */
    int completeness;
    /** Whether a segment was seen: the first one counts only for its SYN. */
    boolean started;
    /** Reassembly state per direction, created when a PDU protocol is first seen. */
    TcpReassembly.Flow[] flows;
    /** Per direction, the relative sequence number after the highest byte seen, or -1. */
    final long[] highest = {-1, -1};
    /** The dissector a heuristic recognised in this stream, or null. */
    Dissector heuristic;
    /** Sequence analysis state, created with the first analysed segment. */
    TcpAnalysis.Stream analysis;
    long first;
    long previous;
    /** Number of the frame that last carried a segment of this conversation. */
    long touched;

    Conversation(int stream, long now) {
      this.stream = stream;
      this.first = now;
      this.previous = now;
    }

    /** Back to a new conversation's state (the stateless pass's scratch conversation). */
    void reset(long now) {
      base[0] = 0;
      base[1] = 0;
      baseSet[0] = false;
      baseSet[1] = false;
      winScale[0] = -1;
      winScale[1] = -1;
      closing[0] = false;
      closing[1] = false;
      serverPort = 0;
      completeness = 0;
      started = false;
      flows = null;
      highest[0] = -1;
      highest[1] = -1;
      heuristic = null;
      analysis = null;
      first = now;
      previous = now;
      touched = 0;
    }
  }

  public TcpDissector() {
    super("tcp", "Transmission Control Protocol", "TCP");
  }

  private static Field flag(String name, String label, int mask) {
    return Field.bool(name, label).mask(mask, 12).states("Set", "Not set");
  }

  private static Field option(String name, String label) {
    return Field.of(name, "TCP Option - " + label, FieldType.PROTOCOL);
  }

  /** TCP's own fields, then those of the sequence analysis ({@link TcpAnalysis}). */
  @Override
  public java.util.List<Field> declaredFields() {
    java.util.List<Field> out = super.declaredFields();
    for (java.lang.reflect.Field jf : TcpAnalysis.class.getDeclaredFields()) {
      if (!java.lang.reflect.Modifier.isStatic(jf.getModifiers())) {
        continue;
      }
      try {
        jf.setAccessible(true);
        Object o = jf.get(null);
        if (o instanceof Field) {
          out.add((Field) o);
        } else if (o instanceof Expert) {
          out.add(((Expert) o).field());
        }
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.IP_PROTO, 6, this);
  }


  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int end = d.end(layer);
    byte[] b = d.data();
    int ip = EnclosingIp.find(d, layer);
    int reported = EnclosingIp.reportedEnd(d, ip, end) - s;
    if (d.protocols().onlyLeadingFieldsOf(this)) {
      Dissector next = skim(d, layer, ip, s, end, reported);
      if (next != this) {
        return next;
      }
    }
    d.annotate(layer, A_COUNT); // zeroed by the Dissection
    d.setAnnotation(layer, A_STREAM, -1);
    d.payload(end, end);
    boolean error = EnclosingIp.inErrorPacket(d, layer);
    int marks = error ? F_IN_ERROR : 0;
    if (error && layer >= 2 && d.dissector(layer - 1).name().equals("ip")
        && d.dissector(layer - 2).name().equals("icmp")) {
      marks |= F_ICMP_IP;
    }
    d.setAnnotation(layer, A_FLAGS, marks);
    if (end - s < FIXED_READS) {
      // tshark reads the fixed fields first; missing bytes end the layer (malformed only when
      // the IP header says they should have been there).
      if (reported < FIXED_READS) {
        d.malformed(layer);
      }
      return null;
    }
    int sport = Bytes.u16(b, s);
    int dport = Bytes.u16(b, s + 2);
    long seq = Bytes.u32(b, s + 4);
    long ack = Bytes.u32(b, s + 8);
    int hlen = (b[s + 12] & 0xf0) >> 2;
    int flags = Bytes.u16(b, s + 12) & 0xfff;
    long window = Bytes.u16(b, s + 14);

    State st = d.state(this, State::new);
    long now = d.timestampNanos();
    Conversation conv;
    int fwd = 0;
    boolean reused = false;
    // A stateless pass (a split of a parallel read) keeps no conversations: no stream index,
    // relative numbers or sequence analysis, which such a pass is never asked for.
    boolean tracked = ip >= 0 && !d.protocols().isStateless();
    if (tracked) {
      conv = st.conversations.get(d, ip, sport, dport, 0);
      fwd = st.conversations.forward() ? 0 : 1;
      if (conv == null) {
        st.admit(d);
        conv = new Conversation(st.streams++, now);
        st.conversations.putLast(conv);
      } else if ((flags & (SYN | ACKF)) == SYN && conv.baseSet[fwd] && seq != conv.base[fwd]) {
        // A SYN with a new initial sequence number reuses the ports: a new conversation.
        conv = new Conversation(st.streams++, now);
        st.conversations.putLast(conv);
        reused = true;
      } else if ((flags & (SYN | ACKF)) == (SYN | ACKF) && conv.baseSet[fwd] && seq != conv.base[fwd]) {
        // tshark 4.0 keeps the conversation (and its sequence analysis) but flags the reuse.
        conv.base[fwd] = seq;
        reused = true;
      }
    } else if (ip >= 0) {
      conv = st.blank(now); // a stateless pass: one scratch conversation, reset per segment
    } else {
      conv = new Conversation(-1, now);
    }
    int rev = 1 - fwd;
    d.setAnnotation(layer, A_STREAM, conv.stream);
    d.setAnnotation(layer, A_TIME_RELATIVE, now - conv.first);
    d.setAnnotation(layer, A_TIME_DELTA, now - conv.previous);
    conv.previous = now;
    conv.touched = d.number();
    marks |= F_STATE;

    boolean haveSeglen = !error && reported >= hlen;
    if (!error && reported < hlen) {
      d.expert(layer, SHORT_SEGMENT, s, 0, null);
    }
    long relSeq = seq;
    long relAck = ack;
    if (haveSeglen) {
      marks |= F_HAVE_SEGLEN;
      int seglen = reported - hlen;
      d.setAnnotation(layer, A_SEGLEN, seglen);
      // The first segment of each direction fixes its base: the SYN's ISN, else one less than
      // the first sequence number seen (so a capture started mid-stream shows Seq=1); the
      // reverse base comes from the first acknowledgment (ack - 1).
      if (!conv.baseSet[fwd]) {
        conv.base[fwd] = (flags & SYN) != 0 ? seq : (seq - 1) & 0xffffffffL;
        conv.baseSet[fwd] = true;
      }
      if (!conv.baseSet[rev] && (flags & ACKF) != 0) {
        conv.base[rev] = (ack - 1) & 0xffffffffL;
        conv.baseSet[rev] = true;
      }
      relSeq = (seq - conv.base[fwd]) & 0xffffffffL;
      if ((flags & ACKF) != 0) {
        relAck = (ack - conv.base[rev]) & 0xffffffffL;
      }
      // RFC 7323 section 2.2: the window of a SYN is never scaled.
      if ((flags & SYN) == 0 && conv.winScale[fwd] >= 0) {
        window <<= conv.winScale[fwd];
      }
      long next = relSeq + seglen + ((flags & (SYN | FIN)) != 0 ? 1 : 0);
      d.setAnnotation(layer, A_NXTSEQ, next & 0xffffffffL);
    }
    d.setAnnotation(layer, A_SEQ, relSeq);
    d.setAnnotation(layer, A_ACK, relAck);
    d.setAnnotation(layer, A_WINDOW, window);
    d.setAnnotation(layer, A_REV_BASE, conv.baseSet[rev] ? conv.base[rev] : 0);
    if ((flags & SYN) == 0) {
      marks |= F_SCALE_SHOWN;
      int scale = conv.winScale[fwd];
      d.setAnnotation(layer, A_SCALE, scale >= 0 ? 1L << scale : scale);
    }
    d.setAnnotation(layer, A_FLAGS, marks);
    d.setAnnotation(layer, A_COMPLETENESS, conv.completeness);
    complete(conv, flags, haveSeglen ? reported - hlen : 0);
    if (haveSeglen && hlen >= HEADER && !error && tracked) {
      TcpAnalysis.analyze(d, layer, A_ANALYSIS, conv, fwd, seq, ack, reported - hlen, flags, window, reused);
    }

    if (hlen < HEADER) {
      d.expert(layer, BOGUS_HEADER_LENGTH, s + 12, 1,
          "Bogus TCP header length (" + hlen + ", must be at least " + HEADER + ")");
      return null;
    }
    // Expert notes in tree order: the acknowledgment, then the flag bits.
    if ((flags & ACKF) == 0 && ack != 0) {
      d.expert(layer, ACK_NONZERO, s + 8, 4, null);
    }
    if ((flags & RST) != 0) {
      d.expert(layer, CONNECTION_RST, s + 13, 0, null);
    }
    if ((flags & SYN) != 0) {
      if ((flags & ACKF) != 0) {
        conv.serverPort = sport;
        d.expert(layer, CONNECTION_SYNACK, s + 13, 0, ServerPortText.synAck(sport));
      } else {
        conv.serverPort = dport;
        d.expert(layer, CONNECTION_SYN, s + 13, 0, ServerPortText.syn(dport));
      }
    }
    if ((flags & FIN) != 0) {
      d.expert(layer, CONNECTION_FIN, s + 13, 0, null);
      if (!conv.closing[rev]) {
        conv.closing[fwd] = true;
        d.expert(layer, FIN_ACTIVE, s + 12, 0, null);
      } else {
        d.expert(layer, FIN_PASSIVE, s + 12, 0, null);
      }
    }
    if (end - s < HEADER) {
      if (reported < HEADER) {
        d.malformed(layer);
      }
      return null;
    }
    int urgent = Bytes.u16(b, s + 18);
    if ((flags & URG) == 0 && urgent != 0) {
      d.expert(layer, URGENT_POINTER_NON_ZERO, s + 18, 2, null);
    }
    if (hlen > HEADER) {
      boolean cut = TcpOptions.dissect(d, layer, st, conv, fwd, flags, relAck);
      if (cut) {
        if (hlen > reported) {
          d.malformed(layer);
        }
        return null;
      }
      if (st.optionsComplete) {
        if ((flags & SYN) != 0 && !st.mssSeen) {
          d.expert(layer, MSS_ABSENT, s + HEADER, hlen - HEADER, null);
        }
      }
    }
    if ((flags & SYN) != 0) {
      // Scaling only holds when both SYNs carried the option (RFC 7323 section 2.2).
      if (conv.winScale[fwd] == -1) {
        conv.winScale[fwd] = -2;
        conv.winScale[rev] = -2;
      } else if ((flags & ACKF) != 0 && conv.winScale[rev] == -2) {
        conv.winScale[fwd] = -2;
      }
    }
    // RFC 1122 section 4.2.2.12: data on a RST is a reason text, not a payload.
    boolean payload = end - s > hlen && (flags & RST) == 0;
    if (payload && haveSeglen && !error && tracked) {
      // Bytes this direction already carried (a retransmission) are not handed to the
      // application again, as tshark's sequence analysis does; a keep-alive's single old byte
      // stays data.
      long seglen = reported - hlen;
      long sent = conv.highest[fwd];
      long from = relSeq;
      TcpReassembly.Flow flow = conv.flows == null ? null : conv.flows[fwd];
      long dataSeq = (seq + ((flags & SYN) != 0 ? 1 : 0)) & 0xffffffffL;
      // A segment the analysis calls a retransmission is not handed on either, even when its
      // relative numbers look new (a SYN+ACK with another ISN moved them: KakaoTalk frame 28).
      boolean old = sent >= 0 && from + seglen <= sent ? flow == null || !flow.fillsHole(dataSeq, seglen)
          : retransmission(d, layer);
      if (seglen > 0 && old) {
        boolean keepAlive = seglen == 1 && from == sent - 1;
        int seen = F_OLD_DATA;
        if (conv.flows != null && TcpReassembly.overlapsFinished(d, layer, conv.flows[fwd], dataSeq,
            s + hlen, end - (s + hlen))) {
          seen |= F_REASSEMBLY_ERROR;
        }
        d.setAnnotation(layer, A_FLAGS, d.annotation(layer, A_FLAGS) | seen);
        // A keep-alive byte shows as data, unless the analysis calls it a (spurious)
        // retransmission or it overlaps reassembled bytes: tshark's reassembly error then ends
        // the dissection.
        boolean data = keepAlive && (seen & F_REASSEMBLY_ERROR) == 0 && !retransmission(d, layer);
        d.payload(data ? s + hlen : end, end);
        return null;
      }
      if (from + seglen > sent) {
        conv.highest[fwd] = from + seglen;
      }
    }
    Dissector next = payload ? next(d, ip, conv.serverPort, sport, dport) : null;
    if (payload && next == null) {
      // No port leads anywhere: a protocol recognised earlier in this stream, else heuristics
      // (tshark tries its heuristic sub-dissectors after the ports, and a match sticks to the
      // conversation).
      next = conv.heuristic;
      if (next == null && ip >= 0) {
        next = d.protocols().tryHeuristics(Protocols.Table.TCP_PORT, d, b, s + hlen, end - (s + hlen));
        conv.heuristic = next;
      }
    }
    int mptcp = hlen > HEADER ? MptcpDissector.firstOption(b, s, hlen, end) : -1;
    Dissector multipath = mptcp >= 0 ? d.protocols().byName("mptcp") : null;
    if (multipath != null) {
      // tshark lists "mptcp" between TCP and the payload; it takes the hand-off along.
      d.dispatchKey(!payload ? -1 : next == null ? 0 : next.id() + 1);
      d.payload(mptcp, end);
      return multipath;
    }
    if (payload) {
      d.payload(s + hlen, end);
    }
    boolean closing = (flags & FIN) != 0 && conv.flows != null && conv.flows[fwd] != null
        && conv.flows[fwd].len > 0;
    if ((next instanceof StreamPdus || closing) && !error && ip >= 0 && haveSeglen
        && end - s == reported) {
      if (st.limits == null) {
        Protocols p = d.protocols();
        st.limits = new TcpReassembly.Limits(p.booleanPreference("tcp.desegment_tcp_streams", true),
            (int) Math.min(Integer.MAX_VALUE - 16, p.longPreference("tcp.reassembly_max_pdu", 16L << 20)),
            p.longPreference("tcp.reassembly_max_total", 64L << 20));
      }
      if (st.limits.enabled) {
        if (conv.flows == null) {
          conv.flows = new TcpReassembly.Flow[2];
        }
        if (conv.flows[fwd] == null) {
          conv.flows[fwd] = new TcpReassembly.Flow();
        }
        TcpReassembly.Flow flow = conv.flows[fwd];
        if (next == null) {
          next = flow.pdu;
        }
        if (next instanceof StreamPdus) {
          flow.pdu = next;
          st.outcome[0] = null;
          st.outcome[1] = null;
          st.outcome[2] = null;
          long dataSeq = (seq + ((flags & SYN) != 0 ? 1 : 0)) & 0xffffffffL;
          int from = payload ? s + hlen : end;
          d.headerEnd(layer, s + hlen);
          Dissector app = TcpReassembly.segment(d, layer, flow, st.budget, st.limits, next, dataSeq,
              from, end, (flags & FIN) != 0, st.outcome);
          if (app == null) {
            int outcome = (Integer) st.outcome[0];
            if (outcome == TcpReassembly.PARTIAL) {
              d.setAnnotation(layer, A_FLAGS, d.annotation(layer, A_FLAGS) | F_PARTIAL);
              // In a second pass tshark knows where the PDU ends and does not call the
              // protocol on its first segments again, so TCP's own Info stays.
              if (st.outcome[1] != null && !d.secondPass()) {
                d.attach(layer, st.outcome[1]);
              }
              StreamPdus sp = (StreamPdus) next;
              if ((sp.layerForPartial() || sp.layerWhereCalled() && st.outcome[2] != null) && !d.secondPass()) {
                return next; // an empty layer: the payload range is already empty
              }
            }
          }
          return app;
        }
      }
    }
    return next;
  }

  /** Whether TCP analysis called this segment a (spurious) retransmission. */
  static boolean retransmission(Dissection d, int layer) {
    return TcpAnalysis.retransmission(d, layer, A_ANALYSIS);
  }

  /** The server port's dissector (known from the handshake), else the lower port's, else the higher's. */
  private static Dissector next(Dissection d, int ip, int server, int sport, int dport) {
    Protocols p = d.protocols();
    // A conversation announced by an earlier packet (an FTP data connection) comes first.
    Dissector announced = Transport.announced(d, Protocols.Table.TCP_PORT, ip, sport, dport);
    if (announced != null) {
      return announced;
    }
    Dissector next = server == 0 ? null : p.lookup(Protocols.Table.TCP_PORT, server);
    int low = Math.min(sport, dport);
    int high = Math.max(sport, dport);
    if (next == null && low != 0) {
      next = p.lookup(Protocols.Table.TCP_PORT, low);
    }
    if (next == null && high != 0) {
      next = p.lookup(Protocols.Table.TCP_PORT, high);
    }
    return next;
  }

  /**
   * A stateless pass that reads only the ports of TCP layers: the same layer, payload and
   * hand-off as {@link #dissect} for an ordinary segment (whole header captured, not inside an
   * ICMP error, no SYN or RST, no MPTCP option, no PDU reassembly), without the flags, options,
   * notes and scratch conversation nobody reads; this dissector itself for every other segment
   * (the full dissection then runs). With
   * the whole header captured the options cannot cut the layer short, so skipping them changes
   * no layer. {@code TcpSkimTest} checks the chains against {@link #dissect} on the corpus.
   */
  private Dissector skim(Dissection d, int layer, int ip, int s, int end, int reported) {
    byte[] b = d.data();
    if (ip < 0 || end - s < HEADER || reported != end - s) {
      return this;
    }
    int hlen = (b[s + 12] & 0xf0) >> 2;
    int flags = Bytes.u16(b, s + 12) & 0xfff;
    if (hlen < HEADER || hlen > end - s || (flags & (SYN | RST)) != 0 || EnclosingIp.inErrorPacket(d, layer)
        || (hlen > HEADER && MptcpDissector.firstOption(b, s, hlen, end) >= 0)) {
      return this;
    }
    boolean payload = end - s > hlen;
    Dissector next = null;
    if (payload) {
      next = next(d, ip, 0, Bytes.u16(b, s), Bytes.u16(b, s + 2));
      if (next == null) {
        next = d.protocols().tryHeuristics(Protocols.Table.TCP_PORT, d, b, s + hlen, end - (s + hlen));
      }
      if (next instanceof StreamPdus) {
        return this;
      }
    }
    // No annotations: every one reads as 0, so fields() reports the ports and stops.
    d.payload(payload ? s + hlen : end, end);
    return next;
  }

  private static final LeadingFields LEADING = new LeadingFields()
      .uint(SRCPORT, 0, 2)
      .uint(DSTPORT, 2, 2)
      .uint(PORT, 0, 2)
      .uint(PORT, 2, 2);

  @Override
  public LeadingFields leadingLayout() {
    return LEADING;
  }

  /**
   * Adds what a segment shows to its conversation's completeness, as tshark 4.0 does (measured
   * on the corpus: every tcp.completeness value of 12 captures): SYN 1, SYN-ACK 2, an ACK without
   * data, SYN or RST 4, data 8, FIN 16, RST 32; of the conversation's first segment only its SYN
   * counts. A segment shows the value from before it.
   */
  private static void complete(Conversation conv, int flags, int seglen) {
    int v = conv.completeness;
    if ((flags & SYN) != 0) {
      v |= (flags & ACKF) != 0 ? 2 : 1;
    }
    if (conv.started) {
      if ((flags & (ACKF | SYN | RST)) == ACKF && seglen == 0) {
        v |= 4;
      }
      if (seglen > 0) {
        v |= 8;
      }
      if ((flags & FIN) != 0) {
        v |= 16;
      }
      if ((flags & RST) != 0) {
        v |= 32;
      }
    }
    conv.started = true;
    conv.completeness = v;
  }

  /** tshark's text for a completeness value: "Incomplete, ESTABLISHED (7)", "Complete, WITH_DATA (31)". */
  private static String completenessText(long v) {
    String s;
    if (v == 1) {
      s = "Incomplete, SYN_SENT";
    } else if (v == 3) {
      s = "Incomplete, CLIENT_ESTABLISHED";
    } else if (v == 7) {
      s = "Incomplete, ESTABLISHED";
    } else if (v == 15) {
      s = "Incomplete, DATA";
    } else if ((v & 7) == 7 && (v & (16 | 32)) != 0) {
      s = (v & 8) != 0 ? "Complete, WITH_DATA" : "Complete, NO_DATA";
    } else {
      s = "Incomplete";
    }
    return s + " (" + v + ")";
  }

  /** The flags' tree text: "0x018 (PSH, ACK)", the set flags named from the lowest bit up. */
  private static String flagsText(long flags) {
    StringBuilder sb = new StringBuilder(String.format("0x%03x", flags));
    String[] names = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE"};
    String sep = " (";
    for (int i = 0; i < names.length; i++) {
      if ((flags & (1L << i)) != 0) {
        sb.append(sep).append(names[i]);
        sep = ", ";
      }
    }
    if ((flags & 0xe00) != 0) {
      sb.append(sep).append("Reserved");
      sep = ", ";
    }
    return sep.equals(", ") ? sb.append(')').toString() : sb.append(" (<None>)").toString();
  }

  @Override
  public String label(Tree t) {
    int marks = (int) t.annotation(A_FLAGS);
    if (!t.has(0, 4)) {
      return longName();
    }
    StringBuilder sb = new StringBuilder(longName()).append(", Src Port: ").append(t.u16(0))
        .append(", Dst Port: ").append(t.u16(2));
    if ((marks & F_STATE) == 0 || !t.has(0, FIXED_READS) || (marks & F_ICMP_IP) != 0) {
      return sb.toString();
    }
    sb.append(", Seq: ").append(t.annotation(A_SEQ));
    if ((t.u8(13) & 0x10) != 0) {
      sb.append(", Ack: ").append(t.annotation(A_ACK));
    }
    if ((marks & F_HAVE_SEGLEN) != 0) {
      sb.append(", Len: ").append(t.annotation(A_SEGLEN));
    }
    return sb.toString();
  }

  @Override
  public void fields(Tree t) {
    int marks = (int) t.annotation(A_FLAGS);
    boolean icmpIp = (marks & F_ICMP_IP) != 0;
    leading(t);
    if (icmpIp) {
      // Only 8 bytes of the segment are quoted in an ICMPv4 error: tshark shows the raw
      // sequence number here, before it reads on.
      t.uint(SEQ, 4, 4);
    }
    if ((marks & F_STATE) == 0 || !t.has(0, FIXED_READS)) {
      return;
    }
    t.generated(STREAM, t.annotation(A_STREAM));
    if (t.annotation(A_STREAM) >= 0) {
      t.generated(COMPLETENESS, t.annotation(A_COMPLETENESS));
    }
    boolean haveSeglen = (marks & F_HAVE_SEGLEN) != 0;
    if (haveSeglen) {
      t.generated(LEN, t.annotation(A_SEGLEN));
    }
    if (!icmpIp) {
      t.number(SEQ, 4, 4, t.annotation(A_SEQ));
      t.uint(SEQ_RAW, 4, 4);
    }
    int hlen = (t.u8(12) & 0xf0) >> 2;
    if (hlen < HEADER) {
      t.number(HDR_LEN, 12, 1, hlen);
      return;
    }
    if (haveSeglen) {
      t.generated(NXTSEQ, t.annotation(A_NXTSEQ));
    }
    t.number((t.u8(13) & ACKF) != 0 ? ACK : ACK_UNFLAGGED, 8, 4, t.annotation(A_ACK));
    t.uint(ACK_RAW, 8, 4);
    t.number(HDR_LEN, 12, 1, hlen);
    int flags = t.u16(12) & 0xfff;
    t.number(FLAGS, 12, 2, flags);
    t.enter();
    t.number(FLAGS_RES, 12, 1, FLAGS_RES.extract(flags));
    t.number(FLAGS_AE, 12, 1, FLAGS_AE.extract(flags));
    t.number(FLAGS_CWR, 13, 1, FLAGS_CWR.extract(flags));
    t.number(FLAGS_ECE, 13, 1, FLAGS_ECE.extract(flags));
    t.number(FLAGS_URG, 13, 1, FLAGS_URG.extract(flags));
    t.number(FLAGS_ACK, 13, 1, FLAGS_ACK.extract(flags));
    t.number(FLAGS_PUSH, 13, 1, FLAGS_PUSH.extract(flags));
    t.number(FLAGS_RESET, 13, 1, FLAGS_RESET.extract(flags));
    t.number(FLAGS_SYN, 13, 1, FLAGS_SYN.extract(flags));
    t.number(FLAGS_FIN, 13, 1, FLAGS_FIN.extract(flags));
    if (t.wants(FLAGS_STR)) {
      t.object(FLAGS_STR, 12, 2, flagLetters(flags));
    }
    t.exit();
    t.uint(WINDOW_SIZE_VALUE, 14, 2);
    t.number(WINDOW_SIZE, 14, 2, t.annotation(A_WINDOW));
    if ((marks & F_SCALE_SHOWN) != 0) {
      t.number(WINDOW_SIZE_SCALEFACTOR, 14, 2, t.annotation(A_SCALE));
    }
    t.uint(CHECKSUM, 16, 2);
    t.number(CHECKSUM_STATUS, 16, 0, Checksums.UNVERIFIED);
    t.uint(URGENT_POINTER, 18, 2);
    if (hlen > HEADER) {
      TcpOptions.fields(t, hlen, flags, t.annotation(A_REV_BASE), t.annotation(A_ACK));
    }
    if (t.has(0, hlen) && !t.truncated()) {
      t.generatedText(0, 0, "Timestamps");
      t.enter();
      t.generated(TIME_RELATIVE, t.annotation(A_TIME_RELATIVE));
      t.generated(TIME_DELTA, t.annotation(A_TIME_DELTA));
      t.exit();
      TcpAnalysis.fields(t, A_ANALYSIS);
    }
    if (t.has(0, hlen) && t.length() > hlen) {
      if ((flags & RST) != 0) {
        if (t.wants(RESET_CAUSE)) {
          t.object(RESET_CAUSE, hlen, t.length() - hlen,
              io.netsift.core.field.Strings.printable(t.data(), t.start() + hlen, t.length() - hlen));
        }
      } else {
        t.bytes(PAYLOAD, hlen, t.length() - hlen);
      }
    }
    if (t.attachment() instanceof Reassembled) {
      ((Reassembled) t.attachment()).report(t, "Reassembled TCP Segments", SEGMENTS, SEGMENT, SEGMENT_COUNT,
          REASSEMBLED_LENGTH, REASSEMBLED_DATA);
    }
  }

  /** tshark's one-letter picture of the 12 flag bits, {@code ·} for a clear bit. */
  static String flagLetters(int flags) {
    char[] c = new char[12];
    String letters = "RRRACEUAPRSF";
    for (int i = 0; i < 12; i++) {
      c[i] = (flags & (0x800 >> i)) != 0 ? letters.charAt(i) : '\u00b7';
    }
    return new String(c);
  }

  private static final String[] FLAG_NAMES = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE"};

  /** The Info column's flag list ("SYN, ACK"; "&lt;None&gt;" when no flag is set). */
  static void appendFlagNames(StringBuilder sb, int flags) {
    int start = sb.length();
    for (int i = 0; i < FLAG_NAMES.length; i++) {
      if ((flags & (1 << i)) != 0) {
        if (sb.length() > start) {
          sb.append(", ");
        }
        sb.append(FLAG_NAMES[i]);
      }
    }
    if ((flags & 0xe00) != 0) {
      if (sb.length() > start) {
        sb.append(", ");
      }
      sb.append("Reserved");
    }
    if (sb.length() == start) {
      sb.append("<None>");
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    Dissection d = t.dissection();
    if (!t.has(0, 4)) {
      return;
    }
    c.protocol = "TCP";
    StringBuilder info = c.info;
    info.setLength(0);
    Protocols names = t.dissection().protocols();
    names.appendPort(info, t.u16(0), true);
    info.append(" \u2192 ");
    names.appendPort(info, t.u16(2), true);
    int marks = (int) t.annotation(A_FLAGS);
    if ((marks & F_STATE) == 0) {
      return;
    }
    int flags = t.u16(12) & 0xfff;
    // tshark prepends the analysis markers behind a fence: application Info comes after them.
    TcpAnalysis.info(t, A_ANALYSIS, c.fenced);
    info.append(" [");
    appendFlagNames(info, flags);
    info.append("] Seq=").append(t.annotation(A_SEQ));
    if ((flags & ACKF) != 0) {
      info.append(" Ack=").append(t.annotation(A_ACK));
    }
    info.append(" Win=").append(t.annotation(A_WINDOW));
    int hlen = (t.u8(12) & 0xf0) >> 2;
    if (hlen < HEADER) {
      info.append(", bogus TCP header length (").append(hlen).append(", must be at least 20)");
      return;
    }
    if (!t.has(0, HEADER)) {
      return;
    }
    if ((flags & URG) != 0) {
      info.append(" Urg=").append(t.u16(18));
    }
    if ((marks & F_HAVE_SEGLEN) != 0) {
      info.append(" Len=").append(t.annotation(A_SEGLEN));
    }
    if (hlen > HEADER) {
      TcpOptions.info(t, hlen, flags, t.annotation(A_REV_BASE), info);
    }
    if ((marks & F_PARTIAL) != 0) {
      if (t.attachment() instanceof String) {
        // The protocol wrote its own Info before asking for more bytes (HTTP's first line).
        info.setLength(0);
        info.append((String) t.attachment());
      }
      if (info.length() > 0) {
        info.append(' ');
      }
      info.append("[TCP segment of a reassembled PDU]");
    }
    if ((marks & F_REASSEMBLY_ERROR) != 0) {
      // tshark appends the exception's text with no separator.
      info.append("[Reassembly error, protocol TCP: ").append(TcpReassembly.OVERLAP).append(']');
    }
  }

  private static final String[] MALFORMED_ITEM = {"_ws.malformed"};

  /**
   * A segment that overlaps reassembled data with other bytes: tshark's reassembly error is a
   * "[Reassembly error, ...]" malformed item at the top of the tree, after TCP's.
   */
  @Override
  public String[] topLevelItems(Dissection d, int layer) {
    return (d.annotation(layer, A_FLAGS) & F_REASSEMBLY_ERROR) != 0 ? MALFORMED_ITEM : NO_TOP_LEVEL_ITEMS;
  }

  /**
   * Expert texts that name the server port, made once per port so a SYN allocates nothing;
   * pages of 1024 ports are created on first use.
   */
  private static final class ServerPortText {
    private static final String[][] SYN_TEXT = new String[64][];
    private static final String[][] SYN_ACK_TEXT = new String[64][];

    static String syn(int port) {
      return text(SYN_TEXT, port, "Connection establish request (SYN): server port ");
    }

    static String synAck(int port) {
      return text(SYN_ACK_TEXT, port, "Connection establish acknowledge (SYN+ACK): server port ");
    }

    private static String text(String[][] pages, int port, String prefix) {
      String[] page = pages[port >> 10];
      if (page == null) {
        page = new String[1024];
        pages[port >> 10] = page;
      }
      String s = page[port & 1023];
      if (s == null) {
        s = prefix + port;
        page[port & 1023] = s;
      }
      return s;
    }
  }
}

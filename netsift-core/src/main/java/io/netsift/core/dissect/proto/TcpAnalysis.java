package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Expert.Severity;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import java.util.Arrays;

/**
 * TCP sequence analysis as tshark does it by default in one pass (its "Analyze TCP sequence
 * numbers" preference): per direction the next expected sequence number, the last
 * acknowledgment, the window and the segments not yet acknowledged; from them each segment
 * gets its flags (retransmission, fast retransmission, spurious retransmission, out-of-order,
 * lost segment, ACKed unseen segment, duplicate ACK, keep-alive and its ACK, window update,
 * window full, zero window, zero window probe and its ACK, reused ports), the frame it
 * acknowledges with the round-trip time, the bytes in flight and the bytes since the last PSH.
 *
 * <p>The checks and their order follow Wireshark's description of its analysis (packet-tcp.c,
 * {@code tcp_analyze_sequence_number}), on raw 32-bit sequence numbers where 0 means "not seen
 * yet", as there. {@link #analyze} runs in the TCP dissector's first pass and leaves its
 * results in {@link #SLOTS} annotations of the TCP layer, so the tree, the Info column and
 * filters read them later without any state; a segment allocates nothing unless it is added
 * to the list of unacknowledged segments of a direction and that list must grow.
 */
final class TcpAnalysis {
  // The generated items of the "[SEQ/ACK analysis]" subtree, in tshark's order.
  static final Field ANALYSIS = Field.none("tcp.analysis", "SEQ/ACK analysis").generated();
  static final Field ACKS_FRAME = Field.frameNum("tcp.analysis.acks_frame", "This is an ACK to the segment in frame");
  static final Field ACK_RTT = Field.of("tcp.analysis.ack_rtt", "The RTT to ACK the segment was",
      FieldType.RELATIVE_TIME);
  static final Field INITIAL_RTT = Field.of("tcp.analysis.initial_rtt", "iRTT", FieldType.RELATIVE_TIME);
  static final Field BYTES_IN_FLIGHT = Field.u32("tcp.analysis.bytes_in_flight", "Bytes in flight");
  static final Field PUSH_BYTES_SENT = Field.u32("tcp.analysis.push_bytes_sent", "Bytes sent since last PSH flag");
  static final Field FLAGS = Field.none("tcp.analysis.flags", "TCP Analysis Flags").generated();
  static final Field DUPLICATE_ACK_ITEM = Field.none("tcp.analysis.duplicate_ack", "Duplicate ACK");
  static final Field DUPLICATE_ACK_NUM = Field.u32("tcp.analysis.duplicate_ack_num", "Duplicate ACK #");
  static final Field DUPLICATE_ACK_FRAME = Field.frameNum("tcp.analysis.duplicate_ack_frame",
      "Duplicate to the ACK in frame");
  static final Field RTO = Field.of("tcp.analysis.rto", "The RTO for this segment was", FieldType.RELATIVE_TIME);
  static final Field RTO_FRAME = Field.frameNum("tcp.analysis.rto_frame", "RTO based on delta from frame");

  static final Expert REUSED_PORTS_E = new Expert("tcp.analysis.reused_ports", Severity.NOTE, "Sequence",
      "A new tcp session is started with the same ports as an earlier session in this trace");
  static final Expert SPURIOUS_E = new Expert("tcp.analysis.spurious_retransmission", Severity.NOTE, "Sequence",
      "This frame is a (suspected) spurious retransmission");
  static final Expert RETRANSMISSION_E = new Expert("tcp.analysis.retransmission", Severity.NOTE, "Sequence",
      "This frame is a (suspected) retransmission");
  static final Expert FAST_RETRANSMISSION_E = new Expert("tcp.analysis.fast_retransmission", Severity.NOTE,
      "Sequence", "This frame is a (suspected) fast retransmission");
  static final Expert OUT_OF_ORDER_E = new Expert("tcp.analysis.out_of_order", Severity.WARNING, "Sequence",
      "This frame is a (suspected) out-of-order segment");
  static final Expert LOST_SEGMENT_E = new Expert("tcp.analysis.lost_segment", Severity.WARNING, "Sequence",
      "Previous segment(s) not captured (common at capture start)");
  static final Expert ACK_LOST_SEGMENT_E = new Expert("tcp.analysis.ack_lost_segment", Severity.WARNING, "Sequence",
      "ACKed segment that wasn't captured (common at capture start)");
  static final Expert WINDOW_UPDATE_E = new Expert("tcp.analysis.window_update", Severity.CHAT, "Sequence",
      "TCP window update");
  static final Expert WINDOW_FULL_E = new Expert("tcp.analysis.window_full", Severity.WARNING, "Sequence",
      "TCP window specified by the receiver is now completely full");
  static final Expert KEEP_ALIVE_E = new Expert("tcp.analysis.keep_alive", Severity.NOTE, "Sequence",
      "TCP keep-alive segment");
  static final Expert KEEP_ALIVE_ACK_E = new Expert("tcp.analysis.keep_alive_ack", Severity.NOTE, "Sequence",
      "ACK to a TCP keep-alive segment");
  static final Expert DUPLICATE_ACK_E = new Expert("tcp.analysis.duplicate_ack", Severity.NOTE, "Sequence",
      "Duplicate ACK");
  static final Expert ZERO_WINDOW_PROBE_E = new Expert("tcp.analysis.zero_window_probe", Severity.NOTE, "Sequence",
      "TCP Zero Window Probe");
  static final Expert ZERO_WINDOW_E = new Expert("tcp.analysis.zero_window", Severity.WARNING, "Sequence",
      "TCP Zero Window segment");
  static final Expert ZERO_WINDOW_PROBE_ACK_E = new Expert("tcp.analysis.zero_window_probe_ack", Severity.NOTE,
      "Sequence", "ACK to a TCP Zero Window Probe");

  // Analysis flags of a segment.
  static final int RETRANSMISSION = 0x1;
  static final int LOST_PACKET = 0x2;
  static final int ACK_LOST_PACKET = 0x4;
  static final int KEEP_ALIVE = 0x8;
  static final int DUPLICATE_ACK = 0x10;
  static final int ZERO_WINDOW = 0x20;
  static final int ZERO_WINDOW_PROBE = 0x40;
  static final int ZERO_WINDOW_PROBE_ACK = 0x80;
  static final int KEEP_ALIVE_ACK = 0x100;
  static final int OUT_OF_ORDER = 0x200;
  static final int FAST_RETRANSMISSION = 0x400;
  static final int WINDOW_UPDATE = 0x800;
  static final int WINDOW_FULL = 0x1000;
  static final int REUSED_PORTS = 0x2000;
  static final int SPURIOUS_RETRANSMISSION = 0x4000;
  /** The segment has an analysis record (tshark shows the subtree only then). */
  static final int PRESENT = 1 << 30;

  // Annotation slots, from the first one TcpDissector gives the analysis.
  static final int X_FLAGS = 0;
  static final int X_ACKS_FRAME = 1;
  static final int X_ACK_RTT = 2;
  static final int X_IRTT = 3;
  static final int X_BIF = 4;
  static final int X_PUSH = 5;
  static final int X_DUP_NUM = 6;
  static final int X_DUP_FRAME = 7;
  static final int X_RTO = 8;
  static final int X_RTO_FRAME = 9;
  /**
   * Whether the analysis in the slots from {@code slot} called the segment a retransmission or a
   * spurious one; tshark does not hand those to reassembly (fast retransmissions, out-of-order
   * segments and keep-alives it does).
   */
  static boolean retransmission(Dissection d, int layer, int slot) {
    return (d.annotation(layer, slot + X_FLAGS) & (RETRANSMISSION | SPURIOUS_RETRANSMISSION)) != 0;
  }

  static final int SLOTS = 10;

  /** tshark stops listing unacknowledged segments of a direction beyond this many. */
  private static final int MAX_UNACKED = 10000;
  /** A fast retransmission follows the duplicate ACKs within 20 ms. */
  private static final long FAST_RETRANSMISSION_NANOS = 20_000_000L;
  /** Out-of-order threshold before the handshake's round-trip time is known. */
  private static final long OUT_OF_ORDER_NANOS = 3_000_000L;
  private static final long MASK = 0xffffffffL;
  private static final long[] NONE = {};
  private static final int SYN_FIN_RST = TcpDissector.SYN | TcpDissector.FIN | TcpDissector.RST;
  private static final int PSH = 0x08;

  private TcpAnalysis() {}

  /** What one direction of a conversation has shown so far (raw sequence numbers, 0 = none). */
  static final class Direction {
    long nextSeq;
    long nextSeqFrame;
    long nextSeqTime;
    long lastAck;
    long lastAckTime;
    long maxSeqToBeAcked;
    /** Duplicate ACKs in a row; -1 after an ACK from the other side was flagged past this one's gap. */
    int dupAckNum;
    long lastNonDupAck;
    /** The last (scaled) window; all ones until a segment was seen. */
    long window = MASK;
    int lastSegmentFlags;
    boolean validBytesInFlight = true;
    long pushBytesSent;
    boolean pushSetLast;
    // Segments not yet acknowledged, oldest first.
    int unacked;
    /**
     * Lowest and highest relative sequence number of those segments for {@code spanBase}, kept
     * up to date while segments are only added (a capture of one direction never shrinks the
     * list, and would otherwise rescan up to {@code MAX_UNACKED} segments per packet).
     */
    boolean spanValid;
    long spanBase;
    long spanFirst;
    long spanLast;
    // Allocated with the first segment: a direction that never sends (half-open streams) costs
    // no arrays.
    long[] segFrame = NONE;
    long[] segSeq = NONE;
    long[] segNext = NONE;
    long[] segTime = NONE;

    void add(long frame, long seq, long next, long time) {
      if (unacked == segFrame.length) {
        int n = Math.max(4, unacked * 2);
        segFrame = Arrays.copyOf(segFrame, n);
        segSeq = Arrays.copyOf(segSeq, n);
        segNext = Arrays.copyOf(segNext, n);
        segTime = Arrays.copyOf(segTime, n);
      }
      segFrame[unacked] = frame;
      segSeq[unacked] = seq;
      segNext[unacked] = next;
      segTime[unacked] = time;
      unacked++;
    }
  }

  /** The analysis state of one conversation: both directions and the handshake's timing. */
  static final class Stream {
    final Direction[] dir = {new Direction(), new Direction()};
    /** Time of the most recent SYN (without ACK), for the initial round-trip time. */
    long synTime;
    boolean synSeen;
    /** The handshake's round-trip time (SYN to the first ACK), 0 until known. */
    long firstRtt;
  }

  private static boolean gt(long a, long b) {
    return (int) (b - a) < 0;
  }

  private static boolean lt(long a, long b) {
    return (int) (a - b) < 0;
  }

  private static boolean le(long a, long b) {
    return (int) (a - b) <= 0;
  }

  /**
   * Analyses one segment (raw {@code seq}/{@code ack}, TCP payload length {@code seglen}, flag
   * bits, window already scaled) of {@code conv} travelling in direction {@code fwd}, and writes
   * the results to layer {@code layer}'s annotations from slot {@code slot}. {@code reused} says
   * the segment opened a conversation on ports an earlier one used.
   */
  static void analyze(Dissection d, int layer, int slot, TcpDissector.Conversation conv, int fwd, long seq,
      long ack, long seglen, int flags, long window, boolean reused) {
    Stream st = conv.analysis;
    if (st == null) {
      st = new Stream();
      conv.analysis = st;
    }
    long now = d.timestampNanos();
    long frame = d.number();
    // The handshake's round-trip time: the most recent SYN to the first ACK after it.
    if ((flags & (TcpDissector.SYN | TcpDissector.ACKF)) == TcpDissector.SYN) {
      st.synTime = now;
      st.synSeen = true;
    } else if ((flags & (TcpDissector.SYN | TcpDissector.ACKF)) == TcpDissector.ACKF && st.synSeen
        && st.firstRtt == 0) {
      st.firstRtt = now - st.synTime;
    }
    Direction f = st.dir[fwd];
    Direction r = st.dir[1 - fwd];
    int ta = reused ? PRESENT | REUSED_PORTS : 0;
    long dupNum = 0;
    long dupFrame = 0;
    long rto = 0;
    long rtoFrame = 0;
    boolean noSynFinRst = (flags & SYN_FIN_RST) == 0;
    if ((flags & TcpDissector.ACKF) != 0) {
      r.validBytesInFlight = true;
    }

    checks:
    {
      // A zero window probe: one byte at the next sequence number into a closed window.
      if (seglen == 1 && seq == f.nextSeq && r.window == 0) {
        ta |= PRESENT | ZERO_WINDOW_PROBE;
        break checks;
      }
      if (window == 0 && noSynFinRst) {
        ta |= PRESENT | ZERO_WINDOW;
      }
      // Beyond the next expected byte: segments before it were not captured.
      if (f.nextSeq != 0 && gt(seq, f.nextSeq) && (flags & TcpDissector.RST) == 0) {
        ta |= PRESENT | LOST_PACKET;
        f.validBytesInFlight = false;
      }
      // A keep-alive carries 0 or 1 byte and starts one byte before the next expected one.
      if (seglen <= 1 && seq == ((f.nextSeq - 1) & MASK) && noSynFinRst) {
        ta |= PRESENT | KEEP_ALIVE;
      }
      boolean sameAck = seglen == 0 && seq == f.nextSeq && ack == f.lastAck && noSynFinRst;
      if (sameAck && window != 0 && window != f.window) {
        ta |= PRESENT | WINDOW_UPDATE;
      }
      // Data that reaches exactly the right edge of the window the receiver announced.
      if (seglen > 0 && conv.winScale[1 - fwd] != -1 && noSynFinRst
          && ((seq + seglen) & MASK) == ((r.lastAck + r.window) & MASK)) {
        ta |= PRESENT | WINDOW_FULL;
      }
      if (sameAck && window != 0 && window == f.window && (r.lastSegmentFlags & KEEP_ALIVE) != 0) {
        ta |= PRESENT | KEEP_ALIVE_ACK;
        break checks;
      }
      if (seglen == 0 && window == 0 && window == f.window && seq == f.nextSeq
          && (ack == f.lastAck || ack == ((f.lastAck + 1) & MASK))
          && (r.lastSegmentFlags & ZERO_WINDOW_PROBE) != 0 && noSynFinRst) {
        ta |= PRESENT | ZERO_WINDOW_PROBE_ACK;
        // A receiver that took the probe's byte acknowledges it: the sender moved on by one.
        if (ack == ((f.lastAck + 1) & MASK)) {
          r.nextSeq = ack;
          r.maxSeqToBeAcked = ack;
        }
        break checks;
      }
      if (sameAck && window != 0 && window == f.window) {
        // After an "ACKed unseen" note the counter is -1; a duplicate ACK then counts as the first.
        f.dupAckNum = f.dupAckNum == -1 ? 1 : f.dupAckNum + 1;
        ta |= PRESENT | DUPLICATE_ACK;
        dupNum = f.dupAckNum;
        dupFrame = f.lastNonDupAck;
      }
    }
    if (ack != f.lastAck) {
      f.lastNonDupAck = frame;
      f.dupAckNum = 0;
    }
    // Acknowledging more than the other direction sent: its segments were not captured. tshark
    // 4.0 flags it when the other direction sent past its continuous edge since (the edge then
    // moves to what it sent); otherwise only while that direction's duplicate-ACK counter is 0,
    // which the flag sets to -1 until that direction acknowledges something new (so a run of
    // ACKs past the same gap gets one note). The edge test compares the raw numbers, not in
    // sequence space (found frame by frame on the corpus: bittorrent, netflix, erspan, tls2).
    if (r.maxSeqToBeAcked != 0 && gt(ack, r.maxSeqToBeAcked) && (flags & TcpDissector.ACKF) != 0) {
      ta |= PRESENT;
      if (r.maxSeqToBeAcked < r.nextSeq) {
        r.maxSeqToBeAcked = r.nextSeq;
        ta |= ACK_LOST_PACKET;
      } else {
        if (r.dupAckNum == 0) {
          ta |= ACK_LOST_PACKET;
        }
        r.dupAckNum = -1;
      }
    }
    // Data (or SYN/FIN) that does not advance the sequence: which kind of resend it is.
    if ((seglen > 0 || (flags & (TcpDissector.SYN | TcpDissector.FIN)) != 0) && (ta & KEEP_ALIVE) == 0) {
      boolean notAdvanced = f.nextSeq != 0 && lt(seq, f.nextSeq);
      long ooo = st.firstRtt == 0 ? OUT_OF_ORDER_NANOS : st.firstRtt;
      if (notAdvanced && r.dupAckNum >= 2 && r.lastAck == seq && now - r.lastAckTime < FAST_RETRANSMISSION_NANOS) {
        ta |= PRESENT | FAST_RETRANSMISSION;
      } else if (seglen > 0 && r.lastAck != 0 && le((seq + seglen) & MASK, r.lastAck)) {
        // Data the other side already acknowledged is a spurious retransmission even when it
        // comes soon enough to pass for out-of-order (tshark 4.0, zeek__pppoe-over-qinq frame 13).
        ta |= PRESENT | SPURIOUS_RETRANSMISSION;
      } else if (notAdvanced && now - f.nextSeqTime < ooo
          && f.nextSeq != ((seq + seglen + ((flags & (TcpDissector.SYN | TcpDissector.FIN)) != 0 ? 1 : 0)) & MASK)) {
        ta |= PRESENT | OUT_OF_ORDER;
      } else if (notAdvanced) {
        ta |= PRESENT | RETRANSMISSION;
        // The timeout runs from the oldest segment still unacknowledged.
        rto = f.unacked > 0 ? now - f.segTime[0] : now - f.nextSeqTime;
        rtoFrame = f.unacked > 0 ? f.segFrame[0] : f.nextSeqFrame;
      }
    }

    long next = (seq + seglen) & MASK;
    if ((seglen > 0 || (flags & (TcpDissector.SYN | TcpDissector.FIN)) != 0) && f.unacked < MAX_UNACKED) {
      if ((flags & (TcpDissector.SYN | TcpDissector.FIN)) != 0) {
        next = (next + 1) & MASK;
      }
      f.add(frame, seq, next, now);
      if (f.spanValid && f.spanBase == conv.base[fwd]) {
        long s = (seq - f.spanBase) & MASK;
        long n = (next - f.spanBase) & MASK;
        f.spanFirst = Math.min(f.spanFirst, s);
        f.spanLast = Math.max(f.spanLast, n);
      } else {
        f.spanValid = false;
      }
    }
    boolean probe = (ta & ZERO_WINDOW_PROBE) != 0;
    if ((gt(next, f.nextSeq) || f.nextSeq == 0) && !probe) {
      f.nextSeq = next;
      f.nextSeqFrame = frame;
      f.nextSeqTime = now;
    }
    if ((seq == f.maxSeqToBeAcked || f.maxSeqToBeAcked == 0) && !probe) {
      f.maxSeqToBeAcked = f.nextSeq;
    }
    f.window = window;
    f.lastAck = ack;
    f.lastAckTime = now;
    f.lastSegmentFlags = ta & ~PRESENT;

    // Segments of the other direction this acknowledges: an exact match names the frame (the
    // oldest such one, as tshark's newest-first walk ends with it) and the round-trip time; a
    // partly acknowledged segment keeps its rest; older ones go. One compacting pass.
    long acksFrame = 0;
    long ackRtt = 0;
    int kept = 0;
    for (int k = 0; k < r.unacked; k++) {
      boolean keep;
      if (ack == r.segNext[k]) {
        if (acksFrame == 0) {
          acksFrame = r.segFrame[k];
          ackRtt = now - r.segTime[k];
        }
        ta |= PRESENT;
        keep = false;
      } else if (gt(ack, r.segSeq[k]) && le(ack, r.segNext[k])) {
        r.segSeq[k] = ack;
        r.spanValid = false;
        keep = true;
      } else {
        keep = gt(r.segNext[k], ack);
      }
      if (keep) {
        if (kept != k) {
          r.segFrame[kept] = r.segFrame[k];
          r.segSeq[kept] = r.segSeq[k];
          r.segNext[kept] = r.segNext[k];
          r.segTime[kept] = r.segTime[k];
        }
        kept++;
      }
    }
    if (kept != r.unacked) {
      r.unacked = kept;
      r.spanValid = false;
    }

    long bif = 0;
    long push = 0;
    if (seglen != 0 && f.unacked > 0 && f.validBytesInFlight) {
      // The span from the lowest unacknowledged byte to the highest sent, relative to the base.
      long base = conv.base[fwd];
      if (!f.spanValid || f.spanBase != base) {
        long first = MASK;
        long last = 0;
        for (int k = 0; k < f.unacked; k++) {
          first = Math.min(first, (f.segSeq[k] - base) & MASK);
          last = Math.max(last, (f.segNext[k] - base) & MASK);
        }
        f.spanFirst = first;
        f.spanLast = last;
        f.spanBase = base;
        f.spanValid = true;
      }
      long inFlight = (f.spanLast - f.spanFirst) & MASK;
      if (inFlight > 0 && inFlight < 2_000_000_000L) {
        ta |= PRESENT;
        // A SYN or FIN occupies a sequence number but is no byte in flight.
        bif = (flags & (TcpDissector.SYN | TcpDissector.FIN)) != 0 ? inFlight - 1 : inFlight;
      }
      boolean push0 = (flags & PSH) != 0;
      if (push0 && !f.pushSetLast) {
        f.pushBytesSent += seglen;
        f.pushSetLast = true;
      } else if (push0) {
        f.pushBytesSent = seglen;
      } else if (f.pushSetLast) {
        f.pushBytesSent = seglen;
        f.pushSetLast = false;
      } else {
        f.pushBytesSent += seglen;
      }
      ta |= PRESENT;
      push = f.pushBytesSent & MASK;
    }
    if (ta == 0) {
      return;
    }
    d.setAnnotation(layer, slot + X_FLAGS, ta);
    d.setAnnotation(layer, slot + X_ACKS_FRAME, acksFrame);
    d.setAnnotation(layer, slot + X_ACK_RTT, ackRtt);
    d.setAnnotation(layer, slot + X_IRTT, st.firstRtt);
    d.setAnnotation(layer, slot + X_BIF, bif);
    d.setAnnotation(layer, slot + X_PUSH, push);
    d.setAnnotation(layer, slot + X_DUP_NUM, dupNum);
    d.setAnnotation(layer, slot + X_DUP_FRAME, dupFrame);
    d.setAnnotation(layer, slot + X_RTO, rto);
    d.setAnnotation(layer, slot + X_RTO_FRAME, rtoFrame);
  }

  /** Whether the segment got an analysis record (what {@code tcp.analysis} tests). */
  static boolean present(Dissection d, int layer, int slot) {
    return (d.annotation(layer, slot + X_FLAGS) & PRESENT) != 0;
  }

  /**
   * Emits the "[SEQ/ACK analysis]" subtree: the acknowledged frame and its round-trip time, the
   * handshake's, the bytes in flight and since the last PSH, then "[TCP Analysis Flags]" with an
   * expert note per flag, in tshark's order.
   */
  static void fields(Tree t, int slot) {
    int ta = (int) t.annotation(slot + X_FLAGS);
    if ((ta & PRESENT) == 0) {
      return;
    }
    t.generatedObject(ANALYSIS, null);
    t.enter();
    long acks = t.annotation(slot + X_ACKS_FRAME);
    if (acks != 0) {
      t.generated(ACKS_FRAME, acks);
      long rtt = t.annotation(slot + X_ACK_RTT);
      if (rtt != 0) {
        t.generated(ACK_RTT, rtt);
      }
    }
    long irtt = t.annotation(slot + X_IRTT);
    if (irtt != 0) {
      t.generated(INITIAL_RTT, irtt);
    }
    long bif = t.annotation(slot + X_BIF);
    if (bif != 0) {
      t.generated(BYTES_IN_FLIGHT, bif);
    }
    long push = t.annotation(slot + X_PUSH);
    if (push != 0) {
      t.generated(PUSH_BYTES_SENT, push);
    }
    int flags = ta & ~PRESENT;
    if (flags != 0) {
      t.generatedObject(FLAGS, null);
      t.enter();
      if ((flags & REUSED_PORTS) != 0) {
        t.expert(REUSED_PORTS_E, 0, 0, null);
      }
      if ((flags & SPURIOUS_RETRANSMISSION) != 0) {
        t.expert(SPURIOUS_E, 0, 0, null);
        t.expert(RETRANSMISSION_E, 0, 0, null);
      }
      if ((flags & RETRANSMISSION) != 0) {
        t.expert(RETRANSMISSION_E, 0, 0, null);
        long rto = t.annotation(slot + X_RTO);
        if (rto != 0) {
          t.generated(RTO, rto);
          t.generated(RTO_FRAME, t.annotation(slot + X_RTO_FRAME));
        }
      }
      if ((flags & FAST_RETRANSMISSION) != 0) {
        t.expert(FAST_RETRANSMISSION_E, 0, 0, null);
        t.expert(RETRANSMISSION_E, 0, 0, null);
      }
      if ((flags & OUT_OF_ORDER) != 0) {
        t.expert(OUT_OF_ORDER_E, 0, 0, null);
      }
      if ((flags & LOST_PACKET) != 0) {
        t.expert(LOST_SEGMENT_E, 0, 0, null);
      }
      if ((flags & ACK_LOST_PACKET) != 0) {
        t.expert(ACK_LOST_SEGMENT_E, 0, 0, null);
      }
      if ((flags & WINDOW_UPDATE) != 0) {
        t.expert(WINDOW_UPDATE_E, 0, 0, null);
      }
      if ((flags & WINDOW_FULL) != 0) {
        t.expert(WINDOW_FULL_E, 0, 0, null);
      }
      if ((flags & KEEP_ALIVE) != 0) {
        t.expert(KEEP_ALIVE_E, 0, 0, null);
      }
      if ((flags & KEEP_ALIVE_ACK) != 0) {
        t.expert(KEEP_ALIVE_ACK_E, 0, 0, null);
      }
      if ((flags & DUPLICATE_ACK) != 0) {
        t.generatedObject(DUPLICATE_ACK_ITEM, null);
      }
      if ((flags & ZERO_WINDOW_PROBE) != 0) {
        t.expert(ZERO_WINDOW_PROBE_E, 0, 0, null);
      }
      if ((flags & ZERO_WINDOW) != 0) {
        t.expert(ZERO_WINDOW_E, 0, 0, null);
      }
      if ((flags & ZERO_WINDOW_PROBE_ACK) != 0) {
        t.expert(ZERO_WINDOW_PROBE_ACK_E, 0, 0, null);
      }
      t.exit();
      if ((flags & DUPLICATE_ACK) != 0) {
        // The number and the frame sit in the analysis subtree, the note under the frame.
        long num = t.annotation(slot + X_DUP_NUM);
        t.generated(DUPLICATE_ACK_NUM, num);
        t.generated(DUPLICATE_ACK_FRAME, t.annotation(slot + X_DUP_FRAME));
        t.enter();
        t.expert(DUPLICATE_ACK_E, 0, 0, "Duplicate ACK (#" + num + ")");
        t.exit();
      }
    }
    t.exit();
  }

  /**
   * The Info column's markers, as tshark prepends them (so the last check it prints comes
   * first), into {@code out}: "[TCP Dup ACK 12#1] " and the like.
   */
  static void info(Tree t, int slot, StringBuilder out) {
    int ta = (int) t.annotation(slot + X_FLAGS);
    if ((ta & PRESENT) == 0 || (ta & ~PRESENT) == 0) {
      return;
    }
    if ((ta & ZERO_WINDOW_PROBE_ACK) != 0) {
      out.append("[TCP ZeroWindowProbeAck] ");
    }
    if ((ta & ZERO_WINDOW) != 0) {
      out.append("[TCP ZeroWindow] ");
    }
    if ((ta & ZERO_WINDOW_PROBE) != 0) {
      out.append("[TCP ZeroWindowProbe] ");
    }
    if ((ta & DUPLICATE_ACK) != 0) {
      out.append("[TCP Dup ACK ").append(t.annotation(slot + X_DUP_FRAME)).append('#')
          .append(t.annotation(slot + X_DUP_NUM)).append("] ");
    }
    if ((ta & KEEP_ALIVE_ACK) != 0) {
      out.append("[TCP Keep-Alive ACK] ");
    }
    if ((ta & KEEP_ALIVE) != 0) {
      out.append("[TCP Keep-Alive] ");
    }
    if ((ta & WINDOW_FULL) != 0) {
      out.append("[TCP Window Full] ");
    }
    if ((ta & WINDOW_UPDATE) != 0) {
      out.append("[TCP Window Update] ");
    }
    if ((ta & ACK_LOST_PACKET) != 0) {
      out.append("[TCP ACKed unseen segment] ");
    }
    if ((ta & LOST_PACKET) != 0) {
      out.append("[TCP Previous segment not captured] ");
    }
    if ((ta & OUT_OF_ORDER) != 0) {
      out.append("[TCP Out-Of-Order] ");
    }
    if ((ta & FAST_RETRANSMISSION) != 0) {
      out.append("[TCP Fast Retransmission] ");
    }
    if ((ta & RETRANSMISSION) != 0) {
      out.append("[TCP Retransmission] ");
    }
    if ((ta & SPURIOUS_RETRANSMISSION) != 0) {
      out.append("[TCP Spurious Retransmission] ");
    }
    if ((ta & REUSED_PORTS) != 0) {
      out.append("[TCP Port numbers reused] ");
    }
  }
}

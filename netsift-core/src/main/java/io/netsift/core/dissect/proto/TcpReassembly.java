package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.StreamPdus;
import java.util.Arrays;

/**
 * Reassembles the PDUs of protocols that implement {@link StreamPdus} from TCP segments, the way
 * tshark does in its default single pass: bytes are taken in sequence order per direction; a PDU
 * complete inside one segment is dissected where it is; a PDU that spans segments is kept until
 * the segment that completes it, whose frame then carries the reassembled bytes as an added data
 * source ("Reassembled TCP") and the application layer; the earlier segments carry only TCP and
 * say "[TCP segment of a reassembled PDU]".
 *
 * <p>Retransmitted bytes (before the next expected sequence number) are not dissected again;
 * overlapping segments contribute only their new bytes; after a gap (a segment not captured) the
 * pending PDU is dropped and dissection restarts at the new segment, as tshark does when it does
 * not reassemble out of order (its default).
 *
 * <p>Memory is bounded: a PDU longer than {@link Limits#maxPdu} is not reassembled (its bytes go
 * to the dissector segment by segment), and while the buffers of all streams together hold more
 * than {@link Limits#maxTotal} bytes no new PDU is started.
 */
final class TcpReassembly {
  /** Buffer limits, from the registry's preferences. */
  static final class Limits {
    final boolean enabled;
    final int maxPdu;
    final long maxTotal;

    Limits(boolean enabled, int maxPdu, long maxTotal) {
      this.enabled = enabled;
      this.maxPdu = maxPdu;
      this.maxTotal = maxTotal;
    }
  }

  private static final long[] NO_FRAMES = {};
  /** How many PDUs that spanned segments a flow remembers for the reassembly error. */
  static final int SPANS = 8;
  private static final int[] NO_SIZES = {};

  /** Reassembly state of one direction of one stream. */
  static final class Flow {
    long nextSeq = -1;
    byte[] buf;
    int len;
    /** Length of the pending PDU once known; {@link StreamPdus#MORE} while not. */
    int need;
    long[] frames = NO_FRAMES;
    int[] sizes = NO_SIZES;
    int segs;
    /** The protocol of the pending PDU (the one the stream's port leads to). */
    Dissector pdu;
    /** Sequence number of the pending PDU's first byte. */
    long startSeq;
    /** End of a PDU that lost bytes to a gap: segments up to here are not dissected; -1 none. */
    long lostEnd = -1;
    /**
     * The latest PDUs that spanned segments, oldest first: first sequence number and end once
     * complete (-1 before), for tshark's reassembly error on a segment inside a finished one.
     */
    long[] spanStart;
    long[] spanEnd;
    int spans;
    /**
     * The bytes of the pending PDU received so far once a gap opened inside it (its length
     * known): tshark then places later and out-of-order segments by sequence number and
     * completes the PDU when the holes are filled. Null otherwise.
     */
    java.util.BitSet holes;
    /** Per segment of the pending PDU, its offset in the PDU (only while {@link #holes} is set). */
    int[] offsets = NO_SIZES;

    void startSpan(long start) {
      if (spanStart == null) {
        spanStart = new long[SPANS];
        spanEnd = new long[SPANS];
      }
      if (spans == SPANS) {
        System.arraycopy(spanStart, 1, spanStart, 0, SPANS - 1);
        System.arraycopy(spanEnd, 1, spanEnd, 0, SPANS - 1);
        spans--;
      }
      spanStart[spans] = start;
      spanEnd[spans] = -1;
      spans++;
    }

    void addSegment(long frame, int size) {
      if (segs > 0 && frames[segs - 1] == frame) {
        sizes[segs - 1] += size;
        return;
      }
      if (segs == frames.length) {
        frames = Arrays.copyOf(frames, Math.max(1, segs * 2));
        sizes = Arrays.copyOf(sizes, Math.max(1, segs * 2));
      }
      frames[segs] = frame;
      sizes[segs] = size;
      segs++;
    }

    void clear(Budget budget) {
      budget.used -= buf == null ? 0 : buf.length + FLOW_OVERHEAD;
      buf = null;
      len = 0;
      segs = 0;
      need = StreamPdus.MORE;
      holes = null;
    }

    /** Whether the pending PDU has holes and {@code [seq, seq + n)} would fill some of them. */
    boolean fillsHole(long seq, long n) {
      if (holes == null || n <= 0) {
        return false;
      }
      long off = (int) (seq - startSeq);
      long from = Math.max(0, off);
      long to = Math.min(need, off + n);
      return from < to && holes.nextClearBit((int) from) < to;
    }
  }

  /**
   * What a pending PDU costs beyond its bytes (the flow's bookkeeping and the application's
   * per-stream state), counted against the global cap so that a million half-open streams with
   * a few bytes each cannot exhaust the heap through reassembly.
   */
  static final int FLOW_OVERHEAD = 512;

  /** Bytes held in all pending buffers of one pass. */
  static final class Budget {
    long used;
  }

  /** The outcome for the TCP layer: what to show. */
  static final int NONE = 0;
  static final int PARTIAL = 1;
  static final int RETRANSMITTED = 2;

  /**
   * tshark's reassembly error for a segment that starts inside a PDU it has already reassembled
   * from several segments (a retransmission of its second or a later segment): adding bytes to a
   * finished reassembly raises it. The exception ends the TCP layer's tree, so tshark shows it
   * as a top-level item, whose note the expert tap counts under TCP.
   */
  static final String OVERLAP = "New fragment overlaps old data (retransmission?)";

  private TcpReassembly() {}

  /**
   * Feeds the payload {@code [p, q)} of segment {@code seq} of TCP layer {@code layer} to
   * {@code flow} and sets up the application layers. Returns the dissector of the first
   * application layer (its range set with {@link Dissection#payload}); further layers are queued.
   * Returns null when this segment completes no PDU; {@code outcome[0]} then says why,
   * {@code outcome[1]} carries the Info text the protocol left, if any, and {@code outcome[2]}
   * is {@link Boolean#TRUE} when tshark would have called the protocol on the segment (a PDU
   * starts here, or the pending one's length is still unknown).
   */
  static Dissector segment(Dissection d, int layer, Flow flow, Budget budget, Limits limits,
      Dissector app, long seq, int p, int q, boolean fin, Object[] outcome) {
    StreamPdus sp = (StreamPdus) app;
    byte[] b = d.data();
    int n = q - p;
    final int given = n;
    if (flow.nextSeq < 0) {
      flow.nextSeq = seq;
    }
    overlapsFinished(d, layer, flow, seq, p, n);
    int rel = (int) (seq - flow.nextSeq); // 32-bit sequence space
    if (flow.holes == null && rel > 0 && flow.len > 0 && flow.need > 0 && flow.need != StreamPdus.UNTIL_CLOSE
        && (int) (seq - flow.startSeq) < flow.need && flow.need <= limits.maxPdu
        && budget.used + flow.need <= limits.maxTotal) {
      // A gap inside a PDU of known length: keep it and place the segments by sequence number.
      flow.holes = new java.util.BitSet(flow.need);
      flow.holes.set(0, flow.len);
      flow.offsets = new int[Math.max(flow.frames.length, 1)];
      int at = 0;
      for (int i = 0; i < flow.segs; i++) {
        flow.offsets[i] = at;
        at += flow.sizes[i];
      }
      grow(flow, budget, flow.need);
    }
    long frame = d.number();
    int base = d.start(layer);
    int pRel = p - base;
    int pRel0 = pRel;
    long firstSeq;
    byte[] reassembled = null;
    int reassembledLength = 0;
    long[] segFrames = null;
    int[] segSizes = null;
    if (flow.holes != null) {
      int off = (int) (seq - flow.startSeq);
      long pduEnd = (flow.startSeq + flow.need) & 0xffffffffL;
      if (off >= flow.need) {
        // Past the end of the unfinished PDU: it cannot complete any more.
        flow.clear(budget);
        flow.nextSeq = seq;
        rel = 0;
      } else if (off + n <= 0) {
        outcome[0] = RETRANSMITTED;
        d.payload(q, q);
        return null;
      } else {
        int from = Math.max(0, off);
        int to = (int) Math.min(flow.need, (long) off + n);
        System.arraycopy(b, p + (from - off), flow.buf, from, to - from);
        flow.holes.set(from, to);
        flow.addSegment(frame, to - from);
        if (flow.offsets.length < flow.frames.length) {
          flow.offsets = Arrays.copyOf(flow.offsets, flow.frames.length);
        }
        flow.offsets[flow.segs - 1] = from;
        if ((int) (seq + n - flow.nextSeq) > 0) {
          flow.nextSeq = (seq + n) & 0xffffffffL;
        }
        boolean complete = flow.holes.nextClearBit(0) >= flow.need; // no count of every word per segment
        if (!complete && (long) off + n >= flow.need) {
          // The PDU's end came while holes remain: tshark gives the PDU up as after any gap
          // (what follows its end starts afresh), and segments that would have filled the
          // holes are old data (zeek__dce-rpc__mapi frames 167, 175; pcapplusplus__tls2 1560).
          flow.clear(budget);
          flow.lostEnd = pduEnd;
          flow.nextSeq = seq;
          rel = 0;
        } else if (!complete) {
          outcome[0] = PARTIAL;
          d.payload(q, q);
          return null;
        } else {
          // Complete: the segments in sequence order, as tshark lists them.
          Integer[] order = new Integer[flow.segs];
          for (int i = 0; i < order.length; i++) {
            order[i] = i;
          }
          Arrays.sort(order, (x, y) -> Integer.compare(flow.offsets[x], flow.offsets[y]));
          segFrames = new long[order.length];
          segSizes = new int[order.length];
          for (int i = 0; i < order.length; i++) {
            segFrames[i] = flow.frames[order[i]];
            segSizes[i] = flow.sizes[order[i]];
          }
          if (flow.spans > 0 && flow.spanStart[flow.spans - 1] == flow.startSeq) {
            flow.spanEnd[flow.spans - 1] = pduEnd;
          }
          reassembled = flow.buf;
          reassembledLength = flow.need;
          budget.used -= flow.buf.length + FLOW_OVERHEAD;
          flow.buf = null;
          flow.len = 0;
          flow.segs = 0;
          flow.need = StreamPdus.MORE;
          flow.holes = null;
          if ((int) (pduEnd - flow.nextSeq) > 0) {
            flow.nextSeq = pduEnd;
          }
          // What follows the PDU in this segment starts afresh.
          pRel += to - off;
          n = off + n > to ? (int) (off + n - to) : 0;
          pRel0 = pRel;
          firstSeq = pduEnd;
          return fresh(d, layer, flow, budget, limits, app, sp, b, frame, base, q, fin, pRel, pRel0, firstSeq, n,
              reassembled, reassembledLength, segFrames, segSizes, outcome);
        }
      }
    }
    if (rel > 0) {
      // Bytes before this segment were not captured: what is pending cannot complete. When its
      // length is known, the bytes up to its end still belong to it (tshark keeps adding them
      // to the unfinished PDU), so only what follows starts afresh.
      if (flow.len > 0 && flow.need > 0 && flow.need != StreamPdus.UNTIL_CLOSE) {
        flow.lostEnd = (flow.startSeq + flow.need) & 0xffffffffL;
      }
      flow.clear(budget);
      flow.nextSeq = seq;
      rel = 0;
    }
    if (rel < 0) {
      int skip = -rel;
      if (skip >= n) {
        outcome[0] = RETRANSMITTED;
        d.payload(q, q);
        return null;
      }
      p += skip;
      n -= skip;
    }
    if (flow.lostEnd >= 0) {
      int lost = (int) (flow.lostEnd - flow.nextSeq);
      if (lost >= n) {
        flow.nextSeq = (flow.nextSeq + n) & 0xffffffffL;
        if (lost == n) {
          flow.lostEnd = -1;
        }
        outcome[0] = PARTIAL;
        d.payload(q, q);
        return null;
      }
      if (lost > 0) {
        p += lost;
        n -= lost;
        flow.nextSeq = (flow.nextSeq + lost) & 0xffffffffL;
      }
      flow.lostEnd = -1;
    }
    firstSeq = flow.nextSeq; // sequence number of b[p]
    flow.nextSeq = (flow.nextSeq + n) & 0xffffffffL;
    pRel = p - base;
    pRel0 = pRel;
    if (flow.len > 0) {
      // Continue the pending PDU.
      int tailStart = -1;
      int tailNeed = 0;
      while (n > 0 || (fin && flow.need == StreamPdus.UNTIL_CLOSE)) {
        int take = flow.need > 0 && flow.need != StreamPdus.UNTIL_CLOSE ? Math.min(n, flow.need - flow.len) : n;
        if (flow.len + take > limits.maxPdu) {
          // Too long to keep: give up on this PDU; the rest of the segment is dissected as is.
          flow.clear(budget);
          break;
        }
        append(flow, budget, b, base + pRel, take);
        if (take > 0) {
          flow.addSegment(frame, take);
        }
        pRel += take;
        n -= take;
        if (flow.need == StreamPdus.MORE) {
          int need = sp.pduLength(d, layer, flow.buf, 0, flow.len);
          if (need == StreamPdus.NOT_MINE || need == StreamPdus.REJECT || (need <= 0 && need != StreamPdus.MORE)) {
            need = flow.len;
          }
          if (need > 0 && need != StreamPdus.UNTIL_CLOSE && need < flow.len && !sp.splitPdus()) {
            // tshark added the whole segment to the PDU ("one more segment") and hands the
            // protocol all of it: the records that follow in it belong to the reassembled
            // layer, and one left unfinished at its end starts the next PDU without another
            // call (ndpi__netflix frame 356).
            int at = need;
            while (at < flow.len) {
              int next = sp.pduLength(d, layer, flow.buf, at, flow.len - at);
              if (next == StreamPdus.MORE || next > flow.len - at) {
                tailStart = at;
                tailNeed = next;
                break;
              }
              if (next <= 0) {
                break; // not a PDU: the protocol takes the rest as it is
              }
              at += next;
            }
            need = flow.len;
          } else if (need > 0 && need != StreamPdus.UNTIL_CLOSE && need < flow.len) {
            // The PDU ended inside what was just taken: hand the surplus back.
            int surplus = flow.len - need;
            flow.len = need;
            flow.sizes[flow.segs - 1] -= surplus;
            pRel -= surplus;
            n += surplus;
          }
          flow.need = need;
        }
        boolean done = flow.need == StreamPdus.UNTIL_CLOSE ? fin && n == 0
            : flow.need > 0 && flow.len >= flow.need;
        if (done) {
          if (flow.spans > 0 && flow.spanStart[flow.spans - 1] == flow.startSeq) {
            flow.spanEnd[flow.spans - 1] = (flow.startSeq + flow.len) & 0xffffffffL;
          }
          reassembled = flow.buf;
          reassembledLength = flow.len;
          segFrames = Arrays.copyOf(flow.frames, flow.segs);
          segSizes = Arrays.copyOf(flow.sizes, flow.segs);
          budget.used -= flow.buf.length + FLOW_OVERHEAD;
          long start = flow.startSeq;
          flow.buf = null;
          flow.len = 0;
          flow.segs = 0;
          flow.need = StreamPdus.MORE;
          int tail = reassembledLength - tailStart;
          if (tailStart >= 0 && limits.enabled && budget.used <= limits.maxTotal
              && (tailNeed == StreamPdus.MORE || tailNeed <= limits.maxPdu)) {
            // The unfinished record at the end waits for its rest; its bytes came in this segment.
            flow.need = tailNeed;
            flow.startSeq = (start + tailStart) & 0xffffffffL;
            flow.startSpan(flow.startSeq);
            append(flow, budget, reassembled, tailStart, tail);
            flow.addSegment(frame, tail);
          }
          break;
        }
        if (n == 0) {
          break;
        }
      }
      if (reassembled == null && flow.len > 0 && given == 0 && flow.need != StreamPdus.UNTIL_CLOSE) {
        // A bare FIN adds nothing to a PDU that waits for more bytes: tshark does not call the
        // protocol, so the segment is TCP's alone.
        outcome[0] = NONE;
        d.payload(q, q);
        return null;
      }
      if (reassembled == null && flow.len > 0) {
        outcome[0] = PARTIAL;
        if (flow.need == StreamPdus.MORE) {
          // With the length still unknown, tshark hands the protocol everything so far on
          // every segment ("one more segment" reassembly), and the protocol writes Info again.
          outcome[1] = sp.partialInfo(d, layer, flow.buf, 0, flow.len);
          outcome[2] = Boolean.TRUE;
        }
        d.payload(q, q);
        return null;
      }
    }

    return fresh(d, layer, flow, budget, limits, app, sp, b, frame, base, q, fin, pRel, pRel0, firstSeq, n,
        reassembled, reassembledLength, segFrames, segSizes, outcome);
  }

  /**
   * The rest of {@link #segment}: fresh PDUs from the frame's own bytes at {@code pRel} (relative
   * to the TCP layer's start), after the PDU {@code reassembled} completed here if not null.
   */
  private static Dissector fresh(Dissection d, int layer, Flow flow, Budget budget, Limits limits,
      Dissector app, StreamPdus sp, byte[] b, long frame, int base, int q, boolean fin, int pRel, int pRel0,
      long firstSeq, int n, byte[] reassembled, int reassembledLength, long[] segFrames, int[] segSizes,
      Object[] outcome) {
    // Fresh PDUs from the frame's own bytes; offsets relative to the TCP layer's start, since
    // adding the reassembled source below moves the frame.
    int[] runs = new int[8];
    int nruns = 0;
    boolean partialStart = false;
    int partialFrom = 0;
    int partialLength = 0;
    String partialInfo = null;
    while (n > 0) {
      int at = base + pRel;
      int len = sp.pduLength(d, layer, b, at, n);
      if (len == StreamPdus.REJECT) {
        sp.rejected(d, layer, b, at, n);
        break;
      }
      if (len == StreamPdus.AS_DATA && reassembled == null && nruns == 0) {
        outcome[0] = NONE;
        outcome[1] = null;
        d.payload(at, at + n);
        return null;
      }
      if (len == StreamPdus.NOT_MINE || (len <= 0 && len != StreamPdus.MORE)) {
        len = n;
      } else if (len == StreamPdus.UNTIL_CLOSE && fin) {
        len = n;
      }
      if (len == StreamPdus.MORE || len > n) {
        if (!limits.enabled || (len != StreamPdus.MORE && len != StreamPdus.UNTIL_CLOSE && len > limits.maxPdu)
            || budget.used > limits.maxTotal) {
          len = n; // not reassembled: the dissector gets what there is
        } else {
          partialInfo = sp.partialInfo(d, layer, b, at, n);
          partialStart = true;
          partialFrom = pRel;
          partialLength = n;
          flow.need = len;
          flow.startSeq = (firstSeq + (pRel - pRel0)) & 0xffffffffL;
          flow.startSpan(flow.startSeq);
          append(flow, budget, b, at, n);
          flow.addSegment(frame, n);
          break;
        }
      }
      if (nruns + 2 > runs.length) {
        runs = Arrays.copyOf(runs, runs.length * 2);
      }
      runs[nruns++] = pRel;
      runs[nruns++] = pRel + len;
      pRel += len;
      n -= len;
    }

    if (reassembled == null && nruns == 0) {
      outcome[0] = partialStart ? PARTIAL : NONE;
      outcome[1] = partialInfo;
      outcome[2] = partialStart ? Boolean.TRUE : null;
      d.payload(q, q);
      return null;
    }
    boolean first = true;
    if (reassembled != null) {
      int source = d.sourceCount();
      int at = d.addSource("Reassembled TCP", reassembled, 0, reassembledLength);
      Reassembled done = new Reassembled(segFrames, segSizes, source, reassembledLength);
      d.attach(layer, done);
      done.pointBack(d, d.dissector(layer), TcpDissector.REASSEMBLED_IN);
      d.payload(at, at + reassembledLength);
      first = false;
    }
    base = d.start(layer);
    boolean split = sp.splitPdus();
    for (int k = 0; k < nruns; k += 2) {
      int from = runs[k];
      int to = runs[k + 1];
      while (!split && k + 2 < nruns && runs[k + 2] == to) {
        to = runs[k + 3];
        k += 2;
      }
      if (first) {
        d.payload(base + from, base + to);
        first = false;
      } else {
        d.queue(app, base + from, base + to);
      }
    }
    if (partialStart && reassembled != null && nruns == 0 && sp.layerForUnfinished()) {
      // Over the unfinished start's bytes in the frame, which tshark hands the protocol.
      d.queue(app, base + partialFrom, base + partialFrom + partialLength);
    }
    outcome[0] = NONE;
    return app;
  }

  /**
   * Notes the reassembly error for a segment of {@code n} bytes at {@code p} whose sequence number
   * lies inside the latest PDU that spanned segments and is complete. tshark looks up the PDU
   * whose first byte is at or before seq - 1, so a retransmitted first segment starts afresh;
   * what its analysis calls a retransmission it does not reassemble at all. Returns whether it
   * noted the error.
   */
  static boolean overlapsFinished(Dissection d, int layer, Flow flow, long seq, int p, int n) {
    if (n <= 0 || flow == null || flow.spans == 0) {
      return false;
    }
    // The PDU that starts closest before seq (32-bit sequence space).
    int k = -1;
    long best = Long.MAX_VALUE;
    for (int i = 0; i < flow.spans; i++) {
      long before = (seq - flow.spanStart[i]) & 0xffffffffL;
      if (before > 0 && before < 0x80000000L && before < best) {
        best = before;
        k = i;
      }
    }
    if (k >= 0 && flow.spanEnd[k] >= 0 && (int) (seq - flow.spanEnd[k]) < 0
        && !TcpDissector.retransmission(d, layer)) {
      d.expert(layer, MalformedDissector.REASSEMBLY, p, n, OVERLAP);
      return true;
    }
    return false;
  }

  /** Makes the pending buffer hold at least {@code size} bytes. */
  private static void grow(Flow flow, Budget budget, int size) {
    if (flow.buf.length < size) {
      budget.used += size - flow.buf.length;
      flow.buf = Arrays.copyOf(flow.buf, size);
    }
  }

  private static void append(Flow flow, Budget budget, byte[] b, int at, int n) {
    if (flow.buf == null || flow.buf.length < flow.len + n) {
      // The first buffer is exactly the bytes at hand (most pending PDUs complete with the next
      // segment or never); later ones double.
      int size = Math.max(flow.len + n, flow.buf == null ? n : flow.buf.length * 2);
      if (flow.need > 0 && flow.need != StreamPdus.UNTIL_CLOSE && flow.need >= flow.len + n) {
        size = Math.max(flow.len + n, Math.min(size, flow.need));
      }
      budget.used += size - (flow.buf == null ? -FLOW_OVERHEAD : flow.buf.length);
      flow.buf = flow.buf == null ? new byte[size] : Arrays.copyOf(flow.buf, size);
    }
    System.arraycopy(b, at, flow.buf, flow.len, n);
    flow.len += n;
  }
}

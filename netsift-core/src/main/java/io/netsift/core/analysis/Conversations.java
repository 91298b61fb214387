package io.netsift.core.analysis;

import io.netsift.core.dissect.Dissection;
import io.netsift.core.filter.Filter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code -z conv,eth|ip|ipv6|tcp|udp[,filter]}: traffic between pairs of addresses (and
 * ports), as tshark's conversation table prints it. A conversation's "A" side is the source
 * of its first packet; "->" counts what A sent, "<-" what it received. Rows are ordered by
 * total frames, most first, ties in order of first appearance.
 */
public final class Conversations implements Tap {
  /** One row of the table. */
  public static final class Conversation {
    public final String addressA;
    public final int portA;
    public final String addressB;
    public final int portB;
    /** Frames and bytes sent by A (tshark's "->"). */
    public long txFrames;
    public long txBytes;
    /** Frames and bytes sent by B (tshark's "<-"). */
    public long rxFrames;
    public long rxBytes;
    /** Relative time of the first and last packet, in ns. */
    public long startNanos;
    public long stopNanos;

    Conversation(String a, int pa, String b, int pb) {
      this.addressA = a;
      this.portA = pa;
      this.addressB = b;
      this.portB = pb;
    }
  }

  private final TrafficKind kind;
  private final String filterText;
  private final Filter filter;
  private final Map<String, Conversation> byKey = new HashMap<>();
  private final List<Conversation> rows = new ArrayList<>();

  Conversations(TrafficKind kind, String filter) {
    this.kind = kind;
    this.filterText = filter;
    this.filter = StatsText.filter(filter);
  }

  /** {@code type} is eth, ip, ipv6, tcp or udp; {@code filter} may be null. */
  public static Conversations of(String type, String filter) {
    return new Conversations(TrafficKind.of(type, "conv"), filter);
  }

  @Override
  public boolean needsTree() {
    return filter != null;
  }

  @Override
  public void packet(Dissection d, boolean displayed) {
    if (!StatsText.passes(filter, d)) {
      return;
    }
    long len = d.originalLength();
    long t = d.relativeNanos();
    kind.each(d, (src, sp, dst, dp, stream) -> {
      String a = src + "/" + sp;
      String b = dst + "/" + dp;
      String key = (a.compareTo(b) < 0 ? a + " " + b : b + " " + a) + " " + stream;
      Conversation c = byKey.get(key);
      if (c == null) {
        c = new Conversation(src, sp, dst, dp);
        c.startNanos = t;
        byKey.put(key, c);
        rows.add(c);
      }
      if (src.equals(c.addressA) && sp == c.portA) {
        c.txFrames++;
        c.txBytes += len;
      } else {
        c.rxFrames++;
        c.rxBytes += len;
      }
      c.stopNanos = t;
    });
  }

  /** The rows in tshark's order. */
  public List<Conversation> conversations() {
    List<Conversation> sorted = new ArrayList<>(rows);
    // A stable sort keeps first-seen order among equal frame counts, as tshark's passes do.
    sorted.sort((x, y) -> Long.compare(y.txFrames + y.rxFrames, x.txFrames + x.rxFrames));
    return Collections.unmodifiableList(sorted);
  }

  @Override
  public void report(StringBuilder out) {
    String bar = "================================================================================\n";
    out.append(bar);
    out.append(kind.title).append(" Conversations\n");
    out.append("Filter:").append(filterText == null ? "<No Filter>" : filterText).append('\n');
    String pad = kind.ports ? "            " : "";
    out.append(pad).append("                                               |       <-      | |       ->      |"
        + " |     Total     |    Relative    |   Duration   |\n");
    out.append(pad).append("                                               | Frames  Bytes | | Frames  Bytes |"
        + " | Frames  Bytes |      Start     |              |\n");
    for (Conversation c : conversations()) {
      if (kind.ports) {
        StatsText.left(out, c.addressA + ":" + c.portA, 26).append(" <-> ");
        StatsText.left(out, c.addressB + ":" + c.portB, 26);
      } else {
        StatsText.left(out, c.addressA, 20).append(" <-> ");
        StatsText.left(out, c.addressB, 20);
      }
      out.append("  ");
      StatsText.right(out, Long.toString(c.rxFrames), 6).append(' ');
      StatsText.left(out, StatsText.size(c.rxBytes), 9).append("  ");
      StatsText.right(out, Long.toString(c.txFrames), 6).append(' ');
      StatsText.left(out, StatsText.size(c.txBytes), 9).append("  ");
      StatsText.right(out, Long.toString(c.txFrames + c.rxFrames), 6).append(' ');
      StatsText.left(out, StatsText.size(c.txBytes + c.rxBytes), 9).append("  ");
      StatsText.right(out, StatsText.fixed(StatsText.seconds(c.startNanos), 9), 14);
      out.append("   ");
      StatsText.right(out, StatsText.fixed(StatsText.seconds(c.stopNanos) - StatsText.seconds(c.startNanos), 4), 12);
      out.append('\n');
    }
    out.append(bar);
  }
}

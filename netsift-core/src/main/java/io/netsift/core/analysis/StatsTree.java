package io.netsift.core.analysis;

import io.netsift.core.dissect.Dissection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A tshark "stats_tree" ({@code -z http,tree}, {@code -z dns,tree}): named counters in a tree,
 * some of them also averaging a value, each with the 100 ms burst rate, printed as tshark's plain
 * text: count, average, minimum, maximum, rate per millisecond, percent of the parent, burst
 * rate and its start. Top-level nodes print in the order they were made, the children of each
 * node by count and then name, both descending.
 */
final class StatsTree {
  private static final double BURST_WINDOW_MS = 100;
  private static final double BURST_RESOLUTION_MS = 5;

  /** One counter of the tree. */
  static final class Node {
    final String name;
    final List<Node> children = new ArrayList<>();
    long count;
    // Averaged values: tshark keeps an int or a float total, minimum and maximum.
    private boolean averaged;
    private boolean floating;
    private long intTotal;
    private long intMin = Integer.MAX_VALUE;
    private long intMax = Integer.MIN_VALUE;
    private float floatTotal;
    private float floatMin = Float.MAX_VALUE;
    private float floatMax = -Float.MAX_VALUE;
    // Burst buckets: bucket numbers and counts, oldest first, and when each started.
    private final List<double[]> buckets = new ArrayList<>();
    private long burstCount;
    private long maxBurst;
    private double burstTime;

    Node(String name) {
      this.name = name;
      buckets.add(new double[] {0, 0, 0});
    }

    /** The child called {@code n}, made on first use. */
    Node child(String n) {
      for (Node c : children) {
        if (c.name.equals(n)) {
          return c;
        }
      }
      Node c = new Node(n);
      children.add(c);
      return c;
    }

    /** Counts one occurrence at {@code nowMs} (milliseconds since the capture's first packet). */
    void tick(double nowMs) {
      count++;
      // Wireshark's stats_tree burst calculation: buckets of 5 ms, a window of 100 ms.
      double bucket = Math.floor(nowMs / BURST_RESOLUTION_MS);
      double window = BURST_WINDOW_MS / BURST_RESOLUTION_MS;
      double[] tail = buckets.get(buckets.size() - 1);
      if (bucket > tail[0]) {
        buckets.add(new double[] {bucket, 1, nowMs});
        burstCount++;
        while (bucket >= buckets.get(0)[0] + window) {
          burstCount -= (long) buckets.remove(0)[1];
        }
      } else if (bucket < buckets.get(0)[0]) {
        if (bucket + window > tail[0]) {
          buckets.add(0, new double[] {bucket, 1, nowMs});
          burstCount++;
        }
      } else {
        int i = buckets.size() - 1;
        while (bucket < buckets.get(i)[0]) {
          i--;
        }
        double[] b = buckets.get(i);
        if (bucket == b[0]) {
          b[1]++;
          if (b[2] > nowMs) {
            b[2] = nowMs;
          }
        } else {
          buckets.add(i + 1, new double[] {bucket, 1, nowMs});
        }
        burstCount++;
      }
      if (burstCount > maxBurst) {
        maxBurst = burstCount;
        burstTime = buckets.get(0)[2];
      }
    }

    /** Counts one occurrence and adds an integer value to the average (avg_stat_node_add_value_int). */
    void add(double nowMs, long value) {
      tick(nowMs);
      averaged = true;
      // tshark sums in a 32-bit int.
      intTotal = (int) (intTotal + value);
      intMin = Math.min(intMin, value);
      intMax = Math.max(intMax, value);
    }

    /** Counts one occurrence and adds a float value to the average (avg_stat_node_add_value_float). */
    void add(double nowMs, float value) {
      tick(nowMs);
      averaged = true;
      floating = true;
      floatTotal += value;
      floatMin = Math.min(floatMin, value);
      floatMax = Math.max(floatMax, value);
    }
  }

  private final String title;
  private final List<Node> roots = new ArrayList<>();
  private double startMs = -1;
  private double elapsedMs;

  StatsTree(String title) {
    this.title = title;
  }

  /** A new top-level node. */
  Node root(String name) {
    Node n = new Node(name);
    roots.add(n);
    return n;
  }

  /**
   * The packet's time in milliseconds as stats_tree takes it ({@code nstime_to_msec} of the
   * relative time), and the tree's elapsed time updated to it.
   */
  double now(Dissection d) {
    long rel = d.relativeNanos();
    double now = (double) (rel / 1_000_000_000L) * 1000.0 + (double) (rel % 1_000_000_000L) / 1000000.0;
    if (startMs < 0) {
      startMs = now;
    }
    elapsedMs = now - startMs;
    return now;
  }

  void report(StringBuilder out) {
    int nameW = "Topic / Item".length();
    for (Node r : roots) {
      nameW = Math.max(nameW, width(r, 0));
    }
    int sep = nameW + 8 * 14;
    out.append('\n');
    StatsText.repeat(out, '=', sep).append('\n');
    out.append(title).append(":\n");
    StatsText.left(out, "Topic / Item", nameW);
    for (String h : new String[] {"Count", "Average", "Min Val", "Max Val", "Rate (ms)", "Percent", "Burst Rate",
        "Burst Start"}) {
      cell(out, h);
    }
    out.append('\n');
    StatsText.repeat(out, '-', sep).append('\n');
    for (Node r : roots) {
      row(out, r, null, 0, nameW);
    }
    out.append('\n');
    StatsText.repeat(out, '-', sep).append('\n');
  }

  /** One column: a space and the value left-aligned in 13 (a longer value pushes the rest right). */
  private static void cell(StringBuilder out, String v) {
    out.append(' ');
    StatsText.left(out, v, 13);
  }

  private static int width(Node n, int depth) {
    int w = n.name.length() + depth + 1;
    for (Node c : n.children) {
      w = Math.max(w, width(c, depth + 1));
    }
    return w;
  }

  private void row(StringBuilder out, Node n, Node parent, int depth, int nameW) {
    StringBuilder name = new StringBuilder();
    StatsText.repeat(name, ' ', depth).append(n.name);
    StatsText.left(out, name.toString(), nameW);
    cell(out, Long.toString(n.count));
    if (n.count != 0 && n.averaged) {
      if (n.floating) {
        cell(out, StatsText.fixed(n.floatTotal / (float) n.count, 2));
        cell(out, StatsText.fixed(n.floatMin, 6));
        cell(out, StatsText.fixed(n.floatMax, 6));
      } else {
        cell(out, StatsText.fixed((float) n.intTotal / (float) n.count, 2));
        cell(out, Long.toString(n.intMin));
        cell(out, Long.toString(n.intMax));
      }
    } else {
      cell(out, "");
      cell(out, "");
      cell(out, "");
    }
    cell(out, elapsedMs != 0 ? StatsText.fixed((float) n.count / (float) elapsedMs, 4) : "");
    if (parent == null) {
      cell(out, "100%");
    } else if (parent.count > 0) {
      cell(out, StatsText.fixed(n.count * 100.0 / parent.count, 2) + "%");
    } else {
      cell(out, "");
    }
    cell(out, n.maxBurst != 0 ? StatsText.fixed((double) n.maxBurst / BURST_WINDOW_MS, 4) : "-");
    cell(out, n.maxBurst != 0 ? StatsText.fixed(n.burstTime / 1000.0, 3) : "-");
    out.append('\n');
    List<Node> sorted = new ArrayList<>(n.children);
    sorted.sort((a, b) -> {
      int r = Long.compare(b.count, a.count);
      return r != 0 ? r : compareBytes(b.name, a.name);
    });
    for (Node c : sorted) {
      row(out, c, n, depth + 1, nameW);
    }
  }

  private static int compareBytes(String a, String b) {
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}

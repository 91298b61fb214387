package io.netsift.core.analysis;

import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Walk;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldVisitor;
import io.netsift.core.filter.Filter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code -z http,tree[,filter]}: tshark's "HTTP/Packet Counter" statistics tree, one tick per
 * HTTP message: responses by status class and code, requests by method. Printed as tshark's
 * stats_tree text: count, rate per millisecond, percent of the parent and the 100 ms burst rate
 * with its start, children sorted by count and then name, both descending.
 */
public final class HttpTree implements Tap {
  private static final double BURST_WINDOW_MS = 100;
  private static final double BURST_RESOLUTION_MS = 5;

  /** One node of a statistics tree with tshark's burst counter. */
  static final class Node {
    final String name;
    final List<Node> children = new ArrayList<>();
    long count;
    // Burst buckets: bucket numbers and counts, oldest first, and when each started.
    private final List<double[]> buckets = new ArrayList<>();
    long burstCount;
    long maxBurst;
    double burstTime;

    Node(String name) {
      this.name = name;
      buckets.add(new double[] {0, 0, 0});
    }

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
  }

  private final Filter filter;
  private final Node total = new Node("Total HTTP Packets");
  private final Node requests;
  private final Node responses;
  private final Node other;
  private final Node[] classes = new Node[6];
  private double startMs = -1;
  private double elapsedMs;
  private final Walk walk = new Walk();
  private final Picker picker = new Picker();

  HttpTree(String filter) {
    this.filter = StatsText.filter(filter);
    requests = total.child("HTTP Request Packets");
    responses = total.child("HTTP Response Packets");
    other = total.child("Other HTTP Packets");
    String[] names = {"???: broken", "1xx: Informational", "2xx: Success", "3xx: Redirection", "4xx: Client Error",
        "5xx: Server Error"};
    for (int i = 0; i < names.length; i++) {
      classes[i] = responses.child(names[i]);
    }
  }

  static HttpTree parse(String rest) {
    if (rest.isEmpty()) {
      return new HttpTree(null);
    }
    if (rest.charAt(0) != ',') {
      throw new IllegalArgumentException("invalid \"-z http,tree[,filter]\" argument");
    }
    return new HttpTree(rest.substring(1));
  }

  @Override
  public void packet(Dissection d, boolean displayed) {
    if (!StatsText.passes(filter, d)) {
      return;
    }
    for (int i = 0; i < d.layerCount(); i++) {
      if (!d.dissector(i).name().equals("http")) {
        continue;
      }
      picker.reset(d);
      walk.layer(d, i, picker, false);
      // nstime_to_msec: seconds and nanoseconds as doubles.
      double now = (double) (d.relativeNanos() / 1_000_000_000L) * 1000.0 + (double) (d.relativeNanos() % 1_000_000_000L) / 1000000.0;
      if (startMs < 0) {
        startMs = now;
      }
      elapsedMs = now - startMs;
      total.tick(now);
      if (picker.code != 0) {
        int code = picker.code;
        responses.tick(now);
        Node cls = code < 100 || code >= 600 ? classes[0] : classes[code / 100];
        cls.tick(now);
        cls.child(code + " " + (picker.desc != null ? picker.desc : "Unknown (" + code + ")")).tick(now);
      } else if (picker.method != null) {
        requests.tick(now);
        requests.child(picker.method).tick(now);
      } else {
        other.tick(now);
      }
    }
  }

  @Override
  public void report(StringBuilder out) {
    int nameW = Math.max("Topic / Item".length(), width(total, 0));
    int sep = nameW + 8 * 14;
    out.append('\n');
    StatsText.repeat(out, '=', sep).append('\n');
    out.append("HTTP/Packet Counter:\n");
    StatsText.left(out, "Topic / Item", nameW);
    for (String h : new String[] {"Count", "Average", "Min Val", "Max Val", "Rate (ms)", "Percent", "Burst Rate",
        "Burst Start"}) {
      cell(out, h);
    }
    out.append('\n');
    StatsText.repeat(out, '-', sep).append('\n');
    row(out, total, null, 0, nameW);
    out.append('\n');
    StatsText.repeat(out, '-', sep).append('\n');
  }

  private static void cell(StringBuilder out, String v) {
    out.append(' ');
    StatsText.left(out, v, 12);
    out.append(' ');
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
    cell(out, "");
    cell(out, "");
    cell(out, "");
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
    byte[] x = a.getBytes(StandardCharsets.UTF_8);
    byte[] y = b.getBytes(StandardCharsets.UTF_8);
    return java.util.Arrays.compareUnsigned(x, y);
  }

  /** Reads the request method, status code and its description from an http layer. */
  private static final class Picker implements FieldVisitor {
    private Dissection d;
    String method;
    int code;
    String desc;

    void reset(Dissection dissection) {
      d = dissection;
      method = null;
      code = 0;
      desc = null;
    }

    private String text(int offset, int length, Object value) {
      if (value != null) {
        return value.toString();
      }
      return new String(d.data(), offset, length, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void number(Field f, int offset, int length, long value) {
      if (f.name().equals("http.response.code") && code == 0) {
        code = (int) value;
      }
    }

    @Override
    public void bytes(Field f, int offset, int length) {
      object(f, offset, length, null);
    }

    @Override
    public void object(Field f, int offset, int length, Object value) {
      if (f == null) {
        return;
      }
      if (f.name().equals("http.request.method") && method == null) {
        method = text(offset, length, value);
      } else if (f.name().equals("http.response.code.desc") && desc == null) {
        desc = text(offset, length, value);
      }
    }
  }
}

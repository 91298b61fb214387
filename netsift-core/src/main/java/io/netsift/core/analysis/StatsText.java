package io.netsift.core.analysis;

import io.netsift.core.dissect.Dissection;
import io.netsift.core.filter.Filter;
import io.netsift.core.filter.FilterException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Number formatting shared by the statistics taps, matching what tshark's C code prints:
 * {@code printf("%.Nf")} rounds the exact binary value of a double half-to-even, which
 * {@link BigDecimal} reproduces (Java's own {@code String.format} rounds the shortest decimal
 * text half-up and differs on ties).
 */
final class StatsText {
  private StatsText() {}

  /** {@code printf("%.<digits>f", v)}. */
  static String fixed(double v, int digits) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return String.valueOf(v);
    }
    return new BigDecimal(v).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
  }

  /** Seconds of a nanosecond count as Wireshark's {@code nstime_to_sec} computes them. */
  static double seconds(long nanos) {
    long secs = nanos / 1_000_000_000L;
    long ns = nanos % 1_000_000_000L;
    return (double) secs + (double) ns / 1_000_000_000.0;
  }

  /** {@code printf("%-<w>s")}. */
  static StringBuilder left(StringBuilder sb, String s, int w) {
    sb.append(s);
    for (int i = s.length(); i < w; i++) {
      sb.append(' ');
    }
    return sb;
  }

  /** {@code printf("%<w>s")}. */
  static StringBuilder right(StringBuilder sb, String s, int w) {
    for (int i = s.length(); i < w; i++) {
      sb.append(' ');
    }
    return sb.append(s);
  }

  static StringBuilder repeat(StringBuilder sb, char c, int n) {
    for (int i = 0; i < n; i++) {
      sb.append(c);
    }
    return sb;
  }

  /**
   * Wireshark's {@code format_size} with SI prefixes and the "bytes" unit: exact below
   * 10000 ("9907 bytes"), then whole kB/MB/GB/TB truncated ("12 kB").
   */
  static String size(long n) {
    String[] prefix = {"k", "M", "G", "T"};
    long p = 1000;
    long v = n;
    int level = -1;
    for (int i = 3; i >= 0; i--) {
      long div = 1;
      for (int k = 0; k <= i; k++) {
        div *= p;
      }
      if (n / div >= 10) {
        level = i;
        v = n / div;
        break;
      }
    }
    return level < 0 ? n + " bytes" : v + " " + prefix[level] + "B";
  }

  /** Compiles a tap's optional display filter; a bad one is an IllegalArgumentException. */
  static Filter filter(String expression) {
    if (expression == null || expression.isEmpty()) {
      return null;
    }
    try {
      return Filter.compile(expression);
    } catch (FilterException e) {
      throw new IllegalArgumentException("invalid filter \"" + expression + "\": " + e.getMessage());
    }
  }

  /**
   * The filter of a tap argument's tail: "" for none, ",FILTER" for one; anything else is an
   * IllegalArgumentException naming {@code usage}.
   */
  static String tailFilter(String rest, String usage) {
    if (rest.isEmpty()) {
      return null;
    }
    if (rest.charAt(0) != ',') {
      throw new IllegalArgumentException("invalid \"-z " + usage + "\" argument");
    }
    return rest.substring(1);
  }

  static boolean passes(Filter f, Dissection d) {
    return f == null || f.matches(d);
  }
}

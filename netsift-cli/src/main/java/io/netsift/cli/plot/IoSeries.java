package io.netsift.cli.plot;

import io.netsift.core.analysis.IoStat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The I/O graph's numbers, taken from a finished {@link IoStat}: one row per interval of the
 * capture (exactly the rows {@code -z io,stat} prints) and one series per column, frames or
 * bytes. {@link #csv()} is what {@code --data} writes.
 */
final class IoSeries {
  private final double[] starts;
  private final double interval;
  private final List<String> names;
  private final List<long[]> values;

  private IoSeries(double[] starts, double interval, List<String> names, List<long[]> values) {
    this.starts = starts;
    this.interval = interval;
    this.names = names;
    this.values = values;
  }

  static IoSeries of(IoStat stat, boolean bytes) {
    long n = stat.rowCount();
    if (n > IoStat.MAX_ROWS) {
      throw new IllegalArgumentException("the capture spans " + n + " intervals; give a longer --interval");
    }
    int rows = (int) n;
    double[] starts = new double[rows];
    for (int i = 0; i < rows; i++) {
      starts[i] = stat.rowStartMicros(i) / 1e6;
    }
    long inv = stat.rowIntervalMicros();
    double interval = inv <= 0 ? 1 : inv / 1e6;
    List<String> names = new ArrayList<>();
    List<long[]> values = new ArrayList<>();
    for (IoStat.Column c : stat.columns()) {
      names.add(c.text == null ? "all frames" : c.text);
      long[] v = new long[rows];
      for (int i = 0; i < rows; i++) {
        v[i] = bytes ? stat.counter(c, i) : stat.frames(c, i);
      }
      values.add(v);
    }
    return new IoSeries(starts, interval, names, values);
  }

  double[] starts() {
    return starts;
  }

  double intervalSeconds() {
    return interval;
  }

  List<Charts.Series> lines() {
    List<Charts.Series> out = new ArrayList<>();
    for (int k = 0; k < names.size(); k++) {
      long[] v = values.get(k);
      double[] d = new double[v.length];
      for (int i = 0; i < v.length; i++) {
        d[i] = v[i];
      }
      out.add(new Charts.Series(names.get(k), d));
    }
    return out;
  }

  /** Header "interval_start" and one column per series; one row per interval. */
  String csv() {
    StringBuilder sb = new StringBuilder("interval_start");
    for (String n : names) {
      sb.append(',').append(quote(n));
    }
    sb.append('\n');
    for (int i = 0; i < starts.length; i++) {
      sb.append(String.format(Locale.ROOT, "%.6f", starts[i]));
      for (long[] v : values) {
        sb.append(',').append(v[i]);
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String quote(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}

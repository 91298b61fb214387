package io.netsift.core.analysis;

import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Walk;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldRegistry;
import io.netsift.core.field.FieldType;
import io.netsift.core.field.FieldVisitor;
import io.netsift.core.filter.Filter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code -z io,stat,INTERVAL[,COLUMN...]}: frames and bytes per time interval, one column per
 * filter, or a calculation over a field ({@code COUNT(f)}, {@code SUM(f)}, {@code MIN(f)},
 * {@code MAX(f)}, {@code AVG(f)}, {@code FRAMES()}, {@code BYTES()}, each optionally followed
 * by a filter), with tshark's grammar, quirks and table layout. Times are whole microseconds
 * since the first packet, as tshark counts them; an interval of 0 is the whole capture.
 */
public final class IoStat implements Tap {
  /** What a column computes. */
  public enum Calc {
    FRAMES_AND_BYTES(null), FRAMES("FRAMES"), BYTES("BYTES"), COUNT("COUNT"), SUM("SUM"), MIN("MIN"),
    MAX("MAX"), AVG("AVG");

    final String function;

    Calc(String function) {
      this.function = function;
    }
  }

  /** One column: its text as given, calculation, field and filter, and its values per interval. */
  public static final class Column {
    public final String text;
    public final Calc calc;
    public final Field field;
    final Filter filter;
    // Sparse by row: a capture may span years with packets in a few intervals.
    final java.util.Map<Long, long[]> rows = new java.util.HashMap<>(); // frames, counter, num
    final java.util.Map<Long, double[]> floats = new java.util.HashMap<>();
    long maxFrames;
    long maxValue;

    Column(String text, Calc calc, Field field, Filter filter) {
      this.text = text;
      this.calc = calc;
      this.field = field;
      this.filter = filter;
    }

    boolean floating() {
      return field != null && (field.type() == FieldType.FLOAT || field.type() == FieldType.DOUBLE);
    }

    boolean time() {
      return field != null && field.type() == FieldType.RELATIVE_TIME;
    }
  }

  /** Rows printed at most; a longer table is refused with a message. */
  public static final long MAX_ROWS = 1_000_000;

  private final long interval; // microseconds; Long.MAX_VALUE for the whole capture
  private final int precision;
  private final List<Column> columns;
  private long durationNanos;
  private final Walk walk = new Walk();
  private final ValuePicker picker = new ValuePicker();

  private IoStat(long interval, int precision, List<Column> columns) {
    this.interval = interval;
    this.precision = precision;
    this.columns = columns;
    for (Column c : columns) {
      if (c.filter != null) {
        primed.addAll(c.filter.fields());
      }
    }
  }

  /**
   * Field names whose values a calculation sees. tshark builds its tree for io,stat without
   * showing it, and such a tree keeps only protocols and the fields some filter of the run
   * names; SUM(frame.len) alone reads 0 in tshark, SUM(frame.len)frame.len>0 does not.
   */
  private final java.util.Set<String> primed = new java.util.HashSet<>();

  /** Parses the text after {@code io,stat,}: {@code INTERVAL[,COLUMN...]}. */
  static IoStat parse(String rest) {
    int comma = rest.indexOf(',');
    String inv = comma < 0 ? rest : rest.substring(0, comma);
    List<String> cols = new ArrayList<>();
    if (comma < 0) {
      cols.add(null);
    } else {
      // tshark splits at every comma, even one inside a filter.
      for (String c : rest.substring(comma + 1).split(",", -1)) {
        cols.add(c.isEmpty() ? null : c);
      }
    }
    return of(inv, cols);
  }

  /**
   * An I/O table over {@code interval} seconds as tshark writes it ("1", "0.25", "0" for the
   * whole capture) with one column per entry of {@code columns}: null for every frame, a
   * display filter, or a calculation such as {@code SUM(tcp.len)tcp.len > 0}. Unlike the
   * {@code -z} text, a filter here may contain commas.
   *
   * @throws IllegalArgumentException with tshark's complaint about a bad interval or column
   */
  public static IoStat of(String interval, List<String> columns) {
    String inv = interval;
    double seconds;
    try {
      seconds = Double.parseDouble(inv);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid \"-z io,stat,<interval>[,<filter>]\" argument");
    }
    if (seconds < 0 || Double.isNaN(seconds) || Double.isInfinite(seconds)) {
      throw new IllegalArgumentException("\"-z io,stat,interval\" Invalid interval");
    }
    long micros;
    int prec;
    if (seconds == 0) {
      micros = Long.MAX_VALUE;
      prec = 0;
    } else {
      micros = (long) (seconds * 1000000.0 + 0.5);
      if (micros < 1) {
        throw new IllegalArgumentException("\"-z io,stat,interval\" Invalid interval. Note that the interval must be at least 1 µs");
      }
      // The precision shown is that of the interval given: 0.25 shows two decimals, 1.0 one.
      prec = 6;
      for (long i = 10; i < 10000000; i *= 10) {
        if (micros % i > 0) {
          break;
        }
        prec--;
      }
      int dot = inv.indexOf('.');
      if (prec == 0 && dot >= 0 && inv.length() - dot - 1 > 0) {
        prec = Math.min(inv.length() - dot - 1, 6);
      }
    }
    List<Column> cols = new ArrayList<>();
    for (String c : columns) {
      cols.add(column(c == null || c.isEmpty() ? null : c));
    }
    if (cols.isEmpty()) {
      cols.add(column(null));
    }
    return new IoStat(micros, prec, cols);
  }

  private static Column column(String text) {
    if (text == null) {
      return new Column(null, Calc.FRAMES_AND_BYTES, null, null);
    }
    for (Calc c : Calc.values()) {
      if (c.function == null || !text.startsWith(c.function)) {
        continue;
      }
      int open = c.function.length();
      if (text.length() == open || text.charAt(open) != '(') {
        break;
      }
      int close = text.indexOf(')', open);
      if (close < 0) {
        throw new IllegalArgumentException("io,stat: Closing parenthesis missing from calculated expression.");
      }
      String name = text.substring(open + 1, close);
      Field f = null;
      if (c == Calc.FRAMES || c == Calc.BYTES) {
        if (!name.isEmpty()) {
          throw new IllegalArgumentException("io,stat: " + c.function + " does not require or allow a field name within the parens.");
        }
      } else {
        if (name.isEmpty()) {
          throw new IllegalArgumentException("io,stat: You didn't specify a field name for " + c.function + "(*).");
        }
        f = FieldRegistry.standard().get(name);
        if (f == null) {
          throw new IllegalArgumentException("io,stat: There is no field named '" + name + "'.");
        }
        FieldType t = f.type();
        boolean integral = t.isInteger();
        boolean real = t == FieldType.FLOAT || t == FieldType.DOUBLE || t == FieldType.RELATIVE_TIME;
        if (c != Calc.COUNT && !integral && !real) {
          throw new IllegalArgumentException("io,stat: " + name + " doesn't have integral values, so "
              + c.function + "(*) calculations are not supported on it.");
        }
      }
      String filter = text.substring(close + 1);
      return new Column(text, c, f, StatsText.filter(filter));
    }
    return new Column(text, Calc.FRAMES_AND_BYTES, null, StatsText.filter(text));
  }

  /** The columns, in order. */
  public List<Column> columns() {
    return columns;
  }

  /** The interval in microseconds ({@link Long#MAX_VALUE}: the whole capture). */
  public long intervalMicros() {
    return interval;
  }

  @Override
  public boolean needsTree() {
    return true;
  }

  @Override
  public void packet(Dissection d, boolean displayed) {
    long rel = d.relativeNanos();
    if (rel > durationNanos) {
      durationNanos = rel;
    }
    long us = micros(rel);
    if (us < 0) {
      us = 0;
    }
    long row = interval == Long.MAX_VALUE ? 0 : us / interval;
    for (Column c : columns) {
      if (!StatsText.passes(c.filter, d)) {
        continue;
      }
      long[] it = c.rows.computeIfAbsent(row, k -> new long[3]);
      double[] fl = c.floats.computeIfAbsent(row, k -> new double[1]);
      it[0]++;
      switch (c.calc) {
        case FRAMES:
        case BYTES:
        case FRAMES_AND_BYTES:
          it[1] += d.originalLength();
          break;
        default:
          picker.values.clear();
          picker.doubles.clear();
          picker.field = c.field;
          if (c.field.type() != FieldType.PROTOCOL && !primed.contains(c.field.name())) {
            accumulate(c, it, fl);
            break;
          }
          for (int i = 0; i < d.layerCount(); i++) {
            walk.layer(d, i, picker, true);
          }
          accumulate(c, it, fl);
      }
      if (c.calc == Calc.FRAMES || c.calc == Calc.FRAMES_AND_BYTES) {
        c.maxFrames = Math.max(c.maxFrames, it[0]);
        if (c.calc == Calc.FRAMES_AND_BYTES && it[1] > c.maxValue) {
          c.maxValue = it[1];
        }
      } else if (c.calc == Calc.BYTES || c.calc == Calc.COUNT) {
        c.maxValue = Math.max(c.maxValue, it[1]);
      } else if (c.calc == Calc.AVG) {
        // tshark compares the running sum but stores the mean.
        if (it[2] != 0) {
          if (c.floating()) {
            if (fl[0] > c.maxValue) {
              c.maxValue = (long) fl[0] / it[2];
            }
          } else if (Long.compareUnsigned(it[1], c.maxValue) > 0) {
            c.maxValue = Long.divideUnsigned(it[1], it[2]);
          }
        }
      } else if (c.floating()) {
        if (fl[0] > c.maxValue) {
          c.maxValue = (long) fl[0];
        }
      } else if (Long.compareUnsigned(it[1], c.maxValue) > 0) {
        c.maxValue = it[1];
      }
    }
  }

  private void accumulate(Column c, long[] it, double[] fl) {
    int n = c.floating() ? picker.doubles.size() : picker.values.size();
    switch (c.calc) {
      case COUNT:
        it[1] += picker.values.size() + picker.doubles.size();
        break;
      case SUM:
        for (int i = 0; i < n; i++) {
          if (c.floating()) {
            fl[0] += picker.doubles.get(i);
          } else {
            it[1] += picker.values.get(i);
          }
        }
        break;
      case MIN:
        for (int i = 0; i < n; i++) {
          // tshark takes the first value of an interval only when it is in the interval's first frame.
          boolean first = it[0] == 1 && i == 0;
          if (c.floating()) {
            double v = picker.doubles.get(i);
            if (first || v < fl[0]) {
              fl[0] = v;
            }
          } else {
            long v = picker.values.get(i);
            if (first || less(c, v, it[1])) {
              it[1] = v;
            }
          }
        }
        break;
      case MAX:
        for (int i = 0; i < n; i++) {
          if (c.floating()) {
            fl[0] = Math.max(fl[0], picker.doubles.get(i));
          } else {
            long v = picker.values.get(i);
            if (less(c, it[1], v)) {
              it[1] = v;
            }
          }
        }
        break;
      case AVG:
        for (int i = 0; i < n; i++) {
          it[2]++;
          if (c.floating()) {
            fl[0] += picker.doubles.get(i);
          } else {
            it[1] += picker.values.get(i);
          }
        }
        break;
      default:
        break;
    }
  }

  private static boolean less(Column c, long a, long b) {
    return c.field.type().isSigned() ? a < b : Long.compareUnsigned(a, b) < 0;
  }

  private static long micros(long nanos) {
    long secs = nanos / 1_000_000_000L;
    long ns = nanos % 1_000_000_000L;
    return secs * 1_000_000L + (ns + 500) / 1000;
  }

  /**
   * The value tshark prints for column {@code c} in row {@code row} as a number (frames for
   * plain columns use {@link #frames}); 0 past the last packet.
   */
  public double value(Column c, long row) {
    long[] it = c.rows.get(row);
    if (it == null) {
      return 0;
    }
    double fl = c.floats.get(row)[0];
    switch (c.calc) {
      case FRAMES:
        return it[0];
      case AVG:
        long num = it[2] == 0 ? 1 : it[2];
        if (c.floating()) {
          return fl / num;
        }
        return c.time() ? (double) (it[1] / num) / 1e9 : (double) (it[1] / num);
      default:
        if (c.floating()) {
          return fl;
        }
        return c.time() ? it[1] / 1e9 : it[1];
    }
  }

  /** Frames counted by column {@code c} in row {@code row}. */
  public long frames(Column c, long row) {
    long[] it = c.rows.get(row);
    return it == null ? 0 : it[0];
  }

  /** Bytes (or the counter of a calculation) of column {@code c} in row {@code row}. */
  public long counter(Column c, long row) {
    long[] it = c.rows.get(row);
    return it == null ? 0 : it[1];
  }

  /** Rows tshark prints: the capture's duration cut in intervals. */
  public long rowCount() {
    long duration = durationMicros();
    long inv = interval > duration ? duration : interval;
    if (inv == 0 || duration == 0) {
      return 0;
    }
    return duration / inv + (duration % inv > 0 ? 1 : 0);
  }

  /** Start of row {@code row} in microseconds. */
  public long rowStartMicros(long row) {
    long duration = durationMicros();
    long inv = interval > duration ? duration : interval;
    return row * inv;
  }

  /** Length of a row in microseconds: the interval, or the whole capture when that is shorter. */
  public long rowIntervalMicros() {
    long duration = durationMicros();
    return interval > duration ? duration : interval;
  }

  private long durationMicros() {
    return micros(durationNanos);
  }

  private static int magnitude(long val, int maxW) {
    int mag = 0;
    for (int i = 0; i < maxW; i++) {
      mag++;
      val = Long.divideUnsigned(val, 10);
      if (val == 0) {
        break;
      }
    }
    return mag;
  }

  private static void center(StringBuilder out, String label, int lenval) {
    String spaces = "      ";
    int lenlab = label.length();
    int len = spaces.length() - (((lenval - lenlab) / 2) + 1);
    if (len > 0 && len < 6) {
      String sp = spaces.substring(len);
      if ((lenval - lenlab) % 2 == 0) {
        out.append(sp).append(label).append(sp).append('|');
      } else {
        out.append(spaces.substring(len - 1)).append(label).append(sp).append('|');
      }
    } else if (len > 0 && len <= 15) {
      out.append(label).append('|');
    }
  }

  private static String spaces(int borderlen, int from) {
    StringBuilder sb = new StringBuilder();
    for (int i = Math.max(0, from); i < borderlen; i++) {
      sb.append(' ');
    }
    return sb.toString();
  }

  private static String num(long v, int width, int prec) {
    String s = Long.toString(v);
    if (prec > 0) {
      StringBuilder z = new StringBuilder(s);
      while (z.length() < prec) {
        z.insert(0, '0');
      }
      s = z.toString();
    }
    StringBuilder sb = new StringBuilder();
    StatsText.right(sb, s, width);
    return sb.toString();
  }

  @Override
  public void report(StringBuilder out) {
    int numCols = columns.size();
    long duration = durationMicros();
    long inv;
    boolean whole = false;
    if (interval > duration || interval == Long.MAX_VALUE) {
      inv = duration;
      whole = true;
    } else {
      inv = interval;
    }
    int durSecsOrig = (int) (duration / 1000000);
    int durNsecsOrig = (int) (duration % 1000000);
    int durSecs = durSecsOrig;
    int durNsecs = durNsecsOrig;
    int durMag = magnitude(durSecs, 5);
    int invlMag = magnitude(inv / 1000000, 5);
    int invlPrec;
    int borderlen;
    if (inv == duration) {
      invlPrec = durMag >= 2 ? 1 : durMag == 1 ? 3 : 6;
      borderlen = 30 + durMag + (invlPrec == 0 ? 0 : invlPrec + 1);
    } else {
      invlPrec = precision;
      borderlen = 25 + Math.max(invlMag, durMag) + (invlPrec == 0 ? 0 : invlPrec + 1);
    }
    long dv = 1000000;
    for (int i = 0; i < invlPrec; i++) {
      dv /= 10;
    }
    if (duration % dv > 5 * (dv / 10)) {
      duration += 5 * (dv / 10);
      duration = (duration / dv) * dv;
      durSecs = (int) (duration / 1000000);
      durNsecs = (int) (duration % 1000000);
      durMag = magnitude(durSecs, 5);
    }
    if (whole) {
      inv = duration;
    }
    int invlColW = invlPrec == 0 ? 2 * durMag + 8 : 2 * durMag + 2 * invlPrec + 10;
    invlColW = Math.max(invlColW, 12);
    borderlen = Math.max(borderlen, invlColW);

    int tabrowW = invlColW;
    int[] colFr = new int[numCols];
    int[] colVal = new int[numCols];
    for (int j = 0; j < numCols; j++) {
      Column c = columns.get(j);
      int namelen = c.calc == Calc.FRAMES_AND_BYTES ? 5 : c.calc.function.length();
      if (c.calc == Calc.FRAMES || c.calc == Calc.FRAMES_AND_BYTES) {
        colFr[j] = Math.max(6, magnitude(c.maxFrames, 15));
        tabrowW += colFr[j] + 3;
        if (c.calc == Calc.FRAMES_AND_BYTES) {
          colVal[j] = Math.max(5, magnitude(c.maxValue, 15));
          tabrowW += colVal[j] + 3;
        }
        continue;
      }
      if (c.calc == Calc.BYTES || c.calc == Calc.COUNT) {
        colVal[j] = Math.max(5, magnitude(c.maxValue, 15));
      } else if (c.floating()) {
        colVal[j] = magnitude(c.maxValue, 15) + 7;
      } else if (c.time()) {
        c.maxValue = (c.maxValue + 500000000) / 1000000000L;
        colVal[j] = magnitude(c.maxValue, 15) + 7;
      } else {
        colVal[j] = Math.max(namelen, magnitude(c.maxValue, 15));
      }
      tabrowW += colVal[j] + 3;
    }
    borderlen = Math.max(borderlen, tabrowW);
    int maxfltrW = 0;
    for (Column c : columns) {
      maxfltrW = Math.max(maxfltrW, c.text != null ? c.text.length() + 11 : 26);
    }
    if (maxfltrW > borderlen && borderlen < 102) {
      borderlen = Math.min(maxfltrW, 102);
    }
    if (borderlen - tabrowW == 1) {
      borderlen++;
    }

    out.append('\n');
    StatsText.repeat(out, '=', borderlen);
    out.append("\n| IO Statistics").append(spaces(borderlen, 16)).append("|\n");
    out.append('|').append(spaces(borderlen, 2)).append("|\n");
    if (invlPrec == 0) {
      out.append("| Duration: ").append(num(durSecsOrig, durMag, 0)).append('.').append(num(durNsecsOrig, 6, 0))
          .append(" secs").append(spaces(borderlen, 25 + durMag)).append("|\n");
      out.append("| Interval: ").append(num(inv / 1000000, durMag, 0)).append(" secs")
          .append(spaces(borderlen, 18 + durMag)).append("|\n");
    } else {
      out.append("| Duration: ").append(num(durSecs, durMag, 0)).append('.').append(num(durNsecs / dv, 0, invlPrec))
          .append(" secs").append(spaces(borderlen, 19 + durMag + invlPrec)).append("|\n");
      out.append("| Interval: ").append(num(inv / 1000000, durMag, 0)).append('.')
          .append(num((inv % 1000000) / dv, 0, invlPrec)).append(" secs")
          .append(spaces(borderlen, 19 + durMag + invlPrec)).append("|\n");
    }
    out.append('|').append(spaces(borderlen, 2)).append("|\n");
    out.append("| Col");
    for (int j = 0; j < numCols; j++) {
      out.append(j == 0 ? "" : "|    ").append(num(j + 1, 2, 0)).append(": ");
      String filter = columns.get(j).text;
      if (filter == null) {
        out.append("Frames and bytes").append(spaces(borderlen, 26)).append("|\n");
      } else if (filter.length() + 11 <= borderlen) {
        out.append(filter).append(spaces(borderlen, filter.length() + 10)).append("|\n");
      } else {
        int maxW = borderlen - 11;
        while (true) {
          if (filter.length() > maxW) {
            String s1 = filter.substring(0, maxW);
            int pos = s1.lastIndexOf(' ');
            int len;
            int next;
            if (pos >= 0) {
              len = pos;
              next = len + 1;
            } else {
              len = s1.length();
              next = len;
            }
            out.append(s1, 0, len).append(spaces(borderlen, len + 10)).append("|\n");
            out.append("|        ");
            filter = filter.substring(next);
          } else {
            out.append(filter).append(spaces(borderlen, filter.length() + 10)).append("|\n");
            break;
          }
        }
      }
    }
    out.append("|-");
    StatsText.repeat(out, '-', borderlen - 3);
    out.append("|\n");
    out.append('|').append(spaces(borderlen, borderlen - (invlColW - 2))).append('|');
    for (int j = 0; j < numCols; j++) {
      Column c = columns.get(j);
      int w;
      if (c.calc == Calc.FRAMES_AND_BYTES) {
        w = colFr[j] + colVal[j] + 3;
      } else if (c.calc == Calc.FRAMES) {
        w = colFr[j];
      } else {
        w = colVal[j];
      }
      StatsText.left(out, Integer.toString(j + 1), 2).append(spaces(borderlen, borderlen - w)).append('|');
    }
    String filler = null;
    if (tabrowW < borderlen) {
      filler = spaces(borderlen, tabrowW + 1);
      out.append(filler).append('|');
    }
    out.append("\n| Interval");
    out.append(spaces(borderlen, borderlen - (invlColW - 11))).append('|');
    for (int j = 0; j < numCols; j++) {
      Column c = columns.get(j);
      if (c.calc == Calc.FRAMES) {
        center(out, "FRAMES", colFr[j]);
      } else if (c.calc == Calc.FRAMES_AND_BYTES) {
        center(out, "Frames", colFr[j]);
        center(out, "Bytes", colVal[j]);
      } else {
        center(out, c.calc.function, colVal[j]);
      }
    }
    if (filler != null) {
      out.append(filler).append('|');
    }
    out.append("\n|-");
    StatsText.repeat(out, '-', tabrowW - 3);
    out.append('|');
    if (tabrowW < borderlen) {
      out.append(spaces(borderlen, tabrowW + 1)).append('|');
    }
    out.append('\n');

    long numRows = inv == 0 || duration == 0 ? 0 : duration / inv + (duration % inv > 0 ? 1 : 0);
    if (numRows > MAX_ROWS) {
      // tshark runs out of memory here; say why instead.
      out.append("| io,stat: ").append(numRows).append(" intervals are too many; give a longer interval\n");
      StatsText.repeat(out, '=', borderlen);
      out.append('\n');
      return;
    }
    long t = 0;
    for (long i = 0; i < numRows; i++) {
      boolean last = i == numRows - 1;
      long end = last ? duration : t + inv;
      if (invlPrec == 0) {
        String lead = durMag == 1 ? "|  " : "| ";
        if (last) {
          int maxw = durMag >= 3 ? durMag + 1 : 3;
          out.append(lead).append(num(t / 1000000, durMag, 0)).append(" <> ");
          StatsText.left(out, "Dur", maxw).append('|');
        } else {
          out.append(lead).append(num(t / 1000000, durMag, 0)).append(" <> ").append(num(end / 1000000, durMag, 0))
              .append(durMag == 1 ? "  |" : " |");
        }
      } else {
        out.append("| ").append(num(t / 1000000, durMag, 0)).append('.').append(num(t % 1000000 / dv, 0, invlPrec))
            .append(" <> ").append(num(end / 1000000, durMag, 0)).append('.')
            .append(num(end % 1000000 / dv, 0, invlPrec)).append(" |");
      }
      for (int j = 0; j < numCols; j++) {
        Column c = columns.get(j);
        cell(out, c, i, colFr[j], colVal[j]);
      }
      if (filler != null) {
        out.append(filler).append('|');
      }
      out.append('\n');
      t += inv;
    }
    StatsText.repeat(out, '=', borderlen);
    out.append('\n');
  }

  private void cell(StringBuilder out, Column c, long row, int fr, int val) {
    boolean present = c.rows.containsKey(row);
    long[] it = present ? c.rows.get(row) : new long[3];
    double fl = present ? c.floats.get(row)[0] : 0;
    switch (c.calc) {
      case FRAMES:
        out.append(' ').append(num(it[0], fr, 0)).append(" |");
        return;
      case FRAMES_AND_BYTES:
        out.append(' ').append(num(it[0], fr, 0)).append(" |");
        out.append(' ').append(num(it[1], val, 0)).append(" |");
        return;
      case BYTES:
      case COUNT:
        out.append(' ').append(num(it[1], val, 0)).append(" |");
        return;
      default:
        break;
    }
    int w = c.floating() || c.time() ? val - 7 : val;
    if (!present) {
      // tshark prints zeros with the column's format (two zero arguments).
      if (c.floating()) {
        out.append(' ').append(StatsText.right(new StringBuilder(), StatsText.fixed(0, 6), w)).append(" |");
      } else if (c.time()) {
        out.append(' ').append(num(0, w, 0)).append(".000000 |");
      } else {
        out.append(' ').append(num(0, w, 0)).append(" |");
      }
      return;
    }
    long v = it[1];
    double f = fl;
    if (c.calc == Calc.AVG) {
      long n = it[2] == 0 ? 1 : it[2];
      v = c.field.type().isSigned() ? v / n : Long.divideUnsigned(v, n);
      f = fl / n;
    }
    if (c.floating()) {
      out.append(' ').append(StatsText.right(new StringBuilder(), StatsText.fixed(f, 6), w)).append(" |");
    } else if (c.time()) {
      long us = (v + 500) / 1000;
      out.append(' ').append(num(us / 1000000, w, 0)).append('.').append(num(us % 1000000, 0, 6)).append(" |");
    } else if (c.field.type().isSigned()) {
      out.append(' ').append(num(v, w, 0)).append(" |");
    } else {
      StringBuilder sb = new StringBuilder();
      StatsText.right(sb, Long.toUnsignedString(v), w);
      out.append(' ').append(sb).append(" |");
    }
  }

  /** Collects the values of one field from a layer walk. */
  private static final class ValuePicker implements FieldVisitor {
    Field field;
    final List<Long> values = new ArrayList<>();
    final List<Double> doubles = new ArrayList<>();

    @Override
    public void number(Field f, int offset, int length, long value) {
      if (f != null && f.name().equals(field.name())) {
        values.add(value);
      }
    }

    @Override
    public void bytes(Field f, int offset, int length) {
      if (f != null && f.name().equals(field.name())) {
        values.add(0L);
      }
    }

    @Override
    public void object(Field f, int offset, int length, Object value) {
      if (f == null || !f.name().equals(field.name())) {
        return;
      }
      if (value instanceof Double || value instanceof Float) {
        doubles.add(((Number) value).doubleValue());
      } else if (value instanceof Number) {
        values.add(((Number) value).longValue());
      } else {
        values.add(0L);
      }
    }
  }
}

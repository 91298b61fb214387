package io.netsift.cli.plot;

import java.util.List;
import java.util.Locale;

/**
 * The two chart layouts of {@code netsift plot}: a line chart over time (the I/O graph) and a
 * horizontal bar chart (the protocol hierarchy). They draw on a {@link Canvas}, so SVG and PNG
 * come from the same code.
 */
final class Charts {
  /** Wireshark-like, colour-blind-friendly series colours (Okabe–Ito). */
  static final String[] COLORS = {"#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000",
      "#f0e442"};
  private static final String AXIS = "#333333";
  private static final String GRID = "#e0e0e0";
  private static final String TEXT = "#000000";

  private Charts() {}

  /** One line of the I/O graph. */
  record Series(String name, double[] values) {}

  /**
   * Draws series over {@code x} (seconds since the first packet, one value per interval) with
   * a time axis, a value axis, grid lines and a legend naming each series.
   */
  static void lines(Canvas c, int width, int height, String title, String yLabel, double[] x, double intervalSeconds,
      List<Series> series) {
    double left = 72;
    double right = 24;
    double top = 48;
    double bottom = 56;
    double pw = Math.max(10, width - left - right);
    double ph = Math.max(10, height - top - bottom);
    c.text(width / 2.0, 24, title, 15, Canvas.Anchor.MIDDLE, TEXT);

    double xMax = x.length == 0 ? 1 : x[x.length - 1] + intervalSeconds;
    double yMax = 0;
    for (Series s : series) {
      for (double v : s.values()) {
        yMax = Math.max(yMax, v);
      }
    }
    double yStep = niceStep(yMax <= 0 ? 1 : yMax, 5);
    double yTop = Math.max(yStep, Math.ceil(yMax / yStep) * yStep);
    double xStep = niceStep(xMax, 8);

    // Grid and value axis.
    for (double v = 0; v <= yTop + yStep / 2; v += yStep) {
      double y = top + ph - v / yTop * ph;
      c.line(left, y, left + pw, y, GRID, 1);
      c.text(left - 8, y + 4, label(v, yStep), 11, Canvas.Anchor.END, TEXT);
    }
    // Time axis.
    for (double t = 0; t <= xMax + xStep / 1000; t += xStep) {
      double px = left + t / xMax * pw;
      c.line(px, top + ph, px, top + ph + 5, AXIS, 1);
      c.text(px, top + ph + 19, label(t, xStep) + " s", 11, Canvas.Anchor.MIDDLE, TEXT);
    }
    c.line(left, top + ph, left + pw, top + ph, AXIS, 1);
    c.line(left, top, left, top + ph, AXIS, 1);
    c.text(left + pw / 2, height - 12, "Time since first packet (s), interval " + label(intervalSeconds, intervalSeconds)
        + " s", 12, Canvas.Anchor.MIDDLE, TEXT);
    c.text(14, top - 12, yLabel, 12, Canvas.Anchor.START, TEXT);

    for (int k = 0; k < series.size(); k++) {
      Series s = series.get(k);
      double[] vs = s.values();
      double[] xs = new double[vs.length];
      double[] ys = new double[vs.length];
      for (int i = 0; i < vs.length; i++) {
        // A point sits in the middle of its interval.
        xs[i] = left + (x[i] + intervalSeconds / 2) / xMax * pw;
        ys[i] = top + ph - vs[i] / yTop * ph;
      }
      c.polyline(xs, ys, COLORS[k % COLORS.length], 2, s.name());
    }

    // Legend, top right inside the plot area.
    double lw = 0;
    for (Series s : series) {
      lw = Math.max(lw, c.textWidth(s.name(), 12));
    }
    double boxW = lw + 44;
    double boxH = 8 + 18 * series.size();
    double bx = left + pw - boxW - 8;
    double by = top + 8;
    c.rect(bx, by, boxW, boxH, "#ffffff", "#999999");
    for (int k = 0; k < series.size(); k++) {
      double y = by + 16 + 18 * k;
      c.line(bx + 8, y - 4, bx + 30, y - 4, COLORS[k % COLORS.length], 3);
      c.text(bx + 36, y, series.get(k).name(), 12, Canvas.Anchor.START, TEXT);
    }
  }

  /** One bar: a label (indented by depth), its value and the text printed after it. */
  record Bar(String label, int depth, double value, String note) {}

  /** Draws horizontal bars scaled to {@code full} (100%), one row per bar, labels on the left. */
  static void bars(Canvas c, int width, int height, String title, List<Bar> bars, double full) {
    double top = 48;
    double labelW = 0;
    for (Bar b : bars) {
      labelW = Math.max(labelW, c.textWidth(b.label(), 12) + 14 * b.depth());
    }
    double left = 16 + labelW + 12;
    double noteW = 0;
    for (Bar b : bars) {
      noteW = Math.max(noteW, c.textWidth(b.note(), 11));
    }
    double pw = Math.max(20, width - left - noteW - 28);
    double rowH = bars.isEmpty() ? 20 : Math.min(28, (height - top - 36) / bars.size());
    c.text(width / 2.0, 24, title, 15, Canvas.Anchor.MIDDLE, TEXT);
    for (int p = 0; p <= 100; p += 25) {
      double x = left + pw * p / 100.0;
      c.line(x, top - 4, x, top + rowH * bars.size(), GRID, 1);
      c.text(x, top + rowH * bars.size() + 16, p + "%", 11, Canvas.Anchor.MIDDLE, TEXT);
    }
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      double y = top + rowH * i;
      double w = full <= 0 ? 0 : b.value() / full * pw;
      c.text(16 + 14 * b.depth(), y + rowH * 0.65, b.label(), 12, Canvas.Anchor.START, TEXT);
      c.rect(left, y + rowH * 0.15, Math.max(1, w), rowH * 0.7, COLORS[b.depth() % COLORS.length], null);
      c.text(left + w + 6, y + rowH * 0.65, b.note(), 11, Canvas.Anchor.START, TEXT);
    }
  }

  /** A step of 1, 2 or 5 times a power of ten giving about {@code ticks} ticks up to {@code max}. */
  static double niceStep(double max, int ticks) {
    double raw = max / ticks;
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / mag;
    double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
    return nice * mag;
  }

  /** A tick label with as many decimals as the step needs. */
  static String label(double v, double step) {
    int decimals = step >= 1 ? 0 : (int) Math.min(6, Math.ceil(-Math.log10(step) - 1e-9));
    if (decimals == 0 && Math.abs(v) >= 1e6) {
      return String.format(Locale.ROOT, "%.3g", v);
    }
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }
}

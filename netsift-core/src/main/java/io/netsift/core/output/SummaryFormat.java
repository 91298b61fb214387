package io.netsift.core.output;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Walk;

/**
 * tshark's one-line packet summary: No. right-aligned to 5, Time right-aligned to 10,
 * Source right-aligned and Destination left-aligned to 12 joined by an arrow, then Protocol, Length and
 * Info, each separated by one space.
 */
public final class SummaryFormat {
  private final Walk walk = new Walk();
  private final Columns columns = new Columns();
  private final TimeFormat time;
  private final StringBuilder sb = new StringBuilder(160);

  public SummaryFormat(TimeFormat time) {
    this.time = time;
  }

  /** Fills and returns the columns of {@code d} (valid until the next call). */
  public Columns columns(Dissection d) {
    walk.columns(d, columns);
    columns.time = time.format(d);
    return columns;
  }

  /** The summary line of {@code d} (without a line break). */
  public String line(Dissection d) {
    return line(columns(d));
  }

  /** The summary line of already filled columns. */
  public String line(Columns c) {
    sb.setLength(0);
    padLeft(sb, Long.toString(c.number), 5);
    sb.append(' ');
    padLeft(sb, c.time, 10);
    sb.append(' ');
    padLeft(sb, c.source, 12);
    sb.append(" \u2192 ");
    padRight(sb, c.destination, 12);
    sb.append(' ').append(c.protocol).append(' ').append(c.length).append(' ').append(c.info);
    return sb.toString();
  }

  private static void padLeft(StringBuilder sb, String s, int width) {
    for (int i = s.length(); i < width; i++) {
      sb.append(' ');
    }
    sb.append(s);
  }

  private static void padRight(StringBuilder sb, String s, int width) {
    sb.append(s);
    for (int i = s.length(); i < width; i++) {
      sb.append(' ');
    }
  }
}

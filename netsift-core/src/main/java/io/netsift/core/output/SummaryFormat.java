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

  /** The arrow between Source and Destination, U+2192, as UTF-8. */
  private static final byte[] ARROW = {' ', (byte) 0xE2, (byte) 0x86, (byte) 0x92, ' '};

  /**
   * Appends the summary line of {@code d} and a line break as UTF-8: the same bytes as
   * {@link #line(Dissection)}, without building the line as a string first.
   */
  public void append(Dissection d, Utf8Buffer out) {
    Columns c = columns(d);
    out.spaces(5 - Utf8Buffer.digits(c.number)).append(c.number).ascii(' ');
    out.spaces(10 - c.time.length()).append(c.time).ascii(' ');
    out.spaces(12 - c.source.length()).append(c.source).bytes(ARROW);
    out.append(c.destination).spaces(12 - c.destination.length());
    out.ascii(' ').append(c.protocol).ascii(' ').append(c.length).ascii(' ').append(c.info).ascii('\n');
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

package io.netsift.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The progress line of a long read on standard error: packets, bytes, rate and, for a file of
 * known size, the percent read and the time left, redrawn in place at most four times a second
 * and erased when the read ends. It appears when standard error is a terminal, unless {@code -q};
 * packet lines printed to the same terminal erase it first and it is redrawn below them, so it
 * never splits a packet line; and only once a read has lasted half a second, so small files
 * never show it.
 */
final class Progress {
  /** At most four redraws a second. */
  static final long INTERVAL_NANOS = 250_000_000L;
  /** Reads shorter than this show nothing (system property netsift.progress.delay, in ms, for tests). */
  static final long DELAY_NANOS = Long.getLong("netsift.progress.delay", 500) * 1_000_000L;

  private final PrintStream err;
  private final long size;
  private final long start;
  private long last;
  private boolean shown;

  /** A progress line on {@code err} for a read of {@code size} bytes (-1: unknown), started at {@code startNanos}. */
  Progress(PrintStream err, long size, long startNanos) {
    this.err = err;
    this.size = size;
    this.start = startNanos;
    this.last = startNanos + DELAY_NANOS - INTERVAL_NANOS;
  }

  /**
   * Whether to draw the line: standard error is a terminal and the read is not quiet
   * ({@code -q}). When packet lines go to the same terminal, the output erases the line before
   * each block of packet lines ({@link ReadCommand.Utf8Out}), so a line is never split.
   */
  static boolean wanted(boolean stderrTerminal, boolean quiet) {
    return stderrTerminal && !quiet;
  }

  /** Redraws the line if a quarter second has passed since the last one. */
  void update(long packets, long position, long nowNanos) {
    if (nowNanos - last < INTERVAL_NANOS) {
      return;
    }
    last = nowNanos;
    shown = true;
    // Carriage return, the line, and "erase to end of line" for a line shorter than the last.
    err.print("\r" + line(packets, position, size, (nowNanos - start) / 1e9) + "\033[K");
    err.flush();
  }

  /** Erases the line, if one was drawn. */
  void finish() {
    if (shown) {
      err.print("\r\033[K");
      err.flush();
      shown = false;
    }
  }

  /**
   * The text: {@code 1234 packets, 12.5 MB of 40.0 MB (31%), 6.3 MB/s, 0:05 left}; without the
   * total, percent and time left when the size is unknown (standard input).
   */
  static String line(long packets, long bytes, long size, double seconds) {
    StringBuilder sb = new StringBuilder(80);
    sb.append(packets).append(packets == 1 ? " packet, " : " packets, ").append(size(bytes));
    double rate = seconds > 0 ? bytes / seconds : 0;
    if (size > 0) {
      long percent = Math.min(100, bytes * 100 / size);
      sb.append(" of ").append(size(size)).append(" (").append(percent).append("%)");
    }
    sb.append(", ").append(size((long) rate)).append("/s");
    if (size > 0 && rate > 0 && bytes < size) {
      long left = (long) Math.ceil((size - bytes) / rate);
      sb.append(", ").append(duration(left)).append(" left");
    }
    return sb.toString();
  }

  /** Bytes with an SI prefix and one decimal: 999 B, 1.0 kB, 12.5 MB, 3.2 GB. */
  static String size(long n) {
    if (n < 1000) {
      return n + " B";
    }
    String[] units = {"kB", "MB", "GB", "TB", "PB"};
    double v = n;
    int u = -1;
    while (v >= 999.95 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  /** Seconds as {@code M:SS}, or {@code H:MM:SS} from an hour up. */
  static String duration(long seconds) {
    long h = seconds / 3600;
    long m = seconds / 60 % 60;
    long s = seconds % 60;
    return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
  }
}

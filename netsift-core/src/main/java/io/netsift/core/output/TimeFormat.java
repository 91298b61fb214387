package io.netsift.core.output;

import io.netsift.core.dissect.Dissection;
import io.netsift.core.field.FieldFormat;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The Time column formats of tshark's {@code -t}: relative (r, the default), absolute
 * (a, ad, adoy), UTC (u, ud, udoy), delta (d), delta displayed (dd) and epoch (e). Digits
 * follow the file's timestamp precision, as tshark's automatic precision does.
 */
public enum TimeFormat {
  RELATIVE("r"), ABSOLUTE("a"), ABSOLUTE_DATE("ad"), ABSOLUTE_DOY("adoy"), DELTA("d"),
  DELTA_DISPLAYED("dd"), EPOCH("e"), UTC("u"), UTC_DATE("ud"), UTC_DOY("udoy");

  private final String flag;

  TimeFormat(String flag) {
    this.flag = flag;
  }

  /** The {@code -t} letter(s). */
  public String flag() {
    return flag;
  }

  /** Parses a {@code -t} argument. */
  public static TimeFormat of(String flag) {
    for (TimeFormat f : values()) {
      if (f.flag.equals(flag)) {
        return f;
      }
    }
    throw new IllegalArgumentException("invalid -t time format \"" + flag
        + "\": use one of a, ad, adoy, d, dd, e, r, u, ud, udoy");
  }

  /** The Time column text for a dissected frame. */
  public String format(Dissection d) {
    int digits = d.timestampDigits() >= 9 ? 9 : 6;
    switch (this) {
      case RELATIVE: return seconds(d.relativeNanos(), digits);
      case DELTA: return seconds(d.deltaNanos(), digits);
      case DELTA_DISPLAYED: return seconds(d.deltaDisplayedNanos(), digits);
      case EPOCH: return seconds(d.timestampNanos(), digits);
      default: return clock(d.timestampNanos(), digits);
    }
  }

  private String clock(long nanos, int digits) {
    ZoneId zone = this == UTC || this == UTC_DATE || this == UTC_DOY ? ZoneOffset.UTC : FieldFormat.zone();
    long sec = Math.floorDiv(nanos, 1_000_000_000L);
    long ns = Math.floorMod(nanos, 1_000_000_000L);
    LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochSecond(sec), zone);
    StringBuilder sb = new StringBuilder(32);
    if (this == ABSOLUTE_DATE || this == UTC_DATE) {
      sb.append(String.format("%04d-%02d-%02d ", t.getYear(), t.getMonthValue(), t.getDayOfMonth()));
    } else if (this == ABSOLUTE_DOY || this == UTC_DOY) {
      sb.append(String.format("%04d/%03d ", t.getYear(), t.getDayOfYear()));
    }
    sb.append(String.format("%02d:%02d:%02d.", t.getHour(), t.getMinute(), t.getSecond()));
    appendFraction(sb, ns, digits);
    return sb.toString();
  }

  /** Seconds with {@code digits} decimals (truncated, as Wireshark does). */
  static String seconds(long nanos, int digits) {
    StringBuilder sb = new StringBuilder(24);
    if (nanos < 0) {
      sb.append('-');
      nanos = -nanos;
    }
    sb.append(nanos / 1_000_000_000L).append('.');
    appendFraction(sb, nanos % 1_000_000_000L, digits);
    return sb.toString();
  }

  private static void appendFraction(StringBuilder sb, long ns, int digits) {
    long v = digits == 9 ? ns : ns / 1000;
    String s = Long.toString(v);
    for (int i = s.length(); i < digits; i++) {
      sb.append('0');
    }
    sb.append(s);
  }
}

package io.netsift.core.field;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Turns field values into text the way tshark 4.0 does: {@link #value} is what
 * {@code -T fields} and JSON print, {@link #display} the value part of a tree line
 * ("TCP (6)"), {@link #showname} the whole tree line ("Protocol: TCP (6)").
 */
public final class FieldFormat {
  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("MMM ppd, yyyy HH:mm:ss", Locale.US);
  private static volatile ZoneId zone = ZoneId.systemDefault();

  private FieldFormat() {}

  /** The zone absolute times print in (tshark uses the local zone; tests use UTC). */
  public static void setZone(ZoneId z) {
    zone = z;
  }

  public static ZoneId zone() {
    return zone;
  }

  // ---------- -T fields / JSON value text ----------

  /** Text of a number-valued field. */
  public static String value(Field f, long v) {
    switch (f.type()) {
      case BOOLEAN:
        return v != 0 ? "1" : "0";
      case ABSOLUTE_TIME:
        return absolute(f.base(), v);
      case RELATIVE_TIME:
        return relative(v);
      case CHAR:
        return f.base() == Base.HEX ? hex(v, 2) : String.valueOf(v);
      case INT8: case INT16: case INT24: case INT32: case INT40: case INT48: case INT56: case INT64:
        return integer(f, v, true);
      default:
        return integer(f, v, false);
    }
  }

  /** Appends {@link #value(Field, long)} to {@code sb}, without a String for plain decimals. */
  public static void appendValue(StringBuilder sb, Field f, long v) {
    if (plainDecimal(f)) {
      sb.append(v);
      return;
    }
    switch (f.type()) {
      case BOOLEAN:
        sb.append(v != 0 ? '1' : '0');
        return;
      default:
        break;
    }
    sb.append(value(f, v));
  }

  /** Whether {@code f}'s number prints as its plain decimal value (an unsigned integer in base 10). */
  public static boolean plainDecimal(Field f) {
    switch (f.type()) {
      case UINT8: case UINT16: case UINT24: case UINT32: case FRAMENUM:
        return f.base() == Base.DEC || f.base() == Base.NONE;
      default:
        return false;
    }
  }

  /** Appends {@link #value(Field, byte[], int, int)} to {@code sb}; IPv4 addresses without a String. */
  public static void appendValue(StringBuilder sb, Field f, byte[] data, int off, int len) {
    if (f.type() == FieldType.IPv4 && len == 4) {
      Addresses.appendIpv4(sb, data, off);
    } else {
      sb.append(value(f, data, off, len));
    }
  }

  private static String integer(Field f, long v, boolean signed) {
    int digits = f.type().width() * 2;
    String dec = signed ? Long.toString(v) : Long.toUnsignedString(v);
    switch (f.base()) {
      case HEX:
        return hex(v, digits);
      case OCT:
        return v == 0 ? "0" : "0" + Long.toOctalString(v);
      case HEX_DEC:
        return hex(v, digits);
      default:
        return dec;
    }
  }

  /** {@code 0x} and at least {@code digits} lower-case hex digits. */
  public static String hex(long v, int digits) {
    String h = Long.toHexString(v);
    StringBuilder sb = new StringBuilder(2 + Math.max(digits, h.length())).append("0x");
    for (int i = h.length(); i < digits; i++) {
      sb.append('0');
    }
    return sb.append(h).toString();
  }

  /** Text of a bytes-valued field at {@code data[off, off+len)}. */
  public static String value(Field f, byte[] data, int off, int len) {
    switch (f.type()) {
      case ETHER:
        return len == 6 ? Addresses.mac(data, off) : Addresses.hex(data, off, len, ':');
      case IPv4:
        return len == 4 ? Addresses.ipv4(data, off) : Addresses.hex(data, off, len);
      case IPv6:
        return len == 16 ? Addresses.ipv6(data, off) : Addresses.hex(data, off, len);
      case STRING: case STRINGZ: case UINT_STRING:
        return Strings.printable(data, off, len);
      case EUI64:
        return Addresses.hex(data, off, len, ':');
      case BYTES: case UINT_BYTES:
        return len == 0 ? "<none>" : Addresses.hex(data, off, len); // tshark's text for empty bytes
      case NONE: case PROTOCOL:
        return "";
      default:
        return Addresses.hex(data, off, len);
    }
  }

  /** Text of an object-valued field. */
  public static String value(Field f, Object o) {
    if (f.type() == FieldType.PROTOCOL) {
      // tshark prints a protocol item's text; the malformed marker prints its name.
      return o == null || f.name().equals("_ws.malformed") ? f.name() : String.valueOf(o);
    }
    if (f.type() == FieldType.NONE) {
      return "1"; // tshark's -T fields prints "1" for any FT_NONE item present
    }
    if (o instanceof Float) {
      return floatText((Float) o);
    }
    if (o instanceof Double || o instanceof Float) {
      return doubleText(((Number) o).doubleValue());
    }
    if (o instanceof byte[]) {
      byte[] b = (byte[]) o;
      return value(f, b, 0, b.length);
    }
    return String.valueOf(o);
  }

  /** A single-precision float as Wireshark prints FT_FLOAT: C's %g with 6 significant digits. */
  public static String floatText(float f) {
    if (Float.isNaN(f) || Float.isInfinite(f)) {
      return Float.isNaN(f) ? "nan" : f > 0 ? "inf" : "-inf";
    }
    if (f == 0) {
      return (1 / f) < 0 ? "-0" : "0";
    }
    java.math.BigDecimal v = new java.math.BigDecimal(f).round(new java.math.MathContext(6));
    int exponent = v.precision() - v.scale() - 1;
    if (exponent < -4 || exponent >= 6) {
      java.math.BigDecimal mantissa = v.movePointLeft(exponent).stripTrailingZeros();
      String m = mantissa.scale() <= 0 ? mantissa.toBigInteger().toString() : mantissa.toPlainString();
      return m + (exponent < 0 ? "e-" : "e+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
    }
    v = v.stripTrailingZeros();
    return v.scale() <= 0 ? v.toBigInteger().toString() : v.toPlainString();
  }

  /** Doubles as Wireshark's %g-like shortest form. */
  public static String doubleText(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return Double.toString(d);
  }

  /** {@code seconds.nanoseconds} with nine digits, as tshark prints relative times. */
  public static String relative(long nanos) {
    StringBuilder sb = new StringBuilder(20);
    if (nanos < 0) {
      sb.append('-');
      nanos = -nanos;
    }
    sb.append(nanos / 1_000_000_000L).append('.');
    String frac = Long.toString(nanos % 1_000_000_000L);
    for (int i = frac.length(); i < 9; i++) {
      sb.append('0');
    }
    return sb.append(frac).toString();
  }

  /** Absolute time text in one of Wireshark's absolute-time displays. */
  public static String absolute(Base display, long nanos) {
    long sec = Math.floorDiv(nanos, 1_000_000_000L);
    long ns = Math.floorMod(nanos, 1_000_000_000L);
    String frac = String.format("%09d", ns);
    if (display == Base.TIME_UNIX) {
      return sec + "." + frac;
    }
    ZoneId z = display == Base.TIME_UTC ? ZoneOffset.UTC : zone;
    ZonedDateTime t = Instant.ofEpochSecond(sec).atZone(z);
    String abbr = display == Base.TIME_UTC ? "UTC" : zoneAbbreviation(t);
    return LOCAL.format(t) + "." + frac + " " + abbr;
  }

  private static String zoneAbbreviation(ZonedDateTime t) {
    String s = DateTimeFormatter.ofPattern("zzz", Locale.US).format(t);
    return s.equals("Z") ? "UTC" : s;
  }

  // ---------- tree display ----------

  /** The value as a tree line shows it: labels, units and hex/dec forms added. */
  public static String display(Field f, long v) {
    String custom = f.shownValue(v);
    if (custom != null) {
      return custom;
    }
    if (f.scale() > 1) {
      return v + f.unit() + " (" + v / f.scale() + ")";
    }
    String label = f.valueLabel(v);
    switch (f.type()) {
      case BOOLEAN:
        return v != 0 ? f.trueLabel() : f.falseLabel();
      case ABSOLUTE_TIME:
        return f.base() == Base.TIME_UNIX ? absolute(Base.TIME_UNIX, v) + " seconds" : absolute(f.base(), v);
      case RELATIVE_TIME:
        return relative(v) + " seconds";
      default:
        break;
    }
    String num;
    // A bitmask field shows as many hex digits as its mask has bits (tshark's
    // hfinfo_hex_digits): switch-id 0x0fff in 24 bits is "0xebf".
    int digits = f.bitmask() != 0 ? (64 - Long.numberOfLeadingZeros(f.bitmask() >>> f.shift()) + 3) / 4
        : f.type().width() * 2;
    switch (f.base()) {
      case HEX: num = hex(v, digits); break;
      case DEC_HEX: num = Long.toUnsignedString(v) + " (" + hex(v, digits) + ")"; break;
      case HEX_DEC: num = hex(v, digits) + " (" + Long.toUnsignedString(v) + ")"; break;
      default: num = f.type().isSigned() ? Long.toString(v) : Long.toUnsignedString(v);
    }
    if (label == null && f.hasValueLabels()) {
      label = "Unknown"; // tshark's word for a value its table lacks
    }
    if (label != null) {
      // BASE_NONE with a value table shows the name alone ("Header checksum status: Unverified").
      return f.base() == Base.NONE ? label : label + " (" + num + ")";
    }
    return num + f.unit();
  }

  /** The whole tree line: bit pattern for bitmask fields, label, value. */
  public static String showname(Field f, long v) {
    StringBuilder sb = new StringBuilder();
    if (f.bitmask() != 0 && f.bitWidth() > 0 && f.bitsShown()) {
      sb.append(bitPattern(f, v / f.scale())).append(" = ");
    }
    return sb.append(f.label()).append(": ").append(display(f, v)).toString();
  }

  /** Wireshark's {@code .... ..1.} picture of a bitmask field's bits. */
  public static String bitPattern(Field f, long v) {
    int bits = f.bitWidth();
    long raw = (v << f.shift()) & f.bitmask();
    if (f.type() == FieldType.BOOLEAN && v != 0) {
      raw = f.bitmask();
    }
    StringBuilder sb = new StringBuilder(bits + bits / 4);
    for (int i = bits - 1; i >= 0; i--) {
      long bit = 1L << i;
      sb.append((f.bitmask() & bit) == 0 ? '.' : (raw & bit) != 0 ? '1' : '0');
      if (i > 0 && i % 4 == 0) {
        sb.append(' ');
      }
    }
    return sb.toString();
  }
}

package io.netsift.core.filter;

import io.netsift.core.field.Base;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldFormat;
import io.netsift.core.field.FieldType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the constants of a filter into typed values, as Wireshark 4.0's
 * {@code fvalue_from_literal}, {@code fvalue_from_string} and {@code fvalue_from_charconst} do,
 * with their error messages. A value a type cannot parse may still name a value-string label
 * ({@code ip.proto == UDP}, {@code tcp.checksum.status == "Bad"}) or a boolean's state
 * ({@code ip.flags.df == "Set"}).
 */
final class Literals {
  private Literals() {}

  /** A constant that does not fit the type; the message is tshark's. */
  static final class Bad extends Exception {
    private static final long serialVersionUID = 1L;

    Bad(String message) {
      super(message, null, false, false);
    }
  }

  /** An unquoted literal ({@code 10.0.0.1/8}, {@code 0x1f}, {@code UDP}) as a value of type {@code t}. */
  static Values fromLiteral(FieldType t, String s, boolean partial, Field labels) throws Bad {
    switch (t) {
      case BOOLEAN: {
        if (s.equals("True") || s.equals("TRUE")) {
          return Values.ofNumber(1);
        }
        if (s.equals("False") || s.equals("FALSE")) {
          return Values.ofNumber(0);
        }
        try {
          return Values.ofNumber(parseUnsigned(s, -1L) != 0 ? 1 : 0);
        } catch (Bad e) {
          return label(t, s, labels, e);
        }
      }
      case FLOAT: case DOUBLE:
        return Values.ofDouble(parseDouble(s));
      case RELATIVE_TIME:
        return Values.ofNumber(parseRelative(s));
      case ABSOLUTE_TIME:
        if (labels != null && labels.base() == Base.TIME_UNIX) {
          // Epoch-time fields (frame.time_epoch) also take seconds since 1970.
          try {
            return Values.ofNumber(parseRelative(s));
          } catch (Bad e) {
            // not seconds: a date, below
          }
        }
        return Values.ofNumber(parseAbsolute(s));
      case IPv4:
        return ipv4(s);
      case IPv6:
        return ipv6(s);
      case ETHER: {
        byte[] b = hexBytes(s);
        if (b == null) {
          throw new Bad("\"" + s + "\" is not a valid Ethernet address.");
        }
        if (!partial && b.length > 6) {
          throw new Bad("\"" + s + "\" contains too many bytes to be a valid Ethernet address.");
        }
        if (!partial && b.length < 6) {
          throw new Bad("\"" + s + "\" contains too few bytes to be a valid Ethernet address.");
        }
        return Values.ofBytes(b);
      }
      case STRING: case STRINGZ: case UINT_STRING:
        return Values.ofBytes(s.getBytes(StandardCharsets.UTF_8));
      case PROTOCOL: case BYTES: case UINT_BYTES: case GUID: case OID: case EUI64: {
        byte[] b = hexBytes(s);
        if (b == null) {
          throw new Bad("\"" + s + "\" is not a valid byte string.");
        }
        return Values.ofBytes(b);
      }
      case NONE:
        throw new Bad("\"" + s + "\" cannot be converted to " + Ftypes.pretty(t) + ".");
      default:
        try {
          return Values.ofNumber(t.isSigned() ? parseSigned(s, t) : parseUnsigned(s, Ftypes.maxUnsigned(t)));
        } catch (Bad e) {
          return label(t, s, labels, e);
        }
    }
  }

  /** A quoted string ({@code "Bad"}, {@code "GET"}, {@code "2012-04-08 15:20:00"}) as type {@code t}. */
  static Values fromString(FieldType t, byte[] bytes, Field labels) throws Bad {
    String text = new String(bytes, StandardCharsets.UTF_8);
    switch (t) {
      case STRING: case STRINGZ: case UINT_STRING:
      case PROTOCOL: case BYTES: case UINT_BYTES: case GUID: case OID: case EUI64:
        return Values.ofBytes(bytes);
      case ABSOLUTE_TIME:
        return Values.ofNumber(parseAbsolute(text));
      default: {
        Bad e = new Bad(Ftypes.pretty(t) + " cannot be converted from a string (\"" + text + "\").");
        if (t == FieldType.BOOLEAN || Ftypes.isInteger(t)) {
          return label(t, text, labels, e);
        }
        throw e;
      }
    }
  }

  /** A character constant ({@code 'a'}, {@code '\x41'}) as type {@code t}. */
  static Values fromChar(FieldType t, long c, String token) throws Bad {
    if (Ftypes.isInteger(t) || t == FieldType.BOOLEAN) {
      return Values.ofNumber(t == FieldType.BOOLEAN ? (c != 0 ? 1 : 0) : c);
    }
    if (Ftypes.isByteRange(Ftypes.rep(t)) && t != FieldType.ETHER && t != FieldType.IPv6) {
      return Values.ofBytes(new byte[] {(byte) c});
    }
    throw new Bad(String.format("Character constant %s (0x%02x) cannot be converted to %s.", token, c,
        Ftypes.pretty(t)));
  }

  // ---- value strings ----

  private static final Map<Field, Map<String, Long>> LABELS = new ConcurrentHashMap<>();
  /** Largest value searched for a label; covers every 8-, 16- and 20-bit value. */
  private static final long LABEL_SEARCH = 1 << 20;

  /** The value whose label is {@code s} (ASCII case-insensitive), or the error tshark gives. */
  private static Values label(FieldType t, String s, Field f, Bad parseError) throws Bad {
    if (f == null) {
      throw parseError;
    }
    String key = s.toLowerCase(Locale.ROOT);
    if (t == FieldType.BOOLEAN) {
      if (key.equals(f.trueLabel().toLowerCase(Locale.ROOT))) {
        return Values.ofNumber(1);
      }
      if (key.equals(f.falseLabel().toLowerCase(Locale.ROOT))) {
        return Values.ofNumber(0);
      }
      throw new Bad("\"" + s + "\" cannot be found among the possible values for " + f.name() + ".");
    }
    if (!f.hasValueLabels()) {
      throw parseError;
    }
    Long v = LABELS.computeIfAbsent(f, Literals::labelTable).get(key);
    if (v == null) {
      throw new Bad("\"" + s + "\" cannot be found among the possible values for " + f.name() + ".");
    }
    return Values.ofNumber(v);
  }

  /** Every label of a field, lower-cased, mapped to its smallest value. */
  private static Map<String, Long> labelTable(Field f) {
    Map<String, Long> m = new HashMap<>();
    long max = f.type().isSigned() ? Ftypes.maxSigned(f.type()) : Ftypes.maxUnsigned(f.type());
    long limit = max < 0 || max > LABEL_SEARCH ? LABEL_SEARCH : max;
    for (long v = 0; v <= limit; v++) {
      String l = f.valueLabel(v);
      if (l != null) {
        m.putIfAbsent(l.toLowerCase(Locale.ROOT), v);
      }
    }
    return m;
  }

  // ---- numbers ----

  /** strtoul with base detection (0x hex, 0b binary, leading 0 octal), then the type's range. */
  static long parseUnsigned(String s, long max) throws Bad {
    int base = 10;
    int p = 0;
    if (s.length() > 1 && s.charAt(0) == '0') {
      char c = s.charAt(1);
      if (c == 'x' || c == 'X') {
        base = 16;
        p = 2;
      } else if (c == 'b' || c == 'B') {
        base = 2;
        p = 2;
      } else {
        base = 8;
        p = 1;
      }
    }
    if (p >= s.length() && base != 8) {
      throw new Bad("\"" + s + "\" is not a valid number.");
    }
    long v = 0;
    boolean overflow = false;
    for (int i = p; i < s.length(); i++) {
      int d = Character.digit(s.charAt(i), base);
      if (d < 0 || s.charAt(i) > 127) {
        throw new Bad("\"" + s + "\" is not a valid number.");
      }
      long next = v * base + d;
      if (Long.compareUnsigned(v, Long.divideUnsigned(-1L, base)) > 0 || Long.compareUnsigned(next, v) < 0) {
        overflow = true;
      }
      v = next;
    }
    if (overflow) {
      throw new Bad("\"" + s + "\" causes an integer overflow.");
    }
    if (max != -1L && Long.compareUnsigned(v, max) > 0) {
      throw new Bad("\"" + s + "\" too big for this field, maximum " + Long.toUnsignedString(max) + ".");
    }
    return v;
  }

  static long parseSigned(String s, FieldType t) throws Bad {
    long v = parseUnsigned(s, -1L);
    if (v < 0 || v > Ftypes.maxSigned(t)) {
      throw new Bad("\"" + s + "\" too big for this field, maximum " + Ftypes.maxSigned(t) + ".");
    }
    return v;
  }

  private static final Pattern FLOAT = Pattern.compile(
      "[0-9]+(\\.[0-9]*)?([eE][+-]?[0-9]+)?|\\.[0-9]+([eE][+-]?[0-9]+)?|(?i:inf(inity)?|nan)");
  private static final Pattern HEX_FLOAT = Pattern.compile("0[xX]([0-9a-fA-F]+(\\.[0-9a-fA-F]*)?)([pP][+-]?[0-9]+)?");

  /** strtod: decimal, hexadecimal ({@code 0x10}, {@code 0x1.8p1}), inf and nan. */
  static double parseDouble(String s) throws Bad {
    Matcher hex = HEX_FLOAT.matcher(s);
    if (hex.matches()) {
      return Double.parseDouble(hex.group(3) == null ? s + "p0" : s);
    }
    if (!FLOAT.matcher(s).matches()) {
      throw new Bad("\"" + s + "\" is not a valid floating-point number.");
    }
    String x = s.toLowerCase(Locale.ROOT);
    if (x.startsWith("inf")) {
      return Double.POSITIVE_INFINITY;
    }
    if (x.equals("nan")) {
      return Double.NaN;
    }
    return Double.parseDouble(s);
  }

  // ---- times ----

  /** {@code [-]seconds[.fraction]} in nanoseconds. */
  static long parseRelative(String s) throws Bad {
    Bad bad = new Bad("\"" + s + "\" is not a valid time.");
    int p = 0;
    boolean negative = s.startsWith("-");
    if (negative) {
      p++;
    }
    long secs = 0;
    int digits = p;
    while (p < s.length() && Character.isDigit(s.charAt(p)) && s.charAt(p) < 128) {
      secs = secs * 10 + (s.charAt(p) - '0');
      if (secs > Long.MAX_VALUE / 1_000_000_000L - 1) {
        throw bad;
      }
      p++;
    }
    boolean haveSecs = p > digits;
    long nanos = 0;
    if (p < s.length()) {
      if (s.charAt(p) != '.') {
        throw bad;
      }
      p++;
      String frac = s.substring(p);
      if (frac.isEmpty() && !haveSecs || frac.length() > 9 || !frac.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw bad;
      }
      for (int i = 0; i < 9; i++) {
        nanos = nanos * 10 + (i < frac.length() ? frac.charAt(i) - '0' : 0);
      }
    } else if (!haveSecs) {
      throw bad;
    }
    long v = secs * 1_000_000_000L + nanos;
    return negative ? -v : v;
  }

  private static final Pattern ISO = Pattern.compile(
      "(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[T ](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?"
          + "\\s*(Z|UTC|[+-]\\d{2}(?::?\\d{2})?)?");
  private static final Pattern LEGACY = Pattern.compile(
      "([A-Za-z]{3})\\s+(\\d{1,2}),\\s*(\\d{4})(?:\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?)?"
          + "(?:\\s+(UTC|GMT|UT))?");
  private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
      "nov", "dec"};

  /**
   * An absolute time in nanoseconds since the epoch: ISO 8601 ({@code 2011-07-04 12:34:56},
   * {@code 2012-04-08T15:20:00.5Z}) or the legacy {@code Nov 12, 1999 08:55:44.123}; local time
   * (the zone outputs use) unless a zone is given.
   */
  static long parseAbsolute(String s) throws Bad {
    String t = s.strip();
    Bad bad = new Bad("\"" + s + "\" is not a valid absolute time. Example: \"Nov 12, 1999 08:55:44.123\" or "
        + "\"2011-07-04 12:34:56\"");
    try {
      Matcher m = ISO.matcher(t);
      if (m.matches()) {
        return toNanos(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
            m.group(4), m.group(5), m.group(6), m.group(7), m.group(8));
      }
      m = LEGACY.matcher(t);
      if (m.matches()) {
        int month = -1;
        for (int i = 0; i < 12; i++) {
          if (MONTHS[i].equalsIgnoreCase(m.group(1))) {
            month = i + 1;
          }
        }
        if (month > 0) {
          return toNanos(Integer.parseInt(m.group(3)), month, Integer.parseInt(m.group(2)), m.group(4), m.group(5),
              m.group(6), m.group(7), m.group(8) != null ? "Z" : null);
        }
      }
    } catch (java.time.DateTimeException | NumberFormatException e) {
      throw bad;
    }
    throw bad;
  }

  private static long toNanos(int y, int mo, int d, String h, String mi, String sec, String frac, String zone) {
    LocalDateTime t = LocalDateTime.of(y, mo, d, h == null ? 0 : Integer.parseInt(h), mi == null ? 0 : Integer.parseInt(mi),
        sec == null ? 0 : Integer.parseInt(sec));
    ZoneId z;
    if (zone == null) {
      z = FieldFormat.zone();
    } else if (zone.equals("Z") || zone.equals("UTC")) {
      z = ZoneOffset.UTC;
    } else {
      String o = zone.length() == 3 ? zone + ":00" : zone.length() == 5 ? zone.substring(0, 3) + ":" + zone.substring(3) : zone;
      z = ZoneOffset.of(o);
    }
    long secs = t.atZone(z).toEpochSecond();
    long nanos = 0;
    if (frac != null) {
      for (int i = 0; i < 9; i++) {
        nanos = nanos * 10 + (i < frac.length() ? frac.charAt(i) - '0' : 0);
      }
    }
    return secs * 1_000_000_000L + nanos;
  }

  // ---- addresses and bytes ----

  static Values ipv4(String s) throws Bad {
    int slash = s.indexOf('/');
    String addr = slash < 0 ? s : s.substring(0, slash);
    long v = parseIpv4(addr);
    if (v < 0) {
      throw new Bad("\"" + addr + "\" is not a valid hostname or IPv4 address.");
    }
    Values x = Values.ofNumber(v);
    if (slash >= 0) {
      long bits = bits(s.substring(slash + 1), "\"" + s + "\" is not a valid hostname or IPv4 address.");
      if (bits > 32) {
        throw new Bad("Netmask bits in a CIDR IPv4 address should be <= 32, not " + bits);
      }
      x.prefix[0] = (int) bits;
    }
    return x;
  }

  private static long bits(String s, String error) throws Bad {
    if (s.isEmpty() || s.length() > 9 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new Bad(error);
    }
    return Long.parseLong(s);
  }

  /** A dotted quad as an unsigned 32-bit value, or -1. */
  static long parseIpv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return -1;
    }
    long v = 0;
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return -1;
      }
      int x = Integer.parseInt(p);
      if (x > 255) {
        return -1;
      }
      v = v << 8 | x;
    }
    return v;
  }

  static Values ipv6(String s) throws Bad {
    int slash = s.indexOf('/');
    String addr = slash < 0 ? s : s.substring(0, slash);
    byte[] b = parseIpv6(addr);
    if (b == null) {
      throw new Bad("\"" + addr + "\" is not a valid hostname or IPv6 address.");
    }
    Values x = Values.ofBytes(b);
    if (slash >= 0) {
      long bits = bits(s.substring(slash + 1), "\"" + s + "\" is not a valid hostname or IPv6 address.");
      if (bits > 128) {
        throw new Bad("Prefix in a IPv6 address should be <= 128, not " + bits);
      }
      x.prefix[0] = (int) bits;
    }
    return x;
  }

  /** RFC 4291 text form (with an optional dotted-quad tail) as 16 bytes, or null. */
  static byte[] parseIpv6(String s) {
    if (s.isEmpty() || s.length() > 45) {
      return null;
    }
    int dbl = s.indexOf("::");
    if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
      return null;
    }
    String head = dbl < 0 ? s : s.substring(0, dbl);
    String tail = dbl < 0 ? "" : s.substring(dbl + 2);
    int[] h = groups(head);
    int[] t = groups(tail);
    if (h == null || t == null) {
      return null;
    }
    int n = h.length + t.length;
    if (dbl < 0 ? n != 8 : n > 7) {
      return null;
    }
    byte[] out = new byte[16];
    for (int i = 0; i < h.length; i++) {
      out[2 * i] = (byte) (h[i] >> 8);
      out[2 * i + 1] = (byte) h[i];
    }
    for (int i = 0; i < t.length; i++) {
      int k = 8 - t.length + i;
      out[2 * k] = (byte) (t[i] >> 8);
      out[2 * k + 1] = (byte) t[i];
    }
    return out;
  }

  /** Colon-separated hex groups, the last of which may be a dotted quad (two groups). */
  private static int[] groups(String s) {
    if (s.isEmpty()) {
      return new int[0];
    }
    String[] parts = s.split(":", -1);
    int n = parts.length;
    boolean quad = parts[n - 1].indexOf('.') >= 0;
    int[] out = new int[quad ? n + 1 : n];
    for (int i = 0; i < n; i++) {
      String p = parts[i];
      if (quad && i == n - 1) {
        long v = parseIpv4(p);
        if (v < 0) {
          return null;
        }
        out[i] = (int) (v >> 16);
        out[i + 1] = (int) (v & 0xffff);
        continue;
      }
      if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128)) {
        return null;
      }
      out[i] = Integer.parseInt(p, 16);
    }
    return out;
  }

  /**
   * Wireshark's byte-string literal: a leading colon is dropped, {@code 0xNN} is one byte, and
   * the rest is hex digits in pairs or fours, optionally separated by ':', '.' or '-' (a lone
   * digit before a separator or at the end is one byte). Null when it is not one.
   */
  static byte[] hexBytes(String literal) {
    String s = literal.startsWith(":") ? literal.substring(1) : literal;
    if (s.length() == 4 && s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'X')) {
      s = s.substring(2);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int n = s.length();
    int p = 0;
    while (p < n) {
      if (p + 3 < n && hex(s, p) && hex(s, p + 1) && hex(s, p + 2) && hex(s, p + 3)) {
        out.write(Integer.parseInt(s.substring(p, p + 2), 16));
        out.write(Integer.parseInt(s.substring(p + 2, p + 4), 16));
        p += 4;
      } else if (p + 1 < n && hex(s, p) && hex(s, p + 1)) {
        out.write(Integer.parseInt(s.substring(p, p + 2), 16));
        p += 2;
      } else if (hex(s, p) && (p + 1 == n || isSep(s.charAt(p + 1)))) {
        out.write(Character.digit(s.charAt(p), 16));
        p += 1;
      } else {
        return null;
      }
      if (p < n && isSep(s.charAt(p))) {
        p++;
        if (p == n) {
          return null;
        }
      }
    }
    return out.toByteArray();
  }

  private static boolean hex(String s, int p) {
    char c = s.charAt(p);
    return c < 128 && Character.digit(c, 16) >= 0;
  }

  private static boolean isSep(char c) {
    return c == ':' || c == '.' || c == '-';
  }
}

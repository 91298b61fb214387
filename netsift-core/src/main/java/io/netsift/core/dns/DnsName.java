package io.netsift.core.dns;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A domain name: a list of labels, each an arbitrary run of 1..63 octets (held as a
 * one-char-per-octet string, so no byte is lost), at most 255 octets on the wire
 * (RFC 1035 §2.3.4). Equality ignores ASCII case (RFC 4343) and position.
 *
 * <p>A name decoded from a message also knows where it was: {@link #offset()} is the first
 * byte of the name relative to the start of the message and {@link #wireLength()} the bytes
 * it occupies there — up to and including the terminating zero octet or the first
 * compression pointer, whichever came first. Built names have offset -1.
 *
 * <p>{@link #toString()} gives the master-file presentation form (RFC 1035 §5.1) with a
 * trailing dot, escaping as BIND and dig do: {@code \.} and {@code \\} style for the special
 * characters, {@code \DDD} for octets outside printable ASCII.
 */
public final class DnsName {
  /** The root name ".". */
  public static final DnsName ROOT = new DnsName(List.of(), -1, 0);

  /** Longest name on the wire, RFC 1035 §2.3.4. */
  public static final int MAX_WIRE_LENGTH = 255;
  /** Longest label, RFC 1035 §2.3.4. */
  public static final int MAX_LABEL_LENGTH = 63;

  private final List<String> labels;
  private final int offset;
  private final int wireLength;

  private DnsName(List<String> labels, int offset, int wireLength) {
    this.labels = labels;
    this.offset = offset;
    this.wireLength = wireLength;
  }

  /** A name decoded at {@code offset}, taking {@code wireLength} bytes there. */
  static DnsName decoded(List<String> labels, int offset, int wireLength) {
    return new DnsName(Collections.unmodifiableList(labels), offset, wireLength);
  }

  /**
   * Parses a name in presentation form: labels separated by dots, a trailing dot optional
   * ("." and "" are the root), {@code \X} and {@code \DDD} escapes. Non-ASCII characters are
   * taken as UTF-8 octets. Throws {@link IllegalArgumentException} for empty labels, labels
   * over 63 octets, names over 255 octets, and bad escapes.
   */
  public static DnsName of(String text) {
    if (text.isEmpty() || text.equals(".")) {
      return ROOT;
    }
    List<String> labels = new ArrayList<>();
    StringBuilder label = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '.') {
        if (label.length() == 0) {
          throw new IllegalArgumentException("empty label in domain name \"" + text + "\"");
        }
        labels.add(label.toString());
        label.setLength(0);
        i++;
      } else if (c == '\\') {
        if (i + 1 >= text.length()) {
          throw new IllegalArgumentException("domain name \"" + text + "\" ends with a lone backslash");
        }
        char d = text.charAt(i + 1);
        if (d >= '0' && d <= '9') {
          if (i + 3 >= text.length()) {
            throw new IllegalArgumentException("\\DDD escape needs three digits in \"" + text + "\"");
          }
          int v = 0;
          for (int k = 1; k <= 3; k++) {
            char e = text.charAt(i + k);
            if (e < '0' || e > '9') {
              throw new IllegalArgumentException("\\DDD escape needs three digits in \"" + text + "\"");
            }
            v = v * 10 + (e - '0');
          }
          if (v > 255) {
            throw new IllegalArgumentException("\\DDD escape above 255 in \"" + text + "\"");
          }
          label.append((char) v);
          i += 4;
        } else {
          appendUtf8(label, String.valueOf(d));
          i += 2;
        }
      } else {
        int cp = text.codePointAt(i);
        appendUtf8(label, new String(Character.toChars(cp)));
        i += Character.charCount(cp);
      }
    }
    if (label.length() > 0) {
      labels.add(label.toString());
    }
    return fromLabels(labels);
  }

  private static void appendUtf8(StringBuilder label, String s) {
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      label.append((char) (b & 0xff));
    }
  }

  /** A name from labels given one char per octet (chars above 0xFF are rejected). */
  public static DnsName fromLabels(List<String> labels) {
    int wire = 1;
    for (String l : labels) {
      if (l.isEmpty() || l.length() > MAX_LABEL_LENGTH) {
        throw new IllegalArgumentException("label length " + l.length() + " outside 1..63");
      }
      for (int i = 0; i < l.length(); i++) {
        if (l.charAt(i) > 0xff) {
          throw new IllegalArgumentException("label char above 0xFF; labels hold octets");
        }
      }
      wire += 1 + l.length();
    }
    if (wire > MAX_WIRE_LENGTH) {
      throw new IllegalArgumentException("domain name of " + wire + " octets exceeds 255");
    }
    return labels.isEmpty() ? ROOT : new DnsName(List.copyOf(labels), -1, 0);
  }

  /** The labels, leftmost first, one char per octet. */
  public List<String> labels() {
    return labels;
  }

  /** Number of labels (0 for the root). */
  public int labelCount() {
    return labels.size();
  }

  /** Whether this is the root. */
  public boolean isRoot() {
    return labels.isEmpty();
  }

  /** Where the name starts, relative to the start of the message; -1 for built names. */
  public int offset() {
    return offset;
  }

  /** Bytes the name occupies at {@link #offset()} (through the terminator or first pointer); 0 if built. */
  public int wireLength() {
    return wireLength;
  }

  /** Octets of the uncompressed wire form, including the root's zero octet. */
  public int encodedLength() {
    int n = 1;
    for (String l : labels) {
      n += 1 + l.length();
    }
    return n;
  }

  /** This name with a label in front. */
  public DnsName prepend(String label) {
    List<String> l = new ArrayList<>(labels.size() + 1);
    l.add(label);
    l.addAll(labels);
    return fromLabels(l);
  }

  /** Whether this name equals {@code other} or lies under it (case-insensitive). */
  public boolean isSubdomainOf(DnsName other) {
    int d = labels.size() - other.labels.size();
    if (d < 0) {
      return false;
    }
    for (int i = 0; i < other.labels.size(); i++) {
      if (!labels.get(d + i).equalsIgnoreCase(other.labels.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Presentation form without the trailing dot ("" for the root), as Wireshark shows names. */
  public String toRelativeString() {
    String s = toString();
    return s.equals(".") ? "" : s.substring(0, s.length() - 1);
  }

  /** Lower-cased presentation form, the key for case-insensitive maps. */
  String canonicalKey() {
    return toString().toLowerCase(Locale.ROOT);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof DnsName n) || n.labels.size() != labels.size()) {
      return false;
    }
    for (int i = 0; i < labels.size(); i++) {
      if (!asciiEqualsIgnoreCase(labels.get(i), n.labels.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean asciiEqualsIgnoreCase(String a, String b) {
    if (a.length() != b.length()) {
      return false;
    }
    for (int i = 0; i < a.length(); i++) {
      if (asciiLower(a.charAt(i)) != asciiLower(b.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static char asciiLower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }

  @Override
  public int hashCode() {
    int h = 1;
    for (String l : labels) {
      for (int i = 0; i < l.length(); i++) {
        h = 31 * h + asciiLower(l.charAt(i));
      }
      h = 31 * h + '.';
    }
    return h;
  }

  @Override
  public String toString() {
    if (labels.isEmpty()) {
      return ".";
    }
    StringBuilder sb = new StringBuilder();
    for (String l : labels) {
      for (int i = 0; i < l.length(); i++) {
        char c = l.charAt(i);
        switch (c) {
          case '.', '\\', '"', ';', '(', ')', '@', '$' -> sb.append('\\').append(c);
          default -> {
            if (c > 0x20 && c < 0x7f) {
              sb.append(c);
            } else {
              sb.append('\\').append(String.format("%03d", (int) c));
            }
          }
        }
      }
      sb.append('.');
    }
    return sb.toString();
  }
}

package io.netsift.core.dns;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A DNS CLASS as an open enum (RFC 1035 §3.2.4, RFC 6895 §3.2): a wire number always maps,
 * to a known constant or to {@code CLASSnnn} (RFC 3597 §5). mDNS puts its unicast-response
 * and cache-flush bit in the top bit of this field (RFC 6762 §18.12, §10.2); such values are
 * kept as they are, so a dissector can split them.
 */
public final class DnsClass {
  private static final Map<Integer, DnsClass> BY_VALUE = new HashMap<>();
  private static final Map<String, DnsClass> BY_NAME = new HashMap<>();

  public static final DnsClass IN = known(1, "IN");
  public static final DnsClass CH = known(3, "CH");
  public static final DnsClass HS = known(4, "HS");
  /** RFC 2136 §2.4: used in dynamic update prerequisites. */
  public static final DnsClass NONE = known(254, "NONE");
  public static final DnsClass ANY = known(255, "ANY");

  private final int value;
  private final String name;
  private final boolean known;

  private DnsClass(int value, String name, boolean known) {
    this.value = value;
    this.name = name;
    this.known = known;
  }

  private static DnsClass known(int value, String name) {
    DnsClass c = new DnsClass(value, name, true);
    BY_VALUE.put(value, c);
    BY_NAME.put(name, c);
    return c;
  }

  /** The class for a wire value 0..65535. */
  public static DnsClass valueOf(int value) {
    if (value < 0 || value > 0xffff) {
      throw new IllegalArgumentException("DNS class out of range 0..65535: " + value);
    }
    DnsClass c = BY_VALUE.get(value);
    return c != null ? c : new DnsClass(value, "CLASS" + value, false);
  }

  /** A class by mnemonic (case-insensitive) or {@code CLASSnnn}; empty if neither. */
  public static Optional<DnsClass> forName(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    DnsClass c = BY_NAME.get(upper);
    return c != null ? Optional.of(c) : Codes.parseGeneric(upper, "CLASS").map(DnsClass::valueOf);
  }

  /** The 16-bit wire value. */
  public int value() {
    return value;
  }

  /** The mnemonic, or {@code CLASSnnn}. */
  public String name() {
    return name;
  }

  /** Whether this is one of the constants above. */
  public boolean isKnown() {
    return known;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DnsClass c && c.value == value;
  }

  @Override
  public int hashCode() {
    return value;
  }

  @Override
  public String toString() {
    return name;
  }
}

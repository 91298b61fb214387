package io.netsift.core.dns;

import java.util.HashMap;
import java.util.Map;

/** The 4-bit header OPCODE as an open enum (IANA "DNS OpCodes"); unknown values are {@code RESERVEDn}. */
public final class DnsOpcode {
  private static final Map<Integer, DnsOpcode> BY_VALUE = new HashMap<>();

  public static final DnsOpcode QUERY = known(0, "QUERY");
  public static final DnsOpcode IQUERY = known(1, "IQUERY");
  public static final DnsOpcode STATUS = known(2, "STATUS");
  /** RFC 1996. */
  public static final DnsOpcode NOTIFY = known(4, "NOTIFY");
  /** RFC 2136. */
  public static final DnsOpcode UPDATE = known(5, "UPDATE");
  /** RFC 8490 DNS Stateful Operations. */
  public static final DnsOpcode DSO = known(6, "DSO");

  private final int value;
  private final String name;

  private DnsOpcode(int value, String name) {
    this.value = value;
    this.name = name;
  }

  private static DnsOpcode known(int value, String name) {
    DnsOpcode o = new DnsOpcode(value, name);
    BY_VALUE.put(value, o);
    return o;
  }

  /** The opcode for 0..15. */
  public static DnsOpcode valueOf(int value) {
    if (value < 0 || value > 15) {
      throw new IllegalArgumentException("DNS opcode out of range 0..15: " + value);
    }
    DnsOpcode o = BY_VALUE.get(value);
    return o != null ? o : new DnsOpcode(value, "RESERVED" + value);
  }

  /** The 4-bit value. */
  public int value() {
    return value;
  }

  /** The mnemonic, as dig prints it. */
  public String name() {
    return name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DnsOpcode x && x.value == value;
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

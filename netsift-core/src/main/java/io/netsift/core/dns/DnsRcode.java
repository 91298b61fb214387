package io.netsift.core.dns;

import java.util.HashMap;
import java.util.Map;

/**
 * A response code as an open enum (IANA "DNS RCODEs"). The header holds 4 bits; with EDNS0 the
 * OPT record adds 8 more (RFC 6891 §6.1.3), so values run to 4095. Unknown ones are
 * {@code RESERVEDn}, as dig prints them.
 */
public final class DnsRcode {
  private static final Map<Integer, DnsRcode> BY_VALUE = new HashMap<>();

  public static final DnsRcode NOERROR = known(0, "NOERROR");
  public static final DnsRcode FORMERR = known(1, "FORMERR");
  public static final DnsRcode SERVFAIL = known(2, "SERVFAIL");
  public static final DnsRcode NXDOMAIN = known(3, "NXDOMAIN");
  public static final DnsRcode NOTIMP = known(4, "NOTIMP");
  public static final DnsRcode REFUSED = known(5, "REFUSED");
  public static final DnsRcode YXDOMAIN = known(6, "YXDOMAIN");
  public static final DnsRcode YXRRSET = known(7, "YXRRSET");
  public static final DnsRcode NXRRSET = known(8, "NXRRSET");
  public static final DnsRcode NOTAUTH = known(9, "NOTAUTH");
  public static final DnsRcode NOTZONE = known(10, "NOTZONE");
  public static final DnsRcode DSOTYPENI = known(11, "DSOTYPENI");
  /** RFC 6891: only expressible with the OPT record's extended bits. */
  public static final DnsRcode BADVERS = known(16, "BADVERS");
  public static final DnsRcode BADKEY = known(17, "BADKEY");
  public static final DnsRcode BADTIME = known(18, "BADTIME");
  public static final DnsRcode BADMODE = known(19, "BADMODE");
  public static final DnsRcode BADNAME = known(20, "BADNAME");
  public static final DnsRcode BADALG = known(21, "BADALG");
  public static final DnsRcode BADTRUNC = known(22, "BADTRUNC");
  /** RFC 7873. */
  public static final DnsRcode BADCOOKIE = known(23, "BADCOOKIE");

  private final int value;
  private final String name;

  private DnsRcode(int value, String name) {
    this.value = value;
    this.name = name;
  }

  private static DnsRcode known(int value, String name) {
    DnsRcode r = new DnsRcode(value, name);
    BY_VALUE.put(value, r);
    return r;
  }

  /** The rcode for 0..4095. */
  public static DnsRcode valueOf(int value) {
    if (value < 0 || value > 0xfff) {
      throw new IllegalArgumentException("DNS rcode out of range 0..4095: " + value);
    }
    DnsRcode r = BY_VALUE.get(value);
    return r != null ? r : new DnsRcode(value, "RESERVED" + value);
  }

  /** The numeric value. */
  public int value() {
    return value;
  }

  /** The mnemonic. */
  public String name() {
    return name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DnsRcode r && r.value == value;
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

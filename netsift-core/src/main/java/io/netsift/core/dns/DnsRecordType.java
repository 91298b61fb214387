package io.netsift.core.dns;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A DNS resource-record TYPE as an open enum: every 16-bit number maps, either to a known
 * constant or to an unknown type named {@code TYPEnnn} (RFC 3597 §5), and {@link #valueOf}
 * never throws for a wire value. Only {@link #forName}, for names a user typed, is strict.
 * Numbers from the IANA "Resource Record (RR) TYPEs" registry.
 */
public final class DnsRecordType implements Comparable<DnsRecordType> {
  private static final Map<Integer, DnsRecordType> BY_VALUE = new HashMap<>();
  private static final Map<String, DnsRecordType> BY_NAME = new HashMap<>();

  public static final DnsRecordType A = known(1, "A");
  public static final DnsRecordType NS = known(2, "NS");
  public static final DnsRecordType CNAME = known(5, "CNAME");
  public static final DnsRecordType SOA = known(6, "SOA");
  public static final DnsRecordType NULL = known(10, "NULL");
  public static final DnsRecordType WKS = known(11, "WKS");
  public static final DnsRecordType PTR = known(12, "PTR");
  public static final DnsRecordType HINFO = known(13, "HINFO");
  public static final DnsRecordType MX = known(15, "MX");
  public static final DnsRecordType TXT = known(16, "TXT");
  public static final DnsRecordType RP = known(17, "RP");
  public static final DnsRecordType AAAA = known(28, "AAAA");
  public static final DnsRecordType LOC = known(29, "LOC");
  public static final DnsRecordType SRV = known(33, "SRV");
  public static final DnsRecordType NAPTR = known(35, "NAPTR");
  public static final DnsRecordType DNAME = known(39, "DNAME");
  public static final DnsRecordType OPT = known(41, "OPT");
  public static final DnsRecordType DS = known(43, "DS");
  public static final DnsRecordType SSHFP = known(44, "SSHFP");
  public static final DnsRecordType RRSIG = known(46, "RRSIG");
  public static final DnsRecordType NSEC = known(47, "NSEC");
  public static final DnsRecordType DNSKEY = known(48, "DNSKEY");
  public static final DnsRecordType NSEC3 = known(50, "NSEC3");
  public static final DnsRecordType NSEC3PARAM = known(51, "NSEC3PARAM");
  public static final DnsRecordType TLSA = known(52, "TLSA");
  public static final DnsRecordType CDS = known(59, "CDS");
  public static final DnsRecordType CDNSKEY = known(60, "CDNSKEY");
  public static final DnsRecordType SVCB = known(64, "SVCB");
  public static final DnsRecordType HTTPS = known(65, "HTTPS");
  public static final DnsRecordType SPF = known(99, "SPF");
  public static final DnsRecordType TKEY = known(249, "TKEY");
  public static final DnsRecordType TSIG = known(250, "TSIG");
  public static final DnsRecordType IXFR = known(251, "IXFR");
  public static final DnsRecordType AXFR = known(252, "AXFR");
  /** The QTYPE "*" (RFC 1035 §3.2.3), written ANY by dig and in RFC 8482. */
  public static final DnsRecordType ANY = known(255, "ANY");
  public static final DnsRecordType URI = known(256, "URI");
  public static final DnsRecordType CAA = known(257, "CAA");

  private final int value;
  private final String name;
  private final boolean known;

  private DnsRecordType(int value, String name, boolean known) {
    this.value = value;
    this.name = name;
    this.known = known;
  }

  private static DnsRecordType known(int value, String name) {
    DnsRecordType t = new DnsRecordType(value, name, true);
    BY_VALUE.put(value, t);
    BY_NAME.put(name, t);
    return t;
  }

  /** The type for a wire value 0..65535: a known constant or an unknown {@code TYPEnnn}. */
  public static DnsRecordType valueOf(int value) {
    if (value < 0 || value > 0xffff) {
      throw new IllegalArgumentException("DNS type out of range 0..65535: " + value);
    }
    DnsRecordType t = BY_VALUE.get(value);
    return t != null ? t : new DnsRecordType(value, "TYPE" + value, false);
  }

  /** A type by its mnemonic (case-insensitive) or RFC 3597 {@code TYPEnnn} form; empty if neither. */
  public static Optional<DnsRecordType> forName(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    DnsRecordType t = BY_NAME.get(upper);
    if (t != null) {
      return Optional.of(t);
    }
    return Codes.parseGeneric(upper, "TYPE").map(DnsRecordType::valueOf);
  }

  /** The 16-bit wire value. */
  public int value() {
    return value;
  }

  /** The mnemonic, or {@code TYPEnnn} for an unknown type. */
  public String name() {
    return name;
  }

  /** Whether this is one of the constants above. */
  public boolean isKnown() {
    return known;
  }

  @Override
  public int compareTo(DnsRecordType o) {
    return Integer.compare(value, o.value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DnsRecordType t && t.value == value;
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

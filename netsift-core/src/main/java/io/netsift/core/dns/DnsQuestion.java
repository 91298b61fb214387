package io.netsift.core.dns;

/**
 * One entry of the question section (RFC 1035 §4.1.2): QNAME, QTYPE, QCLASS. A decoded
 * question keeps its {@code offset} (relative to the message start) and {@code length} in
 * bytes; built ones have offset -1 and length 0.
 */
public record DnsQuestion(DnsName name, DnsRecordType type, DnsClass dnsClass, int offset, int length) {
  public DnsQuestion {
    if (name == null || type == null || dnsClass == null) {
      throw new NullPointerException("name, type and class are required");
    }
  }

  /** A question to send. */
  public static DnsQuestion of(DnsName name, DnsRecordType type, DnsClass dnsClass) {
    return new DnsQuestion(name, type, dnsClass, -1, 0);
  }

  /** A question in class IN. */
  public static DnsQuestion of(DnsName name, DnsRecordType type) {
    return of(name, type, DnsClass.IN);
  }

  /** Same name, type and class, wherever each was found. */
  public boolean sameQuestion(DnsQuestion o) {
    return name.equals(o.name) && type.equals(o.type) && dnsClass.equals(o.dnsClass);
  }
}

package io.netsift.core.dns;

/**
 * A resource record (RFC 1035 §4.1.3): owner name, TYPE, CLASS, TTL and typed rdata.
 *
 * <p>Decoded records keep their position, all relative to the message start: {@code offset}
 * and {@code length} span the whole record, {@code rdataOffset} and {@code rdataLength} the
 * RDATA. Built records have offsets of -1 and lengths of 0.
 *
 * <p>For the OPT pseudo-record (RFC 6891 §6.1.2) the CLASS holds the requestor's UDP payload
 * size and the TTL the extended RCODE, version and flags; read them through {@link Edns}.
 *
 * @param ttl the TTL as the unsigned 32-bit value on the wire
 */
public record DnsRecord(
    DnsName name,
    DnsRecordType type,
    DnsClass dnsClass,
    long ttl,
    DnsRdata rdata,
    int offset,
    int length,
    int rdataOffset,
    int rdataLength) {
  public DnsRecord {
    if (name == null || type == null || dnsClass == null || rdata == null) {
      throw new NullPointerException("name, type, class and rdata are required");
    }
    if (ttl < 0 || ttl > 0xffffffffL) {
      throw new IllegalArgumentException("TTL out of range 0..2^32-1: " + ttl);
    }
  }

  /** A record to encode. */
  public static DnsRecord of(DnsName name, DnsRecordType type, DnsClass dnsClass, long ttl, DnsRdata rdata) {
    return new DnsRecord(name, type, dnsClass, ttl, rdata, -1, 0, -1, 0);
  }

  /** A record in class IN. */
  public static DnsRecord of(DnsName name, DnsRecordType type, long ttl, DnsRdata rdata) {
    return of(name, type, DnsClass.IN, ttl, rdata);
  }
}

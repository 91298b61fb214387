package io.netsift.core.dns;

import java.util.List;
import java.util.Optional;

/**
 * EDNS(0) as carried by the OPT pseudo-record (RFC 6891 §6.1.3): the requestor's UDP payload
 * size (in CLASS), and in TTL the upper 8 bits of the extended RCODE, the version and the
 * flags, of which only DO (DNSSEC OK, RFC 3225) is defined.
 *
 * <pre>
 * TTL: +0 EXTENDED-RCODE (8) | +1 VERSION (8) | +2 DO (1) Z (15)
 * </pre>
 */
public record Edns(int udpPayloadSize, int extendedRcode, int version, int flags, List<EdnsOption> options) {
  /** The DO bit in {@link #flags()}. */
  public static final int DO = 0x8000;

  public Edns {
    if (udpPayloadSize < 0 || udpPayloadSize > 0xffff || extendedRcode < 0 || extendedRcode > 0xff
        || version < 0 || version > 0xff || flags < 0 || flags > 0xffff) {
      throw new IllegalArgumentException("EDNS field out of range");
    }
    options = List.copyOf(options);
  }

  /** Version 0 with a payload size, DO as given, no options. */
  public static Edns of(int udpPayloadSize, boolean dnssecOk) {
    return new Edns(udpPayloadSize, 0, 0, dnssecOk ? DO : 0, List.of());
  }

  /** The EDNS view of an OPT record; empty if {@code r} is not one. */
  public static Optional<Edns> from(DnsRecord r) {
    if (!r.type().equals(DnsRecordType.OPT)) {
      return Optional.empty();
    }
    List<EdnsOption> options = r.rdata() instanceof DnsRdata.Opt o ? o.options() : List.of();
    long ttl = r.ttl();
    return Optional.of(new Edns(r.dnsClass().value(), (int) (ttl >>> 24) & 0xff, (int) (ttl >>> 16) & 0xff,
        (int) ttl & 0xffff, options));
  }

  /** Whether DO (DNSSEC OK) is set. */
  public boolean dnssecOk() {
    return (flags & DO) != 0;
  }

  /** The first option with this code. */
  public Optional<EdnsOption> option(int code) {
    return options.stream().filter(o -> o.code() == code).findFirst();
  }

  /** This EDNS as an OPT record for the additional section (owner is the root). */
  public DnsRecord toRecord() {
    long ttl = ((long) extendedRcode << 24) | ((long) version << 16) | flags;
    return DnsRecord.of(DnsName.ROOT, DnsRecordType.OPT, DnsClass.valueOf(udpPayloadSize), ttl,
        new DnsRdata.Opt(options));
  }
}

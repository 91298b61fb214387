package io.netsift.core.dns;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.List;

/**
 * Typed RDATA. The decoder picks the shape from the record TYPE; a type it has no shape for
 * becomes {@link Unknown} with the raw octets (RFC 3597), so nothing is ever lost. Each shape
 * cites the RFC section that defines its wire format.
 */
public sealed interface DnsRdata {

  /** A: an IPv4 address (RFC 1035 §3.4.1). */
  record A(Inet4Address address) implements DnsRdata {}

  /** AAAA: an IPv6 address (RFC 3596 §2.2). */
  record Aaaa(Inet6Address address) implements DnsRdata {}

  /** A single domain name: CNAME, NS, PTR (RFC 1035 §3.3) and DNAME (RFC 6672). */
  record Domain(DnsName name) implements DnsRdata {}

  /** MX: preference and exchange (RFC 1035 §3.3.9). */
  record Mx(int preference, DnsName exchange) implements DnsRdata {}

  /** TXT (and SPF): one or more character-strings of up to 255 octets (RFC 1035 §3.3.14). */
  record Txt(List<Octets> strings) implements DnsRdata {
    public Txt {
      strings = List.copyOf(strings);
    }
  }

  /** SOA (RFC 1035 §3.3.13); the five counters are unsigned 32-bit values. */
  record Soa(DnsName mname, DnsName rname, long serial, long refresh, long retry, long expire, long minimum)
      implements DnsRdata {}

  /** SRV (RFC 2782). */
  record Srv(int priority, int weight, int port, DnsName target) implements DnsRdata {}

  /** CAA (RFC 8659 §4.1); bit 0x80 of {@code flags} is Issuer Critical. */
  record Caa(int flags, String tag, Octets value) implements DnsRdata {
    /** Whether the Issuer Critical flag is set. */
    public boolean critical() {
      return (flags & 0x80) != 0;
    }
  }

  /** OPT: the EDNS0 options (RFC 6891 §6.1.2); the rest of EDNS lives in CLASS and TTL, see {@link Edns}. */
  record Opt(List<EdnsOption> options) implements DnsRdata {
    public Opt {
      options = List.copyOf(options);
    }
  }

  /** SVCB and HTTPS (RFC 9460 §2.2): priority 0 is AliasMode, the params are in wire order. */
  record Svcb(int priority, DnsName target, List<SvcParam> params) implements DnsRdata {
    public Svcb {
      params = List.copyOf(params);
    }
  }

  /** DS and CDS (RFC 4034 §5.1, RFC 7344). */
  record Ds(int keyTag, int algorithm, int digestType, Octets digest) implements DnsRdata {}

  /** RRSIG (RFC 4034 §3.1); times are unsigned seconds since the epoch, mod 2^32. */
  record Rrsig(
      DnsRecordType typeCovered,
      int algorithm,
      int labels,
      long originalTtl,
      long expiration,
      long inception,
      int keyTag,
      DnsName signerName,
      Octets signature)
      implements DnsRdata {}

  /** DNSKEY and CDNSKEY (RFC 4034 §2.1). */
  record Dnskey(int flags, int protocol, int algorithm, Octets publicKey) implements DnsRdata {}

  /** NSEC (RFC 4034 §4.1): the next owner name and the types present, decoded from the bitmap. */
  record Nsec(DnsName nextDomain, List<DnsRecordType> types) implements DnsRdata {
    public Nsec {
      types = List.copyOf(types);
    }
  }

  /** Any other type: the RDATA as it was (RFC 3597 §5 prints it as {@code \# len hex}). */
  record Unknown(Octets data) implements DnsRdata {}
}

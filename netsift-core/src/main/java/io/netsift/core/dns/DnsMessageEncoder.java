package io.netsift.core.dns;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes a {@link DnsMessage} to wire format (RFC 1035 §4). The header's counts are taken
 * from the section lists, not from the header record. Owner names, and the names inside the
 * RDATA of the RFC 1035 types (NS, CNAME, PTR, MX, SOA), are compressed; names in other
 * types' RDATA are written in full, as RFC 3597 §4 requires for types a receiver may not know
 * (SRV: RFC 2782; SVCB: RFC 9460 §2.2; RRSIG/NSEC: RFC 4034 §3.1.7, §4.1.1; DNAME: RFC 6672 §2.5).
 * Throws {@link IllegalArgumentException} for anything the wire cannot carry (a message over
 * 65535 bytes, a TXT string over 255 octets, ...).
 */
public final class DnsMessageEncoder {
  private byte[] buf = new byte[512];
  private int size;
  // Keyed by the exact labels, so compression never changes a name's case (0x20 randomisation survives).
  private final Map<List<String>, Integer> offsets = new HashMap<>();

  private DnsMessageEncoder() {}

  /** The wire form of {@code m}. */
  public static byte[] encode(DnsMessage m) {
    DnsMessageEncoder e = new DnsMessageEncoder();
    DnsHeader h = m.header();
    e.u16(h.id());
    e.u16(h.flags());
    e.u16(count(m.questions()));
    e.u16(count(m.answers()));
    e.u16(count(m.authorities()));
    e.u16(count(m.additionals()));
    for (DnsQuestion q : m.questions()) {
      e.name(q.name(), true);
      e.u16(q.type().value());
      e.u16(q.dnsClass().value());
    }
    for (List<DnsRecord> section : List.of(m.answers(), m.authorities(), m.additionals())) {
      for (DnsRecord r : section) {
        e.record(r);
      }
    }
    if (e.size > 0xffff) {
      throw new IllegalArgumentException("DNS message of " + e.size + " bytes exceeds 65535");
    }
    return Arrays.copyOf(e.buf, e.size);
  }

  private static int count(List<?> l) {
    if (l.size() > 0xffff) {
      throw new IllegalArgumentException("more than 65535 entries in a section");
    }
    return l.size();
  }

  private void record(DnsRecord r) {
    name(r.name(), true);
    u16(r.type().value());
    u16(r.dnsClass().value());
    u32(r.ttl());
    int lenAt = size;
    u16(0);
    rdata(r.type(), r.rdata());
    int rdlen = size - lenAt - 2;
    if (rdlen > 0xffff) {
      throw new IllegalArgumentException(r.type() + " rdata of " + rdlen + " bytes exceeds 65535");
    }
    buf[lenAt] = (byte) (rdlen >> 8);
    buf[lenAt + 1] = (byte) rdlen;
  }

  private static boolean compressible(DnsRecordType t) {
    int v = t.value();
    return v == 2 || v == 5 || v == 6 || v == 12 || v == 15;
  }

  private void rdata(DnsRecordType type, DnsRdata d) {
    boolean c = compressible(type);
    if (d instanceof DnsRdata.A a) {
      bytes(a.address().getAddress());
    } else if (d instanceof DnsRdata.Aaaa a) {
      bytes(a.address().getAddress());
    } else if (d instanceof DnsRdata.Domain x) {
      name(x.name(), c);
    } else if (d instanceof DnsRdata.Mx x) {
      u16(x.preference());
      name(x.exchange(), c);
    } else if (d instanceof DnsRdata.Txt x) {
      for (Octets s : x.strings()) {
        if (s.length() > 255) {
          throw new IllegalArgumentException("TXT character-string of " + s.length() + " octets exceeds 255");
        }
        u8(s.length());
        bytes(s.raw());
      }
    } else if (d instanceof DnsRdata.Soa x) {
      name(x.mname(), c);
      name(x.rname(), c);
      u32(x.serial());
      u32(x.refresh());
      u32(x.retry());
      u32(x.expire());
      u32(x.minimum());
    } else if (d instanceof DnsRdata.Srv x) {
      u16(x.priority());
      u16(x.weight());
      u16(x.port());
      name(x.target(), false);
    } else if (d instanceof DnsRdata.Caa x) {
      if (x.tag().isEmpty() || x.tag().length() > 255) {
        throw new IllegalArgumentException("CAA tag length outside 1..255");
      }
      u8(x.flags());
      u8(x.tag().length());
      for (int i = 0; i < x.tag().length(); i++) {
        u8(x.tag().charAt(i));
      }
      bytes(x.value().raw());
    } else if (d instanceof DnsRdata.Opt x) {
      for (EdnsOption o : x.options()) {
        u16(o.code());
        u16(o.data().length());
        bytes(o.data().raw());
      }
    } else if (d instanceof DnsRdata.Svcb x) {
      u16(x.priority());
      name(x.target(), false);
      for (SvcParam p : x.params()) {
        u16(p.key());
        if (p.value().length() > 0xffff) {
          throw new IllegalArgumentException("SvcParam value longer than 65535");
        }
        u16(p.value().length());
        bytes(p.value().raw());
      }
    } else if (d instanceof DnsRdata.Ds x) {
      u16(x.keyTag());
      u8(x.algorithm());
      u8(x.digestType());
      bytes(x.digest().raw());
    } else if (d instanceof DnsRdata.Rrsig x) {
      u16(x.typeCovered().value());
      u8(x.algorithm());
      u8(x.labels());
      u32(x.originalTtl());
      u32(x.expiration());
      u32(x.inception());
      u16(x.keyTag());
      name(x.signerName(), false);
      bytes(x.signature().raw());
    } else if (d instanceof DnsRdata.Dnskey x) {
      u16(x.flags());
      u8(x.protocol());
      u8(x.algorithm());
      bytes(x.publicKey().raw());
    } else if (d instanceof DnsRdata.Nsec x) {
      name(x.nextDomain(), false);
      typeBitmaps(x.types());
    } else if (d instanceof DnsRdata.Unknown x) {
      bytes(x.data().raw());
    } else {
      throw new IllegalArgumentException("unsupported rdata " + d.getClass());
    }
  }

  /** RFC 4034 §4.1.2: one block per window in ascending order, trimmed to the last non-zero octet. */
  private void typeBitmaps(List<DnsRecordType> types) {
    TreeMap<Integer, byte[]> windows = new TreeMap<>();
    for (DnsRecordType t : types) {
      byte[] bits = windows.computeIfAbsent(t.value() >> 8, w -> new byte[32]);
      int low = t.value() & 0xff;
      bits[low >> 3] |= (byte) (0x80 >> (low & 7));
    }
    for (Map.Entry<Integer, byte[]> w : windows.entrySet()) {
      byte[] bits = w.getValue();
      int n = 32;
      while (bits[n - 1] == 0) {
        n--;
      }
      u8(w.getKey());
      u8(n);
      bytes(Arrays.copyOf(bits, n));
    }
  }

  /** Writes a name, pointing at an earlier copy of its longest known suffix when allowed. */
  private void name(DnsName n, boolean compress) {
    List<String> labels = n.labels();
    for (int i = 0; i < labels.size(); i++) {
      List<String> suffix = List.copyOf(labels.subList(i, labels.size()));
      Integer at = compress ? offsets.get(suffix) : null;
      if (at != null) {
        u16(0xc000 | at);
        return;
      }
      // RFC 1035 §4.1.4: pointers have 14 bits, so only the first 16 KiB can be targets.
      if (size < 0x4000) {
        offsets.putIfAbsent(suffix, size);
      }
      String l = labels.get(i);
      u8(l.length());
      for (int k = 0; k < l.length(); k++) {
        u8(l.charAt(k));
      }
    }
    u8(0);
  }

  private void ensure(int n) {
    if (size + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
    }
  }

  private void u8(int v) {
    if (v < 0 || v > 0xff) {
      throw new IllegalArgumentException("8-bit field out of range: " + v);
    }
    ensure(1);
    buf[size++] = (byte) v;
  }

  private void u16(int v) {
    if (v < 0 || v > 0xffff) {
      throw new IllegalArgumentException("16-bit field out of range: " + v);
    }
    ensure(2);
    buf[size++] = (byte) (v >> 8);
    buf[size++] = (byte) v;
  }

  private void u32(long v) {
    if (v < 0 || v > 0xffffffffL) {
      throw new IllegalArgumentException("32-bit field out of range: " + v);
    }
    u16((int) (v >>> 16));
    u16((int) (v & 0xffff));
  }

  private void bytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, size, b.length);
    size += b.length;
  }
}

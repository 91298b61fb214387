package io.netsift.net.dns;

import io.netsift.core.dns.DnsRdata;
import io.netsift.core.dns.DnsRecord;
import io.netsift.core.dns.DnsRecordType;
import io.netsift.core.dns.Octets;
import io.netsift.core.dns.SvcParam;
import io.netsift.net.ip.IpAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Master-file presentation of records, as dig prints them: {@code name TTL class type rdata},
 * tab-separated with the owner padded to column 24. Presentation only; the codec produces
 * values, never strings.
 */
public final class RecordText {
  private static final DateTimeFormatter SIG_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private RecordText() {}

  /** One record line, as in dig's answer section. */
  public static String line(DnsRecord r) {
    StringBuilder sb = new StringBuilder(r.name().toString());
    padTo(sb, 24);
    sb.append(r.ttl()).append('\t').append(r.dnsClass()).append('\t').append(r.type()).append('\t').append(rdata(r));
    return sb.toString();
  }

  /** Appends tabs until the tab-expanded width reaches {@code column} (at least one tab). */
  static void padTo(StringBuilder sb, int column) {
    int col = sb.length();
    do {
      sb.append('\t');
      col = (col / 8 + 1) * 8;
    } while (col < column);
  }

  /** The RDATA in presentation form. */
  public static String rdata(DnsRecord r) {
    DnsRdata d = r.rdata();
    if (d instanceof DnsRdata.A a) {
      return a.address().getHostAddress();
    } else if (d instanceof DnsRdata.Aaaa a) {
      return IpAddress.of(a.address().getAddress()).toString();
    } else if (d instanceof DnsRdata.Domain x) {
      return x.name().toString();
    } else if (d instanceof DnsRdata.Mx x) {
      return x.preference() + " " + x.exchange();
    } else if (d instanceof DnsRdata.Txt x) {
      List<String> parts = new ArrayList<>();
      for (Octets s : x.strings()) {
        parts.add(quoted(s));
      }
      return String.join(" ", parts);
    } else if (d instanceof DnsRdata.Soa x) {
      return x.mname() + " " + x.rname() + " " + x.serial() + " " + x.refresh() + " " + x.retry() + " " + x.expire()
          + " " + x.minimum();
    } else if (d instanceof DnsRdata.Srv x) {
      return x.priority() + " " + x.weight() + " " + x.port() + " " + x.target();
    } else if (d instanceof DnsRdata.Caa x) {
      return x.flags() + " " + x.tag() + " " + quoted(x.value());
    } else if (d instanceof DnsRdata.Svcb x) {
      StringBuilder sb = new StringBuilder().append(x.priority()).append(' ').append(x.target());
      for (SvcParam p : x.params()) {
        sb.append(' ').append(svcParam(p));
      }
      return sb.toString();
    } else if (d instanceof DnsRdata.Ds x) {
      return x.keyTag() + " " + x.algorithm() + " " + x.digestType() + " " + x.digest().hex().toUpperCase(Locale.ROOT);
    } else if (d instanceof DnsRdata.Dnskey x) {
      return x.flags() + " " + x.protocol() + " " + x.algorithm() + " " + x.publicKey().base64();
    } else if (d instanceof DnsRdata.Rrsig x) {
      return x.typeCovered() + " " + x.algorithm() + " " + x.labels() + " " + x.originalTtl() + " "
          + sigTime(x.expiration()) + " " + sigTime(x.inception()) + " " + x.keyTag() + " " + x.signerName() + " "
          + x.signature().base64();
    } else if (d instanceof DnsRdata.Nsec x) {
      StringBuilder sb = new StringBuilder(x.nextDomain().toString());
      for (DnsRecordType t : x.types()) {
        sb.append(' ').append(t);
      }
      return sb.toString();
    } else if (d instanceof DnsRdata.Opt x) {
      return x.options().toString();
    } else if (d instanceof DnsRdata.Unknown x) {
      // RFC 3597 §5 generic form.
      return "\\# " + x.data().length() + (x.data().length() > 0 ? " " + x.data().hex().toUpperCase(Locale.ROOT) : "");
    }
    return d.toString();
  }

  /** RFC 4034 §3.2: YYYYMMDDHHmmSS in UTC. */
  private static String sigTime(long seconds) {
    return SIG_TIME.format(Instant.ofEpochSecond(seconds));
  }

  /** A character-string in double quotes, {@code "} and {@code \} escaped, other non-printables as \DDD. */
  public static String quoted(Octets s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      int c = s.get(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append((char) c);
      } else if (c >= 0x20 && c < 0x7f) {
        sb.append((char) c);
      } else {
        sb.append('\\').append(String.format("%03d", c));
      }
    }
    return sb.append('"').toString();
  }

  /** RFC 9460 §7 presentation of one SvcParam. */
  static String svcParam(SvcParam p) {
    Octets v = p.value();
    try {
      switch (p.key()) {
        case SvcParam.MANDATORY -> {
          List<String> keys = new ArrayList<>();
          for (int i = 0; i + 1 < v.length(); i += 2) {
            keys.add(SvcParam.keyName(v.get(i) << 8 | v.get(i + 1)));
          }
          return "mandatory=" + String.join(",", keys);
        }
        case SvcParam.ALPN -> {
          List<String> ids = new ArrayList<>();
          int i = 0;
          while (i < v.length()) {
            int n = v.get(i);
            ids.add(Octets.of(v.toByteArray(), i + 1, n).latin1().replace(",", "\\,"));
            i += 1 + n;
          }
          return "alpn=\"" + String.join(",", ids) + "\"";
        }
        case SvcParam.NO_DEFAULT_ALPN -> {
          return "no-default-alpn";
        }
        case SvcParam.PORT -> {
          return "port=" + (v.get(0) << 8 | v.get(1));
        }
        case SvcParam.IPV4HINT, SvcParam.IPV6HINT -> {
          int size = p.key() == SvcParam.IPV4HINT ? 4 : 16;
          List<String> addrs = new ArrayList<>();
          for (int i = 0; i + size <= v.length(); i += size) {
            addrs.add(IpAddress.of(Octets.of(v.toByteArray(), i, size).toByteArray()).toString());
          }
          return p.keyName() + "=" + String.join(",", addrs);
        }
        case SvcParam.ECH -> {
          return "ech=" + v.base64();
        }
        default -> {
          return p.keyName() + "=" + quoted(v);
        }
      }
    } catch (IndexOutOfBoundsException e) {
      // A malformed value: show it raw rather than guess.
      return p.keyName() + "=" + quoted(v);
    }
  }
}

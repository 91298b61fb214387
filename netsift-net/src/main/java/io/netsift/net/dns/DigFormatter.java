package io.netsift.net.dns;

import io.netsift.core.dns.DnsHeader;
import io.netsift.core.dns.DnsMessage;
import io.netsift.core.dns.DnsQuestion;
import io.netsift.core.dns.DnsRcode;
import io.netsift.core.dns.DnsRecord;
import io.netsift.core.dns.EdnsOption;
import io.netsift.core.dns.Octets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders an exchange the way dig does: header and flags, the OPT pseudo-section, the
 * question, answer, authority and additional sections, then query time, server, when and
 * size. Adds one plain-words line for NXDOMAIN, SERVFAIL, REFUSED and the other error codes.
 */
public final class DigFormatter {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss zzz yyyy", Locale.ROOT);

  private DigFormatter() {}

  /** The full dig-style report, lines without trailing newlines. */
  public static List<String> format(DnsExchange x) {
    List<String> out = new ArrayList<>();
    DnsMessage m = x.response();
    DnsHeader h = m.header();
    out.add(";; Got answer:");
    out.add(";; ->>HEADER<<- opcode: " + h.opcode() + ", status: " + m.rcode() + ", id: " + h.id());
    out.add(";; flags:" + flags(h) + "; QUERY: " + m.questions().size() + ", ANSWER: " + m.answers().size()
        + ", AUTHORITY: " + m.authorities().size() + ", ADDITIONAL: " + m.additionals().size());
    String meaning = rcodeMeaning(m.rcode(), m.questions().isEmpty() ? null : m.questions().get(0));
    if (meaning != null) {
      out.add(";; " + m.rcode() + ": " + meaning);
    }
    if (x.query().header().recursionDesired() && !h.recursionAvailable()) {
      out.add(";; WARNING: recursion requested but not available");
    }
    out.add("");
    m.edns().ifPresent(e -> {
      out.add(";; OPT PSEUDOSECTION:");
      out.add("; EDNS: version: " + e.version() + ", flags:" + (e.dnssecOk() ? " do" : "") + "; udp: "
          + e.udpPayloadSize());
      for (EdnsOption o : e.options()) {
        out.add("; " + o.name() + ": " + optionText(o));
      }
    });
    out.add(";; QUESTION SECTION:");
    for (DnsQuestion q : m.questions()) {
      StringBuilder sb = new StringBuilder(";").append(q.name());
      RecordText.padTo(sb, 32);
      out.add(sb.append(q.dnsClass()).append('\t').append(q.type()).toString());
    }
    section(out, "ANSWER", m.answers());
    section(out, "AUTHORITY", m.authorities());
    section(out, "ADDITIONAL", m.additionalsWithoutOpt());
    out.add("");
    out.add(";; Query time: " + x.elapsed().toMillis() + " msec");
    out.add(";; SERVER: " + DnsClient.display(x.server()) + "(" + x.server().getAddress().getHostAddress() + ") ("
        + x.protocol() + ")");
    out.add(";; WHEN: " + WHEN.format(x.when()));
    out.add(";; MSG SIZE  rcvd: " + x.responseSize());
    out.add("");
    return out;
  }

  /** dig +short: just the RDATA of the answers. */
  public static List<String> shortForm(DnsExchange x) {
    List<String> out = new ArrayList<>();
    for (DnsRecord r : x.response().answers()) {
      out.add(RecordText.rdata(r));
    }
    return out;
  }

  private static void section(List<String> out, String name, List<DnsRecord> records) {
    if (records.isEmpty()) {
      return;
    }
    out.add("");
    out.add(";; " + name + " SECTION:");
    for (DnsRecord r : records) {
      out.add(RecordText.line(r));
    }
  }

  private static String flags(DnsHeader h) {
    StringBuilder sb = new StringBuilder();
    if (h.isResponse()) {
      sb.append(" qr");
    }
    if (h.authoritative()) {
      sb.append(" aa");
    }
    if (h.truncated()) {
      sb.append(" tc");
    }
    if (h.recursionDesired()) {
      sb.append(" rd");
    }
    if (h.recursionAvailable()) {
      sb.append(" ra");
    }
    if (h.authenticData()) {
      sb.append(" ad");
    }
    if (h.checkingDisabled()) {
      sb.append(" cd");
    }
    return sb.toString();
  }

  /** What an error RCODE means, in words (RFC 1035 §4.1.1, RFC 6895 §2.3); null for NOERROR. */
  public static String rcodeMeaning(DnsRcode rc, DnsQuestion q) {
    String name = q == null ? "the name" : q.name().toString();
    return switch (rc.value()) {
      case 0 -> null;
      case 1 -> "the server could not understand the query (format error)";
      case 2 -> "the server failed to answer (its upstream failed, timed out, or DNSSEC validation failed)";
      case 3 -> name + " does not exist (non-existent domain)";
      case 4 -> "the server does not implement this kind of query";
      case 5 -> "the server refused to answer this query (policy: not authoritative, no recursion for us, "
          + "or blocked)";
      case 16 -> "the server does not support this EDNS version";
      default -> "error code " + rc.value();
    };
  }

  private static String optionText(EdnsOption o) {
    Octets d = o.data();
    if (o.code() == EdnsOption.EDE && d.length() >= 2) {
      int info = d.get(0) << 8 | d.get(1);
      String text = d.length() > 2 ? ": (" + Octets.of(d.toByteArray(), 2, d.length() - 2).utf8() + ")" : "";
      return info + " (" + edeName(info) + ")" + text;
    }
    if (o.code() == EdnsOption.NSID) {
      return d.hex() + " (" + RecordText.quoted(d) + ")";
    }
    return d.hex();
  }

  /** RFC 8914 §4 INFO-CODEs. */
  private static String edeName(int code) {
    String[] names = {"Other", "Unsupported DNSKEY Algorithm", "Unsupported DS Digest Type", "Stale Answer",
        "Forged Answer", "DNSSEC Indeterminate", "DNSSEC Bogus", "Signature Expired", "Signature Not Yet Valid",
        "DNSKEY Missing", "RRSIGs Missing", "No Zone Key Bit Set", "NSEC Missing", "Cached Error", "Not Ready",
        "Blocked", "Censored", "Filtered", "Prohibited", "Stale NXDOMAIN Answer", "Not Authoritative",
        "Not Supported", "No Reachable Authority", "Network Error", "Invalid Data"};
    return code < names.length ? names[code] : "Unknown";
  }
}

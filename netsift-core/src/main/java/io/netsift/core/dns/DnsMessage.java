package io.netsift.core.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A whole DNS message (RFC 1035 §4.1): header, then the question, answer, authority and
 * additional sections. Immutable. {@code length} is the number of bytes the decoder consumed
 * (0 for a built message); a UDP datagram longer than that carried trailing bytes.
 */
public record DnsMessage(
    DnsHeader header,
    List<DnsQuestion> questions,
    List<DnsRecord> answers,
    List<DnsRecord> authorities,
    List<DnsRecord> additionals,
    int length) {
  public DnsMessage {
    questions = List.copyOf(questions);
    answers = List.copyOf(answers);
    authorities = List.copyOf(authorities);
    additionals = List.copyOf(additionals);
  }

  /**
   * A standard query for one question: opcode QUERY, RD as given, and an OPT record when
   * {@code edns} is not null.
   */
  public static DnsMessage query(int id, DnsQuestion question, boolean recursionDesired, Edns edns) {
    int flags = DnsHeader.flags(DnsOpcode.QUERY, DnsRcode.NOERROR, recursionDesired ? DnsHeader.RD : 0);
    List<DnsRecord> additional = edns == null ? List.of() : List.of(edns.toRecord());
    return new DnsMessage(new DnsHeader(id, flags, 1, 0, 0, additional.size()), List.of(question), List.of(),
        List.of(), additional, 0);
  }

  /** The EDNS information of the first OPT record in the additional section, if any. */
  public Optional<Edns> edns() {
    for (DnsRecord r : additionals) {
      if (r.type().equals(DnsRecordType.OPT)) {
        return Edns.from(r);
      }
    }
    return Optional.empty();
  }

  /** The full RCODE: the header's 4 bits plus EDNS's extended 8 bits above them (RFC 6891 §6.1.3). */
  public DnsRcode rcode() {
    int low = header.flags() & 0xf;
    return DnsRcode.valueOf(edns().map(e -> e.extendedRcode() << 4 | low).orElse(low));
  }

  /** Additional records without the OPT pseudo-record, as dig lists them. */
  public List<DnsRecord> additionalsWithoutOpt() {
    List<DnsRecord> out = new ArrayList<>();
    for (DnsRecord r : additionals) {
      if (!r.type().equals(DnsRecordType.OPT)) {
        out.add(r);
      }
    }
    return out;
  }
}

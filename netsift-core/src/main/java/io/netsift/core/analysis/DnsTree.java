package io.netsift.core.analysis;

import io.netsift.core.analysis.StatsTree.Node;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Walk;
import io.netsift.core.dissect.proto.dns.DnsDissector;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldVisitor;
import io.netsift.core.filter.Filter;

/**
 * {@code -z dns,tree[,filter]}: tshark's "DNS" statistics tree, one tick per DNS message (not
 * mDNS or LLMNR, nor one quoted in an ICMP error): packets by query/response, query type and
 * class of the first question, rcode and opcode; the payload size; for queries the name length
 * and label count; for responses the record counts and the request-response time.
 *
 * <p>tshark 4.0 adds the record counts of a solicited response twice (its tap adds them once
 * for every response and again for those it has a request for); the counts here do the same so
 * the two outputs diff cleanly.
 */
public final class DnsTree implements Tap {
  private final Filter filter;
  private final StatsTree tree = new StatsTree("DNS");
  private final Node packets = tree.root("Total Packets");
  private final Node qr = packets.child("Query/Response");
  private final Node qtypes = packets.child("Query Type");
  private final Node qclasses = packets.child("Class");
  private final Node rcodes = packets.child("rcode");
  private final Node opcodes = packets.child("opcodes");
  private final Node size = tree.root("Payload size");
  private final Node query = tree.root("Query Stats");
  private final Node qnameLen = query.child("Qname Len");
  private final Node labels = query.child("Label Stats");
  private final Node[] levels = {labels.child("1st Level"), labels.child("2nd Level"), labels.child("3rd Level"),
      labels.child("4th Level or more")};
  private final Node response = tree.root("Response Stats");
  private final Node questions = response.child("no. of questions");
  private final Node answers = response.child("no. of answers");
  private final Node authorities = response.child("no. of authorities");
  private final Node additionals = response.child("no. of additionals");
  private final Node service = tree.root("Service Stats");
  private final Node unsolicited = service.child("no. of unsolicited responses");
  private final Node retransmissions = service.child("no. of retransmissions");
  private final Node rrt = service.child("request-response time (msec)");
  private final Walk walk = new Walk();
  private final Picker picker = new Picker();

  DnsTree(String filter) {
    this.filter = StatsText.filter(filter);
  }

  static DnsTree parse(String rest) {
    return new DnsTree(StatsText.tailFilter(rest, "dns,tree[,filter]"));
  }

  @Override
  public boolean needsTree() {
    return filter != null;
  }

  @Override
  public void packet(Dissection d, boolean displayed) {
    if (!StatsText.passes(filter, d)) {
      return;
    }
    for (int i = 0; i < d.layerCount(); i++) {
      if (d.dissector(i).quotesErrorPackets()) {
        return; // tshark's tap skips DNS quoted in an ICMP error
      }
      if (!d.dissector(i).name().equals("dns")) {
        continue;
      }
      if (i + 1 < d.layerCount() && d.dissector(i + 1) instanceof io.netsift.core.dissect.proto.MalformedDissector) {
        continue; // tshark taps a DNS message at its end, which an exception never reaches
      }
      picker.reset();
      walk.layer(d, i, picker, false);
      tick(tree.now(d), picker, d.length(i));
    }
  }

  private void tick(double now, Picker p, int payload) {
    boolean isResponse = (p.flags & 0x8000) != 0;
    long opcode = (p.flags >> 11) & 0xf;
    long rcode = p.flags & 0xf;
    packets.tick(now);
    pivot(qr, isResponse ? "Response" : "Query", now);
    pivot(qtypes, label(DnsDissector.QRY_TYPE, p.qtype, "Unknown packet type"), now);
    pivot(qclasses, label(DnsDissector.QRY_CLASS, p.qclass, "Unknown class"), now);
    pivot(rcodes, label(DnsDissector.FLAGS_RCODE, rcode, "Unknown rcode"), now);
    pivot(opcodes, label(DnsDissector.FLAGS_OPCODE, opcode, "Unknown opcode"), now);
    size.add(now, (long) payload);
    if (!isResponse) {
      qnameLen.add(now, p.qnameLen);
      int l = (int) p.labelCount;
      levels[l >= 1 && l <= 3 ? l - 1 : 3].tick(now);
      return;
    }
    int times = p.solicited ? 2 : 1;
    for (int k = 0; k < times; k++) {
      questions.add(now, p.questions);
      answers.add(now, p.answers);
      authorities.add(now, p.authorities);
      additionals.add(now, p.additionals);
    }
    if (!p.solicited) {
      unsolicited.tick(now);
    } else if (p.retransmission) {
      retransmissions.tick(now);
    } else {
      long secs = p.timeNanos / 1_000_000_000L;
      long nanos = p.timeNanos % 1_000_000_000L;
      rrt.add(now, (float) (secs * 1000. + nanos / 1000000.0));
    }
  }

  private static void pivot(Node pivot, String child, double now) {
    pivot.tick(now);
    pivot.child(child).tick(now);
  }

  private static String label(Field f, long value, String unknown) {
    String s = f.valueLabel(value);
    return s != null ? s : unknown + " (" + value + ")";
  }

  @Override
  public void report(StringBuilder out) {
    tree.report(out);
  }

  /** Reads the header, the first question and the transaction tracking of a dns layer. */
  private static final class Picker implements FieldVisitor {
    long flags;
    long questions;
    long answers;
    long authorities;
    long additionals;
    long qtype;
    long qclass;
    long qnameLen;
    long labelCount;
    boolean sawType;
    boolean sawClass;
    boolean sawLen;
    boolean sawLabels;
    boolean solicited;
    boolean retransmission;
    long timeNanos;

    void reset() {
      flags = questions = answers = authorities = additionals = 0;
      qtype = qclass = qnameLen = labelCount = timeNanos = 0;
      sawType = sawClass = sawLen = sawLabels = solicited = retransmission = false;
    }

    @Override
    public void number(Field f, int offset, int length, long value) {
      switch (f.name()) {
        case "dns.flags" -> flags = value;
        case "dns.count.queries", "dns.count.zones" -> questions = value;
        case "dns.count.answers", "dns.count.prerequisites" -> answers = value;
        case "dns.count.auth_rr", "dns.count.updates" -> authorities = value;
        case "dns.count.add_rr" -> additionals = value;
        case "dns.qry.type" -> {
          if (!sawType) {
            sawType = true;
            qtype = value;
          }
        }
        case "dns.qry.class" -> {
          if (!sawClass) {
            sawClass = true;
            qclass = value;
          }
        }
        case "dns.qry.name.len" -> {
          if (!sawLen) {
            sawLen = true;
            qnameLen = value;
          }
        }
        case "dns.count.labels" -> {
          if (!sawLabels) {
            sawLabels = true;
            labelCount = value;
          }
        }
        // A request is known: the response answers it or repeats an answer to it.
        case "dns.response_to", "dns.retransmit_response_in" -> solicited = true;
        case "dns.retransmission" -> retransmission = value != 0;
        case "dns.time" -> timeNanos = value;
        default -> { }
      }
    }

    @Override
    public void bytes(Field f, int offset, int length) {}

    @Override
    public void object(Field f, int offset, int length, Object value) {}
  }
}

package io.netsift.core.dissect;

import io.netsift.core.field.FieldRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Which reads give the same values when a capture is read from the middle, without the
 * packets before: the condition for reading a file in parallel chunks ({@link ParallelRead},
 * netsift-spark's splits). TCP streams, relative sequence numbers, sequence analysis,
 * reassembly and the summary columns (the Info column carries TCP analysis, the Protocol
 * column depends on reassembly) need every earlier packet; application protocols are not
 * dissected in such a read at all ({@link Protocols#lowerLayersOnly}).
 */
public final class Stateless {
  /** Field-name prefixes whose values depend on earlier packets. */
  private static final List<String> STATEFUL = List.of("tcp.stream", "tcp.seq", "tcp.ack",
      "tcp.nxtseq", "tcp.analysis", "tcp.time_", "tcp.window_size", "tcp.reassembled",
      "tcp.segment", "tcp.pdu", "tcp.completeness", "tcp.bytes_in_flight",
      "tcp.push_bytes_sent", "udp.stream", "udp.time_", "ip.reassembled", "ip.fragment",
      "ipv6.reassembled", "ipv6.fragment", "frame.time_delta_displayed", "frame.ref_time",
      "frame.time_reference", "frame.coloring", "frame.protocols", "icmp.resp", "icmpv6.resp",
      "esp.sequence-analysis",
      "_ws.");

  /** Fields that need to know how many records, and which timestamps, came before. */
  private static final List<String> POSITIONAL = List.of("frame.number", "frame.time_relative",
      "frame.time_delta");

  private Stateless() {}

  /**
   * True if {@code names} (fields and protocols, as a filter or {@code -e} names them) can be
   * read from the middle of a capture. {@code numbered}: whether the reader knows how many
   * records and which timestamps came before (netsift-spark's counting pass does), which
   * {@code frame.number} and the relative and delta times need.
   */
  public static boolean fields(Collection<String> names, Protocols protocols,
      FieldRegistry registry, boolean numbered) {
    List<String> layered = new ArrayList<>();
    for (String f : names) {
      for (String s : STATEFUL) {
        if (f.startsWith(s)) {
          return false;
        }
      }
      if (!numbered) {
        for (String s : POSITIONAL) {
          if (f.equals(s)) {
            return false;
          }
        }
      }
      // frame.* fields are the record's own metadata (the stateful ones are listed above).
      if (!f.equals("frame") && !f.startsWith("frame.")) {
        layered.add(f);
      }
    }
    return layered.isEmpty() || protocols.forFields(layered, registry) != protocols;
  }
}

package io.netsift.bench;

import io.netsift.core.dissect.Dissection;
import io.netsift.core.filter.Filter;
import io.netsift.core.filter.FilterException;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Display-filter evaluation, ns per packet: a {@link Filter} compiled once, then
 * {@link Filter#matches(Dissection)} over every frame of the source, already dissected (in
 * setup), so the figure is the filter alone: the layer-table check and the field reads it needs.
 */
public class FilterBenchmark extends PerPacket {
  @Param({"tcp.port == 80", "dns.qry.name contains \"a\"",
      "ip.src == 10.0.0.0/8 and tcp.flags.syn == 1"})
  public String filter;

  /** Where the frames come from: samples, corpus, or a capture path ({@link Workload}). */
  @Param({"samples"})
  public String source;

  private Filter compiled;
  private Dissection[] packets;

  @Setup(Level.Trial)
  public void load() throws FilterException {
    compiled = Filter.compile(filter);
    packets = replicate(Workload.load(source, Workload.Kind.MIX).dissections());
  }

  /** The dissections repeated in order to fill {@link Workload#FRAMES} slots. */
  static Dissection[] replicate(List<Dissection> all) {
    Dissection[] out = new Dissection[Workload.FRAMES];
    for (int i = 0; i < out.length; i++) {
      out[i] = all.get(i % all.size());
    }
    return out;
  }

  /** Matches {@link Workload#FRAMES} packets; returns how many matched. */
  @Benchmark
  @OperationsPerInvocation(Workload.FRAMES)
  public int matches() {
    int n = 0;
    for (Dissection d : packets) {
      if (compiled.matches(d)) {
        n++;
      }
    }
    return n;
  }

  Dissection[] packets() {
    return packets;
  }
}

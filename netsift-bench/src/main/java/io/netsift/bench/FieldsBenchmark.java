package io.netsift.bench;

import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.field.FieldRegistry;
import io.netsift.core.output.FieldsFormat;
import io.netsift.core.output.SummaryFormat;
import io.netsift.core.output.TimeFormat;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Output text, ns per packet, over every frame of the source already dissected (in setup):
 * {@code -T fields -e ip.src -e ip.dst -e tcp.srcport -e tcp.dstport} (extraction and
 * formatting of the four fields) and the summary line (the columns of {@code netsift read}).
 * Each line goes into a reused StringBuilder; nothing is written out.
 */
public class FieldsBenchmark extends PerPacket {
  /** The fields of the issue's -T fields benchmark. */
  public static final List<String> FIELDS = List.of("ip.src", "ip.dst", "tcp.srcport", "tcp.dstport");

  /** Where the frames come from: samples, corpus, or a capture path ({@link Workload}). */
  @Param({"samples"})
  public String source;

  private Dissection[] packets;
  private FieldsFormat fields;
  private SummaryFormat summary;
  private final StringBuilder line = new StringBuilder(256);

  @Setup(Level.Trial)
  public void load() {
    packets = FilterBenchmark.replicate(Workload.load(source, Workload.Kind.MIX).dissections());
    fields = new FieldsFormat(FIELDS, new FieldsFormat.Options(), TimeFormat.RELATIVE,
        FieldRegistry.standard(), Protocols.standard().all());
    summary = new SummaryFormat(TimeFormat.RELATIVE);
  }

  /** Formats the four fields of {@link Workload#FRAMES} packets; returns the characters made. */
  @Benchmark
  @OperationsPerInvocation(Workload.FRAMES)
  public long fields4() {
    long chars = 0;
    for (Dissection d : packets) {
      line.setLength(0);
      fields.append(d, line);
      chars += line.length();
    }
    return chars;
  }

  /** Builds the summary line of {@link Workload#FRAMES} packets; returns the characters made. */
  @Benchmark
  @OperationsPerInvocation(Workload.FRAMES)
  public long summaryLine() {
    long chars = 0;
    for (Dissection d : packets) {
      chars += summary.line(d).length();
    }
    return chars;
  }

  Dissection[] packets() {
    return packets;
  }

  /** The -T fields line of one packet (for the smoke test). */
  String fieldsLine(Dissection d) {
    line.setLength(0);
    fields.append(d, line);
    return line.toString();
  }
}

package io.netsift.bench;

import io.netsift.core.capture.Frame;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.dissect.Protocols;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Dissection, ns per packet: a {@link DissectionEngine} over frames of one kind (Ethernet + IPv4
 * + TCP headers, DNS over UDP, HTTP requests, or everything) taken from real captures. The
 * frames are replayed in capture order; each replay of the selection starts a fresh engine, made
 * before the invocation is timed, so TCP sees a stream once rather than as retransmissions.
 * The figure includes building the layer table and the stateful protocols' work (TCP stream
 * tracking, reassembly), and no field formatting.
 */
public class DissectBenchmark extends PerPacket {
  /** Which frames: eth-ip-tcp, udp-dns, http-request or mix ({@link Workload.Kind}). */
  @Param({"eth-ip-tcp", "udp-dns", "http-request", "mix"})
  public String workload;

  /** Where the frames come from: samples, corpus, or a capture path ({@link Workload}). */
  @Param({"samples"})
  public String source;

  private Protocols protocols;
  private Frame[] frames;
  private DissectionEngine[] engines;

  @Setup(Level.Trial)
  public void load() {
    protocols = Protocols.standard();
    java.util.List<Frame> selected = Workload.load(source, Workload.Kind.of(workload)).frames();
    frames = selected.subList(0, Math.min(selected.size(), Workload.FRAMES)).toArray(new Frame[0]);
    engines = new DissectionEngine[(Workload.FRAMES + frames.length - 1) / frames.length];
  }

  /** A fresh engine for each replay of the frames in the next invocation (not timed). */
  @Setup(Level.Invocation)
  public void freshEngines() {
    for (int i = 0; i < engines.length; i++) {
      engines[i] = new DissectionEngine(protocols);
    }
  }

  /** Dissects {@link Workload#FRAMES} frames; returns the layers found (JMH consumes it). */
  @Benchmark
  @OperationsPerInvocation(Workload.FRAMES)
  public long dissect() {
    long layers = 0;
    int replay = 0;
    int k = 0;
    DissectionEngine engine = engines[0];
    for (int i = 0; i < Workload.FRAMES; i++) {
      if (k == frames.length) {
        k = 0;
        engine = engines[++replay];
      }
      layers += engine.dissect(frames[k++]).layerCount();
    }
    return layers;
  }

  /** The frames of one replay (for the smoke test). */
  Frame[] frames() {
    return frames;
  }
}

package io.netsift.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.capture.Frame;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.filter.Filter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs each benchmark method once over the committed samples (no JMH run) and checks that it
 * measures what it says: the frames have the advertised layers, and filter counts and field
 * values agree with the same facts read straight from the frame bytes.
 */
class BenchmarkSmokeTest {
  @ParameterizedTest
  @ValueSource(strings = {"eth-ip-tcp", "udp-dns", "http-request", "mix"})
  void dissectReplaysFramesOfTheKind(String workload) {
    DissectBenchmark b = new DissectBenchmark();
    b.workload = workload;
    b.source = "samples";
    b.load();
    b.freshEngines();
    long layers = b.dissect();
    Workload.Kind kind = Workload.Kind.of(workload);
    Frame[] frames = b.frames();
    assertTrue(frames.length > 0);
    // A replay in a fresh engine gives every frame the stack it was chosen for.
    DissectionEngine engine = new DissectionEngine();
    long perReplay = 0;
    for (Frame f : frames) {
      Dissection d = engine.dissect(f);
      if (!kind.stack.isEmpty()) {
        assertEquals(kind.stack, Workload.stack(d), "frame " + d.number());
      }
      perReplay += d.layerCount();
    }
    long full = Workload.FRAMES / frames.length;
    int rest = Workload.FRAMES % frames.length;
    long expected = full * perReplay;
    engine = new DissectionEngine();
    for (int i = 0; i < rest; i++) {
      expected += engine.dissect(frames[i]).layerCount();
    }
    assertEquals(expected, layers);
  }

  @ParameterizedTest
  @ValueSource(strings = {"tcp.port == 80", "dns.qry.name contains \"a\"",
      "ip.src == 10.0.0.0/8 and tcp.flags.syn == 1"})
  void filterCountsWhatALivePassMatches(String filter) throws Exception {
    FilterBenchmark b = new FilterBenchmark();
    b.filter = filter;
    b.source = "samples";
    b.load();
    int matched = b.matches();
    // The same filter over each file's own pass (the engine's live dissection, not a copy).
    Filter f = Filter.compile(filter);
    Workload w = Workload.load("samples", Workload.Kind.MIX);
    List<Frame> frames = w.frames();
    boolean[] live = new boolean[frames.size()];
    DissectionEngine engine = null;
    for (int i = 0; i < frames.size(); i++) {
      if (i == 0 || w.fileOf(i) != w.fileOf(i - 1)) {
        engine = new DissectionEngine();
      }
      live[i] = f.matches(engine.dissect(frames.get(i)));
    }
    int expected = 0;
    for (int i = 0; i < Workload.FRAMES; i++) {
      expected += live[i % live.length] ? 1 : 0;
    }
    assertEquals(expected, matched);
    if (filter.equals("tcp.port == 80")) {
      assertTrue(matched > 0, "samples/http.pcapng has port 80");
      // The samples have no tunnels or VLANs: port 80 is visible in the Ethernet/IPv4 header.
      for (Dissection d : b.packets()) {
        int[] ports = ipv4TcpPorts(d);
        boolean raw = ports != null && (ports[0] == 80 || ports[1] == 80);
        assertEquals(raw, f.matches(d), "frame " + d.number());
      }
    }
  }

  @Test
  void fieldsLinesHoldTheHeaderValues() {
    FieldsBenchmark b = new FieldsBenchmark();
    b.source = "samples";
    b.load();
    long chars = b.fields4();
    long expected = 0;
    int tcp = 0;
    for (Dissection d : b.packets()) {
      String line = b.fieldsLine(d);
      expected += line.length();
      assertEquals(3, line.chars().filter(c -> c == '\t').count(), line);
      int[] ports = ipv4TcpPorts(d);
      if (ports != null) {
        byte[] a = d.data();
        int ip = d.frameStart() + 14;
        String want = addr(a, ip + 12) + "\t" + addr(a, ip + 16) + "\t" + ports[0] + "\t" + ports[1] + "\n";
        assertEquals(want, line, "frame " + d.number());
        tcp++;
      }
    }
    assertTrue(tcp > 0);
    assertEquals(expected, chars);
    long summary = b.summaryLine();
    assertTrue(summary > Workload.FRAMES, "every summary line has text: " + summary);
  }

  /** Source and destination port of an untagged Ethernet/IPv4/TCP frame, else null. */
  private static int[] ipv4TcpPorts(Dissection d) {
    byte[] a = d.data();
    int p = d.frameStart();
    if (d.capturedLength() < 14 + 20 + 4 || (a[p + 12] & 0xff) != 0x08 || a[p + 13] != 0
        || (a[p + 14] & 0xf0) != 0x40 || a[p + 14 + 9] != 6) {
      return null;
    }
    int t = p + 14 + (a[p + 14] & 0x0f) * 4;
    return new int[] {u16(a, t), u16(a, t + 2)};
  }

  private static int u16(byte[] a, int i) {
    return (a[i] & 0xff) << 8 | a[i + 1] & 0xff;
  }

  private static String addr(byte[] a, int i) {
    return (a[i] & 0xff) + "." + (a[i + 1] & 0xff) + "." + (a[i + 2] & 0xff) + "." + (a[i + 3] & 0xff);
  }
}

package io.netsift.core.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.FileCapture;
import io.netsift.core.Packet;
import io.netsift.core.dissect.Dissection;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The public surface: reuse across threads, packets, the plan, and the cost per packet. */
class FilterApiTest {
  private static final String CAPTURE = "zeek__wikipedia.pcap";

  @BeforeEach
  void corpus() {
    Assumptions.assumeTrue(FilterCorpus.dir() != null, "corpus not found (../shared/corpus)");
  }

  @Test
  void emptyFilterMatchesEverything() throws FilterException {
    List<Dissection> frames = FilterCorpus.frames(CAPTURE);
    assertEquals(frames.size(), FilterCorpus.matching(Filter.compile("  "), frames).split(",").length);
    assertTrue(Filter.compile("").fields().isEmpty());
  }

  @Test
  void oneFilterManyThreads() throws Exception {
    List<Dissection> frames = FilterCorpus.frames(CAPTURE);
    String[] filters = {"tcp.port == 80", "udp && !(udp.port == 53)", "tcp.payload contains \"GET\"",
        "frame matches \"wiki\"", "tcp.srcport + 1 > 1024 && len(tcp.payload) > 10", "tcp.flags.syn == 1 xor udp"};
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (String text : filters) {
        Filter f = Filter.compile(text);
        String expected = FilterCorpus.matching(f, frames);
        List<Future<String>> runs = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          runs.add(pool.submit(() -> {
            String last = null;
            for (int rep = 0; rep < 20; rep++) {
              last = FilterCorpus.matching(f, frames);
            }
            return last;
          }));
        }
        for (Future<String> r : runs) {
          assertEquals(expected, r.get(), text);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void filtersPacketsAndPlugsIntoFileCapture() throws Exception {
    Filter f = Filter.compile("tcp.port == 80 && tcp.flags.syn == 1");
    List<Long> viaPredicate = new ArrayList<>();
    try (FileCapture cap = FileCapture.builder(FilterCorpus.dir().resolve(CAPTURE)).displayFilter(f).open()) {
      for (Packet p : cap) {
        assertTrue(f.matches(p));
        viaPredicate.add(p.number());
      }
    }
    assertFalse(viaPredicate.isEmpty());
    assertEquals(FilterCorpus.matching(f, FilterCorpus.frames(CAPTURE)),
        viaPredicate.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse(""));
  }

  @Test
  void explainShowsTheTreeAndTheLayersWalked() throws FilterException {
    Filter f = Filter.compile("ip.addr == 10.0.0.0/8 && tcp && !(tcp.port in {80, 443})");
    assertEquals(List.of("ip.addr", "tcp", "tcp.port"), f.fields());
    String plan = f.explain();
    assertTrue(plan.contains("PROTOCOL(tcp) present in the layer table"), plan);
    assertTrue(plan.contains("ip.addr <FT_IPv4>  by walking only the layers of: ip"), plan);
    assertTrue(plan.contains("ANY_IN set of 2"), plan);
    assertEquals("ip.addr == 10.0.0.0/8 && tcp && !(tcp.port in {80, 443})", f.toString());
  }

  /**
   * Simple comparisons allocate nothing per packet once warm: the scratch buffers are reused
   * and only the layers that hold the fields are walked. Measured with the thread's allocation
   * counter over the capture, after a warm-up pass.
   */
  @Test
  void simpleComparisonsDoNotAllocatePerPacket() throws FilterException {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Assumptions.assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "no allocation counter");
    com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) mx;
    Assumptions.assumeTrue(bean.isThreadAllocatedMemorySupported());
    List<Dissection> frames = FilterCorpus.frames(CAPTURE);
    for (String text : new String[] {"tcp.port == 80", "ip.addr == 10.0.0.0/8", "udp.port in {53, 137} || tcp.len > 100",
        "frame[0:3] == 00:1b:21 && ip.ttl != 64", "!ip.flags.df && frame.len > 60", "ip.src#1 == 208.80.0.0/16"}) {
      Filter f = Filter.compile(text);
      for (int warm = 0; warm < 50; warm++) {
        FilterCorpus.matching(f, frames);
      }
      int runs = 20;
      long before = bean.getThreadAllocatedBytes(Thread.currentThread().getId());
      int hits = 0;
      for (int r = 0; r < runs; r++) {
        for (Dissection d : frames) {
          if (f.matches(d)) {
            hits++;
          }
        }
      }
      long perPacket = (bean.getThreadAllocatedBytes(Thread.currentThread().getId()) - before)
          / ((long) runs * frames.size());
      System.out.println("allocation per packet for \"" + text + "\": " + perPacket + " bytes (" + hits / runs + " hits)");
      assertTrue(perPacket < 16, text + ": " + perPacket + " bytes allocated per packet");
    }
  }
}

package io.netsift.core.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.dissect.CutShortTcp;
import io.netsift.core.dissect.Dissection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code tcp.port == 80} read from the frame's bytes ({@link LeadingCompare}) selects exactly the
 * packets the slot-filling comparison selects: checked against {@code tcp.port in {80}}, which
 * always fills the slot, on every corpus packet and on headers cut short.
 */
class LeadingCompareTest {
  /** Each fast filter and a slot-filling equivalent. */
  private static final String[][] PAIRS = {
    {"tcp.port == 80", "tcp.port in {80}"},
    {"tcp.port == 443", "tcp.port in {443}"},
    {"tcp.srcport == 80", "tcp.srcport in {80}"},
    {"tcp.dstport == 0x0050", "tcp.dstport in {80}"},
    {"tcp.port != 80", "tcp.port and not tcp.port in {80}"},
    {"udp.port == 53", "udp.port in {53}"},
    {"udp.port != 53", "udp.port and not udp.port in {53}"},
    {"udp.length == 8", "udp.length in {8}"},
    {"tcp.port == 80 or udp.port == 53", "tcp.port in {80} or udp.port in {53}"},
    {"all tcp.port == 80", "all tcp.port in {80}"},
    {"any udp.port != 53", "udp.port and not all udp.port in {53}"},
  };

  @Test
  void fastComparisonsAreChosenAndExplainAsTheRelation() throws FilterException {
    for (String[] p : PAIRS) {
      Filter f = Filter.compile(p[0]);
      if (!p[0].contains(" or ") && !p[0].startsWith("a")) {
        assertInstanceOf(LeadingCompare.class, f.program().root, p[0]);
      }
      assertTrue(f.explain().contains("ANY_EQ") || f.explain().contains("ALL_NE"), f.explain());
    }
    // Not at fixed bytes, or not a plain equality: the general comparison.
    for (String s : new String[] {"tcp.port >= 80", "ip.src == 10.0.0.1", "tcp.flags.syn == 1", "tcp.port#2 == 80",
        "tcp.len == 0", "all tcp.port == 80", "any udp.port != 53"}) {
      assertFalse(Filter.compile(s).program().root instanceof LeadingCompare, s);
    }
  }

  @Test
  void sameFramesOnEveryCorpusPacket() throws IOException, FilterException {
    Path dir = FilterCorpus.dir();
    Assumptions.assumeTrue(dir != null, "corpus not found (../shared/corpus)");
    List<Filter[]> filters = new ArrayList<>();
    for (String[] p : PAIRS) {
      filters.add(new Filter[] {Filter.compile(p[0]), Filter.compile(p[1])});
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(f -> !f.toString().endsWith(".csv") && !f.toString().endsWith(".md")).sorted().collect(Collectors.toList());
    }
    long[] hits = new long[PAIRS.length];
    int read = 0;
    for (Path file : files) {
      try {
        FilterCorpus.each(file, d -> {
        for (int k = 0; k < PAIRS.length; k++) {
          boolean fast = filters.get(k)[0].matches(d);
          assertEquals(filters.get(k)[1].matches(d), fast, () -> file.getFileName() + " frame " + d.number());
          hits[k] += fast ? 1 : 0;
        }
        });
        read++;
      } catch (java.io.UncheckedIOException e) {
        // A format netsift does not read, or damage: the packets before it were checked.
      }
    }
    assertTrue(read > 150, read + " captures read");
    for (int k = 0; k < PAIRS.length; k++) {
      // Both ports 80 occurs nowhere; every other form matches somewhere.
      assertTrue(PAIRS[k][0].startsWith("all ") || hits[k] > 0, PAIRS[k][0] + " matched nothing in the corpus");
    }
  }

  @Test
  void headersCutShortLoseTheSameOccurrences() throws FilterException {
    for (String[] p : PAIRS) {
      Filter fast = Filter.compile(p[0]);
      Filter slow = Filter.compile(p[1]);
      for (int captured = CutShortTcp.TCP_AT; captured <= CutShortTcp.length(); captured++) {
        Dissection d = CutShortTcp.dissect(captured);
        assertEquals(slow.matches(d), fast.matches(d), p[0] + " with " + (captured - CutShortTcp.TCP_AT) + " TCP bytes");
      }
    }
    // Three bytes of TCP: the source port fits but the destination port does not, and tshark's
    // tree then stops, so tcp.port has no occurrence at all.
    Dissection three = CutShortTcp.dissect(CutShortTcp.TCP_AT + 3);
    assertTrue(Filter.compile("tcp.srcport == 80").matches(three));
    assertFalse(Filter.compile("tcp.port == 80").matches(three));
  }
}

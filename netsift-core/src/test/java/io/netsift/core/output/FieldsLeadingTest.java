package io.netsift.core.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.dissect.CutShortTcp;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.field.FieldRegistry;
import io.netsift.core.golden.TsharkRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code -T fields} of ports and lengths that TCP and UDP report first, read straight from the
 * frame's bytes, print exactly what the walk of those layers prints: the same columns from a
 * format that also asks for a field further into each layer (which makes it walk them), on
 * every corpus packet and on headers cut short.
 */
class FieldsLeadingTest {
  private static final List<String> LEADING = List.of("tcp.srcport", "tcp.dstport", "tcp.port",
      "udp.srcport", "udp.dstport", "udp.port", "udp.length", "ip.src");
  /** The same, then a field of each layer that lies beyond the leading ones. */
  private static final List<String> WALKED = new ArrayList<>(LEADING);

  static {
    WALKED.add("tcp.flags");
    WALKED.add("udp.checksum");
  }

  private static FieldsFormat format(List<String> names) {
    FieldsFormat.Options o = new FieldsFormat.Options();
    o.occurrence = 0;
    return new FieldsFormat(names, o, TimeFormat.RELATIVE, FieldRegistry.standard(), Protocols.standard().all());
  }

  private static String leadingColumns(String walkedLine) {
    String[] cells = walkedLine.split("\t", -1);
    return String.join("\t", Arrays.copyOf(cells, LEADING.size()));
  }

  @Test
  void sameTextOnEveryCorpusPacket() throws IOException {
    Path dir = Path.of(System.getProperty("netsift.corpus", "../../shared/corpus"));
    Assumptions.assumeTrue(Files.isDirectory(dir), "corpus not found (../shared/corpus)");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(f -> !f.toString().endsWith(".csv") && !f.toString().endsWith(".md"))
          .sorted().collect(Collectors.toList());
    }
    int read = 0;
    long withPorts = 0;
    for (Path file : files) {
      List<String> fast;
      List<String> walked;
      try {
        fast = TsharkRows.fields(file, format(LEADING), true);
        walked = TsharkRows.fields(file, format(WALKED), true);
      } catch (IOException | RuntimeException unreadable) {
        continue; // a format netsift does not read: CorpusReadTest covers those
      }
      read++;
      assertEquals(walked.size(), fast.size(), file.getFileName().toString());
      for (int i = 0; i < fast.size(); i++) {
        assertEquals(leadingColumns(walked.get(i)), fast.get(i), file.getFileName() + " frame " + (i + 1));
        withPorts += fast.get(i).startsWith("\t") ? 0 : 1;
      }
    }
    assertTrue(read > 150, read + " captures read");
    assertTrue(withPorts > 10_000, withPorts + " TCP packets");
  }

  @Test
  void headersCutShortLoseTheSameOccurrences() {
    FieldsFormat fast = format(LEADING);
    FieldsFormat walked = format(WALKED);
    for (int captured = CutShortTcp.TCP_AT; captured <= CutShortTcp.length(); captured++) {
      StringBuilder a = new StringBuilder();
      StringBuilder b = new StringBuilder();
      fast.append(CutShortTcp.dissect(captured), a);
      walked.append(CutShortTcp.dissect(captured), b);
      assertEquals(leadingColumns(b.substring(0, b.length() - 1)) + "\n", a.toString(),
          (captured - CutShortTcp.TCP_AT) + " TCP bytes");
    }
    // Three bytes of TCP: the source port fits, the destination port does not, and the tree
    // stops there, so tcp.port has no occurrence at all.
    StringBuilder three = new StringBuilder();
    fast.append(CutShortTcp.dissect(CutShortTcp.TCP_AT + 3), three);
    assertEquals("80\t\t\t\t\t\t\t0.0.0.0\n", three.toString());
  }
}

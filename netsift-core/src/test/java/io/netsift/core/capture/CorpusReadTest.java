package io.netsift.core.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Reads every capture of the shared corpus and checks it against SOURCES.csv, whose
 * {@code packets} and {@code link_type} columns come from capinfos (Wireshark 4.0).
 */
class CorpusReadTest {
  /**
   * Files we do not read, with the start of the expected error. The corpus has no damaged
   * files (all open cleanly in tshark, and we deliver the same frames, lengths and
   * timestamps) and no format netsift does not read, so the map is empty; a format added to the
   * corpus before its reader goes here.
   */
  private static final Map<String, String> NOT_READ = Map.of();

  static Path corpus() {
    String property = System.getProperty("netsift.corpus");
    return Path.of(property != null ? property : "../../shared/corpus");
  }

  record Source(String file, String fileType, String linkType, long packets, boolean gzip) {}

  static List<Source> sources() throws IOException {
    Path csv = corpus().resolve("SOURCES.csv");
    assumeTrue(Files.isRegularFile(csv), "corpus not found at " + corpus().toAbsolutePath());
    List<String> lines = Files.readAllLines(csv);
    assertEquals("file,repo,path_in_repo,repo_commit,size_bytes,file_type,link_type,packets,"
        + "gzip,sha256,top_protocols", lines.get(0));
    List<Source> sources = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.split(",", -1);
      sources.add(new Source(c[0], c[5], c[6], Long.parseLong(c[7]), c[8].equals("yes")));
    }
    return sources;
  }

  @Test
  void everyCorpusFileIsListed() throws IOException {
    List<Source> sources = sources();
    TreeSet<String> listed = sources.stream().map(Source::file)
        .collect(Collectors.toCollection(TreeSet::new));
    TreeSet<String> present;
    try (Stream<Path> files = Files.list(corpus())) {
      present = files.map(p -> p.getFileName().toString())
          .filter(n -> !n.equals("SOURCES.csv") && !n.endsWith(".md"))
          .collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(listed, present);
  }

  @TestFactory
  Stream<DynamicTest> readsEveryFileLikeTshark() throws IOException {
    return sources().stream().map(s -> DynamicTest.dynamicTest(s.file(), () -> check(s)));
  }

  private static void check(Source s) throws IOException {
    Path path = corpus().resolve(s.file());
    String expectedError = NOT_READ.get(s.file());
    if (expectedError != null) {
      CaptureFormatException e = assertThrows(CaptureFormatException.class,
          () -> CaptureReaders.open(path));
      assertTrue(e.getMessage().startsWith(expectedError), e.getMessage());
      return;
    }
    try (CaptureReader reader = CaptureReaders.open(path)) {
      String base = s.fileType().equals("nsecpcap") ? "pcap" : s.fileType();
      assertEquals(base + (s.gzip() ? "-gzip" : ""), reader.format());
      Frame f = new Frame();
      long count = 0;
      int firstLinkType = -1;
      long lastOffset = -1;
      while (reader.next(f)) {
        if (count == 0) {
          firstLinkType = f.linkType;
        }
        assertTrue(f.fileOffset > lastOffset, "file offsets increase");
        assertTrue(f.capturedLength >= 0 && f.offset + f.capturedLength <= f.data.length);
        if (s.fileType().equals("nsecpcap")) {
          assertEquals(9, f.timestampDigits);
        }
        lastOffset = f.fileOffset;
        count++;
      }
      assertEquals(s.packets(), count, "packets");
      String name = LinkType.name(firstLinkType);
      // capinfos says "per-packet" for files mixing link types, and we name only some types.
      if (!s.linkType().equals("per-packet") && !name.startsWith("linktype-")) {
        assertEquals(s.linkType(), name, "link type");
      }
    }
  }
}

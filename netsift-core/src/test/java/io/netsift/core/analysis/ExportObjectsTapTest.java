package io.netsift.core.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netsift.core.FileCapture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --export-objects http,DIR} against the files tshark 4.0 writes (names, sizes and
 * SHA-256 from scripts/analysis/make-follow-expectations.sh, differences listed in
 * export/known-differences.txt), the display filter choosing objects, and file names that must
 * stay inside DIR whatever the URI says.
 */
class ExportObjectsTapTest {
  private static final Path SAMPLES = Path.of(System.getProperty("netsift.root", "..")).resolve("samples");

  private static String sha256(byte[] b) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  /** NAME, SIZE, SHA-256 of every file in {@code dir}, sorted by name (as the script records them). */
  private static Set<String> listing(Path dir) throws Exception {
    Set<String> out = new TreeSet<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.collect(Collectors.toList())) {
        byte[] b = Files.readAllBytes(f);
        out.add(f.getFileName() + "\t" + b.length + "\t" + sha256(b));
      }
    }
    return out;
  }

  @TestFactory
  List<DynamicTest> sameFilesAsTshark(@TempDir Path tmp) throws IOException {
    List<String[]> known = FollowTapTest.cases("export/known-differences.txt").stream()
        .filter(c -> !c[0].startsWith("#")).collect(Collectors.toList());
    List<DynamicTest> tests = new ArrayList<>();
    for (String[] c : FollowTapTest.cases("export/cases.tsv")) {
      tests.add(DynamicTest.dynamicTest(c[0] + " " + c[1], () -> {
        Path file = FollowTapTest.capture(c[1]);
        assumeTrue(file != null && Files.exists(file), "corpus absent");
        Set<String> expected = new TreeSet<>();
        for (String line : new String(FollowTapTest.resource("export/" + c[0] + ".tsv"), StandardCharsets.UTF_8)
            .split("\n")) {
          if (!line.isEmpty()) {
            expected.add(line);
          }
        }
        Path dir = tmp.resolve(c[0]);
        ExportObjectsTap tap = ExportObjectsTap.parse(c[2] + "," + dir, w -> { throw new AssertionError(w); });
        try (FileCapture cap = FileCapture.builder(file).keepPackets(false).open()) {
          cap.runTaps(tap);
        }
        // The script lets tshark write to "objects" (7 characters), which leaves 248 for a name.
        List<String> names = ExportObjectsTap.writeAll(dir, tap.objects(), 255 - "objects".length(),
            w -> { throw new AssertionError(w); });
        StringBuilder table = new StringBuilder();
        ExportObjectsTap.table(tap.objects(), names, table);
        Files.createDirectories(dir);
        Set<String> actual = listing(dir);
        for (String[] k : known) {
          if (k[0].equals(c[0])) {
            boolean netsiftOnly = k[1].startsWith("+");
            String name = netsiftOnly ? k[1].substring(1) : k[1];
            Set<String> side = netsiftOnly ? actual : expected;
            assertTrue(side.removeIf(l -> l.startsWith(name + "\t")), "stale known difference " + k[1]);
          }
        }
        assertEquals(String.join("\n", expected), String.join("\n", actual));
        assertEquals(tap.objects().size() + 1, table.toString().split("\n").length);
      }));
    }
    return tests;
  }

  @Test
  void displayFilterChoosesObjects(@TempDir Path tmp) throws Exception {
    try (FileCapture cap = FileCapture.builder(SAMPLES.resolve("http.pcapng"))
        .displayFilter("http.content_type contains \"png\"").keepPackets(false).open()) {
      List<ExportedObject> objects = cap.exportObjects(ExportObjectsTap.Protocol.HTTP);
      assertEquals(1, objects.size());
      ExportedObject png = objects.get(0);
      assertEquals(32, png.frame());
      assertEquals("image/png", png.contentType());
      assertEquals("127.0.0.1", png.hostname());
      assertEquals("/logo.png", new String(png.suggestedName(), StandardCharsets.US_ASCII));
      assertEquals("logo.png", ExportNames.write(tmp, png));
      assertEquals("logo(1).png", ExportNames.write(tmp, png));
      assertArrayEquals(png.data(), Files.readAllBytes(tmp.resolve("logo(1).png")));
    }
  }

  @Test
  void tableListsEveryObject() throws IOException {
    try (FileCapture cap = FileCapture.open(SAMPLES.resolve("http.pcapng"))) {
      List<ExportedObject> objects = cap.exportObjects(ExportObjectsTap.Protocol.HTTP);
      StringBuilder sb = new StringBuilder();
      ExportObjectsTap.table(objects, null, sb);
      String[] lines = sb.toString().split("\n");
      assertEquals(11, lines.length);
      assertTrue(lines[0].startsWith("Packet  Hostname   Content Type"), lines[0]);
      assertTrue(lines[1].matches(" +8  127\\.0\\.0\\.1  text/html +196"), lines[1]);
    }
  }

  private static String name(String uri) {
    return ExportNames.baseName(uri.getBytes(StandardCharsets.ISO_8859_1), 7, "text/html", 200);
  }

  @Test
  void namesCannotLeaveTheDirectory() {
    assertEquals("passwd", name("/../../etc/passwd"));
    assertEquals("passwd", name("http://evil/../../etc/passwd"));
    assertEquals("..", name("/.."));
    assertEquals("..%5c..%5cwindows%5cwin.ini", name("/..\\..\\windows\\win.ini"));
    assertEquals("%2f", name("/"));
    assertEquals("%2f", name("///"));
    assertEquals(".", name(""));
    assertEquals("a", name("/a\0/../../b"));
    assertEquals("x%3fq=1&r=%2a%3c%3e%7c%22", name("/x?q=1&r=*<>|\""));
    assertEquals("caf%c3%a9%0d%0a", name("/caf\u00c3\u00a9\r\n"));
    assertEquals("object7.text%2fhtml", ExportNames.baseName(null, 7, "text/html", 200));
    assertEquals("object7", ExportNames.baseName(null, 7, "", 200));
    String longName = "/" + "a".repeat(400) + ".html";
    String cut = ExportNames.baseName(longName.getBytes(StandardCharsets.US_ASCII), 1, null, 200);
    assertEquals(200, cut.length());
    assertTrue(cut.endsWith("a.html"));
    assertEquals(255, ExportNames.numbered("a".repeat(300), 12).length());
    assertEquals("page(3).html", ExportNames.numbered("page.html", 3));
    assertEquals("(1).", ExportNames.numbered(".", 1));
    assertEquals(".(1).", ExportNames.numbered("..", 1));
  }

  @Test
  void hostileNamesAreWrittenInsideAndNeverOverwrite(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("out");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("index.html"), "mine");
    String[] uris = {"/index.html", "/../index.html", "/..", "/.", "", "/", "/a/b/..", "/\0", "/x/../../../../tmp/evil",
        "/" + "z".repeat(1000), "/" + ".".repeat(300), "/a." + "b".repeat(400)};
    List<String> written = new ArrayList<>();
    for (String u : uris) {
      ExportedObject o = new ExportedObject(1, "h", "text/plain", u.getBytes(StandardCharsets.ISO_8859_1),
          u.getBytes(StandardCharsets.UTF_8));
      written.add(ExportNames.write(dir, o));
    }
    assertEquals("mine", Files.readString(dir.resolve("index.html")));
    try (Stream<Path> all = Files.walk(tmp)) {
      List<Path> files = all.filter(Files::isRegularFile).collect(Collectors.toList());
      assertEquals(uris.length + 1, files.size(), files.toString());
      for (Path f : files) {
        assertEquals(dir, f.getParent());
        assertTrue(f.getFileName().toString().length() <= 255);
      }
    }
    for (String n : written) {
      assertFalse(n.contains("/") || n.contains("\0") || n.equals(".") || n.equals(".."), n);
    }
  }

  @Test
  void badSpecSaysWhat() {
    assertThrows(IllegalArgumentException.class, () -> ExportObjectsTap.parse("http", null));
    assertThrows(IllegalArgumentException.class, () -> ExportObjectsTap.parse("smb,/tmp/x", null));
    assertThrows(IllegalArgumentException.class, () -> ExportObjectsTap.parse("http,", null));
  }
}

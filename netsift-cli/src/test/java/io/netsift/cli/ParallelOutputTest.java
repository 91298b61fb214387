package io.netsift.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's parallel paths against its single-threaded one, byte for byte: split reads
 * ({@code -T fields} of lower-layer fields, {@code -Y ... -w}) and pipelined formatting (summary
 * lines, {@code -T json}), with chunks small enough ({@code -Dnetsift.chunk}) that every file
 * takes the parallel path, on the samples and, when the corpus is beside the checkout, on
 * every corpus capture.
 */
class ParallelOutputTest {
  @TempDir Path tmp;

  @BeforeAll
  static void utc() {
    TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    io.netsift.core.field.FieldFormat.setZone(java.time.ZoneOffset.UTC);
  }

  @AfterEach
  void clear() {
    System.clearProperty("netsift.chunk");
    System.clearProperty("netsift.threads");
  }

  private static Cli run(boolean parallel, String... args) {
    if (parallel) {
      System.setProperty("netsift.chunk", "4096");
      System.setProperty("netsift.threads", "2");
    } else {
      System.setProperty("netsift.threads", "1");
      System.clearProperty("netsift.chunk");
    }
    return Cli.run(args);
  }

  private void same(Path file, String... options) throws IOException {
    List<String> a = new ArrayList<>(List.of("read", file.toString()));
    a.addAll(List.of(options));
    boolean writes = a.contains("-w");
    Path w1 = tmp.resolve("seq.pcapng");
    Path w2 = tmp.resolve("par.pcapng");
    String[] seq = a.stream().map(s -> s.equals("OUT") ? w1.toString() : s).toArray(String[]::new);
    String[] par = a.stream().map(s -> s.equals("OUT") ? w2.toString() : s).toArray(String[]::new);
    Cli one = run(false, seq);
    Cli two = run(true, par);
    String what = file.getFileName() + " " + String.join(" ", options);
    assertEquals(one.exit, two.exit, what + ": exit");
    assertEquals(one.err, two.err, what + ": errors");
    assertArrayEquals(one.outBytes, two.outBytes, what + ": output");
    if (writes) {
      assertArrayEquals(Files.readAllBytes(w1), Files.readAllBytes(w2), what + ": written file");
    }
  }

  private static final String[][] RUNS = {
    {"-T", "fields", "-e", "ip.src", "-e", "ip.dst", "-e", "tcp.srcport", "-e", "tcp.dstport", "-e", "udp.port"},
    {"-Y", "tcp.port == 80 or udp.port == 53", "-w", "OUT"},
    {"-Y", "frame.number > 2 and (tcp or udp)", "-T", "fields", "-e", "frame.number", "-e", "frame.time_relative",
        "-e", "frame.time_delta", "-e", "ip.dst"},
    {},
    {"-T", "json"},
  };

  @Test
  void samplesReadTheSameOnEveryPath() throws IOException {
    try (Stream<Path> s = Files.list(Cli.repo("samples"))) {
      List<Path> files = s.filter(p -> p.toString().matches(".*\\.(pcap|pcapng)$")).sorted().toList();
      assertFalse(files.isEmpty());
      for (Path f : files) {
        for (String[] r : RUNS) {
          same(f, r);
        }
      }
    }
  }

  @Test
  void corpusReadsTheSameOnEveryPath() throws IOException {
    Path dir = Path.of(System.getProperty("netsift.corpus", "../../shared/corpus"));
    assumeTrue(Files.isDirectory(dir), "corpus absent");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().matches(".*\\.(pcap|pcapng|cap)(\\.gz)?$")).sorted().toList();
    }
    assertTrue(files.size() > 100);
    for (Path f : files) {
      // JSON of the whole corpus is slow in a test; summary, fields and -w cover every file.
      for (int i = 0; i < 4; i++) {
        same(f, RUNS[i]);
      }
    }
  }

  @Test
  void gzipFilesKeepFrameNumbersAndTimes() throws IOException {
    Path dir = Path.of(System.getProperty("netsift.corpus", "../../shared/corpus"));
    List<Path> sources = new ArrayList<>(List.of(Cli.repo("samples/http.pcapng"), Cli.repo("samples/dns.pcap")));
    Path big = dir.resolve("pcapplusplus__many-protocols.pcap");
    if (Files.exists(big)) {
      sources.add(big);
    }
    for (Path src : sources) {
      Path gz = tmp.resolve(src.getFileName() + ".gz");
      try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
        Files.copy(src, out);
      }
      same(gz, "-T", "fields", "-e", "frame.number", "-e", "frame.time_relative", "-e", "frame.time_delta",
          "-e", "ip.src", "-e", "tcp.dstport");
      same(gz, "-Y", "frame.number > 3 and (udp or tcp.port == 80)", "-T", "fields", "-e", "frame.number");
      same(gz, "-Y", "ip", "-w", "OUT");
    }
  }

  @Test
  void damagedFilesEndAtTheSameByte() throws IOException {
    Path src = Cli.repo("samples/http.pcapng");
    byte[] b = Files.readAllBytes(src);
    Path cut = tmp.resolve("cut.pcapng");
    Files.write(cut, java.util.Arrays.copyOf(b, b.length * 2 / 3));
    for (String[] r : RUNS) {
      same(cut, r);
    }
    Cli c = run(true, "read", cut.toString(), "-T", "fields", "-e", "ip.src");
    assertEquals(1, c.exit);
    assertTrue(c.err.contains("appears to be damaged"), c.err);
  }
}

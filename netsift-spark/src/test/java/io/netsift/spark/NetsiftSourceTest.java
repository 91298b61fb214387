package io.netsift.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netsift.core.capture.CaptureFormatException;
import io.netsift.core.capture.CaptureReader;
import io.netsift.core.capture.CaptureReaders;
import io.netsift.core.capture.Frame;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.field.FieldRegistry;
import io.netsift.core.filter.Filter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data source in local[2] against netsift's own {@code read -T fields} path, computed in
 * process through core: the same rows, values and frame numbers whether files are read whole
 * or in many splits; pushdown visible in the plan; split boundaries in awkward places.
 */
class NetsiftSourceTest {
  private static final List<String> FIELDS = List.of("frame.len", "eth.src", "ip.src",
      "ip.dst", "ip.proto", "ip.ttl", "ipv6.src", "tcp.srcport", "tcp.dstport", "tcp.flags",
      "tcp.flags.syn", "udp.srcport", "udp.dstport", "frame.time_relative");
  private static SparkSession spark;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start(LocalSpark.builder("netsift-test"));
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  private static Path corpus() {
    return LocalSpark.corpus();
  }

  /** Corpus files that netsift opens as captures (the corpus also holds notes). */
  private static List<Path> captures() throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(corpus())) {
      for (Path p : s.sorted().collect(Collectors.toList())) {
        try (CaptureReader r = CaptureReaders.open(p)) {
          out.add(p);
        } catch (IOException e) {
          // not a capture
        }
      }
    }
    return out;
  }

  /** file, frame_number and the field columns (the summary columns would need whole files). */
  private static Dataset<Row> read(List<Path> files, long splitSize, String fields) {
    List<org.apache.spark.sql.Column> cols = new ArrayList<>();
    cols.add(org.apache.spark.sql.functions.col("file"));
    cols.add(org.apache.spark.sql.functions.col("frame_number"));
    for (String f : FIELDS) {
      cols.add(org.apache.spark.sql.functions.col(f.replace('.', '_')));
    }
    return spark.read().format("netsift").option("fields", fields)
        .option("splitSize", Long.toString(splitSize))
        .load(files.stream().map(Path::toString).toArray(String[]::new))
        .select(cols.toArray(new org.apache.spark.sql.Column[0]));
  }

  @Test
  void everyCorpusCaptureMatchesFieldsOutputWholeAndSplit() throws Exception {
    List<Path> files = captures();
    assertTrue(files.size() > 150, "captures: " + files.size());
    Map<String, List<String>> expected = new HashMap<>();
    for (Path p : files) {
      expected.put(p.getFileName().toString(), LocalSpark.fieldsOutput(p, FIELDS, null));
    }
    String fields = FIELDS.stream().map(n -> n + "[]").collect(Collectors.joining(","));
    for (long split : new long[] {1L << 30, 96 << 10}) {
      Dataset<Row> df = read(files, split, fields);
      int partitions = df.rdd().getNumPartitions();
      if (split < 1 << 20) {
        assertTrue(partitions > files.size() + 250, "split into " + partitions);
      } else {
        assertEquals(files.size(), partitions);
      }
      Map<String, List<Row>> byFile = new HashMap<>();
      for (Row r : df.collectAsList()) {
        String name = r.getString(0).substring(r.getString(0).lastIndexOf('/') + 1);
        byFile.computeIfAbsent(name, k -> new ArrayList<>()).add(r);
      }
      long rows = 0;
      for (Map.Entry<String, List<String>> e : expected.entrySet()) {
        List<Row> got = byFile.getOrDefault(e.getKey(), new ArrayList<>());
        got.sort((a, b) -> Long.compare(a.getLong(1), b.getLong(1)));
        assertEquals(e.getValue().size(), got.size(), e.getKey() + " rows, split " + split);
        for (int i = 0; i < got.size(); i++) {
          Row r = got.get(i);
          assertEquals(i + 1, r.getLong(1), e.getKey() + " frame number");
          LocalSpark.compareRow(e.getKey() + " frame " + (i + 1) + " split " + split,
              e.getValue().get(i), r, FIELDS, 2);
        }
        rows += got.size();
      }
      assertTrue(rows > 50_000, "rows " + rows);
    }
  }

  private static long cliCount(Path p, String filter) throws Exception {
    Filter f = Filter.compile(filter);
    DissectionEngine e = new DissectionEngine();
    long n = 0;
    Frame frame = new Frame();
    try (CaptureReader r = CaptureReaders.open(p)) {
      while (r.next(frame)) {
        Dissection d = e.dissect(frame);
        n += f.matches(d) ? 1 : 0;
      }
    } catch (CaptureFormatException damaged) {
      // counted up to the damage, as the CLI does
    }
    return n;
  }

  @Test
  void filterOptionCountsAsTheCliWholeAndSplit() throws Exception {
    Path p = corpus().resolve("pcapplusplus__many-protocols.pcap");
    assumeTrue(Files.exists(p));
    long want = cliCount(p, "tcp.port == 80 || udp");
    assertTrue(want > 100);
    for (long split : new long[] {1L << 30, 200_000}) {
      Dataset<Row> df = spark.read().format("netsift").option("filter", "tcp.port == 80 || udp")
          .option("splitSize", Long.toString(split)).load(p.toString());
      assertEquals(want, df.count(), "split " + split);
    }
  }

  @Test
  void sparkFiltersArePushedAsADisplayFilterAndShownInThePlan() throws Exception {
    Path p = corpus().resolve("pcapplusplus__many-protocols.pcap");
    assumeTrue(Files.exists(p));
    Dataset<Row> df = spark.read().format("netsift").option("fields", "ip.src,tcp.dstport")
        .load(p.toString())
        .where("tcp_dstport = 80 AND frame_number > 3 AND (len < 100 OR len >= 1000) "
            + "AND caplen IN (60, 1514) AND ip_src IS NOT NULL");
    String plan = df.queryExecution().executedPlan().toString();
    assertTrue(plan.contains("tcp.dstport == 80"), plan);
    assertTrue(plan.contains("frame.number > 3"), plan);
    assertTrue(plan.contains("(frame.len < 100 || frame.len >= 1000)"), plan);
    assertTrue(plan.contains("frame.cap_len in {60, 1514}"), plan);
    // The same rows as Spark computes without pushdown (the filter evaluated over all rows).
    Dataset<Row> all = spark.read().format("netsift").option("fields", "ip.src,tcp.dstport")
        .load(p.toString()).cache();
    long unpushed = all.collectAsList().stream().filter(r -> !r.isNullAt(12) && r.getLong(12) == 80
        && r.getLong(1) > 3 && (r.getLong(4) < 100 || r.getLong(4) >= 1000)
        && (r.getInt(3) == 60 || r.getInt(3) == 1514) && !r.isNullAt(11)).count();
    assertTrue(unpushed > 0);
    assertEquals(unpushed, df.count());
  }

  @Test
  void predicatesV1FiltersCannotSayArePushedTooWithTheSameRows() throws Exception {
    Path p = corpus().resolve("pcapplusplus__many-protocols.pcap");
    assumeTrue(Files.exists(p));
    String fields = "ip.src,tcp.srcport,tcp.dstport,tcp.flags,http.host";
    Dataset<Row> all = spark.read().format("netsift").option("fields", fields)
        .load(p.toString()).cache();
    String[][] cases = {
      {"tcp_srcport < tcp_dstport AND caplen <= len AND (tcp_flags & 2) = 2",
          "tcp.srcport < tcp.dstport", "frame.cap_len <= frame.len", "{tcp.flags & 2} == 2"},
      {"caplen NOT IN (60, 1514) AND ip_src IS NULL", "!(frame.cap_len in {60, 1514})",
          "!ip.src"},
      {"http_host LIKE 'www.%' OR http_host LIKE '%.com' OR http_host LIKE '%goo%'",
          "http.host matches \"^www\\\\.\"", "http.host matches \"\\\\.com$\"",
          "http.host contains \"goo\""},
      {"caplen <> 60", "!(frame.cap_len == 60)"},
    };
    for (String[] c : cases) {
      Dataset<Row> df = spark.read().format("netsift").option("fields", fields)
          .load(p.toString()).where(c[0]);
      String plan = df.queryExecution().executedPlan().toString();
      for (int i = 1; i < c.length; i++) {
        assertTrue(plan.contains(c[i]), c[i] + " in " + plan);
      }
      long want = all.where(c[0]).count();
      assertTrue(want > 0, c[0]);
      assertEquals(want, df.count(), c[0]);
    }
    all.unpersist();
  }

  @Test
  void statefulFieldsAndSummaryColumnsReadWholeFiles() throws Exception {
    Path p = corpus().resolve("pcapplusplus__many-protocols.pcap");
    assumeTrue(Files.exists(p));
    Dataset<Row> stream = spark.read().format("netsift").option("fields", "tcp.stream")
        .option("splitSize", "100000").load(p.toString());
    assertTrue(stream.queryExecution().executedPlan().toString().contains("Splittable: false"));
    assertEquals(1, stream.rdd().getNumPartitions());
    Dataset<Row> info = spark.read().format("netsift").option("splitSize", "100000")
        .load(p.toString()).select("info");
    assertEquals(1, info.rdd().getNumPartitions());
    Dataset<Row> ports = spark.read().format("netsift").option("fields", "tcp.srcport")
        .option("splitSize", "100000").load(p.toString()).select("tcp_srcport");
    assertTrue(ports.rdd().getNumPartitions() > 10);
  }

  @Test
  void truncatedLastRecordKeepsEveryGoodPacketWhenSplit() throws Exception {
    Path p = corpus().resolve("pcapplusplus__many-protocols.pcap");
    assumeTrue(Files.exists(p));
    byte[] all = Files.readAllBytes(p);
    Path cut = tmp.resolve("cut.pcap");
    Files.write(cut, java.util.Arrays.copyOf(all, all.length - 20));
    long want = cliCount(cut, "frame");
    assertEquals(cliCount(p, "frame") - 1, want);
    for (long split : new long[] {1L << 30, 150_000}) {
      Dataset<Row> df = spark.read().format("netsift").option("splitSize", Long.toString(split))
          .load(cut.toString()).select("frame_number");
      List<Row> rows = df.collectAsList();
      assertEquals(want, rows.size(), "split " + split);
      assertEquals(want, rows.stream().mapToLong(r -> r.getLong(0)).max().orElse(0));
    }
  }
}

package io.netsift.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local runner behind ./netsift-spark.sh: its count, its Parquet export, and what --timings prints. */
class NetsiftRunnerTest {
  @TempDir Path tmp;

  /**
   * export --fields --filter --parquet, the file split in several tasks: the Parquet rows are the
   * frames {@code read -Y FILTER -T fields} prints, with its values and frame numbers, and the
   * record columns but not the whole-file summary columns.
   */
  @Test
  void exportWritesTheFilteredFieldsRowsAsParquet() throws Exception {
    Path p = LocalSpark.corpus().resolve("pcapplusplus__many-protocols.pcap");
    assumeTrue(Files.exists(p));
    List<String> names = List.of("ip.src", "tcp.srcport", "udp.dstport");
    String filter = "tcp.port == 80 || udp";
    Path out = tmp.resolve("out.parquet");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    int rc;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      rc = SparkRunner.run(new String[] {"export", "--master", "local[2]", "--timings",
          "--split-size", "1000000", "--filter", filter, "--fields",
          "ip.src[],tcp.srcport[],udp.dstport[]", "--parquet", out.toString(), p.toString()});
    } finally {
      System.setErr(stderr);
    }
    String timings = err.toString(StandardCharsets.UTF_8);
    assertEquals(0, rc, timings);
    // Without the summary columns the file is read in splits, as count reads it.
    assertTrue(timings.contains("netsift counting pass (3 splits), 3 tasks"), timings);
    List<String> expected = LocalSpark.fieldsOutput(p, names, filter);
    SparkSession spark = LocalSpark.start(LocalSpark.builder("netsift-export-check"));
    try {
      var df = spark.read().parquet(out.toString());
      List<String> columns = List.of(df.columns());
      for (String c : new String[] {"file", "frame_number", "timestamp", "caplen", "len"}) {
        assertTrue(columns.contains(c), c + " in " + columns);
      }
      for (String c : new String[] {"source", "destination", "protocol", "info"}) {
        assertTrue(!columns.contains(c), c + " in " + columns);
      }
      List<Row> rows = new ArrayList<>(df.select("frame_number", "ip_src", "tcp_srcport",
          "udp_dstport").collectAsList());
      rows.sort((a, b) -> Long.compare(a.getLong(0), b.getLong(0)));
      long want = expected.stream().filter(l -> l != null).count();
      assertTrue(want > 100, "matching frames " + want);
      assertEquals(want, rows.size());
      for (Row r : rows) {
        String line = expected.get((int) r.getLong(0) - 1);
        assertTrue(line != null, "frame " + r.getLong(0) + " does not match " + filter);
        LocalSpark.compareRow("frame " + r.getLong(0), line, r, names, 1);
      }
    } finally {
      spark.stop();
    }
  }

  @Test
  void countWithTimingsPrintsTheCountAndEveryPhase() throws Exception {
    Path p = LocalSpark.corpus().resolve("pcapplusplus__many-protocols.pcap");
    assumeTrue(Files.exists(p));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    int rc;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      rc = SparkRunner.run(new String[] {"count", "--master", "local[2]", "--timings",
          "--split-size", "1000000", "--filter", "tcp.port == 80 || udp", p.toString()});
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
    String timings = err.toString(StandardCharsets.UTF_8);
    assertEquals(0, rc, timings);
    long count = Long.parseLong(out.toString(StandardCharsets.UTF_8).trim());
    assertTrue(count > 100, "count " + count);
    for (String phase : new String[] {"Spark start-up", "load (table, schema)", "query planning",
        "counting pass", "total (from JVM start)"}) {
      assertTrue(timings.contains("timings: " + phase), phase + " in " + timings);
    }
    assertTrue(timings.contains("netsift counting pass (3 splits), 3 tasks"), timings);
  }
}

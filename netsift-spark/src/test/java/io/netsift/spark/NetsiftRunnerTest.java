package io.netsift.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The local runner behind ./netsift-spark.sh: its count, and what --timings prints. */
class NetsiftRunnerTest {
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

package io.netsift.spark;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** What the Spark tests share: a quiet local[2] session and the corpus directory. */
final class LocalSpark {
  private LocalSpark() {}

  /** A local[2] session builder on loopback without the UI; {@link #start} makes it quiet. */
  static SparkSession.Builder builder(String app) {
    return SparkSession.builder().master("local[2]").appName(app)
        .config("spark.driver.host", "127.0.0.1").config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2");
  }

  static SparkSession start(SparkSession.Builder b) {
    SparkSession s = b.getOrCreate();
    s.sparkContext().setLogLevel("ERROR");
    return s;
  }

  /** The shared corpus; the test is skipped when it is absent. */
  static Path corpus() {
    String p = System.getProperty("netsift.corpus");
    Path d = p == null ? null : Path.of(p).toAbsolutePath().normalize();
    assumeTrue(d != null && Files.isDirectory(d), "corpus absent");
    return d;
  }
}

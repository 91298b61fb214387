package io.netsift.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hdfs:} paths really work: an in-process HDFS (Hadoop 3.4.1's MiniDFSCluster, the
 * version of the client Spark 4.0.4 brings) holds corpus captures in 256 KiB blocks, and reading
 * them from {@code hdfs://} gives the same rows as reading the same files from {@code file:},
 * whole and in splits that cross HDFS block boundaries.
 */
class HdfsSourceTest {
  /** A pcap, a pcapng and a small file; the first two are several HDFS blocks long. */
  static final List<String> CAPTURES = List.of("pcapplusplus__many-protocols.pcap",
      "ndpi__alexa-app.pcapng", "dpkt__http.pcap");
  static final String FIELDS = "ip.src,ip.dst,ipv6.src,tcp.srcport,tcp.dstport,udp.dstport,"
      + "frame.time_relative,eth.src[]";
  private static SparkSession spark;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start(LocalSpark.builder("netsift-hdfs-test"));
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  static Path corpus() {
    Path d = LocalSpark.corpus();
    for (String c : CAPTURES) {
      assumeTrue(Files.exists(d.resolve(c)), c + " absent");
    }
    return d;
  }

  /** Every row, {@code file} reduced to its name, ordered by file and frame number. */
  static List<String> rows(Dataset<Row> df) {
    List<String> out = new ArrayList<>();
    for (Row r : df.collectAsList()) {
      StringBuilder sb = new StringBuilder();
      String file = r.getString(0);
      sb.append(file.substring(file.lastIndexOf('/') + 1));
      for (int i = 1; i < r.size(); i++) {
        sb.append('\t').append(r.isNullAt(i) ? "null" : String.valueOf(r.get(i)));
      }
      out.add(sb.toString());
    }
    out.sort(Comparator.comparing((String s) -> s.substring(0, s.indexOf('\t')))
        .thenComparingLong(s -> Long.parseLong(s.split("\t", 3)[1])));
    return out;
  }

  /** Reads {@code paths}; a split read leaves out the columns that force whole files. */
  static Dataset<Row> read(SparkSession session, List<String> paths, long splitSize) {
    Dataset<Row> df = session.read().format("netsift").option("fields", FIELDS)
        .option("splitSize", Long.toString(splitSize)).load(paths.toArray(new String[0]));
    return splitSize < 1 << 20 ? df.drop("source", "destination", "protocol", "info") : df;
  }

  @Test
  void hdfsReadsEqualFileReadsWholeAndSplit() throws Exception {
    Path corpus = corpus();
    Configuration conf = new Configuration();
    conf.setLong("dfs.namenode.fs-limits.min-block-size", 0);
    conf.setLong("dfs.blocksize", 256 << 10);
    MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf, tmp.resolve("dfs").toFile())
        .numDataNodes(1).build();
    try {
      cluster.waitActive();
      FileSystem fs = cluster.getFileSystem();
      String base = fs.getUri() + "/captures/";
      List<String> local = new ArrayList<>();
      List<String> remote = new ArrayList<>();
      for (String c : CAPTURES) {
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(corpus.resolve(c).toUri()),
            new org.apache.hadoop.fs.Path(base + c));
        local.add(corpus.resolve(c).toUri().toString());
        remote.add(base + c);
      }
      assertTrue(fs.getFileStatus(new org.apache.hadoop.fs.Path(remote.get(0))).getLen()
          > 4 * fs.getDefaultBlockSize(new org.apache.hadoop.fs.Path(base)), "several blocks");
      for (long split : new long[] {1L << 30, 100_000}) {
        Dataset<Row> fromHdfs = read(spark, remote, split);
        if (split < 1 << 20) {
          assertTrue(fromHdfs.rdd().getNumPartitions() > 2 * CAPTURES.size(),
              "partitions " + fromHdfs.rdd().getNumPartitions());
        }
        List<String> want = rows(read(spark, local, split));
        assertTrue(want.size() > 3000, "rows " + want.size());
        assertEquals(want, rows(fromHdfs), "split " + split);
      }
      // A glob through the HDFS client, and pushdown, give the same count as file:.
      String filter = "tcp.port == 80 || udp";
      long want = spark.read().format("netsift").option("filter", filter)
          .load(local.get(0)).count();
      long got = spark.read().format("netsift").option("filter", filter).option("splitSize", "100000")
          .load(base + "*many-protocols*").count();
      assertTrue(want > 100);
      assertEquals(want, got);
    } finally {
      cluster.shutdown();
    }
  }
}

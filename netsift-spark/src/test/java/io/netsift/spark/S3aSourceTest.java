package io.netsift.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code s3a:} paths really work: S3Proxy (an S3-compatible server over a local directory,
 * jclouds' filesystem backend) runs as a separate process on loopback, S3A (hadoop-aws 3.4.1,
 * the Hadoop version Spark 4.0.4 brings) uploads corpus captures to it, and reading them from
 * {@code s3a://} gives the rows reading them from {@code file:} gives, whole and split
 * (each split a ranged GET).
 */
class S3aSourceTest {
  private static final String BUCKET = "captures";
  private static Process server;
  private static SparkSession spark;
  private static Path data;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() throws Exception {
    Path jar = Path.of("target/s3proxy/s3proxy.jar");
    assumeTrue(Files.exists(jar), "S3Proxy jar absent (the s3a-test profile is off)");
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    data = Files.createDirectories(tmp.resolve("s3"));
    Files.createDirectories(data.resolve(BUCKET));
    Path props = tmp.resolve("s3proxy.properties");
    Files.writeString(props, String.join("\n",
        "s3proxy.endpoint=http://127.0.0.1:" + port,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=netsift-test",
        "s3proxy.credential=netsift-secret",
        "jclouds.provider=filesystem",
        "jclouds.identity=netsift-test",
        "jclouds.credential=netsift-secret",
        "jclouds.filesystem.basedir=" + data, ""));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    server = new ProcessBuilder(java.toString(), "-Xmx256m", "-jar", jar.toString(),
        "--properties", props.toString())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("s3proxy.log").toFile()).start();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!listening(port)) {
      assertTrue(server.isAlive(), "S3Proxy exited: " + Files.readString(tmp.resolve("s3proxy.log")));
      assertTrue(System.nanoTime() < deadline, "S3Proxy did not listen within 60 s");
      Thread.sleep(200);
    }
    spark = LocalSpark.start(LocalSpark.builder("netsift-s3a-test")
        .config("spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:" + port)
        .config("spark.hadoop.fs.s3a.endpoint.region", "us-east-1")
        .config("spark.hadoop.fs.s3a.path.style.access", "true")
        .config("spark.hadoop.fs.s3a.connection.ssl.enabled", "false")
        .config("spark.hadoop.fs.s3a.aws.credentials.provider",
            "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider")
        // objects copied into the server's directory have no stored ETag to check reads against
        .config("spark.hadoop.fs.s3a.change.detection.version.required", "false")
        .config("spark.hadoop.fs.s3a.access.key", "netsift-test")
        .config("spark.hadoop.fs.s3a.secret.key", "netsift-secret"));
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (spark != null) {
      spark.stop();
    }
    if (server != null) {
      server.destroy();
      server.waitFor();
    }
  }

  @Test
  void s3aReadsEqualFileReadsWholeAndSplit() throws Exception {
    Path corpus = HdfsSourceTest.corpus();
    String base = "s3a://" + BUCKET + "/";
    List<String> local = new ArrayList<>();
    List<String> remote = new ArrayList<>();
    for (String c : HdfsSourceTest.CAPTURES) {
      // Straight into the server's directory: S3A's upload (the SDK's transfer manager) signs
      // a payload hash S3Proxy 2.6 rejects, and the read path is what is under test.
      Files.copy(corpus.resolve(c), data.resolve(BUCKET).resolve(c));
      local.add(corpus.resolve(c).toUri().toString());
      remote.add(base + c);
    }
    FileSystem fs = new org.apache.hadoop.fs.Path(base)
        .getFileSystem(spark.sessionState().newHadoopConf());
    assertEquals(Files.size(corpus.resolve(HdfsSourceTest.CAPTURES.get(0))),
        fs.getFileStatus(new org.apache.hadoop.fs.Path(remote.get(0))).getLen());
    for (long split : new long[] {1L << 30, 100_000}) {
      Dataset<Row> fromS3 = HdfsSourceTest.read(spark, remote, split);
      if (split < 1 << 20) {
        assertTrue(fromS3.rdd().getNumPartitions() > 2 * HdfsSourceTest.CAPTURES.size(),
            "partitions " + fromS3.rdd().getNumPartitions());
      }
      List<String> want = HdfsSourceTest.rows(HdfsSourceTest.read(spark, local, split));
      assertTrue(want.size() > 3000, "rows " + want.size());
      assertEquals(want, HdfsSourceTest.rows(fromS3), "split " + split);
    }
    // A directory listing through S3A, with a filter.
    String filter = "tcp.port == 80 || udp";
    long want = spark.read().format("netsift").option("filter", filter).load(local.get(0)).count();
    long got = spark.read().format("netsift").option("filter", filter).option("splitSize", "100000")
        .load(base).where("file like '%many-protocols%'").count();
    assertTrue(want > 100);
    assertEquals(want, got);
  }
}

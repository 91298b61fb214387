package io.netsift.spark;

import io.netsift.core.field.FieldRegistry;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The local runner behind {@code ./netsift-spark.sh}: Spark in this JVM ({@code local[*]}
 * unless {@code --master} says otherwise), no installation needed.
 *
 * <pre>
 * count  [--master M] [--filter F] [--split-size BYTES] [--timings] FILE...
 * export [--master M] [--filter F] [--split-size BYTES] [--timings] --fields f1,f2 --parquet OUT FILE...
 * </pre>
 *
 * <p>{@code --timings} prints on stderr where the time went: JVM start, Spark start-up,
 * planning (listing, file heads), each Spark job (the counting pass that numbers frames, the
 * read) and the stop.
 */
public final class SparkRunner {
  private SparkRunner() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    long mainAt = System.currentTimeMillis();
    if (args.length == 0 || !(args[0].equals("count") || args[0].equals("export"))) {
      return usage("give a command: count or export");
    }
    String command = args[0];
    String master = "local[*]";
    String filter = null;
    String fields = null;
    String parquet = null;
    String split = null;
    List<String> files = new ArrayList<>();
    boolean timings = false;
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      boolean hasValue = i + 1 < args.length;
      switch (a) {
        case "--master": case "--filter": case "--fields": case "--parquet": case "--split-size":
          if (!hasValue) {
            return usage(a + " needs a value");
          }
          String v = args[++i];
          switch (a) {
            case "--master": master = v; break;
            case "--filter": filter = v; break;
            case "--fields": fields = v; break;
            case "--parquet": parquet = v; break;
            default: split = v; break;
          }
          break;
        case "--timings":
          timings = true;
          break;
        default:
          if (a.startsWith("--")) {
            return usage("unknown option " + a);
          }
          files.add(a);
      }
    }
    if (files.isEmpty()) {
      return usage("give at least one capture file");
    }
    if (command.equals("export") && (parquet == null || fields == null)) {
      return usage("export needs --fields and --parquet");
    }
    // Spark's start-up is mostly one thread: build netsift's field registry on another core
    // meanwhile (about a second that planning would otherwise wait for).
    Thread warm = new Thread(FieldRegistry::standard, "netsift-warm-up");
    warm.setDaemon(true);
    warm.start();
    SparkSession spark = SparkSession.builder().master(master).appName("netsift-" + command)
        .config("spark.driver.host", "127.0.0.1").config("spark.ui.enabled", "false")
        .config("spark.log.level", "WARN") // from the start: no page of INFO lines
        .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    long startedAt = System.currentTimeMillis();
    Timings jobs = new Timings();
    if (timings) {
      spark.sparkContext().addSparkListener(jobs);
    }
    long loadedAt = startedAt;
    long actionAt = startedAt;
    long doneAt = startedAt;
    try {
      DataFrameReader r = spark.read().format("netsift");
      if (filter != null) {
        r = r.option("filter", filter);
      }
      if (fields != null) {
        r = r.option("fields", fields);
      }
      if (split != null) {
        r = r.option("splitSize", split);
      }
      Dataset<Row> df = r.load(files.toArray(new String[0]));
      loadedAt = System.currentTimeMillis();
      df.queryExecution().executedPlan();
      actionAt = System.currentTimeMillis();
      if (command.equals("count")) {
        System.out.println(df.count());
      } else {
        // The record columns and the fields, without the summary columns that need every
        // packet before (source, destination, protocol, info): so a large file still splits.
        df.drop(NetsiftSchema.STATEFUL_COLUMNS.toArray(new String[0])).write().parquet(parquet);
      }
      doneAt = System.currentTimeMillis();
      return 0;
    } catch (IllegalArgumentException e) {
      System.err.println("netsift-spark: " + e.getMessage());
      return 2;
    } finally {
      if (timings) {
        jobs.awaitEnds(2000);
      }
      spark.stop();
      if (timings) {
        long jvmAt = ManagementFactory.getRuntimeMXBean().getStartTime();
        jobs.print(System.err, jvmAt, mainAt, startedAt, loadedAt, actionAt, doneAt,
            System.currentTimeMillis());
      }
    }
  }

  /** Start and end of every Spark job, for {@code --timings}. */
  static final class Timings extends SparkListener {
    private final Map<Integer, long[]> times = new TreeMap<>();
    private final Map<Integer, String> names = new HashMap<>();

    @Override
    public synchronized void onJobStart(SparkListenerJobStart e) {
      int tasks = 0;
      for (StageInfo s : scala.jdk.javaapi.CollectionConverters.asJava(
          e.stageInfos())) {
        tasks += s.numTasks();
      }
      String d = e.properties() == null ? null
          : e.properties().getProperty(Splitting.JOB_DESCRIPTION);
      names.put(e.jobId(), (d != null && d.startsWith(Splitting.COUNTING_JOB) ? d
          : "job " + e.jobId()) + ", " + tasks + " tasks");
      times.put(e.jobId(), new long[] {e.time(), -1});
    }

    @Override
    public synchronized void onJobEnd(SparkListenerJobEnd e) {
      long[] t = times.get(e.jobId());
      if (t != null) {
        t[1] = e.time();
      }
      notifyAll();
    }

    /** Spark's listener bus is asynchronous: wait (a little) for the last job's end. */
    synchronized void awaitEnds(long millis) {
      long until = System.currentTimeMillis() + millis;
      try {
        while (times.values().stream().anyMatch(t -> t[1] < 0)
            && System.currentTimeMillis() < until) {
          wait(Math.max(1, until - System.currentTimeMillis()));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    synchronized void print(PrintStream out, long jvm, long main, long started,
        long loaded, long action, long done, long stopped) {
      out.printf("timings: JVM start to main       %7.2f s%n", (main - jvm) / 1e3);
      out.printf("timings: Spark start-up          %7.2f s%n", (started - main) / 1e3);
      out.printf("timings: load (table, schema)    %7.2f s%n", (loaded - started) / 1e3);
      out.printf("timings: query planning          %7.2f s%n", (action - loaded) / 1e3);
      long at = action;
      for (Map.Entry<Integer, long[]> e : times.entrySet()) {
        long[] t = e.getValue();
        out.printf("timings: planning/driver         %7.2f s%n", (t[0] - at) / 1e3);
        out.printf("timings: %-24s %7.2f s  (%s)%n",
            names.get(e.getKey()).startsWith(Splitting.COUNTING_JOB) ? "counting pass"
                : "job " + e.getKey(), (t[1] - t[0]) / 1e3, names.get(e.getKey()));
        at = t[1] < 0 ? t[0] : t[1];
      }
      out.printf("timings: after the last job      %7.2f s%n", (done - at) / 1e3);
      out.printf("timings: Spark stop              %7.2f s%n", (stopped - done) / 1e3);
      out.printf("timings: total (from JVM start)  %7.2f s%n", (stopped - jvm) / 1e3);
    }
  }

  private static int usage(String message) {
    System.err.println("netsift-spark: " + message);
    System.err.println("usage: netsift-spark.sh count [--master M] [--filter F] [--split-size BYTES]"
        + " [--timings] FILE...");
    System.err.println("       netsift-spark.sh export [--master M] [--filter F] [--split-size BYTES]"
        + " [--timings] --fields f1,f2 --parquet OUT FILE...");
    return 2;
  }
}

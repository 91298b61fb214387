package io.netsift.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.SparkSession;

/**
 * The local runner behind {@code ./netsift-spark.sh}: Spark in this JVM ({@code local[*]}
 * unless {@code --master} says otherwise), no installation needed.
 *
 * <pre>
 * count  [--master M] [--filter F] [--split-size BYTES] FILE...
 * export [--master M] [--filter F] [--split-size BYTES] --fields f1,f2 --parquet OUT FILE...
 * </pre>
 */
public final class SparkRunner {
  private SparkRunner() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
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
    SparkSession spark = SparkSession.builder().master(master).appName("netsift-" + command)
        .config("spark.driver.host", "127.0.0.1").config("spark.ui.enabled", "false")
        .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
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
      if (command.equals("count")) {
        System.out.println(r.load(files.toArray(new String[0])).count());
      } else {
        r.load(files.toArray(new String[0])).write().parquet(parquet);
      }
      return 0;
    } catch (IllegalArgumentException e) {
      System.err.println("netsift-spark: " + e.getMessage());
      return 2;
    } finally {
      spark.stop();
    }
  }

  private static int usage(String message) {
    System.err.println("netsift-spark: " + message);
    System.err.println("usage: netsift-spark.sh count [--master M] [--filter F] [--split-size BYTES] FILE...");
    System.err.println("       netsift-spark.sh export [--master M] [--filter F] [--split-size BYTES]"
        + " --fields f1,f2 --parquet OUT FILE...");
    return 2;
  }
}

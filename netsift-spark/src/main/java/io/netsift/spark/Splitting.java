package io.netsift.spark;

import io.netsift.core.capture.CaptureSplits;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Stateless;
import io.netsift.core.field.FieldRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Decides which files are read in several tasks and plans their partitions.
 *
 * <p>Frame numbers must be those tshark gives within each file, so every split must know
 * how many records lie before it. Before reading, a Spark job with one task per split
 * counts them ({@link CaptureSplits#count}: records are read but not dissected, a small
 * fraction of the reading cost); the driver adds the counts up and checks that each split's
 * boundary is where the split before it left off. A file whose check fails is read whole.
 */
final class Splitting {
  /** The start of the counting job's description. */
  static final String COUNTING_JOB = "netsift counting pass";
  static final String JOB_DESCRIPTION = "spark.job.description";

  private Splitting() {}

  /**
   * True if a read that needs {@code fields} (requested and filtered on) and
   * {@code columns} gives the same rows when a file is read from the middle: no summary
   * column other than the time (Info carries TCP analysis, Protocol depends on reassembly)
   * and fields that core's {@link Stateless} rule lets a chunked read have, frame numbers and
   * relative times included (the counting pass gives every split its numbers).
   */
  static boolean stateless(Collection<String> fields, Collection<String> columns) {
    for (String c : columns) {
      if (NetsiftSchema.STATEFUL_COLUMNS.contains(c)) {
        return false;
      }
    }
    return Stateless.fields(fields, Protocols.standard(), FieldRegistry.standard(), true);
  }

  /** One split to count, run in a task. */
  static final class Task implements Serializable {
    private static final long serialVersionUID = 1L;
    final String path;
    final long size;
    final CaptureSplits.Head head;
    final long start;
    final long end;

    Task(String path, long size, CaptureSplits.Head head, long start, long end) {
      this.path = path;
      this.size = size;
      this.head = head;
      this.start = start;
      this.end = end;
    }

    CaptureSplits.Count count(HadoopFiles files) throws IOException {
      try (FSDataInputStream in = files.open(path)) {
        return CaptureSplits.count(head, HadoopFiles.source(in, size), offset -> {
          FSDataInputStream s = files.open(path);
          s.seek(offset);
          return s;
        }, start, end);
      }
    }
  }

  /** The file's head, read from its first bytes. */
  static CaptureSplits.Head head(HadoopFiles files, String path) throws IOException {
    try (InputStream in = files.open(path)) {
      return CaptureSplits.head(in);
    }
  }

  /**
   * Partitions for the files: whole files when {@code split} is false or a file is small,
   * gzip'd, or fails its boundary check; otherwise one per split, counted by a Spark job.
   */
  static List<NetsiftPartition> plan(SparkSession spark, HadoopFiles files,
      List<String> paths, List<Long> sizes, long splitSize, boolean split) throws IOException {
    List<NetsiftPartition> out = new ArrayList<>();
    List<Task> tasks = new ArrayList<>();
    List<List<long[]>> ranges = new ArrayList<>();
    List<Integer> firstTask = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      List<long[]> r = null;
      CaptureSplits.Head head = null;
      if (split && sizes.get(i) > splitSize) {
        try {
          head = head(files, paths.get(i));
          r = CaptureSplits.plan(head, sizes.get(i), splitSize);
        } catch (IOException e) {
          r = null; // not a capture we can split: the whole-file reader says what is wrong
        }
      }
      ranges.add(r != null && r.size() > 1 ? r : null);
      firstTask.add(tasks.size());
      if (r != null && r.size() > 1) {
        for (long[] range : r) {
          tasks.add(new Task(paths.get(i), sizes.get(i), head, range[0], range[1]));
        }
      }
    }
    List<CaptureSplits.Count> counts = List.of();
    if (!tasks.isEmpty()) {
      // Named so that the runner's --timings (and Spark's UI) can tell this job from the read.
      String description = spark.sparkContext().getLocalProperty(JOB_DESCRIPTION);
      spark.sparkContext().setJobDescription(COUNTING_JOB + " (" + tasks.size() + " splits)");
      try {
        counts = JavaSparkContext.fromSparkContext(spark.sparkContext())
            .parallelize(tasks, tasks.size())
            .map(t -> t.count(files))
            .collect();
      } finally {
        spark.sparkContext().setJobDescription(description);
      }
    }
    for (int i = 0; i < paths.size(); i++) {
      List<long[]> r = ranges.get(i);
      if (r == null) {
        out.add(NetsiftPartition.whole(paths.get(i)));
        continue;
      }
      int t0 = firstTask.get(i);
      List<CaptureSplits.Count> c = counts.subList(t0, t0 + r.size());
      if (!CaptureSplits.consistent(r, c)) {
        out.add(NetsiftPartition.whole(paths.get(i)));
        continue;
      }
      long before = 0;
      CaptureSplits.Count previous = null;
      long firstTs = c.get(0).firstTimestampNanos();
      long prevTs = firstTs;
      byte[] head = tasks.get(t0).head.bytes();
      for (int k = 0; k <= CaptureSplits.lastSplit(c); k++) {
        CaptureSplits.Count n = c.get(k);
        if (n.first() < 0) {
          continue;
        }
        out.add(NetsiftPartition.split(paths.get(i), n.first(), r.get(k)[1], head, before,
            firstTs, prevTs, previous == null ? -1 : previous.warmup(),
            previous == null ? 0 : previous.warmupRecords()));
        previous = n;
        before += n.records();
        prevTs = n.lastTimestampNanos();
      }
    }
    return out;
  }
}

package io.netsift.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.types.StructType;

/**
 * A planned read: the display filter to evaluate in the reader (the {@code filter} option
 * and what was pushed), the columns to build, and the partitions (whole files or splits).
 */
final class NetsiftScan implements Scan, Batch {
  private final NetsiftOptions options;
  private final NetsiftSchema schema;
  private final StructType required;
  private final String pushedFilter;
  private final List<Predicate> pushed;
  private final String displayFilter;
  private final boolean stateless;
  private InputPartition[] partitions;
  private HadoopFiles files;

  NetsiftScan(NetsiftOptions options, NetsiftSchema schema, StructType required,
      String pushedFilter, List<Predicate> pushed) {
    this.options = options;
    this.schema = schema;
    this.required = required;
    this.pushedFilter = pushedFilter;
    this.pushed = pushed;
    if (options.filter != null && pushedFilter != null) {
      displayFilter = "(" + options.filter + ") && " + pushedFilter;
    } else {
      displayFilter = options.filter != null ? options.filter : pushedFilter;
    }
    this.stateless = Splitting.stateless(fieldsUsed(), Arrays.asList(required.fieldNames()));
  }

  /** Every field the read needs: requested columns and those the filter tests. */
  private Set<String> fieldsUsed() {
    Set<String> names = new LinkedHashSet<>();
    for (String c : required.fieldNames()) {
      NetsiftSchema.FieldColumn fc = schema.column(c);
      if (fc != null) {
        names.add(fc.field);
      }
    }
    if (displayFilter != null) {
      try {
        names.addAll(io.netsift.core.filter.Filter.compile(displayFilter).fields());
      } catch (io.netsift.core.filter.FilterException e) {
        throw new IllegalArgumentException(e.pointer(), e);
      }
    }
    return names;
  }

  @Override
  public StructType readSchema() {
    return required;
  }

  @Override
  public String description() {
    return "netsift " + options.paths + " DisplayFilter: "
        + (displayFilter == null ? "none" : displayFilter) + ", PushedFilters: " + pushed
        + ", Splittable: " + stateless;
  }

  @Override
  public Batch toBatch() {
    return this;
  }

  @Override
  public InputPartition[] planInputPartitions() {
    if (partitions == null) {
      SparkSession spark = SparkSession.active();
      files = new HadoopFiles(spark.sessionState().newHadoopConf());
      try {
        List<String> paths = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        list(paths, sizes);
        partitions = Splitting.plan(spark, files, paths, sizes, options.splitSize, stateless)
            .toArray(new InputPartition[0]);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return partitions;
  }

  /** Expands the paths (globs, directories one level deep) into files, sorted by name. */
  private void list(List<String> paths, List<Long> sizes) throws IOException {
    if (options.paths.isEmpty()) {
      throw new IllegalArgumentException("netsift: no path given (load(\"file.pcap\"))");
    }
    for (String p : options.paths) {
      Path path = new Path(p);
      FileSystem fs = path.getFileSystem(files.configuration());
      FileStatus[] found = fs.globStatus(path);
      if (found == null || found.length == 0) {
        throw new IllegalArgumentException("netsift: path does not exist: " + p);
      }
      List<FileStatus> leaves = new ArrayList<>();
      for (FileStatus s : found) {
        if (s.isDirectory()) {
          for (FileStatus c : fs.listStatus(s.getPath())) {
            if (c.isFile()) {
              leaves.add(c);
            }
          }
        } else {
          leaves.add(s);
        }
      }
      leaves.sort((a, b) -> a.getPath().toString().compareTo(b.getPath().toString()));
      for (FileStatus s : leaves) {
        paths.add(s.getPath().toString());
        sizes.add(s.getLen());
      }
    }
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    planInputPartitions();
    return new NetsiftReaderFactory(files, schema, required, displayFilter);
  }
}

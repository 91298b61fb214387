package io.netsift.spark;

import io.netsift.core.capture.RecordBoundaries;
import java.io.IOException;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Hadoop FileSystem access (file:, hdfs:, s3a:) with the driver's configuration carried to
 * the executors as plain strings.
 */
final class HadoopFiles implements Serializable {
  private static final long serialVersionUID = 1L;
  private final Map<String, String> conf;
  private transient Configuration configuration;

  HadoopFiles(Configuration c) {
    conf = new HashMap<>();
    for (Map.Entry<String, String> e : c) {
      conf.put(e.getKey(), e.getValue());
    }
  }

  Configuration configuration() {
    if (configuration == null) {
      configuration = new Configuration(false);
      conf.forEach(configuration::set);
    }
    return configuration;
  }

  FileSystem fs(String path) throws IOException {
    return new Path(path).getFileSystem(configuration());
  }

  FSDataInputStream open(String path) throws IOException {
    return fs(path).open(new Path(path));
  }

  /** Positional reads for boundary detection; closing the stream is the caller's. */
  static RecordBoundaries.Source source(FSDataInputStream in, long size) {
    return new RecordBoundaries.Source() {
      @Override
      public int read(long position, byte[] b, int off, int len) throws IOException {
        return in.read(position, b, off, len);
      }

      @Override
      public long size() {
        return size;
      }
    };
  }
}

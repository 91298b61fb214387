package io.netsift.spark;

import io.netsift.core.capture.CaptureFormatException;
import io.netsift.core.capture.CaptureReader;
import io.netsift.core.capture.CaptureReaders;
import io.netsift.core.capture.Frame;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.field.FieldRegistry;
import io.netsift.core.filter.Filter;
import io.netsift.core.filter.FilterException;
import io.netsift.core.output.FieldExtractor;
import io.netsift.core.output.SummaryFormat;
import io.netsift.core.output.TimeFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds, in each task, the reader of one partition: engine, filter, extractor, rows. */
final class NetsiftReaderFactory implements PartitionReaderFactory {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(NetsiftReaderFactory.class);

  private final HadoopFiles files;
  private final NetsiftSchema schema;
  private final StructType required;
  private final String displayFilter;

  NetsiftReaderFactory(HadoopFiles files, NetsiftSchema schema, StructType required,
      String displayFilter) {
    this.files = files;
    this.schema = schema;
    this.required = required;
    this.displayFilter = displayFilter;
  }

  @Override
  public PartitionReader<InternalRow> createReader(InputPartition partition) {
    try {
      return new Reader((NetsiftPartition) partition);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(partition + ": " + e.getMessage(), e);
    }
  }

  private final class Reader implements PartitionReader<InternalRow> {
    private final NetsiftPartition part;
    private final FSDataInputStream in;
    private final CaptureReader reader;
    private final DissectionEngine engine;
    private final Filter filter;
    private final FieldExtractor extractor;
    private final SummaryFormat summary;
    /** Per required column: -1 - fixed index, or the extractor slot. */
    private final int[] source;
    private final boolean[] array;
    private final UTF8String file;
    private final Frame frame = new Frame();
    private InternalRow row;

    Reader(NetsiftPartition part) throws IOException {
      this.part = part;
      this.file = UTF8String.fromString(part.path);
      String[] names = required.fieldNames();
      source = new int[names.length];
      array = new boolean[names.length];
      List<String> fieldNames = new ArrayList<>();
      boolean columns = false;
      for (int i = 0; i < names.length; i++) {
        NetsiftSchema.FieldColumn c = schema.column(names[i]);
        if (c != null) {
          source[i] = fieldNames.size();
          array[i] = c.array;
          fieldNames.add(c.field);
        } else {
          int k = fixedIndex(names[i]);
          source[i] = -1 - k;
          columns |= k >= 5;
        }
      }
      List<String> used = new ArrayList<>(fieldNames);
      Protocols protocols = Protocols.standard();
      try {
        filter = displayFilter == null ? null : Filter.compile(displayFilter);
      } catch (FilterException e) {
        throw new IllegalArgumentException(e.pointer(), e);
      }
      if (filter != null) {
        used.addAll(filter.fields());
      }
      if (!columns) {
        // Nothing shown needs application layers: parse only what the fields need.
        protocols = protocols.forFields(used, FieldRegistry.standard());
      }
      engine = new DissectionEngine(protocols);
      extractor = new FieldExtractor(fieldNames, FieldRegistry.standard(), protocols.all());
      summary = columns ? new SummaryFormat(TimeFormat.RELATIVE) : null;
      in = files.open(part.path);
      try {
        if (part.whole) {
          reader = CaptureReaders.open(in);
        } else {
          // Start a few records early (the previous split's last ones) and dissect them
          // without showing them, so fragments that straddle the boundary reassemble.
          long from = part.warmup >= 0 ? part.warmup : part.start;
          in.seek(from);
          reader = CaptureReaders.openAt(part.head, in, from);
          engine.startAt(part.framesBefore - (part.warmup >= 0 ? part.warmupRecords : 0),
              part.firstTimestampNanos, part.previousTimestampNanos);
        }
      } catch (IOException | RuntimeException e) {
        in.close();
        throw new IOException(part.path + ": " + e.getMessage(), e);
      }
    }

    private int fixedIndex(String column) {
      for (int k = 0; k < NetsiftSchema.FIXED.length; k++) {
        if (NetsiftSchema.FIXED[k][0].equals(column)) {
          return k;
        }
      }
      throw new IllegalStateException("unknown column " + column);
    }

    @Override
    public boolean next() throws IOException {
      try {
        while (reader.next(frame)) {
          if (frame.fileOffset >= part.end) {
            return false;
          }
          Dissection d = engine.dissect(frame);
          if (frame.fileOffset < part.start) {
            continue; // warm-up: state only
          }
          if (filter != null && !filter.matches(d)) {
            continue;
          }
          engine.markDisplayed(d);
          row = row(d);
          return true;
        }
      } catch (CaptureFormatException e) {
        // As the CLI: every good packet before the damage is kept, and the damage is told.
        LOG.warn("netsift: \"{}\" appears to be damaged or corrupt: {}", part.path, e.getMessage());
      }
      return false;
    }

    private InternalRow row(Dissection d) {
      if (extractor.fields().size() > 0) {
        extractor.extract(d);
      }
      Columns c = summary == null ? null : summary.columns(d);
      Object[] v = new Object[source.length];
      for (int i = 0; i < source.length; i++) {
        if (source[i] >= 0) {
          List<Object> values = extractor.values(source[i]);
          if (array[i]) {
            Object[] a = new Object[values.size()];
            for (int k = 0; k < a.length; k++) {
              a[k] = cell(values.get(k));
            }
            v[i] = new GenericArrayData(a);
          } else {
            v[i] = values.isEmpty() ? null : cell(values.get(0));
          }
          continue;
        }
        switch (-1 - source[i]) {
          case 0: v[i] = file; break;
          case 1: v[i] = d.number(); break;
          case 2: v[i] = Math.floorDiv(frame.timestampNanos, 1000L); break;
          case 3: v[i] = frame.capturedLength; break;
          case 4: v[i] = frame.originalLength; break;
          case 5: v[i] = UTF8String.fromString(c.time); break;
          case 6: v[i] = UTF8String.fromString(c.source); break;
          case 7: v[i] = UTF8String.fromString(c.destination); break;
          case 8: v[i] = UTF8String.fromString(c.protocol); break;
          case 9: v[i] = frame.originalLength; break;
          default: v[i] = UTF8String.fromString(c.info()); break;
        }
      }
      return new GenericInternalRow(v);
    }

    private Object cell(Object value) {
      return value instanceof String ? UTF8String.fromString((String) value) : value;
    }

    @Override
    public InternalRow get() {
      return row;
    }

    @Override
    public void close() throws IOException {
      reader.close();
    }
  }
}

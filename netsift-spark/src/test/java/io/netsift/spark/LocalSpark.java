package io.netsift.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netsift.core.capture.CaptureFormatException;
import io.netsift.core.capture.CaptureReader;
import io.netsift.core.capture.CaptureReaders;
import io.netsift.core.capture.Frame;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.field.FieldRegistry;
import io.netsift.core.filter.Filter;
import io.netsift.core.output.FieldExtractor;
import io.netsift.core.output.FieldsFormat;
import io.netsift.core.output.TimeFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
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

  /**
   * What {@code netsift read FILE -T fields -e NAMES [-Y FILTER]} prints, computed in process
   * through core: element n - 1 is frame n's line, null where the filter drops the frame.
   */
  static List<String> fieldsOutput(Path p, List<String> names, String filter) throws Exception {
    Protocols standard = Protocols.standard();
    Filter f = filter == null ? null : Filter.compile(filter);
    DissectionEngine e = new DissectionEngine(
        f == null ? standard.forFields(names, FieldRegistry.standard()) : standard);
    FieldsFormat fmt = new FieldsFormat(names, new FieldsFormat.Options(), TimeFormat.RELATIVE,
        FieldRegistry.standard(), standard.all());
    List<String> lines = new ArrayList<>();
    Frame frame = new Frame();
    try (CaptureReader r = CaptureReaders.open(p)) {
      while (r.next(frame)) {
        Dissection d = e.dissect(frame);
        if (f != null && !f.matches(d)) {
          lines.add(null);
          continue;
        }
        StringBuilder sb = new StringBuilder();
        fmt.append(d, sb);
        lines.add(sb.toString());
      }
    } catch (CaptureFormatException damaged) {
      // the CLI keeps every frame before the damage
    }
    return lines;
  }

  /** One -T fields line against the row's array columns for {@code names}, from column {@code first}. */
  static void compareRow(String where, String line, Row r, List<String> names, int first) {
    String[] cells = line.substring(0, line.length() - 1).split("\t", -1);
    for (int i = 0; i < names.size(); i++) {
      FieldExtractor.Kind kind = FieldExtractor.Kind.of(FieldRegistry.standard().get(names.get(i)));
      List<Object> got = r.getList(first + i);
      List<String> texts = cells[i].isEmpty() ? List.of() : List.of(cells[i].split(","));
      assertEquals(texts.size(), got.size(), where + " " + names.get(i) + ": " + cells[i] + " vs " + got);
      for (int k = 0; k < texts.size(); k++) {
        assertTrue(FieldExtractor.sameValue(kind, texts.get(k), got.get(k)),
            where + " " + names.get(i) + ": " + texts.get(k) + " vs " + got.get(k));
      }
    }
  }
}

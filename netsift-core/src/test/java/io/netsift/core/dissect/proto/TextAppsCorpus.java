package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Protocols;
import io.netsift.core.field.FieldFormat;
import io.netsift.core.field.FieldRegistry;
import io.netsift.core.golden.Corpus;
import io.netsift.core.output.FieldsFormat;
import io.netsift.core.output.TimeFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs {@code -T fields -E occurrence=a -E aggregator=,} over a corpus capture for the text
 * protocol tests, so that they can compare rows with what tshark 4.0 printed for the same file.
 */
final class TextAppsCorpus {
  private TextAppsCorpus() {}

  /** One line per frame (fields tab-separated); skips the test when the corpus is absent. */
  static List<String> fields(String file, String... names) throws IOException {
    Path dir = Corpus.dir();
    Assumptions.assumeTrue(dir != null, "corpus directory ../shared/corpus not found");
    Path p = dir.resolve(file);
    Assumptions.assumeTrue(Files.exists(p), file + " not in the corpus");
    FieldFormat.setZone(ZoneOffset.UTC);
    FieldsFormat fmt = new FieldsFormat(Arrays.asList(names), new FieldsFormat.Options(),
        TimeFormat.RELATIVE, FieldRegistry.standard(), Protocols.standard().all());
    return io.netsift.core.golden.TsharkRows.fields(p, fmt);
  }

  /** The row of frame {@code number} (1-based). */
  static String row(List<String> rows, int number) {
    return rows.get(number - 1);
  }

  /**
   * Compares a capture with rows tshark printed for some of its frames ({@code expected}: a header
   * line of field names starting with frame.number, then one line per frame, as the
   * scripts/apps/make-protocol-rows.sh writes them); returns the differences (at most
   * 20) and how many values were compared, skipping what {@code excused} accepts (frame, field).
   */
  static Comparison compare(Path expected, String file, java.util.function.BiPredicate<String, String> excused)
      throws IOException {
    List<String> lines = Files.readAllLines(expected, java.nio.charset.StandardCharsets.UTF_8);
    String[] names = lines.get(0).split("\t");
    List<String> rows = fields(file, names);
    Comparison c = new Comparison();
    for (String line : lines.subList(1, lines.size())) {
      String[] want = line.split("\t", -1);
      String[] got = row(rows, Integer.parseInt(want[0])).split("\t", -1);
      for (int k = 0; k < names.length; k++) {
        if (excused.test(want[0], names[k])) {
          continue;
        }
        c.compared++;
        String g = k < got.length ? got[k] : "";
        if (!want[k].equals(g) && c.differences.size() < 20) {
          c.differences.add("#" + want[0] + " " + names[k] + ": tshark '" + want[k] + "' netsift '" + g + "'");
        }
      }
    }
    return c;
  }

  /** What {@link #compare} found. */
  static final class Comparison {
    final List<String> differences = new java.util.ArrayList<>();
    int compared;
  }
}

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
}

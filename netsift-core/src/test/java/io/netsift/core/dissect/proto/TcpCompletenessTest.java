package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.dissect.Protocols;
import io.netsift.core.field.FieldRegistry;
import io.netsift.core.golden.Corpus;
import io.netsift.core.golden.TsharkRows;
import io.netsift.core.output.FieldsFormat;
import io.netsift.core.output.TimeFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code tcp.completeness} against tshark 4.0's on every TCP frame of the captures recorded by
 * {@code scripts/analysis/make-tcp-completeness.sh} (the samples always; the corpus captures
 * when ../shared is there).
 */
class TcpCompletenessTest {
  @Test
  void everyFrameShowsTsharksCompleteness() throws IOException {
    Map<String, Map<String, String>> expected = new LinkedHashMap<>();
    for (String row : TsharkRows.resource("/tcp-analysis/completeness.tsv.gz")) {
      String[] c = row.split("\t", -1);
      expected.computeIfAbsent(c[0], k -> new LinkedHashMap<>()).put(c[1], c[2]);
    }
    List<String> names = List.of("frame.number", "tcp.completeness");
    int frames = 0;
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> e : expected.entrySet()) {
      Path capture = Corpus.find(e.getKey());
      if (capture == null) {
        continue;
      }
      FieldsFormat fmt = new FieldsFormat(names, new FieldsFormat.Options(), TimeFormat.RELATIVE,
          FieldRegistry.standard(), Protocols.standard().all());
      for (String line : TsharkRows.fields(capture, fmt)) {
        String[] c = line.split("\t", -1);
        String want = e.getValue().get(c[0]);
        if (want == null) {
          continue;
        }
        frames++;
        String got = c[1].split(",")[0];
        if (!want.equals(got) && wrong.size() < 10) {
          wrong.add(e.getKey() + " frame " + c[0] + ": tshark " + want + ", netsift " + got);
        }
      }
    }
    assertTrue(frames > 0, "no frame compared");
    assertEquals(List.of(), wrong);
  }
}

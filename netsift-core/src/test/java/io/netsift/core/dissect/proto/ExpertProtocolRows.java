package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.golden.TsharkRows;
import io.netsift.core.output.JsonFormat;
import io.netsift.core.output.TreeFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * Compares netsift's rows with tshark 4.0's as recorded by
 * {@code scripts/expert-protocols/make-expectations.sh} (X11, DECnet, PFCP), and feeds random
 * payloads to a protocol through the -V and JSON renderers, which must never throw.
 */
final class ExpertProtocolRows {
  private ExpertProtocolRows() {}

  /**
   * Every packet whose tshark frame.protocols names {@code protocol} has netsift's row, after
   * {@code tsharkRow} adjusted tshark's (for what netsift does not show yet); returns how many.
   */
  static int assertRowsMatch(String capture, String protocol, UnaryOperator<String> tsharkRow) throws IOException {
    List<String> expected = TsharkRows.resource("/expert-protocols/" + capture + ".tsv.gz");
    String[] names = expected.get(0).split("\t");
    List<String> ours = TextAppsCorpus.fields(capture, names);
    assertEquals(expected.size() - 1, ours.size(), "packets");
    List<String> diffs = new ArrayList<>();
    int compared = 0;
    for (int i = 1; i < expected.size(); i++) {
      String want = expected.get(i);
      if (!Arrays.asList(want.split("\t", 2)[0].split(":")).contains(protocol)) {
        continue;
      }
      compared++;
      String adjusted = tsharkRow.apply(want);
      if (!adjusted.equals(ours.get(i - 1))) {
        diffs.add("#" + i + "\n  tshark  " + adjusted + "\n  netsift " + ours.get(i - 1));
      }
    }
    assertTrue(diffs.isEmpty(), diffs.size() + " rows differ:\n" + String.join("\n", diffs.subList(0,
        Math.min(10, diffs.size()))));
    return compared;
  }

  /** Dissects and renders {@code frames} (whole or cut short at random) on one engine. */
  static void renderNeverThrows(List<byte[]> frames, Random rnd) {
    DissectionEngine e = new DissectionEngine();
    long t = 0;
    for (byte[] frame : frames) {
      int captured = rnd.nextInt(8) == 0 ? rnd.nextInt(frame.length + 1) : frame.length;
      Dissection d = e.dissect(TransportFrames.ethernet(Arrays.copyOf(frame, captured), t += 1_000_000L,
          frame.length));
      StringBuilder sb = new StringBuilder(new TreeFormat().format(d));
      new JsonFormat().append(d, sb);
      assertTrue(sb.length() > 0);
    }
  }
}

package io.netsift.core.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netsift.core.capture.CaptureFormatException;
import io.netsift.core.capture.CaptureReader;
import io.netsift.core.capture.CaptureReaders;
import io.netsift.core.capture.Frame;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.field.FieldRegistry;
import io.netsift.core.output.EkFormat;
import io.netsift.core.output.FieldsFormat;
import io.netsift.core.output.HexDump;
import io.netsift.core.output.JsonFormat;
import io.netsift.core.output.SummaryFormat;
import io.netsift.core.output.TimeFormat;
import io.netsift.core.output.TreeFormat;
import io.netsift.core.dissect.Protocols;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * Fuzz target over read + dissect + render. In a plain {@code mvn test} Jazzer runs it in
 * regression mode over the seed corpus in
 * {@code src/test/resources/io/netsift/core/fuzz/ReadDissectRenderFuzzTestInputs/}; with
 * {@code JAZZER_FUZZ=1} it fuzzes. Two shapes: a whole capture file (reader robustness) and
 * a raw frame of a chosen link type (dissector robustness). The only exception allowed out
 * is the reader's {@link CaptureFormatException}.
 */
class ReadDissectRenderFuzzTest {
  private static final int[] LINK_TYPES = {1, 0, 101, 108, 113, 228, 229, 276};

  @FuzzTest(maxDuration = "30s")
  void readDissectRender(FuzzedDataProvider data) throws IOException {
    if (data.consumeBoolean()) {
      frame(data.consumeInt(0, LINK_TYPES.length - 1), data.consumeRemainingAsBytes());
    } else {
      file(data.consumeRemainingAsBytes());
    }
  }

  private static void frame(int linkIndex, byte[] bytes) {
    Frame f = new Frame();
    f.data = bytes;
    f.capturedLength = bytes.length;
    f.originalLength = bytes.length;
    f.linkType = LINK_TYPES[linkIndex];
    DissectionEngine e = new DissectionEngine();
    render(e.dissect(f));
    // A second frame exercises the per-capture state (TCP streams) with the same bytes.
    render(e.dissect(f));
  }

  private static void file(byte[] bytes) throws IOException {
    try (CaptureReader r = CaptureReaders.open(new ByteArrayInputStream(bytes))) {
      DissectionEngine e = new DissectionEngine();
      Frame f = new Frame();
      int n = 0;
      while (r.next(f) && n++ < 64) {
        render(e.dissect(f));
      }
    } catch (CaptureFormatException expected) {
      // damaged input must end this way and no other
    }
  }

  /** Every registered field, so every walker's values get formatted. */
  private static final FieldsFormat FIELDS = new FieldsFormat(
      FieldRegistry.standard().all().stream().map(f -> f.name()).collect(Collectors.toList()),
      new FieldsFormat.Options(), TimeFormat.RELATIVE, FieldRegistry.standard(), Protocols.standard().all());

  private static void render(Dissection d) {
    StringBuilder sb = new StringBuilder();
    sb.append(new SummaryFormat(TimeFormat.RELATIVE).line(d));
    sb.append(new TreeFormat().format(d));
    new JsonFormat().append(d, sb);
    new EkFormat().append(d, sb);
    HexDump.append(d, sb);
    FIELDS.append(d, sb);
    d.copy();
  }
}

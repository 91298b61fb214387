package io.netsift.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netsift.core.capture.CaptureFormatException;
import io.netsift.core.capture.CaptureReader;
import io.netsift.core.capture.CaptureReaders;
import io.netsift.core.capture.Frame;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.golden.Corpus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code -z} case of {@code stats/cases.tsv} against tshark's text, recorded by
 * {@code scripts/analysis/make-stats-expectations.sh}: the report must be byte-identical.
 */
class StatsGoldenTest {
  static String resource(String name) throws IOException {
    try (InputStream in = StatsGoldenTest.class.getResourceAsStream("/stats/" + name)) {
      if (in == null) {
        throw new IOException("missing test resource stats/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static List<String[]> cases() throws IOException {
    List<String[]> out = new ArrayList<>();
    for (String line : resource("cases.tsv").split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      out.add(line.split("\t", 2));
    }
    return out;
  }

  static String expectedName(String file, String arg) {
    return (file + "_" + arg).replaceAll("[^A-Za-z0-9._-]", "_") + ".txt";
  }

  /** Runs {@code spec} over every packet of {@code file} as {@code netsift read -q -z} does. */
  static String run(Path file, String spec) throws IOException {
    Tap tap = Taps.create(spec);
    DissectionEngine engine = new DissectionEngine(Protocols.standard());
    Frame frame = new Frame();
    try (CaptureReader r = CaptureReaders.open(file)) {
      while (r.next(frame)) {
        tap.packet(engine.dissect(frame), true);
      }
    } catch (CaptureFormatException e) {
      // tshark reports what it read before the damage too.
    }
    StringBuilder sb = new StringBuilder();
    tap.report(sb);
    return sb.toString();
  }

  static Path capture(String name) {
    if (name.startsWith("samples/")) {
      return Path.of(System.getProperty("netsift.root", "..")).resolve(name);
    }
    Path dir = Corpus.dir();
    return dir == null ? null : dir.resolve(name);
  }

  @TestFactory
  List<DynamicTest> tsharkText() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String[] c : cases()) {
      String file = c[0];
      String arg = c[1];
      tests.add(DynamicTest.dynamicTest(file + " -z " + arg, () -> {
        Path p = capture(file);
        assumeTrue(p != null && Files.exists(p), "capture " + file);
        assertEquals(resource("expected/" + expectedName(file, arg)), run(p, arg), file + " -z " + arg);
      }));
    }
    return tests;
  }
}

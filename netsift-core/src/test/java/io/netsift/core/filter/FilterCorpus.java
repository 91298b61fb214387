package io.netsift.core.filter;

import io.netsift.core.capture.CaptureReader;
import io.netsift.core.capture.CaptureReaders;
import io.netsift.core.capture.Frame;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.field.FieldFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The shared capture corpus and the filter tables, for the filter tests. */
final class FilterCorpus {
  private static final Map<String, List<Dissection>> FRAMES = new ConcurrentHashMap<>();

  static {
    // Expectations were made with TZ=UTC; absolute-time literals without a zone are local.
    FieldFormat.setZone(ZoneOffset.UTC);
  }

  private FilterCorpus() {}

  /** The corpus directory (../shared/corpus beside the checkout), or null when absent. */
  static Path dir() {
    String p = System.getProperty("netsift.corpus");
    Path d = p != null ? Path.of(p) : Path.of("../../shared/corpus");
    return Files.isDirectory(d) ? d.toAbsolutePath().normalize() : null;
  }

  /** Every frame of a capture, dissected in one pass and kept (snapshots). */
  static List<Dissection> frames(String capture) {
    return FRAMES.computeIfAbsent(capture, c -> {
      List<Dissection> out = new ArrayList<>();
      each(dir().resolve(c), d -> out.add(d.copy()));
      return out;
    });
  }

  /** Dissects a capture, handing each frame to {@code sink} (the engine's reused dissection). */
  static void each(Path capture, java.util.function.Consumer<Dissection> sink) {
    try (CaptureReader r = CaptureReaders.open(capture)) {
      DissectionEngine e = new DissectionEngine();
      Frame f = new Frame();
      while (r.next(f)) {
        sink.accept(e.dissect(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(capture + ": " + e.getMessage(), e);
    }
  }

  /** Frame numbers matching {@code f}, comma-separated as expected.tsv has them. */
  static String matching(Filter f, List<Dissection> frames) {
    StringBuilder sb = new StringBuilder();
    for (Dissection d : frames) {
      if (f.matches(d)) {
        if (sb.length() > 0) {
          sb.append(',');
        }
        sb.append(d.number());
      }
    }
    return sb.toString();
  }

  /** The tab-separated rows of a resource under filter/ (comments and blank lines dropped). */
  static List<String[]> rows(String name) {
    try (InputStream in = FilterCorpus.class.getResourceAsStream("/filter/" + name)) {
      if (in == null) {
        throw new IOException("missing test resource filter/" + name);
      }
      List<String[]> out = new ArrayList<>();
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(line.split("\t", -1));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

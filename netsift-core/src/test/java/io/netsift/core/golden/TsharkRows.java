package io.netsift.core.golden;

import io.netsift.core.capture.CaptureFormatException;
import io.netsift.core.capture.CaptureReader;
import io.netsift.core.capture.CaptureReaders;
import io.netsift.core.capture.Frame;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.output.FieldsFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The two sides of every comparison with tshark's {@code -T fields}: the rows a script recorded
 * from tshark (a test resource, gzip'd when its name ends in {@code .gz}) and netsift's rows for
 * the same capture, one line a packet without its newline.
 */
public final class TsharkRows {
  private TsharkRows() {}

  /** The lines of test resource {@code name} ({@code /dns/expected/x.pcap.tsv.gz}). */
  public static List<String> resource(String name) throws IOException {
    try (InputStream raw = TsharkRows.class.getResourceAsStream(name)) {
      if (raw == null) {
        throw new IOException("missing test resource " + name);
      }
      InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String> out = new ArrayList<>();
      for (String line; (line = r.readLine()) != null; ) {
        out.add(line);
      }
      return out;
    }
  }

  /** netsift's {@code fmt} line for every packet of {@code capture}; damage fails the read. */
  public static List<String> fields(Path capture, FieldsFormat fmt) throws IOException {
    return fields(capture, fmt, false);
  }

  /**
   * As {@link #fields(Path, FieldsFormat)}; with {@code stopAtDamage} the lines before a damaged
   * record are returned, as tshark prints the packets before the damage (the callers compare
   * the counts).
   */
  public static List<String> fields(Path capture, FieldsFormat fmt, boolean stopAtDamage) throws IOException {
    List<String> out = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    try (CaptureReader r = CaptureReaders.open(capture)) {
      DissectionEngine e = new DissectionEngine();
      Frame f = new Frame();
      try {
        while (r.next(f)) {
          Dissection d = e.dissect(f);
          e.markDisplayed(d);
          sb.setLength(0);
          fmt.append(d, sb);
          out.add(sb.substring(0, sb.length() - 1));
        }
      } catch (CaptureFormatException damaged) {
        if (!stopAtDamage) {
          throw damaged;
        }
      }
    }
    return out;
  }
}

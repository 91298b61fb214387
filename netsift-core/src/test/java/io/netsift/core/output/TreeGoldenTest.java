package io.netsift.core.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.capture.CaptureReader;
import io.netsift.core.capture.CaptureReaders;
import io.netsift.core.capture.Frame;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.golden.Corpus;
import io.netsift.core.golden.TsharkRows;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * netsift's detail tree ({@code -V}) against tshark 4.0's, layer by layer, over the captures of
 * {@code tree/files.txt} (recorded by {@code scripts/golden/make-tree-goldens.sh}). The layers
 * of {@link #MATCHED} must be line-for-line tshark's; the others are counted and printed, so the
 * gap stays visible. One line is left out: the frame's protocol list, which
 * {@code GoldenFieldsTest} compares (with its known differences).
 */
class TreeGoldenTest {
  /** Top-level tree items (a layer's first line starts so) that must equal tshark's. */
  static final List<String> MATCHED = List.of("Frame ", "Ethernet II", "Internet Protocol Version 4,",
      "User Datagram Protocol,", "Data (");

  @Test
  void layersMatchTsharksDetailTree() throws IOException {
    Map<String, int[]> counts = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    int compared = 0;
    for (String name : TsharkRows.resource("/tree/files.txt")) {
      if (name.isBlank() || name.startsWith("#")) {
        continue;
      }
      Path capture = Corpus.find(name);
      if (capture == null) {
        continue; // a corpus capture on a machine without ../shared
      }
      String base = Path.of(name).getFileName().toString();
      List<List<List<String>>> expected = frames(TsharkRows.resource("/tree/" + base + ".txt.gz"));
      List<List<List<String>>> actual = frames(netsift(capture));
      assertEquals(expected.size(), actual.size(), base + ": frames");
      compared++;
      for (int i = 0; i < expected.size(); i++) {
        List<List<String>> mine = actual.get(i);
        for (List<String> layer : expected.get(i)) {
          String head = layer.get(0);
          List<String> match = mine.stream().filter(l -> key(l.get(0)).equals(key(head))).findFirst().orElse(null);
          boolean same = layer.equals(match);
          int[] c = counts.computeIfAbsent(key(head), k -> new int[2]);
          c[same ? 0 : 1]++;
          if (!same && MATCHED.stream().anyMatch(head::startsWith) && failures.size() < 5) {
            failures.add(base + " frame " + (i + 1) + ":\n  tshark:  " + String.join("\n           ", layer)
                + "\n  netsift: " + (match == null ? "(none)" : String.join("\n           ", match)));
          }
        }
      }
    }
    assertTrue(compared > 0, "no capture compared");
    StringBuilder report = new StringBuilder("-V agreement with tshark (layers equal / differing):\n");
    counts.forEach((k, c) -> report.append(String.format("  %5d %5d  %s%n", c[0], c[1], k)));
    System.out.print(report);
    assertEquals(List.of(), failures, "layers that must match tshark's -V");
  }

  /** A layer's name: its first line up to a comma or colon, byte and segment counts as N (frames are all "Frame"). */
  private static String key(String head) {
    if (head.startsWith("Frame ")) {
      return "Frame";
    }
    int comma = head.indexOf(',');
    int colon = head.indexOf(':');
    int end = comma < 0 ? colon : colon < 0 ? comma : Math.min(comma, colon);
    return (end < 0 ? head : head.substring(0, end)).replaceAll("\\d+ bytes", "N bytes")
        .replaceAll("^\\[\\d+", "[N");
  }

  private static List<String> netsift(Path capture) throws IOException {
    List<String> lines = new ArrayList<>();
    try (CaptureReader r = CaptureReaders.open(capture)) {
      DissectionEngine e = new DissectionEngine();
      TreeFormat tree = new TreeFormat();
      Frame f = new Frame();
      while (r.next(f)) {
        Dissection d = e.dissect(f);
        e.markDisplayed(d);
        for (String line : tree.format(d).split("\n")) {
          lines.add(line);
        }
        lines.add("");
      }
    }
    return lines;
  }

  /** Frames, each a list of top-level layers, each its lines (the hex dumps after a tree left out). */
  static List<List<List<String>>> frames(List<String> lines) {
    List<List<List<String>>> frames = new ArrayList<>();
    List<String> layer = null;
    boolean inTree = false;
    for (String line : lines) {
      if (line.startsWith("Frame ") && line.contains(" bytes on wire")) {
        frames.add(new ArrayList<>());
        inTree = true;
      }
      if (line.isEmpty()) {
        inTree = false; // what follows a frame's tree is the hex dump of its reassembled data
      }
      if (!inTree) {
        continue;
      }
      if (line.startsWith("    [Protocols in frame: ")) {
        continue; // frame.protocols: GoldenFieldsTest compares it, with its known differences
      }
      if (!line.startsWith(" ")) {
        layer = new ArrayList<>();
        frames.get(frames.size() - 1).add(layer);
      }
      layer.add(line);
    }
    return frames;
  }
}

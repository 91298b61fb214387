package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netsift.core.FileCapture;
import io.netsift.core.Packet;
import io.netsift.core.golden.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Compares chosen frames of a corpus capture with rows recorded from {@code tshark -n -T fields
 * -E occurrence=a -E aggregator=,} (TZ=UTC, empty profile): each row is the frame number, then
 * frame.protocols, Protocol, Info and the named fields, occurrences joined by commas.
 */
final class CorpusRows {
  private CorpusRows() {}

  /**
   * The rows of {@code file} in a table where a {@code {"#", file}} row starts each file's
   * section (the layout the per-protocol tests keep their tshark rows in).
   */
  static String[][] section(String[][] table, String file) {
    java.util.List<String[]> out = new java.util.ArrayList<>();
    boolean mine = false;
    for (String[] r : table) {
      if (r[0].equals("#")) {
        mine = r[1].equals(file);
      } else if (mine) {
        out.add(r);
      }
    }
    return out.toArray(new String[0][]);
  }

  static void check(String file, String[] fields, String[][] rows) throws Exception {
    Path dir = Corpus.dir();
    assumeTrue(dir != null && Files.exists(dir.resolve(file)), "corpus file " + file);
    check(dir.resolve(file), fields, rows);
  }

  /** {@link #check(String, String[], String[][])} for a capture anywhere (the repository's samples). */
  static void check(Path capture, String[] fields, String[][] rows) throws Exception {
    String file = capture.getFileName().toString();
    Map<Long, String[]> want = new HashMap<>();
    for (String[] r : rows) {
      want.put(Long.parseLong(r[0]), r);
    }
    int seen = 0;
    try (FileCapture cap = FileCapture.open(capture)) {
      for (Packet p : cap) {
        String[] r = want.get(p.number());
        if (r == null) {
          continue;
        }
        String at = file + " frame " + p.number();
        assertEquals(r[1], String.join(":", p.getAll("frame.protocols")), at);
        assertEquals(r[2], p.summary().protocol(), at + " Protocol");
        assertEquals(r[3], p.summary().info(), at + " Info");
        for (int i = 0; i < fields.length; i++) {
          assertEquals(r[4 + i], String.join(",", p.getAll(fields[i])), at + " " + fields[i]);
        }
        seen++;
      }
    }
    assertEquals(rows.length, seen, file + ": frames compared");
    assertTrue(seen > 0);
  }
}

package io.netsift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code netsift read --color}: each summary line in the colors tshark --color gave that packet
 * (recorded by scripts/coloring/make-color-expectations.sh), framed as tshark frames it; no
 * escapes at all when standard output is not a terminal.
 */
class ColorOptionTest {
  @Test
  void colorsLikeTsharkOnATerminalAndNothingOtherwise() throws Exception {
    String file = Cli.repo("samples/http.pcapng").toString();
    Cli plain = Cli.run("read", "-r", file, "--color");
    assertEquals(0, plain.exit, plain.err);
    assertFalse(plain.out.contains("\u001b["), "tests do not run on a terminal: no colors");

    List<String> want = Files.readAllLines(Cli.repo("netsift-core/src/test/resources/coloring/http.pcapng.tsv"));
    Cli colored;
    System.setProperty("netsift.forceColor", "true");
    try {
      colored = Cli.run("read", "-r", file, "--color");
    } finally {
      System.clearProperty("netsift.forceColor");
    }
    assertEquals(0, colored.exit, colored.err);
    String[] uncolored = plain.lines();
    String rest = colored.out;
    assertEquals(want.size(), uncolored.length);
    for (int i = 0; i < want.size(); i++) {
      String[] w = want.get(i).split("\t");
      if (w[1].equals("-")) {
        String expect = uncolored[i] + "\n";
        assertTrue(rest.startsWith(expect), "frame " + (i + 1));
        rest = rest.substring(expect.length());
        continue;
      }
      String expect = ansi(38, w[1]) + ansi(48, w[2]) + uncolored[i] + "\u001b[K\n\u001b[0m";
      assertTrue(rest.startsWith(expect), "frame " + (i + 1) + ": " + rest.substring(0, Math.min(80, rest.length())));
      rest = rest.substring(expect.length());
    }
    assertEquals("", rest);
  }

  private static String ansi(int kind, String hex) {
    int v = Integer.parseInt(hex.substring(1), 16);
    return "\u001b[" + kind + ";2;" + (v >> 16) + ";" + ((v >> 8) & 0xff) + ";" + (v & 0xff) + "m";
  }
}

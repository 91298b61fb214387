package io.netsift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The progress line: its text, when it shows, its redraw rate, and a real run on a pseudo-terminal. */
class ProgressTest {
  @Test
  void lineSaysPacketsBytesRateAndTimeLeft() {
    assertEquals("1234 packets, 12.5 MB of 50.0 MB (25%), 6.3 MB/s, 0:06 left",
        Progress.line(1234, 12_500_000, 50_000_000, 2.0));
    assertEquals("1 packet, 999 B, 999 B/s", Progress.line(1, 999, -1, 1.0));
    assertEquals("7 packets, 2.0 kB of 2.0 kB (100%), 4.0 kB/s", Progress.line(7, 2000, 2000, 0.5));
    assertEquals("1.0 MB", Progress.size(999_999));
    assertEquals("3.2 GB", Progress.size(3_210_000_000L));
    assertEquals("1:01:05", Progress.duration(3665));
    assertEquals("0:59", Progress.duration(59));
  }

  @Test
  void showsOnATerminalUnlessQuiet() {
    assertTrue(Progress.wanted(true, false), "terminal stderr");
    assertFalse(Progress.wanted(true, true), "-q");
    assertFalse(Progress.wanted(false, false), "stderr not a terminal");
  }

  @Test
  void redrawsAtMostFourTimesASecondAndErasesItself() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    long start = 1_000_000_000L;
    Progress p = new Progress(err, 1000, start);
    p.update(1, 10, start + Progress.DELAY_NANOS - 1);
    assertEquals("", bytes.toString(StandardCharsets.UTF_8), "nothing before the delay");
    long t = start + Progress.DELAY_NANOS;
    for (int i = 0; i < 100; i++) {
      p.update(i + 1, 10 + i, t + i * 10_000_000L); // one second of updates every 10 ms
    }
    String shown = bytes.toString(StandardCharsets.UTF_8);
    long draws = shown.chars().filter(c -> c == '\r').count();
    assertTrue(draws >= 4 && draws <= 5, "draws in one second: " + draws);
    p.finish();
    assertTrue(bytes.toString(StandardCharsets.UTF_8).endsWith("\r\033[K"), "erased at the end");
  }

  /** Runs netsift under script(1), so both its standard output and error are a terminal. */
  private static String onTerminal(String... args) throws Exception {
    List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dnetsift.progress.delay=0", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    java.addAll(List.of(args));
    StringBuilder cmd = new StringBuilder();
    for (String a : java) {
      cmd.append('\'').append(a.replace("'", "'\\''")).append("' ");
    }
    Process p = new ProcessBuilder("script", "-qec", cmd.toString(), "/dev/null").redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), new String(out, StandardCharsets.UTF_8));
    return new String(out, StandardCharsets.UTF_8);
  }

  @Test
  void realTerminalShowsItUnlessQuietAndNeverSplitsALine() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "script(1) from util-linux");
    String sample = Cli.repo("samples/http.pcapng").toString();
    String report = onTerminal("read", "-w", "/dev/null", "-z", "io,phs", sample);
    assertTrue(report.matches("(?s).*\\d+ packets?, .* of .*/s.*"), report);
    int table = report.indexOf("Protocol Hierarchy Statistics");
    int erased = report.lastIndexOf("\r\033[K");
    assertTrue(table > 0 && erased >= 0 && erased < table, "erased before the report: " + report);
    assertFalse(report.substring(erased, table).contains(" packet"), "nothing drawn after the erase");
    String quiet = onTerminal("read", "-q", "-z", "io,phs", sample);
    assertFalse(quiet.contains("\033[K"), "-q: no progress line");
    String lines = onTerminal("read", sample);
    assertTrue(lines.contains("\033[K"), "progress with packet lines on the terminal");
    // Every erase sequence removed, the packet lines are intact and in order.
    String plain = Cli.run("read", sample).out;
    String cleaned = lines.replace("\r\n", "\n").replaceAll("\r[^\r\n]*\033\\[K", "");
    assertEquals(plain, cleaned);
    String off = onTerminal("read", "--no-progress", sample);
    assertFalse(off.contains("\033[K"), "--no-progress");
  }
}

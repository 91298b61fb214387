package io.netsift.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code netsift ifaces} and {@code capture -D}; needs libpcap, not root. */
class IfacesCommandTest {
  private static void needLibpcap() {
    try {
      io.netsift.live.Interfaces.list();
    } catch (io.netsift.live.LiveCaptureException e) {
      Assumptions.abort("libpcap missing: " + e.getMessage());
    }
  }

  @Test
  void listsLikeTsharkD() throws Exception {
    needLibpcap();
    LiveCli r = LiveCli.run("ifaces");
    assertEquals(0, r.exit, r.err);
    List<String> lines = r.lines();
    assertTrue(lines.stream().anyMatch(l -> l.matches("\\d+\\. lo \\(Loopback\\)")), r.out);
    for (int i = 0; i < lines.size(); i++) {
      assertTrue(lines.get(i).startsWith((i + 1) + ". "), lines.get(i));
    }
    assertEquals(r.out, LiveCli.run("capture", "-D").out, "capture -D is the same list");
    assertEquals(r.out, LiveCli.run("-D").out, "netsift -D is the same list");

    Optional<String> tshark = LiveCli.program("tshark");
    Assumptions.assumeTrue(tshark.isPresent(), "tshark not installed");
    // tshark numbers libpcap's interfaces first, then its extcap tools, which netsift leaves out.
    List<String> theirs = LiveCli.runProgram(List.of(tshark.get(), "-D")).lines().collect(Collectors.toList());
    assertEquals(theirs.subList(0, Math.min(lines.size(), theirs.size())), lines);
  }

  @Test
  void verboseShowsFlagsMtuAndAddressesLikeIpAddr() {
    needLibpcap();
    LiveCli r = LiveCli.run("ifaces", "-v");
    assertEquals(0, r.exit, r.err);
    List<String> lines = r.lines();
    int lo = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).matches("\\d+: lo: <LOOPBACK,UP,RUNNING> mtu \\d+")) {
        lo = i;
      }
    }
    assertTrue(lo >= 0, r.out);
    assertEquals("    link/loopback 00:00:00:00:00:00", lines.get(lo + 1));
    assertEquals("    inet 127.0.0.1/8", lines.get(lo + 2));
  }

  @Test
  void missingLibpcapSaysWhatToInstall() throws Exception {
    Process p = new ProcessBuilder(LiveCli.forked(List.of("-Dnetsift.libpcap=/nonexistent/libpcap.so.9",
        "-XX:TieredStopAtLevel=1"), "ifaces")).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(1, p.exitValue(), err);
    assertTrue(err.startsWith("netsift: libpcap not found (tried /nonexistent/libpcap.so.9): "
        + "install libpcap: apt-get install libpcap0.8"), err);
  }
}

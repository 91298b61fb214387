package io.netsift.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.capture.CaptureReader;
import io.netsift.core.capture.CaptureReaders;
import io.netsift.core.capture.Frame;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code netsift capture} on {@code lo} with the test's own datagrams to 127.0.0.1 on free ports:
 * live summary lines, -Y, -w read back by netsift and tshark, a 3-file ring buffer, Ctrl-C, and
 * the error messages. Needs libpcap and root (or CAP_NET_RAW); skipped otherwise.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CaptureCommandTest {
  @BeforeAll
  static void needCapture() {
    Optional<String> why = LiveCli.whyNoCapture();
    Assumptions.assumeTrue(why.isEmpty(), () -> "live capture on lo not possible here: " + why.get());
  }

  private static long packets(Path file) throws IOException {
    try (CaptureReader r = CaptureReaders.open(file)) {
      Frame f = new Frame();
      long n = 0;
      while (r.next(f)) {
        n++;
      }
      return n;
    }
  }

  @Test
  void printsSummaryLinesAsPacketsArrive() throws Exception {
    int port = LiveCli.freeUdpPort();
    LiveCli r;
    try (LiveCli.Sender s = new LiveCli.Sender(10, "live line", port)) {
      r = LiveCli.run("capture", "-i", "lo", "-f", "udp dst port " + port, "-c", "5", "-a", "duration:30");
    }
    assertEquals(0, r.exit, r.err);
    Pattern line = Pattern.compile(" +\\d+ +\\d+\\.\\d{9} +127\\.0\\.0\\.1 → 127\\.0\\.0\\.1 +UDP 51 \\d+ → " + port + " Len=9");
    assertEquals(5, r.lines().size(), r.out);
    for (int i = 0; i < 5; i++) {
      assertTrue(line.matcher(r.lines().get(i)).matches(), r.lines().get(i));
      assertTrue(r.lines().get(i).startsWith("    " + (i + 1) + " "), r.lines().get(i));
    }
    assertTrue(r.lines().get(0).contains(" 0.000000000 "), r.lines().get(0));
    assertTrue(r.err.startsWith("Capturing on 'Loopback: lo'\n"), r.err);
    assertTrue(r.err.endsWith("5 packets captured, 0 dropped\n"), r.err);
  }

  @Test
  void displayFilterNarrowsTheCapturedPackets() throws Exception {
    int p = LiveCli.freeUdpPort();
    int q = LiveCli.freeUdpPort();
    LiveCli r;
    try (LiveCli.Sender s = new LiveCli.Sender(5, "alternate", p, q)) {
      r = LiveCli.run("capture", "-i", "lo", "-f", "udp dst port " + p + " or udp dst port " + q,
          "-Y", "udp.dstport == " + q, "-c", "20", "-a", "duration:30");
    }
    assertEquals(0, r.exit, r.err);
    // 20 packets of a strictly alternating stream: exactly 10 to q, shown; 10 to p, filtered out.
    assertEquals(10, r.lines().size(), r.out);
    assertTrue(r.lines().stream().allMatch(l -> l.contains(" → " + q + " Len=9")), r.out);
    assertTrue(r.err.endsWith("20 packets captured, 0 dropped\n"), r.err);
  }

  @Test
  void writesPcapngThatNetsiftAndTsharkRead(@TempDir Path dir) throws Exception {
    int port = LiveCli.freeUdpPort();
    Path file = dir.resolve("lo.pcapng");
    Path pcap = dir.resolve("lo.pcap");
    LiveCli r;
    LiveCli r2;
    try (LiveCli.Sender s = new LiveCli.Sender(5, "to the file", port)) {
      r = LiveCli.run("capture", "-i", "lo", "-f", "udp dst port " + port, "-c", "20", "-w", file.toString());
      r2 = LiveCli.run("capture", "-i", "lo", "-f", "udp dst port " + port, "-c", "7", "-w", pcap.toString(), "-F", "pcap");
    }
    assertEquals(0, r.exit, r.err);
    assertEquals("", r.out, "nothing printed while writing");
    assertTrue(r.err.endsWith("20 packets captured, 0 dropped\n"), r.err);
    try (CaptureReader reader = CaptureReaders.open(file)) {
      assertEquals("pcapng", reader.format());
    }
    assertEquals(20, packets(file));
    LiveCli read = LiveCli.run("read", file.toString());
    assertEquals(0, read.exit, read.err);
    assertEquals(20, read.lines().size());
    assertTrue(read.lines().stream().allMatch(l -> l.contains(" → " + port + " Len=11")), read.out);

    assertEquals(0, r2.exit, r2.err);
    try (CaptureReader reader = CaptureReaders.open(pcap)) {
      assertEquals("pcap", reader.format());
    }
    assertEquals(7, packets(pcap));

    Optional<String> tshark = LiveCli.program("tshark");
    Assumptions.assumeTrue(tshark.isPresent(), "tshark not installed: netsift's read-back was checked, tshark's skipped");
    for (Path f : List.of(file, pcap)) {
      String fields = LiveCli.runProgram(List.of(tshark.get(), "-n", "-r", f.toString(), "-T", "fields",
          "-e", "frame.number", "-e", "udp.dstport", "-e", "data.len"));
      List<String> rows = fields.lines().collect(Collectors.toList());
      assertEquals(f == file ? 20 : 7, rows.size(), fields);
      for (int i = 0; i < rows.size(); i++) {
        assertEquals((i + 1) + "\t" + port + "\t11", rows.get(i));
      }
    }
    // The pcapng interface block names the interface and its capture filter, as dumpcap's do.
    String idb = LiveCli.runProgram(List.of(tshark.get(), "-n", "-r", file.toString(), "-c", "1", "-T", "fields",
        "-e", "frame.interface_name"));
    assertEquals("lo", idb.strip());
  }

  @Test
  void threeFileRingBufferRotates(@TempDir Path dir) throws Exception {
    int port = LiveCli.freeUdpPort();
    LiveCli r;
    try (LiveCli.Sender s = new LiveCli.Sender(2, "forty bytes of payload for the ring test", port)) {
      r = LiveCli.run("capture", "-i", "lo", "-f", "udp dst port " + port, "-c", "60",
          "-w", dir.resolve("ring.pcapng").toString(), "-b", "filesize:1", "-b", "files:3");
    }
    assertEquals(0, r.exit, r.err);
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.sorted().collect(Collectors.toList());
    }
    // 116-byte blocks, 1000-byte files: 8 packets a file, 8 files for 60, the newest 3 kept.
    assertEquals(3, files.size(), files.toString());
    for (int i = 0; i < 3; i++) {
      String name = files.get(i).getFileName().toString();
      assertTrue(name.matches(String.format("ring_%05d_\\d{14}\\.pcapng", 6 + i)), name);
    }
    assertEquals(8, packets(files.get(0)));
    assertEquals(8, packets(files.get(1)));
    assertEquals(4, packets(files.get(2)));
  }

  @Test
  void ctrlCFlushesTheFileAndPrintsLibpcapsCounts(@TempDir Path dir) throws Exception {
    // A JVM started from a non-interactive shell inherits SIGINT ignored; env resets it.
    Assumptions.assumeTrue(new ProcessBuilder("env", "--default-signal=INT", "true").start().waitFor() == 0,
        "env --default-signal (coreutils 8.31+) missing");
    int port = LiveCli.freeUdpPort();
    Path file = dir.resolve("sigint.pcapng");
    List<String> cmd = new java.util.ArrayList<>(List.of("env", "--default-signal=INT"));
    cmd.addAll(LiveCli.forked(List.of("-XX:TieredStopAtLevel=1"), "capture", "-i", "lo", "-f", "udp dst port " + port,
        "-w", file.toString()));
    Process p = new ProcessBuilder(cmd).start();
    BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
    assertEquals("Capturing on 'Loopback: lo'", err.readLine());
    try (DatagramSocket s = new DatagramSocket(0, LiveCli.LOCALHOST)) {
      byte[] b = "before ctrl-c".getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 10; i++) {
        s.send(new DatagramPacket(b, b.length, LiveCli.LOCALHOST, port));
      }
    }
    Thread.sleep(600); // libpcap hands over a buffer block within its 100 ms timeout
    assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor());
    assertTrue(p.waitFor(20, TimeUnit.SECONDS), "stops on SIGINT");
    String rest = err.lines().collect(Collectors.joining("\n"));
    assertEquals("10 packets captured, 0 dropped", rest);
    assertEquals(130, p.exitValue(), "the JVM's status after SIGINT");
    assertEquals(10, packets(file));
  }

  @Test
  void badCaptureFilterIsAUsageErrorWithLibpcapsText() {
    LiveCli r = LiveCli.run("capture", "-i", "lo", "-f", "udp port banana", "-c", "1");
    assertEquals(2, r.exit);
    assertTrue(r.err.startsWith("netsift: invalid capture filter \"udp port banana\" for interface lo: "), r.err);
  }

  @Test
  void badDisplayFilterIsAUsageError() {
    LiveCli r = LiveCli.run("capture", "-i", "lo", "-Y", "udp.port ==", "-c", "1");
    assertEquals(2, r.exit);
    assertEquals("netsift: Unexpected end of filter expression.\n", r.err);
  }

  @Test
  void unknownInterfaceListsTheOnesThatExist() {
    LiveCli r = LiveCli.run("capture", "-i", "nosuch0", "-c", "1");
    assertEquals(2, r.exit);
    assertTrue(r.err.startsWith("netsift: no such interface: nosuch0; interfaces: "), r.err);
    assertTrue(r.err.contains(" lo,") || r.err.contains(" lo "), r.err);
  }

  @Test
  void optionErrors() {
    LiveCli r = LiveCli.run("capture", "-i", "lo", "-b", "files:3");
    assertEquals(2, r.exit);
    assertTrue(r.err.startsWith("netsift: -b: a ring buffer needs -w FILE"), r.err);
    r = LiveCli.run("capture", "-i", "lo", "-a", "hours:3");
    assertEquals(2, r.exit);
    assertTrue(r.err.startsWith("netsift: -a: invalid or unknown condition \"hours:3\""), r.err);
    r = LiveCli.run("capture", "-i", "lo", "-F", "erf", "-w", "x");
    assertEquals(2, r.exit);
  }

  @Test
  void withoutPermissionSaysWhichCapabilities() throws Exception {
    Optional<String> setpriv = LiveCli.program("setpriv");
    Assumptions.assumeTrue(setpriv.isPresent(), "setpriv (util-linux) missing");
    List<String> cmd = new java.util.ArrayList<>(List.of(setpriv.get(), "--bounding-set", "-net_raw,-net_admin",
        "--inh-caps", "-net_raw,-net_admin"));
    cmd.addAll(LiveCli.forked(List.of("-XX:TieredStopAtLevel=1"), "capture", "-i", "lo", "-c", "1"));
    Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    Assumptions.assumeFalse(err.contains("setpriv:"), "setpriv not allowed here: " + err);
    assertEquals(1, p.exitValue(), err);
    assertTrue(err.startsWith("netsift: capturing on lo needs root or CAP_NET_RAW/CAP_NET_ADMIN: "
        + "run as root or grant with setcap"), err);
  }
}

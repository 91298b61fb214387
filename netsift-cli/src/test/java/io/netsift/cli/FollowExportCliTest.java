package io.netsift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -z follow,...} and {@code --export-objects} end to end (the byte-for-byte comparisons
 * with tshark are in netsift-core's FollowTapTest and ExportObjectsTapTest).
 */
class FollowExportCliTest {
  static final Path HTTP = Cli.repo("samples/http.pcapng");

  @Test
  void followPrintsAfterThePackets() {
    Cli r = Cli.run("read", "-q", "-z", "follow,tcp,ascii,0", HTTP.toString());
    assertEquals(0, r.exit, r.err);
    String[] lines = r.lines();
    assertEquals("===================================================================", lines[1]);
    assertEquals("Follow: tcp,ascii", lines[2]);
    assertEquals("Node 0: 127.0.0.1:32818", lines[4]);
    assertEquals("83", lines[6]);
    Cli bad = Cli.run("read", "-z", "follow,tcp,nosuch,0", HTTP.toString());
    assertEquals(2, bad.exit);
    assertTrue(bad.err.contains("follow - Invalid display mode."), bad.err);
  }

  @Test
  void severalTapsReportLastFirstAsTshark() {
    Cli conv = Cli.run("read", "-q", "-z", "conv,tcp", HTTP.toString());
    Cli ends = Cli.run("read", "-q", "-z", "endpoints,ip", HTTP.toString());
    Cli both = Cli.run("read", "-q", "-z", "conv,tcp", "-z", "endpoints,ip", HTTP.toString());
    assertEquals(0, both.exit, both.err);
    assertTrue(conv.out.contains("TCP Conversations") && ends.out.contains("IPv4 Endpoints"));
    assertEquals(ends.out + conv.out, both.out);
  }

  @Test
  void exportObjectsWritesAndLists(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("objects");
    Cli r = Cli.run("read", "-q", "-Y", "http.content_type contains \"png\"", "--export-objects", "http," + dir,
        HTTP.toString());
    assertEquals(0, r.exit, r.err);
    String[] lines = r.lines();
    assertEquals(2, lines.length, r.out);
    assertTrue(lines[1].endsWith("image/png      463  logo.png"), lines[1]);
    assertEquals(463, Files.size(dir.resolve("logo.png")));
    Cli bad = Cli.run("read", "--export-objects", "smb," + dir, HTTP.toString());
    assertEquals(2, bad.exit);
  }
}

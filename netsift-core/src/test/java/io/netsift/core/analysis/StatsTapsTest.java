package io.netsift.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing of the statistics -z arguments, tshark's number formats and the Java API of the taps. */
class StatsTapsTest {
  static final Path DNS = Path.of(System.getProperty("netsift.root", "..")).resolve("samples/dns.pcap");

  @Test
  void argumentsPickTheirTaps() {
    assertInstanceOf(ProtocolHierarchy.class, Taps.create("io,phs"));
    assertInstanceOf(ProtocolHierarchy.class, Taps.create("io,phs,tcp"));
    assertInstanceOf(Conversations.class, Taps.create("conv,ipv6"));
    assertInstanceOf(Endpoints.class, Taps.create("endpoints,udp,dns"));
    assertInstanceOf(IoStat.class, Taps.create("io,stat,0.5,tcp,COUNT(tcp.len)tcp.len>0"));
    assertInstanceOf(ExpertTap.class, Taps.create("expert,warn,tcp"));
    assertInstanceOf(HttpTree.class, Taps.create("http,tree,tcp.port==80"));
    assertInstanceOf(DnsTree.class, Taps.create("dns,tree"));
    assertInstanceOf(DnsTree.class, Taps.create("dns,tree,udp"));
  }

  @Test
  void tapsThatMakeTsharkBuildTrees() {
    // Measured with tshark 4.0 on tcpdump__mptcp-v1.pcap: "4 NOP in a row" (a tree-only note)
    // shows in -z expert when io,phs, io,stat, follow or any tap with a filter listens too.
    for (String z : List.of("io,phs", "io,stat,0", "follow,tcp,ascii,0", "expert,tcp", "conv,tcp,tcp",
        "endpoints,tcp,tcp", "http,tree,tcp", "dns,tree,tcp")) {
      assertTrue(Taps.create(z).needsTree(), z);
    }
    for (String z : List.of("expert", "expert,warn", "conv,tcp", "endpoints,ip", "http,tree", "dns,tree")) {
      assertTrue(!Taps.create(z).needsTree(), z);
    }
  }

  @Test
  void badArgumentsSayWhatIsWrong() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Taps.create("conv,sctp")).getMessage().contains("sctp"));
    assertThrows(IllegalArgumentException.class, () -> Taps.create("io,stat,soon"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Taps.create("io,stat,1,SUM(no.such)"))
        .getMessage().contains("There is no field named 'no.such'"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Taps.create("io,stat,1,SUM(ip.src)"))
        .getMessage().contains("doesn't have integral values"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Taps.create("io,stat,1,MAX(tcp.len"))
        .getMessage().contains("Closing parenthesis"));
    assertThrows(IllegalArgumentException.class, () -> Taps.create("conv,tcp,tcp.port =="));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Taps.create("dns,treeX")).getMessage()
        .contains("dns,treeX"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Taps.create("dns,tree,dns.qry ==")).getMessage()
        .contains("invalid filter"));
  }

  @Test
  void expertNotesWiresharkRaisesOnlyWithATree() throws Exception {
    // tcpdump's mptcp-v1 capture has options with four NOPs in a row; tshark counts the note
    // only when it builds trees (a display filter, -V, a filter of the tap's own).
    Path p = StatsGoldenTest.capture("tcpdump__mptcp-v1.pcap");
    org.junit.jupiter.api.Assumptions.assumeTrue(p != null && java.nio.file.Files.exists(p));
    String nop = "4 NOP in a row";
    ExpertTap plain = (ExpertTap) Taps.create("expert");
    ExpertTap tree = ((ExpertTap) Taps.create("expert")).withTree(true);
    try (io.netsift.core.FileCapture capture = io.netsift.core.FileCapture.open(p)) {
      capture.runTaps(plain, tree);
    }
    StringBuilder a = new StringBuilder();
    plain.report(a);
    StringBuilder b = new StringBuilder();
    tree.report(b);
    assertTrue(!a.toString().contains(nop), a.toString());
    assertTrue(b.toString().contains("           6   Protocol                TCP  " + nop), b.toString());
    assertTrue(StatsGoldenTest.run(p, "expert,tcp").contains(nop));
  }

  @Test
  void numbersAsTsharkPrintsThem() {
    assertEquals("9907 bytes", StatsText.size(9907));
    assertEquals("12 kB", StatsText.size(12683));
    assertEquals("36 MB", StatsText.size(36_900_000));
    // C's printf rounds the binary value half-to-even: 0.125 -> 0.12, 0.375 -> 0.38.
    assertEquals("0.12", StatsText.fixed(0.125, 2));
    assertEquals("0.38", StatsText.fixed(0.375, 2));
    // 0.00105 is 0.0010499999... in binary, so C prints 0.0010 (Java's String.format says 0.0011).
    assertEquals("0.0010", StatsText.fixed(0.00105, 4));
  }

  @Test
  void javaApiGivesTheRows() throws Exception {
    Conversations conv = (Conversations) Taps.create("conv,udp");
    IoStat io = IoStat.of("1", java.util.Arrays.asList(null, "udp.port in {53, 5353}"));
    for (Tap t : List.of(conv, io)) {
      feed(t);
    }
    assertEquals(10, conv.conversations().size());
    Conversations.Conversation first = conv.conversations().get(0);
    assertEquals(2, first.txFrames + first.rxFrames);
    // A filter with a comma is one column in the API (the -z text would split it at the comma).
    assertEquals(2, io.columns().size());
    long frames = 0;
    for (long r = 0; r < io.rowCount(); r++) {
      frames += io.frames(io.columns().get(0), r);
    }
    assertEquals(30, frames);
  }

  private static void feed(Tap t) throws Exception {
    var engine = new io.netsift.core.dissect.DissectionEngine(io.netsift.core.dissect.Protocols.standard());
    var frame = new io.netsift.core.capture.Frame();
    try (var r = io.netsift.core.capture.CaptureReaders.open(DNS)) {
      while (r.next(frame)) {
        t.packet(engine.dissect(frame), true);
      }
    }
  }
}

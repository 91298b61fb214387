package io.netsift.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.capture.CaptureReader;
import io.netsift.core.capture.CaptureReaders;
import io.netsift.core.capture.Frame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read command end to end on the project's samples: outputs, flags, errors, exit codes. */
class ReadCommandTest {
  static final Path HTTP = Cli.repo("samples/http.pcapng");
  static final Path DNS = Cli.repo("samples/dns.pcap");

  @TempDir Path tmp;

  @BeforeAll
  static void utc() {
    TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    io.netsift.core.field.FieldFormat.setZone(java.time.ZoneOffset.UTC);
  }

  static List<Frame> frames(Path p) throws IOException {
    List<Frame> out = new ArrayList<>();
    try (CaptureReader r = CaptureReaders.open(p)) {
      Frame f = new Frame();
      while (r.next(f)) {
        out.add(f.copy());
      }
    }
    return out;
  }

  @Test
  void summaryLinePerPacket() throws IOException {
    Cli r = Cli.run("read", HTTP.toString());
    assertEquals(0, r.exit, r.err);
    String[] lines = r.lines();
    assertEquals(frames(HTTP).size(), lines.length);
    // a nanosecond file: the 11-character time overflows tshark's 10-wide column
    assertTrue(lines[0].startsWith("    1 0.000000000 "), lines[0]);
    assertTrue(lines[0].contains(" \u2192 "), lines[0]);
  }

  @Test
  void portNamesWithDashNT() {
    // tshark -N t -r samples/http.pcapng, first line (tshark 4.0.17).
    Cli r = Cli.run("read", "-N", "t", "-c", "1", HTTP.toString());
    assertEquals(0, r.exit, r.err);
    assertEquals("    1 0.000000000    127.0.0.1 \u2192 127.0.0.1    TCP 74 32818 \u2192 http(80) [SYN] Seq=0 Win=65495 "
        + "Len=0 MSS=65495 SACK_PERM TSval=4281751657 TSecr=0 WS=1024", r.lines()[0]);
    Cli numeric = Cli.run("read", "-c", "1", "-T", "fields", "-e", "tcp.dstport", "-N", "t", HTTP.toString());
    assertEquals("80", numeric.lines()[0], "fields stay numeric, as in tshark");
    assertEquals(2, Cli.run("read", "-N", "x", HTTP.toString()).exit);
  }

  @Test
  void decodeAsAndPreferences() {
    Cli r = Cli.run("read", "-d", "udp.port==53,data", "-c", "1", "-T", "fields", "-e", "frame.protocols", DNS.toString());
    assertEquals(0, r.exit, r.err);
    assertEquals("eth:ethertype:ip:udp:data", r.lines()[0]);
    Cli bad = Cli.run("read", "-d", "udp.port==53,nosuch", DNS.toString());
    assertEquals(2, bad.exit);
    assertTrue(bad.err.contains("unknown protocol \"nosuch\""), bad.err);
    Cli badPref = Cli.run("read", "-o", "tcp.reassembly_max_pdu:many", DNS.toString());
    assertEquals(2, badPref.exit);
    assertTrue(badPref.err.contains("tcp.reassembly_max_pdu"), badPref.err);
    Cli noDesegment = Cli.run("read", "-o", "tcp.desegment_tcp_streams:FALSE", Cli.repo("samples/apps.pcapng").toString());
    assertEquals(0, noDesegment.exit, noDesegment.err);
    assertFalse(noDesegment.out.contains("[TCP segment of a reassembled PDU]"));
  }

  @Test
  void treeOnlyExpertNotesCountWhenTsharkWouldBuildTrees() {
    // tshark 4.0 on tcpdump__mptcp-v1.pcap: "4 NOP in a row" is missing from a plain -z expert
    // and counted 6 times with -T fields, -z io,phs or -z conv,tcp,tcp beside it.
    Path p = Cli.repo("../shared/corpus/tcpdump__mptcp-v1.pcap");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(p));
    String nop = "           6   Protocol                TCP  4 NOP in a row";
    assertFalse(Cli.run("read", p.toString(), "-q", "-z", "expert").out.contains(nop));
    assertFalse(Cli.run("read", p.toString(), "-q", "-z", "expert", "-z", "conv,tcp").out.contains(nop));
    assertTrue(Cli.run("read", p.toString(), "-q", "-z", "expert", "-z", "io,phs").out.contains(nop));
    assertTrue(Cli.run("read", p.toString(), "-q", "-z", "expert", "-z", "conv,tcp,tcp").out.contains(nop));
    assertTrue(Cli.run("read", p.toString(), "-T", "fields", "-e", "frame.number", "-z", "expert").out.contains(nop));
  }

  @Test
  void treelessExpertNotesCountOnlyWithoutTrees() {
    // tshark 4.0 on zeek__mysql__mysql.pcap: "FIXME - dissector is incomplete" 4 times in a plain
    // -z expert (one per SHOW FIELDS column of frame 22), never with a tree: not with -V, a
    // tree-needing tap, -T fields, -T json or as a filter match.
    Path p = Cli.repo("../shared/corpus/zeek__mysql__mysql.pcap");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(p));
    String fixme = "           4  Undecoded              MySQL  FIXME - dissector is incomplete";
    assertTrue(Cli.run("read", p.toString(), "-q", "-z", "expert").out.contains(fixme));
    assertFalse(Cli.run("read", p.toString(), "-q", "-z", "expert", "-z", "io,phs").out.contains("FIXME"));
    assertFalse(Cli.run("read", p.toString(), "-V", "-z", "expert").out.contains("FIXME"));
    assertFalse(Cli.run("read", p.toString(), "-T", "json").out.contains("FIXME"));
    assertFalse(Cli.run("read", p.toString(), "-T", "fields", "-e", "_ws.expert.message").out.contains("FIXME"));
    assertEquals(0, Cli.run("read", p.toString(), "-Y", "_ws.expert && mysql").out.length());
  }

  @Test
  void twoPassesFillForwardFieldsForOutputAndFilters() {
    // tshark -2 -r samples/apps.pcapng -Y 'tcp.reassembled_in == 114' prints 57 packets (4.0.17);
    // without -2 the field does not exist, as in tshark's one pass.
    Path apps = Cli.repo("samples/apps.pcapng");
    assertEquals(57, Cli.run("read", "-2", "-r", apps.toString(), "-Y", "tcp.reassembled_in == 114").lines().length);
    assertEquals(0, Cli.run("read", "-r", apps.toString(), "-Y", "tcp.reassembled_in").out.length());
    Cli dns = Cli.run("read", "-2", "-r", apps.toString(), "-Y", "dns.response_in", "-T", "fields", "-e", "frame.number",
        "-e", "dns.response_in");
    assertEquals("236\t237", dns.lines()[0], "tshark -2: the first query is answered in frame 237");
    // tshark -2 names the version the stream negotiates later already on the Client Hello.
    assertTrue(Cli.run("read", "-2", "-r", apps.toString(), "-Y", "frame.number == 311").out
        .contains(" TLSv1.2 290 Client Hello"));
    assertTrue(Cli.run("read", "-r", apps.toString(), "-Y", "frame.number == 311").out
        .contains(" TLSv1 290 Client Hello"));
  }

  @Test
  void twoPassesNeedAFile() {
    Cli r = Cli.runWithInput(new byte[0], "read", "-2", "-r", "-");
    assertEquals(2, r.exit);
    assertTrue(r.err.contains("-2 needs a file"), r.err);
  }

  @Test
  void countStopsAfterNPackets() {
    Cli r = Cli.run("read", "-c", "3", "-r", DNS.toString());
    assertEquals(0, r.exit, r.err);
    assertEquals(3, r.lines().length);
  }

  @Test
  void fieldsWithOptions() {
    Cli r = Cli.run("read", DNS.toString(), "-T", "fields", "-e", "frame.number", "-e", "frame.len",
        "-E", "header=y", "-E", "separator=,", "-E", "quote=d", "-c", "2");
    assertEquals(0, r.exit, r.err);
    String[] lines = r.lines();
    assertEquals("\"frame.number\",\"frame.len\"", lines[0]);
    assertTrue(lines[1].matches("\"1\",\"\\d+\""), lines[1]);
    assertEquals(3, lines.length);
  }

  @Test
  void unknownFieldIsUsageError() {
    Cli r = Cli.run("read", DNS.toString(), "-T", "fields", "-e", "no.such.field");
    assertEquals(2, r.exit);
    assertTrue(r.err.contains("Some fields aren't valid"), r.err);
    assertTrue(r.err.contains("no.such.field"), r.err);
  }

  @Test
  void badTimeFormatIsUsageError() {
    Cli r = Cli.run("read", DNS.toString(), "-t", "zz");
    assertEquals(2, r.exit);
    assertTrue(r.err.contains("-t"), r.err);
  }

  @Test
  void timeFormats() {
    Cli a = Cli.run("read", DNS.toString(), "-t", "ud", "-c", "1", "-T", "fields", "-e", "_ws.col.Time");
    assertTrue(a.out.strip().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}"), a.out);
    Cli e = Cli.run("read", DNS.toString(), "-t", "e", "-c", "1", "-T", "fields", "-e", "_ws.col.Time");
    assertTrue(e.out.strip().matches("\\d{10}\\.\\d{6}"), e.out);
  }

  @Test
  void standardInput() throws IOException {
    Cli r = Cli.runWithInput(Files.readAllBytes(DNS), "read", "-r", "-");
    assertEquals(0, r.exit, r.err);
    assertEquals(frames(DNS).size(), r.lines().length);
  }

  @Test
  void writesPcapngByDefaultAndPcapOnRequest() throws IOException {
    for (String fmt : new String[] {null, "pcap"}) {
      Path out = tmp.resolve("out-" + fmt + ".pcap");
      Cli r = fmt == null ? Cli.run("read", HTTP.toString(), "-w", out.toString())
          : Cli.run("read", HTTP.toString(), "-w", out.toString(), "-F", fmt);
      assertEquals(0, r.exit, r.err);
      assertEquals("", r.out, "-w prints no packet lines");
      byte[] head = Arrays.copyOf(Files.readAllBytes(out), 4);
      if (fmt == null) {
        assertArrayEquals(new byte[] {0x0a, 0x0d, 0x0d, 0x0a}, head, "pcapng whatever the name");
      }
      List<Frame> a = frames(HTTP);
      List<Frame> b = frames(out);
      assertEquals(a.size(), b.size());
      for (int i = 0; i < a.size(); i++) {
        assertEquals(a.get(i).timestampNanos, b.get(i).timestampNanos);
        assertArrayEquals(a.get(i).data, b.get(i).data);
      }
    }
  }

  @Test
  void damagedFilePrintsGoodPacketsThenOffsetAndExits1() throws IOException {
    byte[] all = Files.readAllBytes(DNS);
    Path cut = tmp.resolve("cut.pcap");
    Files.write(cut, Arrays.copyOf(all, all.length - 10));
    Cli r = Cli.run("read", cut.toString());
    assertEquals(1, r.exit);
    assertEquals(frames(DNS).size() - 1, r.lines().length, "every complete packet is printed");
    assertTrue(r.err.matches("(?s).*offset \\d+.*"), r.err);
    assertTrue(!r.err.contains("Exception"), "no stack trace: " + r.err);
  }

  @Test
  void emptyAndForeignFilesAreClearErrors() throws IOException {
    Path empty = tmp.resolve("empty.pcap");
    Files.write(empty, new byte[0]);
    Cli r = Cli.run("read", empty.toString());
    assertEquals(1, r.exit);
    assertTrue(r.err.contains("empty"), r.err);
    Path text = tmp.resolve("notes.pcap");
    Files.writeString(text, "hello, this is not a capture\n");
    Cli t = Cli.run("read", text.toString());
    assertEquals(1, t.exit);
    assertTrue(t.err.contains("magic"), t.err);
    Cli missing = Cli.run("read", tmp.resolve("nope.pcap").toString());
    assertEquals(1, missing.exit);
    assertTrue(missing.err.contains("doesn't exist"), missing.err);
  }

  @Test
  void jsonEkVerboseAndHex() {
    Cli j = Cli.run("read", DNS.toString(), "-T", "json", "-c", "2");
    assertEquals(0, j.exit, j.err);
    assertTrue(j.out.startsWith("[\n  {\n    \"_index\": \"packets-"), j.out);
    assertTrue(j.out.contains("\"frame.number\": \"2\""), j.out);
    assertTrue(j.out.strip().endsWith("]"));
    Cli ek = Cli.run("read", DNS.toString(), "-T", "ek", "-c", "1");
    assertEquals(2, ek.lines().length);
    assertTrue(ek.lines()[0].startsWith("{\"index\":{\"_index\":\"packets-"), ek.out);
    Cli v = Cli.run("read", DNS.toString(), "-V", "-x", "-c", "1");
    assertTrue(v.out.startsWith("Frame 1: "), v.out);
    assertTrue(v.out.contains("\n0000  "), v.out);
    // tshark 4.0.17 -x -c 1 -r samples/dns.pcap: the dump alone, single-spaced, then a blank line.
    Cli x = Cli.run("read", DNS.toString(), "-x", "-c", "1");
    String[] lines = x.out.split("\n", -1);
    assertEquals("0000  00 00 00 00 00 00 00 00 00 00 00 00 08 00 45 00   ..............E.", lines[0]);
    assertEquals("0060  38 14 9d                                          8..", lines[6]);
    assertEquals("", lines[7]);
  }

  @Test
  void helpDocumentsExitCodes() {
    Cli r = Cli.run("read", "--help");
    assertEquals(0, r.exit);
    assertTrue(r.out.contains("Exit codes"), r.out);
    assertTrue(r.out.contains("damaged"), r.out);
  }

  @Test
  void atSignIsNotAFileReference() {
    Cli r = Cli.run("read", "@nonexistent");
    assertEquals(1, r.exit);
    assertTrue(r.err.contains("@nonexistent"), r.err);
  }

  @Test
  void displayFilterSelectsAndWrites() throws IOException {
    Cli all = Cli.run("read", DNS.toString(), "-T", "fields", "-e", "frame.number", "-e", "tcp.srcport");
    long tcp = Arrays.stream(all.lines()).filter(l -> l.split("\t", -1)[1].length() > 0).count();
    assertTrue(tcp > 0);
    Cli r = Cli.run("read", DNS.toString(), "-Y", "tcp");
    assertEquals(0, r.exit, r.err);
    assertEquals(tcp, r.lines().length);
    Path out = tmp.resolve("tcp.pcapng");
    assertEquals(0, Cli.run("read", DNS.toString(), "-Y", "tcp && tcp.port == 53", "-w", out.toString()).exit);
    assertEquals(tcp, frames(out).size());
  }

  @Test
  void badDisplayFilterPointsAtTheColumn() {
    Cli r = Cli.run("read", DNS.toString(), "-Y", "ip.src == 1.2.3.4 && bogus.field");
    assertEquals(2, r.exit);
    assertTrue(r.err.contains("bogus.field"), r.err);
    assertTrue(r.err.contains("^"), r.err);
    assertEquals("", r.out);
  }

  @Test
  void filterCheckAndExplain() {
    Cli ok = Cli.run("filter", "--check", "tcp.port == 80");
    assertEquals(0, ok.exit, ok.err);
    Cli bad = Cli.run("filter", "--check", "tcp.prt == 80");
    assertEquals(2, bad.exit);
    assertTrue(bad.err.contains("^"), bad.err);
    Cli explain = Cli.run("filter", "--explain", "tcp.port == 80");
    assertEquals(0, explain.exit);
    assertTrue(explain.out.contains("tcp.port"), explain.out);
  }
}

package io.netsift.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netsift.core.FileCapture;
import io.netsift.core.golden.Corpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -z follow,...} against tshark 4.0's output, byte for byte, on the repository's samples
 * and corpus captures (expectations from scripts/analysis/make-follow-expectations.sh): TCP in
 * every mode, ranges, endpoints (IPv4 and IPv6), gaps the receiver acknowledged, a second SYN-ACK,
 * UDP, HTTP (chunked, gzip, pipelined) and TLS without keys.
 */
class FollowTapTest {
  private static final Path SAMPLES = Path.of(System.getProperty("netsift.root", "..")).resolve("samples");

  static byte[] resource(String name) throws IOException {
    try (InputStream in = FollowTapTest.class.getResourceAsStream("/analysis/" + name)) {
      if (in == null) {
        throw new IOException("missing test resource analysis/" + name);
      }
      return in.readAllBytes();
    }
  }

  static List<String[]> cases(String name) throws IOException {
    List<String[]> out = new ArrayList<>();
    for (String line : new String(resource(name), StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        out.add(line.split("\t"));
      }
    }
    return out;
  }

  /** The capture a case names, or null when it is a corpus file and the corpus is absent. */
  static Path capture(String name) {
    if (name.startsWith("samples/")) {
      return SAMPLES.resolve(name.substring("samples/".length()));
    }
    Path corpus = Corpus.dir();
    return corpus == null ? null : corpus.resolve(name);
  }

  static String run(Path file, String spec) throws IOException {
    Tap tap = Taps.create(spec);
    try (FileCapture cap = FileCapture.builder(file).keepPackets(false).open()) {
      cap.runTaps(tap);
    }
    StringBuilder sb = new StringBuilder();
    tap.report(sb);
    return sb.toString();
  }

  @TestFactory
  List<DynamicTest> sameAsTshark() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String[] c : cases("follow/cases.tsv")) {
      tests.add(DynamicTest.dynamicTest(c[0] + " " + c[2], () -> {
        Path file = capture(c[1]);
        assumeTrue(file != null && Files.exists(file), "corpus absent");
        byte[] gz = resource("follow/" + c[0] + ".txt.gz");
        String expected = new String(new GZIPInputStream(new java.io.ByteArrayInputStream(gz)).readAllBytes(),
            StandardCharsets.ISO_8859_1);
        String actual = run(file, c[2]);
        assertEquals(expected, new String(actual.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
      }));
    }
    return tests;
  }

  @Test
  void apiGivesBothDirections() throws IOException {
    try (FileCapture cap = FileCapture.open(SAMPLES.resolve("http.pcapng"))) {
      FollowedStream s = cap.followTcp(0);
      assertEquals("127.0.0.1:32818", s.client().toString());
      assertEquals("127.0.0.1:80", s.server().toString());
      assertEquals("tcp.stream eq 0", s.filter());
      String client = new String(s.bytes(FollowedStream.CLIENT), StandardCharsets.ISO_8859_1);
      String server = new String(s.bytes(FollowedStream.SERVER), StandardCharsets.ISO_8859_1);
      assertTrue(client.startsWith("GET /index.html HTTP/1.1\r\n"), client);
      assertTrue(server.startsWith("HTTP/1.1 200 OK\r\n") && server.endsWith("</html>\n"), server);
      assertEquals(3, s.chunks().size());
      assertEquals(4, s.chunks().get(0).frame());
      assertEquals(FollowedStream.SERVER, s.chunks().get(1).peer());
      assertEquals(83 + 146 + 196, client.length() + server.length());
      // Packets are still there to iterate after following.
      assertEquals(1, cap.get(0).number());
    }
  }

  @Test
  void udpAndNothingFound() throws IOException {
    try (FileCapture cap = FileCapture.open(SAMPLES.resolve("apps.pcapng"))) {
      FollowedStream udp = cap.followUdp(0);
      assertEquals(2, udp.chunks().size());
      assertEquals("127.0.0.53:53", udp.server().toString());
      FollowedStream none = cap.followTcp(4242);
      assertTrue(none.chunks().isEmpty());
      assertEquals(":0", none.client().toString());
    }
  }

  @Test
  void badArgumentsSayWhat() {
    assertEquals("follow - Invalid display mode.",
        assertThrows(IllegalArgumentException.class, () -> Taps.create("follow,tcp,ebcdic,0")).getMessage());
    assertEquals("follow - Invalid address.",
        assertThrows(IllegalArgumentException.class, () -> Taps.create("follow,tcp,ascii")).getMessage());
    assertEquals("follow - Invalid address.",
        assertThrows(IllegalArgumentException.class, () -> Taps.create("follow,tcp,ascii,x")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> Taps.create("follow,tcp,ascii,2001:db8::1:80,2001:db8::2:80"));
    assertThrows(IllegalArgumentException.class, () -> Taps.create("follow,tcp,ascii,example.com:80,10.0.0.1:80"));
    assertThrows(IllegalArgumentException.class, () -> Taps.create("follow,tcp,ascii,0,a-b"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Taps.create("follow,sctp,ascii,0"))
        .getMessage().contains("follow,sctp"));
  }

  @Test
  void endpointsAreNormalised() {
    FollowTap t = FollowTap.parse("tcp,ascii,[2001:DB8:0::1]:80,[2001:db8::2]:4242");
    assertEquals("((ipv6.src eq 2001:db8::1 and tcp.srcport eq 80) and (ipv6.dst eq 2001:db8::2 and tcp.dstport eq 4242))"
        + " or ((ipv6.src eq 2001:db8::2 and tcp.srcport eq 4242) and (ipv6.dst eq 2001:db8::1 and tcp.dstport eq 80))",
        t.stream().filter());
  }

  @Test
  void yamlTimeIsTheDoublesDigits() {
    // tshark prints seconds as a C double with %.9f: the digits past the double's precision show.
    assertEquals("1795806904.096133947", FollowFormat.seconds(1795806904_096133947L));
    assertEquals("0.000000000", FollowFormat.seconds(0));
    assertEquals("1.500000000", FollowFormat.seconds(1_500_000_000L));
  }

  @Test
  void hexDropsOneTrailingBlank() {
    List<FollowedStream.Chunk> chunks = List.of(
        new FollowedStream.Chunk(1, 0, 0, "ab  ".getBytes(StandardCharsets.US_ASCII)),
        new FollowedStream.Chunk(2, 1, 0, "0123456789abcdef!".getBytes(StandardCharsets.US_ASCII)),
        new FollowedStream.Chunk(3, 0, 0, "abcdefg ".getBytes(StandardCharsets.US_ASCII)));
    FollowedStream s = new FollowedStream("tcp", "tcp.stream eq 0", new FollowedStream.Node("10.0.0.1", 1, false),
        new FollowedStream.Node("10.0.0.2", 2, false), chunks);
    String out = FollowFormat.format(s, FollowFormat.Mode.HEX);
    assertTrue(out.contains("\n00000000  61 62 20 20" + " ".repeat(39) + "ab \n"), out);
    assertTrue(out.contains("\n\t00000000  30 31 32 33 34 35 36 37  38 39 61 62 63 64 65 66  01234567 89abcdef\n"
        + "\t00000010  21" + " ".repeat(48) + "!\n"), out);
    // Eight bytes: the gap after the eighth character stays and takes the place of the blank dropped.
    assertTrue(out.contains("\n00000004  61 62 63 64 65 66 67 20" + " ".repeat(27) + "abcdefg \n"), out);
  }

  @Test
  void truncatedCaptureNeverThrows(@TempDir Path tmp) throws IOException {
    byte[] all = Files.readAllBytes(SAMPLES.resolve("http.pcapng"));
    for (int cut : new int[] {200, 700, 1500, 3000}) {
      Path f = tmp.resolve("cut" + cut + ".pcapng");
      Files.write(f, java.util.Arrays.copyOf(all, Math.min(cut, all.length)));
      for (String spec : new String[] {"follow,tcp,hex,0", "follow,http,yaml,0", "follow,udp,raw,0"}) {
        String out = run(f, spec);
        assertTrue(out.endsWith("===\n") || out.startsWith("peers:"), out);
      }
    }
  }

  static byte[] gunzip(byte[] gz) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new GZIPInputStream(new java.io.ByteArrayInputStream(gz)).transferTo(out);
    return out.toByteArray();
  }
}

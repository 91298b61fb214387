package io.netsift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The memory bound of issue 3 at a scale a test affords: {@value #STREAMS} half-open TCP streams,
 * each a SYN and a segment with the start of an HTTP request that never ends (the capture
 * {@code scripts/bench/make-half-open.py} writes, built here byte for byte alike), read in every
 * output mode by a forked JVM with {@code -Xmx24m} and {@code tcp.state_max_total} scaled down
 * to 2 MiB — the proportions of a million streams under {@code -Xmx256m} with the default cap.
 * Without the bound the streams' state needs about 40 MB and the run dies with
 * OutOfMemoryError; {@code scripts/bench/memory.sh} measures the full million.
 */
class HalfOpenMemoryTest {
  static final int STREAMS = 30_000;
  private static final byte[] REQUEST = ("GET /index.html HTTP/1.1\r\nHost: example.com\r\n"
      + "User-Agent: half-open/1.0\r\nAccept: */*\r\nX-Pad: ").getBytes(StandardCharsets.US_ASCII);

  @TempDir
  static Path dir;
  static Path capture;

  @BeforeAll
  static void writeCapture() throws IOException {
    capture = dir.resolve("half-open.pcap");
    try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(
        Files.newOutputStream(capture), 1 << 16))) {
      pcapHeader(out);
      long micros = 1_700_000_000_000_000L;
      for (int i = 0; i < STREAMS; i++) {
        byte[] src = {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i};
        int sport = 1024 + i % 60000;
        for (byte[] frame : List.of(frame(src, sport, 1000, 0x02, new byte[0]), frame(src, sport, 1001, 0x18, REQUEST))) {
          ByteBuffer rec = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
          rec.putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000)).putInt(frame.length)
              .putInt(frame.length);
          out.write(rec.array());
          out.write(frame);
          micros++;
        }
      }
    }
  }

  /** A little-endian pcap file header, microseconds, Ethernet. */
  static void pcapHeader(DataOutputStream out) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    header.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
    out.write(header.array());
  }

  /** Ethernet, IPv4 (checksum left zero) and TCP towards 192.0.2.1:80. */
  private static byte[] frame(byte[] src, int sport, long seq, int flags, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(14 + 20 + 20 + data.length);
    b.put(new byte[] {2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, 8, 0});
    b.put((byte) 0x45).put((byte) 0).putShort((short) (40 + data.length)).putShort((short) 0)
        .putShort((short) 0x4000).put((byte) 64).put((byte) 6).putShort((short) 0).put(src)
        .put(new byte[] {(byte) 192, 0, 2, 1});
    b.putShort((short) sport).putShort((short) 80).putInt((int) seq).putInt(0).put((byte) 0x50)
        .put((byte) flags).putShort((short) 65535).putInt(0);
    b.put(data);
    return b.array();
  }

  /**
   * Runs {@code read} in a JVM with a 24 MiB heap; {@code marker} is a regular expression a line
   * matches once per frame (or per displayed frame) of the output.
   */
  @ParameterizedTest(name = "read {0}")
  @CsvSource(delimiter = '|', value = {
      "''|^ *[0-9]+ +[0-9.]+ +10\\.|" + 2 * STREAMS,
      "-T fields -e frame.number -e tcp.stream -e tcp.len|^[0-9]+\t[0-9]+\t[0-9]+$|" + 2 * STREAMS,
      "-V|^Frame [0-9]+:|" + 2 * STREAMS,
      "-T json|\"_index\"|" + 2 * STREAMS,
      "-Y tcp.len>0|TCP segment of a reassembled PDU|" + STREAMS,
      "-2|^ *[0-9]+ +[0-9.]+ +10\\.|" + 2 * STREAMS})
  void completesInABoundedHeap(String options, String marker, int expected) throws Exception {
    String last = read(capture, "tcp.state_max_total:" + (2 << 20), options, marker, expected);
    if (options.startsWith("-T fields")) {
      assertEquals(2 * STREAMS + "\t" + (STREAMS - 1) + "\t92", last, "every stream numbered in order");
    }
  }

  /**
   * The same for UDP: {@value #QUERIES} DNS queries from as many source ports that get no answer
   * (a resolver's traffic), each a UDP conversation and a pending DNS transaction, with {@code
   * udp.state_max_total} scaled down to 1 MiB. Without the bound they need some 35 MB.
   */
  @ParameterizedTest(name = "read {0}")
  @CsvSource(delimiter = '|', value = {
      "''|^ *[0-9]+ +[0-9.]+ +10\\.|" + QUERIES,
      "-T fields -e frame.number -e udp.stream -e dns.qry.name|^[0-9]+\t[0-9]+\thost[0-9]+\\.example\\.com$|" + QUERIES,
      "-T json|\"_index\"|" + QUERIES})
  void dnsQueriesCompleteInABoundedHeap(String options, String marker, int expected) throws Exception {
    String last = read(dnsCapture, "udp.state_max_total:" + (1 << 20), options, marker, expected);
    if (options.startsWith("-T fields")) {
      assertEquals(QUERIES + "\t" + (QUERIES - 1) + "\thost" + (QUERIES - 1) + ".example.com", last,
          "every conversation numbered in order");
    }
  }

  static final int QUERIES = 100_000;
  static Path dnsCapture;

  @BeforeAll
  static void writeDnsCapture() throws IOException {
    dnsCapture = dir.resolve("dns-queries.pcap");
    try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(
        Files.newOutputStream(dnsCapture), 1 << 16))) {
      pcapHeader(out);
      for (int i = 0; i < QUERIES; i++) {
        byte[] name = ("host" + i).getBytes(StandardCharsets.US_ASCII);
        ByteBuffer dns = ByteBuffer.allocate(12 + 1 + name.length + 13 + 4);
        dns.putShort((short) i).putShort((short) 0x0100).putShort((short) 1).putShort((short) 0).putInt(0);
        dns.put((byte) name.length).put(name).put((byte) 7).put("example".getBytes(StandardCharsets.US_ASCII))
            .put((byte) 3).put("com".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).putShort((short) 1)
            .putShort((short) 1);
        int sport = 1024 + i % 60000;
        ByteBuffer b = ByteBuffer.allocate(14 + 20 + 8 + dns.capacity());
        b.put(new byte[] {2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, 8, 0});
        b.put((byte) 0x45).put((byte) 0).putShort((short) (28 + dns.capacity())).putShort((short) 0)
            .putShort((short) 0x4000).put((byte) 64).put((byte) 17).putShort((short) 0)
            .put(new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i}).put(new byte[] {(byte) 192, 0, 2, 1});
        b.putShort((short) sport).putShort((short) 53).putShort((short) (8 + dns.capacity())).putShort((short) 0);
        b.put(dns.array());
        ByteBuffer rec = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        rec.putInt(1_700_000_000 + i / 1_000_000).putInt(i % 1_000_000).putInt(b.capacity()).putInt(b.capacity());
        out.write(rec.array());
        out.write(b.array());
      }
    }
  }

  /** Runs read over {@code file} with preference {@code pref}; returns the last line {@code marker} matched. */
  private static String read(Path file, String pref, String options, String marker, int expected) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx24m", "-cp", System.getProperty("java.class.path"), "io.netsift.cli.Main", "read",
        file.toString(), "-o", pref));
    if (!options.isEmpty()) {
      cmd.addAll(Arrays.asList(options.split(" ")));
    }
    Path err = dir.resolve("stderr.txt");
    Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
    java.util.regex.Pattern line = java.util.regex.Pattern.compile(marker);
    int count = 0;
    String last = null;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String s; (s = r.readLine()) != null; ) {
        if (line.matcher(s).find()) {
          count++;
          last = s;
        }
      }
    }
    assertEquals(true, p.waitFor(5, TimeUnit.MINUTES));
    String stderr = Files.readString(err);
    assertFalse(stderr.contains("OutOfMemoryError"), stderr);
    assertEquals(0, p.exitValue(), stderr);
    assertEquals(expected, count, "frames in the output; last: " + last);
    return last;
  }
}

package io.netsift.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.FileCapture;
import io.netsift.core.Packet;
import io.netsift.core.capture.CaptureWriter;
import io.netsift.core.capture.CaptureWriters;
import io.netsift.core.capture.Frame;
import io.netsift.core.capture.LinkType;
import io.netsift.core.filter.Filter;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live capture on {@code lo} of traffic the test sends itself to 127.0.0.1: exact counts through
 * BPF filters on ports nobody else uses, display filters narrowing them, the pcapng written read
 * back by netsift and by tshark. Needs libpcap and root (or CAP_NET_RAW); skipped otherwise.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LiveCaptureLoTest {
  /** How long to keep listening after the expected packets, to be sure no extra one comes. */
  private static final Duration QUIET = Duration.ofMillis(400);

  @BeforeAll
  static void needCapture() {
    Optional<String> why = LoTraffic.whyNoCapture();
    Assumptions.assumeTrue(why.isEmpty(), () -> "live capture on lo not possible here: " + why.get());
  }

  @Test
  void udpDatagramsCountedExactlyThroughBpf() throws Exception {
    int port = LoTraffic.freeUdpPort();
    try (LiveCapture cap = LiveCapture.on("lo").bpfFilter("udp dst port " + port).start()) {
      LoTraffic.udp(port, 25, "netsift live test");
      List<Packet> got = cap.sniff(25, Duration.ofSeconds(10));
      assertEquals(25, got.size());
      assertTrue(cap.sniff(QUIET).isEmpty(), "no packet beyond the 25 sent");
      for (Packet p : got) {
        assertEquals(Integer.toString(port), p.get("udp.dstport"));
        assertEquals("127.0.0.1", p.get("ip.dst"));
        assertEquals(LinkType.ETHERNET, p.linkType());
      }
      assertEquals(List.of(1L, 2L, 25L), List.of(got.get(0).number(), got.get(1).number(), got.get(24).number()));
      CaptureStats s = cap.stats();
      assertEquals(25, s.captured());
      assertEquals(0, s.dropped());
    }
  }

  @Test
  void udpTcpAndDnsThroughBpfThenDisplayFilters() throws Exception {
    int udpPort = LoTraffic.freeUdpPort();
    try (ServerSocket echo = LoTraffic.echoServer(); DatagramSocket dns = new DatagramSocket(0, LoTraffic.LOCALHOST)) {
      int tcpPort = echo.getLocalPort();
      int dnsPort = dns.getLocalPort();
      // Exact on purpose: the datagrams to udpPort, the queries from dnsPort to 53 (answers, if a
      // server happens to listen, go the other way) and the two SYNs of the TCP handshake.
      String bpf = "(udp and (dst port " + udpPort + " or (src port " + dnsPort + " and dst port 53)))"
          + " or (tcp port " + tcpPort + " and tcp[tcpflags] & tcp-syn != 0)";
      try (LiveCapture all = LiveCapture.on("lo").bpfFilter(bpf).start();
          LiveCapture queries = LiveCapture.on("lo").bpfFilter(bpf).displayFilter("udp.dstport == 53").start();
          LiveCapture named = LiveCapture.on("lo").bpfFilter(bpf)
              .displayFilter(d -> new String(d.data(), d.frameStart(), d.capturedLength(), StandardCharsets.ISO_8859_1)
                  .contains("\u0001a\u0007netsift")).start()) {
        LoTraffic.udp(udpPort, 10, "plain datagram");
        LoTraffic.dnsQueries(dns, "a.netsift.test", "b.netsift.test", "a.netsift.test", "c.netsift.test",
            "a.netsift.test", "a.netsift.test");
        assertEquals("hello\n", LoTraffic.tcpExchange(tcpPort, "hello\n"));

        List<Packet> got = all.sniff(18, Duration.ofSeconds(10));
        assertEquals(18, got.size(), () -> "got " + summaries(got));
        assertTrue(all.sniff(QUIET).isEmpty());
        assertEquals(10, count(got, "udp.dstport == " + udpPort));
        assertEquals(6, count(got, "udp.dstport == 53 && udp.srcport == " + dnsPort));
        assertEquals(1, count(got, "tcp.flags.syn == 1 && tcp.flags.ack == 0"));
        assertEquals(1, count(got, "tcp.flags.syn == 1 && tcp.flags.ack == 1"));

        List<Packet> dnsOnly = queries.sniff(6, Duration.ofSeconds(10));
        assertEquals(6, dnsOnly.size());
        assertTrue(queries.sniff(QUIET).isEmpty(), "the display filter drops the rest");
        for (Packet p : dnsOnly) {
          assertEquals("53", p.get("udp.dstport"));
        }
        // Display numbering counts every captured frame, as tshark's frame.number does.
        assertEquals(11, dnsOnly.get(0).number());

        assertEquals(4, named.sniff(4, Duration.ofSeconds(10)).size());
        assertTrue(named.sniff(QUIET).isEmpty());
      }
    }
  }

  @Test
  void sniffContinuouslyEndsWhenClosedFromAnotherThread() throws Exception {
    int port = LoTraffic.freeUdpPort();
    LiveCapture cap = LiveCapture.on("lo").bpfFilter("udp dst port " + port).start();
    LoTraffic.udp(port, 3, "x");
    AtomicInteger seen = new AtomicInteger();
    Thread closer = new Thread(() -> {
      try {
        while (seen.get() < 3) {
          Thread.sleep(10);
        }
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
      cap.close();
    });
    closer.start();
    long n = cap.sniffContinuously().peek(p -> seen.incrementAndGet()).count();
    closer.join();
    assertEquals(3, n);
    assertTrue(cap.isClosed());
    assertFalse(cap.iterator().hasNext(), "a closed capture iterates nothing");
    assertTrue(cap.sniff(Duration.ofMillis(10)).isEmpty(), "a closed capture yields nothing");
  }

  @Test
  void iteratorAndApplyOnPacketsWithTimeout() throws Exception {
    int port = LoTraffic.freeUdpPort();
    try (LiveCapture cap = LiveCapture.on("lo").bpfFilter("udp dst port " + port)) {
      cap.start();
      LoTraffic.udp(port, 4, "iter");
      Iterator<Packet> it = cap.iterator();
      assertTrue(it.hasNext());
      assertEquals(1, it.next().number());
      assertEquals(2, cap.sniffContinuously(2).count());
      List<Long> numbers = new ArrayList<>();
      TimeoutException e = assertThrows(TimeoutException.class,
          () -> cap.applyOnPackets(p -> numbers.add(p.number()), Duration.ofMillis(500)));
      assertEquals(List.of(4L), numbers);
      assertTrue(e.getMessage().contains("4 packets captured"), e.getMessage());
      assertThrows(IllegalStateException.class, () -> cap.bpfFilter("udp"), "options are fixed once started");
    }
  }

  @Test
  void severalInterfacesAtOnce() throws Exception {
    int port = LoTraffic.freeUdpPort();
    try (LiveCapture cap = LiveCapture.on("lo", "any").bpfFilter("udp dst port " + port).start()) {
      assertEquals(List.of("lo", "any"), cap.interfaces());
      LoTraffic.udp(port, 5, "both");
      List<Packet> got = cap.sniff(10, Duration.ofSeconds(10));
      assertTrue(cap.sniff(QUIET).isEmpty());
      assertEquals(10, got.size(), () -> summaries(got));
      List<Packet> lo = got.stream().filter(p -> p.interfaceId() == 0).collect(Collectors.toList());
      List<Packet> any = got.stream().filter(p -> p.interfaceId() == 1).collect(Collectors.toList());
      assertEquals(5, lo.size());
      assertEquals(5, any.size());
      assertEquals(LinkType.ETHERNET, lo.get(0).linkType());
      assertTrue(any.get(0).linkType() == LinkType.LINUX_SLL || any.get(0).linkType() == LinkType.LINUX_SLL2);
      for (Packet p : got) {
        assertEquals(Integer.toString(port), p.get("udp.dstport"));
      }
    }
  }

  @Test
  void writtenPcapngReadsBackWithNetsiftAndTshark(@TempDir Path dir) throws Exception {
    int port = LoTraffic.freeUdpPort();
    Path file = dir.resolve("lo.pcapng");
    try (LiveSource src = LiveSource.builder("lo").bpfFilter("udp dst port " + port).open();
        CaptureWriter out = CaptureWriters.open(file, "pcapng", 262144)) {
      LoTraffic.udp(port, 12, "written to pcapng");
      Frame f = new Frame();
      int n = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (n < 12 && System.nanoTime() < deadline) {
        if (src.next(f, TimeUnit.MILLISECONDS.toNanos(100)) == 1) {
          assertEquals(9, f.timestampDigits, "nanosecond timestamps from libpcap");
          out.write(f);
          n++;
        }
      }
      assertEquals(12, n);
    }
    try (FileCapture cap = FileCapture.open(file)) {
      assertEquals("pcapng", cap.format());
      assertEquals(12, cap.size());
      for (Packet p : cap) {
        assertEquals(Integer.toString(port), p.get("udp.dstport"));
        assertEquals("written to pcapng", new String(p.rawBytes(), 42, 17, StandardCharsets.US_ASCII));
      }
    }
    Optional<String> tshark = LoTraffic.tshark();
    Assumptions.assumeTrue(tshark.isPresent(), "tshark not installed: the netsift read-back was checked, tshark's is skipped");
    Process p = new ProcessBuilder(tshark.get(), "-n", "-r", file.toString(), "-T", "fields", "-e", "udp.dstport")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor());
    List<String> lines = out.lines().collect(Collectors.toList());
    assertEquals(12, lines.size(), out);
    assertTrue(lines.stream().allMatch(l -> l.equals(Integer.toString(port))), out);
  }

  @Test
  void displayFilterErrorsAreTsharks() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LiveCapture.on("lo").displayFilter("udp.port =="));
    assertTrue(e.getMessage().contains("Unexpected end of filter expression"), e.getMessage());
  }

  private static long count(List<Packet> packets, String filter) throws Exception {
    Filter f = Filter.compile(filter);
    return packets.stream().filter(f::matches).count();
  }

  private static String summaries(List<Packet> packets) {
    return packets.stream().map(Packet::toString).collect(Collectors.joining("\n", "\n", ""));
  }
}

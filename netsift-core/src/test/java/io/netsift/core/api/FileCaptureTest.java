package io.netsift.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.FileCapture;
import io.netsift.core.Layer;
import io.netsift.core.Packet;
import io.netsift.core.Packets;
import io.netsift.core.capture.CaptureFormatException;
import io.netsift.core.capture.LinkType;
import io.netsift.core.field.FieldValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pyshark-shaped API over the project's own samples. */
class FileCaptureTest {
  static Path sample(String name) {
    return Path.of(System.getProperty("netsift.root", "..")).resolve("samples").resolve(name);
  }

  @TempDir Path tmp;

  @Test
  void iterateIndexAndLayers() throws IOException {
    try (FileCapture cap = FileCapture.open(sample("dns.pcap"))) {
      Packet first = cap.get(0);
      assertEquals(1, first.number());
      assertTrue(first.has("ip"));
      assertTrue(first.has("udp"));
      Layer ip = first.layer("ip");
      assertEquals("ip", ip.name());
      assertEquals(first.get("ip.src"), ip.get("src"));
      assertEquals(ip.get("src"), ip.get("ip.src"));
      assertEquals("udp", first.transportLayer().name());
      assertTrue(ip.fieldNames().contains("ip.ttl"));
      assertEquals(InetAddress.getByName(first.get("ip.src")), ip.value("src").asInetAddress());
      assertEquals(17, ip.value("proto").asLong());
      assertTrue(ip.showname("proto").startsWith("Protocol: UDP (17)"), ip.showname("proto"));
      assertEquals(2, first.getAll("ip.addr").size());
      assertEquals(first.length(), first.capturedLength());
      assertEquals(first.rawBytes().length, first.capturedLength());
      assertTrue(first.prettyPrint().startsWith("Frame 1: "));
      assertTrue(first.summary().line().startsWith("    1 "));
      int n = 0;
      for (Packet p : cap) {
        n++;
        assertEquals(n, p.number());
      }
      assertEquals(n, cap.size());
      assertEquals(cap.get(n - 1).number(), n);
      assertThrows(IndexOutOfBoundsException.class, () -> cap.get(10_000));
    }
  }

  @Test
  void quotedHeadersOfIcmpErrorsAreFurtherLayers() throws IOException {
    try (FileCapture cap = FileCapture.open(sample("ping.pcap"))) {
      Packet unreachable = null;
      for (Packet p : cap) {
        if (p.has("icmp") && "3".equals(p.get("icmp.type"))) {
          unreachable = p;
        }
      }
      assertNotNull(unreachable, "the sample has an ICMP port unreachable");
      assertEquals(2, unreachable.layers("ip").size(), "outer and quoted IP header");
      assertEquals(4, unreachable.getAll("ip.addr").size());
      // tshark: eth:ethertype:ip:icmp:ip:udp:data (the quoted UDP payload is data)
      assertEquals("udp", unreachable.layers().get(unreachable.layers().size() - 2).name());
      assertEquals("data", unreachable.highestLayer().name());
    }
  }

  @Test
  void streamingKeepsNothingAndIteratesOnce() throws IOException {
    try (FileCapture cap = FileCapture.builder(sample("http.pcapng")).keepPackets(false).open()) {
      AtomicInteger n = new AtomicInteger();
      cap.applyOnPackets(p -> n.incrementAndGet());
      assertTrue(n.get() > 50);
      assertThrows(IllegalStateException.class, () -> cap.get(0));
      assertThrows(IllegalStateException.class, cap::iterator);
    }
  }

  @Test
  void onlySummaries() throws IOException {
    try (FileCapture cap = FileCapture.builder(sample("dns.pcap")).onlySummaries().open()) {
      Packet p = cap.get(0);
      assertFalse(p.summary().protocol().isEmpty());
      assertThrows(IllegalStateException.class, p::layers);
    }
  }

  @Test
  void predicateFilter() throws IOException {
    try (FileCapture cap = FileCapture.builder(sample("dns.pcap")).displayFilter(p -> p.has("tcp")).open()) {
      List<Packet> got = new ArrayList<>();
      cap.forEach(got::add);
      assertFalse(got.isEmpty());
      assertTrue(got.stream().allMatch(p -> p.has("tcp")));
    }
  }

  @Test
  void applyOnPacketsTimesOut() throws IOException {
    try (FileCapture cap = FileCapture.open(sample("http.pcapng"))) {
      assertThrows(TimeoutException.class, () -> cap.applyOnPackets(p -> sleep(), Duration.ofMillis(20)));
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void damagedFileYieldsGoodPacketsThenTheOffset() throws IOException {
    byte[] all = Files.readAllBytes(sample("dns.pcap"));
    Path cut = tmp.resolve("cut.pcap");
    Files.write(cut, Arrays.copyOf(all, all.length - 7));
    int total;
    try (FileCapture cap = FileCapture.open(sample("dns.pcap"))) {
      total = cap.size();
    }
    try (FileCapture cap = FileCapture.open(cut)) {
      AtomicInteger n = new AtomicInteger();
      UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> cap.forEach(p -> n.incrementAndGet()));
      assertEquals(total - 1, n.get());
      assertTrue(e.getCause() instanceof CaptureFormatException);
      assertTrue(e.getMessage().contains("offset"), e.getMessage());
      assertNotNull(cap.failure());
    }
  }

  @Test
  void parseBytesInMemory() throws IOException {
    byte[] frame;
    try (FileCapture cap = FileCapture.open(sample("tcp-handshake.pcapng"))) {
      frame = cap.get(0).rawBytes();
    }
    Packet p = Packets.parse(frame, LinkType.ETHERNET);
    assertEquals("tcp", p.transportLayer().name());
    assertEquals("1", p.get("tcp.flags.syn"));
    FieldValue mss = p.layer("tcp").value("options.mss_val");
    assertNotNull(mss);
    assertTrue(mss.asLong() > 0);
    assertNull(p.get("no.such.field"));
  }
}

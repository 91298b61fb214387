package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.FileCapture;
import io.netsift.core.Packet;
import io.netsift.core.golden.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * IPv4 and IPv6 defragmentation against tshark 4.0.17 on two corpus captures; the expected
 * values were read with {@code TZ=UTC tshark -n -r FILE -T fields -e ...} (one pass) and
 * {@code tshark -2} (for the forward-pointing ip.reassembled_in).
 */
class IpDefragmenterTest {
  private static Path corpus(String name) {
    Assumptions.assumeTrue(Corpus.dir() != null, "corpus directory ../shared/corpus not found");
    Path p = Corpus.dir().resolve(name);
    Assumptions.assumeTrue(Files.exists(p), "corpus file " + name);
    return p;
  }

  @Test
  void ipv4DatagramIsDissectedOnTheFrameThatCompletesIt() throws IOException {
    try (FileCapture cap = FileCapture.open(corpus("pcapplusplus__ip-frag.pcap"))) {
      Packet first = cap.get(444); // frame 445
      assertEquals("eth:ethertype:ip:data", first.get("frame.protocols"));
      assertEquals("Fragmented IP protocol (proto=UDP 17, off=0, ID=1e97)", first.summary().info());
      Packet last = cap.get(449); // frame 450
      assertTrue(last.get("frame.protocols").startsWith("eth:ethertype:ip:udp"));
      assertEquals(List.of("445", "446", "447", "448", "449", "450"), last.getAll("ip.fragment"));
      assertEquals("6", last.get("ip.fragment.count"));
      assertEquals("8320", last.get("ip.reassembled.length"));
      assertEquals("8320", last.get("udp.length"));
      assertEquals(null, first.get("ip.reassembled_in"), "one pass: no forward pointer");
    }
  }

  @Test
  void twoPassesFillReassembledIn() throws IOException {
    try (FileCapture cap = FileCapture.builder(corpus("pcapplusplus__ip-frag.pcap")).twoPass().open()) {
      for (int n = 445; n <= 449; n++) {
        assertEquals("450", cap.get(n - 1).get("ip.reassembled_in"), "frame " + n);
      }
      assertEquals(null, cap.get(449).get("ip.reassembled_in"));
    }
  }

  @Test
  void ipv6FragmentsAreReassembled() throws IOException {
    try (FileCapture cap = FileCapture.open(corpus("pcapplusplus__ipv6-frag.pcap"))) {
      Packet p3 = cap.get(2);
      assertEquals("eth:ethertype:ipv6:ipv6.fraghdr:data", p3.get("frame.protocols"));
      Packet p6 = cap.get(5);
      assertEquals("eth:ethertype:ipv6:ipv6.fraghdr:udp:data", p6.get("frame.protocols"));
      assertEquals(List.of("3", "4", "5", "6"), p6.getAll("ipv6.fragment"));
      assertEquals("4", p6.get("ipv6.fragment.count"));
      assertEquals("5387", p6.get("ipv6.reassembled.length"));
      assertEquals("5387", p6.get("udp.length"));
    }
  }

  @Test
  void defragmentationCanBeTurnedOff() throws IOException {
    try (FileCapture cap = FileCapture.builder(corpus("pcapplusplus__ip-frag.pcap"))
        .preference("ip.defragment:FALSE").open()) {
      assertEquals("eth:ethertype:ip:data", cap.get(449).get("frame.protocols"));
    }
  }
}

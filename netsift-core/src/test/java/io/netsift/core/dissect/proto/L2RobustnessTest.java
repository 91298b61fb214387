package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.capture.CaptureReader;
import io.netsift.core.capture.CaptureReaders;
import io.netsift.core.capture.Frame;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.output.JsonFormat;
import io.netsift.core.output.SummaryFormat;
import io.netsift.core.output.TimeFormat;
import io.netsift.core.output.TreeFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every prefix of the frames of the l2 captures (MPLS, PPPoE, PPP and its control protocols,
 * Cisco HDLC, SLARP, NFLOG, netlink, IPoIB, LLDP, CDP, STP, IEEE 802.15.4 and ZigBee), cut by the snap length or short on
 * the wire, and the same frames with random bytes behind their first bytes, dissect and render
 * (tree, JSON, summary) without an exception.
 */
class L2RobustnessTest {
  private static final String[] FILES = {"crafted-eth.pcap", "crafted-ppp.pcap", "crafted-chdlc.pcap",
      "crafted-nflog.pcap", "tcpdump__LLDP_and_CDP.pcap", "tcpdump__HDLC.pcap", "zeek__pppoe.pcap",
      "pcapplusplus__MplsPackets.pcap", "zeek__nflog-http.pcap", "pcapplusplus__microsecs_big_endian.pcap",
      "tcpdump__ipoib.pcap", "tcpdump__802.1w_rapid_STP.pcap", "crafted-fddi.pcap", "crafted-arcnet.pcap",
      "crafted-arcnet-bsd.pcap", "scapy__zigbee-join-authenticate.pcap"};
  private static final int FRAMES_PER_FILE = 8;

  private record Sample(int linkType, byte[] bytes) {}

  private static List<Sample> samples() throws IOException {
    List<Sample> out = new ArrayList<>();
    for (String file : FILES) {
      Path p = L2Expectations.capture(file);
      if (p == null || !Files.exists(p)) {
        continue;
      }
      try (CaptureReader r = CaptureReaders.open(p)) {
        Frame f = new Frame();
        for (int n = 0; n < FRAMES_PER_FILE && r.next(f); n++) {
          out.add(new Sample(f.linkType, Arrays.copyOfRange(f.data, f.offset, f.offset + f.capturedLength)));
        }
      }
    }
    return out;
  }

  private static void render(int linkType, byte[] b, int captured, long original) {
    Frame f = new Frame();
    f.data = b;
    f.capturedLength = captured;
    f.originalLength = original;
    f.linkType = linkType;
    Dissection d = new DissectionEngine().dissect(f);
    StringBuilder sb = new StringBuilder(new TreeFormat().format(d));
    new JsonFormat().append(d, sb);
    sb.append(new SummaryFormat(TimeFormat.RELATIVE).line(d));
  }

  @Test
  void everyPrefixDissects() throws IOException {
    List<Sample> samples = samples();
    // The crafted captures are in the repository; the corpus ones add more where ../shared exists.
    assertTrue(samples.size() >= 8, "crafted captures present");
    for (Sample s : samples) {
      int limit = Math.min(s.bytes.length, 160);
      for (int n = 0; n <= limit; n++) {
        byte[] prefix = Arrays.copyOf(s.bytes, n);
        render(s.linkType, prefix, n, n);
        render(s.linkType, prefix, n, s.bytes.length);
      }
    }
  }

  @Test
  void randomBytesBehindHeaders() throws IOException {
    List<Sample> samples = samples();
    Random r = new Random(239);
    for (int i = 0; i < 4_000; i++) {
      Sample s = samples.get(r.nextInt(samples.size()));
      byte[] b = s.bytes.clone();
      if (b.length == 0) {
        continue;
      }
      int keep = r.nextInt(Math.min(b.length, 64));
      for (int k = keep; k < b.length; k++) {
        if (r.nextInt(4) == 0) {
          b[k] = (byte) r.nextInt(256);
        }
      }
      render(s.linkType, b, b.length, b.length + (i % 3 == 0 ? r.nextInt(64) : 0));
    }
  }
}

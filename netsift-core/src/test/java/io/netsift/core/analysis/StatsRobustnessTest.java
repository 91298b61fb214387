package io.netsift.core.analysis;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every statistics tap over damaged captures: frames cut short and a file cut mid-record. */
class StatsRobustnessTest {
  static final List<String> SPECS = List.of("io,phs", "conv,eth", "conv,ip", "conv,ipv6", "conv,tcp", "conv,udp",
      "endpoints,eth", "endpoints,tcp", "endpoints,udp", "io,stat,0.001,tcp,COUNT(tcp.len)tcp.len,AVG(tcp.len)tcp.len",
      "expert", "http,tree", "dns,tree");

  @TempDir Path tmp;

  @Test
  void truncatedCapturesReportWithoutThrowing() throws Exception {
    Path root = Path.of(System.getProperty("netsift.root", ".."));
    for (String sample : List.of("samples/http.pcapng", "samples/dns.pcap", "samples/apps.pcapng")) {
      byte[] all = Files.readAllBytes(root.resolve(sample));
      for (int cut : new int[] {all.length / 3, all.length / 2 + 7, all.length - 5}) {
        Path p = tmp.resolve("cut-" + cut + "-" + Path.of(sample).getFileName());
        Files.write(p, java.util.Arrays.copyOf(all, cut));
        for (String spec : SPECS) {
          String report = StatsGoldenTest.run(p, spec);
          // expert prints nothing when there are no notes; every other tap prints its frame.
          assertFalse(!spec.equals("expert") && report.isEmpty(), spec + " on " + p.getFileName());
        }
      }
    }
  }
}

package io.netsift.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Memory stays flat in a long capture: 200,000 packets on {@code lo} through the packet API in a
 * JVM limited to 64 MB of heap (keeping them would need several times that), with the heap after
 * a full GC at the end no bigger than at 10% (plus slack).
 */
class LiveCaptureMemoryTest {
  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void twoHundredThousandPacketsUnder64MegabytesOfHeap() throws Exception {
    Optional<String> why = LoTraffic.whyNoCapture();
    Assumptions.assumeTrue(why.isEmpty(), () -> "live capture on lo not possible here: " + why.get());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xmx64m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        LoFlood.class.getName(), "200000").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(200, TimeUnit.SECONDS), "the flood finishes");
    assertEquals(0, p.exitValue(), out);
    Matcher m = Pattern.compile("captured=(\\d+) dropped=(\\d+) heapEarlyKb=(\\d+) heapLateKb=(\\d+)").matcher(out);
    assertTrue(m.find(), out);
    assertEquals(200_000, Long.parseLong(m.group(1)), out);
    long early = Long.parseLong(m.group(3));
    long late = Long.parseLong(m.group(4));
    assertTrue(late < early + 4096, "heap grew from " + early + " kB to " + late + " kB: " + out);
    System.out.println("LoFlood: " + out.trim());
  }
}

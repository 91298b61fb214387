package io.netsift.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.netsift.core.capture.CaptureReader;
import io.netsift.core.capture.CaptureReaders;
import io.netsift.core.capture.CaptureWriter;
import io.netsift.core.capture.CaptureWriters;
import io.netsift.core.capture.Frame;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A 100,000-packet capture (samples/http.pcapng repeated by our own writer, each copy a second
 * later): indexing finishes, and pages stay fast with and without a filter. The timings are
 * printed; the bounds are generous so a busy machine does not fail them.
 */
class LargeCaptureTest {
  static final int PACKETS = 100_000;
  @TempDir Path tmp;

  static java.util.stream.Stream<String> kinds() {
    return TestDatabases.kinds();
  }

  static Path write(Path out) throws Exception {
    return write(out, PACKETS);
  }

  /** {@code packets} frames: samples/http.pcapng over and over, each copy a second later. */
  static Path write(Path out, int packets) throws Exception {
    List<Frame> frames = new ArrayList<>();
    try (CaptureReader r = CaptureReaders.open(TestServer.sample("http.pcapng"))) {
      Frame f = new Frame();
      while (r.next(f)) {
        frames.add(f.copy());
      }
    }
    try (CaptureWriter w = CaptureWriters.open(out, "pcapng", 0)) {
      for (int i = 0; i < packets; i++) {
        Frame f = frames.get(i % frames.size());
        long shift = (long) (i / frames.size()) * 1_000_000_000L;
        f.timestampNanos += shift;
        w.write(f);
        f.timestampNanos -= shift;
      }
    }
    return out;
  }

  private static long ms(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void hundredThousandPacketsStayResponsive(String kind) throws Exception {
    Path big = write(tmp.resolve("big.pcapng"));
    try (TestServer s = TestServer.start(tmp.resolve("data"), kind)) {
      long t0 = System.nanoTime();
      JsonNode c = s.uploadReady(big);
      long index = ms(t0);
      assertEquals("ready", c.get("state").asText());
      assertEquals(PACKETS, c.get("packets").asInt());
      String base = "/api/captures/" + c.get("id").asLong() + "/packets";

      t0 = System.nanoTime();
      JsonNode last = s.get(base + "?offset=" + (PACKETS - 100) + "&limit=100").json();
      long page = ms(t0);
      assertEquals(PACKETS - 99, last.get("rows").get(0).get("no").asInt());

      t0 = System.nanoTime();
      JsonNode sorted = s.get(base + "?offset=50000&limit=100&sort=-len").json();
      long sortedMs = ms(t0);
      assertEquals(100, sorted.get("rows").size());

      // SYNs: the copies repeat the same TCP streams, so only header fields are the same in each copy
      String expr = "tcp.flags.syn == 1";
      String filter = TestServer.enc(expr);
      t0 = System.nanoTime();
      JsonNode f1 = s.get(base + "?limit=100&filter=" + filter).json();
      long filterFirst = ms(t0);
      List<Long> inSample = CaptureApiTest.expected(TestServer.sample("http.pcapng"), expr);
      int sampleSize = CaptureApiTest.expected(TestServer.sample("http.pcapng"), null).size();
      int want = 0;
      for (int i = 0; i < PACKETS; i++) {
        if (inSample.contains((long) (i % sampleSize) + 1)) {
          want++;
        }
      }
      assertEquals(want, f1.get("total").asInt());

      t0 = System.nanoTime();
      JsonNode f2 = s.get(base + "?offset=1000&limit=100&sort=-no&filter=" + filter).json();
      long filterNext = ms(t0);
      assertEquals(f1.get("total"), f2.get("total"));

      t0 = System.nanoTime();
      JsonNode f3 = s.get(base + "?offset=1000&limit=100&sort=info&filter=" + filter).json();
      long filterSorted = ms(t0);
      assertEquals(100, f3.get("rows").size());

      System.out.printf("LargeCaptureTest[%s]: %d packets: index %d ms, last page %d ms, sorted page %d ms,"
          + " filtered first page %d ms (engine pass), next filtered page %d ms (cached), filtered+sorted page %d ms%n",
          kind, PACKETS, index, page, sortedMs, filterFirst, filterNext, filterSorted);
      assertTrue(page < 2000, "unfiltered page " + page + " ms");
      assertTrue(filterNext < 2000, "cached filtered page " + filterNext + " ms");
      assertTrue(filterFirst < 60_000, "first filtered page " + filterFirst + " ms");
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aStopWhileIndexingResumesAtTheNextStart(String kind) throws Exception {
    int n = 20_000;
    Path big = write(tmp.resolve("big.pcapng"), n);
    try (TestServer s = TestServer.start(tmp.resolve("data"), kind)) {
      TestServer.Response up = s.uploadRaw("big.pcapng", java.nio.file.Files.readAllBytes(big));
      assertEquals(201, up.status(), up.text());
      long id = up.json().get("id").asLong();
      s.restart(); // most likely mid-way through indexing
      JsonNode c = s.waitReady(id);
      assertEquals("ready", c.get("state").asText(), c.toString());
      assertEquals(n, c.get("packets").asInt());
      assertEquals(n, s.get("/api/captures/" + id + "/packets?limit=1").json().get("total").asInt());
      assertEquals(List.of(), toList(c.get("warnings")));
    }
  }

  private static List<String> toList(JsonNode arr) {
    List<String> out = new ArrayList<>();
    arr.forEach(n -> out.add(n.asText()));
    return out;
  }
}

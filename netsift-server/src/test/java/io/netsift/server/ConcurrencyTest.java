package io.netsift.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * 50 clients on loopback upload distinct captures and query lists, pages and filtered pages at
 * the same time, for a minute as issue 10 asks (15 s with {@code -Dnetsift.soak=short}, for quick
 * local runs): no answer is a 5xx, every
 * upload is listed afterwards with all its packets indexed.
 */
class ConcurrencyTest {
  @TempDir Path tmp;

  static java.util.stream.Stream<String> kinds() {
    return TestDatabases.kinds();
  }

  /** dns.pcap with the first packet's microseconds changed, so every variant has its own sha256. */
  static byte[] variant(byte[] pcap, int n) {
    byte[] b = pcap.clone();
    ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    if (bb.getInt(0) != 0xa1b2c3d4) {
      throw new IllegalStateException("expected a little-endian microsecond pcap");
    }
    bb.putInt(24 + 4, n % 1_000_000);
    return b;
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void fiftyClientsUploadingAndQuerying(String kind) throws Exception {
    Duration run = "short".equals(System.getProperty("netsift.soak")) ? Duration.ofSeconds(15) : Duration.ofSeconds(60);
    byte[] dns = Files.readAllBytes(TestServer.sample("dns.pcap"));
    int packets = CaptureApiTest.expected(TestServer.sample("dns.pcap"), null).size();
    try (TestServer s = TestServer.start(tmp, kind)) {
      int clients = 50;
      Map<Long, Integer> uploaded = new ConcurrentHashMap<>();
      ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
      AtomicLong requests = new AtomicLong();
      AtomicLong counter = new AtomicLong();
      long end = System.nanoTime() + run.toNanos();
      CountDownLatch done = new CountDownLatch(clients);
      List<Thread> threads = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        Thread t = new Thread(() -> {
          int mine = 0;
          int firstOfMine = 0;
          try {
            while (System.nanoTime() < end && failures.size() < 20) {
              // at most two new captures per client (indexing is sequential), then the same bytes again
              int n = (int) (mine < 2 ? counter.incrementAndGet() : firstOfMine);
              if (mine++ == 0) {
                firstOfMine = n;
              }
              TestServer.Response up = s.uploadRaw("c" + n + ".pcap", variant(dns, n));
              check(up, "upload", failures);
              if (up.status() == 201 || up.status() == 200) {
                uploaded.put(up.json().get("id").asLong(), n);
              }
              TestServer.Response list = s.get("/api/captures");
              check(list, "list", failures);
              for (Long id : List.copyOf(uploaded.keySet()).subList(0, Math.min(2, uploaded.size()))) {
                check(s.get("/api/captures/" + id), "capture", failures);
                check(s.get("/api/captures/" + id + "/packets?limit=5&sort=-len"), "page", failures);
                check(s.get("/api/captures/" + id + "/packets?filter=" + TestServer.enc("dns.flags.response == 1")), "filter", failures);
              }
              requests.addAndGet(2 + 3L * Math.min(2, uploaded.size()));
            }
          } catch (Throwable e) {
            failures.add(e.toString());
          } finally {
            done.countDown();
          }
        });
        t.start();
        threads.add(t);
      }
      assertTrue(done.await(run.toSeconds() + 120, java.util.concurrent.TimeUnit.SECONDS), "clients finished");
      assertEquals(List.of(), List.copyOf(failures));
      assertTrue(uploaded.size() >= clients, "each client uploaded at least once: " + uploaded.size());
      // nothing lost: every upload listed and fully indexed
      JsonNode list = s.get("/api/captures").json();
      assertEquals(uploaded.size(), list.size());
      for (long id : uploaded.keySet()) {
        JsonNode c = s.waitReady(id);
        assertEquals("ready", c.get("state").asText(), c.toString());
        assertEquals(packets, c.get("packets").asInt(), c.toString());
        assertEquals(packets, s.get("/api/captures/" + id + "/packets?limit=1").json().get("total").asInt());
      }
      System.out.printf("ConcurrencyTest[%s]: %d clients, %d s, %d uploads, ~%d requests, no 5xx%n", kind, clients,
          run.toSeconds(), uploaded.size(), requests.get() + uploaded.size());
    }
  }

  private static void check(TestServer.Response r, String what, ConcurrentLinkedQueue<String> failures) {
    if (r.status() >= 500) {
      failures.add(what + " answered " + r.status() + ": " + r.text());
    }
  }
}

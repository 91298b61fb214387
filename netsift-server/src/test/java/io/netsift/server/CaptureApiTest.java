package io.netsift.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.netsift.core.FileCapture;
import io.netsift.core.Packet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Upload, list, page, filter, delete and restart, on SQLite and PostgreSQL, with the samples. */
class CaptureApiTest {
  @TempDir Path tmp;

  static java.util.stream.Stream<String> kinds() {
    return TestDatabases.kinds();
  }

  /** Frame numbers the engine itself passes with {@code filter} (null: all). */
  static List<Long> expected(Path file, String filter) throws IOException {
    List<Long> out = new ArrayList<>();
    FileCapture.Builder b = FileCapture.builder(file).keepPackets(false);
    if (filter != null) {
      b.displayFilter(filter);
    }
    try (FileCapture cap = b.open()) {
      for (Packet p : cap) {
        out.add(p.number());
      }
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void uploadListPageFilterDeleteAndRestart(String kind) throws Exception {
    try (TestServer s = TestServer.start(tmp, kind)) {
      Path http = TestServer.sample("http.pcapng");
      TestServer.Response up = s.uploadMultipart("http.pcapng", http);
      assertEquals(201, up.status(), up.text());
      JsonNode created = up.json();
      assertEquals("http.pcapng", created.get("name").asText());
      assertEquals(64, created.get("sha256").asText().length());
      assertTrue(List.of("indexing", "ready").contains(created.get("state").asText()));
      long id = created.get("id").asLong();

      JsonNode ready = s.waitReady(id);
      List<Long> all = expected(http, null);
      assertEquals("ready", ready.get("state").asText());
      assertEquals(all.size(), ready.get("packets").asInt());
      assertEquals(100, ready.get("percent").asInt());
      assertEquals(Files.size(http), ready.get("size").asLong());
      assertEquals("[1]", ready.get("linkTypes").toString());
      assertTrue(ready.get("firstTime").asText().endsWith("Z"), ready.toString());

      // the same bytes again: 200 with the same capture
      TestServer.Response again = s.uploadRaw("other-name.pcapng", Files.readAllBytes(http));
      assertEquals(200, again.status(), again.text());
      assertEquals(id, again.json().get("id").asLong());

      JsonNode list = s.get("/api/captures").json();
      assertEquals(1, list.size());
      assertEquals(id, list.get(0).get("id").asLong());

      JsonNode page = s.get("/api/captures/" + id + "/packets?offset=10&limit=5").json();
      assertEquals(all.size(), page.get("total").asInt());
      assertEquals(5, page.get("rows").size());
      assertEquals(11, page.get("rows").get(0).get("no").asInt());
      JsonNode row = page.get("rows").get(0);
      for (String f : List.of("no", "time", "relTime", "src", "dst", "proto", "len", "info", "fg", "bg", "rule")) {
        assertTrue(row.has(f), f + " missing in " + row);
      }
      assertTrue(row.get("bg").asText().matches("#[0-9a-f]{6}"), row.toString());

      List<Long> httpOnly = expected(http, "http");
      JsonNode filtered = s.get("/api/captures/" + id + "/packets?limit=1000&filter=" + TestServer.enc("http")).json();
      assertEquals(httpOnly.size(), filtered.get("total").asInt());
      List<Long> got = new ArrayList<>();
      filtered.get("rows").forEach(r -> got.add(r.get("no").asLong()));
      assertEquals(httpOnly, got);

      JsonNode desc = s.get("/api/captures/" + id + "/packets?limit=3&sort=-no&filter=" + TestServer.enc("http")).json();
      assertEquals(httpOnly.get(httpOnly.size() - 1), desc.get("rows").get(0).get("no").asLong());

      JsonNode byLen = s.get("/api/captures/" + id + "/packets?limit=1000&sort=-len").json();
      long prev = Long.MAX_VALUE;
      for (JsonNode r : byLen.get("rows")) {
        assertTrue(r.get("len").asLong() <= prev, "sorted by -len");
        prev = r.get("len").asLong();
      }

      TestServer.Response bad = s.get("/api/captures/" + id + "/packets?filter=" + TestServer.enc("ip.src == "));
      assertEquals(400, bad.status());
      JsonNode err = bad.json();
      assertEquals(400, err.get("status").asInt());
      assertNotNull(err.get("title").asText());
      assertNotNull(err.get("type").asText());
      assertTrue(err.get("details").get("column").asInt() >= 1, err.toString());
      assertTrue(err.get("details").get("message").asText().length() > 0);

      assertEquals(400, s.get("/api/captures/" + id + "/packets?sort=color").status());
      assertEquals(400, s.get("/api/captures/" + id + "/packets?limit=-1").status());
      assertEquals(404, s.get("/api/captures/999999").status());
      assertEquals(404, s.get("/api/captures/abc").status());

      // restart: the capture and its index are still there
      s.restart();
      JsonNode after = s.get("/api/captures/" + id).json();
      assertEquals("ready", after.get("state").asText());
      assertEquals(all.size(), after.get("packets").asInt());
      assertEquals(all.size(), s.get("/api/captures/" + id + "/packets").json().get("total").asInt());

      assertEquals(204, s.delete("/api/captures/" + id).status());
      assertEquals(404, s.get("/api/captures/" + id).status());
      assertEquals(0, s.get("/api/captures").json().size());
      try (var files = Files.list(tmp.resolve("captures"))) {
        assertEquals(0, files.count(), "capture file removed");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void rejectsNonCapturesAndKeepsDamagedOnes(String kind) throws Exception {
    try (TestServer s = TestServer.start(tmp, kind)) {
      TestServer.Response r = s.uploadRaw("readme.txt", Files.readAllBytes(TestServer.ROOT.resolve("README.md")));
      assertEquals(422, r.status(), r.text());
      assertTrue(r.json().get("details").get("message").asText().contains("magic"), r.text());
      assertEquals(0, s.get("/api/captures").json().size());

      Path apps = TestServer.sample("apps.pcapng");
      byte[] whole = Files.readAllBytes(apps);
      byte[] cut = Arrays.copyOf(whole, whole.length / 2 + 3);
      Path cutFile = tmp.resolve("cut-copy.pcapng");
      Files.write(cutFile, cut);
      int good = 0;
      try (FileCapture cap = FileCapture.builder(cutFile).keepPackets(false).open()) {
        for (Packet p : cap) {
          good++;
        }
      } catch (java.io.UncheckedIOException damaged) {
        // expected: the good packets came first
      }
      assertTrue(good > 0 && good < expected(apps, null).size());
      TestServer.Response up = s.uploadRaw("cut.pcapng", cut);
      assertEquals(201, up.status(), up.text());
      JsonNode c = s.waitReady(up.json().get("id").asLong());
      assertEquals("ready", c.get("state").asText());
      assertEquals(good, c.get("packets").asInt());
      assertEquals(1, c.get("warnings").size(), c.toString());
      assertTrue(c.get("warnings").get(0).asText().contains("offset"), c.toString());
      try (var files = Files.list(tmp.resolve("tmp"))) {
        assertFalse(files.findAny().isPresent(), "no temporary upload left behind");
      }
    }
  }
}

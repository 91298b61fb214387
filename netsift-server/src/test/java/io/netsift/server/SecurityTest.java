package io.netsift.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Tokens, loopback default, upload limits and names or paths that try to leave the data directory. */
class SecurityTest {
  @TempDir Path tmp;

  static Stream<String> kinds() {
    return TestDatabases.kinds();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void tokenIsCheckedOnEveryApiCall(String kind) throws Exception {
    try (TestServer s = new TestServer(tmp, TestDatabases.fresh(kind), "s3cret-token", 0)) {
      List<String> paths = List.of("/api/captures", "/api/captures/1", "/api/captures/1/packets", "/api/fields?prefix=ip",
          "/api/openapi.json", "/api/captures/1/stats/phs", "/api/nosuchroute");
      for (String p : paths) {
        TestServer.Response none = s.send(HttpRequest.newBuilder(s.uri(p)).GET().build());
        assertEquals(401, none.status(), p);
        assertEquals(401, none.json().get("status").asInt());
        TestServer.Response wrong = s.send(HttpRequest.newBuilder(s.uri(p)).header("Authorization", "Bearer s3cret-tokeN").GET().build());
        assertEquals(401, wrong.status(), p);
        TestServer.Response basic = s.send(HttpRequest.newBuilder(s.uri(p)).header("Authorization", "s3cret-token").GET().build());
        assertEquals(401, basic.status(), p);
      }
      TestServer.Response upload = s.send(HttpRequest.newBuilder(s.uri("/api/captures?name=x"))
          .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(TestServer.sample("dns.pcap")))).build());
      assertEquals(401, upload.status());
      TestServer.Response authed = s.get("/api/captures");
      assertEquals(200, authed.status(), authed.text() + " " + authed.raw().request().headers().map());
      assertEquals(200, s.get("/api/openapi.json").status());
      assertEquals(0, s.get("/api/captures").json().size(), "the unauthorised upload stored nothing");
    }
  }

  @Test
  void nonLoopbackNeedsAToken() {
    ServerConfig open = new ServerConfig("0.0.0.0", 0, tmp, null, null, 0);
    assertFalse(open.loopback());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetsiftServer.start(open));
    assertTrue(e.getMessage().contains("token"), e.getMessage());
    ServerConfig generated = open.withDefaults();
    assertNotNull(generated.token());
    assertTrue(generated.token().length() >= 32);
    ServerConfig local = new ServerConfig(null, 0, tmp, null, null, 0);
    assertEquals("127.0.0.1", local.bind());
    assertTrue(local.loopback());
    assertEquals(null, local.withDefaults().token(), "loopback needs no token");
    assertEquals(500L << 20, ServerConfig.parseSize("500M"));
    assertThrows(IllegalArgumentException.class, () -> ServerConfig.parseSize("-1"));
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void namesAndIdsNeverBecomePaths(String kind) throws Exception {
    Path data = tmp.resolve("data");
    Path outside = tmp.resolve("outside.txt");
    Files.writeString(outside, "keep me");
    try (TestServer s = new TestServer(data, TestDatabases.fresh(kind), null, 0)) {
      byte[] dns = Files.readAllBytes(TestServer.sample("dns.pcap"));
      String[] names = {"../../outside.txt", "/etc/passwd", outside.toString(), "a\u0000b.pcap", "x".repeat(5000) + ".pcap",
          "..", "C:\\Windows\\evil.pcap"};
      long firstId = -1;
      for (String n : names) {
        TestServer.Response r = s.uploadRaw(n, dns);
        assertTrue(r.status() == 201 || r.status() == 200, n + ": " + r.text());
        JsonNode c = r.json();
        if (firstId < 0) {
          firstId = c.get("id").asLong();
        }
        assertEquals(firstId, c.get("id").asLong(), "same bytes, same capture whatever the name");
      }
      JsonNode c = s.waitReady(firstId);
      assertEquals("../../outside.txt", c.get("name").asText(), "the name is only a label");
      assertEquals("keep me", Files.readString(outside));
      // multipart file names too
      Path other = TestServer.sample("ping.pcap");
      TestServer.Response nul = s.uploadMultipart("evil\u0000.pcap", other);
      assertEquals(400, nul.status(), "a NUL in a multipart header is a bad request: " + nul.text());
      TestServer.Response m = s.uploadMultipart("../../../tmp/evil.pcap", other);
      assertEquals(201, m.status(), m.text());
      long mid = m.json().get("id").asLong();
      JsonNode mc = s.waitReady(mid);
      assertFalse(mc.get("name").asText().contains("\u0000"));
      assertTrue(s.get("/api/captures").json().size() == 2);
      String longName = s.uploadMultipart("y".repeat(4000) + ".pcap", TestServer.sample("tcp-handshake.pcapng")).json().get("name").asText();
      assertTrue(longName.length() <= 255, "name cut to 255");
      // every file the server wrote is inside its data directory, named by hash
      try (Stream<Path> files = Files.walk(data)) {
        for (Path p : (Iterable<Path>) files::iterator) {
          assertTrue(p.toAbsolutePath().normalize().startsWith(data.toAbsolutePath().normalize()), p.toString());
          if (p.getParent().getFileName().toString().equals("captures")) {
            assertTrue(p.getFileName().toString().matches("[0-9a-f]{64}\\.cap"), p.toString());
          }
        }
      }
      try (Stream<Path> top = Files.list(tmp)) {
        assertEquals(List.of("data", "outside.txt"), top.map(p -> p.getFileName().toString()).sorted().toList());
      }
      // ids and numbers in paths are numbers or 404
      for (String p : List.of("/api/captures/..%2F..%2Foutside.txt", "/api/captures/" + firstId + "/packets/..%2F1",
          "/api/captures/%2Fetc%2Fpasswd/download", "/api/captures/" + firstId + "/objects/http/..%2F..",
          "/api/captures/-1", "/api/captures/" + firstId + "/streams/tcp/-1")) {
        int st = s.get(p).status();
        assertTrue(st == 404 || st == 400, p + " answered " + st);
      }
      // a delete removes only the capture's own file
      assertEquals(204, s.delete("/api/captures/" + mid).status());
      assertEquals("keep me", Files.readString(outside));
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void uploadsPastTheLimitAre413(String kind) throws Exception {
    try (TestServer s = new TestServer(tmp, TestDatabases.fresh(kind), null, 4096)) {
      Path big = TestServer.sample("apps.pcapng");
      assertTrue(Files.size(big) > 4096);
      TestServer.Response raw = s.uploadRaw("big.pcapng", Files.readAllBytes(big));
      assertEquals(413, raw.status(), raw.text());
      assertEquals(413, raw.json().get("status").asInt());
      TestServer.Response multi = s.uploadMultipart("big.pcapng", big);
      assertEquals(413, multi.status(), multi.text());
      // a chunked body (no Content-Length) is counted while it streams
      TestServer.Response chunked = s.send(s.request("/api/captures?name=big").POST(HttpRequest.BodyPublishers.ofInputStream(
          () -> {
            try {
              return Files.newInputStream(big);
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          })).build());
      assertEquals(413, chunked.status(), chunked.text());
      TestServer.Response small = s.uploadRaw("dns.pcap", Files.readAllBytes(TestServer.sample("dns.pcap")));
      assertTrue(Files.size(TestServer.sample("dns.pcap")) <= 4096);
      assertEquals(201, small.status(), small.text());
      assertEquals(1, s.get("/api/captures").json().size());
      try (Stream<Path> t = Files.list(tmp.resolve("tmp"))) {
        assertEquals(0, t.count(), "rejected uploads leave nothing behind");
      }
    }
  }
}

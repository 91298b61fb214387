package io.netsift.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.netsift.core.FileCapture;
import io.netsift.core.Packet;
import io.netsift.core.analysis.ExportObjectsTap;
import io.netsift.core.analysis.ExportedObject;
import io.netsift.core.analysis.FollowedStream;
import io.netsift.core.output.TreeFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Detail tree, follow, statistics, objects, download, fields and filter check over samples/http.pcapng. */
class AnalysisApiTest {
  @TempDir Path tmp;

  static java.util.stream.Stream<String> kinds() {
    return TestDatabases.kinds();
  }

  private static void labels(JsonNode nodes, int depth, StringBuilder out) {
    for (JsonNode n : nodes) {
      out.append("    ".repeat(depth)).append(n.get("label").asText()).append('\n');
      labels(n.get("children"), depth + 1, out);
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void everyAnalysisRouteOnARealCapture(String kind) throws Exception {
    Path http = TestServer.sample("http.pcapng");
    try (TestServer s = TestServer.start(tmp, kind)) {
      long id = s.uploadReady(http).get("id").asLong();
      String base = "/api/captures/" + id;

      // detail tree: the -V lines of the same packet, and each field's bytes where it says
      Packet p4;
      try (FileCapture fc = FileCapture.open(http)) {
        p4 = fc.get(3);
      }
      JsonNode detail = s.get(base + "/packets/4").json();
      assertEquals(4, detail.get("no").asInt());
      byte[] bytes = HexFormat.of().parseHex(detail.get("bytes").asText());
      assertArrayEquals(p4.rawBytes(), bytes);
      StringBuilder lines = new StringBuilder();
      labels(detail.get("tree"), 0, lines);
      assertEquals(new TreeFormat().format(p4.dissection()), lines.toString());
      List<String> layers = new ArrayList<>();
      detail.get("tree").forEach(n -> layers.add(n.get("name").asText()));
      assertEquals(List.of("frame", "eth", "ip", "tcp", "http"), layers);
      JsonNode src = find(detail.get("tree"), "ip.src");
      assertEquals("127.0.0.1", src.get("value").asText());
      assertEquals(4, src.get("len").asInt());
      int pos = src.get("pos").asInt();
      assertEquals("7f000001", HexFormat.of().formatHex(bytes, pos, pos + 4));
      assertEquals(404, s.get(base + "/packets/0").status());
      assertEquals(404, s.get(base + "/packets/100000").status());

      // follow TCP stream 0
      FollowedStream fs;
      try (FileCapture fc = FileCapture.builder(http).keepPackets(false).open()) {
        fs = fc.followTcp(0);
      }
      JsonNode follow = s.get(base + "/streams/tcp/0").json();
      assertEquals(fs.client().toString(), follow.get("client").asText());
      assertEquals(fs.server().toString(), follow.get("server").asText());
      assertEquals(fs.bytes(0).length, follow.get("clientBytes").asInt());
      assertEquals(fs.bytes(1).length, follow.get("serverBytes").asInt());
      String first = new String(Base64.getDecoder().decode(follow.get("segments").get(0).get("bytes").asText()),
          java.nio.charset.StandardCharsets.ISO_8859_1);
      assertTrue(first.startsWith("GET /"), first);
      assertEquals(0, follow.get("segments").get(0).get("dir").asInt());
      assertEquals(404, s.get(base + "/streams/tcp/9999").status());

      // statistics
      int total = CaptureApiTest.expected(http, null).size();
      JsonNode phs = s.get(base + "/stats/phs").json();
      assertEquals("frame", phs.get("name").asText());
      assertEquals(total, phs.get("frames").asInt());
      assertEquals("eth", phs.get("children").get(0).get("name").asText());
      assertEquals(total, phs.get("children").get(0).get("frames").asInt());

      Set<String> streams = new HashSet<>();
      try (FileCapture fc = FileCapture.builder(http).keepPackets(false).open()) {
        for (Packet p : fc) {
          if (p.has("tcp")) {
            streams.add(p.get("tcp.stream"));
          }
        }
      }
      JsonNode conv = s.get(base + "/stats/conv?type=tcp").json();
      assertEquals(streams.size(), conv.size());
      long frames = 0;
      for (JsonNode c : conv) {
        assertEquals(c.get("framesAB").asLong() + c.get("framesBA").asLong(), c.get("frames").asLong());
        frames += c.get("frames").asLong();
      }
      assertEquals(total, frames);
      assertEquals(400, s.get(base + "/stats/conv?type=bogus").status());

      JsonNode ep = s.get(base + "/stats/endpoints?type=ip").json();
      assertEquals(1, ep.size(), "only 127.0.0.1");
      assertEquals("127.0.0.1", ep.get(0).get("address").asText());

      int httpCount = CaptureApiTest.expected(http, "http").size();
      JsonNode io = s.get(base + "/stats/io?interval=0.01&filter=http").json();
      assertEquals(0.01, io.get("interval").asDouble(), 1e-9);
      assertEquals(2, io.get("series").size());
      assertEquals(total, sum(io.get("series").get(0).get("frames")));
      assertEquals("http", io.get("series").get(1).get("filter").asText());
      assertEquals(httpCount, sum(io.get("series").get(1).get("frames")));
      assertEquals(io.get("series").get(0).get("frames").size(), io.get("series").get(0).get("bytes").size());
      TestServer.Response badIo = s.get(base + "/stats/io?filter=" + TestServer.enc("tcp.port =="));
      assertEquals(400, badIo.status());
      assertTrue(badIo.json().get("details").has("column"));

      // HTTP objects: the bodies the core exports, byte for byte
      List<ExportedObject> objs;
      try (FileCapture fc = FileCapture.builder(http).keepPackets(false).open()) {
        objs = fc.exportObjects(ExportObjectsTap.Protocol.HTTP);
      }
      JsonNode list = s.get(base + "/objects/http").json();
      assertEquals(objs.size(), list.size());
      assertFalse(objs.isEmpty());
      for (int k = 0; k < objs.size(); k++) {
        assertEquals(objs.get(k).frame(), list.get(k).get("packet").asLong());
        TestServer.Response body = s.get(base + "/objects/http/" + k);
        assertEquals(200, body.status());
        assertArrayEquals(objs.get(k).data(), body.body());
        String cd = body.raw().headers().firstValue("Content-Disposition").orElse("");
        assertTrue(cd.startsWith("attachment; filename=\""), cd);
        assertFalse(list.get(k).get("filename").asText().contains("/"));
      }
      assertEquals(404, s.get(base + "/objects/http/" + objs.size()).status());

      // download the HTTP packets as pcapng and read them back
      TestServer.Response dl = s.get(base + "/download?filter=http");
      assertEquals(200, dl.status());
      Path back = tmp.resolve("back.pcapng");
      Files.write(back, dl.body());
      List<Long> got = CaptureApiTest.expected(back, null);
      assertEquals(httpCount, got.size());
      try (FileCapture fc = FileCapture.open(back)) {
        assertEquals("pcapng", fc.format());
        assertEquals(p4.length(), fc.get(0).length());
      }
      assertEquals(Files.size(http) > 0, s.get(base + "/download").body().length > 0);
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void fieldsAndFilterCheck(String kind) throws Exception {
    try (TestServer s = TestServer.start(tmp, kind)) {
      JsonNode f = s.get("/api/fields?prefix=ip.s&limit=20").json();
      assertTrue(f.size() > 0 && f.size() <= 20);
      Set<String> names = new HashSet<>();
      for (JsonNode n : f) {
        assertTrue(n.get("name").asText().startsWith("ip.s"), n.toString());
        assertTrue(n.has("type") && n.has("description"));
        names.add(n.get("name").asText());
      }
      assertTrue(names.contains("ip.src"), names.toString());

      JsonNode ok = s.postJson("/api/filter/check", "{\"filter\": \"tcp.port == 80 && http\"}").json();
      assertTrue(ok.get("ok").asBoolean());
      TestServer.Response badRes = s.postJson("/api/filter/check", "{\"filter\": \"tcp.port == && http\"}");
      assertEquals(200, badRes.status());
      JsonNode bad = badRes.json();
      assertFalse(bad.get("ok").asBoolean());
      assertEquals(13, bad.get("column").asInt(), bad.toString());
      assertTrue(bad.get("length").asInt() >= 1);
      assertTrue(bad.get("message").asText().length() > 0);
      JsonNode unknown = s.postJson("/api/filter/check", "{\"filter\": \"nosuch.field == 1\"}").json();
      assertFalse(unknown.get("ok").asBoolean());
      assertEquals(1, unknown.get("column").asInt());
      assertEquals(400, s.postJson("/api/filter/check", "not json").status());
    }
  }

  private static long sum(JsonNode arr) {
    long t = 0;
    for (JsonNode n : arr) {
      t += n.asLong();
    }
    return t;
  }

  private static JsonNode find(JsonNode nodes, String name) {
    for (JsonNode n : nodes) {
      if (n.get("name").asText().equals(name)) {
        return n;
      }
      JsonNode c = find(n.get("children"), name);
      if (c != null) {
        return c;
      }
    }
    return null;
  }
}

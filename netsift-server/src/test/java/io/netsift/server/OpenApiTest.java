package io.netsift.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI document names every route the server registers, and its references resolve. */
class OpenApiTest {
  @TempDir Path tmp;

  @Test
  void everyRouteIsDocumented() throws Exception {
    try (TestServer s = TestServer.start(tmp, "sqlite")) {
      TestServer.Response r = s.get("/api/openapi.json");
      assertEquals(200, r.status());
      JsonNode doc = r.json();
      assertTrue(doc.get("openapi").asText().startsWith("3."));
      JsonNode paths = doc.get("paths");
      List<String> routes = s.server.routes();
      assertTrue(routes.size() >= 17, routes.toString());
      List<String> missing = new ArrayList<>();
      for (String route : routes) {
        String[] mp = route.split(" ", 2);
        JsonNode p = paths.get(mp[1]);
        if (p == null || p.get(mp[0]) == null) {
          missing.add(route);
        }
      }
      assertEquals(List.of(), missing, "routes missing from openapi.json");
      // and nothing documented that the server does not serve
      paths.fieldNames().forEachRemaining(path -> paths.get(path).fieldNames().forEachRemaining(m -> {
        if (!m.equals("parameters")) {
          assertTrue(routes.contains(m + " " + path), m + " " + path + " documented but not served");
        }
      }));
      // the web UI's files are served at / when the module holds them (src/main/resources/web)
      if (NetsiftServer.class.getResource("/web/index.html") != null) {
        TestServer.Response index = s.get("/");
        assertEquals(200, index.status());
        assertTrue(index.raw().headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
      }
      assertEquals(404, s.get("/no-such-file.js").status());
      List<String> refs = new ArrayList<>();
      collectRefs(doc, refs);
      assertFalse(refs.isEmpty());
      for (String ref : refs) {
        assertTrue(ref.startsWith("#/components/schemas/"), ref);
        assertNotNull(doc.get("components").get("schemas").get(ref.substring("#/components/schemas/".length())), ref);
      }
    }
  }

  private static void collectRefs(JsonNode n, List<String> out) {
    if (n.isObject()) {
      n.fields().forEachRemaining(e -> {
        if (e.getKey().equals("$ref")) {
          out.add(e.getValue().asText());
        } else {
          collectRefs(e.getValue(), out);
        }
      });
    } else if (n.isArray()) {
      n.forEach(c -> collectRefs(c, out));
    }
  }
}

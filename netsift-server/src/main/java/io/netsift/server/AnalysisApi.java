package io.netsift.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldRegistry;
import io.netsift.core.filter.Filter;
import io.netsift.core.filter.FilterException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routes that run the engine over a capture file (detail tree, follow, statistics, objects,
 * download) and the ones that need no capture (field names, filter check).
 */
final class AnalysisApi {
  private final CaptureRepository repo;
  private final CaptureStore store;
  private final PacketQuery packets;

  AnalysisApi(CaptureRepository repo, CaptureStore store, PacketQuery packets) {
    this.repo = repo;
    this.store = store;
    this.packets = packets;
  }

  void routes(RoutesConfig r) {
    r.get("/api/fields", this::fields);
    r.post("/api/filter/check", this::check);
  }

  private void fields(Context ctx) {
    String prefix = ctx.queryParam("prefix") == null ? "" : ctx.queryParam("prefix");
    int limit = (int) CaptureApi.longParam(ctx, "limit", 20, 1, 100_000);
    List<Map<String, Object>> out = new ArrayList<>();
    List<Field> all = new ArrayList<>(FieldRegistry.standard().all());
    all.sort(java.util.Comparator.comparing(Field::name));
    String last = null;
    for (Field f : all) {
      if (!f.name().startsWith(prefix) || f.name().equals(last)) {
        continue;
      }
      last = f.name();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", f.name());
      m.put("type", f.type().tsharkName());
      m.put("description", f.label());
      out.add(m);
      if (out.size() == limit) {
        break;
      }
    }
    ctx.json(out);
  }

  private void check(Context ctx) {
    Map<?, ?> body;
    try {
      body = ctx.bodyAsClass(Map.class);
    } catch (RuntimeException e) {
      throw ApiException.badRequest("body must be JSON {\"filter\": \"...\"}");
    }
    Object f = body == null ? null : body.get("filter");
    if (!(f instanceof String)) {
      throw ApiException.badRequest("body must be JSON {\"filter\": \"...\"}");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    try {
      Filter.compile((String) f);
      out.put("ok", true);
    } catch (FilterException e) {
      out.put("ok", false);
      out.putAll(PacketQuery.filterError(e));
    }
    ctx.json(out);
  }
}

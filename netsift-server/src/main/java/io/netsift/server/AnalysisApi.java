package io.netsift.server;

import io.javalin.http.Context;
import io.netsift.core.FileCapture;
import io.netsift.core.Packet;
import io.netsift.core.analysis.Endpoints;
import io.netsift.core.analysis.ExportNames;
import io.netsift.core.analysis.ExportObjectsTap;
import io.netsift.core.analysis.ExportedObject;
import io.netsift.core.analysis.FollowedStream;
import io.netsift.core.analysis.IoStat;
import io.netsift.core.analysis.ProtocolHierarchy;
import io.netsift.core.analysis.Tap;
import io.netsift.core.capture.CaptureFormatException;
import io.netsift.core.capture.CaptureReader;
import io.netsift.core.capture.CaptureReaders;
import io.netsift.core.capture.CaptureWriter;
import io.netsift.core.capture.CaptureWriters;
import io.netsift.core.capture.Frame;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldRegistry;
import io.netsift.core.filter.Filter;
import io.netsift.core.filter.FilterException;
import io.netsift.core.output.NodeBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
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

  void routes(Routes r) {
    r.get("/api/fields", this::fields);
    r.post("/api/filter/check", this::check);
    r.get("/api/captures/{id}/packets/{no}", this::packet);
    r.get("/api/captures/{id}/streams/tcp/{k}", this::followTcp);
    r.get("/api/captures/{id}/stats/phs", this::phs);
    r.get("/api/captures/{id}/stats/conv", this::conversations);
    r.get("/api/captures/{id}/stats/endpoints", this::endpoints);
    r.get("/api/captures/{id}/stats/io", this::io);
    r.get("/api/captures/{id}/objects/http", this::objects);
    r.get("/api/captures/{id}/objects/http/{k}", this::object);
    r.get("/api/captures/{id}/download", this::download);
  }

  private Path file(CaptureRecord c) {
    return store.path(c.sha256());
  }

  private static long pathNumber(Context ctx, String name) {
    String s = ctx.pathParam(name);
    try {
      long v = Long.parseLong(s);
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw ApiException.notFound(name + " '" + s + "'");
    }
  }

  /** Runs {@code taps} over the whole file, as tshark -z does. */
  private void runTaps(CaptureRecord c, Tap... taps) throws IOException {
    try (FileCapture fc = FileCapture.builder(file(c)).keepPackets(false).open()) {
      fc.runTaps(taps);
    }
  }

  // ---- packet detail ----

  private void packet(Context ctx) throws IOException {
    CaptureRecord c = CaptureApi.capture(repo, ctx);
    long no = pathNumber(ctx, "no");
    Packet found = null;
    if (no >= 1) {
      try (FileCapture fc = FileCapture.builder(file(c)).keepPackets(false).open()) {
        // Packets before it are dissected too: TCP analysis and reassembly need their state.
        for (Packet p : fc) {
          if (p.number() == no) {
            found = p;
            break;
          }
        }
      } catch (java.io.UncheckedIOException damaged) {
        // the damage came before the packet asked for
      }
    }
    if (found == null) {
      throw ApiException.notFound("packet " + no + " of capture " + c.id());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("no", no);
    out.put("bytes", HexFormat.of().formatHex(found.rawBytes()));
    out.put("tree", nodes(NodeBuilder.build(found.dissection())));
    ctx.json(out);
  }

  private static List<Map<String, Object>> nodes(List<NodeBuilder.Node> in) {
    List<Map<String, Object>> out = new ArrayList<>(in.size());
    for (NodeBuilder.Node n : in) {
      if (n.hidden()) {
        continue;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", n.value == null ? "" : n.value.name());
      m.put("label", n.line());
      String value = null;
      int pos = 0;
      int len = 0;
      if (n.value != null) {
        pos = n.value.offset();
        len = n.value.length();
        value = n.value.text();
      }
      m.put("value", value);
      m.put("pos", pos);
      m.put("len", len);
      m.put("children", nodes(n.children));
      out.add(m);
    }
    return out;
  }

  // ---- follow ----

  private void followTcp(Context ctx) throws IOException {
    CaptureRecord c = CaptureApi.capture(repo, ctx);
    long k = pathNumber(ctx, "k");
    FollowedStream s;
    try (FileCapture fc = FileCapture.builder(file(c)).keepPackets(false).open()) {
      s = fc.followTcp(k);
    }
    if (s.chunks().isEmpty() && s.client().address().isEmpty()) {
      throw ApiException.notFound("tcp stream " + k + " of capture " + c.id());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("stream", k);
    out.put("client", s.client().toString());
    out.put("server", s.server().toString());
    List<Map<String, Object>> segs = new ArrayList<>();
    for (FollowedStream.Chunk ch : s.chunks()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("dir", ch.peer());
      m.put("frame", ch.frame());
      m.put("bytes", Base64.getEncoder().encodeToString(ch.data()));
      segs.add(m);
    }
    out.put("segments", segs);
    out.put("clientBytes", s.bytes(FollowedStream.CLIENT).length);
    out.put("serverBytes", s.bytes(FollowedStream.SERVER).length);
    ctx.json(out);
  }

  // ---- statistics ----

  private static String filterParam(Context ctx) {
    String f = ctx.queryParam("filter");
    if (f == null || f.isBlank()) {
      return null;
    }
    PacketQuery.compile(f); // 400 with the column
    return f;
  }

  private void phs(Context ctx) throws IOException {
    CaptureRecord c = CaptureApi.capture(repo, ctx);
    ProtocolHierarchy t = new ProtocolHierarchy(filterParam(ctx));
    runTaps(c, t);
    long frames = 0;
    long bytes = 0;
    for (ProtocolHierarchy.Node n : t.roots()) {
      frames += n.frames();
      bytes += n.bytes();
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("name", "frame");
    root.put("frames", frames);
    root.put("bytes", bytes);
    root.put("children", phsNodes(t.roots()));
    ctx.json(root);
  }

  private static List<Map<String, Object>> phsNodes(List<ProtocolHierarchy.Node> in) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ProtocolHierarchy.Node n : in) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", n.name());
      m.put("frames", n.frames());
      m.put("bytes", n.bytes());
      m.put("children", phsNodes(n.children()));
      out.add(m);
    }
    return out;
  }

  private static String kind(Context ctx) {
    String t = ctx.queryParam("type") == null ? "ip" : ctx.queryParam("type");
    if (!Indexer.CONVERSATION_KINDS.contains(t)) {
      throw ApiException.badRequest("type must be one of " + Indexer.CONVERSATION_KINDS + ", not '" + t + "'");
    }
    return t;
  }

  private void conversations(Context ctx) {
    CaptureRecord c = CaptureApi.capture(repo, ctx);
    String kind = kind(ctx);
    List<Map<String, Object>> out = new ArrayList<>();
    for (CaptureRepository.Conversation v : repo.conversations(c.id(), kind)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("a", v.a());
      m.put("b", v.b());
      m.put("portA", v.portA());
      m.put("portB", v.portB());
      m.put("framesAB", v.framesAB());
      m.put("bytesAB", v.bytesAB());
      m.put("framesBA", v.framesBA());
      m.put("bytesBA", v.bytesBA());
      m.put("frames", v.framesAB() + v.framesBA());
      m.put("bytes", v.bytesAB() + v.bytesBA());
      m.put("relStart", v.relStartNs() / 1e9);
      m.put("duration", v.durationNs() / 1e9);
      out.add(m);
    }
    ctx.json(out);
  }

  private void endpoints(Context ctx) throws IOException {
    CaptureRecord c = CaptureApi.capture(repo, ctx);
    Endpoints t = Endpoints.of(kind(ctx), filterParam(ctx));
    runTaps(c, t);
    List<Map<String, Object>> out = new ArrayList<>();
    for (Endpoints.Endpoint e : t.endpoints()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("address", e.address);
      m.put("port", e.port);
      m.put("frames", e.txFrames + e.rxFrames);
      m.put("bytes", e.txBytes + e.rxBytes);
      m.put("txFrames", e.txFrames);
      m.put("txBytes", e.txBytes);
      m.put("rxFrames", e.rxFrames);
      m.put("rxBytes", e.rxBytes);
      out.add(m);
    }
    ctx.json(out);
  }

  private void io(Context ctx) throws IOException {
    CaptureRecord c = CaptureApi.capture(repo, ctx);
    String interval = ctx.queryParam("interval") == null ? "1.0" : ctx.queryParam("interval");
    List<String> filters = new ArrayList<>();
    filters.add("");
    for (String f : ctx.queryParams("filter")) {
      if (!f.isBlank()) {
        PacketQuery.compile(f);
        filters.add(f);
      }
    }
    IoStat t;
    try {
      t = IoStat.of(interval, filters);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    if (t.intervalMicros() == Long.MAX_VALUE || t.intervalMicros() < 1000) {
      throw ApiException.badRequest("interval must be at least 0.001 seconds");
    }
    runTaps(c, t);
    long rows = t.rowCount();
    if (rows > 100_000) {
      throw ApiException.badRequest("interval " + interval + " gives " + rows + " rows (at most 100000): choose a longer one");
    }
    List<Map<String, Object>> series = new ArrayList<>();
    for (int i = 0; i < t.columns().size(); i++) {
      IoStat.Column col = t.columns().get(i);
      long[] frames = new long[(int) rows];
      long[] bytes = new long[(int) rows];
      for (int r = 0; r < rows; r++) {
        frames[r] = t.frames(col, r);
        bytes[r] = t.counter(col, r);
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("filter", filters.get(i));
      m.put("frames", frames);
      m.put("bytes", bytes);
      series.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("interval", t.intervalMicros() / 1e6);
    out.put("start", c.firstTime());
    out.put("series", series);
    ctx.json(out);
  }

  // ---- HTTP objects ----

  private List<ExportedObject> httpObjects(CaptureRecord c) throws IOException {
    try (FileCapture fc = FileCapture.builder(file(c)).keepPackets(false).open()) {
      return fc.exportObjects(ExportObjectsTap.Protocol.HTTP);
    }
  }

  private void objects(Context ctx) throws IOException {
    CaptureRecord c = CaptureApi.capture(repo, ctx);
    List<ExportedObject> objs = httpObjects(c);
    List<Map<String, Object>> out = new ArrayList<>();
    for (int k = 0; k < objs.size(); k++) {
      ExportedObject o = objs.get(k);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("k", k);
      m.put("packet", o.frame());
      m.put("hostname", o.hostname());
      m.put("contentType", o.contentType());
      m.put("size", o.size());
      m.put("filename", ExportNames.baseName(o.suggestedName(), o.frame(), o.contentType(), 255));
      out.add(m);
    }
    ctx.json(out);
  }

  private void object(Context ctx) throws IOException {
    CaptureRecord c = CaptureApi.capture(repo, ctx);
    long k = pathNumber(ctx, "k");
    List<ExportedObject> objs = httpObjects(c);
    if (k >= objs.size()) {
      throw ApiException.notFound("HTTP object " + k + " of capture " + c.id());
    }
    ExportedObject o = objs.get((int) k);
    String name = ExportNames.baseName(o.suggestedName(), o.frame(), o.contentType(), 255);
    ctx.header("Content-Disposition", attachment(name));
    ctx.contentType(o.contentType().isEmpty() ? "application/octet-stream" : o.contentType());
    ctx.result(o.data());
  }

  /** A Content-Disposition header: an ASCII fallback name plus the UTF-8 one (RFC 6266). */
  static String attachment(String name) {
    StringBuilder ascii = new StringBuilder();
    for (char ch : name.toCharArray()) {
      ascii.append(ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\' && ch != '/' ? ch : '_');
    }
    String utf8 = java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + utf8;
  }

  // ---- download ----

  private void download(Context ctx) throws IOException {
    CaptureRecord c = CaptureApi.capture(repo, ctx);
    String f = filterParam(ctx);
    Filter filter = f == null ? null : PacketQuery.compile(f);
    String base = c.name().replaceAll("\\.(pcapng|pcap|cap|gz)$", "");
    ctx.header("Content-Disposition", attachment(base + (f == null ? "" : "-filtered") + ".pcapng"));
    ctx.contentType("application/x-pcapng");
    OutputStream out = ctx.outputStream();
    try (CaptureReader r = CaptureReaders.open(file(c));
        CaptureWriter w = CaptureWriters.open(new NonClosing(out), "pcapng", 0)) {
      DissectionEngine engine = filter == null ? null : new DissectionEngine();
      Frame frame = new Frame();
      try {
        while (r.next(frame)) {
          if (engine != null) {
            Dissection d = engine.dissect(frame);
            if (!filter.matches(d)) {
              continue;
            }
            engine.markDisplayed(d);
          }
          w.write(frame);
        }
      } catch (CaptureFormatException damaged) {
        // the good packets are what the capture holds
      }
    }
  }

  /** Lets the writer finish its blocks without closing the response (Jetty closes it). */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
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
    } catch (Exception e) { // Jackson's parse errors are checked exceptions thrown through Kotlin
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

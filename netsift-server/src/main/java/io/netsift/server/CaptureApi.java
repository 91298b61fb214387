package io.netsift.server;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.netsift.core.capture.CaptureReader;
import io.netsift.core.capture.CaptureReaders;
import io.netsift.core.capture.Frame;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The capture routes: upload (multipart part {@code file} or a raw body with {@code ?name=}),
 * list, show, delete, and the packet list pages.
 */
final class CaptureApi {
  private static final int MAX_NAME = 255;
  private static final int MAX_LIMIT = 10_000;

  private final CaptureRepository repo;
  private final CaptureStore store;
  private final Indexer indexer;
  private final PacketQuery packets;

  CaptureApi(CaptureRepository repo, CaptureStore store, Indexer indexer, PacketQuery packets) {
    this.repo = repo;
    this.store = store;
    this.indexer = indexer;
    this.packets = packets;
  }

  void routes(Routes r) {
    r.post("/api/captures", this::upload);
    r.get("/api/captures", ctx -> ctx.json(repo.list()));
    r.get("/api/captures/{id}", ctx -> ctx.json(capture(ctx)));
    r.delete("/api/captures/{id}", this::delete);
    r.get("/api/captures/{id}/packets", this::page);
  }

  /** The capture named by the path's {@code {id}}, or 404. */
  CaptureRecord capture(Context ctx) {
    return capture(repo, ctx);
  }

  static CaptureRecord capture(CaptureRepository repo, Context ctx) {
    String s = ctx.pathParam("id");
    long id;
    try {
      id = Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw ApiException.notFound("capture '" + s + "'");
    }
    return repo.find(id).orElseThrow(() -> ApiException.notFound("capture " + id));
  }

  private void upload(Context ctx) throws IOException {
    long declared = ctx.req().getContentLengthLong();
    if (declared > store.maxUpload() + (1 << 20)) {
      throw tooLarge();
    }
    String name;
    CaptureStore.Received got;
    try {
      if (ctx.isMultipartFormData()) {
        UploadedFile f;
        try {
          f = ctx.uploadedFile("file");
        } catch (Exception e) { // Jetty's parse errors arrive as checked ServletExceptions
          if (isSizeLimit(e)) {
            throw tooLarge();
          }
          throw ApiException.badRequest("bad multipart body: " + e.getMessage());
        }
        if (f == null) {
          throw ApiException.badRequest("multipart upload needs the part 'file'");
        }
        name = f.filename();
        try (InputStream in = f.content()) {
          got = store.receive(in);
        }
      } else {
        name = ctx.queryParam("name");
        try (InputStream in = ctx.req().getInputStream()) {
          got = store.receive(in);
        }
      }
    } catch (CaptureStore.TooLargeException e) {
      throw tooLarge();
    }
    name = cleanName(name);
    try {
      String problem = notACapture(got);
      if (problem != null) {
        throw new ApiException(422, "not a capture file", Map.of("message", problem));
      }
      var existing = repo.findBySha(got.sha256());
      if (existing.isPresent()) {
        ctx.status(200).json(summary(existing.get()));
        return;
      }
      store.keep(got);
      long id;
      try {
        id = repo.insert(name, got.size(), got.sha256(), System.currentTimeMillis());
      } catch (RuntimeException race) {
        // the same bytes inserted by a concurrent upload: the unique sha256 decides
        var other = repo.findBySha(got.sha256());
        if (other.isPresent()) {
          ctx.status(200).json(summary(other.get()));
          return;
        }
        throw race;
      }
      indexer.submit(id);
      ctx.status(201).json(summary(repo.find(id).orElseThrow()));
    } finally {
      Files.deleteIfExists(got.temp());
    }
  }

  private ApiException tooLarge() {
    return new ApiException(413, "upload larger than " + store.maxUpload() + " bytes",
        Map.of("limit", store.maxUpload()));
  }

  private static boolean isSizeLimit(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
      if (m.contains("size") || m.contains("exceed") || m.contains("too large")) {
        return true;
      }
    }
    return false;
  }

  /** A display name only (never a path): no control characters, at most 255 characters. */
  static String cleanName(String name) {
    if (name == null || name.isBlank()) {
      return "upload";
    }
    StringBuilder sb = new StringBuilder();
    name.codePoints().filter(c -> c >= 0x20 && c != 0x7f).limit(MAX_NAME).forEach(sb::appendCodePoint);
    String s = sb.toString().strip();
    return s.isEmpty() ? "upload" : s;
  }

  /** The reader's complaint when the file has no readable packet, or null for a capture. */
  private static String notACapture(CaptureStore.Received got) {
    try (CaptureReader r = CaptureReaders.open(got.temp())) {
      r.next(new Frame());
      return null;
    } catch (IOException | RuntimeException e) {
      return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
  }

  private static Map<String, Object> summary(CaptureRecord c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id());
    m.put("name", c.name());
    m.put("sha256", c.sha256());
    m.put("state", c.state());
    return m;
  }

  private void delete(Context ctx) throws IOException {
    CaptureRecord c = capture(ctx);
    repo.delete(c.id());
    packets.forget(c.id());
    store.delete(c.sha256());
    ctx.status(204);
  }

  private void page(Context ctx) throws IOException {
    CaptureRecord c = capture(ctx);
    long offset = longParam(ctx, "offset", 0, 0, Long.MAX_VALUE);
    int limit = (int) longParam(ctx, "limit", 100, 1, MAX_LIMIT);
    ctx.json(packets.page(c, ctx.queryParam("filter"), ctx.queryParam("sort"), offset, limit));
  }

  static long longParam(Context ctx, String name, long dflt, long min, long max) {
    String s = ctx.queryParam(name);
    if (s == null || s.isEmpty()) {
      return dflt;
    }
    try {
      long v = Long.parseLong(s);
      if (v < min || v > max) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("query parameter " + name + "='" + s + "' is not a number in " + min + ".." + max);
    }
  }
}

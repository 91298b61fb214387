package io.netsift.server;

import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.netsift.core.analysis.ColoringRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The netsift HTTP server: the REST API under {@code /api} (a thin adapter over the same core
 * calls the CLI makes) and the web UI's static files from the classpath folder {@code /web}.
 * {@link #start(ServerConfig)} opens the database (migrating it), resumes interrupted indexing
 * and listens; {@link #close()} stops everything.
 */
public final class NetsiftServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(NetsiftServer.class.getName());

  private final ServerConfig config;
  private final Database db;
  private final Indexer indexer;
  private final Javalin app;
  private final java.util.List<String> routes;

  private NetsiftServer(ServerConfig config, Database db, Indexer indexer, Javalin app, java.util.List<String> routes) {
    this.routes = routes;
    this.config = config;
    this.db = db;
    this.indexer = indexer;
    this.app = app;
  }

  /** Starts a server; the configuration should have passed {@link ServerConfig#withDefaults()}. */
  public static NetsiftServer start(ServerConfig config) throws IOException {
    if (config.token() == null && !config.loopback()) {
      throw new IllegalArgumentException("binding " + config.bind() + " (not loopback) needs a token");
    }
    Files.createDirectories(config.dataDir());
    CaptureStore store = new CaptureStore(config.dataDir(), config.maxUpload());
    store.cleanTemp();
    Database db = Database.open(config.dbUrl(), config.dataDir());
    try {
      CaptureRepository repo = new CaptureRepository(db.jdbi());
      ColoringRules rules = ColoringRules.defaults();
      Indexer indexer = new Indexer(repo, store, rules);
      PacketQuery packets = new PacketQuery(repo, store, rules);
      CaptureApi captures = new CaptureApi(repo, store, indexer, packets);
      AnalysisApi analysis = new AnalysisApi(repo, store, packets);
      Routes[] recorder = new Routes[1];
      Javalin app = Javalin.create(cfg -> {
        Routes routes = new Routes(cfg.routes);
        recorder[0] = routes;
        cfg.startup.showJavalinBanner = false;
        cfg.jetty.multipartConfig.cacheDirectory(store.tmpDir().toString());
        cfg.jetty.multipartConfig.maxInMemoryFileSize(64, SizeUnit.KB);
        cfg.jetty.multipartConfig.maxFileSize(config.maxUpload(), SizeUnit.BYTES);
        cfg.jetty.multipartConfig.maxTotalRequestSize(config.maxUpload() + (1 << 20), SizeUnit.BYTES);
        if (NetsiftServer.class.getResource("/web") != null) {
          cfg.staticFiles.add("/web", Location.CLASSPATH);
        }
        cfg.routes.before("/api/*", ctx -> authorize(ctx, config.token()));
        captures.routes(routes);
        analysis.routes(routes);
        routes.get("/api/openapi.json", ctx -> ctx.contentType("application/json").result(openApi()));
        cfg.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage(), e.details()));
        cfg.routes.exception(HttpResponseException.class,
            (e, ctx) -> error(ctx, e.getStatus(), e.getMessage(), new LinkedHashMap<>(e.getDetails())));
        cfg.routes.exception(Exception.class, (e, ctx) -> {
          LOG.log(Level.WARNING, ctx.method() + " " + ctx.path() + " failed", e);
          error(ctx, 500, "internal error: " + e.getClass().getSimpleName(), Map.of("message", String.valueOf(e.getMessage())));
        });
        cfg.routes.error(404, ctx -> {
          if (ctx.path().startsWith("/api/") && (ctx.result() == null || ctx.result().isEmpty())) {
            error(ctx, 404, "not found: " + ctx.path(), Map.of());
          }
        });
      });
      app.start(config.bind(), config.port());
      NetsiftServer s = new NetsiftServer(config, db, indexer, app, recorder[0].registered());
      for (long id : repo.idsInState("indexing")) {
        indexer.submit(id); // interrupted by the last shutdown
      }
      return s;
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  private static void authorize(Context ctx, String token) {
    if (token == null) {
      return;
    }
    String h = ctx.header("Authorization");
    byte[] given = h == null ? new byte[0] : h.getBytes(StandardCharsets.UTF_8);
    byte[] want = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(given, want)) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new ApiException(401, "missing or wrong bearer token");
    }
  }

  private static void error(Context ctx, int status, String title, Map<String, ?> details) {
    if (status == 401 || status == 413 || (status >= 400 && ctx.method().name().equals("POST"))) {
      // A refused upload's body may be unread (or Jetty gave up parsing it); closing the
      // connection keeps its leftover bytes from being taken for the client's next request.
      ctx.header("Connection", "close");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("title", title);
    body.put("status", status);
    body.put("type", "https://javalin.io/documentation#" + reason(status).toLowerCase(Locale.ROOT).replace(" ", "") + "response");
    body.put("details", details);
    ctx.status(status).json(body);
  }

  private static String reason(int status) {
    io.javalin.http.HttpStatus s = io.javalin.http.HttpStatus.forStatus(status);
    return s.getMessage();
  }

  private static String openApi() throws IOException {
    try (var in = NetsiftServer.class.getResourceAsStream("/openapi.json")) {
      if (in == null) {
        throw new IOException("openapi.json missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The port listened on (the real one when 0 was asked). */
  public int port() {
    return app.port();
  }

  /** "method path" of every API route (for the OpenAPI check). */
  java.util.List<String> routes() {
    return routes;
  }

  public ServerConfig config() {
    return config;
  }

  @Override
  public void close() {
    app.stop();
    try {
      indexer.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    db.close();
  }
}

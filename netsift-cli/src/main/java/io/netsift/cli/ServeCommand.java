package io.netsift.cli;

import io.netsift.server.NetsiftServer;
import io.netsift.server.ServerConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code netsift serve}: the REST API and web UI on one port until interrupted. Loopback by
 * default; any other address needs a token, generated and printed when not given.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve the REST API and the web UI (captures kept in the data directory).")
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--bind", paramLabel = "ADDR", description = "Address to listen on (default ${DEFAULT-VALUE}).")
  String bind = "127.0.0.1";

  @Option(names = "--port", paramLabel = "PORT", description = "Port (default ${DEFAULT-VALUE}; 0 picks a free one).")
  int port = 8080;

  @Option(names = "--data", paramLabel = "DIR", description = "Data directory: capture files and the SQLite database (default ${DEFAULT-VALUE}).")
  Path data = Path.of(System.getProperty("user.home"), ".netsift");

  @Option(names = "--db", paramLabel = "JDBC-URL", description = "Database, e.g. jdbc:postgresql://host:5432/netsift?user=u&password=p (default: SQLite in DIR).")
  String db;

  @Option(names = "--token", paramLabel = "T", description = "API token (Authorization: Bearer T); generated when binding a non-loopback address.")
  String token;

  @Option(names = "--max-upload", paramLabel = "SIZE", description = "Largest upload, e.g. 500M, 2G (default 1G).")
  String maxUpload = "1G";

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    ServerConfig asked = new ServerConfig(bind, port, data, db, token, ServerConfig.parseSize(maxUpload));
    ServerConfig cfg = asked.withDefaults();
    CountDownLatch stop = new CountDownLatch(1);
    try (NetsiftServer server = NetsiftServer.start(cfg)) {
      String host = cfg.bind().contains(":") && !cfg.bind().startsWith("[") ? "[" + cfg.bind() + "]" : cfg.bind();
      out.println("netsift serving http://" + host + ":" + server.port() + "/ (data " + cfg.dataDir().toAbsolutePath()
          + ", database " + (cfg.dbUrl() == null ? "SQLite" : "PostgreSQL") + ")");
      if (asked.token() == null && cfg.token() != null) {
        out.println("generated API token: " + cfg.token());
        out.println("open http://" + host + ":" + server.port() + "/?token=" + cfg.token());
      }
      out.flush();
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
      stop.await();
    }
    return 0;
  }
}

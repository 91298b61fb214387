package io.netsift.net.rfc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * An HTTP and an HTTPS server on loopback (the JDK's com.sun.net.httpserver) serving RFC-like
 * text fixtures written here, with a self-signed certificate for 127.0.0.1 and localhost that
 * {@code keytool} (part of every JDK) generates into a temp directory.
 *
 * <pre>
 * /rfc/rfcN.txt          200 with Content-Length (N = 404 gives 404)
 * /chunked/rfcN.txt      200, chunked, written in uneven pieces
 * /moved/rfcN.txt        301 to /rfc/rfcN.txt (relative Location)
 * /twice/rfcN.txt        302 to an absolute /moved/ URL, so two hops
 * /loop/rfcN.txt         302 to itself
 * /down/rfcN.txt         (https only) 301 to the plain-http /rfc/ URL
 * /error/rfcN.txt        500
 * </pre>
 */
final class RfcTestServer implements AutoCloseable {
  final HttpServer http;
  final HttpsServer https;
  final Path certPem;
  final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

  RfcTestServer(Path dir) throws Exception {
    Path ks = dir.resolve("server.p12");
    certPem = dir.resolve("server.pem");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    run(List.of(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
        "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit"));
    run(List.of(keytool, "-exportcert", "-rfc", "-alias", "server", "-keystore", ks.toString(), "-storepass",
        "changeit", "-file", certPem.toString()));

    InetAddress lo = InetAddress.getByName("127.0.0.1");
    http = HttpServer.create(new InetSocketAddress(lo, 0), 64);
    https = HttpsServer.create(new InetSocketAddress(lo, 0), 64);
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(ks)) {
      store.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, "changeit".toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    https.setHttpsConfigurator(new HttpsConfigurator(ctx));
    http.createContext("/", e -> handle(e, false));
    https.createContext("/", e -> handle(e, true));
    http.setExecutor(Executors.newFixedThreadPool(4));
    https.setExecutor(Executors.newFixedThreadPool(4));
    http.start();
    https.start();
  }

  private static void run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(cmd.get(1) + " failed: " + out);
    }
  }

  String base(boolean secure, String dir) {
    return (secure ? "https://127.0.0.1:" + https.getAddress().getPort() : "http://127.0.0.1:" + http.getAddress().getPort())
        + "/" + dir + "/";
  }

  /** An RFC-like document, long enough to need many reads and chunks, with non-ASCII and CRLF line ends. */
  static byte[] fixture(int n) {
    StringBuilder sb = new StringBuilder();
    sb.append("\n\n\n\n\n\n\nInternet Engineering Task Force (IETF)                      N. Sift\r\n");
    sb.append("Request for Comments: ").append(n).append("                                    netsift\r\n");
    sb.append("Category: Informational                                        May 2024\r\n\r\n");
    sb.append("             A Test Fixture for Three HTTP Stacks (façade, naïve, ✓)\r\n\r\n");
    for (int i = 1; i <= 1500; i++) {
      sb.append("   ").append(i).append(".  Line ").append(i).append(" of RFC ").append(n)
          .append(" says the bytes must match exactly.\r\n");
      if (i % 55 == 0) {
        sb.append("\f\r\n");
      }
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void handle(HttpExchange e, boolean secure) throws IOException {
    try (e) {
      String path = e.getRequestURI().getPath();
      hits.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
      String[] parts = path.split("/");
      if (parts.length != 3 || !parts[2].matches("rfc\\d+\\.txt")) {
        send(e, 404, "not found\n".getBytes(StandardCharsets.US_ASCII));
        return;
      }
      String dir = parts[1];
      String file = parts[2];
      int n = Integer.parseInt(file.substring(3, file.length() - 4));
      switch (dir) {
        case "rfc" -> {
          if (n == 404) {
            send(e, 404, "<html>no such RFC</html>".getBytes(StandardCharsets.US_ASCII));
          } else {
            send(e, 200, fixture(n));
          }
        }
        case "chunked" -> {
          byte[] body = fixture(n);
          e.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
          e.sendResponseHeaders(200, 0); // 0 = chunked
          try (OutputStream out = e.getResponseBody()) {
            int p = 0;
            int step = 1;
            while (p < body.length) {
              int len = Math.min(body.length - p, step);
              out.write(body, p, len);
              out.flush();
              p += len;
              step = step * 3 % 9973 + 1;
            }
          }
        }
        case "moved" -> redirect(e, 301, "/rfc/" + file);
        case "twice" -> redirect(e, 302, base(secure, "moved") + file);
        case "loop" -> redirect(e, 302, "/loop/" + file);
        case "down" -> redirect(e, 301, base(false, "rfc") + file);
        case "error" -> send(e, 500, "boom".getBytes(StandardCharsets.US_ASCII));
        default -> send(e, 404, new byte[0]);
      }
    }
  }

  private static void redirect(HttpExchange e, int status, String location) throws IOException {
    e.getResponseHeaders().add("Location", location);
    send(e, status, ("see " + location + "\n").getBytes(StandardCharsets.US_ASCII));
  }

  private static void send(HttpExchange e, int status, byte[] body) throws IOException {
    e.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = e.getResponseBody()) {
        out.write(body);
      }
    }
  }

  int hits(String path) {
    AtomicInteger a = hits.get(path);
    return a == null ? 0 : a.get();
  }

  @Override
  public void close() {
    http.stop(0);
    https.stop(0);
    ((java.util.concurrent.ExecutorService) http.getExecutor()).shutdownNow();
    ((java.util.concurrent.ExecutorService) https.getExecutor()).shutdownNow();
  }
}

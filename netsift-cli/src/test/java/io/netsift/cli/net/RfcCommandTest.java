package io.netsift.cli.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code netsift rfc} against loopback HTTP and HTTPS servers (com.sun.net.httpserver; a
 * self-signed certificate made by keytool), serving a chunked RFC-like fixture and a 404.
 */
class RfcCommandTest {
  @TempDir static Path dir;
  static HttpServer http;
  static HttpsServer https;
  static Path pem;
  static final AtomicInteger hits = new AtomicInteger();
  static final byte[] TEXT = fixture();

  static byte[] fixture() {
    StringBuilder sb = new StringBuilder("Request for Comments: 4242\r\nCategory: Experimental\r\n\r\n");
    for (int i = 0; i < 3000; i++) {
      sb.append("   line ").append(i).append(": RFC text with a form feed every page\r\n");
      if (i % 58 == 57) {
        sb.append('\f');
      }
    }
    return sb.toString().getBytes(StandardCharsets.US_ASCII);
  }

  @BeforeAll
  static void start() throws Exception {
    Path ks = dir.resolve("s.p12");
    pem = dir.resolve("s.pem");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    exec(keytool, "-genkeypair", "-alias", "s", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
        "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore", ks.toString(), "-storetype",
        "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
    exec(keytool, "-exportcert", "-rfc", "-alias", "s", "-keystore", ks.toString(), "-storepass", "changeit",
        "-file", pem.toString());
    InetAddress lo = InetAddress.getByName("127.0.0.1");
    http = HttpServer.create(new InetSocketAddress(lo, 0), 16);
    https = HttpsServer.create(new InetSocketAddress(lo, 0), 16);
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(ks)) {
      store.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, "changeit".toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    https.setHttpsConfigurator(new HttpsConfigurator(ctx));
    for (var s : new HttpServer[] {http, https}) {
      s.createContext("/", e -> {
        try (e) {
          hits.incrementAndGet();
          String p = e.getRequestURI().getPath();
          if (p.equals("/rfc/rfc4242.txt")) {
            e.sendResponseHeaders(200, 0); // chunked
            try (OutputStream out = e.getResponseBody()) {
              for (int i = 0; i < TEXT.length; i += 777) {
                out.write(TEXT, i, Math.min(777, TEXT.length - i));
              }
            }
          } else if (p.equals("/old/rfc4242.txt")) {
            e.getResponseHeaders().add("Location", "/rfc/rfc4242.txt");
            e.sendResponseHeaders(301, -1);
          } else {
            e.sendResponseHeaders(404, -1);
          }
        }
      });
      s.start();
    }
  }

  static void exec(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError(out);
    }
  }

  @AfterAll
  static void stop() {
    http.stop(0);
    https.stop(0);
  }

  static String base(boolean secure, String d) {
    return (secure ? "https" : "http") + "://127.0.0.1:" + (secure ? https : http).getAddress().getPort() + "/" + d + "/";
  }

  @ParameterizedTest
  @ValueSource(strings = {"httpclient", "urlconnection", "socket"})
  void allThreeStacksWriteTheSameBytes(String client) throws Exception {
    for (boolean secure : new boolean[] {false, true}) {
      Path out = dir.resolve(client + secure + ".txt");
      NetCli r = NetCli.run("rfc", "4242", "--client", client, "--base-url", base(secure, "old"), "--cacert",
          pem.toString(), "-o", out.toString());
      assertEquals(0, r.exit, r.toString());
      assertArrayEquals(TEXT, Files.readAllBytes(out));
      assertTrue(r.err.contains("RFC 4242, " + TEXT.length + " bytes, from " + base(secure, "rfc") + "rfc4242.txt via "
          + client), r.err);
    }
  }

  @Test
  void standardOutputGetsTheRawBytes() {
    assertArrayEquals(TEXT, NetCli.stdoutBytes("rfc", "RFC4242", "--client", "socket", "--base-url", base(false, "rfc")));
  }

  @Test
  void notFoundExitsOne() {
    NetCli r = NetCli.run("rfc", "1", "--base-url", base(true, "rfc"), "--cacert", pem.toString(), "--client", "socket");
    assertEquals(1, r.exit);
    assertEquals("netsift rfc: HTTP 404 Not Found for " + base(true, "rfc") + "rfc1.txt (no such RFC there?)\n", r.err);
  }

  @Test
  void untrustedCertificateExitsOne() {
    NetCli r = NetCli.run("rfc", "4242", "--base-url", base(true, "rfc"), "--client", "urlconnection");
    assertEquals(1, r.exit);
    assertTrue(r.err.startsWith("netsift rfc: "), r.err);
  }

  @Test
  void cacheServesTheSecondRun(@TempDir Path cache) throws Exception {
    Path out = cache.resolve("out.txt");
    NetCli first = NetCli.run("rfc", "4242", "--base-url", base(false, "rfc"), "--cache", cache.toString(), "-o",
        out.toString());
    assertEquals(0, first.exit, first.toString());
    int before = hits.get();
    NetCli second = NetCli.run("rfc", "4242", "--base-url", base(false, "rfc"), "--cache", cache.toString(), "-o",
        out.toString());
    assertEquals(0, second.exit);
    assertEquals(before, hits.get(), "no request the second time");
    assertTrue(second.err.contains("from the cache"), second.err);
    assertArrayEquals(TEXT, Files.readAllBytes(out));
  }

  @Test
  void badNumbersAndClientsAreUsageErrors() {
    for (String[] args : new String[][] {{"rfc", "abc"}, {"rfc", "0"}, {"rfc", "-5"}, {"rfc", "123456"},
        {"rfc", "791", "--client", "curl"}, {"rfc"}, {"rfc", "791", "--base-url", "http://x y/"}}) {
      NetCli r = NetCli.run(args);
      assertEquals(2, r.exit, String.join(" ", args) + "\n" + r);
    }
  }
}

package io.netsift.net.rfc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The three stacks against a local HTTP and HTTPS server: the same bytes, the same errors. */
class RfcFetcherTest {
  @TempDir static Path dir;
  static RfcTestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new RfcTestServer(dir);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Stream<Arguments> stacksAndSchemes() {
    return Stream.of(HttpStack.values()).flatMap(s -> Stream.of(Arguments.of(s, false), Arguments.of(s, true)));
  }

  static RfcFetcher fetcher(HttpStack stack, boolean secure, String dirName, Path cache) throws IOException {
    return RfcFetcher.create(stack, server.base(secure, dirName), server.certPem, cache, Duration.ofSeconds(10));
  }

  @ParameterizedTest(name = "{0} https={1}")
  @MethodSource("stacksAndSchemes")
  void contentLengthChunkedAndRedirectsGiveTheSameBytes(HttpStack stack, boolean secure) throws Exception {
    byte[] want = RfcTestServer.fixture(9999);
    for (String d : new String[] {"rfc", "chunked", "moved", "twice"}) {
      RfcFetcher.Result r = fetcher(stack, secure, d, null).fetch(9999);
      assertArrayEquals(want, r.text(), stack + " " + d);
      assertFalse(r.fromCache());
      assertEquals(d.equals("twice") ? 2 : d.equals("moved") ? 1 : 0, r.redirects(), d);
      assertTrue(r.source().toString().endsWith("/rfc9999.txt"));
    }
  }

  @ParameterizedTest(name = "{0} https={1}")
  @MethodSource("stacksAndSchemes")
  void notFoundIsAClearError(HttpStack stack, boolean secure) throws Exception {
    RfcFetchException e = assertThrows(RfcFetchException.class, () -> fetcher(stack, secure, "rfc", null).fetch(404));
    assertEquals(404, e.status());
    assertEquals("HTTP 404 Not Found for " + server.base(secure, "rfc") + "rfc404.txt (no such RFC there?)",
        e.getMessage());
    RfcFetchException e500 = assertThrows(RfcFetchException.class, () -> fetcher(stack, secure, "error", null).fetch(1));
    assertEquals(500, e500.status());
  }

  @ParameterizedTest
  @ValueSource(strings = {"HTTPCLIENT", "URLCONNECTION", "SOCKET"})
  void redirectLoopStopsAtTheLimit(HttpStack stack) {
    RfcFetchException e = assertThrows(RfcFetchException.class, () -> fetcher(stack, false, "loop", null).fetch(7));
    assertTrue(e.getMessage().startsWith("too many redirects (more than 5)"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"HTTPCLIENT", "URLCONNECTION", "SOCKET"})
  void httpsDowngradeIsRefused(HttpStack stack) {
    RfcFetchException e = assertThrows(RfcFetchException.class, () -> fetcher(stack, true, "down", null).fetch(7));
    assertTrue(e.getMessage().startsWith("refusing to follow a redirect from https://"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"HTTPCLIENT", "URLCONNECTION", "SOCKET"})
  void selfSignedCertificateIsRejectedWithoutCacert(HttpStack stack) throws Exception {
    RfcFetcher f = RfcFetcher.create(stack, server.base(true, "rfc"), null, null, Duration.ofSeconds(10));
    IOException e = assertThrows(IOException.class, () -> f.fetch(1));
    assertTrue(e instanceof SSLException || e.getCause() instanceof SSLException, e.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"HTTPCLIENT", "URLCONNECTION", "SOCKET"})
  void certificateNameMatchesLocalhost(HttpStack stack) throws Exception {
    // The certificate's SAN has dns:localhost as well as ip:127.0.0.1: SNI and name checks by host name.
    String good = "https://localhost:" + server.https.getAddress().getPort() + "/rfc/";
    assertArrayEquals(RfcTestServer.fixture(5), RfcFetcher.create(stack, good, server.certPem, null,
        Duration.ofSeconds(10)).fetch(5).text());
  }

  @ParameterizedTest
  @ValueSource(strings = {"HTTPCLIENT", "URLCONNECTION", "SOCKET"})
  void cacheAvoidsTheSecondDownload(HttpStack stack, @TempDir Path cache) throws Exception {
    String path = "/chunked/rfc" + (100 + stack.ordinal()) + ".txt";
    int n = 100 + stack.ordinal();
    RfcFetcher f = fetcher(stack, true, "chunked", cache);
    RfcFetcher.Result first = f.fetch(n);
    RfcFetcher.Result second = f.fetch(n);
    assertFalse(first.fromCache());
    assertTrue(second.fromCache());
    assertArrayEquals(first.text(), second.text());
    assertArrayEquals(first.text(), Files.readAllBytes(cache.resolve("rfc" + n + ".txt")));
    assertEquals(1, server.hits(path));
    try (Stream<Path> files = Files.list(cache)) {
      assertEquals(1, files.count(), "no temp file left behind");
    }
  }

  @Test
  void numbers() {
    assertEquals(791, RfcFetcher.parseNumber("791"));
    assertEquals(791, RfcFetcher.parseNumber("0791"));
    assertEquals(791, RfcFetcher.parseNumber("RFC791"));
    assertEquals(9110, RfcFetcher.parseNumber("rfc 9110"));
    assertEquals(99999, RfcFetcher.parseNumber("99999"));
    for (String bad : new String[] {"", "0", "000", "-1", "1.5", "abc", "100000", "12a", "rfc", "+5"}) {
      assertThrows(IllegalArgumentException.class, () -> RfcFetcher.parseNumber(bad), bad);
    }
    assertEquals("https://www.rfc-editor.org/rfc/rfc791.txt", RfcFetcher.urlFor(RfcFetcher.DEFAULT_BASE, 791).toString());
  }
}

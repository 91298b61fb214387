package io.netsift.net.rfc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ProtocolException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The raw HTTP/1.1 reader over responses com.sun.net.httpserver never sends. */
class SocketHttpClientTest {
  static HttpResult parse(String raw) throws IOException {
    return SocketHttpClient.read(new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)));
  }

  @Test
  void chunkExtensionsTrailersAndInterimResponses() throws Exception {
    HttpResult r = parse("HTTP/1.1 100 Continue\r\n\r\n"
        + "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 999\r\n\r\n"
        + "5;name=value\r\nHello\r\n"
        + "0007\r\n, RFC 9\r\n"
        + "1\r\n!\r\n"
        + "0\r\nExpires: never\r\n\r\n");
    assertEquals(200, r.status());
    assertEquals("Hello, RFC 9!", new String(r.body(), StandardCharsets.US_ASCII));
  }

  @Test
  void bareLfLineEndsAndReadToClose() throws Exception {
    HttpResult r = parse("HTTP/1.0 200 OK\nServer: old\n\nall of it\nuntil close");
    assertEquals("all of it\nuntil close", new String(r.body(), StandardCharsets.US_ASCII));
  }

  @Test
  void redirectCarriesLocation() throws Exception {
    HttpResult r = parse("HTTP/1.1 308 Permanent Redirect\r\nLocation: /x/rfc1.txt\r\nContent-Length: 0\r\n\r\n");
    assertTrue(r.isRedirect());
    assertEquals("/x/rfc1.txt", r.location());
  }

  @Test
  void malformedResponsesSayWhat() {
    assertMessage("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", "connection closed after 5 of 10 body bytes");
    assertMessage("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "malformed chunk size: \"zz\"");
    assertMessage("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n", "chunk of 3 bytes not followed by CRLF");
    assertMessage("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n", "connection closed before the last chunk");
    assertMessage("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", "unsupported Transfer-Encoding: gzip");
    assertMessage("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", "conflicting Content-Length");
    assertMessage("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "malformed Content-Length");
    assertMessage("SSH-2.0-OpenSSH\r\n", "malformed status line");
    assertMessage("", "server closed the connection without a response");
    assertMessage("HTTP/1.1 200 OK\r\nX: y", "connection closed in the middle of the headers");
    assertMessage("HTTP/1.1 200 OK\r\nX-Big: " + "a".repeat(70_000) + "\r\n\r\n", "more than 65536 bytes");
  }

  private static void assertMessage(String raw, String expected) {
    ProtocolException e = assertThrows(ProtocolException.class, () -> parse(raw));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void sendsAProperRequest() throws Exception {
    try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Thread t = new Thread(() -> {
        try (Socket s = ss.accept()) {
          InputStream in = s.getInputStream();
          StringBuilder req = new StringBuilder();
          while (!req.toString().endsWith("\r\n\r\n")) {
            req.append((char) in.read());
          }
          String body = req.toString();
          s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
              .getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
          // test fails on the client side
        }
      });
      t.start();
      URI u = URI.create("http://127.0.0.1:" + ss.getLocalPort() + "/a%20b/rfc1.txt?x=1");
      HttpResult r = new SocketHttpClient(TrustedCertificates.context(null), Duration.ofSeconds(5)).get(u);
      t.join();
      assertArrayEquals(("GET /a%20b/rfc1.txt?x=1 HTTP/1.1\r\nHost: 127.0.0.1:" + ss.getLocalPort() + "\r\n"
          + "User-Agent: netsift-rfc/1\r\nAccept: */*\r\nAccept-Encoding: identity\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1), r.body());
    }
  }
}

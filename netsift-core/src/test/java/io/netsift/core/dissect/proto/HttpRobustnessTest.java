package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.TransportFrames.eth;
import static io.netsift.core.dissect.proto.TransportFrames.ethernet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.dissect.proto.http.HttpDissector;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * HTTP, SSDP and the media layers over arbitrary bytes: random payloads, HTTP messages with
 * random damage (cut anywhere, bytes flipped, endless headers, bogus chunk sizes, broken gzip)
 * must never throw in the first pass, the field walk or the columns; pduLength must answer for
 * every prefix without throwing.
 */
class HttpRobustnessTest {
  private static final String[] SEEDS = {
    "GET /a?b=1&c HTTP/1.1\r\nHost: x\r\nCookie: a=1; b=2\r\nAuthorization: Basic dXNlcjpwYXNz\r\n\r\n",
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 27\r\n\r\n{\"a\":[1,{\"b\":null}],\"c\":\"d\"}",
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n5\r\nhello\r\n0\r\nX-T: 1\r\n\r\n",
    "HTTP/1.0 200 OK\r\nContent-Type: image/png\r\n\r\n\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR",
    "HTTP/1.1 200 OK\r\nContent-Type: image/gif\r\n\r\nGIF89a\u0001\u0000\u0001\u0000\u0080\u0000\u0000",
    "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\n\r\n\u00ff\u00d8\u00ff\u00e0\u0000\u0010JFIF\u0000",
    "POST /f HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 9\r\n\r\na=%41+b&c",
    "NOTIFY * HTTP/1.1\r\nNT: x\r\n\r\n",
  };

  @Test
  void damagedMessagesNeverThrow() throws Exception {
    Random rnd = new Random(20240611);
    DissectionEngine e = new DissectionEngine();
    HttpDissector http = (HttpDissector) e.protocols().byName("http");
    int frames = 0;
    for (int i = 0; i < 6000; i++) {
      byte[] body = payload(rnd);
      boolean udp = rnd.nextInt(6) == 0;
      int sport = 40000 + rnd.nextInt(3);
      int port = udp ? 1900 : (rnd.nextBoolean() ? 80 : 8080);
      byte[] seg = udp ? udp(sport, port, body)
          : TransportFrames.tcp(sport, port, rnd.nextInt(1 << 20), 1, 0x18, 1000, new byte[0], body);
      byte[] frame = eth(0x0800, TransportFrames.ipv4("10.0.0.1", "10.0.0.2", udp ? 17 : 6, seg));
      int captured = rnd.nextInt(4) == 0 ? rnd.nextInt(frame.length + 1) : frame.length;
      TransportFrames.dissect(e, ethernet(java.util.Arrays.copyOf(frame, captured), i * 1_000L, frame.length));
      Dissection d = e.dissect(ethernet(java.util.Arrays.copyOf(frame, captured), i * 1_000L, frame.length));
      int tcp = d.find(d.protocols().byName("tcp"), 0);
      for (int avail = 1; tcp >= 0 && avail <= body.length; avail += 1 + rnd.nextInt(7)) {
        int n = http.pduLength(d, tcp, body, 0, avail);
        assertTrue(n == -1 || n == -2 || n == -3 || n > 0, "pduLength " + n);
      }
      frames++;
    }
    assertEquals(6000, frames);
  }

  @Test
  void endlessHeadersAreNotWaitedForForever() {
    DissectionEngine e = new DissectionEngine();
    StringBuilder sb = new StringBuilder("GET / HTTP/1.1\r\n");
    while (sb.length() < 1 << 21) {
      sb.append("X-Filler: 0123456789012345678901234567890123456789\r\n");
    }
    byte[] b = sb.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] seg = TransportFrames.tcp(40000, 80, 1, 1, 0x18, 1000, new byte[0], new byte[0]);
    byte[] frame = eth(0x0800, TransportFrames.ipv4("10.0.0.1", "10.0.0.2", 6, seg));
    Dissection d = e.dissect(ethernet(frame, 0L, frame.length));
    int tcp = d.find(d.protocols().byName("tcp"), 0);
    assertEquals(-2, ((HttpDissector) e.protocols().byName("http")).pduLength(d, tcp, b, 0, b.length));
  }

  private static byte[] payload(Random rnd) throws Exception {
    int kind = rnd.nextInt(5);
    if (kind == 0) {
      byte[] b = new byte[rnd.nextInt(200)];
      rnd.nextBytes(b);
      return b;
    }
    byte[] b = SEEDS[rnd.nextInt(SEEDS.length)].getBytes(StandardCharsets.ISO_8859_1);
    if (kind == 1) {
      // A gzip body, whole or cut.
      ByteArrayOutputStream z = new ByteArrayOutputStream();
      try (GZIPOutputStream g = new GZIPOutputStream(z)) {
        g.write("line one\nline two\n".getBytes(StandardCharsets.US_ASCII));
      }
      byte[] gz = z.toByteArray();
      int n = rnd.nextInt(gz.length + 1);
      String head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Encoding: "
          + (rnd.nextBoolean() ? "gzip" : "deflate") + "\r\nContent-Length: " + gz.length + "\r\n\r\n";
      byte[] h = head.getBytes(StandardCharsets.US_ASCII);
      b = java.util.Arrays.copyOf(h, h.length + n);
      System.arraycopy(gz, 0, b, h.length, n);
    }
    b = b.clone();
    int flips = rnd.nextInt(4);
    for (int k = 0; k < flips && b.length > 0; k++) {
      b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
    }
    return rnd.nextBoolean() ? java.util.Arrays.copyOf(b, rnd.nextInt(b.length + 1)) : b;
  }

  private static byte[] udp(int sport, int dport, byte[] body) {
    byte[] u = new byte[8 + body.length];
    TransportFrames.put16(u, 0, sport);
    TransportFrames.put16(u, 2, dport);
    TransportFrames.put16(u, 4, u.length);
    System.arraycopy(body, 0, u, 8, body.length);
    return u;
  }
}

package io.netsift.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/** A real server on a loopback port over a temporary data directory, and an HTTP client for it. */
final class TestServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path ROOT = Path.of(System.getProperty("netsift.root", "..")).toAbsolutePath().normalize();

  /** A response: status, body and the body as JSON (null when it is not JSON). */
  record Response(int status, byte[] body, HttpResponse<byte[]> raw) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + new String(body, StandardCharsets.UTF_8), e);
      }
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  final Path data;
  final String dbUrl;
  final String token;
  NetsiftServer server;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  TestServer(Path data, String dbUrl, String token, long maxUpload) throws IOException {
    this.data = data;
    this.dbUrl = dbUrl;
    this.token = token;
    this.server = NetsiftServer.start(new ServerConfig("127.0.0.1", 0, data, dbUrl, token, maxUpload));
  }

  static TestServer start(Path tmp, String kind) throws IOException {
    return new TestServer(tmp, TestDatabases.fresh(kind), null, 0);
  }

  /** Stops and starts again on the same data directory and database. */
  void restart() throws IOException {
    server.close();
    server = NetsiftServer.start(new ServerConfig("127.0.0.1", 0, data, dbUrl, token, server.config().maxUpload()));
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  Response send(HttpRequest r) {
    return send(r, true);
  }

  private Response send(HttpRequest r, boolean mayRetry) {
    try {
      HttpResponse<byte[]> res = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
      return new Response(res.statusCode(), res.body(), res);
    } catch (IOException e) {
      // The server closes the connection after a refused upload; a keep-alive connection the
      // client took from its pool just as the server closed it gets no answer at all. Like any
      // HTTP client, send once more on a fresh connection: nothing reached the server before.
      if (mayRetry && String.valueOf(e.getMessage()).contains("received no bytes")) {
        return send(r, false);
      }
      throw new AssertionError(r.method() + " " + r.uri() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  Response get(String path) {
    return send(request(path).GET().build());
  }

  Response delete(String path) {
    return send(request(path).DELETE().build());
  }

  Response postJson(String path, String json) {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  /** Uploads raw bytes with {@code ?name=}. */
  Response uploadRaw(String name, byte[] bytes) {
    return send(request("/api/captures?name=" + enc(name)).header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
  }

  /** Uploads a file as the multipart part {@code file}. */
  Response uploadMultipart(String filename, Path file) throws IOException {
    String boundary = "----netsift" + UUID.randomUUID();
    byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    return send(request("/api/captures").header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
            HttpRequest.BodyPublishers.ofFile(file), HttpRequest.BodyPublishers.ofByteArray(tail)))
        .build());
  }

  /** Uploads a file (raw body) and waits until it is indexed; returns the capture. */
  JsonNode uploadReady(Path file) throws IOException {
    Response r = uploadRaw(file.getFileName().toString(), Files.readAllBytes(file));
    if (r.status() != 201 && r.status() != 200) {
      fail("upload " + file + ": " + r.status() + " " + r.text());
    }
    return waitReady(r.json().get("id").asLong());
  }

  JsonNode waitReady(long id) {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (true) {
      Response r = get("/api/captures/" + id);
      assertEquals(200, r.status(), r.text());
      JsonNode c = r.json();
      if (!c.get("state").asText().equals("indexing")) {
        return c;
      }
      if (System.nanoTime() > deadline) {
        fail("capture " + id + " still indexing: " + c);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static Path sample(String name) {
    return ROOT.resolve("samples").resolve(name);
  }

  @Override
  public void close() {
    server.close();
    TestDatabases.drop(dbUrl);
  }
}

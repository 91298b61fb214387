package io.netsift.net.rfc;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/** {@link HttpFetcher} over {@code java.net.http.HttpClient}, with redirects off. */
public final class HttpClientFetcher implements HttpFetcher {
  private final HttpClient client;
  private final Duration timeout;

  public HttpClientFetcher(SSLContext tls, Duration timeout) {
    this.timeout = timeout;
    this.client = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(timeout)
        .sslContext(tls)
        .build();
  }

  @Override
  public HttpResult get(URI uri) throws IOException {
    HttpRequest req = HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", SocketHttpClient.USER_AGENT)
        .GET().build();
    try {
      HttpResponse<byte[]> r = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
      return new HttpResult(r.statusCode(), "", r.headers().firstValue("location").orElse(null), r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}

package io.netsift.net.rfc;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

/** {@link HttpFetcher} over {@code HttpURLConnection}, with redirects off. */
public final class UrlConnectionFetcher implements HttpFetcher {
  private final SSLContext tls;
  private final int timeoutMs;

  public UrlConnectionFetcher(SSLContext tls, Duration timeout) {
    this.tls = tls;
    this.timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
  }

  @Override
  public HttpResult get(URI uri) throws IOException {
    HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
    try {
      if (c instanceof HttpsURLConnection https) {
        https.setSSLSocketFactory(tls.getSocketFactory());
      }
      c.setInstanceFollowRedirects(false);
      c.setConnectTimeout(timeoutMs);
      c.setReadTimeout(timeoutMs);
      c.setRequestProperty("User-Agent", SocketHttpClient.USER_AGENT);
      int status = c.getResponseCode();
      byte[] body;
      try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
        body = in == null ? new byte[0] : in.readAllBytes();
      }
      String reason = c.getResponseMessage();
      return new HttpResult(status, reason == null ? "" : reason, c.getHeaderField("Location"), body);
    } finally {
      c.disconnect();
    }
  }
}

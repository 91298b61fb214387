package io.netsift.net.rfc;

import io.netsift.net.ip.IpAddress;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A small HTTP/1.1 client over a raw {@link Socket} — TLS through {@link SSLSocket} for https,
 * with SNI and hostname verification. It sends one GET with {@code Connection: close} and reads
 * the response as RFC 9112 says: skip 1xx interim responses (§4), then a chunked body (§7.1,
 * extensions and trailers ignored), or Content-Length bytes (§6.3), or everything until the
 * server closes. Anything malformed is a {@link ProtocolException} naming what was wrong.
 */
public final class SocketHttpClient implements HttpFetcher {
  /** The User-Agent all three stacks send. */
  public static final String USER_AGENT = "netsift-rfc/1";
  /** Header bytes allowed before we call the response malformed. */
  static final int MAX_HEADER_BYTES = 64 * 1024;
  /** Body bytes allowed (RFCs are at most a few MB). */
  static final long MAX_BODY_BYTES = 256L * 1024 * 1024;

  private final SSLContext tls;
  private final int timeoutMs;

  public SocketHttpClient(SSLContext tls, Duration timeout) {
    this.tls = tls;
    this.timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
  }

  @Override
  public HttpResult get(URI uri) throws IOException {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IOException("unsupported URL scheme \"" + scheme + "\" in " + uri);
    }
    String host = uri.getHost();
    if (host == null) {
      throw new IOException("no host in " + uri);
    }
    boolean https = scheme.equals("https");
    int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
    String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    Socket s = new Socket();
    try {
      s.connect(new InetSocketAddress(bareHost, port), timeoutMs);
      s.setSoTimeout(timeoutMs);
      if (https) {
        SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(s, bareHost, port, true);
        SSLParameters p = ssl.getSSLParameters();
        // Check the certificate names the host, as HttpsURLConnection and HttpClient do.
        p.setEndpointIdentificationAlgorithm("HTTPS");
        if (!isIpLiteral(bareHost)) {
          p.setServerNames(List.of(new SNIHostName(bareHost)));
        }
        ssl.setSSLParameters(p);
        ssl.startHandshake();
        s = ssl;
      }
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      if (uri.getRawQuery() != null) {
        path += "?" + uri.getRawQuery();
      }
      boolean defaultPort = uri.getPort() < 0 || uri.getPort() == (https ? 443 : 80);
      String hostHeader = (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host)
          + (defaultPort ? "" : ":" + port);
      String request = "GET " + path + " HTTP/1.1\r\n"
          + "Host: " + hostHeader + "\r\n"
          + "User-Agent: " + USER_AGENT + "\r\n"
          + "Accept: */*\r\n"
          + "Accept-Encoding: identity\r\n"
          + "Connection: close\r\n\r\n";
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return read(new BufferedInputStream(s.getInputStream()));
    } finally {
      s.close();
    }
  }

  private static boolean isIpLiteral(String host) {
    try {
      IpAddress.parse(host);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Reads one response (after any 1xx) from {@code in}. Package-private for tests over canned bytes. */
  static HttpResult read(InputStream in) throws IOException {
    HeaderBudget budget = new HeaderBudget();
    while (true) {
      String statusLine = line(in, budget, "the status line");
      if (statusLine == null) {
        throw new ProtocolException("server closed the connection without a response");
      }
      String[] parts = statusLine.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || parts[1].length() != 3
          || !parts[1].chars().allMatch(Character::isDigit)) {
        throw new ProtocolException("malformed status line: \"" + statusLine + "\"");
      }
      int status = Integer.parseInt(parts[1]);
      String reason = parts.length > 2 ? parts[2] : "";
      String location = null;
      String transferEncoding = null;
      long contentLength = -1;
      String h;
      while ((h = line(in, budget, "the headers")) != null && !h.isEmpty()) {
        int colon = h.indexOf(':');
        if (colon <= 0) {
          throw new ProtocolException("malformed header line: \"" + h + "\"");
        }
        String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = h.substring(colon + 1).trim();
        switch (name) {
          case "location" -> location = value;
          case "transfer-encoding" -> transferEncoding = value.toLowerCase(Locale.ROOT);
          case "content-length" -> {
            long n = parseLength(value);
            // RFC 9112 §6.3: differing repeated Content-Length values are an error.
            if (contentLength >= 0 && contentLength != n) {
              throw new ProtocolException("conflicting Content-Length headers: " + contentLength + " and " + n);
            }
            contentLength = n;
          }
          default -> { }
        }
      }
      if (h == null) {
        throw new ProtocolException("connection closed inside the response headers");
      }
      if (status >= 100 && status < 200) {
        continue; // RFC 9112 §4: interim response, the real one follows
      }
      byte[] body;
      if (status == 204 || status == 304) {
        body = new byte[0];
      } else if (transferEncoding != null) {
        // RFC 9112 §6.3 rule 4: Transfer-Encoding overrides Content-Length; chunked must be last.
        if (!transferEncoding.endsWith("chunked")) {
          throw new ProtocolException("unsupported Transfer-Encoding: " + transferEncoding);
        }
        if (!transferEncoding.equals("chunked")) {
          throw new ProtocolException("unsupported transfer coding before chunked: " + transferEncoding);
        }
        body = chunked(in);
      } else if (contentLength >= 0) {
        body = exactly(in, contentLength);
      } else {
        body = untilClose(in);
      }
      return new HttpResult(status, reason, location, body);
    }
  }

  private static long parseLength(String v) throws ProtocolException {
    if (v.isEmpty() || v.length() > 18 || !v.chars().allMatch(Character::isDigit)) {
      throw new ProtocolException("malformed Content-Length: \"" + v + "\"");
    }
    return Long.parseLong(v);
  }

  private static byte[] chunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    HeaderBudget budget = new HeaderBudget();
    while (true) {
      String sizeLine = line(in, budget, "a chunk size");
      if (sizeLine == null) {
        throw new ProtocolException("connection closed before the last chunk (after " + body.size() + " body bytes)");
      }
      int semi = sizeLine.indexOf(';');
      String hex = (semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim();
      if (hex.isEmpty() || hex.length() > 15 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
        throw new ProtocolException("malformed chunk size: \"" + sizeLine + "\"");
      }
      long size = Long.parseLong(hex, 16);
      if (size == 0) {
        String t;
        while ((t = line(in, budget, "the trailers")) != null && !t.isEmpty()) {
          // trailer fields are not needed for a download
        }
        return body.toByteArray();
      }
      if (body.size() + size > MAX_BODY_BYTES) {
        throw new ProtocolException("body exceeds " + MAX_BODY_BYTES + " bytes");
      }
      body.write(exactly(in, size));
      String crlf = line(in, budget, "the CRLF after a chunk");
      if (crlf == null || !crlf.isEmpty()) {
        throw new ProtocolException("chunk of " + size + " bytes not followed by CRLF");
      }
    }
  }

  private static byte[] exactly(InputStream in, long n) throws IOException {
    if (n > MAX_BODY_BYTES) {
      throw new ProtocolException("body of " + n + " bytes exceeds " + MAX_BODY_BYTES);
    }
    byte[] b = in.readNBytes((int) n);
    if (b.length < n) {
      throw new ProtocolException("connection closed after " + b.length + " of " + n + " body bytes");
    }
    return b;
  }

  private static byte[] untilClose(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] buf = new byte[16384];
    int n;
    while ((n = in.read(buf)) > 0) {
      body.write(buf, 0, n);
      if (body.size() > MAX_BODY_BYTES) {
        throw new ProtocolException("body exceeds " + MAX_BODY_BYTES + " bytes");
      }
    }
    return body.toByteArray();
  }

  /** Caps the bytes spent on header-like lines, so a server cannot feed endless headers. */
  private static final class HeaderBudget {
    int left = MAX_HEADER_BYTES;
  }

  /** One line without its CRLF (a bare LF is accepted, RFC 9112 §2.2); null at end of stream before any byte. */
  private static String line(InputStream in, HeaderBudget budget, String what) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(80);
    int c;
    boolean any = false;
    while ((c = in.read()) >= 0) {
      any = true;
      if (--budget.left < 0) {
        throw new ProtocolException("more than " + MAX_HEADER_BYTES + " bytes reading " + what);
      }
      if (c == '\n') {
        byte[] l = b.toByteArray();
        int len = l.length > 0 && l[l.length - 1] == '\r' ? l.length - 1 : l.length;
        return new String(l, 0, len, StandardCharsets.ISO_8859_1);
      }
      b.write(c);
    }
    if (any) {
      throw new ProtocolException("connection closed in the middle of " + what);
    }
    return null;
  }
}

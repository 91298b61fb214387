package io.netsift.net.rfc;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLContext;

/**
 * Downloads RFC text: {@code BASE + "rfc" + N + ".txt"}, by default from the RFC Editor, with
 * one of three HTTP stacks. Redirects are followed here, identically for every stack (at most
 * {@link #MAX_REDIRECTS}, never from https down to http); any final status but 200 is an
 * {@link RfcFetchException}. A cache directory, when set, is read before the network and
 * written (atomically) after it.
 */
public final class RfcFetcher {
  /** The RFC Editor's text directory. */
  public static final String DEFAULT_BASE = "https://www.rfc-editor.org/rfc/";
  /** Redirects followed before giving up (HttpClient's default limit too). */
  public static final int MAX_REDIRECTS = 5;

  private final HttpFetcher http;
  private final String base;
  private final Path cacheDir;

  /** The outcome of a fetch. */
  public record Result(int number, byte[] text, URI source, boolean fromCache, int redirects) {}

  public RfcFetcher(HttpFetcher http, String base, Path cacheDir) {
    this.http = http;
    this.base = base;
    this.cacheDir = cacheDir;
  }

  /** A fetcher for a stack, trusting {@code extraCa} (PEM, may be null) besides the default CAs. */
  public static RfcFetcher create(HttpStack stack, String base, Path extraCa, Path cacheDir, Duration timeout)
      throws IOException {
    SSLContext tls = TrustedCertificates.context(extraCa);
    HttpFetcher h = switch (stack) {
      case HTTPCLIENT -> new HttpClientFetcher(tls, timeout);
      case URLCONNECTION -> new UrlConnectionFetcher(tls, timeout);
      case SOCKET -> new SocketHttpClient(tls, timeout);
    };
    return new RfcFetcher(h, base, cacheDir);
  }

  /**
   * Parses an RFC number as a user writes it: digits, optionally after "rfc" ("RFC 791",
   * "rfc0791"); 1..99999. Throws {@link IllegalArgumentException} otherwise.
   */
  public static int parseNumber(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    if (s.startsWith("rfc")) {
      s = s.substring(3).trim();
    }
    if (s.isEmpty() || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("\"" + text + "\" is not an RFC number (digits, e.g. 791)");
    }
    s = s.replaceFirst("^0+(?=.)", "");
    if (s.length() > 5 || Integer.parseInt(s) < 1) {
      throw new IllegalArgumentException("RFC number " + text + " outside 1..99999");
    }
    return Integer.parseInt(s);
  }

  /** The URL of RFC {@code n} under {@code base}. */
  public static URI urlFor(String base, int n) {
    try {
      return new URI(base + "rfc" + n + ".txt");
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("bad base URL \"" + base + "\": " + e.getMessage());
    }
  }

  /** Fetches RFC {@code n} from the cache or the network. */
  public Result fetch(int n) throws IOException {
    Path cached = cacheDir == null ? null : cacheDir.resolve("rfc" + n + ".txt");
    URI uri = urlFor(base, n);
    if (cached != null && Files.isRegularFile(cached)) {
      return new Result(n, Files.readAllBytes(cached), cached.toUri(), true, 0);
    }
    int redirects = 0;
    while (true) {
      HttpResult r = http.get(uri);
      if (r.isRedirect()) {
        if (++redirects > MAX_REDIRECTS) {
          throw new RfcFetchException(0, "too many redirects (more than " + MAX_REDIRECTS + ") fetching RFC " + n);
        }
        URI next = uri.resolve(r.location().trim());
        if ("https".equalsIgnoreCase(uri.getScheme()) && "http".equalsIgnoreCase(next.getScheme())) {
          throw new RfcFetchException(0, "refusing to follow a redirect from " + uri + " down to plain http: " + next);
        }
        uri = next;
        continue;
      }
      if (r.status() != 200) {
        // Our phrase table first, so the message is the same whichever stack fetched.
        String reason = reasonPhrase(r.status()).isEmpty() && r.reason() != null ? r.reason() : reasonPhrase(r.status());
        throw new RfcFetchException(r.status(), "HTTP " + r.status() + (reason.isEmpty() ? "" : " " + reason)
            + " for " + uri + (r.status() == 404 ? " (no such RFC there?)" : ""));
      }
      if (cached != null) {
        store(cached, r.body());
      }
      return new Result(n, r.body(), uri, false, redirects);
    }
  }

  private static void store(Path target, byte[] body) throws IOException {
    Files.createDirectories(target.getParent());
    Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
    try {
      Files.write(tmp, body);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** HttpClient gives no reason phrase; RFC 9110 §15's for the common codes. */
  static String reasonPhrase(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 410 -> "Gone";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "";
    };
  }
}

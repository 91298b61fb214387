package io.netsift.server;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * How a server runs: where it listens, where it keeps its files, which database, the API token
 * and the upload limit. {@link #withDefaults()} generates a token when the address is not
 * loopback and none was given (the caller prints it).
 */
public record ServerConfig(String bind, int port, Path dataDir, String dbUrl, String token, long maxUpload) {
  public static final long DEFAULT_MAX_UPLOAD = 1L << 30;

  public ServerConfig {
    if (bind == null || bind.isBlank()) {
      bind = "127.0.0.1";
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is not 0..65535");
    }
    if (maxUpload <= 0) {
      maxUpload = DEFAULT_MAX_UPLOAD;
    }
    if (token != null && token.isBlank()) {
      token = null;
    }
  }

  /** Whether {@link #bind()} is a loopback address (127.0.0.0/8, ::1, localhost). */
  public boolean loopback() {
    String b = bind.toLowerCase(Locale.ROOT);
    return b.equals("localhost") || b.startsWith("127.") || b.equals("::1") || b.equals("[::1]");
  }

  /** This configuration, with a random token when the address is not loopback and no token was set. */
  public ServerConfig withDefaults() {
    if (token == null && !loopback()) {
      byte[] b = new byte[24];
      new SecureRandom().nextBytes(b);
      return new ServerConfig(bind, port, dataDir, dbUrl, HexFormat.of().formatHex(b), maxUpload);
    }
    return this;
  }

  /** Parses a size such as {@code 500M}, {@code 2G}, {@code 1048576} (K, M, G are powers of 1024). */
  public static long parseSize(String s) {
    String t = s.strip().toUpperCase(Locale.ROOT);
    if (t.endsWith("B")) {
      t = t.substring(0, t.length() - 1);
    }
    long mult = 1;
    if (!t.isEmpty() && "KMG".indexOf(t.charAt(t.length() - 1)) >= 0) {
      mult = 1L << (10 * ("KMG".indexOf(t.charAt(t.length() - 1)) + 1));
      t = t.substring(0, t.length() - 1);
    }
    try {
      long v = Long.parseLong(t.strip());
      if (v <= 0) {
        throw new NumberFormatException();
      }
      return Math.multiplyExact(v, mult);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("bad size '" + s + "' (expected a positive number with optional K, M or G)");
    }
  }
}

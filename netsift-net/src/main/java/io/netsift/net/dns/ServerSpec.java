package io.netsift.net.dns;

import io.netsift.net.ip.IpAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * A server as written on a dig-style command line: {@code @HOST}, {@code @HOST:PORT},
 * {@code @[V6]:PORT} or {@code @V6} (an IPv6 literal without brackets takes no port, since
 * its colons would be ambiguous). HOST may be a name, which the caller resolves.
 *
 * @param port the port, or -1 when the spec gave none
 */
public record ServerSpec(String host, int port) {
  /** Parses the text after the {@code @} (a leading {@code @} is also accepted). */
  public static ServerSpec parse(String spec) {
    String s = spec.startsWith("@") ? spec.substring(1) : spec;
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty server after @");
    }
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("server \"" + spec + "\": missing ]");
      }
      String rest = s.substring(close + 1);
      if (!rest.isEmpty() && !rest.startsWith(":")) {
        throw new IllegalArgumentException("server \"" + spec + "\": expected :PORT after ]");
      }
      return new ServerSpec(s.substring(1, close), rest.isEmpty() ? -1 : port(rest.substring(1), spec));
    }
    int first = s.indexOf(':');
    if (first >= 0 && first == s.lastIndexOf(':')) {
      return new ServerSpec(s.substring(0, first), port(s.substring(first + 1), spec));
    }
    return new ServerSpec(s, -1);
  }

  private static int port(String p, String spec) {
    if (p.isEmpty() || p.length() > 5 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 65535
        || Integer.parseInt(p) == 0) {
      throw new IllegalArgumentException("server \"" + spec + "\": port \"" + p + "\" is not a number 1..65535");
    }
    return Integer.parseInt(p);
  }

  /** Whether HOST is an IP literal (needs no lookup). */
  public boolean isLiteral() {
    try {
      IpAddress.parse(host);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The socket address for a literal HOST, with {@code defaultPort} when none was given. */
  public InetSocketAddress literalAddress(int defaultPort) {
    try {
      return new InetSocketAddress(InetAddress.getByAddress(IpAddress.parse(host).toBytes()),
          port > 0 ? port : defaultPort);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}

package io.netsift.net.dns;

import io.netsift.net.ip.IpAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of resolv.conf(5) a stub client needs: the {@code nameserver} lines (at most
 * three are used, as glibc does) and {@code options timeout:N attempts:N}. With no nameserver
 * line the local machine is the server, as the man page says.
 */
public record ResolvConf(List<InetSocketAddress> servers, int timeoutSeconds, int attempts) {
  /** The system file. */
  public static final Path SYSTEM = Path.of("/etc/resolv.conf");

  public ResolvConf {
    servers = List.copyOf(servers);
  }

  /** Reads {@code /etc/resolv.conf}; a missing file means the defaults. */
  public static ResolvConf system() throws IOException {
    return read(SYSTEM);
  }

  /** Reads a resolv.conf file; a missing file means the defaults. */
  public static ResolvConf read(Path file) throws IOException {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return parse("");
    }
  }

  /** Parses resolv.conf text; unknown or malformed lines are skipped, as the C resolver skips them. */
  public static ResolvConf parse(String text) {
    List<InetSocketAddress> servers = new ArrayList<>();
    int timeout = 5;
    int attempts = 2;
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      String[] f = line.split("\\s+");
      if (f[0].equals("nameserver") && f.length >= 2 && servers.size() < 3) {
        String addr = f[1];
        int pct = addr.indexOf('%');
        try {
          IpAddress a = IpAddress.parse(pct >= 0 ? addr.substring(0, pct) : addr);
          servers.add(new InetSocketAddress(InetAddress.getByAddress(a.toBytes()), 53));
        } catch (IllegalArgumentException | UnknownHostException e) {
          // skipped, like the C resolver
        }
      } else if (f[0].equals("options")) {
        for (int i = 1; i < f.length; i++) {
          if (f[i].startsWith("timeout:")) {
            timeout = clamp(f[i].substring(8), timeout, 1, 30);
          } else if (f[i].startsWith("attempts:")) {
            attempts = clamp(f[i].substring(9), attempts, 1, 5);
          }
        }
      }
    }
    if (servers.isEmpty()) {
      servers.add(new InetSocketAddress(InetAddress.getLoopbackAddress(), 53));
    }
    return new ResolvConf(servers, timeout, attempts);
  }

  private static int clamp(String v, int dflt, int lo, int hi) {
    try {
      return Math.max(lo, Math.min(hi, Integer.parseInt(v)));
    } catch (NumberFormatException e) {
      return dflt;
    }
  }
}

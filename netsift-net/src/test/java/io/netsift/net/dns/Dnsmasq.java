package io.netsift.net.dns;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * A real dnsmasq (Debian's dnsmasq-base) on a loopback address and a free port, started for a
 * test and stopped after it: {@code --no-daemon} keeps it our child, {@code --no-resolv
 * --no-hosts --conf-file=/dev/null} keep the machine's configuration out, and records come
 * from the command line. Tests skip (JUnit assumption) when dnsmasq is not installed;
 * {@code scripts/net/ci-setup.sh} installs it.
 */
final class Dnsmasq implements AutoCloseable {
  private final Process process;
  private final InetSocketAddress address;
  private final StringBuffer log = new StringBuffer();

  private Dnsmasq(Process process, InetSocketAddress address) {
    this.process = process;
    this.address = address;
  }

  static Optional<Path> binary() {
    for (String p : List.of("/usr/sbin/dnsmasq", "/usr/bin/dnsmasq", "/sbin/dnsmasq")) {
      if (Files.isExecutable(Path.of(p))) {
        return Optional.of(Path.of(p));
      }
    }
    return Optional.empty();
  }

  /** Starts dnsmasq with extra {@code options}, or skips the calling test when it is missing. */
  static Dnsmasq start(List<String> options) throws IOException, InterruptedException {
    Optional<Path> bin = binary();
    Assumptions.assumeTrue(bin.isPresent(),
        "dnsmasq is not installed (apt-get install dnsmasq-base, or run scripts/net/ci-setup.sh); skipping");
    IOException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      InetAddress host = InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) ThreadLocalRandom.current().nextInt(2, 250)});
      int port = freePort(host);
      List<String> cmd = new ArrayList<>(List.of(bin.get().toString(), "--no-daemon", "--no-resolv", "--no-hosts",
          "--conf-file=/dev/null", "--pid-file=", "--bind-interfaces", "--listen-address=" + host.getHostAddress(),
          "--port=" + port, "--log-facility=-", "--log-queries"));
      cmd.addAll(options.stream().map(o -> o.replace("${ADDR}", host.getHostAddress())).toList());
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      Dnsmasq d = new Dnsmasq(p, new InetSocketAddress(host, port));
      d.pump(p.getInputStream());
      if (d.awaitReady()) {
        return d;
      }
      d.close();
      last = new IOException("dnsmasq did not start: " + d.log());
    }
    throw last;
  }

  private void pump(InputStream in) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[4096];
      try {
        int n;
        while ((n = in.read(buf)) > 0) {
          log.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        // process ended
      }
    }, "dnsmasq-log");
    t.setDaemon(true);
    t.start();
  }

  /** dnsmasq answers TCP as soon as it listens; UDP is bound by then too. */
  private boolean awaitReady() throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        return false;
      }
      try (Socket s = new Socket()) {
        s.connect(address, 200);
        return true;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    return false;
  }

  private static int freePort(InetAddress host) throws IOException {
    for (int i = 0; i < 20; i++) {
      try (ServerSocket tcp = new ServerSocket(0, 1, host)) {
        int port = tcp.getLocalPort();
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(host, port))) {
          return port;
        } catch (IOException busy) {
          // UDP side taken; try another
        }
      }
    }
    throw new IOException("no free port on " + host);
  }

  InetSocketAddress address() {
    return address;
  }

  String log() {
    return log.toString();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}

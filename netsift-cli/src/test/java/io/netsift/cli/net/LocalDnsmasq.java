package io.netsift.cli.net;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * dnsmasq on 127.0.0.x and a free port for the CLI tests (the netsift-net tests have the
 * fuller twin); skips the test when dnsmasq-base is not installed.
 */
final class LocalDnsmasq implements AutoCloseable {
  final Process process;
  final InetSocketAddress address;

  private LocalDnsmasq(Process p, InetSocketAddress a) {
    this.process = p;
    this.address = a;
  }

  static LocalDnsmasq start(List<String> records) throws Exception {
    Path bin = Path.of("/usr/sbin/dnsmasq");
    Assumptions.assumeTrue(Files.isExecutable(bin),
        "dnsmasq is not installed (apt-get install dnsmasq-base, or scripts/net/ci-setup.sh); skipping");
    for (int attempt = 0; attempt < 5; attempt++) {
      InetAddress host = InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) ThreadLocalRandom.current().nextInt(2, 250)});
      int port;
      try (ServerSocket t = new ServerSocket(0, 1, host); DatagramSocket u = new DatagramSocket(new InetSocketAddress(host, t.getLocalPort()))) {
        port = t.getLocalPort();
      } catch (IOException busy) {
        continue;
      }
      List<String> cmd = new ArrayList<>(List.of(bin.toString(), "--no-daemon", "--no-resolv", "--no-hosts",
          "--conf-file=/dev/null", "--pid-file=", "--bind-interfaces", "--listen-address=" + host.getHostAddress(),
          "--port=" + port, "--log-facility=/dev/null"));
      cmd.addAll(records);
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      LocalDnsmasq d = new LocalDnsmasq(p, new InetSocketAddress(host, port));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < deadline && p.isAlive()) {
        try (Socket s = new Socket()) {
          s.connect(d.address, 200);
          return d;
        } catch (IOException e) {
          Thread.sleep(50);
        }
      }
      d.close();
    }
    throw new IOException("dnsmasq did not start");
  }

  String at() {
    return "@" + address.getAddress().getHostAddress() + ":" + address.getPort();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}

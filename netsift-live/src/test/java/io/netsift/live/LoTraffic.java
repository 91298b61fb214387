package io.netsift.live;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Traffic the tests send to themselves on 127.0.0.1 only: UDP datagrams, DNS-shaped queries
 * (to port 53 from a port of our own, so the BPF filter can single them out; no server needs to
 * answer) and a TCP connection with an echo. Ports come from the kernel's ephemeral range, so no
 * other traffic on {@code lo} uses them while the test runs.
 */
final class LoTraffic {
  static final InetAddress LOCALHOST = InetAddress.getLoopbackAddress();

  private LoTraffic() {}

  /** A UDP port no one is bound to right now. */
  static int freeUdpPort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(0, LOCALHOST)) {
      return s.getLocalPort();
    }
  }

  /** Sends {@code n} datagrams with {@code payload} to 127.0.0.1:{@code port}. */
  static void udp(int port, int n, String payload) throws IOException {
    byte[] b = payload.getBytes(StandardCharsets.US_ASCII);
    try (DatagramSocket s = new DatagramSocket(0, LOCALHOST)) {
      for (int i = 0; i < n; i++) {
        s.send(new DatagramPacket(b, b.length, LOCALHOST, port));
      }
    }
  }

  /** A DNS query for {@code name} (type A, class IN, recursion desired), as on the wire. */
  static byte[] dnsQuery(int id, String name) {
    byte[] out = new byte[12 + name.length() + 2 + 4];
    out[0] = (byte) (id >> 8);
    out[1] = (byte) id;
    out[2] = 0x01; // RD
    out[5] = 1; // QDCOUNT
    int p = 12;
    for (String label : name.split("\\.")) {
      out[p++] = (byte) label.length();
      for (char c : label.toCharArray()) {
        out[p++] = (byte) c;
      }
    }
    out[p++] = 0; // root
    out[p + 1] = 1; // QTYPE A
    out[p + 3] = 1; // QCLASS IN
    return out;
  }

  /** Sends one DNS-shaped query per name from {@code from} to 127.0.0.1:53. */
  static void dnsQueries(DatagramSocket from, String... names) throws IOException {
    int id = 0x1000;
    for (String n : names) {
      byte[] q = dnsQuery(id++, n);
      from.send(new DatagramPacket(q, q.length, LOCALHOST, 53));
    }
  }

  /** Opens a TCP listener on 127.0.0.1 that echoes one line per connection. */
  static ServerSocket echoServer() throws IOException {
    ServerSocket server = new ServerSocket();
    server.bind(new InetSocketAddress(LOCALHOST, 0));
    Thread t = new Thread(() -> {
      while (!server.isClosed()) {
        try (Socket c = server.accept()) {
          byte[] buf = new byte[256];
          int n = c.getInputStream().read(buf);
          if (n > 0) {
            c.getOutputStream().write(buf, 0, n);
          }
        } catch (IOException e) {
          return; // closed
        }
      }
    }, "lo-echo");
    t.setDaemon(true);
    t.start();
    return server;
  }

  /** One TCP connection: connect, send a line, read the echo, close. */
  static String tcpExchange(int port, String line) throws IOException {
    try (Socket s = new Socket(LOCALHOST, port)) {
      OutputStream out = s.getOutputStream();
      out.write(line.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[256];
      int n = in.read(buf);
      return n < 0 ? "" : new String(buf, 0, n, StandardCharsets.US_ASCII);
    }
  }

  /** Why live capture on lo cannot run here (no libpcap, no permission), or empty when it can. */
  static Optional<String> whyNoCapture() {
    try {
      LiveSource.builder("lo").open().close();
      return Optional.empty();
    } catch (LiveCaptureException e) {
      if (e.kind() == LiveCaptureException.Kind.PERMISSION || e.kind() == LiveCaptureException.Kind.LIBPCAP_MISSING) {
        return Optional.of(e.getMessage());
      }
      throw e;
    }
  }

  /** The tshark binary, when installed. */
  static Optional<String> tshark() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      java.io.File f = new java.io.File(dir, "tshark");
      if (f.canExecute()) {
        return Optional.of(f.getPath());
      }
    }
    return Optional.empty();
  }
}

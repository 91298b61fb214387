package io.netsift.cli.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.net.echo.EchoClient;
import io.netsift.net.echo.EchoServer;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code netsift echo}: the client against a server, and the server command serving a client. */
class EchoCommandTest {
  static final InetSocketAddress ANY = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

  @Test
  void tcpClientPrintsTheEchoes() throws Exception {
    try (EchoServer s = EchoServer.startTcp(ANY)) {
      NetCli r = NetCli.run("echo", "client", "--tcp", "--port", Integer.toString(s.localAddress().getPort()),
          "-m", "hello", "-m", "second line");
      assertEquals(0, r.exit, r.toString());
      assertEquals("hello\nsecond line\n", r.out);
    }
  }

  @Test
  void udpClientPrintsTheEchoes() throws Exception {
    try (EchoServer s = EchoServer.startUdp(ANY)) {
      NetCli r = NetCli.run("echo", "client", "--udp", "--port", Integer.toString(s.localAddress().getPort()),
          "-m", "datagram");
      assertEquals(0, r.exit, r.toString());
      assertEquals("datagram\n", r.out);
    }
  }

  @Test
  void serverCommandServesUntilInterrupted() throws Exception {
    for (String transport : new String[] {"--tcp", "--udp"}) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      AtomicReference<NetCli> result = new AtomicReference<>();
      Thread t = new Thread(() -> result.set(NetCli.run(out, err, "echo", "server", transport, "--port", "0")));
      t.start();
      Pattern p = Pattern.compile("echo server listening on (tcp|udp) 127\\.0\\.0\\.1:(\\d+)");
      Matcher m = p.matcher("");
      for (int i = 0; i < 200 && !m.find(); i++) {
        Thread.sleep(25);
        m = p.matcher(out.toString());
      }
      assertTrue(m.find(0), out.toString());
      InetSocketAddress addr = new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(m.group(2)));
      try (EchoClient c = transport.equals("--tcp") ? EchoClient.tcp(addr, Duration.ofSeconds(5))
          : EchoClient.udp(addr, Duration.ofSeconds(1), 3)) {
        assertEquals("ping", c.echo("ping"));
      }
      t.interrupt();
      t.join(10_000);
      assertEquals(0, result.get().exit, result.get().toString());
      assertTrue(out.toString().contains("echo server stopped after 1 "), out.toString());
    }
  }

  @Test
  void errorsAndUsage() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    NetCli refused = NetCli.run("echo", "client", "--port", Integer.toString(closed), "-m", "x");
    assertEquals(1, refused.exit);
    assertTrue(refused.err.startsWith("netsift echo: "), refused.err);
    try (DatagramSocket silent = new DatagramSocket(ANY)) {
      NetCli lost = NetCli.run("echo", "client", "--udp", "--port", Integer.toString(silent.getLocalPort()),
          "--timeout", "0.2", "--retries", "1", "-m", "x");
      assertEquals(1, lost.exit);
      assertTrue(lost.err.contains("no echo after 2 tries"), lost.err);
    }
    assertEquals(2, NetCli.run("echo", "sideways").exit);
    assertEquals(2, NetCli.run("echo", "client", "--tcp", "--udp").exit);
    assertEquals(2, NetCli.run("echo", "client", "--port", "0").exit);
    assertEquals(2, NetCli.run("echo", "server", "--port", "70000").exit);
  }
}

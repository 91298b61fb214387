package io.netsift.net.echo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Echo round trips on loopback: 200 TCP clients at once, many UDP clients, every byte back. */
class EchoServerTest {
  static final InetSocketAddress ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void twoHundredConcurrentTcpClientsGetEveryByteBack() throws Exception {
    int clients = 200;
    try (EchoServer server = EchoServer.startTcp(ANY_PORT)) {
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      CountDownLatch connected = new CountDownLatch(clients);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<byte[][]>> results = new ArrayList<>();
      long expectedBytes = 0;
      for (int c = 0; c < clients; c++) {
        byte[] payload = payload(c);
        expectedBytes += payload.length;
        results.add(pool.submit(() -> {
          try (Socket s = new Socket()) {
            s.connect(server.localAddress(), 10_000);
            s.setSoTimeout(60_000);
            connected.countDown();
            go.await();
            // Write from a second thread so neither side's buffers can deadlock the pair.
            Thread writer = new Thread(() -> {
              try {
                OutputStream out = s.getOutputStream();
                for (int p = 0; p < payload.length; p += 1000) {
                  out.write(payload, p, Math.min(1000, payload.length - p));
                }
                s.shutdownOutput();
              } catch (Exception e) {
                // shows up as a short echo
              }
            });
            writer.start();
            byte[] back = readAll(s.getInputStream());
            writer.join();
            return new byte[][] {payload, back};
          }
        }));
      }
      assertTrue(connected.await(60, TimeUnit.SECONDS), "all 200 connected before any sent");
      go.countDown();
      for (Future<byte[][]> f : results) {
        byte[][] pair = f.get(90, TimeUnit.SECONDS);
        assertArrayEquals(pair[0], pair[1]);
      }
      pool.shutdown();
      assertEquals(clients, server.connections());
      assertEquals(expectedBytes, server.bytesEchoed());
    }
  }

  /** Lines of random printable text, one longer than the server's 64 KiB line buffer. */
  static byte[] payload(int seed) {
    Random r = new Random(seed);
    StringBuilder sb = new StringBuilder();
    int lines = 20 + r.nextInt(40);
    for (int i = 0; i < lines; i++) {
      int len = seed % 50 == 0 && i == 3 ? 70_000 : r.nextInt(300);
      for (int k = 0; k < len; k++) {
        sb.append((char) (' ' + r.nextInt(95)));
      }
      sb.append('\n');
    }
    if (seed % 2 == 1) {
      sb.append("no newline at the end, echoed at half-close");
    }
    return sb.toString().getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] readAll(InputStream in) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    in.transferTo(b);
    return b.toByteArray();
  }

  @Test
  void serverEchoesWholeLinesNotFragments() throws Exception {
    try (EchoServer server = EchoServer.startTcp(ANY_PORT); Socket s = new Socket()) {
      s.connect(server.localAddress());
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write("hel".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread.sleep(200);
      assertEquals(0, s.getInputStream().available(), "a partial line is held back");
      out.write("lo\nwor".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      byte[] first = s.getInputStream().readNBytes(6);
      assertEquals("hello\n", new String(first, StandardCharsets.US_ASCII));
    }
  }

  @Test
  void clientApiOverTcp() throws Exception {
    try (EchoServer server = EchoServer.startTcp(ANY_PORT);
        EchoClient c = EchoClient.tcp(server.localAddress(), Duration.ofSeconds(5))) {
      assertEquals("hello, world", c.echo("hello, world"));
      assertEquals("héllo ✓", c.echo("héllo ✓"));
      assertEquals("", c.echo(""));
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void manyUdpClientsGetEveryDatagramBack() throws Exception {
    int clients = 100;
    int each = 30;
    try (EchoServer server = EchoServer.startUdp(ANY_PORT)) {
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int id = c;
        results.add(pool.submit(() -> {
          go.await();
          int ok = 0;
          try (EchoClient client = EchoClient.udp(server.localAddress(), Duration.ofMillis(500), 5)) {
            for (int i = 0; i < each; i++) {
              String msg = "client " + id + " datagram " + i + " " + "z".repeat(id * 7 % 1200);
              if (client.echo(msg).equals(msg)) {
                ok++;
              }
            }
          }
          return ok;
        }));
      }
      go.countDown();
      for (Future<Integer> f : results) {
        assertEquals(each, f.get(100, TimeUnit.SECONDS));
      }
      pool.shutdown();
      assertTrue(server.connections() >= (long) clients * each);
    }
  }

  @Test
  void udpDatagramComesBackUnchanged() throws Exception {
    try (EchoServer server = EchoServer.startUdp(ANY_PORT); DatagramSocket s = new DatagramSocket()) {
      s.setSoTimeout(5000);
      byte[] data = new byte[1400];
      new Random(1).nextBytes(data);
      s.send(new DatagramPacket(data, data.length, server.localAddress()));
      DatagramPacket p = new DatagramPacket(new byte[2000], 2000);
      s.receive(p);
      assertArrayEquals(data, java.util.Arrays.copyOf(p.getData(), p.getLength()));
    }
  }
}

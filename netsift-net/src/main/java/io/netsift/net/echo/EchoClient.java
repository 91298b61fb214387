package io.netsift.net.echo;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * The client half of the echo pair. Over TCP it sends a line and reads the echoed line back;
 * over UDP it sends a datagram and waits for the same bytes to come back, resending after each
 * timeout (UDP may lose either direction).
 */
public abstract class EchoClient implements Closeable {
  private EchoClient() {}

  /** Sends {@code line} (a newline is added over TCP) and returns what came back, without the newline. */
  public abstract String echo(String line) throws IOException;

  /** A TCP client connected to {@code server}. */
  public static EchoClient tcp(InetSocketAddress server, Duration timeout) throws IOException {
    return new Tcp(server, timeout);
  }

  /** A UDP client for {@code server}, trying each datagram {@code 1 + retries} times. */
  public static EchoClient udp(InetSocketAddress server, Duration timeout, int retries) throws IOException {
    return new Udp(server, timeout, retries);
  }

  private static final class Tcp extends EchoClient {
    private final Socket socket;
    private final OutputStream out;
    private final BufferedReader in;

    Tcp(InetSocketAddress server, Duration timeout) throws IOException {
      socket = new Socket();
      int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
      try {
        socket.connect(server, ms);
        socket.setSoTimeout(ms);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        socket.close();
        throw e;
      }
    }

    @Override
    public String echo(String line) throws IOException {
      out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      String back = in.readLine();
      if (back == null) {
        throw new IOException("server closed the connection");
      }
      return back;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private static final class Udp extends EchoClient {
    private final DatagramSocket socket;
    private final int retries;

    Udp(InetSocketAddress server, Duration timeout, int retries) throws IOException {
      socket = new DatagramSocket();
      socket.connect(server);
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
      this.retries = retries;
    }

    @Override
    public String echo(String line) throws IOException {
      byte[] sent = line.getBytes(StandardCharsets.UTF_8);
      byte[] buf = new byte[65536];
      for (int attempt = 0; attempt <= retries; attempt++) {
        socket.send(new DatagramPacket(sent, sent.length));
        try {
          while (true) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            socket.receive(p);
            byte[] got = Arrays.copyOf(p.getData(), p.getLength());
            // A late echo of an earlier try would differ; wait for ours.
            if (Arrays.equals(got, sent)) {
              return line;
            }
          }
        } catch (SocketTimeoutException e) {
          // resend
        }
      }
      throw new SocketTimeoutException("no echo after " + (retries + 1) + " tries");
    }

    @Override
    public void close() {
      socket.close();
    }
  }
}

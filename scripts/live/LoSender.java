import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends UDP datagrams on loopback at a steady rate for a bounded time: the load generator of
 * bench-lo.sh. The socket sends to its own port on 127.0.0.1, so the datagrams that its full
 * receive buffer cannot take are dropped silently by the kernel (no ICMP replies), after the
 * capture tap on lo has seen them. Nothing leaves the machine.
 *
 * <p>usage: java LoSender.java PORT RATE SECONDS [PAYLOAD_BYTES]  (RATE 0: as fast as it can)
 * prints: sent=N seconds=S rate=R
 */
public class LoSender {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    long rate = Long.parseLong(args[1]);
    double seconds = Math.min(Double.parseDouble(args[2]), 60); // bounded whatever the caller asks
    int size = args.length > 3 ? Integer.parseInt(args[3]) : 18;
    InetSocketAddress self = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    try (DatagramChannel ch = DatagramChannel.open()) {
      ch.bind(self);
      ch.connect(self);
      ByteBuffer payload = ByteBuffer.allocateDirect(size);
      long start = System.nanoTime();
      long end = start + (long) (seconds * 1e9);
      long sent = 0;
      long now;
      while ((now = System.nanoTime()) < end) {
        // Send what the rate allows up to now, then wait for the clock.
        long due = rate <= 0 ? sent + 256 : (long) ((now - start) * (rate / 1e9));
        if (sent >= due) {
          // Sleep rather than spin: on a small machine a spinning sender takes a whole core
          // from the capture it is measuring.
          LockSupport.parkNanos(200_000);
          continue;
        }
        while (sent < due) {
          payload.clear();
          ch.write(payload);
          sent++;
        }
      }
      double s = (System.nanoTime() - start) / 1e9;
      System.out.printf("sent=%d seconds=%.3f rate=%.0f%n", sent, s, sent / s);
    }
  }
}

package io.netsift.live;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Captures N packets on {@code lo} through {@link LiveCapture} (every packet dissected and turned
 * into a {@link io.netsift.core.Packet}, then dropped) while a thread sends small datagrams to
 * 127.0.0.1 on a free port, never more than a window ahead of the capture and for at most two
 * minutes. Run in its own JVM with a small heap by {@link LiveCaptureMemoryTest}; prints
 * {@code captured=N dropped=D heapEarlyKb=A heapLateKb=B}.
 */
public final class LoFlood {
  private static final long WINDOW = 2_000;

  public static void main(String[] args) throws Exception {
    int total = Integer.parseInt(args[0]);
    int port = LoTraffic.freeUdpPort();
    AtomicLong seen = new AtomicLong();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long[] heap = new long[2];
    try (LiveCapture cap = LiveCapture.on("lo").bpfFilter("udp dst port " + port).bufferSize(8 << 20).start()) {
      Thread sender = new Thread(() -> {
        byte[] payload = "netsift flood".getBytes();
        long deadline = System.nanoTime() + 120_000_000_000L;
        try (DatagramSocket s = new DatagramSocket(0, LoTraffic.LOCALHOST)) {
          DatagramPacket d = new DatagramPacket(payload, payload.length, LoTraffic.LOCALHOST, port);
          long sent = 0;
          while (!cap.isClosed() && System.nanoTime() < deadline) {
            if (sent - seen.get() >= WINDOW) {
              Thread.onSpinWait();
              continue;
            }
            s.send(d);
            sent++;
          }
        } catch (Exception e) {
          if (!cap.isClosed()) {
            e.printStackTrace();
          }
        }
      }, "flood");
      sender.setDaemon(true);
      sender.start();
      cap.sniffContinuously(total).forEach(p -> {
        long n = seen.incrementAndGet();
        if (!"13".equals(p.get("udp.length")) && !"21".equals(p.get("udp.length"))) {
          throw new AssertionError("unexpected packet " + p);
        }
        if (n == total / 10 || n == total) {
          System.gc();
          heap[n == total ? 1 : 0] = memory.getHeapMemoryUsage().getUsed() / 1024;
        }
      });
      CaptureStats s = cap.stats();
      System.out.println("captured=" + seen.get() + " dropped=" + s.dropped() + " heapEarlyKb=" + heap[0]
          + " heapLateKb=" + heap[1]);
    }
  }
}

package io.netsift.live;

import io.netsift.core.Packet;
import io.netsift.core.Packets;
import io.netsift.core.capture.Frame;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.filter.Filter;
import io.netsift.core.filter.FilterException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Packets captured live, like pyshark's {@code LiveCapture}:
 *
 * <pre>{@code
 * try (LiveCapture cap = LiveCapture.on("lo").bpfFilter("udp port 5353").displayFilter("dns")) {
 *   for (Packet p : cap.sniff(10)) { ... }                  // or sniff(Duration.ofSeconds(5))
 *   cap.sniffContinuously().limit(100).forEach(...);        // a Stream, ends when the capture closes
 *   cap.applyOnPackets(p -> ..., Duration.ofMinutes(1));
 * }
 * }</pre>
 *
 * <p>Options are set before the first packet is asked for (or {@link #start()}, which opens the
 * interfaces at once, so that traffic sent right after is seen). The BPF filter runs in the
 * kernel; the display filter (Wireshark's language, or any predicate over the dissection) runs
 * on each dissected packet before a {@link Packet} is built. Nothing is kept: a packet handed
 * out is the caller's, and memory stays flat however long the capture runs.
 *
 * <p>One thread reads packets at a time; {@link #close()} may be called from any thread and ends
 * a running {@code sniff}, stream, iteration or {@code applyOnPackets} within about 50 ms.
 */
public final class LiveCapture implements Iterable<Packet>, AutoCloseable {
  private final LiveSource.Builder options;
  private Predicate<Dissection> displayFilter;
  private Protocols protocols = Protocols.standard();
  private volatile LiveSource source;
  private DissectionEngine engine;
  private final Frame frame = new Frame();
  private volatile boolean closed;

  private LiveCapture(List<String> interfaces) {
    this.options = LiveSource.builder(interfaces);
  }

  /** A capture on one or more interfaces (names, or numbers as {@code netsift ifaces} lists them). */
  public static LiveCapture on(String... interfaces) {
    return new LiveCapture(List.of(interfaces));
  }

  public static LiveCapture on(List<String> interfaces) {
    return new LiveCapture(interfaces);
  }

  /** A BPF capture filter, in libpcap's syntax ({@code "udp port 53"}); applied in the kernel. */
  public LiveCapture bpfFilter(String filter) {
    configurable();
    options.bpfFilter(filter);
    return this;
  }

  /**
   * A Wireshark display filter ({@code "dns && ip.src == 127.0.0.1"}).
   *
   * @throws IllegalArgumentException when the filter does not compile (the message is tshark's,
   *     with the offending part underlined; the cause is the {@link FilterException})
   */
  public LiveCapture displayFilter(String filter) {
    configurable();
    if (filter == null || filter.isBlank()) {
      displayFilter = null;
      return this;
    }
    try {
      Filter f = Filter.compile(filter);
      displayFilter = f::matches;
    } catch (FilterException e) {
      throw new IllegalArgumentException(e.pointer(), e);
    }
    return this;
  }

  /** Keeps only packets whose dissection the predicate accepts (it sees the engine's reused dissection). */
  public LiveCapture displayFilter(Predicate<Dissection> filter) {
    configurable();
    displayFilter = filter;
    return this;
  }

  /** Bytes kept of each packet (default 262144). */
  public LiveCapture snapLength(int bytes) {
    configurable();
    options.snapLength(bytes);
    return this;
  }

  /** Promiscuous mode, on by default. */
  public LiveCapture promiscuous(boolean on) {
    configurable();
    options.promiscuous(on);
    return this;
  }

  /** The kernel buffer in bytes (default 32 MiB, {@link LiveSource#DEFAULT_BUFFER_SIZE}; 0: libpcap's 2 MiB). */
  public LiveCapture bufferSize(int bytes) {
    configurable();
    options.bufferSize(bytes);
    return this;
  }

  /** Dissect with another protocol registry (Decode As). */
  public LiveCapture protocols(Protocols p) {
    configurable();
    this.protocols = Objects.requireNonNull(p);
    return this;
  }

  private void configurable() {
    if (source != null || closed) {
      throw new IllegalStateException("set capture options before the capture starts");
    }
  }

  /**
   * Opens the interfaces now (otherwise the first packet request does). Idempotent.
   *
   * @throws LiveCaptureException no libpcap, no permission, no such interface, bad BPF filter
   */
  public synchronized LiveCapture start() {
    if (closed) {
      throw new IllegalStateException("capture is closed");
    }
    if (source == null) {
      engine = new DissectionEngine(protocols);
      source = options.open();
    }
    return this;
  }

  /**
   * The next packet that passes the display filter, waiting up to {@code timeoutNanos}
   * (negative: without limit); null when the time ran out or the capture closed.
   */
  private synchronized Packet next(long timeoutNanos) {
    if (closed) {
      return null;
    }
    LiveSource s = start().source;
    long start = System.nanoTime();
    while (true) {
      long left = timeoutNanos < 0 ? -1 : Math.max(0, timeoutNanos - (System.nanoTime() - start));
      int r = s.next(frame, left);
      if (r != 1) {
        return null;
      }
      Dissection d = engine.dissect(frame);
      if (displayFilter != null && !displayFilter.test(d)) {
        continue;
      }
      engine.markDisplayed(d);
      return Packets.of(d);
    }
  }

  /** Captures {@code count} packets (fewer if the capture is closed meanwhile). */
  public List<Packet> sniff(int count) {
    return sniff(count, null);
  }

  /** Captures for {@code timeout} and returns what came. */
  public List<Packet> sniff(Duration timeout) {
    return sniff(Integer.MAX_VALUE, timeout);
  }

  /** Captures until {@code count} packets came or {@code timeout} (null: none) passed, like pyshark's sniff. */
  public List<Packet> sniff(int count, Duration timeout) {
    List<Packet> out = new ArrayList<>();
    long deadline = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
    while (out.size() < count) {
      long left = timeout == null ? -1 : deadline - System.nanoTime();
      if (timeout != null && left <= 0) {
        break;
      }
      Packet p = next(left);
      if (p == null) {
        if (closed || source.stopRequested() || timeout != null) {
          break;
        }
        continue;
      }
      out.add(p);
    }
    return out;
  }

  /**
   * Packets as they arrive, as a sequential stream that ends when the capture is closed
   * (pyshark's sniff_continuously); {@code .limit(n)} stops after n.
   */
  public Stream<Packet> sniffContinuously() {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  /** At most {@code count} packets as they arrive (pyshark's sniff_continuously(packet_count)). */
  public Stream<Packet> sniffContinuously(int count) {
    return sniffContinuously().limit(count);
  }

  /** Iterates packets as they arrive; {@code hasNext()} blocks and returns false once the capture is closed. */
  @Override
  public Iterator<Packet> iterator() {
    if (closed) {
      return java.util.Collections.emptyIterator();
    }
    start();
    return new Iterator<>() {
      private Packet next;

      @Override
      public boolean hasNext() {
        while (next == null) {
          if (closed || source.stopRequested()) {
            return false;
          }
          next = LiveCapture.this.next(-1);
        }
        return true;
      }

      @Override
      public Packet next() {
        if (!hasNext()) {
          throw new NoSuchElementException("the capture is closed");
        }
        Packet p = next;
        next = null;
        return p;
      }
    };
  }

  /** Calls {@code callback} with every packet until the capture is closed. */
  public void applyOnPackets(Consumer<Packet> callback) {
    for (Packet p : this) {
      callback.accept(p);
    }
  }

  /**
   * Calls {@code callback} with every packet until the capture is closed, giving up when
   * {@code timeout} has passed (pyshark's apply_on_packets(callback, timeout)); the capture stays
   * open, so this can be called again.
   *
   * @throws TimeoutException when the time ran out before the capture was closed
   */
  public void applyOnPackets(Consumer<Packet> callback, Duration timeout) throws TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    start();
    while (!closed && !source.stopRequested()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new TimeoutException("applyOnPackets: timed out after " + timeout + " ("
            + source.captured() + " packets captured)");
      }
      Packet p = next(left);
      if (p != null) {
        callback.accept(p);
      }
    }
  }

  /** libpcap's counters: received, dropped (kernel buffer full), and packets read. */
  public CaptureStats stats() {
    LiveSource s = source;
    return s == null ? new CaptureStats(0, 0, 0, 0) : s.stats();
  }

  /** The interfaces captured on, in {@link Packet#interfaceId()} order (after {@link #start()}). */
  public List<String> interfaces() {
    return start().source.interfaces();
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  /** Ends the capture and frees the interfaces; safe from any thread, idempotent. */
  @Override
  public void close() {
    closed = true;
    LiveSource s = source;
    if (s != null) {
      s.close();
    }
  }
}

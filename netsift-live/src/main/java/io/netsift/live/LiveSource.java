package io.netsift.live;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import io.netsift.core.capture.Frame;
import io.netsift.core.capture.InterfaceInfo;
import io.netsift.core.capture.LinkType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Frames from one or more interfaces, read through libpcap as one stream — the layer under
 * {@link LiveCapture} and {@code netsift capture}. Each interface is a non-blocking
 * {@code pcap_t}; {@link #next} takes packets round-robin and, when none is waiting, sleeps in
 * one poll(2) over all of them. A frame's bytes are copied into one reused buffer, so memory
 * does not grow with the number of packets; {@link Frame#interfaceId} is the interface's
 * position in {@link #interfaces()}.
 *
 * <p>One thread reads; {@link #requestStop()} (and {@link #close()}) may be called from any
 * other thread or a shutdown hook, and the reader then sees the end within one poll interval.
 */
public final class LiveSource implements AutoCloseable {
  /**
   * Kernel buffer per interface unless told otherwise: 32 MiB, where tshark and libpcap use 2.
   * A JVM runs its first packets slowly while it compiles the dissectors; at 50,000 packets/s on
   * lo 2 MiB last a fifth of a second and dropped packets at every start (docs/bench-live.md).
   */
  public static final int DEFAULT_BUFFER_SIZE = 32 << 20;

  /** Longest sleep in poll(2), so a stop request is seen within this time even without a packet. */
  static final int POLL_MILLIS = 50;

  /** Options for {@link LiveSource}; {@link #open()} activates the interfaces. */
  public static final class Builder {
    final List<String> interfaces;
    int snapLength = LinkType.MAX_PACKET_LENGTH;
    boolean promiscuous = true;
    String bpfFilter;
    int bufferSize = DEFAULT_BUFFER_SIZE;
    boolean immediate;
    int timeoutMillis = 100;

    private Builder(List<String> interfaces) {
      if (interfaces.isEmpty()) {
        throw new IllegalArgumentException("no interface to capture on");
      }
      this.interfaces = List.copyOf(interfaces);
    }

    /** Bytes kept of each packet (tshark's -s; default 262144). */
    public Builder snapLength(int bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("snap length must be positive: " + bytes);
      }
      this.snapLength = bytes;
      return this;
    }

    /** Promiscuous mode (the default, as in tshark; -p turns it off). */
    public Builder promiscuous(boolean on) {
      this.promiscuous = on;
      return this;
    }

    /** A BPF capture filter in libpcap's syntax ({@code udp port 53}), compiled by libpcap. */
    public Builder bpfFilter(String filter) {
      this.bpfFilter = filter;
      return this;
    }

    /**
     * The kernel ring buffer in bytes (tshark's -B, in MiB there); default
     * {@link #DEFAULT_BUFFER_SIZE}, 0 for libpcap's 2 MiB.
     */
    public Builder bufferSize(int bytes) {
      this.bufferSize = bytes;
      return this;
    }

    /**
     * Deliver each packet at once instead of when a kernel buffer block fills or 100 ms pass (the
     * default). On Linux immediate mode makes libpcap use fixed-size ring slots (TPACKET_V2),
     * each as large as the snap length allows, so the same buffer holds far fewer packets and
     * bursts get dropped; enlarge {@link #bufferSize} when turning it on.
     */
    public Builder immediate(boolean on) {
      this.immediate = on;
      return this;
    }

    /** Opens and activates every interface; closes the ones already open if one fails. */
    public LiveSource open() {
      Libpcap.load();
      List<PcapHandle> handles = new ArrayList<>();
      try {
        for (String name : interfaces) {
          handles.add(PcapHandle.open(Interfaces.resolve(name), handles.size(), this));
        }
      } catch (RuntimeException e) {
        for (PcapHandle h : handles) {
          h.close();
        }
        throw e;
      }
      return new LiveSource(handles);
    }
  }

  private final PcapHandle[] handles;
  private final Memory pollFds;
  private final byte[] buffer;
  private final ReentrantLock reading = new ReentrantLock();
  private final Object lifecycle = new Object();
  private volatile boolean stop;
  private boolean closed;
  private int nextHandle;
  private CaptureStats finalStats;

  private LiveSource(List<PcapHandle> handles) {
    this.handles = handles.toArray(new PcapHandle[0]);
    int snap = 0;
    for (PcapHandle h : this.handles) {
      snap = Math.max(snap, h.snapLength);
    }
    this.buffer = new byte[Math.max(snap, 64)];
    this.pollFds = new Memory((long) Libpcap.Poll.SIZE * this.handles.length);
    for (int i = 0; i < this.handles.length; i++) {
      pollFds.setInt((long) i * Libpcap.Poll.SIZE, this.handles[i].fd);
      pollFds.setShort((long) i * Libpcap.Poll.SIZE + 4, Libpcap.Poll.POLLIN);
    }
  }

  /** Options for capturing on these interfaces (names, or numbers from {@link Interfaces#list()}). */
  public static Builder builder(String... interfaces) {
    return new Builder(List.of(interfaces));
  }

  public static Builder builder(List<String> interfaces) {
    return new Builder(Objects.requireNonNull(interfaces));
  }

  /**
   * Waits up to {@code timeoutNanos} (negative: until a packet or a stop) for the next packet.
   *
   * @return 1 when {@code frame} holds a packet (valid until the next call), 0 when the time
   *     ran out, -1 when the capture was stopped or closed
   */
  public int next(Frame frame, long timeoutNanos) {
    reading.lock();
    try {
      long start = System.nanoTime();
      while (true) {
        if (stop || closed) {
          return -1;
        }
        int n = handles.length;
        for (int k = 0; k < n; k++) {
          int i = (nextHandle + k) % n;
          if (handles[i].next(frame, buffer) == 1) {
            nextHandle = (i + 1) % n; // round-robin keeps interfaces roughly in time order
            return 1;
          }
        }
        if (stop) {
          return -1;
        }
        long wait = POLL_MILLIS;
        if (timeoutNanos >= 0) {
          long left = timeoutNanos - (System.nanoTime() - start);
          if (left <= 0) {
            return 0;
          }
          wait = Math.min(wait, (left + 999_999) / 1_000_000);
        }
        for (int i = 0; i < n; i++) {
          pollFds.setShort((long) i * Libpcap.Poll.SIZE + 6, (short) 0);
        }
        Libpcap.Poll.poll(pollFds, new NativeLong(n), (int) wait); // EINTR or timeout: just try again
      }
    } finally {
      reading.unlock();
    }
  }

  /** Ends the capture: the reader's {@link #next} returns -1. Safe from any thread (uses pcap_breakloop). */
  public void requestStop() {
    stop = true;
    synchronized (lifecycle) {
      if (!closed) {
        for (PcapHandle h : handles) {
          h.breakLoop();
        }
      }
    }
  }

  /** Whether {@link #requestStop()} or {@link #close()} was called. */
  public boolean stopRequested() {
    return stop;
  }

  /** The interface names, in {@link Frame#interfaceId} order. */
  public List<String> interfaces() {
    List<String> out = new ArrayList<>();
    for (PcapHandle h : handles) {
      out.add(h.name);
    }
    return out;
  }

  /** Link type (LINKTYPE_*) of interface {@code id}. */
  public int linkType(int id) {
    return handles[id].linkType;
  }

  /** What a pcapng interface block would say about interface {@code id}. */
  public InterfaceInfo interfaceInfo(int id) {
    return handles[id].info;
  }

  /** libpcap's counters summed over the interfaces (the last ones read, once closed). */
  public CaptureStats stats() {
    reading.lock();
    try {
      if (closed) {
        return finalStats;
      }
      return currentStats();
    } finally {
      reading.unlock();
    }
  }

  /** Per-interface counters, in {@link #interfaces()} order (empty once closed). */
  public List<CaptureStats> statsPerInterface() {
    reading.lock();
    try {
      List<CaptureStats> out = new ArrayList<>();
      if (!closed) {
        for (PcapHandle h : handles) {
          out.add(h.stats());
        }
      }
      return out;
    } finally {
      reading.unlock();
    }
  }

  private CaptureStats currentStats() {
    CaptureStats s = new CaptureStats(0, 0, 0, 0);
    for (PcapHandle h : handles) {
      s = s.plus(h.stats());
    }
    return s;
  }

  /** Packets read so far, all interfaces. */
  public long captured() {
    long n = 0;
    for (PcapHandle h : handles) {
      n += h.captured;
    }
    return n;
  }

  /** Stops, reads the final statistics, and closes every pcap handle. */
  @Override
  public void close() {
    requestStop();
    reading.lock(); // waits for a reader to leave next(), at most one poll interval
    try {
      synchronized (lifecycle) {
        if (closed) {
          return;
        }
        finalStats = currentStats();
        closed = true;
        for (PcapHandle h : handles) {
          h.close();
        }
      }
    } finally {
      reading.unlock();
    }
  }
}

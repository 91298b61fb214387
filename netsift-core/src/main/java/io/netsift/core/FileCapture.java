package io.netsift.core;

import io.netsift.core.capture.CaptureReader;
import io.netsift.core.capture.CaptureReaders;
import io.netsift.core.capture.Frame;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.output.SummaryFormat;
import io.netsift.core.output.TimeFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A capture file read packet by packet, like pyshark's {@code FileCapture}: iterate it,
 * index it ({@link #get(int)}, 0-based, when packets are kept), or hand every packet to a
 * callback ({@link #applyOnPackets}). The file is read lazily and only once; with
 * {@code keepPackets(false)} memory stays constant whatever the file size.
 *
 * <p>A damaged file yields every good packet, then iteration throws an
 * {@link UncheckedIOException} whose cause is the reader's
 * {@link io.netsift.core.capture.CaptureFormatException} (with the byte offset).
 */
public final class FileCapture implements Iterable<Packet>, AutoCloseable {
  /** Options for {@link FileCapture}; {@link #open()} starts reading. */
  public static final class Builder {
    private final Path path;
    private final InputStream stream;
    private boolean keepPackets = true;
    private boolean onlySummaries;
    private Predicate<Packet> displayFilter;
    private io.netsift.core.filter.Filter compiled;
    private Protocols protocols = Protocols.standard();
    private boolean twoPass;

    private Builder(Path path, InputStream stream) {
      this.path = path;
      this.stream = stream;
    }

    /** Keep every packet read so {@link FileCapture#get(int)} works (the default), or stream. */
    public Builder keepPackets(boolean keep) {
      this.keepPackets = keep;
      return this;
    }

    /** Build only the summary columns of each packet (pyshark's only_summaries). */
    public Builder onlySummaries() {
      this.onlySummaries = true;
      return this;
    }

    /** Keep only packets the predicate accepts (the display-filter language plugs in here). */
    public Builder displayFilter(Predicate<Packet> filter) {
      this.displayFilter = filter;
      return this;
    }

    /**
     * Keep only packets matching a Wireshark display filter; the filter is checked on the
     * layer table before a packet is built.
     *
     * @throws IllegalArgumentException with the compiler's message (column and caret line)
     */
    public Builder displayFilter(String filter) {
      try {
        this.compiled = io.netsift.core.filter.Filter.compile(filter);
      } catch (io.netsift.core.filter.FilterException e) {
        throw new IllegalArgumentException(e.pointer(), e);
      }
      return this;
    }

    /** Dissect with another protocol registry (Decode As). */
    public Builder protocols(Protocols p) {
      this.protocols = Objects.requireNonNull(p);
      return this;
    }

    /**
     * Sends a port (or IP protocol, EtherType) to a dissector, as tshark's {@code -d}:
     * {@code decodeAs("tcp.port==8080,http")}.
     *
     * @throws IllegalArgumentException for a malformed rule or an unknown protocol
     */
    public Builder decodeAs(String rule) {
      this.protocols = io.netsift.core.dissect.DecodeAs.apply(protocols, rule);
      return this;
    }

    /** Sets a preference, as tshark's {@code -o name:value} ({@code tcp.desegment_tcp_streams:FALSE}). */
    public Builder preference(String nameColonValue) {
      this.protocols = io.netsift.core.dissect.DecodeAs.preference(protocols, nameColonValue);
      return this;
    }

    /**
     * Reads the file twice, as tshark's {@code -2}: the first pass records the fields that point to
     * later frames ({@code tcp.reassembled_in}, {@code dns.response_in}, ...), the second shows them.
     * Files only (a stream cannot be read twice).
     */
    public Builder twoPass() {
      if (path == null) {
        throw new IllegalStateException("two passes need a file, not a stream");
      }
      this.twoPass = true;
      return this;
    }

    /** Opens the file (detecting pcap, pcapng and gzip from the magic bytes). */
    public FileCapture open() throws IOException {
      io.netsift.core.dissect.ForwardFields forward = null;
      if (twoPass) {
        forward = firstPass(path, protocols);
      }
      CaptureReader r = path != null ? CaptureReaders.open(path) : CaptureReaders.open(stream);
      return new FileCapture(r, this, forward);
    }
  }

  /** Dissects every frame of {@code path} once and returns what it recorded for a second pass. */
  public static io.netsift.core.dissect.ForwardFields firstPass(Path path, Protocols protocols) throws IOException {
    DissectionEngine first = new DissectionEngine(protocols).recordForward();
    try (CaptureReader r = CaptureReaders.open(path)) {
      Frame f = new Frame();
      try {
        while (r.next(f)) {
          first.dissect(f);
        }
      } catch (io.netsift.core.capture.CaptureFormatException e) {
        // The second pass reports the damage; what came before it counts.
      }
    }
    return first.forwardFields();
  }

  private final CaptureReader reader;
  private final Path path;
  private final Protocols protocols;
  private final DissectionEngine engine;
  private final SummaryFormat summaries = new SummaryFormat(TimeFormat.RELATIVE);
  private final boolean keep;
  private final boolean onlySummaries;
  private final Predicate<Packet> filter;
  private final io.netsift.core.filter.Filter compiled;
  private final List<Packet> kept = new ArrayList<>();
  private final Frame frame = new Frame();
  private boolean exhausted;
  private boolean iterating;
  private IOException failure;

  private FileCapture(CaptureReader reader, Builder b, io.netsift.core.dissect.ForwardFields forward) {
    this.reader = reader;
    this.path = b.path;
    this.protocols = b.protocols;
    this.engine = forward == null ? new DissectionEngine(b.protocols) : new DissectionEngine(b.protocols, forward);
    this.keep = b.keepPackets;
    this.onlySummaries = b.onlySummaries;
    this.filter = b.displayFilter;
    this.compiled = b.compiled;
  }

  /** Opens a capture file with the defaults (packets kept, every protocol). */
  public static FileCapture open(Path path) throws IOException {
    return builder(path).open();
  }

  public static Builder builder(Path path) {
    return new Builder(Objects.requireNonNull(path), null);
  }

  /** A capture read from a stream (standard input, a socket, ...), never seeked. */
  public static Builder builder(InputStream stream) {
    return new Builder(null, Objects.requireNonNull(stream));
  }

  /** Reads the next packet that passes the filter, or null at the end. */
  private Packet readNext() {
    if (exhausted) {
      return null;
    }
    try {
      while (reader.next(frame)) {
        Dissection d = engine.dissect(frame);
        if (compiled != null && !compiled.matches(d)) {
          continue;
        }
        Packet p = onlySummaries ? Packet.summaryOnly(d, summaries) : Packet.of(d, summaries);
        if (filter != null && !filter.test(p)) {
          continue;
        }
        engine.markDisplayed(d);
        if (keep) {
          kept.add(p);
        }
        return p;
      }
      exhausted = true;
      return null;
    } catch (IOException e) {
      exhausted = true;
      failure = e;
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }

  /**
   * Iterates the packets. With kept packets, a second iteration replays them and goes on
   * reading; when streaming, the capture can be iterated once.
   */
  @Override
  public Iterator<Packet> iterator() {
    if (!keep && iterating) {
      throw new IllegalStateException("a streaming capture (keepPackets(false)) can be iterated once");
    }
    iterating = true;
    return new Iterator<>() {
      private int index;
      private Packet next;

      @Override
      public boolean hasNext() {
        if (next != null) {
          return true;
        }
        if (keep && index < kept.size()) {
          next = kept.get(index);
        } else {
          next = readNext();
        }
        return next != null;
      }

      @Override
      public Packet next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Packet p = next;
        next = null;
        index++;
        return p;
      }
    };
  }

  /** The packet at a 0-based index (pyshark's {@code cap[i]}), reading as far as needed. */
  public Packet get(int index) {
    if (!keep) {
      throw new IllegalStateException("get(i) needs keepPackets(true)");
    }
    while (kept.size() <= index) {
      if (readNext() == null) {
        throw new IndexOutOfBoundsException("index " + index + ", capture has " + kept.size() + " packets");
      }
    }
    return kept.get(index);
  }

  /** Packets read and kept so far (reads the whole file first, like pyshark's len(cap) after load). */
  public int size() {
    if (!keep) {
      throw new IllegalStateException("size() needs keepPackets(true)");
    }
    while (readNext() != null) {
      // reading the rest
    }
    return kept.size();
  }

  /** Calls {@code callback} for every (remaining) packet. */
  public void applyOnPackets(Consumer<Packet> callback) {
    for (Packet p : this) {
      callback.accept(p);
    }
  }

  /**
   * Like {@link #applyOnPackets(Consumer)}, giving up when {@code timeout} has passed.
   *
   * @throws TimeoutException when time ran out before the end of the capture
   */
  public void applyOnPackets(Consumer<Packet> callback, Duration timeout) throws TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Packet p : this) {
      callback.accept(p);
      if (System.nanoTime() - deadline > 0) {
        throw new TimeoutException("applyOnPackets: timed out after " + timeout + " at packet " + p.number());
      }
    }
  }

  /**
   * Reads the file again from its start, independently of iteration, and hands every packet to
   * {@code taps} (with {@code displayed} telling whether the capture's display filter passes it),
   * as {@code tshark -z} does; each tap then holds its results. A damaged file ends the pass at
   * the damage.
   *
   * @throws IllegalStateException for a capture read from a stream (it cannot be read again)
   */
  public void runTaps(io.netsift.core.analysis.Tap... taps) throws IOException {
    if (path == null) {
      throw new IllegalStateException("taps read the file again: open the capture from a file, not a stream");
    }
    DissectionEngine e = new DissectionEngine(protocols);
    try (CaptureReader r = CaptureReaders.open(path)) {
      Frame f = new Frame();
      try {
        while (r.next(f)) {
          Dissection d = e.dissect(f);
          boolean displayed = compiled == null || compiled.matches(d);
          for (io.netsift.core.analysis.Tap tap : taps) {
            tap.packet(d, displayed);
          }
          if (displayed) {
            e.markDisplayed(d);
          }
        }
      } catch (io.netsift.core.capture.CaptureFormatException damaged) {
        // What came before the damage counts, as for the packets.
      }
    }
  }

  /**
   * TCP stream {@code streamIndex} ({@code tcp.stream}) followed as tshark's Follow TCP Stream:
   * both directions' bytes in order, each chunk with its frame, direction and time.
   */
  public io.netsift.core.analysis.FollowedStream followTcp(long streamIndex) throws IOException {
    return follow(io.netsift.core.analysis.FollowTap.Protocol.TCP, streamIndex);
  }

  /** UDP stream {@code streamIndex} ({@code udp.stream}), one chunk per datagram. */
  public io.netsift.core.analysis.FollowedStream followUdp(long streamIndex) throws IOException {
    return follow(io.netsift.core.analysis.FollowTap.Protocol.UDP, streamIndex);
  }

  /** Stream {@code streamIndex} followed at {@code protocol}'s level (HTTP: header blocks and decoded bodies). */
  public io.netsift.core.analysis.FollowedStream follow(io.netsift.core.analysis.FollowTap.Protocol protocol,
      long streamIndex) throws IOException {
    io.netsift.core.analysis.FollowTap tap = new io.netsift.core.analysis.FollowTap(protocol,
        io.netsift.core.analysis.FollowFormat.Mode.ASCII, streamIndex);
    runTaps(tap);
    return tap.stream();
  }

  /**
   * The objects {@code protocol} carried in the packets the display filter passes (HTTP bodies,
   * de-chunked and decompressed); write them with {@link io.netsift.core.analysis.ExportNames#write}.
   */
  public java.util.List<io.netsift.core.analysis.ExportedObject> exportObjects(
      io.netsift.core.analysis.ExportObjectsTap.Protocol protocol) throws IOException {
    io.netsift.core.analysis.ExportObjectsTap tap = new io.netsift.core.analysis.ExportObjectsTap(protocol, null, null);
    runTaps(tap);
    return tap.objects();
  }

  /** The damage that ended reading early, or null. */
  public IOException failure() {
    return failure;
  }

  /** The capture format ("pcap", "pcapng", with "-gzip" when compressed). */
  public String format() {
    return reader.format();
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}

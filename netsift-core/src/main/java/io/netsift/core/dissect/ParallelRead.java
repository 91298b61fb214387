package io.netsift.core.dissect;

import io.netsift.core.capture.CaptureFormatException;
import io.netsift.core.capture.CaptureReader;
import io.netsift.core.capture.CaptureReaders;
import io.netsift.core.capture.CaptureSplits;
import io.netsift.core.capture.CaptureWriter;
import io.netsift.core.capture.EncodedFrames;
import io.netsift.core.capture.Frame;
import io.netsift.core.capture.MappedInput;
import io.netsift.core.capture.RecordBoundaries;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Reads one capture file with several threads and hands the results on in file order, for
 * reads that need no state from earlier packets ({@link Stateless}): {@code -T fields -e
 * ip.src}, {@code -Y 'tcp.port == 80' -w}.
 *
 * <p>The file is cut into chunks ({@link CaptureSplits#plan}); a worker finds a chunk's first
 * record ({@link RecordBoundaries#find}), dissects its records with its own engine over a
 * {@link Protocols#stateless() stateless} registry, and fills an {@link Output}. Before its
 * chunk it dissects, without output, the records of the {@code warmup} bytes before it, so
 * that an IP datagram fragmented across the chunk boundary is still reassembled. The calling
 * thread takes the outputs in order and checks each chunk's first record against the record
 * where the chain of lengths of the chunks before it left off: by induction from the first
 * chunk, which starts right after the file header, every record is read exactly once. When a
 * check fails (a false boundary), a chunk meets damage, or a pcapng chunk meets a new interface
 * or section (which the chunks after it did not see), the rest of the file is read in order
 * on the calling thread, so the output and any error are those of a single-threaded read.
 *
 * <p>A gzip'd file cannot be cut: it is read in order on one thread, which hands copies of its
 * records on in batches to the workers ({@link #pipelined}), so that inflating is the only
 * work done in order. The same path serves reads that need frame numbers ({@link #numbered()}),
 * since only an in-order reader knows how many records came before a batch.
 */
public final class ParallelRead {
  /** What a worker made of its chunk: text lines and frames to write, in order. */
  public static final class Output {
    public final StringBuilder text = new StringBuilder();
    /**
     * The worker's own output for the chunk, written after {@link #text} (the CLI's lines,
     * already encoded), or null: what it holds is the worker's and the sink's business.
     */
    public Object sink;
    public final List<Frame> frames = new ArrayList<>();
    /** Frames to write, already encoded by the worker ({@link CaptureWriter#newBatch()}), or null. */
    public EncodedFrames encoded;
    /** Records the chunk read (for progress). */
    public long records;
    /** File offset after the chunk's last record. */
    public long position;
  }

  /** Work on one dissected frame; one per thread, so it may keep scratch state. */
  @FunctionalInterface
  public interface Worker {
    void packet(Dissection d, Frame f, Output out);
  }

  /** Receives the outputs, in file order, on the calling thread. */
  @FunctionalInterface
  public interface Sink {
    void accept(Output out) throws IOException;
  }

  private final Path path;
  private final Protocols protocols;
  private final Supplier<Worker> workers;
  private final int threads;
  private final long chunkSize;
  private final int warmup;
  private final ThreadLocal<Worker> worker;
  private boolean numbered;

  /**
   * Makes this read give every frame the number and relative and delta times of a
   * single-threaded read ({@code frame.number}): the file is then read in order on one thread
   * and dissected in batches ({@link #pipelined}), as a gzip'd file always is.
   */
  public ParallelRead numbered() {
    numbered = true;
    return this;
  }

  /**
   * @param protocols the registry of the read (made {@link Protocols#stateless()} here)
   * @param workers makes one worker per thread
   * @param threads worker threads
   * @param chunkSize bytes per chunk
   * @param warmup bytes before a chunk dissected without output
   */
  public ParallelRead(Path path, Protocols protocols, Supplier<Worker> workers, int threads,
      long chunkSize, int warmup) {
    this.path = path;
    this.protocols = protocols.isStateless() ? protocols : protocols.stateless();
    this.workers = workers;
    this.threads = Math.max(1, threads);
    this.chunkSize = Math.max(1, chunkSize);
    this.warmup = Math.max(0, warmup);
    this.worker = ThreadLocal.withInitial(workers);
  }

  /** A chunk's result: where its records began and ended, and what it made of them. */
  private static final class Result {
    long first = -1;
    long next = -1;
    boolean changed;
    CaptureFormatException error;
    final Output out = new Output();
  }

  /**
   * Reads the file, giving every output to {@code sink} in order.
   *
   * @throws CaptureFormatException where a single-threaded read would stop, after every
   *     output before the damage went to the sink
   */
  public void run(Sink sink) throws IOException {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      CaptureSplits.Head head;
      try {
        head = CaptureSplits.head(Channels.newInputStream(channel.position(0)));
      } catch (CaptureFormatException e) {
        sequential(sink, 0);
        return;
      }
      long size = channel.size();
      if (threads < 2 || size <= chunkSize) {
        sequential(sink, 0);
        return;
      }
      if (!head.splittable() || numbered) {
        pipelined(sink);
        return;
      }
      List<long[]> chunks = CaptureSplits.plan(head, size, chunkSize);
      RecordBoundaries.Source source = new RecordBoundaries.Source() {
        @Override
        public int read(long position, byte[] b, int off, int len) throws IOException {
          return channel.read(ByteBuffer.wrap(b, off, len), position);
        }

        @Override
        public long size() {
          return size;
        }
      };
      ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
        Thread t = new Thread(r, "netsift-read");
        t.setDaemon(true);
        return t;
      });
      try {
        ArrayDeque<Future<Result>> pending = new ArrayDeque<>();
        int submitted = 0;
        long expected = head.bytes().length;
        for (int k = 0; k < chunks.size(); k++) {
          while (submitted < chunks.size() && pending.size() < threads * 2) {
            long[] range = chunks.get(submitted);
            boolean firstChunk = submitted == 0;
            pending.add(pool.submit(() -> chunk(head, source, range[0], range[1], firstChunk)));
            submitted++;
          }
          Result r = get(pending.poll());
          long[] range = chunks.get(k);
          boolean inside = expected >= range[0] && expected < range[1];
          if (expected < 0) {
            return; // the file ended in an earlier chunk
          }
          if (!inside) {
            if (r.first >= 0 || expected < range[0]) {
              sequential(sink, expected); // a record found where the chain has none
              return;
            }
            continue; // one record covers the whole chunk
          }
          if (r.first != expected || r.error != null) {
            sequential(sink, expected);
            return;
          }
          sink.accept(r.out);
          expected = r.next;
          if (r.changed) {
            if (expected >= 0) {
              sequential(sink, expected);
            }
            return;
          }
        }
        if (expected >= 0 && expected < size) {
          sequential(sink, expected);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static Result get(Future<Result> f) throws IOException {
    return await(f);
  }

  /**
   * The result of a task, with its exception as thrown inside the task (an IOException, a
   * runtime exception or an error) rather than wrapped.
   */
  public static <T> T await(Future<T> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException) {
        throw (IOException) c;
      }
      if (c instanceof UncheckedIOException) {
        throw ((UncheckedIOException) c).getCause();
      }
      if (c instanceof RuntimeException) {
        throw (RuntimeException) c;
      }
      if (c instanceof Error) {
        throw (Error) c;
      }
      throw new IOException(c);
    }
  }

  /** Reads one chunk on a worker thread. */
  private Result chunk(CaptureSplits.Head head, RecordBoundaries.Source source, long from,
      long to, boolean firstChunk) throws IOException {
    Result r = new Result();
    long first = firstChunk ? from : RecordBoundaries.find(head, source, from, to);
    if (first < 0 || first >= source.size()) {
      return r;
    }
    long warm = first;
    if (!firstChunk && warmup > 0) {
      long w = RecordBoundaries.find(head, source, Math.max(head.bytes().length, first - warmup), first);
      if (w >= 0) {
        warm = w;
      }
    }
    if (!read(head, warm, first, to, r) && warm != first) {
      // The warm-up start was no boundary after all: read the chunk alone.
      Result again = new Result();
      read(head, first, first, to, again);
      return again;
    }
    return r;
  }

  /**
   * Reads from {@code start} (a boundary at or before {@code first}) to the first record at
   * or after {@code to}; false if the chain from {@code start} missed {@code first}.
   */
  private boolean read(CaptureSplits.Head head, long start, long first, long to, Result r)
      throws IOException {
    Worker w = worker.get();
    DissectionEngine engine = new DissectionEngine(protocols);
    Frame f = new Frame();
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        CaptureReader reader = CaptureReaders.openAt(head.bytes(), stream(ch, start), start)) {
      int interfaces = reader.interfaceCount();
      boolean started = false;
      try {
        while (reader.next(f)) {
          if (!started && f.fileOffset >= first) {
            if (f.fileOffset != first) {
              return false;
            }
            started = true;
            r.first = first;
          }
          if (f.fileOffset >= to) {
            r.next = f.fileOffset;
            break;
          }
          Dissection d = engine.dissect(f);
          if (started) {
            r.out.records++;
            w.packet(d, f, r.out);
          }
        }
      } catch (CaptureFormatException e) {
        if (!started) {
          return false;
        }
        r.error = e;
      }
      r.changed = reader.interfaceCount() != interfaces;
      r.out.position = r.next >= 0 ? r.next : reader.position();
      return started || r.error == null;
    }
  }

  private static InputStream stream(FileChannel ch, long offset) throws IOException {
    return CaptureReaders.mapped(ch.size()) ? new MappedInput(ch, offset) : Channels.newInputStream(ch.position(offset));
  }

  /** Frames a batch of a pipelined read holds: about a chunk's worth, 16 to 8192. */
  private int batchFrames() {
    return (int) Math.max(16, Math.min(8192, chunkSize / 512));
  }

  /**
   * Reads a file that cannot be cut (gzip): one thread inflates and reads the records in
   * order and hands copies of them on in batches; the workers dissect the batches, each after
   * the {@link #WARM_FRAMES} frames before it (without output, for IP fragments); the calling
   * thread takes the outputs in order. Inflating is then the only work in order, so the read
   * takes about as long as decompressing the file alone.
   */
  private void pipelined(Sink sink) throws IOException {
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "netsift-read");
      t.setDaemon(true);
      return t;
    });
    try (CaptureReader reader = CaptureReaders.open(path)) {
      ArrayDeque<Future<Result>> pending = new ArrayDeque<>();
      ArrayDeque<Frame> recent = new ArrayDeque<>(WARM_FRAMES);
      long framesBefore = 0;
      long firstTs = 0;
      CaptureFormatException error = null;
      Frame f = new Frame();
      boolean more = true;
      while (more || !pending.isEmpty()) {
        while (more && pending.size() < threads * 2) {
          int frames = batchFrames();
          List<Frame> batch = new ArrayList<>(frames);
          long position;
          try {
            while (batch.size() < frames && reader.next(f)) {
              batch.add(f.copy());
            }
            more = batch.size() == frames;
          } catch (CaptureFormatException e) {
            error = e;
            more = false;
          }
          position = reader.position();
          List<Frame> warm = new ArrayList<>(recent);
          if (framesBefore == 0 && !batch.isEmpty()) {
            firstTs = batch.get(0).timestampNanos;
          }
          long before = framesBefore;
          long first = firstTs;
          for (Frame b : batch) {
            if (recent.size() == WARM_FRAMES) {
              recent.poll();
            }
            recent.add(b);
          }
          framesBefore += batch.size();
          pending.add(pool.submit(() -> batch(warm, batch, position, before, first)));
        }
        if (!pending.isEmpty()) {
          sink.accept(get(pending.poll()).out);
        }
      }
      if (error != null) {
        throw error;
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Frames before a pipelined batch (from as many batches as it takes) that it dissects first. */
  static final int WARM_FRAMES = 512;

  /**
   * Dissects a batch after its warm-up frames, numbered as in the whole file: the engine starts
   * {@code framesBefore} frames in, less the warm-up frames, which take the numbers before the
   * batch's, so {@code frame.number}, {@code frame.time_relative} and {@code frame.time_delta}
   * are those of a single-threaded read.
   */
  private Result batch(List<Frame> warm, List<Frame> frames, long position, long framesBefore,
      long firstTs) {
    Result r = new Result();
    Worker w = worker.get();
    DissectionEngine engine = new DissectionEngine(protocols);
    if (framesBefore > 0) {
      long prevTs = warm.isEmpty() ? firstTs : warm.get(0).timestampNanos;
      engine.startAt(framesBefore - warm.size(), firstTs, prevTs);
    }
    for (Frame f : warm) {
      engine.dissect(f);
    }
    for (Frame f : frames) {
      r.out.records++;
      w.packet(engine.dissect(f), f, r.out);
    }
    r.out.position = position;
    return r;
  }

  /** Reads on the calling thread from the record at {@code offset} to the end. */
  private void sequential(Sink sink, long offset) throws IOException {
    Worker w = workers.get();
    DissectionEngine engine = new DissectionEngine(protocols);
    Frame f = new Frame();
    Output out = new Output();
    try (CaptureReader reader = CaptureReaders.open(path)) {
      try {
        while (reader.next(f)) {
          if (f.fileOffset < offset) {
            if (offset - f.fileOffset <= warmup) {
              engine.dissect(f);
            }
            continue;
          }
          w.packet(engine.dissect(f), f, out);
          out.records++;
          if (out.records >= 4096) {
            out.position = reader.position();
            sink.accept(out);
            out = new Output();
          }
        }
      } finally {
        out.position = reader.position();
        sink.accept(out);
      }
    }
  }
}

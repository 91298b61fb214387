package io.netsift.cli;

import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.ParallelRead;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Formats packets on other threads while the reading thread dissects the next ones, for the
 * outputs whose text needs the whole, in-order dissection but no state of its own: summary
 * lines and {@code -T json}. Dissection (TCP streams, reassembly, the Info column's analysis)
 * stays on the calling thread in file order; it hands the dissections on ({@link
 * Dissection#keep()}: a snapshot, or, from an engine that fills a new one per frame, the
 * dissection itself) in batches, and the batches' text comes back in order. Formatting a snapshot gives the same
 * text as formatting the live dissection (checked over the corpus by the CLI tests).
 */
final class FormatPipeline {
  /** Formats one batch as UTF-8 into {@code reuse} (a written batch's buffer, or null) or a buffer of its own. */
  interface BatchFormat {
    ByteBuffer format(List<Dissection> batch, byte[] reuse);
  }

  private final ExecutorService pool;
  private final Supplier<BatchFormat> formatters;
  /** Takes each formatted batch's dissections back (their engine fills them again), or null. */
  private final java.util.function.Consumer<List<Dissection>> done;
  /** Buffers whose text is written, for the next batches (no copy out of a formatter, no new arrays). */
  private final ConcurrentLinkedQueue<byte[]> free = new ConcurrentLinkedQueue<>();
  private final String separator;
  private final ReadCommand.Utf8Out out;
  private final int batchSize;
  private final int depth;
  private final ArrayDeque<Future<ByteBuffer>> pending = new ArrayDeque<>();
  private List<Dissection> batch;
  private boolean any;

  /**
   * @param formatters makes the formatter of one batch, which returns the batch's text as UTF-8
   *     (a fresh one per batch, so that a format that separates packets, as JSON's commas do,
   *     starts each batch anew)
   * @param separator text between two batches' text
   * @param done takes each batch's dissections once formatted (no text refers to them), or null
   */
  FormatPipeline(int threads, int batchSize, Supplier<BatchFormat> formatters,
      String separator, ReadCommand.Utf8Out out, java.util.function.Consumer<List<Dissection>> done) {
    this.done = done;
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "netsift-format");
      t.setDaemon(true);
      return t;
    });
    this.formatters = formatters;
    this.separator = separator;
    this.out = out;
    this.batchSize = batchSize;
    this.depth = threads * 2;
    this.batch = new ArrayList<>(batchSize);
  }

  /** Queues a packet (the dissection is kept, {@link Dissection#keep()}, now). */
  void add(Dissection live) throws IOException {
    batch.add(live.keep());
    if (batch.size() == batchSize) {
      submit();
    }
    while (pending.size() > depth) {
      write(pending.poll());
    }
  }

  private void submit() {
    if (batch.isEmpty()) {
      return;
    }
    List<Dissection> b = batch;
    batch = new ArrayList<>(batchSize);
    pending.add(pool.submit(() -> {
      ByteBuffer text = formatters.get().format(b, free.poll());
      if (done != null) {
        done.accept(b);
      }
      return text;
    }));
  }

  private void write(Future<ByteBuffer> f) throws IOException {
    ByteBuffer text = ParallelRead.await(f);
    if (any) {
      out.append(separator);
    }
    any = true;
    out.write(text.array(), text.arrayOffset() + text.position(), text.remaining());
    if (free.size() < depth + 2) {
      free.offer(text.array());
    }
  }

  /** Writes every queued packet's text and stops the threads; true if any packet was written. */
  boolean finish() throws IOException {
    try {
      submit();
      while (!pending.isEmpty()) {
        write(pending.poll());
      }
      return any;
    } finally {
      pool.shutdownNow();
    }
  }
}

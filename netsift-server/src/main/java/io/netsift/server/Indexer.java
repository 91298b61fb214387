package io.netsift.server;

import io.netsift.core.analysis.ColoringRules;
import io.netsift.core.analysis.Conversations;
import io.netsift.core.capture.CaptureFormatException;
import io.netsift.core.capture.CaptureReader;
import io.netsift.core.capture.CaptureReaders;
import io.netsift.core.capture.Frame;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.output.SummaryFormat;
import io.netsift.core.output.TimeFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Indexes captures in the background, one at a time: one pass of the engine writes every
 * packet's summary row (with its coloring rule) in batches, keeping {@code packets} and
 * {@code percent} current, then the conversations; a file damaged part-way ends {@code ready}
 * with the reader's message as a warning.
 */
public final class Indexer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Indexer.class.getName());
  static final List<String> CONVERSATION_KINDS = List.of("eth", "ip", "ipv6", "tcp", "udp");
  private static final int BATCH = 5000;

  private final CaptureRepository repo;
  private final CaptureStore store;
  private final ColoringRules rules;
  private final ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "netsift-indexer");
    t.setDaemon(true);
    return t;
  });

  public Indexer(CaptureRepository repo, CaptureStore store, ColoringRules rules) {
    this.repo = repo;
    this.store = store;
    this.rules = rules;
  }

  /** Queues a capture for indexing. */
  public void submit(long id) {
    pool.submit(() -> {
      try {
        index(id);
      } catch (Throwable e) {
        if (pool.isShutdown()) {
          // stopped by close(): the capture stays "indexing" and the next start indexes it again
          LOG.info("indexing capture " + id + " interrupted by shutdown");
          return;
        }
        LOG.log(Level.WARNING, "indexing capture " + id + " failed", e);
        try {
          repo.fail(id, "indexing failed: " + e);
        } catch (RuntimeException again) {
          LOG.log(Level.WARNING, "could not mark capture " + id + " failed", again);
        }
      }
    });
  }

  private void index(long id) throws IOException {
    CaptureRecord c = repo.find(id).orElse(null);
    if (c == null) {
      return; // deleted while queued
    }
    repo.resetIndex(id);
    Path file = store.path(c.sha256());
    long size = Math.max(1, Files.size(file));
    DissectionEngine engine = new DissectionEngine();
    SummaryFormat summary = new SummaryFormat(TimeFormat.RELATIVE);
    List<Conversations> convs = new ArrayList<>();
    for (String k : CONVERSATION_KINDS) {
      convs.add(Conversations.of(k, null));
    }
    List<String> warnings = new ArrayList<>();
    TreeSet<Integer> links = new TreeSet<>();
    List<CaptureRepository.Row> batch = new ArrayList<>(BATCH);
    long packets = 0;
    long started = System.nanoTime();
    long dbNanos = 0;
    Long first = null;
    Long last = null;
    try (CaptureReader r = CaptureReaders.open(file)) {
      Frame f = new Frame();
      try {
        while (r.next(f)) {
          Dissection d = engine.dissect(f);
          engine.markDisplayed(d);
          Columns col = summary.columns(d);
          ColoringRules.Rule rule = rules.match(d);
          for (Conversations t : convs) {
            t.packet(d, true);
          }
          links.add(f.linkType);
          long t = f.timestampNanos;
          if (first == null) {
            first = t;
          }
          last = t;
          packets++;
          batch.add(new CaptureRepository.Row(col.number, t, d.relativeNanos(), col.source, col.destination,
              col.protocol, col.length, col.info(), rule == null ? null : rule.index()));
          if (batch.size() == BATCH) {
            int percent = (int) Math.min(99, r.position() * 100 / size);
            long t0 = System.nanoTime();
            repo.addRows(id, batch, packets, percent, first, last);
            batch.clear();
            boolean deleted = repo.find(id).isEmpty();
            dbNanos += System.nanoTime() - t0;
            if (deleted) {
              return; // deleted while indexing
            }
          }
        }
      } catch (CaptureFormatException damaged) {
        warnings.add(damaged.getMessage());
      }
    }
    repo.addRows(id, batch, packets, 99, first, last);
    List<List<CaptureRepository.Conversation>> rows = new ArrayList<>();
    for (Conversations t : convs) {
      List<CaptureRepository.Conversation> out = new ArrayList<>();
      for (Conversations.Conversation x : t.conversations()) {
        out.add(new CaptureRepository.Conversation(x.addressA, x.addressB, x.portA, x.portB, x.txFrames, x.txBytes,
            x.rxFrames, x.rxBytes, x.startNanos, x.stopNanos - x.startNanos));
      }
      rows.add(out);
    }
    StringBuilder lt = new StringBuilder();
    for (int l : links) {
      lt.append(lt.length() == 0 ? "" : ",").append(l);
    }
    long t0 = System.nanoTime();
    repo.finish(id, "ready", lt.toString(), warnings, CONVERSATION_KINDS, rows);
    dbNanos += System.nanoTime() - t0;
    LOG.info(String.format("indexed capture %d: %d packets in %d ms (database %d ms)", id, packets,
        (System.nanoTime() - started) / 1_000_000, dbNanos / 1_000_000));
  }

  @Override
  public void close() throws InterruptedException {
    pool.shutdownNow();
    pool.awaitTermination(10, TimeUnit.SECONDS);
  }
}

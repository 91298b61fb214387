package io.netsift.server;

import io.netsift.core.analysis.ColoringRules;
import io.netsift.core.capture.CaptureFormatException;
import io.netsift.core.capture.CaptureReader;
import io.netsift.core.capture.CaptureReaders;
import io.netsift.core.capture.Frame;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.filter.Filter;
import io.netsift.core.filter.FilterException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Pages of the packet list. Without a filter a page is read straight from the stored rows; with
 * one, the engine runs over the file once to find the matching frame numbers (kept in a small
 * LRU cache, so the next pages and other sort orders cost only the database), and the page's
 * rows come from the database by number.
 */
public final class PacketQuery {
  /** A page as the API answers it. */
  public record Page(long total, long offset, int limit, List<PacketRow> rows) {
  }

  private static final int CACHE = 32;

  private final CaptureRepository repo;
  private final CaptureStore store;
  private final ColoringRules rules;
  private final Map<String, CompletableFuture<BitSet>> cache = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<BitSet>> e) {
      return size() > CACHE;
    }
  };

  public PacketQuery(CaptureRepository repo, CaptureStore store, ColoringRules rules) {
    this.repo = repo;
    this.store = store;
    this.rules = rules;
  }

  /** Compiles a filter or answers 400 with {@code {message, column (1-based), length}}. */
  public static Filter compile(String filter) {
    try {
      return Filter.compile(filter);
    } catch (FilterException e) {
      throw new ApiException(400, "bad display filter: " + e.getMessage(), filterError(e));
    }
  }

  /** The details of a filter error as the API reports them. */
  public static Map<String, Object> filterError(FilterException e) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("message", e.getMessage());
    d.put("column", e.column() + 1);
    d.put("length", Math.max(1, e.length()));
    return d;
  }

  public Page page(CaptureRecord c, String filter, String sortSpec, long offset, int limit) throws IOException {
    CaptureRepository.Sort sort;
    try {
      sort = CaptureRepository.Sort.of(sortSpec);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    boolean desc = CaptureRepository.Sort.descending(sortSpec);
    if (filter == null || filter.isBlank()) {
      List<CaptureRepository.Row> rows = repo.page(c.id(), sort, desc, offset, limit);
      return new Page(c.packets(), offset, limit, colored(rows));
    }
    Filter f = compile(filter);
    BitSet matched = matching(c, f);
    long total = matched.cardinality();
    long[] page;
    if (sort == CaptureRepository.Sort.NO) {
      page = pageByNumber(matched, desc, offset, limit);
    } else {
      long[] order = repo.numbersSorted(c.id(), sort, desc);
      List<Long> sel = new ArrayList<>(limit);
      long seen = 0;
      for (long n : order) {
        if (n <= Integer.MAX_VALUE && matched.get((int) n)) {
          if (seen++ >= offset) {
            sel.add(n);
            if (sel.size() == limit) {
              break;
            }
          }
        }
      }
      page = sel.stream().mapToLong(Long::longValue).toArray();
    }
    return new Page(total, offset, limit, colored(repo.rows(c.id(), page)));
  }

  private static long[] pageByNumber(BitSet matched, boolean desc, long offset, int limit) {
    long[] out = new long[limit];
    int k = 0;
    long skip = offset;
    if (!desc) {
      for (int i = matched.nextSetBit(0); i >= 0 && k < limit; i = matched.nextSetBit(i + 1)) {
        if (skip > 0) {
          skip--;
        } else {
          out[k++] = i;
        }
      }
    } else {
      for (int i = matched.previousSetBit(matched.length() - 1); i >= 0 && k < limit; i = matched.previousSetBit(i - 1)) {
        if (skip > 0) {
          skip--;
        } else {
          out[k++] = i;
        }
      }
    }
    return java.util.Arrays.copyOf(out, k);
  }

  /** The frame numbers matching {@code f} (bit n set for frame n), computed once per capture and filter. */
  public BitSet matching(CaptureRecord c, Filter f) throws IOException {
    String key = c.id() + "\u0000" + c.sha256() + "\u0000" + f.expression();
    CompletableFuture<BitSet> mine = new CompletableFuture<>();
    CompletableFuture<BitSet> existing;
    synchronized (cache) {
      existing = cache.get(key);
      if (existing == null) {
        cache.put(key, mine);
      }
    }
    if (existing != null) {
      try {
        return existing.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      } catch (ExecutionException e) {
        throw new IOException(e.getCause().getMessage(), e.getCause());
      }
    }
    try {
      BitSet b = scan(store.path(c.sha256()), f);
      // Only a finished index is a stable answer; while indexing, compute again next time.
      if (!"ready".equals(c.state())) {
        synchronized (cache) {
          cache.remove(key);
        }
      }
      mine.complete(b);
      return b;
    } catch (IOException | RuntimeException e) {
      synchronized (cache) {
        cache.remove(key);
      }
      mine.completeExceptionally(e);
      throw e;
    }
  }

  private static BitSet scan(Path file, Filter f) throws IOException {
    BitSet b = new BitSet();
    DissectionEngine engine = new DissectionEngine();
    try (CaptureReader r = CaptureReaders.open(file)) {
      Frame frame = new Frame();
      try {
        while (r.next(frame)) {
          Dissection d = engine.dissect(frame);
          if (f.matches(d)) {
            engine.markDisplayed(d);
            b.set((int) d.number());
          }
        }
      } catch (CaptureFormatException damaged) {
        // the good packets before the damage are what the index holds too
      }
    }
    return b;
  }

  /** Drops cached results of a capture (deleted). */
  public void forget(long captureId) {
    synchronized (cache) {
      cache.keySet().removeIf(k -> k.startsWith(captureId + "\u0000"));
    }
  }

  private List<PacketRow> colored(List<CaptureRepository.Row> rows) {
    List<PacketRow> out = new ArrayList<>(rows.size());
    for (CaptureRepository.Row r : rows) {
      ColoringRules.Rule rule = r.rule() == null || r.rule() >= rules.rules().size() ? null : rules.rules().get(r.rule());
      out.add(new PacketRow(r.no(), CaptureRecord.iso(r.timeNs()), r.relNs() / 1e9, r.src(), r.dst(), r.proto(),
          r.len(), r.info(), rule == null ? null : rule.foregroundHex(), rule == null ? null : rule.backgroundHex(),
          rule == null ? null : rule.name()));
    }
    return out;
  }
}

package io.netsift.core.dissect;

import io.netsift.core.capture.Frame;
import java.util.function.Supplier;

/**
 * Runs the dissectors over frames in capture order. One engine is one pass over one capture:
 * it numbers frames, keeps the time references (first, previous, previous displayed) and
 * owns the state of stateful protocols. It reuses a single {@link Dissection}; the result of
 * {@link #dissect} is valid until the next call (use {@link Dissection#copy()} to keep it), unless
 * {@link #freshEach()} asked for a new one per frame.
 * Not thread-safe: use one engine per pass.
 */
public final class DissectionEngine {
  private final Protocols protocols;
  private Dissection d = new Dissection();
  private boolean freshEach;
  private final Object[] states;
  private final Dissector frame;
  private long frames;
  private long firstTs;
  private long prevTs;
  private long prevDisplayedTs;
  private boolean anyDisplayed;

  public DissectionEngine() {
    this(Protocols.standard());
  }

  /**
   * A second-pass engine: it shows the forward-pointing fields that the first pass
   * ({@code firstPass}, an engine that has read the whole capture) recorded, as tshark -2 does.
   */
  public DissectionEngine(Protocols protocols, ForwardFields firstPass) {
    this(protocols);
    this.shown = firstPass;
  }

  /**
   * Makes this engine a first pass: from now on it records the forward-pointing fields and late
   * facts its dissectors report, for a second pass ({@link #forwardFields()}). Off by default:
   * kept for every frame, they grow with the capture (a gigabyte's worth held some 50 MB).
   */
  public DissectionEngine recordForward() {
    if (recorded == null) {
      recorded = new ForwardFields();
    }
    return this;
  }

  /** The forward-pointing fields this engine recorded so far (give it to a second pass). */
  public ForwardFields forwardFields() {
    return recorded == null ? new ForwardFields() : recorded;
  }

  private ForwardFields recorded;
  private ForwardFields shown;

  void remember(String name, long key, long value) {
    if (recorded != null && shown == null) {
      recorded.remember(name, key, value);
    }
  }

  long recall(String name, long key) {
    return shown == null ? -1 : shown.recall(name, key);
  }

  boolean isSecondPass() {
    return shown != null;
  }

  void pointBack(long frame, Dissector owner, io.netsift.core.field.Field f, long value) {
    if (recorded != null && shown == null) {
      recorded.add(frame, owner, f, value);
    }
  }

  public DissectionEngine(Protocols protocols) {
    this.protocols = protocols;
    this.states = new Object[protocols.all().size()];
    this.frame = protocols.byName("frame");
    d.protocols = protocols;
    d.engine = this;
  }

  public Protocols protocols() {
    return protocols;
  }

  /**
   * Starts this engine mid-file, for a reader that begins at a record boundary: the next
   * frame is number {@code framesBefore + 1}, relative times count from the file's first
   * frame and the first delta from the frame before. Call it before the first
   * {@link #dissect}. State that earlier frames would have built (TCP streams, reassembly)
   * is absent, which is why only stateless fields are read this way.
   */
  public void startAt(long framesBefore, long firstTimestampNanos, long previousTimestampNanos) {
    if (frames != 0) {
      throw new IllegalStateException("startAt after " + frames + " frames were dissected");
    }
    frames = framesBefore;
    firstTs = firstTimestampNanos;
    prevTs = previousTimestampNanos;
  }

  /**
   * From now on every {@link #dissect} fills a new {@link Dissection} over its own copy of the
   * frame's bytes, so that {@link Dissection#keep()} can hand the result to another thread as it
   * is: cheaper than a {@link Dissection#copy()} afterwards, which copies and moves every layer.
   */
  public DissectionEngine freshEach() {
    freshEach = true;
    return this;
  }

  /**
   * Hands back kept dissections ({@link #freshEach()}) that no thread reads any more, for this
   * engine to fill again instead of allocating: the reading thread then makes no garbage per
   * frame for the collector to copy while other threads still format it. Thread-safe; the
   * caller must not touch them afterwards.
   */
  public void recycle(java.util.List<Dissection> done) {
    for (Dissection x : done) {
      x.retire();
    }
    returned.offer(done);
  }

  private final java.util.concurrent.ConcurrentLinkedQueue<java.util.List<Dissection>> returned =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private java.util.List<Dissection> spare;
  private int spareNext;

  private Dissection spare() {
    while (spare == null || spareNext == spare.size()) {
      spare = returned.poll();
      spareNext = 0;
      if (spare == null) {
        return new Dissection();
      }
    }
    return spare.get(spareNext++);
  }

  /** Dissects the next frame of the capture (frames must come in capture order). */
  public Dissection dissect(Frame f) {
    frames++;
    if (freshEach) {
      d = spare();
      d.protocols = protocols;
      d.engine = this;
      d.reset(f, frames);
      d.ownFrame();
    } else {
      d.reset(f, frames);
    }
    long ts = f.timestampNanos;
    if (frames == 1) {
      firstTs = ts;
      prevTs = ts;
    }
    d.relativeNanos = ts - firstTs;
    d.deltaNanos = ts - prevTs;
    d.deltaDisplayedNanos = anyDisplayed ? ts - prevDisplayedTs : 0;
    prevTs = ts;
    d.forward = shown == null ? null : shown.of(frames);
    run(d);
    return d;
  }

  /** Tells the engine that the frame just dissected is displayed (for frame.time_delta_displayed). */
  public void markDisplayed(Dissection dissection) {
    prevDisplayedTs = dissection.timestampNanos;
    anyDisplayed = true;
  }

  private void run(Dissection d) {
    chain(d, frame, d.frameStart, d.frameEnd);
    // Further PDUs a dissector queued (several messages in one TCP segment), each with its
    // own chain of layers, in order.
    while (!d.stop && d.queueNext < d.queued) {
      int k = d.queueNext++;
      chain(d, d.queueProto[k], d.queueFrom[k], d.queueTo[k]);
    }
  }

  private void chain(Dissection d, Dissector p, int from, int to) {
    Dissector data = protocols.data();
    while (p != null && d.count < Dissection.MAX_LAYERS) {
      int layer = d.add(p, from, to);
      Dissector next = p.dissect(d, layer);
      if (d.stop) {
        d.add(protocols.malformed(), d.end[layer], d.end[layer]);
        return;
      }
      from = d.payloadStart;
      to = d.payloadEnd;
      if (next == null && from < to && p.payloadBecomesData() && p != data) {
        next = data;
      }
      p = next;
    }
  }

  @SuppressWarnings("unchecked")
  <T> T state(Dissector owner, Supplier<T> create) {
    Object s = states[owner.id];
    if (s == null) {
      s = create.get();
      states[owner.id] = s;
    }
    return (T) s;
  }

  void forgetStreams(long[] streams, int n) {
    for (Object s : states) {
      if (s instanceof Dissection.StreamState) {
        ((Dissection.StreamState) s).forgetStreams(streams, n);
      }
    }
  }

  private final java.util.Map<String, Dissector> expected = new java.util.HashMap<>();
  /** Ports with an announced conversation: the address string is built only for these. */
  private final java.util.BitSet expectedPorts = new java.util.BitSet(65536);

  void expect(Protocols.Table table, String address, int port, Dissector p) {
    expected.put(table.ordinal() + "/" + address + "/" + port, p);
    expectedPorts.set(port & 0xffff);
  }

  Dissector expected(Protocols.Table table, String address, int port) {
    return expected.isEmpty() ? null : expected.get(table.ordinal() + "/" + address + "/" + port);
  }

  boolean portExpected(int port) {
    return expectedPorts.get(port & 0xffff);
  }

  /** Frames dissected so far. */
  public long frameCount() {
    return frames;
  }
}

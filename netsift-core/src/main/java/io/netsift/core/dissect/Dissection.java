package io.netsift.core.dissect;

import io.netsift.core.capture.Frame;
import java.util.Arrays;

/**
 * The layer table of one frame: for each layer its dissector, byte range and a few numbers
 * the first pass worked out (annotations such as a TCP stream index), plus expert notes.
 * It holds no objects per field; fields are read on demand through {@link Tree}.
 *
 * <p>The engine reuses one instance per pass; {@link #copy()} makes a standalone snapshot
 * (with its own copy of the frame bytes) for packets that are kept.
 */
public final class Dissection {
  static final int MAX_LAYERS = 256;

  // Who is dissecting: the registry and the per-capture state of stateful protocols.
  Protocols protocols;
  DissectionEngine engine;

  // The frame.
  byte[] data;
  int frameStart;
  int frameEnd;
  long number;
  long timestampNanos;
  long originalLength;
  int linkType;
  int interfaceId;
  String comment;
  private Object tapOnly;
  io.netsift.core.capture.InterfaceInfo interfaceInfo;
  int sectionNumber;
  long packetFlags;
  long dropCount;
  int timestampDigits;
  long relativeNanos;
  long deltaNanos;
  long deltaDisplayedNanos;
  long fileOffset;

  // The layers.
  int count;
  Dissector[] proto;
  int[] start;
  int[] end;
  int[] annStart;
  int[] annCount;
  long[] ann;
  int annUsed;
  Object[] attachment;
  int[] headerEnd;

  // Expert notes: layer, kind, offset, length, message override.
  int experts;
  int[] expertLayer;
  Expert[] expertKind;
  int[] expertOffset;
  int[] expertLength;
  String[] expertText;

  // Bytes that are not in the frame (reassembled PDUs), appended after it in a private buffer.
  int dataEnd;
  byte[] own;
  int sources;
  String[] sourceName;
  int[] sourceStart;
  int[] sourceLength;

  // Layers a dissector queued to run after the current chain (further PDUs of a segment).
  int queued;
  int queueNext;
  Dissector[] queueProto;
  int[] queueFrom;
  int[] queueTo;

  // Forward-pointing fields a first pass recorded for this frame (second pass only).
  java.util.List<ForwardFields.Entry> forward;

  // Output of the dissector that ran last.
  int payloadStart;
  int payloadEnd;
  int dispatchKey;
  boolean stop;

  /** A dissection for an engine to fill. */
  Dissection() {
    proto = new Dissector[8];
    start = new int[8];
    end = new int[8];
    annStart = new int[8];
    annCount = new int[8];
    ann = new long[16];
    attachment = new Object[8];
    headerEnd = new int[8];
    expertLayer = new int[2];
    expertKind = new Expert[2];
    expertOffset = new int[2];
    expertLength = new int[2];
    expertText = new String[2];
    own = new byte[0];
    sourceName = new String[2];
    sourceStart = new int[2];
    sourceLength = new int[2];
    queueProto = new Dissector[4];
    queueFrom = new int[4];
    queueTo = new int[4];
  }

  /** A snapshot's shell: {@link #copy()} sets every array. */
  private Dissection(boolean snapshot) {
    own = new byte[0];
    queueProto = new Dissector[0];
    queueFrom = new int[0];
    queueTo = new int[0];
  }

  void reset(Frame f, long frameNumber) {
    data = f.data;
    frameStart = f.offset;
    frameEnd = f.offset + f.capturedLength;
    dataEnd = frameEnd;
    sources = 0;
    queued = 0;
    queueNext = 0;
    number = frameNumber;
    timestampNanos = f.timestampNanos;
    originalLength = f.originalLength;
    linkType = f.linkType;
    interfaceId = f.interfaceId;
    comment = f.comment;
    tapOnly = null;
    interfaceInfo = f.interfaceInfo;
    sectionNumber = f.sectionNumber;
    packetFlags = f.packetFlags;
    dropCount = f.dropCount;
    timestampDigits = f.timestampDigits;
    fileOffset = f.fileOffset;
    count = 0;
    annUsed = 0;
    experts = 0;
    stop = false;
  }

  /**
   * Moves the frame into a private buffer of its own (for an engine's fresh dissections); a
   * recycled dissection's buffer is reused when the frame fits.
   */
  void ownFrame() {
    int n = frameEnd - frameStart;
    if (own.length >= n) {
      System.arraycopy(data, frameStart, own, 0, n);
      data = own;
    } else {
      data = Arrays.copyOfRange(data, frameStart, frameEnd);
      own = data;
    }
    frameEnd -= frameStart;
    frameStart = 0;
    dataEnd = frameEnd;
    fresh = true;
  }

  /** Set for a dissection that its engine will not reuse ({@link DissectionEngine#freshEach()}). */
  private boolean fresh;

  /** Buffers above this size are not kept for reuse by a recycled dissection. */
  private static final int KEEP_OWN = 4096;

  /**
   * Readies a kept dissection that nobody reads any more for its engine's next frame
   * ({@link DissectionEngine#recycle}): it drops what would keep much memory alive.
   */
  void retire() {
    if (own.length > KEEP_OWN) {
      own = new byte[0];
    }
    data = own;
    Arrays.fill(attachment, 0, Math.min(count, attachment.length), null);
    comment = null;
    tapOnly = null;
    interfaceInfo = null;
    forward = null;
  }

  /**
   * This dissection, to be kept past the engine's next call and read on any thread: itself,
   * detached from the engine's state like a snapshot, when the engine fills a new one per frame
   * ({@link DissectionEngine#freshEach()}); else a {@link #copy()}. Either formats the same.
   */
  public Dissection keep() {
    if (!fresh) {
      return copy();
    }
    engine = null;
    return this;
  }

  int add(Dissector p, int from, int to) {
    if (count == proto.length) {
      int n = count * 2;
      proto = Arrays.copyOf(proto, n);
      start = Arrays.copyOf(start, n);
      end = Arrays.copyOf(end, n);
      annStart = Arrays.copyOf(annStart, n);
      annCount = Arrays.copyOf(annCount, n);
      attachment = Arrays.copyOf(attachment, n);
      headerEnd = Arrays.copyOf(headerEnd, n);
    }
    proto[count] = p;
    start[count] = from;
    end[count] = to;
    annStart[count] = annUsed;
    annCount[count] = 0;
    attachment[count] = null;
    headerEnd[count] = -1;
    payloadStart = to;
    payloadEnd = to;
    return count++;
  }

  // ---- for dissectors ----

  /** The registry, for dispatch-table look-ups. */
  public Protocols protocols() {
    return protocols;
  }

  /**
   * Per-capture state of a stateful protocol (TCP conversations, for instance), created on
   * first use. Only valid during the pass; snapshots made by {@link #copy()} have none.
   */
  public <T> T state(Dissector owner, java.util.function.Supplier<T> create) {
    if (engine == null) {
      throw new IllegalStateException("no dissection pass for state of " + owner.name());
    }
    return engine.state(owner, create);
  }

  /**
   * Per-capture state that keeps something per TCP stream ({@code tcp.stream}): when TCP drops
   * the longest-idle streams to stay within {@code tcp.state_max_total}, the protocols above
   * drop what they keep for those streams too.
   */
  public interface StreamState {
    /** Forgets TCP streams {@code streams[0..n)}. */
    void forgetStreams(long[] streams, int n);

    /** Removes {@code streams[0..n)} from a map keyed by stream index. */
    static void removeAll(java.util.Map<Long, ?> byStream, long[] streams, int n) {
      if (!byStream.isEmpty()) {
        for (int i = 0; i < n; i++) {
          byStream.remove(streams[i]);
        }
      }
    }
  }

  /** Tells every {@link StreamState} of this pass that TCP dropped streams {@code streams[0..n)}. */
  public void forgetStreams(long[] streams, int n) {
    if (engine != null && n > 0) {
      engine.forgetStreams(streams, n);
    }
  }

  /** The frame bytes (absolute indexes; see {@link #start}/{@link #end}). */
  public byte[] data() {
    return data;
  }

  /** Start of layer {@code i} in {@link #data()}. */
  public int start(int i) {
    return start[i];
  }

  /** End (exclusive) of layer {@code i}, payload included. */
  public int end(int i) {
    return end[i];
  }

  /** Captured bytes available to layer {@code i}. */
  public int length(int i) {
    return end[i] - start[i];
  }

  /** Shrinks layer {@code i} to end at {@code newEnd} (a length field says it is shorter). */
  public void setEnd(int i, int newEnd) {
    if (newEnd >= start[i] && newEnd < end[i]) {
      end[i] = newEnd;
    }
  }

  /**
   * Adds bytes that are not in the frame, such as a PDU reassembled from several segments
   * (tshark's "Reassembled TCP" data source), and returns the absolute index where they start
   * in {@link #data()}, right after the frame and any earlier source. The first call copies the
   * frame into a private buffer at the same offsets, so every index stays valid; re-read
   * {@link #data()} afterwards.
   */
  public int addSource(String name, byte[] src, int off, int len) {
    if (data != own) {
      // Move the frame into the private buffer at the same absolute offsets, so every offset
      // recorded so far (layers, experts, attachments) stays valid.
      if (own.length < frameEnd + len) {
        own = new byte[Math.max(frameEnd + len, (int) Math.min(own.length * 2L, Integer.MAX_VALUE - 8))];
      }
      System.arraycopy(data, frameStart, own, frameStart, frameEnd - frameStart);
      data = own;
    } else if (own.length < dataEnd + len) {
      own = Arrays.copyOf(own, Math.max(dataEnd + len, (int) Math.min(own.length * 2L, Integer.MAX_VALUE - 8)));
      data = own;
    }
    int at = dataEnd;
    System.arraycopy(src, off, data, at, len);
    dataEnd += len;
    if (sources == sourceName.length) {
      sourceName = Arrays.copyOf(sourceName, sources * 2);
      sourceStart = Arrays.copyOf(sourceStart, sources * 2);
      sourceLength = Arrays.copyOf(sourceLength, sources * 2);
    }
    sourceName[sources] = name;
    sourceStart[sources] = at;
    sourceLength[sources] = len;
    sources++;
    return at;
  }

  /** Number of data sources beyond the frame (reassembled PDUs). */
  public int sourceCount() {
    return sources;
  }

  public String sourceName(int k) {
    return sourceName[k];
  }

  /** Absolute index of source {@code k} in {@link #data()}. */
  public int sourceStart(int k) {
    return sourceStart[k];
  }

  public int sourceLength(int k) {
    return sourceLength[k];
  }

  /** Whether absolute index {@code at} lies in the frame (not in an added source). */
  public boolean inFrame(int at) {
    return at >= frameStart && at < frameEnd;
  }

  /**
   * Queues a further layer of {@code p} over {@code [from, to)} to be dissected after the
   * current chain of layers ends (the second PDU of a TCP segment, for instance).
   */
  public void queue(Dissector p, int from, int to) {
    if (queued == queueProto.length) {
      int n = queued * 2;
      queueProto = Arrays.copyOf(queueProto, n);
      queueFrom = Arrays.copyOf(queueFrom, n);
      queueTo = Arrays.copyOf(queueTo, n);
    }
    queueProto[queued] = p;
    queueFrom[queued] = from;
    queueTo[queued] = to;
    queued++;
  }

  /**
   * Queues a further layer of {@code p} over {@code [from, to)} ahead of the layers queued
   * before the current chain: the {@code index}-th (from 0) of the calling layer's own further
   * parts. Nested containers (a MIME part that is itself multipart) then come out depth first,
   * in the order tshark lists them: the inner parts before the outer container's next part.
   */
  public void queueNested(Dissector p, int from, int to, int index) {
    queue(p, from, to);
    int at = Math.min(queueNext + index, queued - 1);
    int last = queued - 1;
    if (at == last) {
      return;
    }
    System.arraycopy(queueProto, at, queueProto, at + 1, last - at);
    System.arraycopy(queueFrom, at, queueFrom, at + 1, last - at);
    System.arraycopy(queueTo, at, queueTo, at + 1, last - at);
    queueProto[at] = p;
    queueFrom[at] = from;
    queueTo[at] = to;
  }

  /**
   * Where layer {@code i}'s own header ends, for a layer whose payload continues elsewhere (a
   * reassembled datagram or PDU in an added source): filters' {@code len(proto)} and slices of
   * the protocol then see the header, as in tshark.
   */
  public void headerEnd(int i, int at) {
    headerEnd[i] = at;
  }

  /** The end set with {@link #headerEnd(int, int)}, or -1. */
  public int headerEnd(int i) {
    return headerEnd[i];
  }

  /** Sets the byte range the next dissector gets. */
  public void payload(int from, int to) {
    payloadStart = from;
    payloadEnd = Math.max(from, to);
  }

  /** Leaves a number for the next layer (the EtherType a link layer found, for instance). */
  public void dispatchKey(int key) {
    dispatchKey = key;
  }

  /** The number the previous layer left with {@link #dispatchKey(int)}. */
  public int dispatchKey() {
    return dispatchKey;
  }

  /** Reserves {@code n} annotation slots for layer {@code i} and returns the first index. */
  public int annotate(int i, int n) {
    if (annUsed + n > ann.length) {
      ann = Arrays.copyOf(ann, Math.max(ann.length * 2, annUsed + n));
    }
    annStart[i] = annUsed;
    annCount[i] = n;
    java.util.Arrays.fill(ann, annUsed, annUsed + n, 0L); // the array is reused across frames
    annUsed += n;
    return annStart[i];
  }

  /** Sets annotation {@code k} of layer {@code i} (after {@link #annotate}). */
  public void setAnnotation(int i, int k, long value) {
    ann[annStart[i] + k] = value;
  }

  public long annotation(int i, int k) {
    return k < annCount[i] ? ann[annStart[i] + k] : 0;
  }

  /**
   * An attachment that holds absolute offsets into {@link #data()}: a kept copy
   * ({@link #copy()}) moves the bytes, and asks the attachment for a copy whose offsets are
   * moved by {@code delta}. Attachments with layer-relative offsets need not implement it.
   */
  public interface Offsets {
    Object shifted(int delta);
  }

  /**
   * Records what a protocol handed to its taps for bytes it then refused to show (tshark's HTTP
   * counts and exports the first segment of a port-80 stream that is no HTTP message, with no
   * layer in the tree): taps read it with {@link #tapOnly()}. One a frame; immutable.
   */
  public void tapOnly(Object o) {
    tapOnly = o;
  }

  public Object tapOnly() {
    return tapOnly;
  }

  /** Attaches an immutable object the walker needs later (rarely used; avoids re-parsing). */
  public void attach(int i, Object o) {
    attachment[i] = o;
  }

  public Object attachment(int i) {
    return attachment[i];
  }

  /** Adds an expert note on layer {@code i}. */
  public void expert(int i, Expert kind, int offset, int length, String text) {
    if (experts == expertLayer.length) {
      int n = experts * 2;
      expertLayer = Arrays.copyOf(expertLayer, n);
      expertKind = Arrays.copyOf(expertKind, n);
      expertOffset = Arrays.copyOf(expertOffset, n);
      expertLength = Arrays.copyOf(expertLength, n);
      expertText = Arrays.copyOf(expertText, n);
    }
    expertLayer[experts] = i;
    expertKind[experts] = kind;
    expertOffset[experts] = offset;
    expertLength[experts] = length;
    expertText[experts] = text;
    experts++;
  }

  /**
   * Marks layer {@code i} as malformed: dissection of this frame stops after it, and a
   * {@code _ws.malformed} layer follows, as in tshark.
   */
  public void malformed(int i) {
    stop = true;
  }

  /**
   * Announces a conversation a later packet will open (an FTP data connection, for instance):
   * packets to or from {@code address} port {@code port} over {@code table}'s transport go to
   * {@code p}, before the port tables are consulted. Lasts for the rest of the pass.
   */
  public void expect(Protocols.Table table, String address, int port, Dissector p) {
    if (engine != null) {
      engine.expect(table, address, port, p);
    }
  }

  /** The dissector announced with {@link #expect} for this endpoint, or null. */
  public Dissector expected(Protocols.Table table, String address, int port) {
    return engine == null ? null : engine.expected(table, address, port);
  }

  /** Whether a conversation was announced on {@code port} (any address) in this pass. */
  public boolean portExpected(int port) {
    return engine != null && engine.portExpected(port);
  }

  /**
   * Records that frame {@code frame} (an earlier one) should show {@code f = value} in its first
   * layer of {@code owner} when a second pass runs (tshark -2): {@code tcp.reassembled_in} on the
   * segments of a PDU, {@code dns.response_in} on a query. Ignored during a second pass.
   */
  public void pointBack(long frame, Dissector owner, io.netsift.core.field.Field f, long value) {
    if (engine != null) {
      engine.pointBack(frame, owner, f, value);
    }
  }

  /**
   * Records a fact the first pass learned (the version a TLS stream negotiated, keyed by its
   * stream) for a second pass to {@link #recall} before it reaches the packet that told it.
   */
  public void remember(String name, long key, long value) {
    if (engine != null) {
      engine.remember(name, key, value);
    }
  }

  /** A fact the first pass remembered, in a second pass; -1 otherwise. */
  public long recall(String name, long key) {
    return engine == null ? -1 : engine.recall(name, key);
  }

  /** Whether this is the second pass of a two-pass read (tshark -2). */
  public boolean secondPass() {
    return engine != null && engine.isSecondPass();
  }

  /** The frame's number (1-based). */
  public long number() {
    return number;
  }

  // ---- for readers ----

  /** Number of layers (the frame pseudo-layer included). */
  public int layerCount() {
    return count;
  }

  public Dissector dissector(int i) {
    return proto[i];
  }

  /** Index of the first layer of protocol {@code p} at or after {@code from}, or -1. */
  public int find(Dissector p, int from) {
    for (int i = from; i < count; i++) {
      if (proto[i] == p) {
        return i;
      }
    }
    return -1;
  }

  public int frameStart() {
    return frameStart;
  }

  public int capturedLength() {
    return frameEnd - frameStart;
  }

  public long originalLength() {
    return originalLength;
  }

  public long timestampNanos() {
    return timestampNanos;
  }

  public int linkType() {
    return linkType;
  }

  public int interfaceId() {
    return interfaceId;
  }

  public String comment() {
    return comment;
  }

  /** The pcapng interface of the frame, or null for pcap. */
  public io.netsift.core.capture.InterfaceInfo interfaceInfo() {
    return interfaceInfo;
  }

  /** 1-based pcapng section number, 0 for pcap. */
  public int sectionNumber() {
    return sectionNumber;
  }

  /** pcapng epb_flags, or -1. */
  public long packetFlags() {
    return packetFlags;
  }

  /** pcapng epb_dropcount, or -1. */
  public long dropCount() {
    return dropCount;
  }

  public int timestampDigits() {
    return timestampDigits;
  }

  public long relativeNanos() {
    return relativeNanos;
  }

  public long deltaNanos() {
    return deltaNanos;
  }

  public long deltaDisplayedNanos() {
    return deltaDisplayedNanos;
  }

  public long fileOffset() {
    return fileOffset;
  }

  public int expertCount() {
    return experts;
  }

  public int expertLayer(int k) {
    return expertLayer[k];
  }

  public Expert expertKind(int k) {
    return expertKind[k];
  }

  public int expertOffset(int k) {
    return expertOffset[k];
  }

  public int expertLength(int k) {
    return expertLength[k];
  }

  /** The note's text (the kind's default message when none was given). */
  public String expertText(int k) {
    return expertText[k] != null ? expertText[k] : expertKind[k].message();
  }

  /** A standalone snapshot with its own copy of the frame bytes. */
  public Dissection copy() {
    Dissection c = new Dissection(true);
    c.protocols = protocols;
    c.data = Arrays.copyOfRange(data, frameStart, dataEnd);
    int shift = -frameStart;
    c.frameStart = 0;
    c.frameEnd = frameEnd - frameStart;
    c.dataEnd = dataEnd - frameStart;
    c.sources = sources;
    c.sourceName = new String[Math.max(1, sources)];
    System.arraycopy(sourceName, 0, c.sourceName, 0, sources);
    c.sourceLength = Arrays.copyOf(sourceLength, Math.max(1, sources));
    c.sourceStart = new int[Math.max(1, sources)];
    for (int k = 0; k < sources; k++) {
      c.sourceStart[k] = sourceStart[k] + shift;
    }
    c.number = number;
    c.timestampNanos = timestampNanos;
    c.originalLength = originalLength;
    c.linkType = linkType;
    c.interfaceId = interfaceId;
    c.comment = comment;
    c.tapOnly = tapOnly;
    c.interfaceInfo = interfaceInfo;
    c.sectionNumber = sectionNumber;
    c.packetFlags = packetFlags;
    c.dropCount = dropCount;
    c.timestampDigits = timestampDigits;
    c.relativeNanos = relativeNanos;
    c.deltaNanos = deltaNanos;
    c.deltaDisplayedNanos = deltaDisplayedNanos;
    c.fileOffset = fileOffset;
    c.count = count;
    c.proto = new Dissector[count];
    System.arraycopy(proto, 0, c.proto, 0, count);
    c.start = new int[count];
    c.end = new int[count];
    for (int i = 0; i < count; i++) {
      c.start[i] = start[i] + shift;
      c.end[i] = end[i] + shift;
    }
    c.annStart = Arrays.copyOf(annStart, count);
    c.annCount = Arrays.copyOf(annCount, count);
    c.ann = Arrays.copyOf(ann, annUsed);
    c.annUsed = annUsed;
    c.attachment = new Object[count];
    System.arraycopy(attachment, 0, c.attachment, 0, count);
    c.headerEnd = new int[count];
    for (int i = 0; i < count; i++) {
      c.headerEnd[i] = headerEnd[i] < 0 ? -1 : headerEnd[i] + shift;
    }
    for (int i = 0; i < count; i++) {
      if (c.attachment[i] instanceof Offsets) {
        c.attachment[i] = ((Offsets) c.attachment[i]).shifted(shift);
      }
    }
    c.experts = experts;
    c.expertLayer = Arrays.copyOf(expertLayer, experts);
    c.expertKind = new Expert[experts];
    System.arraycopy(expertKind, 0, c.expertKind, 0, experts);
    c.expertOffset = new int[experts];
    for (int k = 0; k < experts; k++) {
      c.expertOffset[k] = expertOffset[k] + shift;
    }
    c.expertLength = Arrays.copyOf(expertLength, experts);
    c.expertText = new String[experts];
    System.arraycopy(expertText, 0, c.expertText, 0, experts);
    c.forward = forward;
    return c;
  }
}

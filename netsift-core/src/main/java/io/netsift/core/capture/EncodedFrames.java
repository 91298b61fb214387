package io.netsift.core.capture;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Frames already encoded as the records of one {@link CaptureWriter}, made on any thread
 * ({@link CaptureWriter#newBatch()}) and written in one go by the writer's thread
 * ({@link CaptureWriter#write(EncodedFrames)}). A parallel read encodes each chunk's matching
 * frames on its worker, so the thread that keeps file order only copies finished bytes out.
 *
 * <p>What only the writer knows is settled when the batch is written: a pcapng record is
 * encoded for interface 0 in the time units its frame's own precision implies, and the writer
 * patches the interface id (writing the interface block where the interface first appears)
 * and re-encodes the timestamp if the interface was opened with other units; a pcap record is
 * encoded in its frame's units and patched to the file's. The bytes are those that writing
 * the frames one by one would give.
 */
public final class EncodedFrames {
  private static final VarHandle INT_LE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle SHORT_LE =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

  private final boolean pcapng;
  private final int snapLength;
  /** Records are laid out in blocks of this size (a larger record gets a block of its own). */
  static final int BLOCK = 1 << 18;

  /** The blocks, each filled to {@link #lengths}; a record never spans two. */
  byte[][] blocks = new byte[4][];
  int[] lengths = new int[4];
  int blockCount;
  /** The block being filled (blocks[blockCount - 1]), and how much of it is used. */
  byte[] bytes;
  int length;
  int count;
  /** Each record's block and its start in that block. */
  int[] blockOf = new int[256];
  int[] starts = new int[256];
  long[] stamps = new long[256];
  int[] linkTypes = new int[256];
  int[] interfaceIds = new int[256];
  boolean[] nanos = new boolean[256];
  InterfaceInfo[] infos = new InterfaceInfo[256];

  EncodedFrames(boolean pcapng, int snapLength) {
    this.pcapng = pcapng;
    this.snapLength = snapLength;
  }

  /** Empties the batch for reuse. */
  public void clear() {
    Arrays.fill(infos, 0, count, null);
    Arrays.fill(blocks, 1, Math.max(1, blockCount), null); // keep the first block for reuse
    if (blockCount > 0) {
      bytes = blocks[0];
      blockCount = 1;
      lengths[0] = 0;
    }
    length = 0;
    count = 0;
  }

  /** Records in this batch. */
  public int size() {
    return count;
  }

  /** Encodes one frame (its bytes are copied, so the frame may be reused). */
  public void add(Frame frame) {
    if (count == starts.length) {
      grow();
    }
    int caplen = Math.min(frame.capturedLength, snapLength);
    boolean nano = frame.timestampDigits > 6;
    byte[] comment = pcapng && frame.comment != null ? PcapngWriter.commentBytes(frame.comment) : null;
    int size = pcapng ? PcapngWriter.packetBlockLength(caplen, comment) : 16 + caplen;
    ensure(size);
    int at = length;
    blockOf[count] = blockCount - 1;
    starts[count] = at;
    stamps[count] = frame.timestampNanos;
    linkTypes[count] = frame.linkType;
    interfaceIds[count] = frame.interfaceId;
    nanos[count] = nano;
    infos[count] = frame.interfaceInfo;
    count++;
    if (pcapng) {
      long units = pcapngUnits(frame.timestampNanos, nano);
      putInt(at, PcapngReader.EPB);
      putInt(at + 4, size);
      putInt(at + 8, 0); // interface id: patched by the writer
      putInt(at + 12, (int) (units >>> 32));
      putInt(at + 16, (int) units);
      putInt(at + 20, caplen);
      putInt(at + 24, (int) Math.min(frame.originalLength, 0xffffffffL));
      System.arraycopy(frame.data, frame.offset, bytes, at + 28, caplen);
      int p = at + 28 + caplen;
      p = zeros(p, -caplen & 3);
      if (comment != null) {
        SHORT_LE.set(bytes, p, (short) 1); // opt_comment
        SHORT_LE.set(bytes, p + 2, (short) comment.length);
        System.arraycopy(comment, 0, bytes, p + 4, comment.length);
        p = zeros(p + 4 + comment.length, -comment.length & 3);
        putInt(p, 0); // opt_endofopt
        p += 4;
      }
      putInt(p, size);
    } else {
      putPcapTime(at, frame.timestampNanos, nano);
      putInt(at + 8, caplen);
      putInt(at + 12, (int) Math.min(frame.originalLength, 0xffffffffL));
      System.arraycopy(frame.data, frame.offset, bytes, at + 16, caplen);
    }
    length = at + size;
    lengths[blockCount - 1] = length;
  }

  private void putPcapTime(int at, long timestampNanos, boolean nano) {
    putInt(at, (int) Math.floorDiv(timestampNanos, 1_000_000_000L));
    putInt(at + 4, pcapFraction(timestampNanos, nano));
  }

  /** A pcap record's sub-second field: nanoseconds, or microseconds rounded down. */
  private static int pcapFraction(long timestampNanos, boolean nano) {
    long fraction = Math.floorMod(timestampNanos, 1_000_000_000L);
    return (int) (nano ? fraction : fraction / 1000);
  }

  /** A pcapng EPB's timestamp in its interface's units (if_tsresol 9 or the default 6). */
  private static long pcapngUnits(long timestampNanos, boolean nano) {
    return nano ? timestampNanos : Math.floorDiv(timestampNanos, 1000L);
  }

  private void putInt(int at, int v) {
    INT_LE.set(bytes, at, v);
  }

  /** Re-encodes record {@code i}'s pcap timestamp in micro- or nanoseconds. */
  void pcapTime(int i, boolean nano) {
    INT_LE.set(blocks[blockOf[i]], starts[i] + 4, pcapFraction(stamps[i], nano));
  }

  /** Re-encodes record {@code i}'s pcapng timestamp in micro- or nanoseconds. */
  void pcapngTime(int i, boolean nano) {
    long units = pcapngUnits(stamps[i], nano);
    byte[] b = blocks[blockOf[i]];
    INT_LE.set(b, starts[i] + 12, (int) (units >>> 32));
    INT_LE.set(b, starts[i] + 16, (int) units);
  }

  /** Sets record {@code i}'s pcapng interface id. */
  void pcapngInterface(int i, int id) {
    INT_LE.set(blocks[blockOf[i]], starts[i] + 8, id);
  }

  /**
   * Writes the records before record {@code i} ({@code count} for all) that are not written
   * yet; {@code at} holds the block and offset reached so far and is moved on.
   */
  void writeUpTo(int i, CaptureOutput out, int[] at) throws java.io.IOException {
    int lastBlock = i < count ? blockOf[i] : blockCount - 1;
    int end = i < count ? starts[i] : (blockCount == 0 ? 0 : lengths[lastBlock]);
    for (int b = at[0]; b < lastBlock; b++) {
      out.put(blocks[b], at[1], lengths[b] - at[1], false);
      at[1] = 0;
    }
    if (blockCount > 0 && end > at[1]) {
      out.put(blocks[lastBlock], at[1], end - at[1], false);
    }
    at[0] = Math.max(lastBlock, 0);
    at[1] = end;
  }

  private int zeros(int p, int n) {
    for (int i = 0; i < n; i++) {
      bytes[p + i] = 0;
    }
    return p + n;
  }

  private void ensure(int n) {
    if (bytes != null && bytes.length - length >= n) {
      return;
    }
    if (blockCount == blocks.length) {
      blocks = Arrays.copyOf(blocks, blockCount * 2);
      lengths = Arrays.copyOf(lengths, blockCount * 2);
    }
    bytes = new byte[Math.max(BLOCK, n)];
    length = 0;
    blocks[blockCount] = bytes;
    lengths[blockCount] = 0;
    blockCount++;
  }

  private void grow() {
    int n = starts.length * 2;
    starts = Arrays.copyOf(starts, n);
    blockOf = Arrays.copyOf(blockOf, n);
    stamps = Arrays.copyOf(stamps, n);
    linkTypes = Arrays.copyOf(linkTypes, n);
    interfaceIds = Arrays.copyOf(interfaceIds, n);
    nanos = Arrays.copyOf(nanos, n);
    infos = Arrays.copyOf(infos, n);
  }

  /** Whether this batch was encoded for pcapng (else pcap). */
  boolean pcapng() {
    return pcapng;
  }

  /** The snapshot length the records were cut to. */
  int snapLength() {
    return snapLength;
  }
}

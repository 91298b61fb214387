package io.netsift.core.capture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans the parallel reading of one capture file: which byte ranges ("splits") exist, what
 * each split reader needs from the file's start ({@link Head}), and how many records lie in
 * each split ({@link #count}), so that every split can number its frames as tshark numbers
 * them in the whole file.
 *
 * <p>A split owns the records whose first byte lies in its range; it starts at the first
 * record boundary in the range ({@link RecordBoundaries#find}) and reads on until a record
 * starts at or after the range's end. {@link Count#next()} is that first record of the next
 * split as the chain of lengths finds it, so a planner can check each found boundary against
 * it ({@link #consistent}): if they agree for every split, every count is exact, because the
 * first split starts right after the file header.
 */
public final class CaptureSplits {
  /** Largest pcapng header (blocks before the first packet) a split reader copies. */
  static final int MAX_HEAD = 16 << 20;

  private CaptureSplits() {}

  /**
   * The start of a capture as split readers need it.
   *
   * @param format "pcap", "pcapng", or "gzip" and "snoop" (never split)
   * @param bytes the file header: 24 bytes of pcap, or every pcapng block before the first
   *     packet block
   * @param maxRecord the link type's largest captured length (pcap)
   * @param firstSeconds the first record's timestamp in seconds (pcap), or -1
   */
  public record Head(String format, byte[] bytes, boolean bigEndian, boolean nanos,
      int recordHeader, int maxRecord, long firstSeconds) implements java.io.Serializable {
    /** True if the file can be read from the middle. */
    public boolean splittable() {
      return format.equals("pcap") || format.equals("pcapng");
    }
  }

  /** Records a split reader re-dissects before its own, to rebuild short-lived state. */
  public static final int WARMUP = 64;

  /**
   * One split's records: how many, where the chain left the split, their timestamps, and
   * where its last {@link #WARMUP} records start ({@code warmup}, {@code warmupRecords} of
   * them), which the next split dissects first without showing them, so that an IP datagram
   * fragmented across the boundary is still reassembled.
   */
  public record Count(long first, long records, long next, long firstTimestampNanos,
      long lastTimestampNanos, boolean newInterfaces, String error, long warmup,
      long warmupRecords) implements java.io.Serializable {}

  /** Reads the head of a capture from {@code in}, positioned at the file's first byte. */
  public static Head head(InputStream in) throws IOException {
    byte[] first = in.readNBytes(PcapReader.FILE_HEADER);
    if (first.length >= 2 && first[0] == 0x1f && first[1] == (byte) 0x8b) {
      return new Head("gzip", first, false, false, 0, 0, -1);
    }
    if (SnoopReader.magic(first, 0, first.length)) {
      return new Head("snoop", first, true, false, 0, 0, -1);
    }
    if (first.length < PcapReader.FILE_HEADER) {
      throw new CaptureFormatException(0, "file is too short to be a capture ("
          + first.length + " bytes)");
    }
    int magic = CaptureInput.int32(first, 0, true);
    if (magic == PcapngReader.SHB) {
      return pcapngHead(first, in);
    }
    boolean big = magic == PcapReader.MAGIC_MICROS || magic == PcapReader.MAGIC_NANOS
        || magic == PcapReader.MAGIC_MODIFIED;
    int m = big ? magic : Integer.reverseBytes(magic);
    if (m != PcapReader.MAGIC_MICROS && m != PcapReader.MAGIC_NANOS
        && m != PcapReader.MAGIC_MODIFIED) {
      throw new CaptureFormatException(0, String.format("unknown magic bytes %08x", magic));
    }
    int linkType = CaptureInput.int32(first, 20, big) & 0xffff;
    byte[] record = in.readNBytes(4);
    return new Head("pcap", first, big, m == PcapReader.MAGIC_NANOS,
        m == PcapReader.MAGIC_MODIFIED ? 24 : 16, LinkType.maxPacketLength(linkType),
        record.length == 4 ? CaptureInput.uint32(record, 0, big) : -1);
  }

  private static Head pcapngHead(byte[] first, InputStream in) throws IOException {
    boolean big = CaptureInput.int32(first, 8, false) != PcapngReader.BYTE_ORDER_MAGIC;
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    head.write(first);
    // Follow the blocks until the first packet block; everything before it is the head.
    long offset = 0;
    while (true) {
      if (head.size() < offset + 8) {
        byte[] more = in.readNBytes((int) (offset + 8 - head.size()));
        head.write(more);
        if (head.size() < offset + 8) {
          return new Head("pcapng", head.toByteArray(), big, false, 0,
              PcapngReader.MAX_BLOCK_LENGTH, -1); // no packet at all: read whole
        }
      }
      byte[] all = head.toByteArray();
      int type = CaptureInput.int32(all, (int) offset, big);
      long length = CaptureInput.uint32(all, (int) offset + 4, big);
      if (type == PcapngReader.EPB || type == PcapngReader.SPB || type == PcapngReader.OPB) {
        return new Head("pcapng", java.util.Arrays.copyOf(all, (int) offset), big, false, 0,
            PcapngReader.MAX_BLOCK_LENGTH, -1);
      }
      if (length < 12 || offset + length > MAX_HEAD) {
        throw new CaptureFormatException(offset, "block length " + length
            + " in the file header is not usable for splitting");
      }
      offset += length;
    }
  }

  /**
   * Byte ranges of about {@code splitSize} bytes covering the file after its head; one range
   * when the file is not larger than the split size or cannot be split.
   */
  public static List<long[]> plan(Head head, long fileSize, long splitSize) {
    List<long[]> ranges = new ArrayList<>();
    long start = head.bytes().length;
    if (!head.splittable() || fileSize <= splitSize || splitSize <= 0) {
      ranges.add(new long[] {start, Math.max(start, fileSize)});
      return ranges;
    }
    long n = Math.max(1, (fileSize - start + splitSize - 1) / splitSize);
    long step = (fileSize - start + n - 1) / n;
    for (long s = start; s < fileSize; s += step) {
      ranges.add(new long[] {s, Math.min(fileSize, s + step)});
    }
    return ranges;
  }

  /**
   * Counts the records of split {@code [from, to)}: finds its first boundary, then reads
   * the records (headers and bytes, but no dissection) until one starts at or after
   * {@code to}. {@code open} opens the file at an offset.
   */
  public static Count count(Head head, RecordBoundaries.Source source, Opener open, long from,
      long to) throws IOException {
    long first = from == head.bytes().length ? from : RecordBoundaries.find(head, source, from, to);
    if (first < 0 || first >= source.size()) {
      return new Count(-1, 0, -1, 0, 0, false, null, -1, 0);
    }
    long records = 0;
    long firstTs = 0;
    long lastTs = 0;
    Frame f = new Frame();
    long[] recent = new long[WARMUP];
    try (CaptureReader r = CaptureReaders.openAt(head.bytes(), open.at(first), first)) {
      int interfaces = r.interfaceCount();
      String error = null;
      long next = -1;
      try {
        while (r.next(f)) {
          if (f.fileOffset >= to) {
            next = f.fileOffset;
            break;
          }
          recent[(int) (records % WARMUP)] = f.fileOffset;
          if (records++ == 0) {
            firstTs = f.timestampNanos;
          }
          lastTs = f.timestampNanos;
        }
      } catch (CaptureFormatException e) {
        error = e.getMessage();
      }
      long warm = Math.min(records, WARMUP);
      return new Count(first, records, next, firstTs, lastTs,
          r.interfaceCount() != interfaces, error,
          warm == 0 ? -1 : recent[(int) ((records - warm) % WARMUP)], warm);
    }
  }

  /** Opens the file as a stream starting at a byte offset. */
  @FunctionalInterface
  public interface Opener {
    InputStream at(long offset) throws IOException;
  }

  /**
   * True if the counts of consecutive splits (in file order, {@code ranges} as planned) fit
   * together up to {@link #lastSplit}: each split's first boundary is the record where the
   * chain of lengths of the splits before it left their ranges (or none, when that record
   * lies beyond the split), and no split met a new interface or section. Otherwise the file
   * must be read whole.
   */
  public static boolean consistent(List<long[]> ranges, List<Count> counts) {
    long expected = -1;
    for (int i = 0; i <= lastSplit(counts); i++) {
      Count c = counts.get(i);
      if (c.newInterfaces()) {
        return false;
      }
      long[] r = ranges.get(i);
      boolean inside = i == 0 || (expected >= r[0] && expected < r[1]);
      if (i > 0 && (inside ? c.first() != expected : c.first() >= 0)) {
        return false;
      }
      if (c.first() >= 0) {
        expected = c.next();
      }
    }
    return true;
  }

  /**
   * The last split to read: the first that stopped on damage (the whole-file reader stops
   * there too, so what later splits would find is not read), else the last.
   */
  public static int lastSplit(List<Count> counts) {
    for (int i = 0; i < counts.size(); i++) {
      if (counts.get(i).error() != null) {
        return i;
      }
    }
    return counts.size() - 1;
  }
}

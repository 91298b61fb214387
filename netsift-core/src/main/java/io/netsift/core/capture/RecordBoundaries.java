package io.netsift.core.capture;

import java.io.IOException;

/**
 * Finds where a record starts in the middle of a capture file, so that several readers can
 * read one file in parallel, each from the first record boundary at or after its split's
 * start.
 *
 * <p>Neither format marks its records, so a boundary is a guess that must be confirmed:
 * <ul>
 *   <li>pcap: a plausible 16-byte record header (seconds from a year before the file's first
 *       record to 30 years after it; fraction of a second below 10^6, or 10^9 for nanosecond
 *       files; captured length at most the link type's maximum and at most the original
 *       length, which is at most 256 KiB; not more than a day earlier than the record before
 *       it in the chain, since a fake zero-length record can land exactly on a real one,
 *       while merged captures do jump forward), and the chain of lengths that follows it leads to
 *       {@value #CONFIRMATIONS} more plausible headers or exactly to the end of the file;</li>
 *   <li>pcapng: a 4-byte-aligned known block type whose total length (a multiple of 4, at
 *       least 12) is repeated at the block's end, followed by the same check on the next
 *       blocks.</li>
 * </ul>
 * A plausible record whose bytes run past the end of the file (a truncated last record) is
 * accepted as a boundary: the reader then reports the damage as the whole-file reader does. A false match is unlikely, but {@link CaptureSplits} still checks
 * every boundary against the chain followed by the split before it.
 */
public final class RecordBoundaries {
  /** Headers that must follow a candidate before it counts as a boundary. */
  public static final int CONFIRMATIONS = 4;
  private static final int WINDOW = 1 << 20;
  /** Largest original length believed (TSO super-frames stay below it). */
  private static final long MAX_ORIGINAL = 1 << 18;
  private static final long DAY = 86400;
  private static final long YEAR = 366 * DAY;

  /** Positional reads of a file (Hadoop's {@code PositionedReadable}, a FileChannel). */
  public interface Source {
    /** Reads up to {@code len} bytes at {@code position}; -1 at the end of the file. */
    int read(long position, byte[] b, int off, int len) throws IOException;

    /** Length of the file. */
    long size();
  }

  private RecordBoundaries() {}

  /**
   * The first record boundary at an offset in {@code [from, to)}, or -1 if none starts there
   * (a record larger than the split covers it).
   */
  public static long find(CaptureSplits.Head head, Source source, long from, long to)
      throws IOException {
    Window w = new Window(source);
    boolean pcapng = head.format().equals("pcapng");
    long start = pcapng ? (from + 3) & ~3L : from;
    long end = Math.min(to, source.size());
    for (long c = start; c < end; c += pcapng ? 4 : 1) {
      if (pcapng ? pcapngChain(head, w, c) : pcapChain(head, w, c)) {
        return c;
      }
    }
    return -1;
  }

  private static boolean pcapChain(CaptureSplits.Head head, Window w, long c) throws IOException {
    int hdr = head.recordHeader();
    long size = w.size();
    long previous = -1;
    for (int k = 0; k <= CONFIRMATIONS; k++) {
      if (c == size) {
        return k > 0;
      }
      int i = w.at(c, hdr);
      if (i < 0) {
        return false; // a header cut by the end of the file cannot be told from noise
      }
      byte[] b = w.buf;
      long seconds = CaptureInput.uint32(b, i, head.bigEndian());
      long fraction = CaptureInput.uint32(b, i + 4, head.bigEndian());
      long caplen = CaptureInput.uint32(b, i + 8, head.bigEndian());
      long original = CaptureInput.uint32(b, i + 12, head.bigEndian());
      if (fraction >= (head.nanos() ? 1_000_000_000L : 1_000_000L)
          || caplen > head.maxRecord() || caplen > original
          || original > Math.max(head.maxRecord(), MAX_ORIGINAL)
          || seconds < head.firstSeconds() - YEAR || seconds > head.firstSeconds() + 30 * YEAR
          || (previous >= 0 && previous - seconds > DAY)) {
        return false;
      }
      previous = seconds;
      c += hdr + caplen;
      if (c > size) {
        return true; // a truncated last record: the reader reports it as damage
      }
    }
    return true;
  }

  private static boolean pcapngChain(CaptureSplits.Head head, Window w, long c)
      throws IOException {
    long size = w.size();
    for (int k = 0; k <= CONFIRMATIONS; k++) {
      if (c == size) {
        return k > 0;
      }
      int i = w.at(c, 8);
      if (i < 0) {
        return false;
      }
      int type = CaptureInput.int32(w.buf, i, head.bigEndian());
      long length = CaptureInput.uint32(w.buf, i + 4, head.bigEndian());
      if (!knownBlock(type) || length < 12 || (length & 3) != 0
          || length > PcapngReader.MAX_BLOCK_LENGTH) {
        return false;
      }
      if (c + length > size) {
        return true; // a truncated last block: the reader reports it as damage
      }
      if (type == PcapngReader.EPB) {
        int e = w.at(c + 20, 4);
        if (e < 0 || length < 32
            || CaptureInput.uint32(w.buf, e, head.bigEndian()) > length - 32) {
          return false;
        }
      }
      int t = w.at(c + length - 4, 4);
      if (t < 0 || CaptureInput.uint32(w.buf, t, head.bigEndian()) != length) {
        return false;
      }
      c += length;
    }
    return true;
  }

  private static boolean knownBlock(int type) {
    switch (type) {
      case PcapngReader.IDB: case PcapngReader.OPB: case PcapngReader.SPB: case 4: case 5:
      case PcapngReader.EPB: case 9: case 10: case PcapngReader.SHB: case 0xBAD: case 0x40000BAD:
        return true;
      default:
        return false;
    }
  }

  /** A buffer over part of the file, moved on demand. */
  private static final class Window {
    final Source source;
    byte[] buf = new byte[WINDOW];
    long start = -1;
    int length;

    Window(Source source) {
      this.source = source;
    }

    long size() {
      return source.size();
    }

    /** Index in {@link #buf} of {@code n} bytes at file offset {@code pos}; -1 past the end. */
    int at(long pos, int n) throws IOException {
      if (pos + n > source.size()) {
        return -1;
      }
      if (start < 0 || pos < start || pos + n > start + length) {
        if (buf.length < n) {
          buf = new byte[n];
        }
        start = pos;
        length = 0;
        int want = (int) Math.min(buf.length, source.size() - pos);
        while (length < want) {
          int r = source.read(pos + length, buf, length, want - length);
          if (r < 0) {
            break;
          }
          length += r;
        }
        if (length < n) {
          return -1;
        }
      }
      return (int) (pos - start);
    }
  }
}

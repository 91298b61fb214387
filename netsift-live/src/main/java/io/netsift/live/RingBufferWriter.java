package io.netsift.live;

import io.netsift.core.capture.CaptureWriter;
import io.netsift.core.capture.CaptureWriters;
import io.netsift.core.capture.Frame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A capture file that can switch to a new file by size, age or packet count, keeping only the
 * newest N — dumpcap's ring buffer ({@code -b filesize:KB}, {@code duration:S},
 * {@code packets:N}, {@code files:N}). With rotation, files are named as dumpcap names them:
 * {@code out.pcapng} becomes {@code out_00001_20250101120000.pcapng},
 * {@code out_00002_...}; without, the one file is {@code out.pcapng} itself.
 *
 * <p>A file switch happens before writing the packet that would go over a limit (never leaving
 * an empty file behind); sizes count the bytes of the blocks written, before buffering.
 */
public final class RingBufferWriter implements CaptureWriter {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

  /**
   * When to switch files; 0 (or null) means no limit of that kind.
   *
   * @param fileSizeBytes switch once a file holds this many bytes
   * @param duration switch once a file is this old
   * @param packets switch once a file holds this many packets
   * @param files keep only the newest this many files (deleting older ones)
   */
  public record Rotation(long fileSizeBytes, Duration duration, long packets, int files) {
    /** No rotation: one file. */
    public static final Rotation NONE = new Rotation(0, null, 0, 0);

    /** Whether any switching condition is set. */
    public boolean rotates() {
      return fileSizeBytes > 0 || (duration != null && !duration.isZero()) || packets > 0;
    }
  }

  private final Path path;
  private final String format;
  private final int snapLength;
  private final Rotation rotation;
  private final Deque<Path> kept = new ArrayDeque<>();
  private final List<Path> created = new ArrayList<>();
  private final Set<Long> interfacesInFile = new HashSet<>();
  private CaptureWriter current;
  private long fileBytes;
  private long filePackets;
  private long fileStartNanos;
  private int fileNumber;

  /**
   * @param format "pcapng" or "pcap"
   */
  public RingBufferWriter(Path path, String format, int snapLength, Rotation rotation) throws IOException {
    this.path = path.toAbsolutePath();
    this.format = format;
    this.snapLength = snapLength;
    this.rotation = rotation == null ? Rotation.NONE : rotation;
    openNext(); // like dumpcap: the first file exists from the start, even if no packet comes
  }

  @Override
  public void write(Frame frame) throws IOException {
    if (rotationDue()) {
      openNext();
    }
    current.write(frame);
    filePackets++;
    fileBytes += recordSize(frame);
  }

  /** Whether the next packet goes into a new file (the current one is full or old enough). */
  public boolean rotationDue() {
    return rotation.rotates() && filePackets > 0 && due();
  }

  private boolean due() {
    return (rotation.fileSizeBytes() > 0 && fileBytes >= rotation.fileSizeBytes())
        || (rotation.packets() > 0 && filePackets >= rotation.packets())
        || (rotation.duration() != null && !rotation.duration().isZero()
            && System.nanoTime() - fileStartNanos >= rotation.duration().toNanos());
  }

  private void openNext() throws IOException {
    if (current != null) {
      current.close();
    }
    fileNumber++;
    Path p = rotation.rotates() ? numbered(path, fileNumber, LocalDateTime.now()) : path;
    current = CaptureWriters.open(p, format, snapLength);
    created.add(p);
    kept.addLast(p);
    interfacesInFile.clear();
    fileBytes = format.equals("pcap") ? 24 : 44; // file header / section header block
    filePackets = 0;
    fileStartNanos = System.nanoTime();
    while (rotation.files() > 0 && kept.size() > rotation.files()) {
      Files.deleteIfExists(kept.removeFirst());
    }
  }

  /** dumpcap's name for file {@code n}: prefix_NNNNN_YYYYmmddHHMMSS.suffix. */
  static Path numbered(Path path, int n, LocalDateTime when) {
    String name = path.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String prefix = dot > 0 ? name.substring(0, dot) : name;
    String suffix = dot > 0 ? name.substring(dot) : "";
    return path.resolveSibling(String.format("%s_%05d_%s%s", prefix, n, STAMP.format(when), suffix));
  }

  private long recordSize(Frame f) {
    int caplen = snapLength > 0 ? Math.min(f.capturedLength, snapLength) : f.capturedLength;
    if (format.equals("pcap")) {
      return 16L + caplen;
    }
    long size = 32L + ((caplen + 3) & ~3);
    if (interfacesInFile.add(((long) f.linkType << 32) | (f.interfaceId & 0xffffffffL))) {
      size += f.timestampDigits > 6 ? 32 : 20; // the interface description block
    }
    return size;
  }

  /** Bytes in the file being written (as counted from the blocks). */
  public long currentFileBytes() {
    return fileBytes;
  }

  /** The file being written. */
  public Path currentFile() {
    return kept.peekLast();
  }

  /** Every file this writer created, oldest first (some may have been deleted since). */
  public List<Path> filesCreated() {
    return List.copyOf(created);
  }

  /** The files still on disk, oldest first. */
  public List<Path> filesKept() {
    return List.copyOf(kept);
  }

  @Override
  public String format() {
    return format;
  }

  @Override
  public void flush() throws IOException {
    current.flush();
  }

  @Override
  public void close() throws IOException {
    current.close();
  }
}

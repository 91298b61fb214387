package io.netsift.core.capture;

import java.io.Closeable;
import java.io.IOException;

/**
 * Reads frames from a pcap or pcapng stream, one at a time, without copying them.
 *
 * <p>Open one with {@link CaptureReaders#open(java.nio.file.Path)} or
 * {@link CaptureReaders#open(java.io.InputStream)}; the format (and gzip) is detected from
 * the magic bytes. On damage, {@link #next(Frame)} first delivers every complete frame and
 * then throws a {@link CaptureFormatException} naming the byte offset.
 */
public interface CaptureReader extends Closeable {
  /**
   * Fills {@code frame} with the next frame.
   *
   * @return false at a clean end of the file
   * @throws CaptureFormatException when the file is damaged at this point
   */
  boolean next(Frame frame) throws IOException;

  /** "pcap" or "pcapng", with "-gzip" appended for compressed input. */
  String format();

  /** Link type of interface {@code id} (0 for pcap). */
  int linkType(int interfaceId);

  /** Number of interfaces seen so far (1 for pcap). */
  int interfaceCount();

  /** Snapshot length of interface {@code id}. */
  int snapLength(int interfaceId);

  /** Bytes consumed from the (decompressed) stream so far. */
  long position();
}

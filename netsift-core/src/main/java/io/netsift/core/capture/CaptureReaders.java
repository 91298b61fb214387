package io.netsift.core.capture;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Opens capture files and streams, choosing the reader from the first bytes — pcap (either
 * byte order, µs or ns), pcapng, Sun snoop, or gzip around any of them — never from the file name.
 *
 * <p>Errors are {@link CaptureFormatException}s with a message fit for a user: an empty
 * file, unknown magic bytes (shown in hex), a damaged header.
 */
public final class CaptureReaders {
  private static final int GZIP_BUFFER = 1 << 16;

  private CaptureReaders() {}

  /** Opens a file; the reader copies it into a large heap buffer from a mapping or a FileChannel. */
  public static CaptureReader open(Path path) throws IOException {
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
    try {
      // Small files get a small buffer; pipes and devices report size 0 and start small too.
      long size = Files.isRegularFile(path) ? channel.size() : 0;
      int buffer = (int) Math.max(CaptureInput.STREAM_BUFFER,
          Math.min(size, CaptureInput.DEFAULT_BUFFER));
      if (mapped(size)) {
        return detect(new CaptureInput(new MappedInput(channel, 0), false, buffer), false);
      }
      return detect(new CaptureInput(channel, buffer), false);
    } catch (IOException | RuntimeException | Error e) {
      channel.close();
      throw e;
    }
  }

  /**
   * Whether a regular file of {@code size} bytes is read through {@link MappedInput}: every file
   * larger than one read buffer, unless {@code -Dnetsift.mmap=false}.
   */
  public static boolean mapped(long size) {
    return size > CaptureInput.DEFAULT_BUFFER && !"false".equals(System.getProperty("netsift.mmap"));
  }

  /**
   * Reads a stream front to back with no seeking (stdin for {@code -r -}). Closing the
   * reader closes the stream.
   */
  public static CaptureReader open(InputStream stream) throws IOException {
    try {
      return detect(new CaptureInput(stream, false, CaptureInput.STREAM_BUFFER), false);
    } catch (IOException | RuntimeException | Error e) {
      stream.close();
      throw e;
    }
  }

  /**
   * Opens a reader that starts mid-file, for one split of a capture read in parallel:
   * {@code head} holds the file's header ({@link CaptureSplits.Head#bytes()}: the pcap file
   * header, or every pcapng block before the first packet block) and {@code rest} continues
   * at file offset {@code offset}, which must be a record boundary
   * ({@link RecordBoundaries}). Frame offsets and error offsets are file offsets.
   */
  public static CaptureReader openAt(byte[] head, InputStream rest, long offset)
      throws IOException {
    CaptureInput in = new CaptureInput(new java.io.SequenceInputStream(
        new java.io.ByteArrayInputStream(head), rest), false, CaptureInput.DEFAULT_BUFFER);
    try {
      if (head.length >= 2 && head[0] == 0x1f && head[1] == (byte) 0x8b) {
        throw new CaptureFormatException(0, "a gzip file cannot be read from the middle");
      }
      CaptureReader reader = detect(in, false);
      if (reader instanceof PcapngReader) {
        ((PcapngReader) reader).readHeaderBlocks(head.length);
      }
      if (in.position() != head.length) {
        throw new CaptureFormatException(in.position(), "the file header is "
            + in.position() + " bytes, not " + head.length);
      }
      in.rebase(offset);
      return reader;
    } catch (IOException | RuntimeException | Error e) {
      in.close();
      throw e;
    }
  }

  private static CaptureReader detect(CaptureInput in, boolean gunzipped) throws IOException {
    in.ensure(4);
    int n = in.available();
    byte[] b = in.buffer();
    int p = in.pos();
    if (n == 0) {
      throw new CaptureFormatException(-1, gunzipped
          ? "gzip data decompresses to nothing (0 bytes)" : "file is empty (0 bytes)");
    }
    if (!gunzipped && n >= 2 && b[p] == 0x1f && b[p + 1] == (byte) 0x8b) {
      return detect(gunzip(in), true);
    }
    String suffix = gunzipped ? "-gzip" : "";
    if (n < 4) {
      throw new CaptureFormatException(-1, "file is too short to be a capture (" + n
          + (n == 1 ? " byte)" : " bytes)"));
    }
    int magic = CaptureInput.int32(b, p, true);
    switch (magic) {
      case PcapReader.MAGIC_MICROS: case PcapReader.MAGIC_NANOS: case PcapReader.MAGIC_MODIFIED:
      case 0xd4c3b2a1: case 0x4d3cb2a1: case 0x34cdb2a1:
        return new PcapReader(in, suffix);
      case PcapngReader.SHB:
        return new PcapngReader(in, suffix);
      default:
        in.ensure(8);
        byte[] head = in.buffer();
        int at = in.pos();
        if (SnoopReader.magic(head, at, in.available())) {
          return new SnoopReader(in, suffix);
        }
        throw new CaptureFormatException(-1, String.format(
            "unknown magic bytes %02x %02x %02x %02x: %s is not a pcap, pcapng, snoop or gzip file",
            head[at], head[at + 1], head[at + 2], head[at + 3],
            gunzipped ? "the decompressed data" : "this"));
    }
  }

  private static CaptureInput gunzip(CaptureInput in) throws IOException {
    try {
      // GZIPInputStream reads the gzip header here; its own buffer is the inflater's input.
      GZIPInputStream gz = new GZIPInputStream(in.remainingAsStream(), GZIP_BUFFER);
      return new CaptureInput(gz, true, CaptureInput.STREAM_BUFFER);
    } catch (ZipException | EOFException e) {
      in.close();
      throw new CaptureFormatException(-1, "damaged gzip header: " + e.getMessage());
    }
  }
}

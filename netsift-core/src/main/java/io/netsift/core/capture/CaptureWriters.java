package io.netsift.core.capture;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a {@link PcapWriter} or {@link PcapngWriter} by format name ("pcap" or "pcapng"). */
public final class CaptureWriters {
  private CaptureWriters() {}

  /** Creates (or truncates) {@code path} and writes {@code format} to it. */
  public static CaptureWriter open(Path path, String format, int snapLength) throws IOException {
    checkFormat(format);
    OutputStream out = Files.newOutputStream(path);
    try {
      return open(out, format, snapLength);
    } catch (IOException | RuntimeException e) {
      out.close();
      throw e;
    }
  }

  /** Writes {@code format} to {@code out}; closing the writer closes the stream. */
  public static CaptureWriter open(OutputStream out, String format, int snapLength)
      throws IOException {
    checkFormat(format);
    return format.equals("pcap") ? new PcapWriter(out, snapLength)
        : new PcapngWriter(out, snapLength);
  }

  private static void checkFormat(String format) {
    if (!"pcap".equals(format) && !"pcapng".equals(format)) {
      throw new IllegalArgumentException("unknown capture format '" + format
          + "' (expected pcap or pcapng)");
    }
  }
}

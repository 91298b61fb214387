package io.netsift.core.capture;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;

/**
 * Writes frames to a pcap or pcapng stream. Output is buffered: call {@link #flush()} to push
 * what was written so far, and {@link #close()} to finish the file and close the stream.
 * Open one with {@link CaptureWriters#open(java.nio.file.Path, String, int)}.
 */
public interface CaptureWriter extends Closeable, Flushable {
  /**
   * Appends one frame; its bytes are copied, so the frame may be reused afterwards. Bytes
   * beyond the writer's snapshot length are dropped, as a capture with that snaplen would.
   */
  void write(Frame frame) throws IOException;

  /** "pcap" or "pcapng". */
  String format();
}

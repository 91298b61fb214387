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

  /**
   * An empty batch that encodes frames as this writer's records, on any thread, for
   * {@link #write(EncodedFrames)}; null when this writer cannot (write the frames one by one).
   */
  default EncodedFrames newBatch() {
    return null;
  }

  /**
   * Appends the records of a batch from {@link #newBatch()}, in their order: the same bytes as
   * writing the frames one by one.
   */
  default void write(EncodedFrames batch) throws IOException {
    throw new UnsupportedOperationException(format() + " writer takes frames one by one");
  }

  /** "pcap" or "pcapng". */
  String format();
}

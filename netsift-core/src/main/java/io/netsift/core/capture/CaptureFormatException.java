package io.netsift.core.capture;

import java.io.IOException;

/** A capture file is damaged or not a capture at all; the message names the byte offset. */
public final class CaptureFormatException extends IOException {
  private final long offset;

  public CaptureFormatException(long offset, String what) {
    super(offset >= 0 ? "record at offset " + offset + ": " + what : what);
    this.offset = offset;
  }

  /** Byte offset in the (decompressed) file where the damage starts, or -1. */
  public long offset() {
    return offset;
  }
}

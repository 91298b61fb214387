package io.netsift.core.capture;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes classic pcap in little-endian order. The file header waits for the first frame:
 * its link type becomes the file's, and its {@link Frame#timestampDigits} picks the magic
 * (more than 6 digits: nanosecond magic, otherwise microseconds; later frames are rounded
 * down to that precision). pcap holds one link type, so a frame of another is refused.
 */
public final class PcapWriter implements CaptureWriter {
  private final CaptureOutput out;
  private final int snapLength;
  private boolean started;
  private boolean nanos;
  private int linkType;
  /** The batch {@link #write(Frame)} encodes into. */
  private final EncodedFrames single;

  /**
   * @param snapLength longest frame kept; 0 or less means {@link LinkType#MAX_PACKET_LENGTH}
   */
  public PcapWriter(OutputStream out, int snapLength) {
    this.out = new CaptureOutput(out);
    this.snapLength = snapLength > 0 ? snapLength : LinkType.MAX_PACKET_LENGTH;
    this.single = new EncodedFrames(false, this.snapLength);
  }

  @Override
  public void write(Frame frame) throws IOException {
    single.clear();
    single.add(frame);
    write(single);
  }

  @Override
  public EncodedFrames newBatch() {
    return new EncodedFrames(false, snapLength);
  }

  @Override
  public void write(EncodedFrames batch) throws IOException {
    if (batch.pcapng() || batch.snapLength() != snapLength) {
      throw new IllegalArgumentException("a batch made for another writer");
    }
    int[] at = new int[2];
    for (int i = 0; i < batch.count; i++) {
      if (!started) {
        writeHeader(batch.linkTypes[i], batch.nanos[i]);
      } else if (batch.linkTypes[i] != linkType) {
        batch.writeUpTo(i, out, at);
        int other = batch.linkTypes[i];
        throw new IOException("cannot write a " + LinkType.name(other) + " frame (link type " + other
            + ") to a pcap file of " + LinkType.name(linkType) + " frames (link type " + linkType
            + "): pcap holds one link type, use pcapng");
      }
      if (batch.nanos[i] != nanos) {
        batch.pcapTime(i, nanos);
      }
    }
    batch.writeUpTo(batch.count, out, at);
  }

  private void writeHeader(int linkType, boolean nanos) throws IOException {
    this.started = true;
    this.linkType = linkType;
    this.nanos = nanos;
    out.reserve(PcapReader.FILE_HEADER);
    out.putInt(nanos ? PcapReader.MAGIC_NANOS : PcapReader.MAGIC_MICROS);
    out.putShort(2);
    out.putShort(4);
    out.putInt(0); // thiszone: timestamps are UTC
    out.putInt(0); // sigfigs: always 0 in practice
    out.putInt(snapLength);
    out.putInt(linkType);
  }

  @Override
  public String format() {
    return "pcap";
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  /** Finishes the file; with no frames written it is an empty Ethernet capture. */
  @Override
  public void close() throws IOException {
    if (!started) {
      writeHeader(LinkType.ETHERNET, false);
    }
    out.close();
  }
}

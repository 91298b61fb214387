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

  /**
   * @param snapLength longest frame kept; 0 or less means {@link LinkType#MAX_PACKET_LENGTH}
   */
  public PcapWriter(OutputStream out, int snapLength) {
    this.out = new CaptureOutput(out);
    this.snapLength = snapLength > 0 ? snapLength : LinkType.MAX_PACKET_LENGTH;
  }

  @Override
  public void write(Frame frame) throws IOException {
    if (!started) {
      writeHeader(frame.linkType, frame.timestampDigits > 6);
    } else if (frame.linkType != linkType) {
      throw new IOException("cannot write a " + LinkType.name(frame.linkType) + " frame ("
          + "link type " + frame.linkType + ") to a pcap file of " + LinkType.name(linkType)
          + " frames (link type " + linkType + "): pcap holds one link type, use pcapng");
    }
    int caplen = Math.min(frame.capturedLength, snapLength);
    long seconds = Math.floorDiv(frame.timestampNanos, 1_000_000_000L);
    long fraction = Math.floorMod(frame.timestampNanos, 1_000_000_000L);
    out.reserve(16);
    out.putInt((int) seconds);
    out.putInt((int) (nanos ? fraction : fraction / 1000));
    out.putInt(caplen);
    out.putInt((int) Math.min(frame.originalLength, 0xffffffffL));
    out.put(frame.data, frame.offset, caplen, false);
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

package io.netsift.core.capture;

import java.io.IOException;

/**
 * Reads Sun's snoop format (RFC 1761), which Solaris' {@code snoop} writes and tshark reads:
 * a 16-byte file header, then records of a 24-byte header, the frame's bytes and padding.
 * Every integer is big-endian and timestamps are in microseconds.
 *
 * <pre>
 * file header                      record header
 *  0 "snoop\0\0\0"                  0 original length
 *  8 version (2)                    4 included (captured) length
 * 12 datalink type                  8 record length (header + data + padding)
 *                                  12 cumulative drops
 *                                  16 timestamp seconds
 *                                  20 timestamp microseconds
 *                                  24 data, then padding up to the record length
 * </pre>
 *
 * <p>Only the datalink types netsift dissects are accepted: 802.3 and Ethernet (0 and 4, both
 * Ethernet framing, as Wireshark reads them) and FDDI (8). Another type is an error that names
 * it, rather than frames shown as something they are not.
 */
public final class SnoopReader implements CaptureReader {
  static final int FILE_HEADER = 16;
  static final int RECORD_HEADER = 24;

  private final CaptureInput in;
  private final String format;
  private final int linkType;
  private final int maxCaptured;

  SnoopReader(CaptureInput in, String formatSuffix) throws IOException {
    this.in = in;
    this.format = "snoop" + formatSuffix;
    if (!in.ensure(FILE_HEADER)) {
      throw new CaptureFormatException(0, "truncated snoop file header: only "
          + in.available() + " of " + FILE_HEADER + " bytes");
    }
    byte[] b = in.buffer();
    int p = in.pos();
    long version = CaptureInput.uint32(b, p + 8, true);
    if (version != 2) {
      throw new CaptureFormatException(8, "snoop version " + version
          + " is not supported (only version 2, Sun's)");
    }
    long datalink = CaptureInput.uint32(b, p + 12, true);
    linkType = linkType(datalink);
    if (linkType < 0) {
      throw new CaptureFormatException(12, "snoop datalink type " + datalink
          + " is not supported (only 802.3/Ethernet and FDDI)");
    }
    maxCaptured = LinkType.maxPacketLength(linkType);
    in.advance(FILE_HEADER);
  }

  /** True if {@code b[p..]} starts with the snoop magic (at least 8 bytes must be there). */
  static boolean magic(byte[] b, int p, int n) {
    return n >= 8 && b[p] == 's' && b[p + 1] == 'n' && b[p + 2] == 'o' && b[p + 3] == 'o'
        && b[p + 4] == 'p' && b[p + 5] == 0 && b[p + 6] == 0 && b[p + 7] == 0;
  }

  private static int linkType(long datalink) {
    if (datalink == 0 || datalink == 4) {
      return LinkType.ETHERNET;
    }
    return datalink == 8 ? 10 /* LINKTYPE_FDDI */ : -1;
  }

  @Override
  public boolean next(Frame frame) throws IOException {
    CaptureInput in = this.in;
    if (!in.ensure(RECORD_HEADER)) {
      int left = in.available();
      if (left == 0) {
        return false;
      }
      throw new CaptureFormatException(in.position(), "truncated record header: only "
          + left + " of " + RECORD_HEADER + " bytes");
    }
    byte[] b = in.buffer();
    int p = in.pos();
    long original = CaptureInput.uint32(b, p, true);
    int caplen = CaptureInput.int32(b, p + 4, true);
    int recordLength = CaptureInput.int32(b, p + 8, true);
    if (Integer.compareUnsigned(caplen, maxCaptured) > 0) {
      throw new CaptureFormatException(in.position(), "included length "
          + Integer.toUnsignedString(caplen) + " exceeds maximum " + maxCaptured);
    }
    if (Integer.compareUnsigned(recordLength, RECORD_HEADER + caplen) < 0
        || Integer.compareUnsigned(recordLength - RECORD_HEADER - caplen, maxCaptured) > 0) {
      throw new CaptureFormatException(in.position() + 8, "record length "
          + Integer.toUnsignedString(recordLength) + " does not fit an included length of "
          + caplen + " bytes");
    }
    if (!in.ensure(recordLength)) {
      throw new CaptureFormatException(in.position(), "truncated record: header says "
          + recordLength + " bytes, only " + in.available() + " remain");
    }
    b = in.buffer();
    p = in.pos();
    long seconds = CaptureInput.uint32(b, p + 16, true);
    long micros = CaptureInput.uint32(b, p + 20, true);
    frame.data = b;
    frame.offset = p + RECORD_HEADER;
    frame.capturedLength = caplen;
    frame.originalLength = original;
    frame.timestampNanos = seconds * 1_000_000_000L + micros * 1000;
    frame.timestampDigits = 6;
    frame.linkType = linkType;
    frame.interfaceId = -1; // no interface table, as pcap: tshark shows no frame.interface_id
    frame.fileOffset = in.position();
    frame.comment = null;
    in.advance(recordLength);
    return true;
  }

  @Override
  public String format() {
    return format;
  }

  @Override
  public int linkType(int interfaceId) {
    return linkType;
  }

  @Override
  public int interfaceCount() {
    return 1;
  }

  @Override
  public int snapLength(int interfaceId) {
    return 0; // snoop records no snapshot length (capinfos: "not set")
  }

  @Override
  public long position() {
    return in.position();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}

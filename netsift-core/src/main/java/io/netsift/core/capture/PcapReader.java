package io.netsift.core.capture;

import java.io.IOException;

/**
 * Reads the classic libpcap format: a 24-byte file header, then records of a 16-byte header
 * and the frame's bytes. Both byte orders, microsecond and nanosecond magics, and the
 * "modified pcap" variant (24-byte record headers) are accepted.
 *
 * <pre>
 * file header                           record header
 *  0 magic                               0 timestamp seconds
 *  4 major u16 | minor u16               4 timestamp µs (or ns)
 *  8 thiszone (ignored, as Wireshark)    8 captured length
 * 12 sigfigs                            12 original length
 * 16 snaplen                            16 data (captured length bytes)
 * 20 FCS bits (top 4) | link type (low 16)
 * </pre>
 *
 * @see <a href="https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcap/">
 *     draft-ietf-opsawg-pcap</a>
 */
public final class PcapReader implements CaptureReader {
  /** Magic as the writer's host stored it: µs timestamps. */
  public static final int MAGIC_MICROS = 0xa1b2c3d4;
  /** Nanosecond timestamps. */
  public static final int MAGIC_NANOS = 0xa1b23c4d;
  /** Alexey Kuznetsov's patched libpcap: 8 more bytes per record header (ifindex, proto). */
  public static final int MAGIC_MODIFIED = 0xa1b2cd34;

  static final int FILE_HEADER = 24;

  private final CaptureInput in;
  private final String format;
  private final boolean bigEndian;
  private final boolean nanos;
  private final int recordHeader;
  private final int versionMajor;
  private final int versionMinor;
  private final int snapLength;
  private final int linkType;
  private final int linkTypeField;
  private final int maxCaptured;

  PcapReader(CaptureInput in, String formatSuffix) throws IOException {
    this.in = in;
    this.format = "pcap" + formatSuffix;
    if (!in.ensure(FILE_HEADER)) {
      throw new CaptureFormatException(0, "truncated pcap file header: only "
          + in.available() + " of " + FILE_HEADER + " bytes");
    }
    byte[] b = in.buffer();
    int p = in.pos();
    int magic = CaptureInput.int32(b, p, true);
    bigEndian = magic == MAGIC_MICROS || magic == MAGIC_NANOS || magic == MAGIC_MODIFIED;
    int m = bigEndian ? magic : Integer.reverseBytes(magic);
    nanos = m == MAGIC_NANOS;
    recordHeader = m == MAGIC_MODIFIED ? 24 : 16;
    versionMajor = CaptureInput.uint16(b, p + 4, bigEndian);
    versionMinor = CaptureInput.uint16(b, p + 6, bigEndian);
    snapLength = CaptureInput.int32(b, p + 16, bigEndian);
    linkTypeField = CaptureInput.int32(b, p + 20, bigEndian);
    // The upper bits carry the FCS length (draft-ietf-opsawg-pcap §4); the type is the low 16.
    linkType = linkTypeField & 0xffff;
    maxCaptured = LinkType.maxPacketLength(linkType);
    if (versionMajor < 2) {
      throw new CaptureFormatException(0, "pcap version " + versionMajor + "." + versionMinor
          + " is not supported");
    }
    in.advance(FILE_HEADER);
  }

  @Override
  public boolean next(Frame frame) throws IOException {
    CaptureInput in = this.in;
    int hdr = recordHeader;
    if (!in.ensure(hdr)) {
      int left = in.available();
      if (left == 0) {
        return false;
      }
      throw new CaptureFormatException(in.position(), "truncated record header: only "
          + left + " of " + hdr + " bytes");
    }
    int caplen = CaptureInput.int32(in.buffer(), in.pos() + 8, bigEndian);
    // Unsigned compare: a 2 GB length is negative as an int and must fail here, not allocate.
    if (Integer.compareUnsigned(caplen, maxCaptured) > 0) {
      throw new CaptureFormatException(in.position(), "captured length "
          + Integer.toUnsignedString(caplen) + " exceeds maximum " + maxCaptured);
    }
    if (!in.ensure(hdr + caplen)) {
      throw new CaptureFormatException(in.position(), "truncated record: header says "
          + caplen + " bytes, only " + (in.available() - hdr) + " remain");
    }
    byte[] b = in.buffer();
    int p = in.pos();
    long seconds = CaptureInput.uint32(b, p, bigEndian);
    long fraction = CaptureInput.uint32(b, p + 4, bigEndian);
    frame.data = b;
    frame.offset = p + hdr;
    frame.capturedLength = caplen;
    frame.originalLength = CaptureInput.uint32(b, p + 12, bigEndian);
    frame.timestampNanos = seconds * 1_000_000_000L + (nanos ? fraction : fraction * 1000);
    frame.timestampDigits = nanos ? 9 : 6;
    frame.linkType = linkType;
    frame.interfaceId = -1; // pcap has no interface table; tshark shows no frame.interface_id
    frame.fileOffset = in.position();
    frame.comment = null;
    in.advance(hdr + caplen);
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
    return snapLength;
  }

  @Override
  public long position() {
    return in.position();
  }

  /** True if the file is big-endian (written on a big-endian host). */
  public boolean bigEndian() {
    return bigEndian;
  }

  /** True for the nanosecond magic. */
  public boolean nanosecondTimestamps() {
    return nanos;
  }

  /** File format version, e.g. "2.4". */
  public String version() {
    return versionMajor + "." + versionMinor;
  }

  /** FCS length in bytes from the link-type field's F bit and length, or -1 if not given. */
  public int fcsLength() {
    return (linkTypeField & 0x10000000) != 0 ? ((linkTypeField >>> 29) & 7) * 2 : -1;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}

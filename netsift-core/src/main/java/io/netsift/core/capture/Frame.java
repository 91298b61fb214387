package io.netsift.core.capture;

/**
 * One captured frame as a reader delivers it: metadata plus a view of its bytes.
 *
 * <p>The bytes are {@code data[offset, offset + capturedLength)}. A reader reuses one
 * {@code Frame} and its buffer, so the view is valid only until the next call to
 * {@link CaptureReader#next(Frame)}; call {@link #copy()} to keep a frame.
 */
public final class Frame {
  /** Backing array; shared with the reader's buffer. */
  public byte[] data;
  /** Start of this frame's bytes in {@link #data}. */
  public int offset;
  /** Bytes captured (present in {@link #data}). */
  public int capturedLength;
  /** Length of the frame on the wire (may exceed the captured length). */
  public long originalLength;
  /** Timestamp in nanoseconds since the Unix epoch (UTC). */
  public long timestampNanos;
  /** Link-layer header type (LINKTYPE_* value, see {@link LinkType}). */
  public int linkType;
  /** Interface index (pcapng IDB order across sections; -1 for pcap, which has no interface blocks). */
  public int interfaceId;
  /** Byte offset of the record (pcap record header / pcapng block) in the file. */
  public long fileOffset;
  /** Frame comment (pcapng opt_comment), or null. */
  public String comment;
  /** The pcapng interface the frame came from, or null (pcap). */
  public InterfaceInfo interfaceInfo;
  /** 1-based pcapng section number, or 0 (pcap). */
  public int sectionNumber;
  /** pcapng packet flags (epb_flags), or -1 when the block has none. */
  public long packetFlags = -1;
  /** pcapng frames lost before this one on its interface (epb_dropcount), or -1. */
  public long dropCount = -1;
  /** Digits of timestamp precision the file offers (6 for microseconds, 9 for nanoseconds). */
  public int timestampDigits = 6;

  /** Returns a deep copy whose bytes no longer share the reader's buffer. */
  public Frame copy() {
    Frame f = new Frame();
    f.data = java.util.Arrays.copyOfRange(data, offset, offset + capturedLength);
    f.offset = 0;
    f.capturedLength = capturedLength;
    f.originalLength = originalLength;
    f.timestampNanos = timestampNanos;
    f.linkType = linkType;
    f.interfaceId = interfaceId;
    f.fileOffset = fileOffset;
    f.comment = comment;
    f.interfaceInfo = interfaceInfo;
    f.sectionNumber = sectionNumber;
    f.packetFlags = packetFlags;
    f.dropCount = dropCount;
    f.timestampDigits = timestampDigits;
    return f;
  }
}

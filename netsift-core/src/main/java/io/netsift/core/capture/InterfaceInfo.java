package io.netsift.core.capture;

/**
 * One pcapng Interface Description Block as read: the interface's link type, snapshot
 * length and the options people look at. {@code id} is global across sections (the value
 * frames carry in {@link Frame#interfaceId}); {@code section} is the index of the section
 * header block it belongs to. Text options are null when absent.
 *
 * @param tsResolution the raw if_tsresol byte (6 = microseconds when absent; high bit set
 *     means a negative power of 2, otherwise of 10)
 * @param tsOffsetSeconds if_tsoffset, seconds added to every timestamp of this interface
 */
public record InterfaceInfo(
    int id,
    int section,
    int linkType,
    int snapLength,
    String name,
    String description,
    String filter,
    String os,
    int tsResolution,
    long tsOffsetSeconds) {

  /** Decimal digits of timestamp precision, at most 9 (nanoseconds). */
  public int timestampDigits() {
    if ((tsResolution & 0x80) == 0) {
      return Math.min(tsResolution, 9);
    }
    // 2^-n seconds resolves about n * log10(2) decimal digits.
    return Math.min(9, (int) Math.ceil((tsResolution & 0x7f) * Math.log10(2)));
  }
}

package io.netsift.core.capture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads pcapng: a sequence of blocks, each framed by its type and total length at the front
 * and the same length again at the back. Packets come from Enhanced, Simple and (obsolete)
 * Packet Blocks; Section Header and Interface Description Blocks are parsed into
 * {@link SectionInfo} and {@link InterfaceInfo}; every other block (name resolution,
 * statistics, decryption secrets, custom, unknown) is skipped by its length.
 *
 * <pre>
 *  0 block type        every block; a section header's byte-order magic (0x1A2B3C4D at
 *  4 total length      offset 8) sets the byte order of the whole section
 *  8 body ... options
 *  L-4 total length
 * </pre>
 *
 * <p>Each section starts its own interface numbering, but {@link Frame#interfaceId} keeps
 * counting across sections so it identifies an interface in the whole file.
 *
 * @see <a href="https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcapng/">
 *     draft-ietf-opsawg-pcapng</a>
 */
public final class PcapngReader implements CaptureReader {
  static final int SHB = 0x0A0D0D0A;
  static final int IDB = 1;
  static final int OPB = 2;
  static final int SPB = 3;
  static final int EPB = 6;
  static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
  /** Wireshark's MAX_BLOCK_SIZE: the largest packet (128 MiB, D-Bus) plus room for options. */
  static final int MAX_BLOCK_LENGTH = (128 << 20) + (128 << 10);

  private static final int OPT_COMMENT = 1;
  private static final int OPT_FLAGS = 2;
  private static final int OPT_DROP_COUNT = 4;

  private final CaptureInput in;
  private final String format;
  private final List<Interface> interfaces = new ArrayList<>();
  private final List<InterfaceInfo> interfaceInfos = new ArrayList<>();
  private final List<SectionInfo> sections = new ArrayList<>();
  private boolean bigEndian;
  /** Global id of the current section's interface 0. */
  private int sectionBase;
  // Current option, set by option(); fields rather than objects so packets allocate nothing.
  private int optCode;
  private int optValue;
  private int optLength;

  PcapngReader(CaptureInput in, String formatSuffix) throws IOException {
    this.in = in;
    this.format = "pcapng" + formatSuffix;
    readSectionHeader();
  }

  @Override
  public boolean next(Frame frame) throws IOException {
    CaptureInput in = this.in;
    while (true) {
      long offset = in.position();
      if (!in.ensure(8)) {
        if (in.available() == 0) {
          return false;
        }
        throw new CaptureFormatException(offset, "truncated block header: only "
            + in.available() + " of 8 bytes");
      }
      int type = CaptureInput.int32(in.buffer(), in.pos(), bigEndian);
      long length = CaptureInput.uint32(in.buffer(), in.pos() + 4, bigEndian);
      switch (type) {
        case EPB:
          loadBlock(offset, length, 32, "enhanced packet block");
          readPacket(frame, offset, (int) length, false);
          return true;
        case OPB:
          loadBlock(offset, length, 32, "packet block");
          readPacket(frame, offset, (int) length, true);
          return true;
        case SPB:
          loadBlock(offset, length, 16, "simple packet block");
          readSimplePacket(frame, offset, (int) length);
          return true;
        default:
          otherBlock(type, offset, length);
      }
    }
  }

  /** A block that is not a packet: interfaces and sections are read, the rest skipped. */
  private void otherBlock(int type, long offset, long length) throws IOException {
    switch (type) {
      case IDB:
        loadBlock(offset, length, 20, "interface description block");
        readInterface(offset, (int) length);
        break;
      case SHB:
        readSectionHeader();
        break;
      default:
        skipBlock(offset, length);
    }
  }

  /**
   * Reads the header blocks (interface descriptions and any other non-packet blocks) up to
   * stream position {@code end}, so that a split reader knows every interface before it
   * continues mid-file. A packet block before {@code end} is an error.
   */
  void readHeaderBlocks(long end) throws IOException {
    while (in.position() < end) {
      long offset = in.position();
      if (!in.ensure(8)) {
        throw new CaptureFormatException(offset, "truncated block header in the file header");
      }
      int type = CaptureInput.int32(in.buffer(), in.pos(), bigEndian);
      long length = CaptureInput.uint32(in.buffer(), in.pos() + 4, bigEndian);
      switch (type) {
        case EPB: case OPB: case SPB:
          throw new CaptureFormatException(offset, "packet block inside the file header");
        default:
          otherBlock(type, offset, length);
      }
    }
  }

  /** True if the current section is big-endian. */
  boolean bigEndian() {
    return bigEndian;
  }

  /** Reads the section header block at the current position; the magic is already known. */
  private void readSectionHeader() throws IOException {
    long offset = in.position();
    if (!in.ensure(12)) {
      throw new CaptureFormatException(offset, "truncated section header block: only "
          + in.available() + " of 28 bytes");
    }
    int bom = CaptureInput.int32(in.buffer(), in.pos() + 8, false);
    if (bom == BYTE_ORDER_MAGIC) {
      bigEndian = false;
    } else if (bom == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
      bigEndian = true;
    } else {
      throw new CaptureFormatException(offset, String.format(
          "bad byte-order magic %08x in section header block", bom));
    }
    long length = CaptureInput.uint32(in.buffer(), in.pos() + 4, bigEndian);
    loadBlock(offset, length, 28, "section header block");
    byte[] b = in.buffer();
    int p = in.pos();
    int major = CaptureInput.uint16(b, p + 12, bigEndian);
    int minor = CaptureInput.uint16(b, p + 14, bigEndian);
    if (major != 1) {
      throw new CaptureFormatException(offset, "pcapng version " + major + "." + minor
          + " is not supported");
    }
    // Offset 16 holds the section length; -1 (unknown) is common and we never need it.
    List<String> comments = new ArrayList<>();
    String hardware = null;
    String os = null;
    String application = null;
    int end = p + (int) length - 4;
    for (int o = p + 24; option(offset, b, o, end); o = nextOption()) {
      switch (optCode) {
        case OPT_COMMENT: comments.add(optionText(b)); break;
        case 2: hardware = optionText(b); break;
        case 3: os = optionText(b); break;
        case 4: application = optionText(b); break;
        default: break;
      }
    }
    sectionBase = interfaces.size();
    sections.add(new SectionInfo(sections.size(), offset, bigEndian, major, minor,
        Collections.unmodifiableList(comments), hardware, os, application, sectionBase));
    in.advance((int) length);
  }

  private void readInterface(long offset, int length) throws CaptureFormatException {
    byte[] b = in.buffer();
    int p = in.pos();
    int linkType = CaptureInput.uint16(b, p + 8, bigEndian);
    int snapLength = CaptureInput.int32(b, p + 12, bigEndian);
    String name = null;
    String description = null;
    String filter = null;
    String os = null;
    int tsresol = 6;
    long tsoffset = 0;
    int end = p + length - 4;
    for (int o = p + 16; option(offset, b, o, end); o = nextOption()) {
      switch (optCode) {
        case 2: name = optionText(b); break;
        case 3: description = optionText(b); break;
        case 9:
          if (optLength >= 1) {
            tsresol = b[optValue] & 0xff;
          }
          break;
        case 11:
          // First byte is the filter kind; 0 means a libpcap filter string follows.
          if (optLength >= 1 && b[optValue] == 0) {
            filter = text(b, optValue + 1, optLength - 1);
          }
          break;
        case 12: os = optionText(b); break;
        case 14:
          if (optLength >= 8) {
            int high = optValue + (bigEndian ? 0 : 4);
            int low = optValue + (bigEndian ? 4 : 0);
            tsoffset = ((long) CaptureInput.int32(b, high, bigEndian) << 32)
                | CaptureInput.uint32(b, low, bigEndian);
          }
          break;
        default: break;
      }
    }
    InterfaceInfo info = new InterfaceInfo(interfaces.size(), sections.size() - 1, linkType,
        snapLength, name, description, filter, os, tsresol, tsoffset);
    interfaces.add(new Interface(offset, info));
    interfaceInfos.add(info);
    in.advance(length);
  }

  /** EPB, or the obsolete PB ({@code obsolete}), whose interface id is 16 bits. */
  private void readPacket(Frame frame, long offset, int length, boolean obsolete)
      throws CaptureFormatException {
    byte[] b = in.buffer();
    int p = in.pos();
    int local = obsolete ? CaptureInput.uint16(b, p + 8, bigEndian)
        : CaptureInput.int32(b, p + 8, bigEndian);
    Interface itf = sectionInterface(offset, local);
    int caplen = CaptureInput.int32(b, p + 20, bigEndian);
    checkCapturedLength(offset, caplen, length - 32, itf);
    long units = (CaptureInput.uint32(b, p + 12, bigEndian) << 32)
        | CaptureInput.uint32(b, p + 16, bigEndian);
    frame.data = b;
    frame.offset = p + 28;
    frame.capturedLength = caplen;
    frame.originalLength = CaptureInput.uint32(b, p + 24, bigEndian);
    frame.timestampNanos = itf.toNanos(units);
    frame.timestampDigits = itf.digits;
    frame.linkType = itf.info.linkType();
    frame.interfaceId = itf.info.id();
    frame.fileOffset = offset;
    frame.comment = null;
    frame.interfaceInfo = itf.info;
    frame.sectionNumber = itf.info.section() + 1;
    frame.packetFlags = -1;
    // The obsolete packet block carries a 16-bit drop count after its interface id.
    frame.dropCount = obsolete ? CaptureInput.uint16(b, p + 10, bigEndian) : -1;
    int end = p + length - 4;
    for (int o = p + 28 + ((caplen + 3) & ~3); option(offset, b, o, end); o = nextOption()) {
      if (optCode == OPT_COMMENT && frame.comment == null) {
        frame.comment = optionText(b);
      } else if (optCode == OPT_FLAGS && optLength == 4) {
        frame.packetFlags = CaptureInput.uint32(b, optValue, bigEndian);
      } else if (optCode == OPT_DROP_COUNT && optLength == 8) {
        frame.dropCount = CaptureInput.uint32(b, optValue + (bigEndian ? 4 : 0), bigEndian)
            | CaptureInput.uint32(b, optValue + (bigEndian ? 0 : 4), bigEndian) << 32;
      }
    }
    in.advance(length);
  }

  /** SPB: no interface id (always the section's first), no timestamp, no options. */
  private void readSimplePacket(Frame frame, long offset, int length)
      throws CaptureFormatException {
    byte[] b = in.buffer();
    int p = in.pos();
    Interface itf = sectionInterface(offset, 0);
    long original = CaptureInput.uint32(b, p + 8, bigEndian);
    long caplen = Math.min(original, length - 16);
    int snap = itf.info.snapLength();
    if (snap > 0) {
      caplen = Math.min(caplen, snap);
    }
    checkCapturedLength(offset, (int) caplen, length - 16, itf);
    frame.data = b;
    frame.offset = p + 12;
    frame.capturedLength = (int) caplen;
    frame.originalLength = original;
    frame.timestampNanos = 0;
    frame.timestampDigits = itf.digits;
    frame.linkType = itf.info.linkType();
    frame.interfaceId = itf.info.id();
    frame.fileOffset = offset;
    frame.comment = null;
    frame.interfaceInfo = itf.info;
    frame.sectionNumber = itf.info.section() + 1;
    frame.packetFlags = -1;
    frame.dropCount = -1;
    in.advance(length);
  }

  private Interface sectionInterface(long offset, int local) throws CaptureFormatException {
    int defined = interfaces.size() - sectionBase;
    if (local < 0 || local >= defined) {
      throw new CaptureFormatException(offset, "packet refers to interface "
          + Integer.toUnsignedString(local) + " but the section defines " + defined);
    }
    return interfaces.get(sectionBase + local);
  }

  private static void checkCapturedLength(long offset, int caplen, int room, Interface itf)
      throws CaptureFormatException {
    if (Integer.compareUnsigned(caplen, room) > 0) {
      throw new CaptureFormatException(offset, "captured length "
          + Integer.toUnsignedString(caplen) + " exceeds the block's " + room + " data bytes");
    }
    if (caplen > itf.maxCaptured) {
      throw new CaptureFormatException(offset, "captured length " + caplen
          + " exceeds maximum " + itf.maxCaptured);
    }
  }

  /**
   * Validates a block's length and makes the whole block available at {@code in.pos()}.
   * The length is checked against {@link #MAX_BLOCK_LENGTH} before anything is buffered.
   */
  private void loadBlock(long offset, long length, int minimum, String what) throws IOException {
    checkLength(offset, length);
    if (length < minimum) {
      throw new CaptureFormatException(offset, what + " length " + length
          + " is less than the minimum " + minimum);
    }
    if (length > MAX_BLOCK_LENGTH) {
      throw new CaptureFormatException(offset, "block length " + length
          + " exceeds maximum " + MAX_BLOCK_LENGTH);
    }
    if (!in.ensure((int) length)) {
      throw truncated(offset, length, in.available());
    }
    long trailer = CaptureInput.uint32(in.buffer(), in.pos() + (int) length - 4, bigEndian);
    checkTrailer(offset, length, trailer);
  }

  /** Skips a block we do not parse without buffering it; still checks both lengths. */
  private void skipBlock(long offset, long length) throws IOException {
    checkLength(offset, length);
    long skipped = in.skip(length - 4);
    if (skipped < length - 4 || !in.ensure(4)) {
      throw truncated(offset, length, skipped + in.available());
    }
    checkTrailer(offset, length, CaptureInput.uint32(in.buffer(), in.pos(), bigEndian));
    in.advance(4);
  }

  private static void checkLength(long offset, long length) throws CaptureFormatException {
    if (length < 12) {
      throw new CaptureFormatException(offset, "block length " + length
          + " is less than the minimum 12");
    }
    if (length % 4 != 0) {
      throw new CaptureFormatException(offset, "block length " + length
          + " is not a multiple of 4");
    }
  }

  private static void checkTrailer(long offset, long length, long trailer)
      throws CaptureFormatException {
    if (trailer != length) {
      throw new CaptureFormatException(offset, "block length " + length
          + " does not match the trailing length " + trailer);
    }
  }

  private static CaptureFormatException truncated(long offset, long length, long remain) {
    return new CaptureFormatException(offset, "truncated block: header says " + length
        + " bytes, only " + remain + " remain");
  }

  /**
   * Reads the option header at {@code b[at]} into optCode/optValue/optLength.
   *
   * @return false at opt_endofopt or when no option header fits before {@code end}
   */
  private boolean option(long offset, byte[] b, int at, int end) throws CaptureFormatException {
    if (end - at < 4) {
      return false;
    }
    optCode = CaptureInput.uint16(b, at, bigEndian);
    optLength = CaptureInput.uint16(b, at + 2, bigEndian);
    optValue = at + 4;
    if (optCode == 0) {
      return false;
    }
    if (optLength > end - optValue) {
      // Wireshark rejects such a block too: the lengths cannot both be right.
      throw new CaptureFormatException(offset, "option " + optCode + " says " + optLength
          + " bytes, only " + (end - optValue) + " remain in the block");
    }
    return true;
  }

  /** Start of the option after the current one (values are padded to 4 bytes). */
  private int nextOption() {
    return optValue + ((optLength + 3) & ~3);
  }

  private String optionText(byte[] b) {
    return text(b, optValue, optLength);
  }

  /**
   * UTF-8 text up to the first NUL: some writers count a C string's terminator, and even
   * stray bytes after it, in the option length (pcapplusplus's pcapng-example.pcapng), and
   * Wireshark shows the text before the NUL.
   */
  private static String text(byte[] b, int from, int length) {
    int n = 0;
    while (n < length && b[from + n] != 0) {
      n++;
    }
    return new String(b, from, n, StandardCharsets.UTF_8);
  }

  @Override
  public String format() {
    return format;
  }

  @Override
  public int linkType(int interfaceId) {
    return interfaceInfos.get(interfaceId).linkType();
  }

  @Override
  public int interfaceCount() {
    return interfaces.size();
  }

  @Override
  public int snapLength(int interfaceId) {
    return interfaceInfos.get(interfaceId).snapLength();
  }

  @Override
  public long position() {
    return in.position();
  }

  /** Interfaces seen so far, indexed by global interface id. */
  public List<InterfaceInfo> interfaces() {
    return Collections.unmodifiableList(interfaceInfos);
  }

  /** Section headers seen so far, in file order (the first is read when the file opens). */
  public List<SectionInfo> sections() {
    return Collections.unmodifiableList(sections);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** An interface plus its timestamp conversion, precomputed so a packet costs one multiply. */
  private static final class Interface {
    final InterfaceInfo info;
    final int digits;
    final int maxCaptured;
    final long offsetNanos;
    /** Units per nanosecond handling: multiply (10^-n, n <= 9), divide (n > 9), or shift (2^-n). */
    final long multiplier;
    final long divisor;
    final int shift;

    Interface(long blockOffset, InterfaceInfo info) throws CaptureFormatException {
      this.info = info;
      this.digits = info.timestampDigits();
      this.maxCaptured = LinkType.maxPacketLength(info.linkType());
      this.offsetNanos = info.tsOffsetSeconds() * 1_000_000_000L;
      int r = info.tsResolution();
      int exponent = r & 0x7f;
      if ((r & 0x80) != 0) {
        if (exponent > 63) {
          throw new CaptureFormatException(blockOffset, "if_tsresol 2^-" + exponent
              + " is finer than 64 bits can count");
        }
        multiplier = 0;
        divisor = 0;
        shift = exponent;
      } else {
        if (exponent > 18) {
          throw new CaptureFormatException(blockOffset, "if_tsresol 10^-" + exponent
              + " is finer than 64 bits can count");
        }
        multiplier = exponent <= 9 ? pow10(9 - exponent) : 0;
        divisor = exponent > 9 ? pow10(exponent - 9) : 0;
        shift = -1;
      }
    }

    long toNanos(long units) {
      long nanos;
      if (multiplier != 0) {
        nanos = units * multiplier;
      } else if (divisor != 0) {
        nanos = Long.divideUnsigned(units, divisor);
      } else {
        // Fixed point with `shift` fraction bits: whole seconds, then the fraction scaled by
        // 1e9 using a 128-bit product so fine resolutions do not overflow.
        long seconds = shift == 0 ? units : units >>> shift;
        long fraction = shift == 0 ? 0 : units & ((1L << shift) - 1);
        long lo = fraction * 1_000_000_000L;
        long hi = Math.multiplyHigh(fraction, 1_000_000_000L);
        long fracNanos = shift == 0 ? 0 : (hi << (64 - shift)) | (lo >>> shift);
        nanos = seconds * 1_000_000_000L + fracNanos;
      }
      return nanos + offsetNanos;
    }

    private static long pow10(int n) {
      long v = 1;
      for (int i = 0; i < n; i++) {
        v *= 10;
      }
      return v;
    }
  }
}

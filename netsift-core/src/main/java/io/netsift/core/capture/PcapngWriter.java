package io.netsift.core.capture;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes pcapng in little-endian order: one section header (shb_userappl "netsift"), an
 * Interface Description Block the first time each distinct (link type, interface id) pair
 * appears, and an Enhanced Packet Block per frame, carrying {@link Frame#comment} as
 * opt_comment. An interface whose first frame has more than 6 timestamp digits gets
 * if_tsresol 9 (nanoseconds); otherwise the default microseconds.
 */
public final class PcapngWriter implements CaptureWriter {
  private static final byte[] APPLICATION = "netsift".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_OPTION = 0xffff;

  private final CaptureOutput out;
  private final int snapLength;
  /** (link type << 32 | frame interface id) to the id of the IDB written for it. */
  private final Map<Long, Integer> interfaces = new HashMap<>();
  private boolean[] nanos = new boolean[4];
  // One-entry cache: consecutive frames nearly always share an interface, so skip the map.
  private long lastKey = -1;
  private int lastId;
  /** The batch {@link #write(Frame)} encodes into. */
  private final EncodedFrames single;

  /**
   * Writes the section header at once.
   *
   * @param snapLength longest frame kept; 0 or less means {@link LinkType#MAX_PACKET_LENGTH}
   */
  public PcapngWriter(OutputStream out, int snapLength) throws IOException {
    this.out = new CaptureOutput(out);
    this.snapLength = snapLength > 0 ? snapLength : LinkType.MAX_PACKET_LENGTH;
    this.single = new EncodedFrames(true, this.snapLength);
    int length = 28 + 4 + 8 + 4;
    this.out.reserve(length);
    this.out.putInt(PcapngReader.SHB);
    this.out.putInt(length);
    this.out.putInt(PcapngReader.BYTE_ORDER_MAGIC);
    this.out.putShort(1);
    this.out.putShort(0);
    this.out.putLong(-1); // section length unknown: we stream
    this.out.putShort(4); // shb_userappl
    this.out.putShort(APPLICATION.length);
    this.out.put(APPLICATION, 0, APPLICATION.length, true);
    this.out.putInt(0); // opt_endofopt
    this.out.putInt(length);
  }

  @Override
  public void write(Frame frame) throws IOException {
    single.clear();
    single.add(frame);
    write(single);
  }

  @Override
  public EncodedFrames newBatch() {
    return new EncodedFrames(true, snapLength);
  }

  @Override
  public void write(EncodedFrames batch) throws IOException {
    if (!batch.pcapng() || batch.snapLength() != snapLength) {
      throw new IllegalArgumentException("a batch made for another writer");
    }
    int[] at = new int[2];
    for (int i = 0; i < batch.count; i++) {
      long key = ((long) batch.linkTypes[i] << 32) | (batch.interfaceIds[i] & 0xffffffffL);
      int id;
      if (key == lastKey) {
        id = lastId;
      } else {
        Integer known = interfaces.get(key);
        if (known == null) {
          // The records before this one, then the block of the interface it is the first of.
          batch.writeUpTo(i, out, at);
          known = interfaces.size();
          interfaces.put(key, known);
          writeInterface(known, batch.linkTypes[i], batch.nanos[i], batch.infos[i]);
        }
        id = known;
        lastKey = key;
        lastId = id;
      }
      if (id != 0) {
        batch.pcapngInterface(i, id);
      }
      if (nanos[id] != batch.nanos[i]) {
        batch.pcapngTime(i, nanos[id]);
      }
    }
    batch.writeUpTo(batch.count, out, at);
  }

  /** Length of an Enhanced Packet Block of {@code caplen} bytes and an optional comment. */
  static int packetBlockLength(int caplen, byte[] comment) {
    int options = comment == null ? 0 : 4 + ((comment.length + 3) & ~3) + 4;
    return 32 + ((caplen + 3) & ~3) + options;
  }

  private void writeInterface(int id, int linkType, boolean nanosecond, InterfaceInfo info) throws IOException {
    if (id == nanos.length) {
      nanos = Arrays.copyOf(nanos, id * 2);
    }
    nanos[id] = nanosecond;
    // Text options the interface is known by (a live capture's interface, or a pcapng read
    // back): if_name (2), if_description (3), if_filter (11, with its leading type byte 0).
    byte[] name = info == null || info.name() == null ? null : commentBytes(info.name());
    byte[] description = info == null || info.description() == null ? null : commentBytes(info.description());
    byte[] filter = info == null || info.filter() == null ? null : commentBytes("\0" + info.filter());
    int options = optionLength(name) + optionLength(description) + optionLength(filter)
        + (nanosecond ? 8 : 0);
    int length = 20 + (options > 0 ? options + 4 : 0);
    out.reserve(16);
    out.putInt(PcapngReader.IDB);
    out.putInt(length);
    out.putShort(linkType);
    out.putShort(0);
    out.putInt(snapLength);
    option(2, name);
    option(3, description);
    option(11, filter);
    if (nanosecond) {
      out.reserve(8);
      out.putShort(9); // if_tsresol: 10^-9
      out.putShort(1);
      out.putInt(9); // the value byte, then three bytes of padding
    }
    if (options > 0) {
      out.reserve(4);
      out.putInt(0); // opt_endofopt
    }
    out.reserve(4);
    out.putInt(length);
  }

  private static int optionLength(byte[] value) {
    return value == null ? 0 : 4 + ((value.length + 3) & ~3);
  }

  private void option(int code, byte[] value) throws IOException {
    if (value == null) {
      return;
    }
    out.reserve(4);
    out.putShort(code);
    out.putShort(value.length);
    out.put(value, 0, value.length, true);
  }

  /** UTF-8 bytes, cut at a character boundary if they exceed the 16-bit option length. */
  static byte[] commentBytes(String comment) {
    byte[] b = comment.getBytes(StandardCharsets.UTF_8);
    if (b.length <= MAX_OPTION) {
      return b;
    }
    int n = MAX_OPTION;
    while (n > 0 && (b[n] & 0xc0) == 0x80) {
      n--;
    }
    return Arrays.copyOf(b, n);
  }

  @Override
  public String format() {
    return "pcapng";
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}

package io.netsift.core.capture;

import static io.netsift.core.capture.CaptureBytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapReaderTest {
  @TempDir Path dir;

  /** Reads every frame (copied) from an in-memory file. */
  static List<Frame> readAll(CaptureReader reader) throws IOException {
    List<Frame> frames = new ArrayList<>();
    Frame f = new Frame();
    try (reader) {
      while (reader.next(f)) {
        frames.add(f.copy());
      }
    }
    return frames;
  }

  static List<Frame> readAll(byte[] file) throws IOException {
    return readAll(CaptureReaders.open(new ByteArrayInputStream(file)));
  }

  static byte[] bytes(Frame f) {
    return Arrays.copyOfRange(f.data, f.offset, f.offset + f.capturedLength);
  }

  @Test
  void readsBigEndianMicrosecondFile() throws IOException {
    byte[] file = hex(""
        // header: big-endian µs magic, version 2.4, zone, sigfigs, snaplen 65535, Ethernet
        + "a1b2c3d4 0002 0004 00000000 00000000 0000ffff 00000001"
        // @24: 1600000000 s 123456 µs, 4 of 60 bytes
        + "5f5e1000 0001e240 00000004 0000003c deadbeef"
        // @44: 1600000001 s 1 µs, 2 bytes
        + "5f5e1001 00000001 00000002 00000002 cafe");
    CaptureReader reader = CaptureReaders.open(new ByteArrayInputStream(file));
    assertEquals("pcap", reader.format());
    assertEquals(LinkType.ETHERNET, reader.linkType(0));
    assertEquals(65535, reader.snapLength(0));
    assertEquals(1, reader.interfaceCount());
    assertTrue(((PcapReader) reader).bigEndian());
    assertEquals("2.4", ((PcapReader) reader).version());
    List<Frame> frames = readAll(reader);
    assertEquals(2, frames.size());
    Frame a = frames.get(0);
    assertArrayEquals(hex("deadbeef"), bytes(a));
    assertEquals(60, a.originalLength);
    assertEquals(1_600_000_000_123_456_000L, a.timestampNanos);
    assertEquals(6, a.timestampDigits);
    assertEquals(24, a.fileOffset);
    assertEquals(LinkType.ETHERNET, a.linkType);
    assertNull(a.comment);
    Frame b = frames.get(1);
    assertArrayEquals(hex("cafe"), bytes(b));
    assertEquals(1_600_000_001_000_001_000L, b.timestampNanos);
    assertEquals(44, b.fileOffset);
  }

  @Test
  void readsLittleEndianMicrosecondFile() throws IOException {
    byte[] file = new CaptureBytes(false).pcapHeader(PcapReader.MAGIC_MICROS, 262144, 113)
        .pcapRecord(1_700_000_000L, 999_999, hex("0102030405"), 5).toByteArray();
    assertArrayEquals(hex("d4c3b2a1"), Arrays.copyOf(file, 4));
    List<Frame> frames = readAll(file);
    assertEquals(1, frames.size());
    assertEquals(1_700_000_000_999_999_000L, frames.get(0).timestampNanos);
    assertEquals(LinkType.LINUX_SLL, frames.get(0).linkType);
    assertArrayEquals(hex("0102030405"), bytes(frames.get(0)));
  }

  @Test
  void nanosecondMagicInBothByteOrders() throws IOException {
    for (boolean bigEndian : new boolean[] {false, true}) {
      byte[] file = new CaptureBytes(bigEndian).pcapHeader(PcapReader.MAGIC_NANOS, 65535, 1)
          .pcapRecord(1_700_000_000L, 123_456_789, hex("aa"), 1).toByteArray();
      CaptureReader reader = CaptureReaders.open(new ByteArrayInputStream(file));
      assertTrue(((PcapReader) reader).nanosecondTimestamps());
      Frame f = readAll(reader).get(0);
      assertEquals(1_700_000_000_123_456_789L, f.timestampNanos, "bigEndian=" + bigEndian);
      assertEquals(9, f.timestampDigits);
    }
  }

  @Test
  void modifiedPcapHasLongerRecordHeaders() throws IOException {
    // Kuznetsov's format: 16-byte header + ifindex(4) + protocol(2) + pkt_type(1) + pad(1).
    byte[] file = new CaptureBytes(false).pcapHeader(PcapReader.MAGIC_MODIFIED, 65535, 1)
        .u32(10).u32(20).u32(3).u32(3).u32(2).u16(0x0800).u8(0).u8(0).bytes(hex("112233"))
        .toByteArray();
    List<Frame> frames = readAll(file);
    assertEquals(1, frames.size());
    assertArrayEquals(hex("112233"), bytes(frames.get(0)));
    assertEquals(10_000_020_000L, frames.get(0).timestampNanos);
  }

  @Test
  void linkTypeFieldUpperBitsAreFcsNotLinkType() throws IOException {
    // F bit (28) set, FCS length 2 words (bits 29-31 = 010): a 4-byte FCS on Ethernet.
    int field = 0x10000000 | (2 << 29) | LinkType.ETHERNET;
    byte[] file = new CaptureBytes(false).pcapHeader(PcapReader.MAGIC_MICROS, 65535, field)
        .pcapRecord(1, 0, hex("00"), 1).toByteArray();
    PcapReader reader = (PcapReader) CaptureReaders.open(new ByteArrayInputStream(file));
    assertEquals(LinkType.ETHERNET, reader.linkType(0));
    assertEquals(4, reader.fcsLength());
    assertEquals(LinkType.ETHERNET, readAll(reader).get(0).linkType);
  }

  @Test
  void capturedLongerThanSnaplenIsAccepted() throws IOException {
    // tcpdump's pim-packet-assortment.pcap has 65589-byte records with snaplen 65535, and
    // Wireshark and libpcap both read it, so only the link type's maximum is enforced.
    byte[] data = new byte[70_000];
    byte[] file = new CaptureBytes(false).pcapHeader(PcapReader.MAGIC_MICROS, 65535, 1)
        .pcapRecord(1, 0, data, data.length).toByteArray();
    assertEquals(70_000, readAll(file).get(0).capturedLength);
  }

  @Test
  void manyFramesThroughSmallReadsAndFromFile() throws IOException {
    // ~7.5 MB, several times the read buffer, fed 1000 bytes per read() so records straddle
    // every refill; then the same from a file.
    CaptureBytes b = new CaptureBytes(false).pcapHeader(PcapReader.MAGIC_NANOS, 0, 1);
    int count = 5000;
    for (int i = 0; i < count; i++) {
      b.pcapRecord(i, i, pattern(i, 1 + (i * 7919) % 3000), 4000);
    }
    byte[] file = b.toByteArray();
    InputStream trickle = new FilterInputStream(new ByteArrayInputStream(file)) {
      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        return super.read(buf, off, Math.min(len, 1000));
      }
    };
    checkPattern(readAll(CaptureReaders.open(trickle)), count);
    Path path = dir.resolve("many.pcap");
    Files.write(path, file);
    checkPattern(readAll(CaptureReaders.open(path)), count);
  }

  @Test
  void largestLegalFrameGrowsTheBufferOfASmallFile() throws IOException {
    byte[] data = pattern(7, LinkType.MAX_PACKET_LENGTH);
    Path path = dir.resolve("big.pcap");
    Files.write(path, new CaptureBytes(false).pcapHeader(PcapReader.MAGIC_MICROS, 0, 1)
        .pcapRecord(1, 2, hex("0102"), 2).pcapRecord(3, 4, data, data.length).toByteArray());
    List<Frame> frames = readAll(CaptureReaders.open(path));
    assertEquals(2, frames.size());
    assertArrayEquals(data, bytes(frames.get(1)));
  }

  @Test
  void positionCountsConsumedBytes() throws IOException {
    byte[] file = new CaptureBytes(false).pcapHeader(PcapReader.MAGIC_MICROS, 65535, 1)
        .pcapRecord(1, 0, hex("0102"), 2).toByteArray();
    try (CaptureReader reader = CaptureReaders.open(new ByteArrayInputStream(file))) {
      assertEquals(24, reader.position());
      Frame f = new Frame();
      assertTrue(reader.next(f));
      assertEquals(42, reader.position());
      assertFalse(reader.next(f));
      assertFalse(reader.next(f), "end of file is sticky");
    }
  }

  static byte[] pattern(int seed, int length) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) (seed * 31 + i);
    }
    return b;
  }

  private static void checkPattern(List<Frame> frames, int count) {
    assertEquals(count, frames.size());
    for (int i = 0; i < count; i++) {
      Frame f = frames.get(i);
      assertArrayEquals(pattern(i, 1 + (i * 7919) % 3000), bytes(f), "frame " + i);
      assertEquals(i * 1_000_000_000L + i, f.timestampNanos);
      assertEquals(4000, f.originalLength);
    }
  }
}

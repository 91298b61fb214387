package io.netsift.core.capture;

import static io.netsift.core.capture.CaptureBytes.hex;
import static io.netsift.core.capture.PcapReaderTest.bytes;
import static io.netsift.core.capture.PcapReaderTest.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureWriterTest {
  @TempDir Path dir;

  static Frame frame(int linkType, int interfaceId, long nanos, int digits, byte[] data,
      String comment) {
    Frame f = new Frame();
    f.data = CaptureBytes.concat(hex("eeee"), data); // a non-zero offset, like a reader's view
    f.offset = 2;
    f.capturedLength = data.length;
    f.originalLength = data.length + 100;
    f.timestampNanos = nanos;
    f.timestampDigits = digits;
    f.linkType = linkType;
    f.interfaceId = interfaceId;
    f.comment = comment;
    return f;
  }

  static byte[] write(String format, int snapLength, List<Frame> frames) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CaptureWriter w = CaptureWriters.open(out, format, snapLength)) {
      assertEquals(format, w.format());
      for (Frame f : frames) {
        w.write(f);
      }
    }
    return out.toByteArray();
  }

  private static void assertSameFrame(Frame expected, Frame actual) {
    assertArrayEquals(bytes(expected), bytes(actual));
    assertEquals(expected.originalLength, actual.originalLength);
    assertEquals(expected.timestampNanos, actual.timestampNanos);
    assertEquals(expected.linkType, actual.linkType);
    assertEquals(expected.comment, actual.comment);
  }

  @Test
  void pcapngKeepsTheInterfaceNameDescriptionAndFilter() throws IOException {
    Frame f = frame(1, 0, 1_700_000_000_000_000_001L, 9, hex("0102030405"), null);
    f.interfaceInfo = new InterfaceInfo(0, 0, 1, 262144, "lo", "Loopback", "udp port 53", null, 9, 0);
    Frame g = frame(1, 0, 1_700_000_000_000_000_002L, 9, hex("06"), "second");
    g.interfaceInfo = f.interfaceInfo;
    byte[] file = write("pcapng", 0, List.of(f, g));
    try (CaptureReader r = CaptureReaders.open(new ByteArrayInputStream(file))) {
      Frame back = new Frame();
      assertTrue(r.next(back));
      assertEquals("lo", back.interfaceInfo.name());
      assertEquals("Loopback", back.interfaceInfo.description());
      assertEquals("udp port 53", back.interfaceInfo.filter());
      assertEquals(9, back.timestampDigits);
      assertEquals(1_700_000_000_000_000_001L, back.timestampNanos);
      assertTrue(r.next(back));
      assertEquals("second", back.comment);
    }
  }

  @Test
  void pcapRoundTripInMicroseconds() throws IOException {
    List<Frame> frames = List.of(
        frame(1, 0, 1_700_000_000_123_456_000L, 6, hex("0102030405"), null),
        frame(1, 0, 1_700_000_001_000_001_000L, 6, new byte[1500], null),
        frame(1, 0, 0, 6, new byte[0], null));
    byte[] file = write("pcap", 0, frames);
    assertArrayEquals(hex("d4c3b2a1"), Arrays.copyOf(file, 4));
    List<Frame> back = readAll(file);
    assertEquals(3, back.size());
    for (int i = 0; i < 3; i++) {
      assertSameFrame(frames.get(i), back.get(i));
      assertEquals(6, back.get(i).timestampDigits);
    }
  }

  @Test
  void pcapRoundTripInNanoseconds() throws IOException {
    List<Frame> frames = List.of(frame(LinkType.RAW, 0, 1_700_000_000_123_456_789L, 9,
        hex("4500"), null));
    byte[] file = write("pcap", 0, frames);
    assertArrayEquals(hex("4d3cb2a1"), Arrays.copyOf(file, 4));
    Frame back = readAll(file).get(0);
    assertSameFrame(frames.get(0), back);
    assertEquals(9, back.timestampDigits);
  }

  @Test
  void microsecondPcapDropsSubMicrosecondDigits() throws IOException {
    Frame first = frame(1, 0, 1_000, 6, hex("00"), null);
    Frame second = frame(1, 0, 2_000_000_999L, 9, hex("00"), null);
    List<Frame> back = readAll(write("pcap", 0, List.of(first, second)));
    assertEquals(2_000_000_000L, back.get(1).timestampNanos);
  }

  @Test
  void pcapRefusesASecondLinkType() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CaptureWriter w = CaptureWriters.open(out, "pcap", 0)) {
      w.write(frame(1, 0, 0, 6, hex("00"), null));
      IOException e = assertThrows(IOException.class,
          () -> w.write(frame(LinkType.LINUX_SLL, 0, 0, 6, hex("00"), null)));
      assertEquals("cannot write a linux-sll frame (link type 113) to a pcap file of ether "
          + "frames (link type 1): pcap holds one link type, use pcapng", e.getMessage());
    }
    assertEquals(1, readAll(out.toByteArray()).size());
  }

  @Test
  void snapLengthCutsFrames() throws IOException {
    for (String format : new String[] {"pcap", "pcapng"}) {
      Frame f = frame(1, 0, 0, 6, hex("0102030405060708"), null);
      Frame back = readAll(write(format, 4, List.of(f))).get(0);
      assertArrayEquals(hex("01020304"), bytes(back), format);
      assertEquals(108, back.originalLength);
    }
  }

  @Test
  void pcapngRoundTripWithCommentsInterfacesAndPrecisions() throws IOException {
    List<Frame> frames = List.of(
        frame(1, 0, 1_700_000_000_123_456_000L, 6, hex("01"), null),
        frame(1, 0, 1_700_000_000_223_456_000L, 6, hex("0203"), "first comment"),
        frame(LinkType.LINUX_SLL, 0, 1_700_000_000_123_456_789L, 9, hex("040506"), null),
        frame(1, 5, 1_700_000_000_999_999_999L, 9, new byte[3000], "ünïcode ✓"),
        frame(1, 0, 1_700_000_001_000_000_000L, 6, hex("07"), ""));
    byte[] file = write("pcapng", 0, frames);
    PcapngReader reader = (PcapngReader) CaptureReaders.open(new ByteArrayInputStream(file));
    assertEquals("netsift", reader.sections().get(0).userApplication());
    List<Frame> back = readAll(reader);
    assertEquals(frames.size(), back.size());
    for (int i = 0; i < frames.size(); i++) {
      assertSameFrame(frames.get(i), back.get(i));
    }
    assertEquals(List.of(0, 0, 1, 2, 0),
        back.stream().map(f -> f.interfaceId).collect(java.util.stream.Collectors.toList()));
    List<InterfaceInfo> itfs = reader.interfaces();
    assertEquals(3, itfs.size());
    assertEquals(6, itfs.get(0).tsResolution());
    assertEquals(9, itfs.get(1).tsResolution());
    assertEquals(LinkType.LINUX_SLL, itfs.get(1).linkType());
    assertEquals(9, back.get(3).timestampDigits);
    assertEquals(6, back.get(0).timestampDigits);
  }

  @Test
  void batchesEncodedElsewhereWriteTheSameBytesAsFramesOneByOne() throws IOException {
    // Batches are encoded before the writer knows which interfaces it has opened and in which
    // units: the second interface appears inside a batch, a microsecond frame lands on a
    // nanosecond interface (and the reverse), a pcap file's units come from its first frame.
    List<Frame> frames = List.of(
        frame(1, 0, 1_700_000_000_123_456_789L, 9, hex("01"), null),
        frame(1, 0, 1_700_000_000_223_456_000L, 6, hex("0203"), "a comment"),
        frame(1, 3, 1_700_000_000_323_456_000L, 6, hex("040506"), null),
        frame(1, 3, 1_700_000_000_999_999_999L, 9, new byte[3000], "ünïcode ✓"),
        frame(1, 0, 1_700_000_001_000_000_001L, 9, hex("07"), null),
        frame(1, 7, 1_700_000_002_000_000_000L, 6, hex("0809"), null));
    for (String format : new String[] {"pcap", "pcapng"}) {
      for (int snap : new int[] {0, 2}) {
        byte[] expected = write(format, snap, frames);
        for (int per = 1; per <= frames.size(); per++) {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          try (CaptureWriter w = CaptureWriters.open(out, format, snap)) {
            List<EncodedFrames> batches = new ArrayList<>();
            for (int i = 0; i < frames.size(); i += per) {
              EncodedFrames b = w.newBatch(); // all encoded before any is written
              frames.subList(i, Math.min(frames.size(), i + per)).forEach(b::add);
              batches.add(b);
            }
            for (EncodedFrames b : batches) {
              w.write(b);
            }
          }
          assertArrayEquals(expected, out.toByteArray(), format + " snap " + snap + ", " + per + " a batch");
        }
      }
    }
    List<Frame> back = readAll(write("pcapng", 0, frames));
    assertEquals(1_700_000_000_223_456_000L, back.get(1).timestampNanos);
    assertEquals(1_700_000_000_999_999_000L, back.get(3).timestampNanos); // the interface is in µs
    assertEquals(List.of(0, 0, 1, 1, 0, 2),
        back.stream().map(f -> f.interfaceId).collect(java.util.stream.Collectors.toList()));
    assertEquals(1_700_000_000_323_456_000L, readAll(write("pcap", 0, frames)).get(2).timestampNanos);
  }

  @Test
  void largeBatchesSpanBlocksAndKeepEveryByte() throws IOException {
    // Enough bytes for several of the batch's blocks, one frame longer than a block, and a new
    // interface in the middle of a later block.
    List<Frame> frames = new ArrayList<>();
    for (int i = 0; i < 90; i++) {
      byte[] data = new byte[i == 40 ? EncodedFrames.BLOCK : 9_999 + i];
      Arrays.fill(data, (byte) i);
      frames.add(frame(1, i < 70 ? 0 : 1, 1_000_000_000L * i, 6, data, i % 17 == 0 ? "c" + i : null));
    }
    for (String format : new String[] {"pcap", "pcapng"}) {
      if (format.equals("pcap")) {
        frames.replaceAll(f -> { f.interfaceId = 0; return f; });
      }
      byte[] expected = write(format, 0, frames);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (CaptureWriter w = CaptureWriters.open(out, format, 0)) {
        EncodedFrames b = w.newBatch();
        frames.forEach(b::add);
        assertEquals(frames.size(), b.size());
        w.write(b);
      }
      assertArrayEquals(expected, out.toByteArray(), format);
      List<Frame> back = readAll(expected);
      assertEquals(frames.size(), back.size());
      for (int i = 0; i < frames.size(); i++) {
        if (format.equals("pcapng")) {
          assertSameFrame(frames.get(i), back.get(i)); // pcap has no comments
        } else {
          assertArrayEquals(bytes(frames.get(i)), bytes(back.get(i)));
        }
      }
    }
  }

  @Test
  void aBatchGoesOnlyToAWriterOfItsFormat() throws IOException {
    try (CaptureWriter pcap = CaptureWriters.open(new ByteArrayOutputStream(), "pcap", 0);
        CaptureWriter pcapng = CaptureWriters.open(new ByteArrayOutputStream(), "pcapng", 0)) {
      assertThrows(IllegalArgumentException.class, () -> pcap.write(pcapng.newBatch()));
      assertThrows(IllegalArgumentException.class, () -> pcapng.write(pcap.newBatch()));
    }
  }

  @Test
  void writesThroughAPathAndPcapngToPcap() throws IOException {
    Path ng = dir.resolve("out.pcapng");
    List<Frame> frames = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      frames.add(frame(1, 0, i * 1_000_000L, 6, PcapReaderTest.pattern(i, i % 1600), null));
    }
    try (CaptureWriter w = CaptureWriters.open(ng, "pcapng", 0)) {
      for (Frame f : frames) {
        w.write(f);
      }
    }
    // Copy the pcapng file to pcap frame by frame, the way `netsift -w` will.
    Path pcap = dir.resolve("out.pcap");
    try (CaptureReader r = CaptureReaders.open(ng);
        CaptureWriter w = CaptureWriters.open(pcap, "pcap", 0)) {
      Frame f = new Frame();
      while (r.next(f)) {
        w.write(f);
      }
    }
    List<Frame> back = readAll(CaptureReaders.open(pcap));
    assertEquals(3000, back.size());
    for (int i = 0; i < 3000; i++) {
      assertSameFrame(frames.get(i), back.get(i));
    }
  }

  @Test
  void emptyWritersProduceReadableFiles() throws IOException {
    for (String format : new String[] {"pcap", "pcapng"}) {
      byte[] file = write(format, 0, List.of());
      try (CaptureReader r = CaptureReaders.open(new ByteArrayInputStream(file))) {
        assertEquals(format, r.format());
        assertTrue(!r.next(new Frame()));
      }
    }
  }

  @Test
  void unknownFormatName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CaptureWriters.open(new ByteArrayOutputStream(), "erf", 0));
    assertEquals("unknown capture format 'erf' (expected pcap or pcapng)", e.getMessage());
  }

  @Test
  void nullCommentStaysNull() throws IOException {
    Frame back = readAll(write("pcapng", 0, List.of(frame(1, 0, 0, 6, hex("00"), null))))
        .get(0);
    assertNull(back.comment);
  }
}

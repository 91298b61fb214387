package io.netsift.core.capture;

import static io.netsift.core.capture.CaptureBytes.ascii;
import static io.netsift.core.capture.CaptureBytes.hex;
import static io.netsift.core.capture.PcapReaderTest.bytes;
import static io.netsift.core.capture.PcapReaderTest.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PcapngReaderTest {
  private static PcapngReader open(byte[] file) throws IOException {
    return (PcapngReader) CaptureReaders.open(new ByteArrayInputStream(file));
  }

  @Test
  void readsBigEndianFileFromInlineBytes() throws IOException {
    byte[] file = hex(""
        // @0 SHB: type, length 28, byte-order magic, version 1.0, section length -1, length
        + "0a0d0d0a 0000001c 1a2b3c4d 0001 0000 ffffffff ffffffff 0000001c"
        // @28 IDB: length 20, link type 1, reserved, snaplen 65535, length
        + "00000001 00000014 0001 0000 0000ffff 00000014"
        // @48 EPB: length 36, interface 0, timestamp 1600000000500000 µs (high, low),
        //     captured 3, original 64, data aabbcc + 1 pad byte, length
        + "00000006 00000024 00000000 0005af31 07aba120 00000003 00000040 aabbcc00 00000024");
    PcapngReader reader = open(file);
    assertEquals("pcapng", reader.format());
    assertTrue(reader.sections().get(0).bigEndian());
    List<Frame> frames = readAll(reader);
    assertEquals(1, frames.size());
    Frame f = frames.get(0);
    assertArrayEquals(hex("aabbcc"), bytes(f));
    assertEquals(64, f.originalLength);
    assertEquals(1_600_000_000_500_000_000L, f.timestampNanos);
    assertEquals(48, f.fileOffset);
    assertEquals(LinkType.ETHERNET, f.linkType);
    assertEquals(0, f.interfaceId);
  }

  @Test
  void readsOptionsAllPacketBlocksAndSkipsTheRest() throws IOException {
    CaptureBytes b = new CaptureBytes(false);
    b.shb(b.option(1, "first"), b.option(1, "second"), b.option(2, "x86_64"),
        b.option(3, "Linux"), b.option(4, "unit test"), b.endOfOptions());
    b.idb(LinkType.ETHERNET, 65535, b.option(2, "eth0"), b.option(3, "Ethernet port"),
        b.option(11, CaptureBytes.concat(hex("00"), ascii("tcp port 80"))),
        b.option(12, "Linux 6.1"), b.option(9, hex("09")), b.endOfOptions());
    b.block(4, hex("0001 0008 0a000001 616200 00 0000 0000")); // NRB: ipv4 record, end
    b.block(0x0A, new CaptureBytes(false).u32(0x544c534b).u32(4).bytes(ascii("keys"))
        .toByteArray());                                       // DSB: TLS key log
    b.block(0x00000BAD, hex("00007ed9 01020304"));             // custom, copyable
    b.block(0x40000BAD, hex("00007ed9"));                      // custom, do not copy
    b.block(0x12345678, hex("deadbeef"));                      // unknown type
    b.epb(0, 1_700_000_000_123_456_789L, hex("0102030405"), 60,
        b.option(2, hex("00000001")), b.option(1, "hello ünïcode"), b.endOfOptions());
    b.spb(6, hex("a1a2a3a4a5a6"));
    b.block(2, new CaptureBytes(false).u16(0).u16(7).u32(0x16345785L).u32(0xdffbcd15L)
        .u32(2).u32(2).bytes(hex("beef")).pad4().toByteArray());   // obsolete packet block
    b.block(5, new CaptureBytes(false).u32(0).u32(0).u32(0).toByteArray()); // ISB
    PcapngReader reader = open(b.toByteArray());

    SectionInfo section = reader.sections().get(0);
    assertEquals(List.of("first", "second"), section.comments());
    assertEquals("x86_64", section.hardware());
    assertEquals("Linux", section.os());
    assertEquals("unit test", section.userApplication());
    assertFalse(section.bigEndian());

    List<Frame> frames = readAll(reader);
    assertEquals(3, frames.size());
    InterfaceInfo itf = reader.interfaces().get(0);
    assertEquals("eth0", itf.name());
    assertEquals("Ethernet port", itf.description());
    assertEquals("tcp port 80", itf.filter());
    assertEquals("Linux 6.1", itf.os());
    assertEquals(9, itf.tsResolution());
    assertEquals(9, itf.timestampDigits());
    assertEquals(65535, reader.snapLength(0));

    Frame epb = frames.get(0);
    assertEquals("hello ünïcode", epb.comment);
    assertEquals(1_700_000_000_123_456_789L, epb.timestampNanos);
    assertEquals(9, epb.timestampDigits);
    assertArrayEquals(hex("0102030405"), bytes(epb));
    assertEquals(60, epb.originalLength);

    Frame spb = frames.get(1);
    assertArrayEquals(hex("a1a2a3a4a5a6"), bytes(spb));
    assertEquals(6, spb.originalLength);
    assertEquals(0, spb.timestampNanos, "simple packet blocks carry no timestamp");
    assertNull(spb.comment);

    Frame opb = frames.get(2);
    assertArrayEquals(hex("beef"), bytes(opb));
    assertEquals(1_600_000_000_123_456_789L, opb.timestampNanos);
  }

  @Test
  void severalSectionsKeepCountingInterfaces() throws IOException {
    CaptureBytes le = new CaptureBytes(false);
    le.shb().idb(LinkType.ETHERNET, 65535).idb(LinkType.RAW, 65535)
        .epb(1, 5, hex("45"), 1).epb(0, 6, hex("ff"), 1);
    CaptureBytes be = new CaptureBytes(true);
    be.shb(be.option(4, "other tool"), be.endOfOptions()).idb(LinkType.LINUX_SLL, 1000)
        .epb(0, 7, hex("0001"), 2);
    PcapngReader reader = open(CaptureBytes.concat(le.toByteArray(), be.toByteArray()));
    List<Frame> frames = readAll(reader);
    assertEquals(3, frames.size());
    assertEquals(1, frames.get(0).interfaceId);
    assertEquals(LinkType.RAW, frames.get(0).linkType);
    assertEquals(0, frames.get(1).interfaceId);
    assertEquals(2, frames.get(2).interfaceId, "section 2's interface 0 is the file's third");
    assertEquals(LinkType.LINUX_SLL, frames.get(2).linkType);
    assertEquals(7_000, frames.get(2).timestampNanos);
    assertEquals(3, reader.interfaceCount());
    assertEquals(1000, reader.snapLength(2));
    assertEquals(2, reader.sections().size());
    SectionInfo second = reader.sections().get(1);
    assertTrue(second.bigEndian());
    assertEquals(2, second.firstInterfaceId());
    assertEquals("other tool", second.userApplication());
    assertEquals(le.size(), second.fileOffset());
    assertEquals(1, reader.interfaces().get(2).section());
  }

  @Test
  void timestampResolutionsAndOffset() throws IOException {
    for (boolean bigEndian : new boolean[] {false, true}) {
      CaptureBytes b = new CaptureBytes(bigEndian);
      byte[] tsoffset100 = bigEndian ? hex("00000000 00000064") : hex("64000000 00000000");
      b.shb()
          .idb(1, 0, b.option(9, hex("03")))                 // 0: milliseconds
          .idb(1, 0, b.option(9, hex("8a")))                 // 1: 2^-10 s
          .idb(1, 0, b.option(9, hex("0c")))                 // 2: picoseconds
          .idb(1, 0, b.option(14, tsoffset100))              // 3: µs, +100 s
          .idb(1, 0, b.option(9, hex("9e")))                 // 4: 2^-30 s
          .epb(0, 1500, hex("00"), 1)
          .epb(1, 5 * 1024 + 512, hex("00"), 1)
          .epb(2, 1_000_000_000_123_000L, hex("00"), 1)
          .epb(3, 1, hex("00"), 1)
          .epb(4, (1_700_000_000L << 30) + (1 << 29), hex("00"), 1);
      PcapngReader reader = open(b.toByteArray());
      List<Frame> f = readAll(reader);
      assertEquals(1_500_000_000L, f.get(0).timestampNanos);
      assertEquals(3, f.get(0).timestampDigits);
      assertEquals(5_500_000_000L, f.get(1).timestampNanos);
      assertEquals(4, f.get(1).timestampDigits);
      assertEquals(1_000_000_000_123L, f.get(2).timestampNanos);
      assertEquals(9, f.get(2).timestampDigits);
      assertEquals(100_000_001_000L, f.get(3).timestampNanos);
      assertEquals(100, reader.interfaces().get(3).tsOffsetSeconds());
      assertEquals(1_700_000_000_500_000_000L, f.get(4).timestampNanos);
    }
  }

  @Test
  void simplePacketCapturedLengthIsLimitedBySnaplen() throws IOException {
    CaptureBytes b = new CaptureBytes(false);
    b.shb().idb(1, 4).spb(10, hex("01020304"));
    Frame f = readAll(b.toByteArray()).get(0);
    assertEquals(4, f.capturedLength);
    assertEquals(10, f.originalLength);
    assertArrayEquals(hex("01020304"), bytes(f));
  }

  @Test
  void packetForAnUndefinedInterfaceIsAnError() throws IOException {
    CaptureBytes b = new CaptureBytes(false);
    b.shb().idb(1, 0).epb(0, 1, hex("00"), 1);
    int offset = b.size();
    b.epb(3, 1, hex("00"), 1);
    PcapngReader reader = open(b.toByteArray());
    Frame f = new Frame();
    assertTrue(reader.next(f));
    CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> reader.next(f));
    assertEquals(offset, e.offset());
    assertEquals("record at offset " + offset
        + ": packet refers to interface 3 but the section defines 1", e.getMessage());
  }
}

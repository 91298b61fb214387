package io.netsift.core.capture;

import static io.netsift.core.capture.CaptureBytes.hex;
import static io.netsift.core.capture.PcapReaderTest.bytes;
import static io.netsift.core.capture.PcapReaderTest.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Sun snoop files (RFC 1761) built byte by byte; the corpus's Solaris capture is compared with
 * tshark field by field by GoldenFieldsTest and read whole by CorpusReadTest.
 */
class SnoopReaderTest {
  /** File header: magic, version 2, datalink 4 (Ethernet). */
  private static final String HEADER = "736e6f6f70000000 00000002 00000004";

  /** Two records: 3 bytes padded to a 28-byte record, then 4 of 60 bytes with 4 bytes of padding. */
  private static final String RECORDS = ""
      + "00000003 00000003 0000001c 00000000 3650f2df 000d830c" + "aabbcc" + "00"
      + "0000003c 00000004 00000020 00000001 3650f2e0 00000001" + "01020304" + "00000000";

  @Test
  void readsRecordsAndSkipsPadding() throws IOException {
    CaptureReader reader = CaptureReaders.open(new ByteArrayInputStream(hex(HEADER + RECORDS)));
    assertEquals("snoop", reader.format());
    assertEquals(LinkType.ETHERNET, reader.linkType(0));
    List<Frame> frames = readAll(reader);
    assertEquals(2, frames.size());
    Frame a = frames.get(0);
    assertArrayEquals(hex("aabbcc"), bytes(a));
    assertEquals(3, a.originalLength);
    assertEquals(911274719_885516_000L, a.timestampNanos);
    assertEquals(6, a.timestampDigits);
    assertEquals(16, a.fileOffset);
    assertEquals(-1, a.interfaceId);
    Frame b = frames.get(1);
    assertArrayEquals(hex("01020304"), bytes(b));
    assertEquals(60, b.originalLength);
    assertEquals(911274720_000001_000L, b.timestampNanos);
    assertEquals(16 + 28, b.fileOffset);
  }

  @Test
  void readsGzippedSnoop() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(hex(HEADER + RECORDS));
    }
    CaptureReader reader = CaptureReaders.open(new ByteArrayInputStream(out.toByteArray()));
    assertEquals("snoop-gzip", reader.format());
    assertEquals(2, readAll(reader).size());
  }

  @Test
  void emptyFileHasNoFrames() throws IOException {
    assertEquals(0, readAll(hex(HEADER)).size());
  }

  @Test
  void damageNamesTheOffsetAfterEveryGoodFrame() throws IOException {
    byte[] file = hex(HEADER + RECORDS + "00000010 00000010 00000034 00000000 3650f2e1 00000000 0102");
    CaptureReader reader = CaptureReaders.open(new ByteArrayInputStream(file));
    Frame f = new Frame();
    assertEquals(true, reader.next(f));
    assertEquals(true, reader.next(f));
    CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> reader.next(f));
    assertEquals(16 + 28 + 32, e.offset());
    assertEquals("record at offset 76: truncated record: header says 52 bytes, only 26 remain",
        e.getMessage());
  }

  @Test
  void recordLengthShorterThanItsDataIsAnError() throws IOException {
    byte[] file = hex(HEADER + "00000008 00000008 00000010 00000000 3650f2df 00000000");
    CaptureFormatException e = assertThrows(CaptureFormatException.class,
        () -> readAll(file));
    assertEquals("record at offset 24: record length 16 does not fit an included length of 8 bytes",
        e.getMessage());
  }

  @Test
  void unsupportedVersionAndDatalinkAreNamed() {
    assertEquals("record at offset 8: snoop version 3 is not supported (only version 2, Sun's)",
        assertThrows(CaptureFormatException.class,
            () -> readAll(hex("736e6f6f70000000 00000003 00000004"))).getMessage());
    assertEquals("record at offset 12: snoop datalink type 2 is not supported "
        + "(only 802.3/Ethernet and FDDI)", assertThrows(CaptureFormatException.class,
            () -> readAll(hex("736e6f6f70000000 00000002 00000002"))).getMessage());
  }
}

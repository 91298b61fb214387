package io.netsift.core.capture;

import static io.netsift.core.capture.CaptureBytes.hex;
import static io.netsift.core.capture.PcapReaderTest.bytes;
import static io.netsift.core.capture.PcapReaderTest.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureReadersTest {
  @TempDir Path dir;

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  static byte[] samplePcap() {
    return new CaptureBytes(false).pcapHeader(PcapReader.MAGIC_MICROS, 65535, 1)
        .pcapRecord(1, 1, hex("0102"), 2).pcapRecord(2, 2, hex("030405"), 3).toByteArray();
  }

  static byte[] samplePcapng() {
    CaptureBytes b = new CaptureBytes(false);
    return b.shb().idb(1, 0).epb(0, 5, hex("aa"), 1).toByteArray();
  }

  private Path write(String name, byte[] data) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, data);
    return p;
  }

  private CaptureFormatException openFails(byte[] data) throws IOException {
    // Same answer from a file and from a stream; the misleading name proves names are ignored.
    CaptureFormatException fromFile = assertThrows(CaptureFormatException.class,
        () -> CaptureReaders.open(write("misleading.pcapng", data)));
    CaptureFormatException fromStream = assertThrows(CaptureFormatException.class,
        () -> CaptureReaders.open(new ByteArrayInputStream(data)));
    assertEquals(fromFile.getMessage(), fromStream.getMessage());
    return fromFile;
  }

  @Test
  void detectsFormatFromMagicNotName() throws IOException {
    try (CaptureReader r = CaptureReaders.open(write("looks-like.pcapng", samplePcap()))) {
      assertEquals("pcap", r.format());
    }
    try (CaptureReader r = CaptureReaders.open(write("looks-like.pcap", samplePcapng()))) {
      assertEquals("pcapng", r.format());
    }
  }

  @Test
  void readsGzipFilesAndStreams() throws IOException {
    Path pcapGz = write("plain-name", gzip(samplePcap()));
    try (CaptureReader r = CaptureReaders.open(pcapGz)) {
      assertEquals("pcap-gzip", r.format());
    }
    List<Frame> frames = readAll(CaptureReaders.open(pcapGz));
    assertEquals(2, frames.size());
    assertArrayEquals(hex("030405"), bytes(frames.get(1)));
    assertEquals(42, frames.get(1).fileOffset, "offsets count decompressed bytes");

    CaptureReader ng = CaptureReaders.open(new ByteArrayInputStream(gzip(samplePcapng())));
    assertEquals("pcapng-gzip", ng.format());
    assertEquals(1, readAll(ng).size());
  }

  @Test
  void readsConcatenatedGzipMembers() throws IOException {
    byte[] file = samplePcap();
    byte[] twoMembers = CaptureBytes.concat(gzip(Arrays.copyOf(file, 30)),
        gzip(Arrays.copyOfRange(file, 30, file.length)));
    assertEquals(2, readAll(twoMembers).size());
  }

  @Test
  void readsFromAStream() throws IOException {
    List<Frame> frames = readAll(CaptureReaders.open(new ByteArrayInputStream(samplePcap())));
    assertEquals(2, frames.size());
    assertEquals(2_000_002_000L, frames.get(1).timestampNanos);
  }

  @Test
  void emptyInput() throws IOException {
    assertEquals("file is empty (0 bytes)", openFails(new byte[0]).getMessage());
    assertEquals("gzip data decompresses to nothing (0 bytes)",
        openFails(gzip(new byte[0])).getMessage());
  }

  @Test
  void tooShortForAMagic() throws IOException {
    assertEquals("file is too short to be a capture (3 bytes)",
        openFails(hex("d4c3b2")).getMessage());
  }

  @Test
  void unknownMagicIsNamedInHex() throws IOException {
    CaptureFormatException e = openFails("GET / HTTP/1.1\r\n".getBytes());
    assertEquals("unknown magic bytes 47 45 54 20: this is not a pcap, pcapng, snoop or gzip file",
        e.getMessage());
    assertEquals(-1, e.offset());
    assertTrue(openFails(gzip(hex("00112233"))).getMessage()
        .startsWith("unknown magic bytes 00 11 22 33: the decompressed data is not"));
  }

  @Test
  void truncatedFileHeader() throws IOException {
    assertEquals("record at offset 0: truncated pcap file header: only 10 of 24 bytes",
        openFails(Arrays.copyOf(samplePcap(), 10)).getMessage());
    assertEquals("record at offset 0: truncated section header block: only 8 of 28 bytes",
        openFails(Arrays.copyOf(samplePcapng(), 8)).getMessage());
  }

  @Test
  void damagedGzipHeader() throws IOException {
    byte[] gz = gzip(samplePcap());
    gz[2] = 7; // compression method must be 8 (deflate)
    assertTrue(openFails(gz).getMessage().startsWith("damaged gzip header: "));
  }
}

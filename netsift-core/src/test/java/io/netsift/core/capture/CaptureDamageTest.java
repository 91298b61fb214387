package io.netsift.core.capture;

import static io.netsift.core.capture.CaptureBytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged files: every complete frame first, then one error naming the offset. */
class CaptureDamageTest {
  @TempDir Path dir;

  /** Reads {@code file} from a stream and a path, expecting {@code good} frames then an error. */
  private CaptureFormatException deliversThenFails(byte[] file, int good) throws IOException {
    Path path = dir.resolve("damaged");
    Files.write(path, file);
    CaptureFormatException first = null;
    for (int source = 0; source < 2; source++) {
      CaptureReader reader = source == 0 ? CaptureReaders.open(path)
          : CaptureReaders.open(new ByteArrayInputStream(file));
      Frame f = new Frame();
      int n = 0;
      try (reader) {
        while (reader.next(f)) {
          n++;
        }
        fail("expected an error after " + n + " frames");
      } catch (CaptureFormatException e) {
        assertEquals(good, n, "frames before the damage");
        if (first != null) {
          assertEquals(first.getMessage(), e.getMessage());
        }
        first = e;
      }
    }
    return first;
  }

  private static CaptureBytes pcapWithTwoFrames() {
    return new CaptureBytes(false).pcapHeader(PcapReader.MAGIC_MICROS, 65535, 1)
        .pcapRecord(1, 0, new byte[100], 100).pcapRecord(2, 0, new byte[50], 50);
  }

  @Test
  void truncatedLastRecordData() throws IOException {
    byte[] whole = pcapWithTwoFrames().pcapRecord(3, 0, new byte[80], 80).toByteArray();
    int lastRecord = 24 + 116 + 66;
    CaptureFormatException e = deliversThenFails(Arrays.copyOf(whole, whole.length - 30), 2);
    assertEquals(lastRecord, e.offset());
    assertEquals("record at offset 206: truncated record: header says 80 bytes, only 50 remain",
        e.getMessage());
  }

  @Test
  void truncatedLastRecordHeader() throws IOException {
    byte[] whole = pcapWithTwoFrames().pcapRecord(3, 0, new byte[80], 80).toByteArray();
    CaptureFormatException e = deliversThenFails(Arrays.copyOf(whole, 206 + 9), 2);
    assertEquals("record at offset 206: truncated record header: only 9 of 16 bytes",
        e.getMessage());
  }

  @Test
  void absurdCapturedLengthsDoNotAllocate() throws IOException {
    // 2 GB and 4 GB - 1 with a little data behind: must fail on the number, not run out of heap.
    for (long caplen : new long[] {0x8000_0000L, 0xffff_ffffL, 70_000_000L}) {
      byte[] file = pcapWithTwoFrames().u32(3).u32(0).u32(caplen).u32(caplen)
          .bytes(new byte[1000]).toByteArray();
      CaptureFormatException e = deliversThenFails(file, 2);
      assertEquals("record at offset 206: captured length " + caplen
          + " exceeds maximum 262144", e.getMessage());
    }
  }

  @Test
  void badPcapngTrailingLength() throws IOException {
    CaptureBytes b = new CaptureBytes(false);
    b.shb().idb(1, 0).epb(0, 1, hex("0102"), 2);
    int offset = b.size();
    b.epb(0, 2, hex("0304"), 2);
    byte[] file = b.toByteArray();
    file[file.length - 4] = 40; // the trailing copy of the 36-byte length
    CaptureFormatException e = deliversThenFails(file, 1);
    assertEquals(offset, e.offset());
    assertEquals("record at offset " + offset
        + ": block length 36 does not match the trailing length 40", e.getMessage());
  }

  @Test
  void badTrailingLengthOfASkippedBlock() throws IOException {
    CaptureBytes b = new CaptureBytes(false);
    b.shb().idb(1, 0).epb(0, 1, hex("0102"), 2);
    int offset = b.size();
    b.block(0x0BAD, new byte[5000]).epb(0, 2, hex("0304"), 2);
    byte[] file = b.toByteArray();
    file[offset + 5008] = (byte) 0x95; // trailer 5012 = 0x1394 (little-endian) becomes 5013
    CaptureFormatException e = deliversThenFails(file, 1);
    assertEquals("record at offset " + offset
        + ": block length 5012 does not match the trailing length 5013", e.getMessage());
  }

  @Test
  void pcapngLengthsThatCannotBeRight() throws IOException {
    String[][] cases = {
        {"0000000d", "block length 13 is not a multiple of 4"},
        {"00000008", "block length 8 is less than the minimum 12"},
        {"00000018", "enhanced packet block length 24 is less than the minimum 32"},
        {"fffffff0", "block length 4294967280 exceeds maximum 134348800"},
    };
    for (String[] c : cases) {
      CaptureBytes b = new CaptureBytes(true);
      b.shb().idb(1, 0).epb(0, 1, hex("0102"), 2);
      int offset = b.size();
      byte[] file = CaptureBytes.concat(b.toByteArray(), hex("00000006" + c[0]),
          new byte[64]);
      CaptureFormatException e = deliversThenFails(file, 1);
      assertEquals("record at offset " + offset + ": " + c[1], e.getMessage());
    }
  }

  @Test
  void hugeUnknownBlockIsSkippedByStreamingNotBuffering() throws IOException {
    CaptureBytes b = new CaptureBytes(false);
    b.shb().idb(1, 0).epb(0, 1, hex("0102"), 2);
    int offset = b.size();
    byte[] file = CaptureBytes.concat(b.toByteArray(), hex("ad0b0000 f0ffffff"), new byte[300]);
    CaptureFormatException e = deliversThenFails(file, 1);
    assertEquals("record at offset " + offset
        + ": truncated block: header says 4294967280 bytes, only 308 remain", e.getMessage());
  }

  @Test
  void truncatedPcapngBlock() throws IOException {
    CaptureBytes b = new CaptureBytes(false);
    b.shb().idb(1, 0).epb(0, 1, hex("0102"), 2);
    int offset = b.size();
    b.epb(0, 2, new byte[100], 100);
    byte[] file = b.toByteArray();
    CaptureFormatException e = deliversThenFails(Arrays.copyOf(file, file.length - 10), 1);
    assertEquals("record at offset " + offset
        + ": truncated block: header says 132 bytes, only 122 remain", e.getMessage());
    e = deliversThenFails(Arrays.copyOf(file, offset + 5), 1);
    assertEquals("record at offset " + offset + ": truncated block header: only 5 of 8 bytes",
        e.getMessage());
  }

  @Test
  void optionRunningPastTheBlock() throws IOException {
    CaptureBytes b = new CaptureBytes(false);
    b.shb().idb(1, 0);
    int offset = b.size();
    b.epb(0, 1, hex("0102"), 2, new CaptureBytes(false).u16(1).u16(200).toByteArray());
    CaptureFormatException e = deliversThenFails(b.toByteArray(), 0);
    assertEquals("record at offset " + offset
        + ": option 1 says 200 bytes, only 0 remain in the block", e.getMessage());
  }

  @Test
  void badByteOrderMagic() throws IOException {
    byte[] file = hex("0a0d0d0a 1c000000 11223344 0100 0000 ffffffffffffffff 1c000000");
    CaptureFormatException e = assertThrows(CaptureFormatException.class,
        () -> CaptureReaders.open(new ByteArrayInputStream(file)));
    assertEquals("record at offset 0: bad byte-order magic 44332211 in section header block",
        e.getMessage());
  }

  @Test
  void cutShortGzipDeliversWhatDecompressed() throws IOException {
    CaptureBytes b = new CaptureBytes(false).pcapHeader(PcapReader.MAGIC_MICROS, 65535, 1);
    Random random = new Random(1);
    for (int i = 0; i < 2000; i++) {
      byte[] data = new byte[500];
      random.nextBytes(data); // incompressible, so a cut loses only the tail
      b.pcapRecord(i, 0, data, 500);
    }
    byte[] gz = CaptureReadersTest.gzip(b.toByteArray());
    byte[] cut = Arrays.copyOf(gz, gz.length / 2);
    CaptureReader reader = CaptureReaders.open(new ByteArrayInputStream(cut));
    Frame f = new Frame();
    int n = 0;
    try (reader) {
      while (reader.next(f)) {
        n++;
      }
      fail("expected an error");
    } catch (CaptureFormatException e) {
      assertTrue(n > 900 && n < 1100, "frames before the cut: " + n);
      assertTrue(e.getMessage().startsWith("gzip data is damaged after "), e.getMessage());
    }
  }

  @Test
  void randomDamageOnlyEverGivesCaptureFormatException() throws IOException {
    // A cheap regression fuzz: flip bytes of small valid files; anything but a clean read or
    // a CaptureFormatException (say an IndexOutOfBounds or OutOfMemoryError) fails.
    CaptureBytes ng = new CaptureBytes(false);
    ng.shb(ng.option(1, "c"), ng.endOfOptions()).idb(1, 0, ng.option(9, hex("09")))
        .epb(0, 1, hex("0102030405"), 5, ng.option(1, "x"), ng.endOfOptions())
        .spb(3, hex("010203")).block(5, new byte[12]);
    byte[][] seeds = {ng.toByteArray(), CaptureReadersTest.samplePcap()};
    Random random = new Random(42);
    for (int round = 0; round < 20_000; round++) {
      byte[] file = seeds[round % 2].clone();
      for (int k = 1 + random.nextInt(4); k > 0; k--) {
        file[random.nextInt(file.length)] = (byte) random.nextInt(256);
      }
      if (random.nextInt(4) == 0) {
        file = Arrays.copyOf(file, random.nextInt(file.length));
      }
      try (CaptureReader reader = CaptureReaders.open(new ByteArrayInputStream(file))) {
        Frame f = new Frame();
        while (reader.next(f)) {
          assertTrue(f.offset >= 0 && f.offset + f.capturedLength <= f.data.length);
        }
      } catch (CaptureFormatException expected) {
        // fine: damaged input is reported
      }
    }
  }
}

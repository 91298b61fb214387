package io.netsift.core.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading through mapped windows gives the file's bytes, across windows, growth and shrinking. */
class MappedInputTest {
  @TempDir Path dir;

  @Test
  void bytesAcrossWindowsFromAnyOffset() throws IOException {
    byte[] data = new byte[300_000];
    new Random(7).nextBytes(data);
    Path f = Files.write(dir.resolve("a.bin"), data);
    for (int offset : new int[] {0, 1, 4095, 65_536, 299_999, 300_000}) {
      try (InputStream in = new MappedInput(FileChannel.open(f, StandardOpenOption.READ), offset, 4096 * 3 + 5)) {
        byte[] got = readAll(in, 7_777);
        assertArrayEquals(java.util.Arrays.copyOfRange(data, offset, data.length), got, "from " + offset);
      }
    }
  }

  @Test
  void followsAFileThatGrowsAndSkips() throws IOException {
    Path f = Files.write(dir.resolve("g.bin"), new byte[] {1, 2, 3});
    try (InputStream in = new MappedInput(FileChannel.open(f, StandardOpenOption.READ), 0, 4096)) {
      assertEquals(1, in.read());
      assertEquals(1, in.skip(1));
      assertEquals(3, in.read());
      assertEquals(-1, in.read());
      Files.write(f, new byte[] {4, 5}, StandardOpenOption.APPEND);
      assertEquals(4, in.read());
      assertEquals(5, in.read());
      assertEquals(-1, in.read());
    }
  }

  @Test
  void aFileCutShortUnderTheMappingIsAnError() throws IOException {
    Path f = Files.write(dir.resolve("s.bin"), new byte[64 << 10]);
    try (InputStream in = new MappedInput(FileChannel.open(f, StandardOpenOption.READ), 0, 64 << 10);
        FileChannel w = FileChannel.open(f, StandardOpenOption.WRITE)) {
      byte[] b = new byte[4096];
      assertEquals(4096, in.read(b, 0, b.length));
      w.truncate(4096);
      IOException e = assertThrows(IOException.class, () -> in.read(b, 0, b.length));
      assertEquals("the file shrank while it was being read, at byte 4096", e.getMessage());
    }
  }

  @Test
  void readersOfMappedAndChannelFilesAgree() throws IOException {
    // A pcap larger than one read buffer goes through the mapping; its records equal a stream read.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer h = ByteBuffer.allocate(24).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
    out.write(h.array(), 0, 24);
    Random r = new Random(11);
    int records = 0;
    while (out.size() < CaptureInput.DEFAULT_BUFFER * 3) {
      int len = 14 + r.nextInt(1500);
      ByteBuffer rec = ByteBuffer.allocate(16 + len).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      rec.putInt(records).putInt(0).putInt(len).putInt(len);
      byte[] body = new byte[len];
      r.nextBytes(body);
      rec.put(body);
      out.write(rec.array(), 0, rec.capacity());
      records++;
    }
    Path f = Files.write(dir.resolve("big.pcap"), out.toByteArray());
    assertEquals(true, CaptureReaders.mapped(Files.size(f)));
    int n = 0;
    try (CaptureReader mapped = CaptureReaders.open(f);
        CaptureReader stream = CaptureReaders.open(Files.newInputStream(f))) {
      Frame a = new Frame();
      Frame b = new Frame();
      while (mapped.next(a)) {
        assertEquals(true, stream.next(b));
        assertEquals(b.fileOffset, a.fileOffset);
        assertArrayEquals(java.util.Arrays.copyOfRange(b.data, b.offset, b.offset + b.capturedLength),
            java.util.Arrays.copyOfRange(a.data, a.offset, a.offset + a.capturedLength));
        n++;
      }
      assertEquals(false, stream.next(b));
    }
    assertEquals(records, n);
  }

  private static byte[] readAll(InputStream in, int step) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] b = new byte[step];
    int k;
    while ((k = in.read(b, 0, b.length)) >= 0) {
      out.write(b, 0, k);
    }
    return out.toByteArray();
  }
}

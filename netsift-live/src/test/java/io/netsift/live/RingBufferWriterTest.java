package io.netsift.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.capture.CaptureReader;
import io.netsift.core.capture.CaptureReaders;
import io.netsift.core.capture.Frame;
import io.netsift.core.capture.LinkType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ring buffer over synthetic frames: no libpcap needed. */
class RingBufferWriterTest {
  private static Frame frame(int i, int length) {
    Frame f = new Frame();
    f.data = new byte[length];
    f.data[0] = (byte) i;
    f.data[1] = (byte) (i >> 8);
    f.capturedLength = length;
    f.originalLength = length;
    f.linkType = LinkType.ETHERNET;
    f.timestampNanos = 1_700_000_000_000_000_000L + i * 1000L;
    f.timestampDigits = 9;
    return f;
  }

  private static int count(Path p) throws IOException {
    try (CaptureReader r = CaptureReaders.open(p)) {
      Frame f = new Frame();
      int n = 0;
      while (r.next(f)) {
        n++;
      }
      return n;
    }
  }

  @Test
  void threeFileRingRotatesBySizeAndKeepsTheNewest(@TempDir Path dir) throws IOException {
    Path base = dir.resolve("ring.pcapng");
    RingBufferWriter w = new RingBufferWriter(base, "pcapng", 262144,
        new RingBufferWriter.Rotation(1000, null, 0, 3));
    for (int i = 0; i < 100; i++) {
      w.write(frame(i, 100)); // 132-byte blocks: 7 per 1000-byte file
    }
    w.close();
    List<Path> created = w.filesCreated();
    List<Path> kept = w.filesKept();
    assertEquals(15, created.size());
    assertEquals(created.subList(12, 15), kept);
    try (var listing = Files.list(dir)) {
      assertEquals(3, listing.count(), "older files are deleted");
    }
    for (int i = 0; i < created.size(); i++) {
      String name = created.get(i).getFileName().toString();
      assertTrue(name.matches(String.format("ring_%05d_\\d{14}\\.pcapng", i + 1)), name);
    }
    assertEquals(7, count(kept.get(0)));
    assertEquals(7, count(kept.get(1)));
    assertEquals(100 - 14 * 7, count(kept.get(2)));
    for (Path p : kept) {
      assertTrue(Files.size(p) <= 1000 + 132, p + " is " + Files.size(p) + " bytes");
    }
  }

  @Test
  void rotatesByPacketsInPcap(@TempDir Path dir) throws IOException {
    RingBufferWriter w = new RingBufferWriter(dir.resolve("p.pcap"), "pcap", 262144,
        new RingBufferWriter.Rotation(0, null, 10, 0));
    for (int i = 0; i < 25; i++) {
      w.write(frame(i, 60));
    }
    w.close();
    assertEquals(3, w.filesCreated().size());
    assertEquals(List.of(10, 10, 5), List.of(count(w.filesCreated().get(0)), count(w.filesCreated().get(1)),
        count(w.filesCreated().get(2))));
  }

  @Test
  void withoutRotationWritesThePathItselfAndCountsBytes(@TempDir Path dir) throws IOException {
    Path p = dir.resolve("one.pcapng");
    RingBufferWriter w = new RingBufferWriter(p, "pcapng", 262144, RingBufferWriter.Rotation.NONE);
    assertEquals(p.toAbsolutePath(), w.currentFile());
    for (int i = 0; i < 5; i++) {
      w.write(frame(i, 61));
    }
    assertFalse(w.rotationDue());
    w.close();
    assertEquals(Files.size(p), w.currentFileBytes(), "the size estimate is the file size");
    assertEquals(5, count(p));
  }

  @Test
  void dumpcapNames() {
    LocalDateTime t = LocalDateTime.of(2025, 1, 2, 3, 4, 5);
    assertEquals(Path.of("/x/out_00007_20250102030405.pcapng"), RingBufferWriter.numbered(Path.of("/x/out.pcapng"), 7, t));
    assertEquals(Path.of("/x/cap_00001_20250102030405"), RingBufferWriter.numbered(Path.of("/x/cap"), 1, t));
  }
}

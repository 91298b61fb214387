package io.netsift.core.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.field.FieldRegistry;
import io.netsift.core.golden.Corpus;
import io.netsift.core.output.FieldExtractor;
import io.netsift.core.output.FieldsFormat;
import io.netsift.core.output.TimeFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Record boundaries, split plans and mid-file readers against whole-file reads of real
 * captures: every split plan must give back exactly the whole file's frames and numbers.
 */
class CaptureSplitsTest {
  private static final String PCAP = "pcapplusplus__many-protocols.pcap";
  private static final String PCAPNG = "filesamples__200722_tcp_anon.pcapng";

  @TempDir Path tmp;

  private static Path corpus(String name) {
    Path dir = Corpus.dir();
    assumeTrue(dir != null, "corpus absent");
    Path p = dir.resolve(name);
    assumeTrue(Files.exists(p), name + " absent");
    return p;
  }

  /** File offsets and timestamps of every record, read whole. */
  private static List<long[]> records(Path p) throws IOException {
    List<long[]> out = new ArrayList<>();
    Frame f = new Frame();
    try (CaptureReader r = CaptureReaders.open(p)) {
      while (true) {
        try {
          if (!r.next(f)) {
            break;
          }
        } catch (CaptureFormatException e) {
          break;
        }
        out.add(new long[] {f.fileOffset, f.timestampNanos, f.capturedLength});
      }
    }
    return out;
  }

  private static CaptureSplits.Head head(Path p) throws IOException {
    try (InputStream in = Files.newInputStream(p)) {
      return CaptureSplits.head(in);
    }
  }

  private static RecordBoundaries.Source source(FileChannel ch) throws IOException {
    long size = ch.size();
    return new RecordBoundaries.Source() {
      @Override
      public int read(long position, byte[] b, int off, int len) throws IOException {
        return ch.read(java.nio.ByteBuffer.wrap(b, off, len), position);
      }

      @Override
      public long size() {
        return size;
      }
    };
  }

  private static CaptureSplits.Opener opener(Path p) {
    return offset -> {
      FileChannel c = FileChannel.open(p, StandardOpenOption.READ);
      c.position(offset);
      return Channels.newInputStream(c);
    };
  }

  @Test
  void pcapBoundaryInsideARecordIsTheNextRecord() throws IOException {
    Path p = corpus(PCAP);
    checkEveryInteriorOffset(p, records(p));
  }

  @Test
  void pcapngBoundaryInsideABlockIsTheNextPacketBlock() throws IOException {
    Path p = corpus(PCAPNG);
    CaptureSplits.Head h = head(p);
    assertEquals("pcapng", h.format());
    assertTrue(h.bytes().length > 28, "head holds the section header and interface blocks");
    checkEveryInteriorOffset(p, records(p));
  }

  /** For offsets inside the first records, the boundary found is the next record's start. */
  private void checkEveryInteriorOffset(Path p, List<long[]> recs) throws IOException {
    CaptureSplits.Head h = head(p);
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      RecordBoundaries.Source src = source(ch);
      int checked = 0;
      for (int i = 0; i + 1 < Math.min(recs.size(), 25); i++) {
        long a = recs.get(i)[0];
        long b = recs.get(i + 1)[0];
        for (long from = a + 1; from <= b; from++) {
          assertEquals(b, RecordBoundaries.find(h, src, from, ch.size()),
              "from " + from + " inside the record at " + a);
          checked++;
        }
        assertEquals(a, RecordBoundaries.find(h, src, a, ch.size()));
      }
      assertTrue(checked > 500, "offsets checked: " + checked);
    }
  }

  @Test
  void everySplitPlanGivesBackTheWholeFile() throws IOException {
    for (String name : List.of(PCAP, PCAPNG)) {
      Path p = corpus(name);
      List<long[]> whole = records(p);
      long size = Files.size(p);
      for (long splitSize : name.equals(PCAP) ? new long[] {size / 2, size / 7, 40_000}
          : new long[] {size / 2, size / 7, 777}) {
        List<long[]> got = readSplits(p, splitSize, true);
        assertEquals(whole.size(), got.size(), name + " split " + splitSize);
        for (int i = 0; i < whole.size(); i++) {
          assertArrayEquals(whole.get(i), Arrays.copyOf(got.get(i), 3), name + " record " + i);
          assertEquals(i + 1, got.get(i)[3], name + " frame number of record " + i);
        }
      }
    }
  }

  /** Counts, checks and reads every split; rows are offset, timestamp, caplen, frame number. */
  private static List<long[]> readSplits(Path p, long splitSize, boolean mustSplit)
      throws IOException {
    CaptureSplits.Head h = head(p);
    List<long[]> ranges = CaptureSplits.plan(h, Files.size(p), splitSize);
    List<CaptureSplits.Count> counts = counts(p, h, ranges);
    if (mustSplit) {
      assertTrue(ranges.size() > 1 || splitSize >= Files.size(p));
      assertTrue(CaptureSplits.consistent(ranges, counts), () -> "boundaries agree: " + p + " "
          + splitSize + describe(ranges, counts));
    }
    List<long[]> out = new ArrayList<>();
    long before = 0;
    long prevTs = counts.get(0).firstTimestampNanos();
    for (int i = 0; i <= CaptureSplits.lastSplit(counts); i++) {
      CaptureSplits.Count c = counts.get(i);
      if (c.first() < 0) {
        continue;
      }
      DissectionEngine e = new DissectionEngine();
      e.startAt(before, counts.get(0).firstTimestampNanos(), prevTs);
      Frame f = new Frame();
      try (CaptureReader r = CaptureReaders.openAt(h.bytes(), opener(p).at(c.first()), c.first())) {
        while (true) {
          try {
            if (!r.next(f) || f.fileOffset >= ranges.get(i)[1]) {
              break;
            }
          } catch (CaptureFormatException ex) {
            break;
          }
          Dissection d = e.dissect(f);
          out.add(new long[] {f.fileOffset, f.timestampNanos, f.capturedLength, d.number()});
        }
      }
      assertEquals(c.records(), out.size() - before, "count of split " + i);
      before += c.records();
      prevTs = c.lastTimestampNanos();
    }
    return out;
  }

  private static List<CaptureSplits.Count> counts(Path p, CaptureSplits.Head h,
      List<long[]> ranges) throws IOException {
    List<CaptureSplits.Count> counts = new ArrayList<>();
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      for (long[] r : ranges) {
        counts.add(CaptureSplits.count(h, source(ch), opener(p), r[0], r[1]));
      }
    }
    return counts;
  }

  private static String describe(List<long[]> ranges, List<CaptureSplits.Count> counts) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < ranges.size(); i++) {
      sb.append("\n").append(Arrays.toString(ranges.get(i))).append(' ').append(counts.get(i));
    }
    return sb.toString();
  }

  @Test
  void truncatedLastRecordIsReadAsTheWholeFileReadsIt() throws IOException {
    Path p = corpus(PCAP);
    List<long[]> recs = records(p);
    long[] last = recs.get(recs.size() - 1);
    Path cut = tmp.resolve("cut.pcap");
    byte[] all = Files.readAllBytes(p);
    Files.write(cut, Arrays.copyOf(all, (int) (last[0] + 16 + last[2] / 2)));
    List<long[]> whole = records(cut);
    assertEquals(recs.size() - 1, whole.size(), "the whole-file reader stops before it");
    for (long splitSize : new long[] {all.length / 3, 50_000, 20_000}) {
      CaptureSplits.Head h = head(cut);
      List<long[]> ranges = CaptureSplits.plan(h, Files.size(cut), splitSize);
      List<CaptureSplits.Count> counts = counts(cut, h, ranges);
      assertTrue(CaptureSplits.consistent(ranges, counts),
          () -> "split " + splitSize + describe(ranges, counts));
      CaptureSplits.Count lastSplit = counts.get(CaptureSplits.lastSplit(counts));
      assertNotNull(lastSplit.error(), "the last split reports the damage");
      assertTrue(lastSplit.error().contains("truncated record"), lastSplit.error());
      assertEquals(whole.size(), counts.subList(0, CaptureSplits.lastSplit(counts) + 1).stream()
          .mapToLong(CaptureSplits.Count::records).sum());
      assertEquals(whole.size(), readSplits(cut, splitSize, false).size());
    }
  }

  @Test
  void damageInsideTheFileEndsTheReadThereAsTheWholeFileReaderDoes() throws IOException {
    Path p = corpus(PCAP);
    List<long[]> recs = records(p);
    byte[] all = Files.readAllBytes(p);
    // A captured length of 0xffffffff in the middle record: the whole-file reader stops there.
    int mid = (int) recs.get(recs.size() / 2)[0];
    Arrays.fill(all, mid + 8, mid + 12, (byte) 0xff);
    Path bad = tmp.resolve("bad.pcap");
    Files.write(bad, all);
    CaptureSplits.Head h = head(bad);
    List<long[]> ranges = CaptureSplits.plan(h, all.length, all.length / 4);
    List<CaptureSplits.Count> counts = counts(bad, h, ranges);
    assertTrue(CaptureSplits.consistent(ranges, counts));
    assertEquals(records(bad).size(), readSplits(bad, all.length / 4, false).size());
    assertTrue(records(bad).size() < recs.size());
  }

  @Test
  void gzipIsNeverSplitAndCannotBeOpenedMidFile() throws IOException {
    Path gz = tmp.resolve("x.pcap.gz");
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(Files.readAllBytes(corpus(PCAP)));
    }
    CaptureSplits.Head h = head(gz);
    assertFalse(h.splittable());
    assertEquals(1, CaptureSplits.plan(h, Files.size(gz), 100).size());
    assertThrows(CaptureFormatException.class,
        () -> CaptureReaders.openAt(h.bytes(), InputStream.nullInputStream(), 100));
  }

  @Test
  void extractorValuesPrintAsFieldsFormatPrints() throws IOException {
    Path p = corpus(PCAP);
    List<String> names = List.of("frame.len", "eth.src", "ip.src", "ip.dst", "ip.ttl",
        "tcp.srcport", "tcp.flags", "tcp.flags.syn", "udp.dstport", "frame.time_relative",
        "dns.qry.name", "ipv6.src");
    FieldRegistry reg = FieldRegistry.standard();
    FieldsFormat fmt = new FieldsFormat(names, new FieldsFormat.Options(), TimeFormat.RELATIVE,
        reg, Protocols.standard().all());
    FieldExtractor x = new FieldExtractor(names, reg, Protocols.standard().all());
    DissectionEngine e = new DissectionEngine();
    Frame f = new Frame();
    int rows = 0;
    int nonEmpty = 0;
    try (CaptureReader r = CaptureReaders.open(p)) {
      while (r.next(f)) {
        Dissection d = e.dissect(f);
        StringBuilder want = new StringBuilder();
        fmt.append(d, want);
        x.extract(d);
        String[] cells = want.toString().split("\t", -1);
        for (int i = 0; i < names.size(); i++) {
          String cell = i == names.size() - 1 ? cells[i].strip() : cells[i];
          List<String> texts = cell.isEmpty() ? List.of() : List.of(cell.split(","));
          List<Object> got = x.values(i);
          assertEquals(texts.size(), got.size(), "frame " + d.number() + " " + names.get(i));
          for (int k = 0; k < texts.size(); k++) {
            assertTrue(FieldExtractor.sameValue(x.kind(i), texts.get(k), got.get(k)),
                "frame " + d.number() + " " + names.get(i) + ": " + texts.get(k) + " vs " + got.get(k));
          }
          nonEmpty += got.isEmpty() ? 0 : 1;
        }
        rows++;
      }
    }
    assertTrue(rows > 100 && nonEmpty > rows * 4, rows + " rows, " + nonEmpty + " values");
    assertEquals(FieldExtractor.Kind.LONG, x.kind(0));
    assertEquals(FieldExtractor.Kind.STRING, x.kind(2));
    assertEquals(FieldExtractor.Kind.BOOLEAN, x.kind(7));
    assertEquals(FieldExtractor.Kind.DOUBLE, x.kind(9));
  }
}

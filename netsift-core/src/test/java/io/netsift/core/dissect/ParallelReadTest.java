package io.netsift.core.dissect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netsift.core.capture.CaptureFormatException;
import io.netsift.core.capture.CaptureReader;
import io.netsift.core.capture.CaptureReaders;
import io.netsift.core.capture.Frame;
import io.netsift.core.field.FieldRegistry;
import io.netsift.core.filter.Filter;
import io.netsift.core.golden.Corpus;
import io.netsift.core.output.FieldsFormat;
import io.netsift.core.output.TimeFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parallel read against the single-threaded one on every corpus capture: for stateless
 * fields and a filter, the same lines and the same frames, in the same order, with chunks
 * small enough that every capture is cut into many, and the same error on damage.
 */
class ParallelReadTest {
  private static final List<String> FIELDS = List.of("frame.len", "eth.src", "ip.src", "ip.dst",
      "ipv6.src", "tcp.srcport", "tcp.dstport", "udp.port", "ip.proto", "tcp.flags.syn");
  private static final String FILTER = "tcp.port == 80 or udp.port == 53 or ip.proto == 1";

  @TempDir Path tmp;

  /** What a read produced: the text, each frame's offset and bytes, and the error text. */
  private record Outcome(String text, List<Long> offsets, List<byte[]> bytes, String error) {}

  private static Protocols protocols(Filter filter) {
    List<String> names = new ArrayList<>(FIELDS);
    names.addAll(filter.fields());
    assertTrue(Stateless.fields(names, Protocols.standard(), FieldRegistry.standard(), false));
    return Protocols.standard().forFields(names, FieldRegistry.standard());
  }

  private static FieldsFormat format() {
    return new FieldsFormat(FIELDS, new FieldsFormat.Options(), TimeFormat.of("r"),
        FieldRegistry.standard(), Protocols.standard().all());
  }

  /** The CLI's single-threaded path: one engine in order over the pruned registry. */
  private static Outcome sequential(Path file, Filter filter) throws IOException {
    DissectionEngine engine = new DissectionEngine(protocols(filter));
    FieldsFormat f = format();
    StringBuilder text = new StringBuilder();
    List<Long> offsets = new ArrayList<>();
    List<byte[]> bytes = new ArrayList<>();
    String error = null;
    Frame frame = new Frame();
    try (CaptureReader r = CaptureReaders.open(file)) {
      while (r.next(frame)) {
        Dissection d = engine.dissect(frame);
        if (filter.matches(d)) {
          f.append(d, text);
          offsets.add(frame.fileOffset);
          bytes.add(frame.copy().data);
        }
      }
    } catch (CaptureFormatException e) {
      error = e.getMessage();
    }
    return new Outcome(text.toString(), offsets, bytes, error);
  }

  private static Outcome parallel(Path file, Filter filter, long chunk) throws IOException {
    StringBuilder text = new StringBuilder();
    List<Long> offsets = new ArrayList<>();
    List<byte[]> bytes = new ArrayList<>();
    String error = null;
    ParallelRead read = new ParallelRead(file, protocols(filter), () -> {
      FieldsFormat f = format();
      return (d, frame, out) -> {
        if (filter.matches(d)) {
          f.append(d, out.text);
          out.frames.add(frame.copy());
        }
      };
    }, 2, chunk, 1 << 20);
    try {
      read.run(out -> {
        text.append(out.text);
        for (Frame fr : out.frames) {
          offsets.add(fr.fileOffset);
          bytes.add(fr.data);
        }
      });
    } catch (CaptureFormatException e) {
      error = e.getMessage();
    }
    return new Outcome(text.toString(), offsets, bytes, error);
  }

  private static void assertSame(Outcome want, Outcome got, String what) {
    assertEquals(want.error(), got.error(), what + ": error");
    assertEquals(want.offsets(), got.offsets(), what + ": frames");
    for (int i = 0; i < want.bytes().size(); i++) {
      assertArrayEquals(want.bytes().get(i), got.bytes().get(i), what + ": frame " + i);
    }
    assertEquals(want.text(), got.text(), what + ": lines");
  }

  @Test
  void everyCorpusCaptureReadsTheSameInParallel() throws Exception {
    Path dir = Corpus.dir();
    assumeTrue(dir != null, "corpus absent");
    Filter filter = Filter.compile(FILTER);
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().matches(".*\\.(pcap|pcapng|cap)(\\.gz)?$")).sorted().toList();
    }
    assertFalse(files.isEmpty());
    int split = 0;
    for (Path file : files) {
      Outcome want = sequential(file, filter);
      long size = Files.size(file);
      // Chunks of about a tenth of the file (at least 2 kB): every capture is cut many times.
      long chunk = Math.max(2048, size / 10);
      Outcome got = parallel(file, filter, chunk);
      assertSame(want, got, file.getFileName().toString());
      if (size > 2 * chunk) {
        split++;
      }
    }
    assertTrue(split > 100, "captures actually split: " + split);
  }

  @Test
  void damageEndsTheParallelReadWhereTheSequentialOneEnds() throws Exception {
    Path dir = Corpus.dir();
    assumeTrue(dir != null, "corpus absent");
    Path src = dir.resolve("pcapplusplus__many-protocols.pcap");
    assumeTrue(Files.exists(src));
    byte[] b = Files.readAllBytes(src);
    // A record header two thirds in claims an impossible length.
    Frame f = new Frame();
    long cut = -1;
    try (CaptureReader r = CaptureReaders.open(src)) {
      while (r.next(f)) {
        if (f.fileOffset > b.length * 2L / 3) {
          cut = f.fileOffset;
          break;
        }
      }
    }
    assertTrue(cut > 0);
    int at = (int) cut + 8;
    b[at] = (byte) 0xff;
    b[at + 1] = (byte) 0xff;
    b[at + 2] = (byte) 0xff;
    b[at + 3] = (byte) 0x7f;
    Path damaged = tmp.resolve("damaged.pcap");
    Files.write(damaged, b);
    Filter filter = Filter.compile(FILTER);
    Outcome want = sequential(damaged, filter);
    assertNotNull(want.error());
    assertTrue(want.error().contains(Long.toString(cut)), want.error());
    for (long chunk : new long[] {1024, 4096, 65536}) {
      assertSame(want, parallel(damaged, filter, chunk), "chunk " + chunk);
    }
  }

  @Test
  void gzipAndSmallFilesAreReadInOrder() throws Exception {
    Path dir = Corpus.dir();
    assumeTrue(dir != null, "corpus absent");
    Path src = dir.resolve("pcapplusplus__many-protocols.pcap");
    assumeTrue(Files.exists(src));
    Path gz = tmp.resolve("x.pcap.gz");
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
      Files.copy(src, out);
    }
    Filter filter = Filter.compile(FILTER);
    Outcome want = sequential(src, filter);
    assertNull(want.error());
    assertSame(want, parallel(gz, filter, 1024), "gzip");
    assertSame(want, parallel(src, filter, Long.MAX_VALUE / 4), "one chunk");
  }

  @Test
  void statefulFieldsAreNotReadInParallel() {
    Protocols p = Protocols.standard();
    FieldRegistry r = FieldRegistry.standard();
    assertTrue(Stateless.fields(List.of("ip.src", "tcp.port", "frame.len", "eth.type"), p, r, false));
    assertFalse(Stateless.fields(List.of("tcp.stream"), p, r, false));
    assertFalse(Stateless.fields(List.of("tcp.analysis.retransmission"), p, r, false));
    assertFalse(Stateless.fields(List.of("http.request.method"), p, r, false));
    assertFalse(Stateless.fields(List.of("dns.qry.name"), p, r, false));
    assertFalse(Stateless.fields(List.of("frame.number"), p, r, false));
    assertTrue(Stateless.fields(List.of("frame.number"), p, r, true));
    assertFalse(Stateless.fields(List.of("_ws.col.Info"), p, r, false));
    assertFalse(Stateless.fields(List.of("ip.reassembled_in"), p, r, false));
  }
}

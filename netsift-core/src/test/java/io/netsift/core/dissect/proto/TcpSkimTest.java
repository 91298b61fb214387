package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.capture.CaptureReader;
import io.netsift.core.capture.CaptureReaders;
import io.netsift.core.capture.Frame;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.field.FieldRegistry;
import io.netsift.core.filter.Filter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A stateless pass that reads only TCP's ports skims ordinary segments: the layers, their
 * bounds and what each hands on must be exactly the full dissection's, on every corpus packet.
 */
class TcpSkimTest {
  private static final List<String> PORTS_ONLY = List.of("ip.src", "ip.dst", "tcp.srcport", "tcp.dstport", "tcp.port");

  @Test
  void onlyReadsOfLeadingFieldsSkim() {
    Protocols std = Protocols.standard();
    FieldRegistry reg = FieldRegistry.standard();
    TcpDissector tcp = (TcpDissector) std.byName("tcp");
    assertTrue(std.forFields(PORTS_ONLY, reg).stateless().onlyLeadingFieldsOf(tcp));
    assertFalse(std.forFields(List.of("ip.src", "tcp"), reg).stateless().onlyLeadingFieldsOf(tcp),
        "-e tcp prints the protocol item's label");
    assertFalse(std.forFields(PORTS_ONLY, reg).onlyLeadingFieldsOf(tcp), "a stateful pass keeps streams");
    assertFalse(std.forFields(List.of("tcp.port", "tcp.flags.syn"), reg).stateless().onlyLeadingFieldsOf(tcp));
    assertFalse(std.forFields(List.of("tcp.port", "http.host"), reg).stateless().onlyLeadingFieldsOf(tcp));
    assertFalse(std.lowerLayersOnly().stateless().onlyLeadingFieldsOf(tcp), "without the names, nothing skims");
  }

  @Test
  void sameLayersAsTheFullDissectionOnEveryCorpusPacket() throws Exception {
    Path dir = Path.of(System.getProperty("netsift.corpus", "../../shared/corpus"));
    Assumptions.assumeTrue(Files.isDirectory(dir), "corpus not found (../shared/corpus)");
    Protocols std = Protocols.standard();
    Protocols skim = std.forFields(PORTS_ONLY, FieldRegistry.standard()).stateless();
    Protocols full = std.lowerLayersOnly().stateless();
    Filter port80 = Filter.compile("tcp.port == 80 || tcp.srcport == 443");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> !p.toString().endsWith(".md") && !p.toString().endsWith(".csv")).sorted()
          .collect(Collectors.toList());
    }
    long tcpLayers = 0;
    int read = 0;
    for (Path file : files) {
      try (CaptureReader a = CaptureReaders.open(file); CaptureReader b = CaptureReaders.open(file)) {
        DissectionEngine ea = new DissectionEngine(skim);
        DissectionEngine eb = new DissectionEngine(full);
        Frame fa = new Frame();
        Frame fb = new Frame();
        while (next(a, fa)) {
          assertTrue(next(b, fb));
          Dissection x = ea.dissect(fa);
          Dissection y = eb.dissect(fb);
          String at = file.getFileName() + " frame " + x.number();
          assertEquals(y.layerCount(), x.layerCount(), at);
          for (int i = 0; i < x.layerCount(); i++) {
            assertEquals(y.dissector(i).name(), x.dissector(i).name(), at + " layer " + i);
            assertEquals(y.start(i), x.start(i), at + " layer " + i);
            assertEquals(y.end(i), x.end(i), at + " layer " + i);
            tcpLayers += x.dissector(i).name().equals("tcp") ? 1 : 0;
          }
          assertEquals(port80.matches(y), port80.matches(x), at);
        }
        read++;
      } catch (IOException e) {
        // A format netsift does not read: nothing to compare.
      }
    }
    assertTrue(read > 150, read + " captures read");
    assertTrue(tcpLayers > 50_000, tcpLayers + " TCP layers compared");
  }

  private static boolean next(CaptureReader r, Frame f) throws IOException {
    try {
      return r.next(f);
    } catch (io.netsift.core.capture.CaptureFormatException e) {
      return false; // damage: every packet before it was compared
    }
  }
}

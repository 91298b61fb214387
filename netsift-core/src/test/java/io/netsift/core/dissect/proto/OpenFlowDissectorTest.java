package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.capture.CaptureReader;
import io.netsift.core.capture.CaptureReaders;
import io.netsift.core.capture.Frame;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.StreamPdus;
import io.netsift.core.field.FieldRegistry;
import io.netsift.core.golden.Corpus;
import io.netsift.core.golden.TsharkRows;
import io.netsift.core.output.FieldsFormat;
import io.netsift.core.output.TimeFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OpenFlow against tshark 4.0 on the corpus capture that carries it and on {@code crafted.pcap}
 * (1.0 packet-in and packet-out, several messages in a segment, a message over three segments,
 * a cut-short carried frame, the legacy port's heuristic, 1.4, 1.5 and an unknown version):
 * frame.protocols, the summary columns, every occurrence of the addresses and ports (outer and
 * carried) and the header fields. Recorded by {@code scripts/openflow/make-expectations.sh}.
 */
class OpenFlowDissectorTest {
  /** Differences that are not OpenFlow's own or are tshark quirks not modelled, as "file#frame field". */
  private static final Set<String> KNOWN = Set.of(
      // tshark's LBMSRS heuristic claims this 6633 -> 43230 segment (not OpenFlow: the heuristic
      // looks at the destination port); netsift has no LBMSRS.
      "tcpdump__of13_ericsson.pcapng#7 frame.protocols", "tcpdump__of13_ericsson.pcapng#7 _ws.col.Info",
      // After a reassembled PDU tshark fences Info, so the next message appends without a separator.
      "crafted.pcap#7 _ws.col.Info",
      // A 1.0 packet-in followed by another message: tshark shows the outer addresses again.
      "crafted.pcap#4 _ws.col.Source", "crafted.pcap#4 _ws.col.Destination");
  private static final List<String> FOUR = List.of("ip.src", "ip.dst", "tcp.srcport", "tcp.dstport");

  @ParameterizedTest
  @ValueSource(strings = {"tcpdump__of13_ericsson.pcapng", "crafted.pcap"})
  void matchesTshark(String file) throws IOException {
    Path capture = capture(file);
    List<String> expected = TsharkRows.resource("/openflow/expected/" + file + ".tsv.gz");
    String[] header = expected.get(0).split("\t", -1);
    FieldRegistry reg = FieldRegistry.standard();
    List<String> names = List.of(header);
    FieldsFormat fmt = new FieldsFormat(names, new FieldsFormat.Options(), TimeFormat.RELATIVE, reg,
        Protocols.standard().all());
    List<String> lines = TsharkRows.fields(capture, fmt);
    assertEquals(expected.size() - 1, lines.size(), file + ": packets");
    List<String> failures = new ArrayList<>();
    int openflow = 0;
    for (int p = 0; p < lines.size(); p++) {
      String[] t = expected.get(p + 1).split("\t", -1);
      String[] n = lines.get(p).split("\t", -1);
      openflow += t[0].contains("openflow") ? 1 : 0;
      for (int j = 0; j < header.length; j++) {
        String got = j < n.length ? n[j] : "";
        if (!t[j].equals(got) && !KNOWN.contains(file + "#" + (p + 1) + " " + header[j])) {
          failures.add(file + " frame " + (p + 1) + " " + header[j] + ": tshark [" + t[j] + "] netsift [" + got + "]");
        }
      }
    }
    assertTrue(openflow > 10, file + ": OpenFlow frames");
    assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())), file + ": " + failures.size()
        + " differences");
  }

  /**
   * The benchmark's {@code -T fields -e ip.src -e ip.dst -e tcp.srcport -e tcp.dstport} runs
   * with applications pruned ({@link Protocols#forFields}): OpenFlow must stay, since the frames
   * it carries add addresses and ports.
   */
  @ParameterizedTest
  @ValueSource(strings = {"tcpdump__of13_ericsson.pcapng", "crafted.pcap"})
  void addressesAndPortsWithApplicationsPruned(String file) throws IOException {
    assertEquals(tsharkFour(file), four(capture(file), Protocols.standard().forFields(FOUR, FieldRegistry.standard())));
  }

  /**
   * The same read split for both cores: each chunk's pass keeps no TCP streams, so the server's
   * replies (from port 6633) are recognised by their source port; the corpus capture's messages
   * each fit one segment, which is what a stateless pass can reassemble.
   */
  @Test
  void addressesAndPortsInAStatelessPass() throws IOException {
    String file = "tcpdump__of13_ericsson.pcapng";
    Protocols stateless = Protocols.standard().forFields(FOUR, FieldRegistry.standard()).stateless();
    assertEquals(tsharkFour(file), four(capture(file), stateless));
  }

  private static List<String> four(Path capture, Protocols protocols) throws IOException {
    FieldRegistry reg = FieldRegistry.standard();
    FieldsFormat fmt = new FieldsFormat(FOUR, new FieldsFormat.Options(), TimeFormat.RELATIVE, reg, protocols.all());
    List<String> got = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    try (CaptureReader r = CaptureReaders.open(capture)) {
      DissectionEngine e = new DissectionEngine(protocols);
      Frame f = new Frame();
      while (r.next(f)) {
        Dissection d = e.dissect(f);
        sb.setLength(0);
        fmt.append(d, sb);
        got.add(sb.substring(0, sb.length() - 1));
      }
    }
    return got;
  }

  private static List<String> tsharkFour(String file) throws IOException {
    List<String> expected = TsharkRows.resource("/openflow/expected/" + file + ".tsv.gz");
    List<String> header = List.of(expected.get(0).split("\t", -1));
    List<String> want = new ArrayList<>();
    for (String line : expected.subList(1, expected.size())) {
      String[] t = line.split("\t", -1);
      List<String> row = new ArrayList<>();
      for (String name : FOUR) {
        row.add(t[header.indexOf(name)]);
      }
      want.add(String.join("\t", row));
    }
    return want;
  }

  /**
   * Message lengths for TCP reassembly: the header's length once 8 bytes are there.
   *
   * <pre>
   * 04 0a 00 9a 00 00 00 00   version 1.3, OFPT_PACKET_IN, length 154, xid 0
   * </pre>
   */
  @Test
  void pduLengthIsTheHeaderLength() {
    OpenFlowDissector of = new OpenFlowDissector();
    byte[] b = {0x04, 0x0a, 0x00, (byte) 0x9a, 0, 0, 0, 0};
    assertEquals(StreamPdus.MORE, of.pduLength(null, 0, b, 0, 7));
    assertEquals(154, of.pduLength(null, 0, b, 0, 8));
    b[3] = 4; // shorter than its own header
    assertEquals(StreamPdus.NOT_MINE, of.pduLength(null, 0, b, 0, 8));
  }

  private static Path capture(String file) {
    if (file.equals("crafted.pcap")) {
      return Path.of("src/test/resources/openflow/crafted.pcap");
    }
    Path corpus = Corpus.dir();
    Assumptions.assumeTrue(corpus != null, "no corpus");
    Path capture = corpus.resolve(file);
    Assumptions.assumeTrue(Files.exists(capture), "missing " + capture);
    return capture;
  }
}

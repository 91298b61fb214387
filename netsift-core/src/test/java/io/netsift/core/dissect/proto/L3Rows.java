package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.capture.CaptureReader;
import io.netsift.core.capture.CaptureReaders;
import io.netsift.core.capture.Frame;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Walk;
import io.netsift.core.field.FieldRegistry;
import io.netsift.core.golden.Corpus;
import io.netsift.core.golden.TsharkRows;
import io.netsift.core.output.FieldsFormat;
import io.netsift.core.output.NodeBuilder;
import io.netsift.core.output.TimeFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * The comparison behind the IGMP, VRRP, OSPF, PIM and SCTP tests, against tshark 4.0.17: on a
 * capture, each packet with a layer of the protocol under test is compared in frame.protocols,
 * Source, Destination, Protocol, Info, the expert messages and every field of the five
 * protocols that tshark fills somewhere in the file. The expectations are recorded by
 * {@code scripts/l3/make-expectations.sh}; the OSPFv3 capture, on Frame Relay in the corpus, is
 * compared re-framed as Ethernet ({@code ospfv3-ethernet.pcap}), and {@code crafted.pcap} holds
 * the cases the corpus lacks. Rows where tshark goes deeper than netsift (a protocol of a later
 * issue inside SCTP, say) are compared in these five protocols' fields only, rows where a layer
 * netsift lacks comes first are skipped, and the fields netsift does not decode are listed in
 * {@code l3/known-differences.txt}, one regular expression over {@code "FILE FRAME FIELD"} a line.
 */
final class L3Rows {
  private static final Pattern MINE = Pattern.compile("(^|:)(igmp|vrrp|ospf|pim|sctp)(:|$)");
  private static final Pattern MINE_FIELD = Pattern.compile("^(igmp|vrrp|ospf|pim|sctp)\\.");

  private L3Rows() {}

  /** The capture: a crafted one from the test resources, or a corpus file (else the test is skipped). */
  static Path capture(String file) {
    if (file.equals("ospfv3-ethernet.pcap") || file.equals("crafted.pcap")) {
      return Path.of("src/test/resources/l3/" + file);
    }
    Path corpus = Corpus.dir();
    Assumptions.assumeTrue(corpus != null, "no corpus");
    Path capture = corpus.resolve(file);
    Assumptions.assumeTrue(Files.exists(capture), "missing " + capture);
    return capture;
  }

  /** Compares the packets of {@code file} that carry {@code protocol} with tshark's rows. */
  static void compare(String file, String protocol) throws IOException {
    Path capture = capture(file);
    Pattern mine = Pattern.compile("(^|:)" + Pattern.quote(protocol) + "(:|$)");
    List<String> expected = TsharkRows.resource("/l3/expected/" + file + ".tsv.gz");
    List<Pattern> known = new ArrayList<>();
    for (String k : TsharkRows.resource("/l3/known-differences.txt")) {
      if (!k.isBlank() && !k.startsWith("#")) {
        known.add(Pattern.compile(k.strip()));
      }
    }
    String[] header = expected.get(0).split("\t", -1);
    FieldRegistry reg = FieldRegistry.standard();
    List<String> ours = new ArrayList<>();
    List<Integer> cols = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < header.length; i++) {
      if (reg.get(header[i]) != null) {
        ours.add(header[i]);
        cols.add(i);
      } else if (header[i].startsWith(protocol + ".") && !isKnown(known, file + " * " + header[i])) {
        failures.add(file + ": field " + header[i] + " not decoded");
      }
    }
    FieldsFormat fmt = new FieldsFormat(ours, new FieldsFormat.Options(), TimeFormat.RELATIVE, reg,
        Protocols.standard().all());
    List<String> lines = TsharkRows.fields(capture, fmt);
    assertEquals(expected.size() - 1, lines.size(), file + ": packets");
    int compared = 0;
    for (int p = 0; p < lines.size(); p++) {
      String[] t = expected.get(p + 1).split("\t", -1);
      String[] n = lines.get(p).split("\t", -1);
      if (!mine.matcher(t[0]).find() || lacks(t[0], true)) {
        continue; // not ours, or below ours a layer netsift lacks (another issue's business)
      }
      compared++;
      boolean deeper = lacks(t[0], false);
      for (int j = 0; j < cols.size(); j++) {
        int i = cols.get(j);
        if (deeper && !MINE_FIELD.matcher(header[i]).find()) {
          continue; // a protocol netsift lacks above ours owns the columns
        }
        String tv = i < t.length ? t[i] : "";
        String nv = j < n.length ? n[j] : "";
        String at = file + " " + (p + 1) + " " + header[i];
        if (!tv.equals(nv) && !isKnown(known, at)) {
          failures.add(at + ": tshark [" + tv + "] netsift [" + nv + "]");
        }
      }
    }
    assertTrue(compared > 0, file + ": no " + protocol + " packet compared");
    assertEquals(List.of(), failures.subList(0, Math.min(30, failures.size())), file);
  }

  /**
   * Every packet of {@code file} that carries {@code protocol}, cut short at every length and
   * with single bytes flipped: dissection, the field walk, the tree and the columns must never
   * throw. Returns the number of dissections tried.
   */
  static int robustness(String file, String protocol) throws IOException {
    Path capture = capture(file);
    List<byte[]> frames = new ArrayList<>();
    List<Integer> linkTypes = new ArrayList<>();
    try (CaptureReader r = CaptureReaders.open(capture)) {
      DissectionEngine e = new DissectionEngine();
      Frame f = new Frame();
      while (r.next(f)) {
        Dissection d = e.dissect(f);
        if (d.find(Protocols.standard().byName(protocol), 0) >= 0 && frames.size() < 16) {
          frames.add(Arrays.copyOfRange(f.data, f.offset, f.offset + f.capturedLength));
          linkTypes.add(f.linkType);
        }
      }
    }
    java.util.Random rnd = new java.util.Random(4);
    DissectionEngine e = new DissectionEngine();
    Walk walk = new Walk();
    Columns c = new Columns();
    int tried = 0;
    for (int k = 0; k < frames.size(); k++) {
      byte[] frame = frames.get(k);
      // Every length through the headers, then every seventh.
      for (int cut = 0; cut <= frame.length; cut += cut < 160 ? 1 : 7) {
        byte[] b = Arrays.copyOf(frame, cut);
        if (cut > 0 && rnd.nextBoolean()) {
          b[rnd.nextInt(cut)] ^= (byte) (1 << rnd.nextInt(8));
        }
        Frame f = new Frame();
        f.data = b;
        f.capturedLength = b.length;
        f.originalLength = rnd.nextBoolean() ? b.length : frame.length;
        f.linkType = linkTypes.get(k);
        f.timestampNanos = tried * 1000L;
        Dissection d = e.dissect(f);
        walk.columns(d, c);
        NodeBuilder.build(d);
        tried++;
      }
    }
    assertTrue(tried > 0, file + ": no " + protocol + " packet");
    return tried;
  }

  /**
   * Whether tshark's frame.protocols names a protocol netsift does not dissect: anywhere, or
   * (with {@code below}) before the first of the five protocols.
   */
  private static boolean lacks(String protocols, boolean below) {
    for (String p : protocols.split(":")) {
      if (below && MINE.matcher(p).find()) {
        return false;
      }
      if (Protocols.standard().byName(p) == null) {
        return true;
      }
    }
    return false;
  }

  private static boolean isKnown(List<Pattern> known, String at) {
    for (Pattern k : known) {
      if (k.matcher(at).matches()) {
        return true;
      }
    }
    return false;
  }


}

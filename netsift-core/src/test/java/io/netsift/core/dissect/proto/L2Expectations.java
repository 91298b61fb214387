package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.capture.CaptureReader;
import io.netsift.core.capture.CaptureReaders;
import io.netsift.core.capture.Frame;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.field.FieldRegistry;
import io.netsift.core.golden.Corpus;
import io.netsift.core.golden.TsharkRows;
import io.netsift.core.output.FieldsFormat;
import io.netsift.core.output.JsonFormat;
import io.netsift.core.output.TimeFormat;
import io.netsift.core.output.TreeFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;

/**
 * Compares netsift with the tshark rows {@code scripts/l2/make-expectations.sh} recorded for the
 * link-layer protocols (files under {@code l2/expected/}): every value of the fields whose names
 * start with one of the given prefixes, on every packet; and frame.protocols, the Protocol and
 * Info columns and the expert messages on the packets whose layers netsift all dissects, leaving
 * TCP's sequence analysis (the transport issue's business) out of the columns.
 */
final class L2Expectations {
  private static final String[] COLUMNS = {"frame.protocols", "_ws.col.Protocol", "_ws.col.Info",
      "_ws.expert.message"};

  private L2Expectations() {}

  /** The capture: a crafted one from the test resources, else a corpus file (null when absent). */
  static Path capture(String file) {
    if (file.startsWith("crafted-")) {
      return Path.of("src/test/resources/l2/" + file);
    }
    Path corpus = Corpus.dir();
    return corpus == null ? null : corpus.resolve(file);
  }

  /**
   * Frames whose columns differ for reasons outside these protocols: tshark names the kind of
   * malformation in the Info column (frame 23) and marks snap-length cuts with {@code _ws.short}
   * (frame 27), which netsift does not have yet.
   */
  private static final java.util.Map<String, Set<Integer>> KNOWN_COLUMN_DIFFERENCES =
      java.util.Map.of("crafted-eth.pcap", Set.of(23, 27));

  /** Checks {@code file}; {@code prefixes} select the compared fields ({@code "mpls."}). */
  static void check(String file, String... prefixes) throws IOException {
    checkIn("l2", file, prefixes);
  }

  /**
   * Checks {@code file} against the rows {@code scripts/golden/record-fields.sh} recorded under
   * the test resources' {@code dir/expected/} (the l2 tests' layout, for other protocol groups).
   */
  static void checkIn(String dir, String file, String... prefixes) throws IOException {
    checkIn(dir, file, Set.of(), prefixes);
  }

  /**
   * As {@link #checkIn(String, String, String...)}, leaving out the columns of frames that carry
   * any of the protocols {@code partial}: protocols netsift dissects only in part (MEGACO, whose SDP it hands on
   * but whose Info column it does not build).
   */
  static void checkIn(String dir, String file, Set<String> partial, String... prefixes) throws IOException {
    Set<Integer> skipColumns = KNOWN_COLUMN_DIFFERENCES.getOrDefault(file, Set.of());
    Path capture = capture(file);
    Assumptions.assumeTrue(capture != null && Files.exists(capture), "missing " + file);
    List<String> expected = TsharkRows.resource("/" + dir + "/expected/" + file + ".tsv.gz");
    String[] header = expected.get(0).split("\t", -1);
    FieldRegistry reg = FieldRegistry.standard();
    List<String> names = new ArrayList<>();
    List<Integer> cols = new ArrayList<>();
    int compared = 0;
    for (int i = 0; i < header.length; i++) {
      boolean column = List.of(COLUMNS).contains(header[i]);
      boolean mine = false;
      for (String p : prefixes) {
        mine |= header[i].startsWith(p);
      }
      if (column || mine) {
        assertTrue(column || reg.get(header[i]) != null, file + ": netsift lacks " + header[i]);
        names.add(header[i]);
        cols.add(i);
      }
    }
    FieldsFormat fmt = new FieldsFormat(names, new FieldsFormat.Options(), TimeFormat.RELATIVE, reg,
        Protocols.standard().all());
    List<String> lines = TsharkRows.fields(capture, fmt);
    assertEquals(expected.size() - 1, lines.size(), file + ": packets");
    List<String> failures = new ArrayList<>();
    for (int p = 0; p < lines.size(); p++) {
      String[] t = expected.get(p + 1).split("\t", -1);
      String[] n = lines.get(p).split("\t", -1);
      boolean columns = !skipColumns.contains(p + 1) && dissectable(t[0])
          && java.util.Collections.disjoint(partial, List.of(t[0].split(":")));
      for (int j = 0; j < cols.size(); j++) {
        int i = cols.get(j);
        String name = header[i];
        if (!columns && List.of(COLUMNS).contains(name)) {
          continue;
        }
        String tv = i < t.length ? t[i] : "";
        String nv = j < n.length ? n[j] : "";
        compared++;
        if (!tv.equals(nv)) {
          failures.add(file + " frame " + (p + 1) + " " + name + ": tshark [" + tv + "] netsift [" + nv + "]");
        }
      }
    }
    assertTrue(compared > 0, file + ": nothing compared");
    assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())), file);
  }

  /**
   * Compares {@code names} (columns, notes, fields of any protocol) on the frames whose Protocol
   * column tshark fills with {@code protocol}, as recorded under {@code dir/expected/}: for the
   * interfaces behind DCE/RPC over TCP, whose columns {@link #checkIn} leaves out. Expects
   * {@code frames} such frames.
   */
  static void checkFramesOf(String dir, String file, String protocol, int frames, String... names)
      throws IOException {
    List<String> expected = TsharkRows.resource("/" + dir + "/expected/" + file + ".tsv.gz");
    List<String> header = List.of(expected.get(0).split("\t", -1));
    List<String> actual = columns(file, names);
    List<String> want = new ArrayList<>();
    List<String> got = new ArrayList<>();
    for (int i = 1; i < expected.size(); i++) {
      String[] t = expected.get(i).split("\t", -1);
      if (t[header.indexOf("_ws.col.Protocol")].equals(protocol)) {
        StringBuilder row = new StringBuilder().append(i);
        for (String n : names) {
          int k = header.indexOf(n);
          row.append('\t').append(k < 0 ? "" : t[k]);
        }
        want.add(row.toString());
        got.add(i + "\t" + actual.get(i - 1));
      }
    }
    assertEquals(frames, want.size(), protocol + " frames");
    assertEquals(want, got);
  }

  /** netsift's values of {@code fields} for every packet of {@code file}, tab-separated (as -T fields). */
  static List<String> columns(String file, String... fields) throws IOException {
    Path capture = capture(file);
    Assumptions.assumeTrue(capture != null && Files.exists(capture), "missing " + file);
    FieldsFormat fmt = new FieldsFormat(List.of(fields), new FieldsFormat.Options(), TimeFormat.RELATIVE,
        FieldRegistry.standard(), Protocols.standard().all());
    return TsharkRows.fields(capture, fmt);
  }

  /** Whether netsift dissects every layer tshark lists, outside TCP's sequence analysis. */
  private static boolean dissectable(String protocols) {
    for (String p : protocols.split(":")) {
      if (p.equals("tcp") || Protocols.standard().byName(p) == null) {
        return false;
      }
    }
    return true;
  }

  /** The top-level tree items that {@code scripts/l2/make-expectations.sh} keeps for the tag tests. */
  private static final java.util.regex.Pattern TAG_ITEM =
      java.util.regex.Pattern.compile("^(VN-Tag|802\\.1BR E-Tag|IEEE 802\\.1a[dh]|Network Service Header)");

  /**
   * Compares netsift's detail tree ({@code -V}) of the tag layers of {@code file} with tshark's
   * lines in {@code l2/expected/FILE.tree.txt.gz}, line for line (expert notes included).
   */
  static void checkTree(String file) throws IOException {
    Path capture = capture(file);
    Assumptions.assumeTrue(capture != null && Files.exists(capture), "missing " + file);
    List<String> expected = TsharkRows.resource("/l2/expected/" + file + ".tree.txt.gz");
    List<String> actual = new ArrayList<>();
    try (io.netsift.core.capture.CaptureReader r = io.netsift.core.capture.CaptureReaders.open(capture)) {
      io.netsift.core.dissect.DissectionEngine e = new io.netsift.core.dissect.DissectionEngine();
      io.netsift.core.capture.Frame f = new io.netsift.core.capture.Frame();
      io.netsift.core.output.TreeFormat tree = new io.netsift.core.output.TreeFormat();
      boolean keep = false;
      while (r.next(f)) {
        for (String line : tree.format(e.dissect(f)).split("\n")) {
          if (!line.startsWith(" ")) {
            keep = TAG_ITEM.matcher(line).find();
          }
          if (keep) {
            actual.add(line);
          }
        }
      }
    }
    assertEquals(String.join("\n", expected), String.join("\n", actual),
        file + ": tree of the tag layers");
  }

  /**
   * Robustness over a corpus capture: {@code rounds} times a random frame of {@code file} longer
   * than {@code minLength}, with up to six random bytes past its first {@code headerBytes} written
   * over and, one time in three, cut short there, is dissected on a fresh engine (so each frame
   * opens its stream and TCP hands it on instead of calling it a retransmission) and rendered as
   * the tree and JSON, none of which may throw.
   *
   * @return how many of the dissections reached a layer of {@code protocol}
   */
  static int mutatedFramesReaching(String file, int headerBytes, int minLength, int rounds, String protocol)
      throws IOException {
    Path capture = capture(file);
    Assumptions.assumeTrue(capture != null && Files.exists(capture), "missing " + file);
    List<byte[]> frames = new ArrayList<>();
    try (CaptureReader r = CaptureReaders.open(capture)) {
      Frame f = new Frame();
      while (r.next(f)) {
        if (f.capturedLength > minLength) {
          frames.add(Arrays.copyOfRange(f.data, f.offset, f.offset + f.capturedLength));
        }
      }
    }
    Random rnd = new Random(20261129);
    TreeFormat tree = new TreeFormat();
    JsonFormat json = new JsonFormat();
    int reached = 0;
    for (int i = 0; i < rounds; i++) {
      DissectionEngine e = new DissectionEngine();
      byte[] b = frames.get(rnd.nextInt(frames.size())).clone();
      for (int k = rnd.nextInt(6); k >= 0; k--) {
        b[headerBytes + rnd.nextInt(b.length - headerBytes)] = (byte) rnd.nextInt(256);
      }
      int captured = rnd.nextInt(3) == 0 ? headerBytes + rnd.nextInt(b.length - headerBytes) : b.length;
      Frame f = TransportFrames.ethernet(Arrays.copyOf(b, captured), i * 1_000_000L, b.length);
      Dissection d = e.dissect(f);
      tree.format(d);
      json.append(d, new StringBuilder());
      for (int k = 0; k < d.layerCount(); k++) {
        if (d.dissector(k).name().equals(protocol)) {
          reached++;
          break;
        }
      }
    }
    return reached;
  }
}

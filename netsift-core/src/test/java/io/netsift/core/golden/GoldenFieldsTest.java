package io.netsift.core.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.netsift.core.dissect.Protocols;
import io.netsift.core.field.FieldFormat;
import io.netsift.core.field.FieldRegistry;
import io.netsift.core.output.FieldsFormat;
import io.netsift.core.output.TimeFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Compares every field of every packet with tshark 4.0 over the corpus: goldens made by
 * scripts/golden/make-goldens.sh ({@code tshark -n -T fields -E occurrence=a}). A field
 * must agree on every packet of every file unless golden/known-differences.txt lists it
 * with the reason. Writes the per-protocol agreement table to the path in the system
 * property {@code netsift.agreement} when set.
 */
class GoldenFieldsTest {
  /** Agreement counts of one field. */
  static final class Tally {
    long compared;
    long agreed;
    long present;
    long excused;
    long deeper;
    /** Values tshark filled for a field netsift does not declare yet (listed, not failed). */
    long notImplemented;
    String firstDiff;
    final java.util.Set<String> files = new java.util.TreeSet<>();
  }

  /** A listed difference: why, and optionally which tshark values it covers (a regex). */
  static final class Known {
    /** One line of the file: the reason, and which values or files it covers (null: all). */
    private static final class Line {
      final String reason;
      final java.util.regex.Pattern values;
      final java.util.regex.Pattern files;

      Line(String reason, String regex) {
        this.reason = reason;
        boolean byFile = regex != null && regex.startsWith("file:");
        this.files = byFile ? java.util.regex.Pattern.compile(regex.substring(5)) : null;
        this.values = regex != null && !byFile ? java.util.regex.Pattern.compile(regex) : null;
      }

      boolean covers(String tsharkValue, String ours, String file) {
        if (files != null) {
          return files.matcher(file).find();
        }
        return values == null || values.matcher(tsharkValue).find()
            || values.matcher(ours == null ? "" : ours).find();
      }
    }

    private final java.util.List<Line> lines = new java.util.ArrayList<>();
    String reason = "";

    void add(String why, String regex) {
      lines.add(new Line(why, regex));
      reason = reason.isEmpty() ? why : reason + "; " + why;
    }

    /** Whether any line for the field covers this difference. */
    boolean excuses(String tsharkValue, String ours, String file) {
      for (Line l : lines) {
        if (l.covers(tsharkValue, ours, file)) {
          return true;
        }
      }
      return false;
    }
  }


  @Test
  void everyFieldAgreesWithTshark() throws IOException {
    Path corpus = Corpus.dir();
    Assumptions.assumeTrue(corpus != null, "corpus directory ../shared/corpus not found");
    FieldFormat.setZone(ZoneOffset.UTC);
    List<String> files = Corpus.resourceLines("files.txt");
    // -Dnetsift.golden.files=REGEX compares only the captures it finds in (a quick rerun after
    // a dissector fix); -Dnetsift.golden.diffs=PATH lists every differing value there, explained or not.
    String only = System.getProperty("netsift.golden.files", "");
    if (!only.isEmpty()) {
      java.util.regex.Pattern sel = java.util.regex.Pattern.compile(only);
      files = files.stream().filter(f -> sel.matcher(f).find()).toList();
    }
    StringBuilder diffs = new StringBuilder();
    Map<String, Known> known = knownDifferences();
    FieldRegistry reg = FieldRegistry.standard();
    Map<String, Tally> tallies = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    for (String file : files) {
      List<String> golden = Corpus.gzipLines("fields/" + file + ".tsv.gz");
      if (golden == null) {
        failures.add(file + ": no golden file");
        continue;
      }
      String[] header = golden.get(0).split("\t", -1);
      List<String> ours = new ArrayList<>();
      List<Integer> cols = new ArrayList<>();
      for (int i = 0; i < header.length; i++) {
        tallies.computeIfAbsent(header[i], k -> new Tally());
        if (reg.get(header[i]) != null) {
          ours.add(header[i]);
          cols.add(i);
        }
      }
      FieldsFormat.Options o = new FieldsFormat.Options();
      FieldsFormat fmt = new FieldsFormat(ours, o, TimeFormat.RELATIVE, reg, Protocols.standard().all());
      List<String> lines = TsharkRows.fields(Corpus.capture(corpus, file), fmt, true);
      int n = Math.min(lines.size(), golden.size() - 1);
      if (lines.size() != golden.size() - 1) {
        failures.add(file + ": " + lines.size() + " packets, tshark " + (golden.size() - 1));
      }
      int protoCol = java.util.Arrays.asList(header).indexOf("frame.protocols");
      int ourProtoCol = ours.indexOf("frame.protocols");
      for (int p = 0; p < n; p++) {
        String[] g = golden.get(p + 1).split("\t", -1);
        String[] m = lines.get(p).split("\t", -1);
        String theirChain = protoCol < 0 ? "" : g[protoCol];
        String ourChain = ourProtoCol < 0 ? "" : m[ourProtoCol];
        boolean sameChain = theirChain.equals(ourChain);
        // tshark went further than netsift can (a protocol netsift lacks, or reassembly), and not elsewhere.
        boolean tsharkDeeper = !sameChain && (knownPrefix(ourChain, theirChain)
            || undissectedSegment(ourChain, theirChain) || reassembledByTshark(ourChain, theirChain));
        String common = commonPrefix(ourChain, theirChain);
        for (int i = 0; i < header.length; i++) {
          Tally t = tallies.get(header[i]);
          String gv = i < g.length ? g[i] : "";
          int j = cols.indexOf(i);
          String mv = j < 0 ? null : j < m.length ? m[j] : "";
          if (j < 0 && i != protoCol) {
            // A field of an implemented protocol that netsift does not declare yet: counted in
            // AGREEMENT.md's "not implemented" column, not compared.
            if (!gv.isEmpty()) {
              t.notImplemented++;
            }
            continue;
          }
          if (i == protoCol && mv != null && (knownPrefix(mv, gv) || undissectedSegment(mv, gv))) {
            mv = gv;
          }
          if (!sameChain && COLUMNS_OF_THE_TOP_LAYER.contains(header[i])) {
            continue; // tshark's columns come from a protocol netsift does not dissect (yet)
          }
          if (tsharkDeeper && !gv.equals(mv) && (deeperThanNetsift(header[i], common, theirChain)
              || i == protoCol && reassembledByTshark(ourChain, theirChain))) {
            t.deeper++; // tshark dissected a layer netsift does not have yet (a tunnel, a trailer's owner)
            continue;
          }
          if (gv.isEmpty() && (mv == null || mv.isEmpty())) {
            continue;
          }
          t.compared++;
          if (!gv.isEmpty()) {
            t.present++;
          }
          if (gv.equals(mv)) {
            t.agreed++;
          } else {
            diffs.append(file).append('\t').append(p + 1).append('\t').append(header[i]).append('\t')
                .append(gv).append('\t').append(mv).append('\n');
            Known k = known.get(header[i]);
            if (k != null && k.excuses(gv, mv, file)) {
              t.excused++;
            } else {
              t.files.add(file);
              if (t.firstDiff == null) {
                t.firstDiff = file + " #" + (p + 1) + ": tshark '" + clip(gv) + "' netsift '" + clip(mv) + "'";
              }
            }
          }
        }
      }
    }
    String diffPath = System.getProperty("netsift.golden.diffs", "");
    if (!diffPath.isEmpty()) {
      Files.writeString(Path.of(diffPath), "file\tpacket\tfield\ttshark\tnetsift\n" + diffs, StandardCharsets.UTF_8);
    }
    String agreement = System.getProperty("netsift.agreement");
    if (agreement != null && !agreement.isEmpty()) {
      Files.writeString(Path.of(agreement), report(tallies, known, files.size()), StandardCharsets.UTF_8);
    }
    for (Map.Entry<String, Tally> e : tallies.entrySet()) {
      Tally t = e.getValue();
      if (t.agreed + t.excused != t.compared) {
        failures.add(e.getKey() + ": " + t.agreed + "/" + t.compared + " agree; first difference " + t.firstDiff
            + "; in " + t.files);
      }
    }
    if (!failures.isEmpty()) {
      fail(failures.size() + " differences from tshark not explained in golden/known-differences.txt:\n"
          + String.join("\n", failures.subList(0, Math.min(200, failures.size()))));
    }
    assertTrue(tallies.size() > 100 || !only.isEmpty(), "the goldens cover the foundation's fields");
  }

  /** Fields whose values depend on where the innermost dissected protocol ends. */
  static final java.util.Set<String> LENGTH_DEPENDENT = java.util.Set.of("eth.padding", "eth.trailer",
      "eth.fcs", "eth.fcs.status", "eth.padding_bad", "vlan.trailer", "sll.trailer", "ieee8021ad.trailer");

  /**
   * Whether a difference in {@code field} comes from tshark dissecting further than netsift:
   * tshark's chain has more layers of the field's protocol (an Ethernet inside MPLS, an IP
   * inside a tunnel netsift does not open yet), or the field depends on where an inner
   * protocol that netsift does not know ends.
   */
  static boolean deeperThanNetsift(String field, String common, String theirs) {
    if (LENGTH_DEPENDENT.contains(field) || field.startsWith("_ws.")) {
      return true;
    }
    if (field.startsWith("frame.")) {
      return false;
    }
    // Compared only when every layer that can carry the field lies in the part both dissected
    // (ip.version, for one, is carried by ip and ipv6 layers).
    io.netsift.core.field.Field f = FieldRegistry.standard().get(field);
    java.util.List<String> owners = new java.util.ArrayList<>();
    if (f != null) {
      FieldRegistry.standard().dissectorsOf(f).forEach(d -> owners.add(d.name()));
    } else {
      owners.add(field.contains(".") ? field.substring(0, field.indexOf('.')) : field);
    }
    int inCommon = 0;
    for (String proto : owners) {
      if (count(theirs, proto) > count(common, proto)) {
        return true;
      }
      inCommon += count(common, proto);
    }
    return inCommon == 0;
  }

  /** The layers both chains share from the start. */
  static String commonPrefix(String ours, String theirs) {
    String[] a = ours.split(":");
    String[] b = theirs.split(":");
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < a.length && k < b.length && a[k].equals(b[k]); k++) {
      sb.append(k > 0 ? ":" : "").append(a[k]);
    }
    return sb.toString();
  }

  /**
   * IP fragments: netsift shows each as data (reassembly is a later issue), tshark dissects the
   * reassembled datagram on the frame that completes it.
   */
  static boolean reassembledByTshark(String ours, String theirs) {
    if (!ours.endsWith(":data")) {
      return false;
    }
    String before = ours.substring(0, ours.length() - ":data".length());
    return (before.endsWith(":ip") || before.endsWith(":ipv6.fraghdr") || before.endsWith(":ipv6"))
        && theirs.startsWith(before + ":");
  }

  private static int count(String chain, String proto) {
    int n = 0;
    for (String p : chain.split(":")) {
      if (p.equals(proto)) {
        n++;
      }
    }
    return n;
  }

  /** Columns that the innermost protocol sets: compared only where both dissect the same chain. */
  static final java.util.Set<String> COLUMNS_OF_THE_TOP_LAYER =
      java.util.Set.of("_ws.col.Protocol", "_ws.col.Info", "_ws.col.Source", "_ws.col.Destination");

  /**
   * Whether netsift's frame.protocols agrees with tshark's as far as netsift knows the
   * protocols: equal, or equal up to the first protocol netsift does not dissect (where
   * netsift says "data" or stops and tshark goes on).
   */
  static boolean knownPrefix(String ours, String theirs) {
    if (ours.equals(theirs)) {
      return true;
    }
    String[] a = ours.split(":");
    String[] b = theirs.split(":");
    int k = 0;
    while (k < a.length && k < b.length && a[k].equals(b[k])) {
      k++;
    }
    if (k == b.length) {
      return false;
    }
    // Where the chains part, tshark entered a protocol netsift does not dissect (yet).
    return Protocols.standard().byName(b[k]) == null;
  }

  /**
   * tshark puts no "data" after TCP or UDP when the payload is a segment that a protocol
   * netsift does not dissect yet reassembles later; netsift shows the payload as data.
   */
  static boolean undissectedSegment(String ours, String theirs) {
    return ours.equals(theirs + ":data") && (theirs.endsWith(":tcp") || theirs.endsWith(":udp"));
  }

  private static String clip(String s) {
    return s == null ? "(field not implemented)" : s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }


  /**
   * field → why, from golden/known-differences.txt: "field<TAB>reason" excuses every
   * difference of the field, "field<TAB>reason<TAB>regex" only those where tshark's (or
   * netsift's) value matches the regex.
   */
  static Map<String, Known> knownDifferences() throws IOException {
    Map<String, Known> m = new TreeMap<>();
    for (String line : Corpus.resourceLines("known-differences.txt")) {
      String[] c = line.split("\t");
      assertTrue(c.length == 2 || c.length == 3, "known-differences.txt lines are field<TAB>reason[<TAB>regex]: " + line);
      // Several lines for one field: a difference is explained when any of them covers it.
      m.computeIfAbsent(c[0], f -> new Known()).add(c[1].strip(), c.length == 3 ? c[2] : null);
    }
    return m;
  }

  private static String report(Map<String, Tally> tallies, Map<String, Known> known, int files) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Agreement with tshark 4.0\n\n");
    sb.append("Generated by `scripts/golden/agreement.sh` from `GoldenFieldsTest`: every field of every packet of ")
        .append(files).append(" corpus captures, compared with `tshark -n -T fields -E occurrence=a` ")
        .append("(goldens made by `scripts/golden/make-goldens.sh`). A cell counts when either side has a value.\n\n");
    Map<String, long[]> perProto = new TreeMap<>();
    for (Map.Entry<String, Tally> e : tallies.entrySet()) {
      String proto = protocolOf(e.getKey());
      long[] a = perProto.computeIfAbsent(proto, k -> new long[3]);
      a[0] += e.getValue().compared;
      a[1] += e.getValue().agreed;
      a[2]++;
    }
    sb.append("## Per protocol\n\n| protocol | fields | values compared | agree | % |\n|---|---:|---:|---:|---:|\n");
    for (Map.Entry<String, long[]> e : perProto.entrySet()) {
      long[] a = e.getValue();
      sb.append("| ").append(e.getKey()).append(" | ").append(a[2]).append(" | ").append(a[0]).append(" | ")
          .append(a[1]).append(" | ").append(pct(a[1], a[0])).append(" |\n");
    }
    sb.append("\n## Per field\n\nA difference is explained when `golden/known-differences.txt` lists the field ")
        .append("(with a pattern of the values it covers, where only some differ for that reason); ")
        .append("the test fails on any other.\n\n")
        .append("Values where tshark dissected a deeper layer than netsift has (a tunnel or encapsulation of a later ")
        .append("issue, or a trailer whose owner netsift does not know) are not compared; the `deeper` column counts them.\n\n")
        .append("Fields of implemented protocols that netsift does not declare yet are not compared; the ")
        .append("`not impl.` column counts the packets where tshark filled them.\n\n")
        .append("| field | compared | agree | % | explained | deeper | not impl. | note |\n|---|---:|---:|---:|---:|---:|---:|---|\n");
    for (Map.Entry<String, Tally> e : tallies.entrySet()) {
      Tally t = e.getValue();
      Known k = known.get(e.getKey());
      String note = t.agreed + t.excused != t.compared ? "UNEXPLAINED: " + t.firstDiff
          : t.notImplemented > 0 && t.compared == 0 ? "not implemented yet"
          : t.agreed == t.compared ? "" : k.reason;
      sb.append("| `").append(e.getKey()).append("` | ").append(t.compared).append(" | ").append(t.agreed)
          .append(" | ").append(pct(t.agreed, t.compared)).append(" | ").append(t.excused).append(" | ")
          .append(t.deeper).append(" | ").append(t.notImplemented).append(" | ")
          .append(note.replace("|", "\\|")).append(" |\n");
    }
    return sb.toString();
  }

  private static String protocolOf(String field) {
    if (field.startsWith("_ws.col.")) {
      return "_ws.col";
    }
    if (field.startsWith("_ws.")) {
      return "_ws";
    }
    int dot = field.indexOf('.');
    return dot < 0 ? field : field.substring(0, dot);
  }

  private static String pct(long a, long b) {
    return b == 0 ? "-" : String.format("%.2f", 100.0 * a / b);
  }

  @Test
  void knownDifferencesAreStillDifferent() throws IOException {
    // Guard against stale entries: each listed field must exist in the goldens' header.
    Map<String, Known> known = knownDifferences();
    List<String> fields = Corpus.resourceLines("fields.txt");
    for (String k : known.keySet()) {
      assertTrue(fields.contains(k), "known-differences.txt lists " + k + ", which the goldens do not cover");
    }
    assertEquals(known.size(), known.values().stream().filter(v -> !v.reason.isEmpty()).count(), "every entry has a reason");
  }
}

package io.netsift.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.FileCapture;
import io.netsift.core.Packet;
import io.netsift.core.golden.Corpus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Wireshark's colorfilters format read and written, unknown fields tolerated, and the rule chosen
 * for every packet compared with the colors tshark 4.0 printed ({@code --color}) as recorded by
 * {@code scripts/coloring/make-color-expectations.sh}.
 */
class ColoringRulesTest {
  @Test
  void defaultsAreWiresharksTwentyRules() {
    ColoringRules d = ColoringRules.defaults();
    assertEquals(20, d.rules().size());
    ColoringRules.Rule bad = d.rules().get(0);
    assertEquals("Bad TCP", bad.name());
    assertEquals("#12272e", bad.backgroundHex());
    assertEquals("#f78787", bad.foregroundHex());
    assertEquals("TCP", d.rules().get(16).name());
    assertEquals("#e7e6ff", d.rules().get(16).backgroundHex());
    assertEquals("\u001b[38;2;18;39;46m\u001b[48;2;231;230;255m", d.rules().get(16).ansiStart());
  }

  @Test
  void writeThenParseGivesTheSameRules() {
    String text = ColoringRules.defaults().write()
        + "!@Off@udp.port == 53@[1,2,3][65535,0,256]\n";
    List<String> warnings = new ArrayList<>();
    ColoringRules again = ColoringRules.parse(text, warnings::add);
    assertEquals(21, again.rules().size());
    for (int i = 0; i < 20; i++) {
      ColoringRules.Rule a = ColoringRules.defaults().rules().get(i);
      ColoringRules.Rule b = again.rules().get(i);
      assertEquals(a.name(), b.name());
      assertEquals(a.filter(), b.filter());
      assertEquals(a.background(), b.background());
      assertEquals(a.foreground(), b.foreground());
    }
    ColoringRules.Rule off = again.rules().get(20);
    assertTrue(off.disabled());
    assertEquals(0xff0001, off.foreground());
    assertEquals(text.substring(text.indexOf('\n') + 1), again.write().substring(again.write().indexOf('\n') + 1));
    assertEquals(1, warnings.size(), "one warning for all rules naming unknown fields: " + warnings);
  }

  @Test
  void unknownFieldsAreKeptAndSkippedWithOneWarning() throws IOException {
    String text = "# mine\n@Mine@nosuch.field == 1@[0,0,0][65535,65535,65535]\n"
        + "@Also@other.unknown@[0,0,0][1,1,1]\n@Half@udp || nosuch.proto@[256,512,768][0,0,0]\n@Any@frame@[65535,0,0][0,0,0]\n";
    List<String> warnings = new ArrayList<>();
    ColoringRules r = ColoringRules.parse(text, warnings::add);
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).contains("Mine") && warnings.get(0).contains("Also") && warnings.get(0).contains("Half"),
        warnings.get(0));
    assertEquals(List.of("Mine", "Also"), r.skipped());
    assertTrue(r.write().contains("@Mine@nosuch.field == 1@[0,0,0][65535,65535,65535]"));
    try (FileCapture cap = FileCapture.open(Path.of(System.getProperty("netsift.root", "../..")).resolve("samples/dns.pcap"))) {
      Packet p = cap.get(0);
      assertEquals("Half", r.match(p.dissection()).name(), "udp alternative still applies");
      Packet ping;
      try (FileCapture c2 = FileCapture.open(Path.of(System.getProperty("netsift.root", "../..")).resolve("samples/ping.pcap"))) {
        ping = c2.get(0);
      }
      assertEquals("Any", r.match(ping.dissection()).name());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ColoringRules.parse("@ok@tcp@[0,0,0][0,0,0]\n@broken@tcp@[1,2][0,0,0]\n", w -> { }));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ColoringRules.parse("no at signs", w -> { }));
    assertThrows(IllegalArgumentException.class, () -> ColoringRules.parse("@x@tcp@[0,0,70000][0,0,0]", w -> { }));
    assertNull(ColoringRules.parse("@x@nosuch@[0,0,0][0,0,0]", w -> { }).match(
        FileCapture.open(Path.of(System.getProperty("netsift.root", "../..")).resolve("samples/dns.pcap")).get(0).dissection()));
  }

  @Test
  void sameColorsAsTsharkOnSamplesAndCorpus() throws IOException {
    Path root = Path.of(System.getProperty("netsift.root", "../.."));
    Path corpus = Corpus.dir();
    List<String> names = new ArrayList<>();
    try (InputStream in = getClass().getResourceAsStream("/coloring/index.txt")) {
      for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!l.isBlank()) {
          names.add(l.strip());
        }
      }
    }
    int packets = 0;
    int files = 0;
    int allowed = 0;
    List<String> known = new ArrayList<>();
    for (String l : lines("/coloring/known-differences.txt")) {
      if (!l.startsWith("#")) {
        known.add(l.split("\t")[0]);
      }
    }
    List<String> diffs = new ArrayList<>();
    for (String name : names) {
      Path file = Files.exists(root.resolve("samples").resolve(name)) ? root.resolve("samples").resolve(name)
          : corpus == null ? null : corpus.resolve(name);
      if (file == null || !Files.exists(file)) {
        continue;
      }
      files++;
      List<String> want = lines("/coloring/" + name + ".tsv");
      List<String> got = new ArrayList<>();
      try (FileCapture cap = FileCapture.builder(file).keepPackets(false).open()) {
        for (Packet p : cap) {
          ColoringRules.Rule r = p.color();
          got.add(p.number() + "\t" + (r == null ? "-\t-" : r.foregroundHex() + "\t" + r.backgroundHex()));
        }
      }
      assertEquals(want.size(), got.size(), name + ": packet count");
      for (int i = 0; i < want.size(); i++) {
        packets++;
        if (!want.get(i).equals(got.get(i))) {
          String[] t = want.get(i).split("\t");
          if (known.stream().anyMatch(k -> rulesWithColors(t[1], t[2]).contains(k))) {
            allowed++;
            continue;
          }
          diffs.add(name + " frame " + (i + 1) + ": tshark " + want.get(i).substring(want.get(i).indexOf('\t') + 1)
              + ", netsift " + got.get(i).substring(got.get(i).indexOf('\t') + 1));
        }
      }
    }
    System.out.printf("ColoringRulesTest: %d files, %d packets, %d differ from tshark (%d more in rules of"
        + " known-differences.txt)%n", files, packets, diffs.size(), allowed);
    java.util.Map<String, Integer> kinds = new java.util.TreeMap<>();
    for (String d : diffs) {
      kinds.merge(d.replaceAll(" frame \\d+:", ":"), 1, Integer::sum);
    }
    kinds.forEach((k, v) -> System.out.println("  " + v + "x " + k));
    assertTrue(files >= 5, "the samples at least");
    assertEquals(List.of(), diffs.subList(0, Math.min(30, diffs.size())));
  }

  /** Names of the default rules drawn in these colors (several rules share a pair). */
  private static List<String> rulesWithColors(String fg, String bg) {
    List<String> out = new ArrayList<>();
    for (ColoringRules.Rule r : ColoringRules.defaults().rules()) {
      if (r.foregroundHex().equals(fg) && r.backgroundHex().equals(bg)) {
        out.add(r.name());
      }
    }
    return out;
  }

  private List<String> lines(String resource) throws IOException {
    try (InputStream in = getClass().getResourceAsStream(resource)) {
      List<String> out = new ArrayList<>();
      for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!l.isBlank()) {
          out.add(l);
        }
      }
      return out;
    }
  }
}

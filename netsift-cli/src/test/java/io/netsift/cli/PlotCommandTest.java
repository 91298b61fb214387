package io.netsift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code netsift plot}: the series equal tshark's io,stat numbers; SVG and PNG decode. */
class PlotCommandTest {
  static final Path APPS = Cli.repo("samples/apps.pcapng");
  /** tshark -n -q -z io,stat,1,tcp,udp on apps.pcapng (scripts/analysis/make-stats-expectations.sh). */
  static final Path GOLDEN = Cli.repo("netsift-core/src/test/resources/stats/expected/samples_apps.pcapng_io_stat_1_tcp_udp.txt");

  @TempDir Path tmp;

  /** The rows of a tshark io,stat table: the numbers after the interval cell. */
  static List<long[]> tsharkRows(Path golden) throws Exception {
    List<long[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(golden, StandardCharsets.UTF_8)) {
      if (!line.contains("<>")) {
        continue;
      }
      String[] cells = line.split("\\|");
      long[] r = new long[cells.length - 2];
      for (int i = 2; i < cells.length; i++) {
        r[i - 2] = Long.parseLong(cells[i].trim());
      }
      rows.add(r);
    }
    return rows;
  }

  static List<String[]> csv(Path p) throws Exception {
    List<String[]> out = new ArrayList<>();
    for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
      out.add(line.split(","));
    }
    return out;
  }

  @Test
  void dataEqualsIoStatFramesAndBytes() throws Exception {
    List<long[]> want = tsharkRows(GOLDEN);
    assertEquals(3, want.size(), "golden rows (2.7 s in 1 s intervals)");
    Path svg = tmp.resolve("io.svg");
    Path frames = tmp.resolve("frames.csv");
    Cli r = Cli.run("plot", "io", APPS.toString(), "-Y", "tcp", "-Y", "udp", "--interval", "1s", "-o", svg.toString(),
        "--data", frames.toString());
    assertEquals(0, r.exit, r.err);
    List<String[]> got = csv(frames);
    assertEquals("interval_start,tcp,udp", String.join(",", got.get(0)));
    assertEquals(want.size(), got.size() - 1, "one CSV row per io,stat row");
    for (int i = 0; i < want.size(); i++) {
      assertEquals(want.get(i)[0], Long.parseLong(got.get(i + 1)[1]), "tcp frames, row " + i);
      assertEquals(want.get(i)[2], Long.parseLong(got.get(i + 1)[2]), "udp frames, row " + i);
      assertEquals(i, Double.parseDouble(got.get(i + 1)[0]), 1e-9, "interval start");
    }
    Path bytes = tmp.resolve("bytes.csv");
    r = Cli.run("plot", "io", APPS.toString(), "-Y", "tcp", "-Y", "udp", "--interval", "1000ms", "--metric", "bytes",
        "-o", tmp.resolve("b.svg").toString(), "--data", bytes.toString());
    assertEquals(0, r.exit, r.err);
    got = csv(bytes);
    for (int i = 0; i < want.size(); i++) {
      assertEquals(want.get(i)[1], Long.parseLong(got.get(i + 1)[1]), "tcp bytes, row " + i);
      assertEquals(want.get(i)[3], Long.parseLong(got.get(i + 1)[2]), "udp bytes, row " + i);
    }
  }

  @Test
  void svgIsXmlWithOneLinePerFilterAndAxes() throws Exception {
    Path svg = tmp.resolve("io.svg");
    Cli r = Cli.run("plot", "io", APPS.toString(), "-Y", "tcp", "-Y", "udp && dns", "-Y", "http", "--interval", "0.5",
        "-o", svg.toString(), "--width", "800", "--height", "400");
    assertEquals(0, r.exit, r.err);
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
    Element root = doc.getDocumentElement();
    assertEquals("svg", root.getTagName());
    assertEquals("800", root.getAttribute("width"));
    assertEquals("400", root.getAttribute("height"));
    NodeList lines = doc.getElementsByTagName("polyline");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < lines.getLength(); i++) {
      names.add(((Element) lines.item(i)).getAttribute("data-series"));
    }
    assertEquals(List.of("tcp", "udp && dns", "http"), names);
    String text = Files.readString(svg);
    assertTrue(text.contains(">0.0 s</text>") && text.contains(">2.5 s</text>"), "time axis labels");
    assertTrue(text.contains("Time since first packet (s)"), "time axis title");
    assertTrue(text.contains(">udp &amp;&amp; dns</text>"), "legend names the filter");
  }

  @Test
  void pngDecodesWithTheRequestedSize() throws Exception {
    Path png = tmp.resolve("io.png");
    Cli r = Cli.run("plot", "io", APPS.toString(), "-Y", "tcp", "-o", png.toString(), "--width", "640", "--height", "360");
    assertEquals(0, r.exit, r.err);
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(640, img.getWidth());
    assertEquals(360, img.getHeight());
    Path phs = tmp.resolve("phs.png");
    r = Cli.run("plot", "phs", APPS.toString(), "-o", phs.toString(), "--width", "700", "--height", "500");
    assertEquals(0, r.exit, r.err);
    img = ImageIO.read(phs.toFile());
    assertEquals(700, img.getWidth());
    assertEquals(500, img.getHeight());
  }

  @Test
  void phsSvgHasABarPerProtocol() throws Exception {
    Path svg = tmp.resolve("phs.svg");
    Cli r = Cli.run("plot", "phs", Cli.repo("samples/dns.pcap").toString(), "-o", svg.toString());
    assertEquals(0, r.exit, r.err);
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
    String text = Files.readString(svg);
    // eth, ip, udp, dns, tcp, dns: six bars after the background.
    assertEquals(7, doc.getElementsByTagName("rect").getLength());
    assertTrue(text.contains(">30 frames (100.0%), 3054 bytes</text>"), text);
  }

  @Test
  void badArgumentsAreUsageErrors() {
    assertEquals(2, Cli.run("plot", "io", APPS.toString(), "-o", tmp.resolve("x.gif").toString()).exit);
    assertEquals(2, Cli.run("plot", "io", APPS.toString(), "--interval", "soon", "-o", tmp.resolve("x.svg").toString()).exit);
    assertEquals(2, Cli.run("plot", "io", APPS.toString(), "-Y", "tcp ==", "-o", tmp.resolve("x.svg").toString()).exit);
    assertEquals(1, Cli.run("plot", "phs", tmp.resolve("missing.pcap").toString(), "-o", tmp.resolve("x.svg").toString()).exit);
  }
}

package io.netsift.cli.plot;

import io.netsift.core.analysis.IoStat;
import io.netsift.core.analysis.ProtocolHierarchy;
import io.netsift.core.analysis.Tap;
import io.netsift.core.capture.CaptureFormatException;
import io.netsift.core.capture.CaptureReader;
import io.netsift.core.capture.CaptureReaders;
import io.netsift.core.capture.Frame;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.dissect.Protocols;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code netsift plot}: charts of a capture's statistics. {@code io} draws the I/O graph (one
 * line per display filter, the numbers of {@code -z io,stat}); {@code phs} draws the protocol
 * hierarchy as bars. The output format follows the file name: {@code .svg} or {@code .png}.
 */
@Command(name = "plot", description = "Draw statistics as SVG or PNG charts (io: I/O graph, phs: protocol hierarchy).",
    subcommands = {PlotCommand.Io.class, PlotCommand.Phs.class, CommandLine.HelpCommand.class})
public final class PlotCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a chart: netsift plot io|phs FILE -o OUT");
  }

  /** Options both charts take. */
  abstract static class Common implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "Capture file to read.")
    Path file;

    @Option(names = "-o", required = true, paramLabel = "OUT", description = "Chart file: OUT.svg or OUT.png.")
    Path out;

    @Option(names = "--width", paramLabel = "PX", description = "Width in pixels (default: ${DEFAULT-VALUE}).")
    int width = 900;

    @Option(names = "--height", paramLabel = "PX", description = "Height in pixels (default: 450 for io, by rows for phs).")
    Integer height;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    CommandLine.ParameterException usage(String message) {
      return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    String format() {
      String n = out.getFileName().toString().toLowerCase(Locale.ROOT);
      if (n.endsWith(".svg")) {
        return "svg";
      }
      if (n.endsWith(".png")) {
        return "png";
      }
      throw usage("-o: give a file name ending in .svg or .png");
    }

    void checkSize(int h) {
      if (width < 200 || width > 10000 || h < 150 || h > 10000) {
        throw usage("--width and --height: between 200x150 and 10000x10000 pixels");
      }
    }

    /** Runs every packet of {@link #file} through the taps; false (after a message) when the file is unreadable. */
    boolean read(List<Tap> taps) throws IOException {
      DissectionEngine engine = new DissectionEngine(Protocols.standard());
      Frame frame = new Frame();
      try (CaptureReader reader = CaptureReaders.open(file)) {
        while (reader.next(frame)) {
          Dissection d = engine.dissect(frame);
          for (Tap t : taps) {
            t.packet(d, true);
          }
        }
      } catch (NoSuchFileException e) {
        System.err.println("netsift: The file \"" + file + "\" doesn't exist.");
        return false;
      } catch (CaptureFormatException e) {
        // Chart what was read before the damage, as read does.
        System.err.println("netsift: \"" + file + "\" appears to be damaged or corrupt: " + e.getMessage());
      }
      return true;
    }

    /** Writes the chart drawn by {@code draw} in the format -o asks for. */
    void write(String title, int h, java.util.function.Consumer<Canvas> draw) throws IOException {
      String fmt = format();
      if (fmt.equals("svg")) {
        SvgCanvas c = new SvgCanvas(width, h, title);
        draw.accept(c);
        Files.writeString(out, c.document(), StandardCharsets.UTF_8);
      } else {
        System.setProperty("java.awt.headless", "true");
        AwtCanvas c = new AwtCanvas(width, h);
        draw.accept(c);
        try (OutputStream os = Files.newOutputStream(out)) {
          ImageIO.write(c.image(), "png", os);
        }
      }
    }
  }

  /** {@code netsift plot io}. */
  @Command(name = "io", description = "I/O graph: frames (or bytes) per interval, one line per -Y filter.")
  static final class Io extends Common {
    @Option(names = "-Y", paramLabel = "FILTER", description = "A display filter: one line each (repeatable; none: all frames).")
    List<String> filters = new ArrayList<>();

    @Option(names = "--interval", paramLabel = "TIME", description = "Interval: 1s, 100ms, 0.5 (seconds), 250us (default: ${DEFAULT-VALUE}).")
    String interval = "1s";

    @Option(names = "--metric", paramLabel = "WHAT", description = "frames or bytes per interval (default: ${DEFAULT-VALUE}).")
    String metric = "frames";

    @Option(names = "--data", paramLabel = "CSV", description = "Also write the plotted series as CSV.")
    Path data;

    @Override
    public Integer call() throws Exception {
      format();
      int h = height == null ? 450 : height;
      checkSize(h);
      if (!metric.equals("frames") && !metric.equals("bytes")) {
        throw usage("--metric: frames or bytes");
      }
      String seconds;
      try {
        seconds = seconds(interval);
      } catch (IllegalArgumentException e) {
        throw usage("--interval: " + e.getMessage());
      }
      List<String> columns = new ArrayList<>(filters.isEmpty() ? java.util.Collections.singletonList(null) : filters);
      IoStat stat;
      try {
        stat = IoStat.of(seconds, columns);
      } catch (IllegalArgumentException e) {
        throw usage(e.getMessage());
      }
      if (!read(List.of(stat))) {
        return 1;
      }
      IoSeries series;
      try {
        series = IoSeries.of(stat, metric.equals("bytes"));
      } catch (IllegalArgumentException e) {
        throw usage(e.getMessage());
      }
      if (data != null) {
        Files.writeString(data, series.csv(), StandardCharsets.UTF_8);
      }
      String title = "I/O graph: " + file.getFileName();
      write(title, h, c -> Charts.lines(c, width, h, title, metric.equals("bytes") ? "Bytes / interval" : "Frames / interval",
          series.starts(), series.intervalSeconds(), series.lines()));
      return 0;
    }

    /** "1s", "100ms", "250us", "0.5" → seconds as tshark's io,stat interval text ("1", "0.1"). */
    static String seconds(String text) {
      String t = text.trim().toLowerCase(Locale.ROOT);
      int scale = 0;
      if (t.endsWith("ms")) {
        scale = 3;
        t = t.substring(0, t.length() - 2);
      } else if (t.endsWith("us")) {
        scale = 6;
        t = t.substring(0, t.length() - 2);
      } else if (t.endsWith("s")) {
        t = t.substring(0, t.length() - 1);
      }
      BigDecimal v;
      try {
        v = new BigDecimal(t).movePointLeft(scale);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("\"" + text + "\" is not a time such as 1s, 100ms or 0.5");
      }
      if (v.signum() <= 0 || v.compareTo(BigDecimal.valueOf(1, 6)) < 0) {
        throw new IllegalArgumentException("\"" + text + "\": the interval must be at least 1us");
      }
      return v.stripTrailingZeros().toPlainString();
    }
  }

  /** {@code netsift plot phs}. */
  @Command(name = "phs", description = "Protocol hierarchy as a bar chart (frames per protocol, as -z io,phs).")
  static final class Phs extends Common {
    @Option(names = "-Y", paramLabel = "FILTER", description = "Count only frames matching this display filter.")
    String filter;

    @Override
    public Integer call() throws Exception {
      format();
      ProtocolHierarchy phs;
      try {
        phs = new ProtocolHierarchy(filter);
      } catch (IllegalArgumentException e) {
        throw usage("-Y: " + e.getMessage());
      }
      if (!read(List.of(phs))) {
        return 1;
      }
      List<Charts.Bar> bars = new ArrayList<>();
      long total = 0;
      for (ProtocolHierarchy.Node n : phs.roots()) {
        total += n.frames();
      }
      for (ProtocolHierarchy.Node n : phs.roots()) {
        flatten(n, 0, total, bars);
      }
      int h = height == null ? Math.max(200, 48 + 36 + 24 * bars.size()) : height;
      checkSize(h);
      String title = "Protocol hierarchy: " + file.getFileName() + " (" + total + " frames)";
      double full = total;
      write(title, h, c -> Charts.bars(c, width, h, title, bars, full));
      return 0;
    }

    private static void flatten(ProtocolHierarchy.Node n, int depth, long total, List<Charts.Bar> out) {
      double pct = total == 0 ? 0 : 100.0 * n.frames() / total;
      out.add(new Charts.Bar(n.name(), depth, n.frames(),
          String.format(Locale.ROOT, "%d frames (%.1f%%), %d bytes", n.frames(), pct, n.bytes())));
      for (ProtocolHierarchy.Node c : n.children()) {
        flatten(c, depth + 1, total, out);
      }
    }
  }
}

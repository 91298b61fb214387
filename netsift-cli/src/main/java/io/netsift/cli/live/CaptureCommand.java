package io.netsift.cli.live;

import io.netsift.core.capture.CaptureWriter;
import io.netsift.core.capture.CaptureWriters;
import io.netsift.core.capture.Frame;
import io.netsift.core.capture.LinkType;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.filter.Filter;
import io.netsift.core.filter.FilterException;
import io.netsift.core.output.SummaryFormat;
import io.netsift.core.output.TimeFormat;
import io.netsift.live.CaptureInterface;
import io.netsift.live.CaptureStats;
import io.netsift.live.Interfaces;
import io.netsift.live.LiveCaptureException;
import io.netsift.live.LiveSource;
import io.netsift.live.RingBufferWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code netsift capture}: tshark's live capture through libpcap. Without {@code -w} it prints
 * the summary line of each packet as it arrives; with {@code -w} it writes pcapng (or pcap),
 * optionally as a ring buffer of files. Ctrl-C stops it cleanly: a shutdown hook breaks the
 * libpcap loop, waits while the file is flushed and closed, and the last line on standard error
 * is libpcap's count, "N packets captured, M dropped".
 */
@Command(name = "capture", sortOptions = false,
    description = "Capture packets live through libpcap, as tshark -i does: summary lines as packets arrive, or -w to a file.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:capture failed: libpcap missing, no permission, interface error, write error",
      "2:usage error: bad option, bad capture or display filter, unknown interface",
      "130:stopped by Ctrl-C (SIGINT), after closing the file and printing the counts"
    })
public final class CaptureCommand implements Callable<Integer> {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = "-i", paramLabel = "IFACE",
      description = "Interface name, or number from -D (repeat for several; default: the first interface that is up and not loopback).")
  List<String> interfaces = new ArrayList<>();

  @Option(names = "-D", description = "List the interfaces (as netsift ifaces) and exit.")
  boolean listInterfaces;

  @Option(names = "-f", paramLabel = "BPF", description = "Capture filter in libpcap's syntax, e.g. 'udp port 53'.")
  String captureFilter;

  @Option(names = "-Y", paramLabel = "FILTER", description = "Display filter (Wireshark's language): only matching packets are printed and written.")
  String displayFilter;

  @Option(names = "-c", paramLabel = "N", description = "Stop after capturing N packets.")
  long count = -1;

  @Option(names = "-s", paramLabel = "SNAPLEN", description = "Bytes kept of each packet (default 262144; 0 for the default).")
  int snapLength = LinkType.MAX_PACKET_LENGTH;

  @Option(names = "-p", description = "Don't put the interface into promiscuous mode.")
  boolean noPromiscuous;

  @Option(names = "-B", paramLabel = "MiB",
      description = "Kernel capture buffer per interface in MiB (default 32; tshark's is 2, too small while the JVM warms up).")
  int bufferMiB = LiveSource.DEFAULT_BUFFER_SIZE >> 20;

  @Option(names = "-w", paramLabel = "OUT", description = "Write packets to OUT ('-' for standard output) instead of printing them.")
  String writeFile;

  @Option(names = "-F", paramLabel = "FORMAT", description = "Format for -w: pcapng (default) or pcap.")
  String writeFormat = "pcapng";

  @Option(names = "-a", paramLabel = "COND",
      description = "Stop after duration:SECONDS, filesize:KB (kB = 1000 bytes), packets:N or files:N (repeatable).")
  List<String> autostop = new ArrayList<>();

  @Option(names = "-b", paramLabel = "COND",
      description = "Ring buffer with -w: switch files at filesize:KB, duration:SECONDS or packets:N; keep files:N (repeatable).")
  List<String> ringBuffer = new ArrayList<>();

  @Option(names = "-P", description = "Print summary lines also while writing a file with -w.")
  boolean printWhileWriting;

  @Option(names = "-q", description = "Print no packet lines, only the final count.")
  boolean quiet;

  @Option(names = "-t", paramLabel = "FORMAT", description = "Time column format: a|ad|adoy|d|dd|e|r|u|ud|udoy (default r).")
  String timeFormat = "r";

  @Option(names = "-l", description = "Flush after each packet (netsift flushes whenever no packet is waiting; accepted for tshark compatibility).")
  boolean lineBuffered;

  @Option(names = "-n", description = "No name resolution (the default in netsift; accepted for tshark compatibility).")
  boolean noResolve;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  // Autostop and ring-buffer conditions, parsed from -a and -b.
  private long stopSeconds;
  private long stopFileBytes;
  private long stopPackets;
  private long stopFiles;
  private long ringFileBytes;
  private long ringSeconds;
  private long ringPackets;
  private int ringFiles;

  @Override
  public Integer call() throws Exception {
    PrintStream err = System.err;
    if (listInterfaces) {
      try {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        IfacesCommand.print(out, Interfaces.list(), false);
        out.flush();
        return 0;
      } catch (LiveCaptureException e) {
        err.println("netsift: " + e.getMessage());
        return exitCode(e);
      }
    }
    checkOptions();
    int snap = snapLength <= 0 ? LinkType.MAX_PACKET_LENGTH : snapLength;
    TimeFormat time;
    try {
      time = TimeFormat.of(timeFormat);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    Filter filter = null;
    if (displayFilter != null && !displayFilter.isBlank()) {
      try {
        filter = Filter.compile(displayFilter);
      } catch (FilterException e) {
        err.println("netsift: " + e.pointer());
        return 2;
      }
    }

    LiveSource source;
    List<String> names;
    try {
      names = interfaces.isEmpty() ? List.of(Interfaces.defaultInterface()) : interfaces;
      source = LiveSource.builder(names)
          .snapLength(snap)
          .promiscuous(!noPromiscuous)
          .bpfFilter(captureFilter)
          .bufferSize(bufferMiB << 20)
          .open();
    } catch (LiveCaptureException e) {
      err.println("netsift: " + e.getMessage());
      return exitCode(e);
    }

    CountDownLatch finished = new CountDownLatch(1);
    // Ctrl-C: stop the loop (pcap_breakloop), then hold the JVM until the file is closed and counted.
    Thread hook = new Thread(() -> {
      source.requestStop();
      try {
        finished.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "netsift-capture-stop");
    Runtime.getRuntime().addShutdownHook(hook);

    boolean toStdout = "-".equals(writeFile);
    CaptureWriter writer = null;
    RingBufferWriter ring = null;
    int status = 0;
    try {
      if (toStdout) {
        writer = CaptureWriters.open(new BufferedOutputStream(System.out, 1 << 16), writeFormat, snap);
      } else if (writeFile != null) {
        ring = new RingBufferWriter(Path.of(writeFile), writeFormat, snap, rotation());
        writer = ring;
      }
      err.println("Capturing on " + describe(source.interfaces()));
      boolean print = !quiet && !toStdout && (writer == null || printWhileWriting);
      status = loop(source, writer, ring, filter, print, time);
    } catch (IOException e) {
      err.println("netsift: can't write " + (writeFile == null ? "the output" : writeFile) + ": " + e.getMessage());
      status = 1;
    } catch (LiveCaptureException e) {
      err.println("netsift: " + e.getMessage());
      status = exitCode(e);
    } finally {
      source.close();
      if (writer != null) {
        try {
          writer.close();
        } catch (IOException e) {
          err.println("netsift: can't write " + writeFile + ": " + e.getMessage());
          status = 1;
        }
      }
      CaptureStats stats = source.stats();
      err.println(stats);
      if (stats.interfaceDropped() > 0) {
        err.println(stats.interfaceDropped() + " packets dropped by the interface");
      }
      err.flush();
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // shutting down already (Ctrl-C): the hook is running and has just been released
      }
    }
    return status;
  }

  /** The capture loop: read, filter, write or print, until a stop condition or Ctrl-C. */
  private int loop(LiveSource source, CaptureWriter writer, RingBufferWriter ring, Filter filter,
      boolean print, TimeFormat time) throws IOException {
    Writer text = print
        ? new OutputStreamWriter(new BufferedOutputStream(System.out, 1 << 16), StandardCharsets.UTF_8) : null;
    boolean dissect = print || filter != null;
    DissectionEngine engine = dissect ? new DissectionEngine() : null;
    SummaryFormat summaries = new SummaryFormat(time);
    Frame frame = new Frame();
    long deadline = stopSeconds > 0 ? System.nanoTime() + stopSeconds * 1_000_000_000L : 0;
    boolean pending = false;
    long captured = 0;
    while (true) {
      // Take packets as long as they are waiting; flush only when none is, so a burst costs
      // one write and a lone packet still shows at once.
      long wait = pending ? 0 : deadline == 0 ? -1 : Math.max(0, deadline - System.nanoTime());
      int r = source.next(frame, wait);
      if (r < 0) {
        break;
      }
      if (r == 0) {
        if (pending) {
          if (text != null) {
            text.flush();
          }
          if (writer != null) {
            writer.flush();
          }
          pending = false;
        }
        if (deadline != 0 && System.nanoTime() - deadline >= 0) {
          break;
        }
        continue;
      }
      if (stopFiles > 0 && ring != null && ring.filesCreated().size() >= stopFiles && ring.rotationDue()) {
        break;
      }
      captured++;
      boolean shown = true;
      Dissection d = null;
      if (dissect) {
        d = engine.dissect(frame);
        shown = filter == null || filter.matches(d);
        if (shown) {
          engine.markDisplayed(d);
        }
      }
      if (shown) {
        if (writer != null) {
          writer.write(frame);
        }
        if (text != null) {
          text.write(summaries.line(d));
          text.write('\n');
        }
        pending = true;
      }
      if ((count > 0 && captured >= count) || (stopPackets > 0 && captured >= stopPackets)
          || (stopFileBytes > 0 && ringBuffer.isEmpty() && ring != null && ring.currentFileBytes() >= stopFileBytes)
          || (deadline != 0 && System.nanoTime() - deadline >= 0)) {
        break;
      }
    }
    if (text != null) {
      text.flush();
    }
    if (writer != null) {
      writer.flush();
    }
    return 0;
  }

  /** "'eth0'", "'eth0' and 'Loopback: lo'", as tshark says what it captures on. */
  private static String describe(List<String> names) {
    List<String> shown = new ArrayList<>();
    List<CaptureInterface> all;
    try {
      all = Interfaces.list();
    } catch (LiveCaptureException e) {
      all = List.of();
    }
    for (String n : names) {
      String label = n;
      for (CaptureInterface i : all) {
        if (i.name().equals(n)) {
          label = i.displayName();
        }
      }
      shown.add("'" + label + "'");
    }
    if (shown.size() <= 2) {
      return String.join(" and ", shown);
    }
    return String.join(", ", shown.subList(0, shown.size() - 1)) + ", and " + shown.get(shown.size() - 1);
  }

  private RingBufferWriter.Rotation rotation() {
    long size = ringFileBytes > 0 ? ringFileBytes : ringBuffer.isEmpty() ? 0 : stopFileBytes;
    return new RingBufferWriter.Rotation(size, ringSeconds > 0 ? Duration.ofSeconds(ringSeconds) : null,
        ringPackets, ringFiles);
  }

  private void checkOptions() {
    if (!writeFormat.equals("pcap") && !writeFormat.equals("pcapng")) {
      throw usage("-F: unsupported capture format \"" + writeFormat + "\" (use pcapng or pcap)");
    }
    if (writeFormat.equals("pcap") && interfaces.size() > 1) {
      throw usage("-F pcap holds one interface; capture several interfaces to pcapng (the default)");
    }
    if (count == 0 || count < -1) {
      throw usage("-c: the packet count must be a positive number");
    }
    if (bufferMiB < 0 || bufferMiB > 2047) {
      throw usage("-B: the buffer size must be 0 (libpcap's default) to 2047 MiB");
    }
    if (snapLength < 0) {
      throw usage("-s: the snapshot length must be 0 (default) or positive");
    }
    for (String a : autostop) {
      long v = condition("-a", a);
      switch (a.substring(0, a.indexOf(':'))) {
        case "duration": stopSeconds = v; break;
        case "filesize": stopFileBytes = v * 1000; break;
        case "packets": stopPackets = v; break;
        case "files": stopFiles = v; break;
        default: throw usage("-a: invalid or unknown condition \"" + a + "\" (use duration:S, filesize:KB, packets:N or files:N)");
      }
    }
    for (String b : ringBuffer) {
      long v = condition("-b", b);
      switch (b.substring(0, b.indexOf(':'))) {
        case "filesize": ringFileBytes = v * 1000; break;
        case "duration": ringSeconds = v; break;
        case "packets": ringPackets = v; break;
        case "files": ringFiles = (int) Math.min(v, Integer.MAX_VALUE); break;
        default: throw usage("-b: invalid or unknown condition \"" + b + "\" (use filesize:KB, duration:S, packets:N or files:N)");
      }
    }
    if (!ringBuffer.isEmpty()) {
      if (writeFile == null || writeFile.equals("-")) {
        throw usage("-b: a ring buffer needs -w FILE (a file, not standard output)");
      }
      if (ringFileBytes == 0 && ringSeconds == 0 && ringPackets == 0 && stopFileBytes == 0) {
        throw usage("-b: give when to switch files: filesize:KB, duration:S or packets:N");
      }
    }
    if ((stopFileBytes > 0 || stopFiles > 0) && (writeFile == null || writeFile.equals("-"))) {
      throw usage("-a filesize/files need -w FILE");
    }
  }

  private long condition(String flag, String c) {
    int colon = c.indexOf(':');
    if (colon <= 0) {
      throw usage(flag + ": invalid condition \"" + c + "\" (expected NAME:VALUE, e.g. duration:10)");
    }
    try {
      long v = Long.parseLong(c.substring(colon + 1));
      if (v <= 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw usage(flag + ": \"" + c.substring(colon + 1) + "\" in \"" + c + "\" is not a positive whole number");
    }
  }

  /** 2 for what the user typed wrong (filter, interface name), 1 for what the machine lacks. */
  static int exitCode(LiveCaptureException e) {
    switch (e.kind()) {
      case BAD_FILTER:
      case NO_SUCH_INTERFACE:
        return 2;
      default:
        return 1;
    }
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}

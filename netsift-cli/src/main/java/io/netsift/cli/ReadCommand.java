package io.netsift.cli;

import io.netsift.core.capture.CaptureFormatException;
import io.netsift.core.capture.CaptureReader;
import io.netsift.core.capture.CaptureReaders;
import io.netsift.core.capture.CaptureWriter;
import io.netsift.core.capture.CaptureWriters;
import io.netsift.core.capture.Frame;
import io.netsift.core.analysis.ColoringRules;
import io.netsift.core.analysis.ExpertTap;
import io.netsift.core.analysis.Tap;
import io.netsift.core.analysis.Taps;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.dissect.DecodeAs;
import io.netsift.core.dissect.ParallelRead;
import io.netsift.core.dissect.Stateless;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.FileCapture;
import io.netsift.core.field.FieldFormat;
import io.netsift.core.field.FieldRegistry;
import io.netsift.core.filter.Filter;
import io.netsift.core.filter.FilterException;
import io.netsift.core.output.EkFormat;
import io.netsift.core.output.FieldsFormat;
import io.netsift.core.output.HexDump;
import io.netsift.core.output.JsonFormat;
import io.netsift.core.output.SummaryFormat;
import io.netsift.core.output.TimeFormat;
import io.netsift.core.output.TreeFormat;
import io.netsift.core.output.Utf8Buffer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code netsift read}: tshark's reading mode with tshark's flags — summary lines by default,
 * {@code -T fields|json|ek}, {@code -V}, {@code -x}, {@code -c}, {@code -w}. Writes through one
 * large buffer; a damaged file prints every good packet, then the reader's error, exit 1.
 */
@Command(name = "read", sortOptions = false,
    description = "Read a capture file (pcap, pcapng, gzip'd; '-' for standard input) and print its packets as tshark does.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:damaged or unreadable capture (after printing the good packets)",
      "2:usage error"
    })
final class ReadCommand implements Callable<Integer> {
  // Not picocli's standard help mixin: its -V (version) would take tshark's -V (verbose).
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Parameters(arity = "0..1", paramLabel = "FILE", description = "Capture file to read ('-' for standard input).")
  String file;

  @Option(names = "-r", paramLabel = "FILE", description = "Capture file to read, as tshark's -r ('-' for standard input).")
  String readFile;

  @Option(names = "-t", paramLabel = "FORMAT", description = "Time column format: a|ad|adoy|d|dd|e|r|u|ud|udoy (default r).")
  String timeFormat = "r";

  @Option(names = "-n", description = "No name resolution (the default in netsift; accepted for tshark compatibility).")
  boolean noResolve;

  @Option(names = "-T", paramLabel = "FORMAT", description = "Output format: text (summary lines, default), fields, json, ek.")
  String outputFormat = "text";

  @Option(names = "-e", paramLabel = "FIELD", description = "Field to print with -T fields (repeatable).")
  List<String> fieldNames = new ArrayList<>();

  @Option(names = "-E", paramLabel = "KEY=VALUE", description = "-T fields option: header=y|n, separator=/t|/s|C, occurrence=f|l|a|N, aggregator=,|/s|C, quote=d|s|n, bom=y|n.")
  List<String> fieldOptions = new ArrayList<>();

  @Option(names = "-V", description = "Print the packet detail tree.")
  boolean verbose;

  @Option(names = "-x", description = "Print a hex and ASCII dump of each packet.")
  boolean hex;

  @Option(names = "-c", paramLabel = "N", description = "Stop after reading N packets.")
  long count = -1;

  @Option(names = "-w", paramLabel = "OUT", description = "Write the packets read to OUT ('-' for standard output).")
  String writeFile;

  @Option(names = "-F", paramLabel = "FORMAT", description = "Format for -w: pcapng (default) or pcap.")
  String writeFormat = "pcapng";

  @Option(names = "-Y", paramLabel = "FILTER", description = "Display filter (Wireshark's language): print and write only matching packets.")
  String displayFilter;

  @Option(names = "-q", description = "Print no packet lines (with -w: write only).")
  boolean quiet;

  @Option(names = "--no-progress", description = "Never show the progress line on standard error (shown on a "
      + "terminal unless -q, once a read lasts over half a second; packet lines on the same terminal go above it).")
  boolean noProgress;

  @Option(names = "-2", description = "Two passes, as tshark -2: the first records fields that point to later frames "
      + "(tcp.reassembled_in, ip.reassembled_in, dns.response_in, http.response_in), the second prints. Files only.")
  boolean twoPass;

  @Option(names = "-d", paramLabel = "LAYER==VALUE,PROTO",
      description = "Decode As, as tshark -d: tcp.port==8080,http (also udp.port, ip.proto, ethertype; VALUE may be a range a-b). Repeatable.")
  List<String> decodeAs = new ArrayList<>();

  @Option(names = "-o", paramLabel = "NAME:VALUE",
      description = "Set a preference, as tshark -o: tcp.desegment_tcp_streams:FALSE, tcp.reassembly_max_pdu:BYTES, "
          + "tcp.reassembly_max_total:BYTES, tcp.state_max_total:BYTES, udp.state_max_total:BYTES, ip.defragment:FALSE, ipv6.defragment:FALSE. Repeatable.")
  List<String> preferences = new ArrayList<>();

  @Option(names = "-N", paramLabel = "FLAGS",
      description = "Name resolution, as tshark -N: t resolves transport ports in the Info column (http(80)); "
          + "other flags (m, n, d, N, v) are accepted and ignored. Default: none (like -n).")
  String resolve;

  @Option(names = "-z", paramLabel = "STATISTICS",
      description = "Statistics or stream following after the packets, as tshark -z (repeatable).")
  List<String> statistics = new ArrayList<>();

  // -- export objects option (helper follow) --
  @Option(names = "--export-objects", paramLabel = "PROTOCOL,DIR",
      description = "Write the objects a protocol carried into DIR after the packets, as tshark --export-objects "
          + "(http: request and response bodies, de-chunked and decompressed, named from the URI; imf: mails sent with SMTP, "
          + "named Subject.eml; tftp: files sent with TFTP, named as requested; never overwriting), and print a table of them. Only packets -Y passes give objects. Repeatable.")
  List<String> exportObjects = new ArrayList<>();
  // -- end export objects option --

  // -- coloring option (helper server) --
  @Option(names = "--color", description = "Draw summary lines in Wireshark's default coloring rules' colors (ANSI 24-bit),"
      + " as tshark --color; ignored when standard output is not a terminal.")
  boolean color;

  /** Whether colors go out: asked for, and standard output is a terminal (tests may force it). */
  boolean colorOn() {
    return color && (Terminal.is(1) || Boolean.getBoolean("netsift.forceColor"));
  }
  // -- end coloring option --

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    String input = readFile != null ? readFile : file;
    if (input == null) {
      throw usage("no capture file: give FILE or -r FILE ('-' for standard input)");
    }
    if (readFile != null && file != null) {
      throw usage("give the capture file once (FILE or -r FILE)");
    }
    TimeFormat time;
    try {
      time = TimeFormat.of(timeFormat);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    if (!writeFormat.equals("pcap") && !writeFormat.equals("pcapng")) {
      throw usage("-F: unsupported capture format \"" + writeFormat + "\" (use pcapng or pcap)");
    }
    Filter filter = null;
    if (displayFilter != null) {
      try {
        filter = Filter.compile(displayFilter);
      } catch (FilterException e) {
        System.err.println("netsift: " + e.pointer());
        return 2;
      }
    }
    Protocols protocols = Protocols.standard();
    try {
      for (String rule : decodeAs) {
        protocols = DecodeAs.apply(protocols, rule);
      }
      for (String pref : preferences) {
        protocols = DecodeAs.preference(protocols, pref);
      }
      protocols.longPreference("tcp.reassembly_max_pdu", 0); // a bad number fails here, not mid-file
      protocols.longPreference("tcp.reassembly_max_total", 0);
      protocols.longPreference("tcp.state_max_total", 0);
      protocols.longPreference("udp.state_max_total", 0);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    if (resolve != null) {
      if (!resolve.matches("[mndNtvsgC]*")) {
        throw usage("-N: unknown name-resolution flag in \"" + resolve + "\" (t resolves ports)");
      }
      if (resolve.indexOf('t') >= 0) {
        io.netsift.net.services.ServiceTable services = io.netsift.net.services.ServiceTable.standard();
        protocols = protocols.withPortNames((port, tcp) -> services.portName(port,
            tcp ? io.netsift.net.services.Transport.TCP : io.netsift.net.services.Transport.UDP).orElse(null));
      }
    }
    if (twoPass && "-".equals(input)) {
      throw usage("-2 needs a file: standard input cannot be read twice");
    }
    List<Tap> taps = new ArrayList<>();
    try {
      for (String z : statistics) {
        taps.add(Taps.create(z));
      }
      // tshark builds a protocol tree for every packet under a display filter, -V, -T fields,
      // json or ek, --color, or a tap that needs one; some expert notes are raised only then.
      boolean tree = displayFilter != null || verbose || color
          || List.of("fields", "json", "ek").contains(outputFormat) || taps.stream().anyMatch(Tap::needsTree);
      for (Tap tap : taps) {
        if (tap instanceof ExpertTap expert) {
          expert.withTree(tree);
        }
      }
      // -- export objects taps (helper follow) --
      for (String eo : exportObjects) {
        try {
          taps.add(io.netsift.core.analysis.ExportObjectsTap.parse(eo, w -> System.err.println("netsift: " + w)));
        } catch (IllegalArgumentException e) {
          throw usage("--export-objects: " + e.getMessage());
        }
      }
      // -- end export objects taps --
    } catch (IllegalArgumentException e) {
      throw usage("-z: " + e.getMessage());
    }
    Output out = output(time);
    boolean writeToStdout = "-".equals(writeFile);
    OutputStream stdout = System.out;
    Utf8Out text = new Utf8Out(new BufferedOutputStream(stdout, 1 << 16));

    CaptureReader reader;
    try {
      reader = "-".equals(input) ? CaptureReaders.open(System.in) : CaptureReaders.open(Path.of(input));
    } catch (NoSuchFileException e) {
      return fail("The file \"" + input + "\" doesn't exist.");
    } catch (CaptureFormatException e) {
      return fail("\"" + input + "\": " + e.getMessage());
    } catch (IOException e) {
      return fail("\"" + input + "\": " + e.getMessage());
    }
    CaptureWriter writer = null;
    int status = 0;
    try (reader) {
      if (writeFile != null) {
        writer = writeToStdout
            ? CaptureWriters.open(new BufferedOutputStream(stdout, 1 << 16), writeFormat, 262144)
            : CaptureWriters.open(Path.of(writeFile), writeFormat, 262144);
      }
      boolean print = !quiet && !(writeFile != null && !verbose && !hex && !outputFormat.equals("fields")
          && !outputFormat.equals("json") && !outputFormat.equals("ek"));
      if (writeToStdout) {
        print = false;
      }
      protocols = pruned(protocols, filter, print, !taps.isEmpty());
      DissectionEngine engine = new DissectionEngine(protocols);
      if (twoPass) {
        engine = new DissectionEngine(protocols, FileCapture.firstPass(Path.of(input), protocols));
      }
      Frame frame = new Frame();
      StringBuilder sb = new StringBuilder(1 << 16);
      if (print) {
        out.begin(sb);
      }
      long read = 0;
      Progress progress = progress(input);
      if (progress != null && print && Terminal.is(1)) {
        text.progress = progress;
      }
      boolean parallel = parallel(input, filter, print, taps, protocols);
      Filter.Evaluator match = filter == null ? null : filter.evaluator();
      // Summary lines and JSON of a large file: dissect here, format on the other cores.
      DissectionEngine filled = engine;
      FormatPipeline pipeline = !parallel && print && out.encodedBatches() != null && large(input)
          ? new FormatPipeline(threads(), 256, out.encodedBatches(), out.separator(), text, filled::recycle) : null;
      boolean printed = false;
      if (pipeline != null) {
        engine.freshEach(); // the pipeline keeps each dissection as it is, without a copy
        text.append(sb); // what begin() wrote goes before the pipeline's text
        sb.setLength(0);
      }
      try {
        if (parallel) {
          // Every field asked for reads the same from the middle of the file: both cores.
          final CaptureWriter out2 = writer;
          final Filter filter2 = filter;
          final boolean print2 = print;
          long[] done = new long[1];
          ParallelRead split = new ParallelRead(Path.of(input), protocols, () -> {
            FieldsFormat fields = print2 ? fieldsFormat(time) : null;
            Filter.Evaluator each = filter2 == null ? null : filter2.evaluator();
            return (d, f, o) -> {
              if (each != null && !each.matches(d)) {
                return;
              }
              if (out2 != null) {
                // Encoded here, on the worker: the thread that keeps file order only copies bytes.
                if (o.encoded == null) {
                  o.encoded = out2.newBatch();
                }
                if (o.encoded != null) {
                  o.encoded.add(f);
                } else {
                  o.frames.add(f.copy());
                }
              }
              if (fields != null) {
                // Encoded here, on the worker: the thread that keeps file order only copies bytes.
                if (o.sink == null) {
                  o.sink = new Utf8Buffer(1 << 16);
                }
                fields.append(d, (Utf8Buffer) o.sink);
              }
            };
          }, threads(), chunkBytes(), WARMUP_BYTES);
          if (!Stateless.fields(parallelNames(filter, print), protocols, FieldRegistry.standard(), false)) {
            split.numbered(); // frame.number and the like: read in order, dissect in batches
          }
          split.run(o -> {
            if (o.encoded != null) {
              out2.write(o.encoded);
            }
            for (Frame f : o.frames) {
              out2.write(f);
            }
            if (o.text.length() > 0) {
              text.append(o.text);
            }
            if (o.sink != null) {
              java.nio.ByteBuffer lines = ((Utf8Buffer) o.sink).take();
              text.write(lines.array(), 0, lines.limit());
            }
            done[0] += o.records;
            if (progress != null) {
              progress.update(done[0], o.position, System.nanoTime());
            }
          });
        }
        while (!parallel && (count < 0 || read < count) && reader.next(frame)) {
          read++;
          if (progress != null) {
            progress.update(read, reader.position(), System.nanoTime());
          }
          Dissection d = engine.dissect(frame);
          boolean displayed = match == null || match.matches(d);
          for (int t = 0; t < taps.size(); t++) { // no iterator per packet
            taps.get(t).packet(d, displayed);
          }
          if (!displayed) {
            continue;
          }
          engine.markDisplayed(d);
          if (writer != null) {
            writer.write(frame);
          }
          if (pipeline != null) {
            pipeline.add(d);
          } else if (print) {
            out.packet(d, sb);
            if (sb.length() > (1 << 15)) {
              text.append(sb);
              // A fresh builder: one character beyond Latin-1 (a U+FFFD in an HTTP body) turns a
              // builder into UTF-16 for good, which made every later append twice as slow.
              sb = new StringBuilder(1 << 16);
            }
          }
        }
      } catch (CaptureFormatException e) {
        status = 1;
        if (progress != null) {
          progress.finish();
        }
        if (pipeline != null) {
          printed = pipeline.finish();
          pipeline = null;
        }
        if (print) {
          out.end(sb, printed);
          print = false;
        }
        text.append(sb);
        text.flush();
        sb.setLength(0);
        System.err.println("netsift: \"" + input + "\" appears to be damaged or corrupt: " + e.getMessage());
      }
      if (progress != null) {
        progress.finish();
      }
      if (pipeline != null) {
        printed = pipeline.finish();
      }
      if (print) {
        out.end(sb, printed);
      }
      // tshark prints its taps' reports last registered first, so "-z conv,tcp -z endpoints,ip"
      // shows the endpoints first; the same order keeps the two outputs diffable.
      for (int i = taps.size() - 1; i >= 0; i--) {
        taps.get(i).report(sb);
      }
      text.append(sb);
      text.flush();
    } finally {
      if (writer != null) {
        writer.close();
      }
    }
    return status;
  }

  /**
   * The registry this run needs: when everything it prints or filters on lies below the
   * application layer (-T fields of IP and TCP fields, a port filter with -w), application
   * payloads need not be parsed, and the output is the same.
   */
  private Protocols pruned(Protocols protocols, Filter filter, boolean print, boolean tapped) {
    if (twoPass || tapped || verbose || hex) {
      return protocols;
    }
    List<String> names = new ArrayList<>();
    if (print) {
      if (!outputFormat.equals("fields")) {
        return protocols;
      }
      names.addAll(fieldNames);
    }
    if (filter != null) {
      names.addAll(filter.fields());
    }
    return protocols.forFields(names, FieldRegistry.standard());
  }

  /** The -T fields formatter of this run's -e and -E options. */
  private FieldsFormat fieldsFormat(TimeFormat time) {
    FieldsFormat.Options o = fieldsOptions();
    try {
      return new FieldsFormat(fieldNames, o, time, FieldRegistry.standard(), Protocols.standard().all());
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  private FieldsFormat.Options fieldsOptions() {
    FieldsFormat.Options o = new FieldsFormat.Options();
    try {
      for (String kv : fieldOptions) {
        o.set(kv);
      }
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    return o;
  }

  /** Bytes before a chunk that a parallel read dissects first (IP fragments across the cut). */
  static final int WARMUP_BYTES = 1 << 20;

  /** Worker threads of a parallel read: the cores, or {@code -Dnetsift.threads}. */
  private static int threads() {
    return Integer.getInteger("netsift.threads", Runtime.getRuntime().availableProcessors());
  }

  /** Chunk size of a parallel read ({@code -Dnetsift.chunk}, bytes). */
  private static long chunkBytes() {
    return Long.getLong("netsift.chunk", 16L << 20);
  }

  /**
   * Whether a read is worth more threads: a regular file of at least two chunks, more than one
   * core (or any file when {@code -Dnetsift.chunk} is set, for tests).
   */
  private static boolean large(String input) throws IOException {
    if ("-".equals(input) || threads() < 2) {
      return false;
    }
    Path path = Path.of(input);
    return Files.isRegularFile(path)
        && (System.getProperty("netsift.chunk") != null || Files.size(path) >= 2 * chunkBytes());
  }

  /**
   * Whether this read runs on several threads ({@link ParallelRead}): a regular file larger
   * than two chunks (or any size when {@code -Dnetsift.chunk} is set, for tests), more than one
   * core, and nothing that needs the packets before: -T fields or -w/-q output, no -c, -2,
   * statistics, byte-order mark, and only fields that read the same from the middle
   * ({@link Stateless}).
   */
  private boolean parallel(String input, Filter filter, boolean print, List<Tap> taps,
      Protocols protocols) throws IOException {
    if ("-".equals(input) || count >= 0 || twoPass || !taps.isEmpty() || verbose || hex
        || threads() < 2 || "-".equals(writeFile)) {
      return false;
    }
    Path path = Path.of(input);
    if (!Files.isRegularFile(path)
        || (System.getProperty("netsift.chunk") == null && Files.size(path) < 2 * chunkBytes())) {
      return false;
    }
    if (print && (!outputFormat.equals("fields") || fieldsOptions().bom)) {
      return false;
    }
    return Stateless.fields(parallelNames(filter, print), protocols, FieldRegistry.standard(), true);
  }

  /** The fields a read prints (-T fields) and filters on. */
  private List<String> parallelNames(Filter filter, boolean print) {
    List<String> names = new ArrayList<>();
    if (print) {
      names.addAll(fieldNames);
    }
    if (filter != null) {
      names.addAll(filter.fields());
    }
    return names;
  }

  /** The progress line for this read, or null when it must not show (see {@link Progress}). */
  private Progress progress(String input) {
    if (noProgress || !Progress.wanted(Terminal.is(2), quiet)) {
      return null;
    }
    long size = -1;
    if (!"-".equals(input)) {
      try {
        size = Files.size(Path.of(input));
      } catch (IOException e) {
        size = -1;
      }
    }
    return new Progress(System.err, size, System.nanoTime());
  }

  private int fail(String message) {
    System.err.println("netsift: " + message);
    return 1;
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  /**
   * Text to standard output as UTF-8. Not an OutputStreamWriter: that copies every Latin-1
   * string into a char array and encodes it char by char, where {@code String.getBytes} encodes
   * Latin-1 and ASCII text in bulk (a fifth of the time of {@code -T json}).
   */
  static final class Utf8Out {
    private final OutputStream out;
    /** A progress line on the same terminal, erased before each block of text. */
    Progress progress;

    Utf8Out(OutputStream out) {
      this.out = out;
    }

    void append(CharSequence s) throws IOException {
      write(s.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Writes text already encoded as UTF-8. */
    void write(byte[] utf8) throws IOException {
      write(utf8, 0, utf8.length);
    }

    /** Writes {@code len} bytes of UTF-8 text from {@code utf8[off]}. */
    void write(byte[] utf8, int off, int len) throws IOException {
      if (progress != null && len > 0) {
        progress.finish();
        out.write(utf8, off, len);
        out.flush(); // the lines reach the terminal before the line is drawn again
        return;
      }
      out.write(utf8, off, len);
    }

    void flush() throws IOException {
      out.flush();
    }
  }

  /** What is printed per packet for the chosen options. */
  private interface Output {
    default void begin(StringBuilder sb) {}

    void packet(Dissection d, StringBuilder sb);

    default void end(StringBuilder sb) {}

    /**
     * Makes a formatter for a batch of snapshots on another thread ({@link FormatPipeline}), or
     * null when this output is written in order only.
     */
    default Supplier<BiConsumer<Dissection, StringBuilder>> batches() {
      return null;
    }

    /**
     * Makes the formatter of a whole batch, returning its text as UTF-8; by default the
     * {@link #batches()} formatter's text, encoded on the formatting thread too (encoding is no
     * small part of the work). Null when this output is written in order only.
     */
    default Supplier<FormatPipeline.BatchFormat> encodedBatches() {
      Supplier<BiConsumer<Dissection, StringBuilder>> each = batches();
      if (each == null) {
        return null;
      }
      return () -> {
        BiConsumer<Dissection, StringBuilder> f = each.get();
        return (b, reuse) -> {
          StringBuilder sb = new StringBuilder(b.size() * 128);
          for (Dissection d : b) {
            f.accept(d, sb);
          }
          return java.nio.ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
        };
      };
    }

    /** Text between two batches. */
    default String separator() {
      return "";
    }

    /** Ends the output when {@code printed} packets went through a pipeline. */
    default void end(StringBuilder sb, boolean printed) {
      end(sb);
    }
  }

  private Output output(TimeFormat time) {
    switch (outputFormat) {
      case "fields": {
        if (fieldNames.isEmpty()) {
          throw usage("-T fields needs at least one -e FIELD");
        }
        FieldsFormat f = fieldsFormat(time);
        return new Output() {
          @Override
          public void begin(StringBuilder sb) {
            String h = f.header();
            if (h != null) {
              sb.append(h).append('\n');
            }
          }

          @Override
          public void packet(Dissection d, StringBuilder sb) {
            f.append(d, sb);
          }
        };
      }
      case "json": {
        JsonFormat j = new JsonFormat();
        return new Output() {
          @Override
          public void begin(StringBuilder sb) {
            sb.append(j.begin());
          }

          @Override
          public void packet(Dissection d, StringBuilder sb) {
            j.append(d, sb);
          }

          @Override
          public void end(StringBuilder sb) {
            sb.append(j.end());
          }

          @Override
          public Supplier<FormatPipeline.BatchFormat> encodedBatches() {
            // One format per thread, which keeps its tables; each batch starts without a comma and
            // hands its buffer on as it is, writing the next batch into a buffer already written out.
            ThreadLocal<JsonFormat> formats = ThreadLocal.withInitial(JsonFormat::new);
            return () -> (batch, reuse) -> {
              JsonFormat f = formats.get();
              for (Dissection d : batch) {
                f.appendUtf8(d);
              }
              return f.takeUtf8(reuse);
            };
          }

          @Override
          public String separator() {
            return ",\n";
          }

          @Override
          public void end(StringBuilder sb, boolean printed) {
            sb.append(printed ? "\n]\n" : j.end());
          }
        };
      }
      case "ek": {
        EkFormat ek = new EkFormat();
        return ek::append;
      }
      case "text": {
        if (!fieldNames.isEmpty()) {
          throw usage("-e needs -T fields");
        }
        SummaryFormat summary = new SummaryFormat(time);
        TreeFormat tree = new TreeFormat();
        ColoringRules rules = colorOn() ? ColoringRules.defaults() : null;
        if (!verbose && !hex && rules == null) {
          return new Output() {
            @Override
            public void packet(Dissection d, StringBuilder sb) {
              sb.append(summary.line(d)).append('\n');
            }

            @Override
            public Supplier<FormatPipeline.BatchFormat> encodedBatches() {
              return () -> {
                // Straight to UTF-8 bytes: no line strings, and the arrow (U+2192) does not
                // turn a builder into UTF-16 for the ASCII that follows it.
                SummaryFormat lines = new SummaryFormat(time);
                return (b, reuse) -> {
                  Utf8Buffer buf = new Utf8Buffer(reuse, b.size() * 110);
                  for (Dissection d : b) {
                    lines.append(d, buf);
                  }
                  return buf.take();
                };
              };
            }
          };
        }
        return (d, sb) -> {
          if (verbose) {
            sb.append(tree.format(d));
          } else if (!hex) {
            // tshark 4.0 prints -x dumps alone, without the summary line.
            ColoringRules.Rule rule = rules == null ? null : rules.match(d);
            if (rule == null) {
              sb.append(summary.line(d)).append('\n');
            } else {
              // tshark's framing: colors, the line, clear to its end, newline, then the reset
              sb.append(rule.ansiStart()).append(summary.line(d)).append(ColoringRules.ANSI_END)
                  .append('\n').append(ColoringRules.ANSI_RESET);
            }
          }
          if (hex) {
            HexDump.append(d, sb);
          } else if (verbose) {
            sb.append('\n');
          }
        };
      }
      default:
        throw usage("-T: unknown output format \"" + outputFormat + "\" (use text, fields, json or ek)");
    }
  }

  static {
    // tshark prints absolute times in the local zone; TZ decides, as for tshark.
    FieldFormat.setZone(java.util.TimeZone.getDefault().toZoneId());
  }
}

package io.netsift.bench;

import io.netsift.core.capture.CaptureFormatException;
import io.netsift.core.capture.CaptureReader;
import io.netsift.core.capture.CaptureReaders;
import io.netsift.core.capture.Frame;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.filter.Filter;
import io.netsift.core.filter.FilterException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The frames a benchmark runs over: real captures read once, in capture order, and the frames of
 * one kind picked out of them. Each benchmark invocation handles {@link #FRAMES} frames, so
 * JMH's time per operation is time per packet. At most {@code FRAMES / files} frames are kept
 * from each file (the first ones of the kind), so a source of many files gives a mix of them
 * rather than the start of the first.
 *
 * <p>Sources: {@code samples} (the captures committed in {@code samples/}, the default, the same
 * on every checkout), {@code corpus} (the {@code ../shared/corpus} captures that
 * {@code ../shared/bench/make_big.sh} joins into the benchmark capture, listed in
 * {@code big_mix_files.txt}), or a path to one capture file or a directory of them.
 *
 * <p>The repository is found from the {@code netsift.root} system property, else by walking up
 * from the working directory or from the jar until a directory holds {@code samples/} and
 * {@code pom.xml}.
 */
public final class Workload {
  /** Frames handled per benchmark invocation (the JMH {@code @OperationsPerInvocation}). */
  public static final int FRAMES = 4096;

  /** What a per-dissector benchmark dissects: the exact layer stack, plus a filter on it. */
  public enum Kind {
    /** Ethernet, IPv4 and TCP with no payload (handshakes, ACKs): the TCP header path. */
    ETH_IP_TCP("eth-ip-tcp", "tcp.len == 0", "frame", "eth", "ethertype", "ip", "tcp"),
    /** A DNS message over UDP over IPv4. */
    UDP_DNS("udp-dns", "", "frame", "eth", "ethertype", "ip", "udp", "dns"),
    /** A whole HTTP/1.x request in one TCP segment. */
    HTTP_REQUEST("http-request", "http.request", "frame", "eth", "ethertype", "ip", "tcp", "http"),
    /** Every frame of the source, whatever it holds. */
    MIX("mix", "");

    final String label;
    final String filter;
    final List<String> stack;

    Kind(String label, String filter, String... stack) {
      this.label = label;
      this.filter = filter;
      this.stack = List.of(stack);
    }

    /** The name used in JMH's {@code @Param} ({@code eth-ip-tcp}, ...). */
    public String label() {
      return label;
    }

    /** The kind with that {@link #label()}. */
    public static Kind of(String label) {
      for (Kind k : values()) {
        if (k.label.equals(label)) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown workload \"" + label
          + "\": use eth-ip-tcp, udp-dns, http-request or mix");
    }
  }

  private final List<Frame> frames;
  private final List<Dissection> dissections;
  private final List<String> files;
  private final List<Integer> fileOf;

  private Workload(List<Frame> frames, List<Dissection> dissections, List<String> files,
      List<Integer> fileOf) {
    this.frames = frames;
    this.dissections = dissections;
    this.files = files;
    this.fileOf = fileOf;
  }

  /** Reads the source and keeps the frames of {@code kind}, in capture order. */
  public static Workload load(String source, Kind kind) {
    Filter filter;
    try {
      filter = Filter.compile(kind.filter);
    } catch (FilterException e) {
      throw new IllegalStateException(e);
    }
    Protocols protocols = Protocols.standard();
    List<Frame> frames = new ArrayList<>();
    List<Dissection> dissections = new ArrayList<>();
    List<String> files = new ArrayList<>();
    List<Integer> fileOf = new ArrayList<>();
    List<Path> captures = captures(source);
    int perFile = (FRAMES + captures.size() - 1) / captures.size();
    for (Path file : captures) {
      files.add(file.getFileName().toString());
      // One engine per file, as reading that file would: TCP and reassembly state stay real.
      DissectionEngine engine = new DissectionEngine(protocols);
      try (CaptureReader reader = CaptureReaders.open(file)) {
        Frame f = new Frame();
        int kept = 0;
        while (kept < perFile && reader.next(f)) {
          Dissection d = engine.dissect(f);
          if ((kind.stack.isEmpty() || kind.stack.equals(stack(d))) && filter.matches(d)) {
            frames.add(f.copy());
            dissections.add(d.copy());
            fileOf.add(files.size() - 1);
            kept++;
          }
        }
      } catch (CaptureFormatException e) {
        // The corpus list may hold files netsift does not read (make_big.sh converts its snoop file
        // to pcap first) or that end damaged: keep the frames before the damage, say so, go on.
        System.err.println("netsift-bench: " + file.getFileName() + ": " + e.getMessage());
      } catch (IOException e) {
        throw new UncheckedIOException(file + ": " + e.getMessage(), e);
      }
    }
    if (frames.isEmpty()) {
      throw new IllegalStateException("no " + kind.label + " frames in " + source + " " + files);
    }
    return new Workload(frames, dissections, files, fileOf);
  }

  /** The protocol names of the layers, lowest first. */
  public static List<String> stack(Dissection d) {
    List<String> names = new ArrayList<>(d.layerCount());
    for (int i = 0; i < d.layerCount(); i++) {
      names.add(d.dissector(i).name());
    }
    return names;
  }

  /** The selected frames (copies), in capture order. */
  public List<Frame> frames() {
    return frames;
  }

  /** Each selected frame as dissected in its own file's pass (standalone copies). */
  public List<Dissection> dissections() {
    return dissections;
  }

  /** The capture files read, by name. */
  public List<String> files() {
    return files;
  }

  /** Index in {@link #files()} of the file frame {@code i} came from. */
  public int fileOf(int i) {
    return fileOf.get(i);
  }

  /** The capture files a source names, in a stable order. */
  static List<Path> captures(String source) {
    Path root = root();
    switch (source) {
      case "samples":
        return capturesIn(root.resolve("samples"));
      case "corpus": {
        Path corpus = root.resolve("../shared/corpus").normalize();
        Path list = root.resolve("../shared/bench/big_mix_files.txt").normalize();
        if (!Files.isRegularFile(list)) {
          throw new IllegalStateException("source corpus needs " + list);
        }
        List<Path> out = new ArrayList<>();
        try {
          for (String name : Files.readAllLines(list)) {
            if (!name.isBlank()) {
              out.add(corpus.resolve(name.trim()));
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return out;
      }
      default: {
        Path p = Path.of(source);
        return Files.isDirectory(p) ? capturesIn(p) : List.of(p);
      }
    }
  }

  private static List<Path> capturesIn(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().matches(".*\\.(pcap|pcapng)(\\.gz)?"))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The repository's root directory. */
  static Path root() {
    String prop = System.getProperty("netsift.root");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop).toAbsolutePath().normalize();
    }
    List<Path> starts = new ArrayList<>();
    starts.add(Path.of("").toAbsolutePath());
    try {
      starts.add(Path.of(Workload.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    } catch (Exception e) {
      // No code source (unusual class loader): the working directory must do.
    }
    for (Path start : starts) {
      for (Path p = start; p != null; p = p.getParent()) {
        if (Files.isDirectory(p.resolve("samples")) && Files.isRegularFile(p.resolve("pom.xml"))) {
          return p;
        }
      }
    }
    throw new IllegalStateException("cannot find the netsift repository from " + starts
        + ": run from inside it or pass -Dnetsift.root=DIR (as a JMH -jvmArgs option)");
  }
}

package io.netsift.cli.live;

import io.netsift.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs {@code netsift} in-process with captured standard streams, or as its own JVM (for
 * signals, capabilities and system properties); and sends the test's own datagrams to
 * 127.0.0.1 while a capture runs.
 */
final class LiveCli {
  static final InetAddress LOCALHOST = InetAddress.getLoopbackAddress();

  final int exit;
  final String out;
  final String err;

  private LiveCli(int exit, String out, String err) {
    this.exit = exit;
    this.out = out;
    this.err = err;
  }

  static synchronized LiveCli run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      var cl = Main.commandLine();
      cl.setOut(new PrintWriter(System.out, true));
      cl.setErr(new PrintWriter(System.err, true));
      int code = cl.execute(args);
      System.out.flush();
      return new LiveCli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  /** The command line of a separate JVM running netsift with this test's classpath. */
  static List<String> forked(List<String> jvmOptions, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(args));
    return cmd;
  }

  List<String> lines() {
    return out.isEmpty() ? List.of() : List.of(out.split("\n"));
  }

  /** A free UDP port on 127.0.0.1. */
  static int freeUdpPort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(0, LOCALHOST)) {
      return s.getLocalPort();
    }
  }

  /**
   * Sends datagrams to the ports in turn, one every {@code gapMillis}, until closed: the
   * in-process capture cannot say when it is ready, so traffic keeps coming until it has its
   * packets.
   */
  static final class Sender implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    Sender(int gapMillis, String payload, int... ports) {
      thread = new Thread(() -> {
        byte[] b = payload.getBytes(StandardCharsets.US_ASCII);
        try (DatagramSocket s = new DatagramSocket(0, LOCALHOST)) {
          for (long i = 0; running.get(); i++) {
            s.send(new DatagramPacket(b, b.length, LOCALHOST, ports[(int) (i % ports.length)]));
            Thread.sleep(gapMillis);
          }
        } catch (IOException | InterruptedException e) {
          // test over
        }
      }, "lo-sender");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      thread.join(2000);
    }
  }

  /** Why live capture on lo cannot run here, or empty. */
  static Optional<String> whyNoCapture() {
    try {
      io.netsift.live.LiveSource.builder("lo").open().close();
      return Optional.empty();
    } catch (io.netsift.live.LiveCaptureException e) {
      if (e.kind() == io.netsift.live.LiveCaptureException.Kind.PERMISSION
          || e.kind() == io.netsift.live.LiveCaptureException.Kind.LIBPCAP_MISSING) {
        return Optional.of(e.getMessage());
      }
      throw e;
    }
  }

  /** A program on the PATH, when installed. */
  static Optional<String> program(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      java.io.File f = new java.io.File(dir, name);
      if (f.canExecute()) {
        return Optional.of(f.getPath());
      }
    }
    return Optional.empty();
  }

  /** Runs a program to completion and returns its standard output (standard error discarded). */
  static String runProgram(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }
}

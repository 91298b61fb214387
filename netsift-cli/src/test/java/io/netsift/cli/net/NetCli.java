package io.netsift.cli.net;

import io.netsift.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * Runs {@code netsift} in-process the way {@link Main#main} does, with its own output and error
 * writers, so several runs (an echo server and its client) can go at once.
 */
final class NetCli {
  final int exit;
  final String out;
  final String err;

  private NetCli(int exit, String out, String err) {
    this.exit = exit;
    this.out = out;
    this.err = err;
  }

  static NetCli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    return run(out, err, args);
  }

  /** Runs with caller-owned writers (StringWriter is synchronized, so another thread may read it meanwhile). */
  static NetCli run(StringWriter out, StringWriter err, String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new NetCli(code, out.toString(), err.toString());
  }

  /** Runs capturing System.out's raw bytes too (for commands that write bytes, like rfc). */
  static synchronized byte[] stdoutBytes(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      NetCli r = run(args);
      if (r.exit != 0) {
        throw new AssertionError("exit " + r.exit + ": " + r.err);
      }
      return bytes.toByteArray();
    } finally {
      System.setOut(old);
    }
  }

  @Override
  public String toString() {
    return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
  }
}

package io.netsift.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Runs the netsift command in-process with captured standard streams, for tests. */
final class Cli {
  final int exit;
  final String out;
  final String err;
  final byte[] outBytes;

  private Cli(int exit, byte[] out, String err) {
    this.exit = exit;
    this.outBytes = out;
    this.out = new String(out, StandardCharsets.UTF_8);
    this.err = err;
  }

  static Cli run(String... args) {
    return runWithInput(new byte[0], args);
  }

  static synchronized Cli runWithInput(byte[] stdin, String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    InputStream oldIn = System.in;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      System.setIn(new ByteArrayInputStream(stdin));
      var cl = Main.commandLine();
      cl.setOut(new java.io.PrintWriter(System.out, true));
      cl.setErr(new java.io.PrintWriter(System.err, true));
      int code = cl.execute(args);
      System.out.flush();
      return new Cli(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
      System.setIn(oldIn);
    }
  }

  /** A file of the repository (samples/...). */
  static Path repo(String relative) {
    String root = System.getProperty("netsift.root", "..");
    return Path.of(root).resolve(relative).toAbsolutePath().normalize();
  }

  String[] lines() {
    return out.isEmpty() ? new String[0] : out.split("\n", -1).length > 0 && out.endsWith("\n")
        ? out.substring(0, out.length() - 1).split("\n", -1) : out.split("\n", -1);
  }
}

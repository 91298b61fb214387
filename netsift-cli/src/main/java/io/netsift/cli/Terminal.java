package io.netsift.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether standard output or standard error is a terminal: decides the progress line and --color. */
final class Terminal {
  private Terminal() {}

  /**
   * Whether file descriptor {@code fd} (1 or 2) is a terminal: on Linux what /proc says it
   * points at (cheap, no native call, and independent of the other descriptors); elsewhere
   * whether the JVM has a console (standard input and output terminals).
   */
  static boolean is(int fd) {
    Path link = Path.of("/proc/self/fd/" + fd);
    try {
      String target = Files.readSymbolicLink(link).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
    } catch (IOException | UnsupportedOperationException e) {
      return System.console() != null;
    }
  }
}

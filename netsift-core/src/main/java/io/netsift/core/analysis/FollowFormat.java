package io.netsift.core.analysis;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Base64;
import java.util.Locale;

/**
 * Prints a {@link FollowedStream} as {@code tshark -q -z follow,...} does: a separator line,
 * {@code Follow:}, {@code Filter:} and the two {@code Node} lines, then every chunk in stream
 * order (the server's indented by a tab), then the separator again; YAML has a document of its
 * own. Chunks are numbered from 1 across both directions; a range prints only some of them
 * (hex offsets still count the skipped bytes).
 */
public final class FollowFormat {
  /** tshark's display modes for a followed stream. */
  public enum Mode {
    /** Each chunk's length, then its bytes with non-printing bytes as dots. */
    ASCII("ascii"),
    /** A hex dump per chunk, offsets counted per direction. */
    HEX("hex"),
    /** One line of hex digits per chunk. */
    RAW("raw"),
    /** A YAML document: the peers, then each chunk's packet, peer, time and base64 bytes. */
    YAML("yaml");

    private final String spelling;

    Mode(String spelling) {
      this.spelling = spelling;
    }

    /** tshark's name of the mode. */
    public String spelling() {
      return spelling;
    }

    /** The mode tshark calls {@code name}, or null. */
    public static Mode of(String name) {
      for (Mode m : values()) {
        if (m.spelling.equals(name)) {
          return m;
        }
      }
      return null;
    }
  }

  private static final String SEPARATOR = "===================================================================\n";
  /** tshark's YAML wraps base64 after 57 bytes of input (76 characters, as in RFC 2045). */
  private static final int BASE64_LINE = 57;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private FollowFormat() {}

  /** The whole report. */
  public static String format(FollowedStream s, Mode mode) {
    StringBuilder sb = new StringBuilder();
    append(s, mode, 0, Integer.MAX_VALUE, sb);
    return sb.toString();
  }

  /** Appends the report, printing only chunks {@code chunkMin..chunkMax} (1-based; 0 = from the first). */
  public static void append(FollowedStream s, Mode mode, int chunkMin, int chunkMax, StringBuilder out) {
    FollowedStream.Node client = s.client();
    FollowedStream.Node server = s.server();
    if (mode == Mode.YAML) {
      out.append("peers:\n");
      out.append("  - peer: 0\n");
      out.append("    host: ").append(client.address()).append('\n');
      out.append("    port: ").append(client.port()).append('\n');
      out.append("  - peer: 1\n");
      out.append("    host: ").append(server.address()).append('\n');
      out.append("    port: ").append(server.port()).append('\n');
      out.append("packets:\n");
    } else {
      out.append('\n').append(SEPARATOR);
      out.append("Follow: ").append(s.protocol()).append(',').append(mode.spelling()).append('\n');
      out.append("Filter: ").append(s.filter()).append('\n');
      out.append("Node 0: ").append(client).append('\n');
      out.append("Node 1: ").append(server).append('\n');
    }
    long[] position = new long[2];
    int number = 0;
    for (FollowedStream.Chunk c : s.chunks()) {
      number++;
      boolean server1 = c.peer() == FollowedStream.SERVER;
      byte[] data = c.raw();
      if (number < chunkMin || number > chunkMax) {
        position[c.peer()] += data.length;
        continue;
      }
      String indent = server1 ? "\t" : "";
      switch (mode) {
        case ASCII:
          out.append(indent).append(data.length).append('\n');
          for (byte v : data) {
            int b = v & 0xff;
            out.append(b == '\r' || b == '\n' || b >= 0x20 && b < 0x7f ? (char) b : '.');
          }
          out.append('\n');
          break;
        case HEX:
          hex(out, indent, position[c.peer()], data);
          position[c.peer()] += data.length;
          break;
        case RAW:
          out.append(indent);
          for (byte v : data) {
            out.append(HEX[(v >> 4) & 0xf]).append(HEX[v & 0xf]);
          }
          out.append('\n');
          break;
        default:
          out.append("  - packet: ").append(c.frame()).append('\n');
          out.append("    peer: ").append(c.peer()).append('\n');
          out.append("    timestamp: ").append(seconds(c.timestampNanos())).append('\n');
          out.append("    data: !!binary |\n");
          Base64.Encoder enc = Base64.getEncoder();
          for (int i = 0; i < data.length; i += BASE64_LINE) {
            int n = Math.min(BASE64_LINE, data.length - i);
            out.append("      ").append(enc.encodeToString(java.util.Arrays.copyOfRange(data, i, i + n))).append('\n');
          }
          break;
      }
    }
    if (mode != Mode.YAML) {
      out.append(SEPARATOR);
    }
  }

  /**
   * The time as tshark's YAML prints it: seconds as a C double with nine decimals (so the last
   * digits are the double's, not the capture's).
   */
  static String seconds(long nanos) {
    long secs = Math.floorDiv(nanos, 1_000_000_000L);
    long ns = Math.floorMod(nanos, 1_000_000_000L);
    double value = (double) secs + (double) ns / 1_000_000_000.0;
    return new BigDecimal(value).setScale(9, RoundingMode.HALF_EVEN).toPlainString();
  }

  /**
   * One chunk as hex lines: an 8-digit offset (upper case, counted per direction from the
   * stream's start), 16 bytes in two groups of 8, and their printable characters.
   */
  private static void hex(StringBuilder out, String indent, long offset, byte[] data) {
    char[] line = new char[80];
    for (int i = 0; i < data.length; i += 16) {
      java.util.Arrays.fill(line, ' ');
      String off = String.format(Locale.ROOT, "%08X", offset + i);
      off.getChars(0, 8, line, 0);
      int n = Math.min(16, data.length - i);
      int end = 60;
      for (int k = 0; k < n; k++) {
        int b = data[i + k] & 0xff;
        int h = 10 + 3 * k + (k >= 8 ? 1 : 0);
        line[h] = HEX[b >> 4];
        line[h + 1] = HEX[b & 0xf];
        int a = 60 + k + (k >= 8 ? 1 : 0);
        line[a] = b >= 0x20 && b < 0x7f ? (char) b : '.';
        end = a + 1;
      }
      if (n == 8) {
        end++; // the gap after the eighth character is there even when the line ends
      }
      if (line[end - 1] == ' ') {
        end--; // and tshark 4.0 drops one trailing blank
      }
      out.append(indent).append(line, 0, end).append('\n');
    }
  }
}

package io.netsift.core.output;

import io.netsift.core.dissect.Dissection;

/** {@code tshark -x} (4.0): offset, 16 hex bytes separated by single spaces, and the ASCII column. */
public final class HexDump {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private HexDump() {}

  /**
   * Appends the dump of the frame's bytes followed by a blank line; when the frame carries
   * reassembled data, each data source gets a "Name (N bytes):" heading, as in tshark.
   */
  public static void append(Dissection d, StringBuilder sb) {
    if (d.sourceCount() > 0) {
      sb.append("Frame (").append(d.capturedLength()).append(" bytes):\n");
    }
    append(d.data(), d.frameStart(), d.capturedLength(), sb);
    for (int k = 0; k < d.sourceCount(); k++) {
      sb.append(d.sourceName(k)).append(" (").append(d.sourceLength(k)).append(" bytes):\n");
      append(d.data(), d.sourceStart(k), d.sourceLength(k), sb);
    }
    sb.append('\n');
  }

  public static void append(byte[] b, int from, int len, StringBuilder sb) {
    for (int row = 0; row < len; row += 16) {
      String off = Integer.toHexString(row);
      for (int i = off.length(); i < 4; i++) {
        sb.append('0');
      }
      sb.append(off).append("  ");
      int n = Math.min(16, len - row);
      for (int i = 0; i < 16; i++) {
        if (i < n) {
          int x = b[from + row + i] & 0xff;
          sb.append(HEX[x >> 4]).append(HEX[x & 15]).append(' ');
        } else {
          sb.append("   ");
        }
      }
      sb.append("  ");
      for (int i = 0; i < n; i++) {
        int x = b[from + row + i] & 0xff;
        sb.append(x >= 0x20 && x < 0x7f ? (char) x : '.');
      }
      sb.append('\n');
    }
  }
}

package io.netsift.core.output;

import io.netsift.core.dissect.Dissection;

/** {@code tshark -x}: offset, 16 hex bytes in two groups of eight, and the ASCII column. */
public final class HexDump {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private HexDump() {}

  /** Appends the dump of the frame's bytes followed by a blank line. */
  public static void append(Dissection d, StringBuilder sb) {
    append(d.data(), d.frameStart(), d.capturedLength(), sb);
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
        if (i == 7) {
          sb.append(' ');
        }
      }
      sb.append(' ');
      for (int i = 0; i < n; i++) {
        int x = b[from + row + i] & 0xff;
        sb.append(x >= 0x20 && x < 0x7f ? (char) x : '.');
      }
      sb.append('\n');
    }
  }
}

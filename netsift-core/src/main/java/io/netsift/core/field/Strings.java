package io.netsift.core.field;

/** String values from packet bytes, escaped the way Wireshark's format_text does. */
public final class Strings {
  private Strings() {}

  /** Bytes as text: printable ASCII kept, C escapes for controls, \xhh for the rest. */
  public static String printable(byte[] b, int off, int len) {
    StringBuilder sb = new StringBuilder(len);
    for (int i = off; i < off + len; i++) {
      int c = b[i] & 0xff;
      if (c >= 0x20 && c < 0x7f) {
        sb.append((char) c);
        continue;
      }
      switch (c) {
        case '\n': sb.append("\\n"); break;
        case '\r': sb.append("\\r"); break;
        case '\t': sb.append("\\t"); break;
        case 0x07: sb.append("\\a"); break;
        case 0x08: sb.append("\\b"); break;
        case 0x0b: sb.append("\\v"); break;
        case 0x0c: sb.append("\\f"); break;
        default:
          sb.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
      }
    }
    return sb.toString();
  }

  /**
   * An ASCII string as tshark shows its value: it ends at the first NUL, bytes above 0x7f are
   * U+FFFD and control bytes are escaped as {@link #printable} does.
   */
  public static String ascii(byte[] b, int off, int len) {
    StringBuilder sb = new StringBuilder(len);
    for (int i = off; i < off + len; i++) {
      int c = b[i] & 0xff;
      if (c == 0) {
        break;
      }
      if (c >= 0x80) {
        sb.append('\uFFFD');
      } else if (c < 0x20 || c == 0x7f) {
        sb.append(printable(b, i, 1));
      } else {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }
}

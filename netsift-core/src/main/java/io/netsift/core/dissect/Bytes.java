package io.netsift.core.dissect;

/** Absolute-index integer reads from byte arrays, for first-pass dissectors after their length check. */
public final class Bytes {
  private Bytes() {}

  public static int u8(byte[] b, int p) {
    return b[p] & 0xff;
  }

  public static int u16(byte[] b, int p) {
    return (b[p] & 0xff) << 8 | (b[p + 1] & 0xff);
  }

  public static int u16le(byte[] b, int p) {
    return (b[p + 1] & 0xff) << 8 | (b[p] & 0xff);
  }

  public static long u32(byte[] b, int p) {
    return ((long) (b[p] & 0xff) << 24) | (b[p + 1] & 0xff) << 16 | (b[p + 2] & 0xff) << 8 | (b[p + 3] & 0xff);
  }

  public static long u32le(byte[] b, int p) {
    return ((long) (b[p + 3] & 0xff) << 24) | (b[p + 2] & 0xff) << 16 | (b[p + 1] & 0xff) << 8 | (b[p] & 0xff);
  }

  public static long u64le(byte[] b, int p) {
    return u32le(b, p + 4) << 32 | u32le(b, p);
  }

  /** Whether {@code b[at..end)} begins with {@code prefix} (false when {@code at} is negative or too few bytes remain). */
  public static boolean startsWith(byte[] b, int at, int end, byte[] prefix) {
    if (at < 0 || end - at < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}

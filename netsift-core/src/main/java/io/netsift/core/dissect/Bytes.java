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
}

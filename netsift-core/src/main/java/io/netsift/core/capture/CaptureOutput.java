package io.netsift.core.capture;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A large write buffer for the capture writers: headers are assembled in place with
 * little-endian puts, and frame bytes bigger than the buffer go straight to the stream.
 */
final class CaptureOutput implements Closeable, Flushable {
  private static final int BUFFER = 1 << 20;
  private static final VarHandle INT_LE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle SHORT_LE =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

  private final OutputStream out;
  private final byte[] buf = new byte[BUFFER];
  private int len;

  CaptureOutput(OutputStream out) {
    this.out = out;
  }

  /** Makes room for {@code n} bytes of header (n must be well below the buffer size). */
  void reserve(int n) throws IOException {
    if (BUFFER - len < n) {
      drain();
    }
  }

  void putInt(int v) {
    INT_LE.set(buf, len, v);
    len += 4;
  }

  void putShort(int v) {
    SHORT_LE.set(buf, len, (short) v);
    len += 2;
  }

  void putLong(long v) {
    putInt((int) v);
    putInt((int) (v >>> 32));
  }

  /** Writes bytes, then zeros up to the next multiple of 4 if {@code pad}. */
  void put(byte[] b, int off, int n, boolean pad) throws IOException {
    int zeros = pad ? -n & 3 : 0;
    if (n > BUFFER - len) {
      drain();
    }
    if (n > BUFFER) {
      out.write(b, off, n);
    } else {
      System.arraycopy(b, off, buf, len, n);
      len += n;
    }
    reserve(zeros);
    for (int i = 0; i < zeros; i++) {
      buf[len++] = 0;
    }
  }

  private void drain() throws IOException {
    out.write(buf, 0, len);
    len = 0;
  }

  @Override
  public void flush() throws IOException {
    drain();
    out.flush();
  }

  @Override
  public void close() throws IOException {
    try {
      drain();
    } finally {
      out.close();
    }
  }
}

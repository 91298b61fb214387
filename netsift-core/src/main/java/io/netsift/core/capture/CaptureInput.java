package io.netsift.core.capture;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;
import java.util.zip.ZipException;

/**
 * A large reusable read buffer over a channel or stream, from which readers take records as
 * views ({@code buffer()[pos() ...]}) instead of copying them.
 *
 * <p>Records are read whole: {@link #ensure(int)} compacts the unread tail to the front and
 * refills. The array starts small for streams and doubles at each compaction up to
 * {@link #DEFAULT_BUFFER}; beyond that it grows only for a record larger than itself. Growth
 * doubles at most and only after the current array is full of real bytes, so a header that
 * claims a huge length can never make us allocate much more than the input actually holds.
 */
final class CaptureInput implements Closeable {
  /** Steady-state read size: large reads are what make reading fast. */
  static final int DEFAULT_BUFFER = 1 << 20;
  /** First buffer for streams, whose length is unknown; it grows as they prove long. */
  static final int STREAM_BUFFER = 64 << 10;

  private static final VarHandle INT_LE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle SHORT_LE =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

  private final ReadableByteChannel channel;
  private final InputStream stream;
  /** True when {@link #stream} inflates gzip, whose errors mean damaged data, not I/O. */
  private final boolean compressed;
  private byte[] buf;
  private int pos;
  private int limit;
  /** Stream offset of {@code buf[0]}. */
  private long base;
  private boolean eof;

  CaptureInput(ReadableByteChannel channel, int bufferSize) {
    this(channel, null, false, bufferSize);
  }

  CaptureInput(InputStream stream, boolean compressed, int bufferSize) {
    this(null, stream, compressed, bufferSize);
  }

  private CaptureInput(ReadableByteChannel channel, InputStream stream, boolean compressed,
      int bufferSize) {
    this.channel = channel;
    this.stream = stream;
    this.compressed = compressed;
    this.buf = new byte[bufferSize];
  }

  byte[] buffer() {
    return buf;
  }

  int pos() {
    return pos;
  }

  /** Bytes buffered and not yet consumed. */
  int available() {
    return limit - pos;
  }

  /** Stream offset of the next unread byte. */
  long position() {
    return base + pos;
  }

  void advance(int n) {
    pos += n;
  }

  /**
   * Declares that the next unread byte sits at {@code position} of the file: a split reader
   * reads the file's header from a copy and then continues from a stream opened mid-file.
   */
  void rebase(long position) {
    base = position - pos;
  }

  /**
   * Makes at least {@code n} unread bytes available at {@link #pos()} (the array and
   * position may change). Returns false if the input ends first; {@link #available()} then
   * says how many bytes remain.
   */
  boolean ensure(int n) throws IOException {
    return limit - pos >= n || fill(n);
  }

  private boolean fill(int n) throws IOException {
    while (limit - pos < n) {
      if (eof) {
        return false;
      }
      if (buf.length - pos < n && pos > 0) {
        compact();
      }
      if (limit == buf.length) {
        buf = Arrays.copyOf(buf, (int) Math.min(n, 2L * buf.length));
      }
      int r = read(buf, limit, buf.length - limit);
      if (r < 0) {
        eof = true;
      } else {
        limit += r;
      }
    }
    return true;
  }

  private void compact() {
    // A stream that outlived its first small buffer is long: move to the full size, so that
    // opening many small captures stays cheap and big ones still read in large chunks.
    byte[] to = buf.length < DEFAULT_BUFFER ? new byte[Math.min(DEFAULT_BUFFER, 2 * buf.length)]
        : buf;
    System.arraycopy(buf, pos, to, 0, limit - pos);
    buf = to;
    base += pos;
    limit -= pos;
    pos = 0;
  }

  private int read(byte[] b, int off, int len) throws IOException {
    try {
      return channel != null ? channel.read(ByteBuffer.wrap(b, off, len))
          : stream.read(b, off, len);
    } catch (ZipException | EOFException e) {
      if (!compressed) {
        throw e;
      }
      // The inflater fails only on bad or cut-short gzip data: a file problem, so say where.
      throw new CaptureFormatException(-1, "gzip data is damaged after " + (base + limit)
          + " decompressed bytes: " + e.getMessage());
    }
  }

  /**
   * Skips {@code n} bytes without buffering them (for blocks we do not parse).
   *
   * @return the number of bytes actually skipped, less than {@code n} only at end of input
   */
  long skip(long n) throws IOException {
    long done = 0;
    while (done < n) {
      if (limit == pos) {
        base += pos;
        pos = 0;
        limit = 0;
        if (eof) {
          break;
        }
        int r = read(buf, 0, buf.length);
        if (r < 0) {
          eof = true;
          break;
        }
        limit = r;
      }
      int step = (int) Math.min(n - done, limit - pos);
      pos += step;
      done += step;
    }
    return done;
  }

  /** The unread bytes followed by the rest of the source, for wrapping in a decompressor. */
  InputStream remainingAsStream() {
    InputStream rest = channel != null ? Channels.newInputStream(channel) : stream;
    return new SequenceInputStream(new ByteArrayInputStream(buf, pos, limit - pos), rest);
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      channel.close();
    } else {
      stream.close();
    }
  }

  /** 32-bit int at {@code b[i]}, little-endian unless {@code bigEndian}. */
  static int int32(byte[] b, int i, boolean bigEndian) {
    int v = (int) INT_LE.get(b, i);
    return bigEndian ? Integer.reverseBytes(v) : v;
  }

  /** Unsigned 16-bit value at {@code b[i]}, little-endian unless {@code bigEndian}. */
  static int uint16(byte[] b, int i, boolean bigEndian) {
    short v = (short) SHORT_LE.get(b, i);
    return (bigEndian ? Short.reverseBytes(v) : v) & 0xffff;
  }

  /** Unsigned 32-bit value at {@code b[i]} as a long. */
  static long uint32(byte[] b, int i, boolean bigEndian) {
    return int32(b, i, bigEndian) & 0xffffffffL;
  }
}

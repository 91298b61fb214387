package io.netsift.core.capture;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A regular file read through memory-mapped windows: each read copies straight from the page
 * cache into the reader's array, one copy instead of a read(2) into a native buffer and a
 * second copy onto the heap. A window ({@link #WINDOW} bytes) is unmapped as soon as the read
 * moves past it, so the resident set holds at most one window of the file's pages besides the
 * reader's own buffer. A file that grows while it is read is followed; one that shrinks ends
 * the read with an error (the size is checked before each copy; a file cut in the instant of
 * a copy still faults, which the JVM reports as an {@link InternalError}).
 */
public final class MappedInput extends InputStream {
  /** Bytes mapped at a time. */
  static final int WINDOW = 16 << 20;
  private static final Method INVOKE_CLEANER;
  private static final Object UNSAFE;

  static {
    Method m = null;
    Object u = null;
    try {
      // jdk.unsupported's sun.misc.Unsafe.invokeCleaner unmaps a mapped buffer at once; without
      // it the mapping lives until the buffer is garbage collected.
      Class<?> c = Class.forName("sun.misc.Unsafe");
      Field f = c.getDeclaredField("theUnsafe");
      f.setAccessible(true);
      u = f.get(null);
      m = c.getMethod("invokeCleaner", java.nio.ByteBuffer.class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      m = null;
    }
    INVOKE_CLEANER = m;
    UNSAFE = u;
  }

  private final FileChannel channel;
  private final int windowSize;
  private long size;
  private long position;
  private MappedByteBuffer window;
  private long windowStart;

  /** Reads {@code channel} from {@code offset}; closing this stream closes the channel. */
  public MappedInput(FileChannel channel, long offset) throws IOException {
    this(channel, offset, WINDOW);
  }

  MappedInput(FileChannel channel, long offset, int windowSize) throws IOException {
    this.channel = channel;
    this.windowSize = windowSize;
    this.size = channel.size();
    this.position = offset;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    // Asked before every copy (an fstat per megabyte read): a file cut short under the mapping
    // would otherwise fault on the pages past its new end.
    long now = channel.size();
    if (now < size && position + len > now) {
      throw new IOException("the file shrank while it was being read, at byte " + position);
    }
    size = now;
    if (position >= size) {
      return -1;
    }
    if (window == null || position < windowStart || position >= windowStart + window.capacity()) {
      map();
    }
    int at = (int) (position - windowStart);
    int n = Math.min(len, window.capacity() - at);
    try {
      window.get(at, b, off, n);
    } catch (InternalError e) {
      // The file was cut short under the mapping (SIGBUS on a page past its new end).
      throw new IOException("the file shrank while it was being read, at byte " + position, e);
    }
    position += n;
    return n;
  }

  private void map() throws IOException {
    unmap();
    windowStart = position;
    long n = Math.min(windowSize, size - position);
    window = channel.map(FileChannel.MapMode.READ_ONLY, windowStart, n);
  }

  private void unmap() {
    MappedByteBuffer w = window;
    window = null;
    if (w != null && INVOKE_CLEANER != null) {
      try {
        INVOKE_CLEANER.invoke(UNSAFE, w);
      } catch (ReflectiveOperationException | RuntimeException e) {
        // Left to the garbage collector.
      }
    }
  }

  @Override
  public long skip(long n) throws IOException {
    if (n <= 0) {
      return 0;
    }
    long to = Math.min(position + n, Math.max(size, channel.size()));
    long done = to - position;
    position = to;
    return done;
  }

  @Override
  public int available() {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(0, size - position));
  }

  @Override
  public void close() throws IOException {
    unmap();
    channel.close();
  }
}

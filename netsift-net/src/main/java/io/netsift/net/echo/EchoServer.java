package io.netsift.net.echo;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The echo service of RFC 862, over TCP or UDP, on one thread.
 *
 * <p>TCP: one selector serves every connection, so thousands of clients cost no threads. The
 * server echoes whole lines: bytes are held until a newline arrives (or 64 KiB pile up, or the
 * client half-closes) and then written back, so a client that sends lines gets lines. A client
 * that stops reading stops being read (its pending output is capped), so one slow client
 * cannot exhaust memory. UDP: each datagram goes back to its sender unchanged.
 */
public final class EchoServer implements Closeable {
  /** Bytes held while waiting for a newline. */
  static final int LINE_LIMIT = 64 * 1024;
  /** Pending output per connection above which we stop reading from it. */
  static final int OUTPUT_LIMIT = 1024 * 1024;

  private final Selector selector;
  private final java.nio.channels.Channel channel;
  private final InetSocketAddress local;
  private final Thread thread;
  private final AtomicLong connections = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private volatile boolean closed;

  private EchoServer(Selector selector, java.nio.channels.Channel channel, InetSocketAddress local, boolean tcp) {
    this.selector = selector;
    this.channel = channel;
    this.local = local;
    this.thread = new Thread(tcp ? this::tcpLoop : this::udpLoop, "echo-" + (tcp ? "tcp" : "udp") + "-" + local.getPort());
    this.thread.setDaemon(true);
  }

  /** Listens on {@code bind} (port 0 picks a free port) and starts serving TCP. */
  public static EchoServer startTcp(InetSocketAddress bind) throws IOException {
    ServerSocketChannel ss = ServerSocketChannel.open();
    try {
      ss.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      ss.bind(bind, 1024);
      ss.configureBlocking(false);
      Selector sel = Selector.open();
      ss.register(sel, SelectionKey.OP_ACCEPT);
      EchoServer s = new EchoServer(sel, ss, (InetSocketAddress) ss.getLocalAddress(), true);
      s.thread.start();
      return s;
    } catch (IOException | RuntimeException e) {
      ss.close();
      throw e;
    }
  }

  /** Binds {@code bind} and starts echoing UDP datagrams. */
  public static EchoServer startUdp(InetSocketAddress bind) throws IOException {
    DatagramChannel ch = DatagramChannel.open();
    try {
      ch.bind(bind);
      ch.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
      EchoServer s = new EchoServer(null, ch, (InetSocketAddress) ch.getLocalAddress(), false);
      s.thread.start();
      return s;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** Where the server listens. */
  public InetSocketAddress localAddress() {
    return local;
  }

  /** TCP connections accepted, or UDP datagrams received. */
  public long connections() {
    return connections.get();
  }

  /** Bytes echoed back. */
  public long bytesEchoed() {
    return bytes.get();
  }

  /** Blocks until the server stops (after {@link #close()}, or the interrupting of the caller). */
  public void await() throws InterruptedException {
    thread.join();
  }

  @Override
  public void close() throws IOException {
    closed = true;
    channel.close();
    if (selector != null) {
      selector.wakeup();
    }
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void udpLoop() {
    DatagramChannel ch = (DatagramChannel) channel;
    ByteBuffer buf = ByteBuffer.allocate(65536);
    while (!closed) {
      try {
        buf.clear();
        SocketAddress from = ch.receive(buf);
        connections.incrementAndGet();
        buf.flip();
        bytes.addAndGet(ch.send(buf, from));
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        // One bad peer (e.g. ICMP unreachable) must not stop the service.
      }
    }
  }

  /** Per-connection state. */
  private static final class Conn {
    final ByteBuffer in = ByteBuffer.allocate(LINE_LIMIT);
    final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
    int pending;
    boolean inputDone;
  }

  private void tcpLoop() {
    try {
      while (!closed) {
        selector.select();
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
          SelectionKey k = it.next();
          it.remove();
          try {
            if (!k.isValid()) {
              continue;
            }
            if (k.isAcceptable()) {
              accept();
            } else {
              if (k.isReadable()) {
                read(k);
              }
              if (k.isValid() && k.isWritable()) {
                write(k);
              }
            }
          } catch (IOException e) {
            closeKey(k);
          }
        }
      }
    } catch (IOException | java.nio.channels.ClosedSelectorException e) {
      // closing
    } finally {
      for (SelectionKey k : selectorKeys()) {
        closeKey(k);
      }
      try {
        selector.close();
      } catch (IOException ignored) {
        // nothing left to do
      }
    }
  }

  private java.util.Set<SelectionKey> selectorKeys() {
    try {
      return new java.util.HashSet<>(selector.keys());
    } catch (java.nio.channels.ClosedSelectorException e) {
      return java.util.Set.of();
    }
  }

  private void accept() throws IOException {
    SocketChannel c;
    while ((c = ((ServerSocketChannel) channel).accept()) != null) {
      c.configureBlocking(false);
      c.setOption(StandardSocketOptions.TCP_NODELAY, true);
      c.register(selector, SelectionKey.OP_READ, new Conn());
      connections.incrementAndGet();
    }
  }

  private void read(SelectionKey k) throws IOException {
    Conn c = (Conn) k.attachment();
    SocketChannel ch = (SocketChannel) k.channel();
    int n = ch.read(c.in);
    if (n < 0) {
      c.inputDone = true;
    }
    // Hand complete lines (or a full buffer, or the tail after EOF) to the output queue.
    int end = -1;
    for (int i = c.in.position() - 1; i >= 0; i--) {
      if (c.in.get(i) == '\n') {
        end = i + 1;
        break;
      }
    }
    if (c.inputDone || !c.in.hasRemaining()) {
      end = c.in.position();
    }
    if (end > 0) {
      c.in.flip();
      byte[] chunk = new byte[end];
      c.in.get(chunk);
      c.in.compact();
      c.out.add(ByteBuffer.wrap(chunk));
      c.pending += end;
    }
    write(k);
  }

  private void write(SelectionKey k) throws IOException {
    Conn c = (Conn) k.attachment();
    SocketChannel ch = (SocketChannel) k.channel();
    while (!c.out.isEmpty()) {
      ByteBuffer b = c.out.peek();
      int n = ch.write(b);
      bytes.addAndGet(n);
      c.pending -= n;
      if (b.hasRemaining()) {
        break;
      }
      c.out.poll();
    }
    if (c.out.isEmpty() && c.inputDone) {
      closeKey(k);
      return;
    }
    int ops = 0;
    if (!c.inputDone && c.pending < OUTPUT_LIMIT) {
      ops |= SelectionKey.OP_READ;
    }
    if (!c.out.isEmpty()) {
      ops |= SelectionKey.OP_WRITE;
    }
    k.interestOps(ops);
  }

  private static void closeKey(SelectionKey k) {
    k.cancel();
    try {
      k.channel().close();
    } catch (IOException ignored) {
      // already gone
    }
  }
}

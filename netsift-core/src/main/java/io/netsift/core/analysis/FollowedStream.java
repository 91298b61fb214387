package io.netsift.core.analysis;

import java.io.ByteArrayOutputStream;
import java.util.Collections;
import java.util.List;

/**
 * One conversation followed as tshark's "Follow Stream" shows it: the two endpoints (node 0 is
 * the side that sent the conversation's first packet, node 1 the other), and the payload chunks
 * of both directions in the order they joined the stream. For TCP the chunks are the bytes each
 * segment added in sequence order (retransmitted bytes are not repeated, out-of-order segments
 * join when the gap before them closes); for UDP one chunk per datagram; for HTTP the header
 * block and the decoded body of each message.
 */
public final class FollowedStream {
  /** Node 0 (the client: the first packet's source). */
  public static final int CLIENT = 0;
  /** Node 1 (the server). */
  public static final int SERVER = 1;

  /** One endpoint: an address as tshark prints it (empty when none was seen) and a port. */
  public static final class Node {
    private final String address;
    private final int port;
    private final boolean v6;

    Node(String address, int port, boolean v6) {
      this.address = address;
      this.port = port;
      this.v6 = v6;
    }

    /** The address (dotted quad or RFC 5952 IPv6), or "" when no packet was seen. */
    public String address() {
      return address;
    }

    public int port() {
      return port;
    }

    public boolean isV6() {
      return v6;
    }

    /** {@code 10.0.0.1:80}, {@code [2001:db8::1]:80}, or {@code :0} for a stream never seen. */
    @Override
    public String toString() {
      return (v6 ? "[" + address + "]" : address) + ":" + port;
    }
  }

  /** The bytes one packet added to one direction of the stream. */
  public static final class Chunk {
    private final long frame;
    private final int peer;
    private final long timestampNanos;
    private final byte[] data;

    Chunk(long frame, int peer, long timestampNanos, byte[] data) {
      this.frame = frame;
      this.peer = peer;
      this.timestampNanos = timestampNanos;
      this.data = data;
    }

    /** The frame number (1-based) the bytes came from. */
    public long frame() {
      return frame;
    }

    /** {@link #CLIENT} or {@link #SERVER}: which node sent the bytes. */
    public int peer() {
      return peer;
    }

    /** Capture time in nanoseconds since the epoch (0 for bytes tshark dates nowhere). */
    public long timestampNanos() {
      return timestampNanos;
    }

    public int length() {
      return data.length;
    }

    /** A copy of the bytes. */
    public byte[] data() {
      return data.clone();
    }

    byte[] raw() {
      return data;
    }
  }

  private final String protocol;
  private final String filter;
  private final Node client;
  private final Node server;
  private final List<Chunk> chunks;

  FollowedStream(String protocol, String filter, Node client, Node server, List<Chunk> chunks) {
    this.protocol = protocol;
    this.filter = filter;
    this.client = client;
    this.server = server;
    this.chunks = Collections.unmodifiableList(chunks);
  }

  /** tshark's name of the followed protocol: tcp, udp, http or tls. */
  public String protocol() {
    return protocol;
  }

  /** The display filter that selects the stream ({@code tcp.stream eq 3}). */
  public String filter() {
    return filter;
  }

  public Node client() {
    return client;
  }

  public Node server() {
    return server;
  }

  /** Every chunk of both directions, in stream order. */
  public List<Chunk> chunks() {
    return chunks;
  }

  /** The whole byte stream one node sent ({@link #CLIENT} or {@link #SERVER}). */
  public byte[] bytes(int peer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Chunk c : chunks) {
      if (c.peer == peer) {
        out.write(c.data, 0, c.data.length);
      }
    }
    return out.toByteArray();
  }
}

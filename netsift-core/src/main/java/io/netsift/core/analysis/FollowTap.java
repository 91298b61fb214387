package io.netsift.core.analysis;

import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.proto.Transport;
import io.netsift.core.dissect.proto.http.HttpDissector;
import io.netsift.core.dissect.proto.http.HttpMessage;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * tshark's {@code -z follow,PROTO,MODE,STREAM[,RANGE]}: collects one conversation's payload
 * while the packets go by and prints it after them (see {@link FollowFormat}). The stream is a
 * {@code tcp.stream}/{@code udp.stream} index or two endpoints {@code A:PORT,B:PORT} (IPv6 in
 * brackets); like every tap it sees all packets, whatever the display filter says.
 *
 * <p>TCP follows tshark's rules: bytes join a direction in sequence order; bytes already seen
 * are dropped (a retransmission that carries more keeps only the new part); a segment past a
 * gap waits until the gap closes, or until the other side acknowledges past it, which adds a
 * "[N bytes missing in capture file]" chunk. HTTP gives each message's header block and decoded
 * body; TLS shows decrypted data only, so without keys (netsift has none) it is empty.
 */
public final class FollowTap implements Tap {
  /** The protocols tshark can follow that netsift knows. */
  public enum Protocol { TCP, UDP, HTTP, TLS }

  private final Protocol protocol;
  private final FollowFormat.Mode mode;
  private final long streamIndex;
  private final String[] address = new String[2];
  private final int[] port = new int[2];
  private final boolean v6;
  private final int chunkMin;
  private final int chunkMax;
  private final String filter;

  // What was collected.
  private final List<FollowedStream.Chunk> chunks = new ArrayList<>();
  private String clientAddress;
  private int clientPort;
  private boolean clientV6;
  private String serverAddress;
  private int serverPort;

  // TCP: per direction, the next expected sequence number, bytes taken, and segments waiting.
  private final long[] nextSeq = new long[2];
  private final long[] written = new long[2];
  @SuppressWarnings("unchecked")
  private final List<Pending>[] waiting = new List[] {new ArrayList<Pending>(), new ArrayList<Pending>()};

  /** A TCP segment (or its new part) that arrived before the bytes preceding it. */
  private static final class Pending {
    final long frame;
    final long time;
    final long seq;
    final byte[] data;

    Pending(long frame, long time, long seq, byte[] data) {
      this.frame = frame;
      this.time = time;
      this.seq = seq;
      this.data = data;
    }
  }

  /** Follows stream {@code streamIndex} ({@code tcp.stream}, or {@code udp.stream} for UDP). */
  public FollowTap(Protocol protocol, FollowFormat.Mode mode, long streamIndex) {
    this(protocol, mode, streamIndex, null, 0, null, 0, false, 0, Integer.MAX_VALUE);
  }

  private FollowTap(Protocol protocol, FollowFormat.Mode mode, long streamIndex, String a, int pa, String b,
      int pb, boolean v6, int chunkMin, int chunkMax) {
    this.protocol = protocol;
    this.mode = mode;
    this.streamIndex = streamIndex;
    this.address[0] = a;
    this.port[0] = pa;
    this.address[1] = b;
    this.port[1] = pb;
    this.v6 = v6;
    this.chunkMin = chunkMin;
    this.chunkMax = chunkMax;
    if (a == null) {
      this.filter = (protocol == Protocol.UDP ? "udp" : "tcp") + ".stream eq " + streamIndex;
    } else {
      String ip = v6 ? "ipv6" : "ip";
      String t = protocol == Protocol.UDP ? "udp" : "tcp";
      this.filter = "((" + ip + ".src eq " + a + " and " + t + ".srcport eq " + pa + ") and (" + ip + ".dst eq " + b
          + " and " + t + ".dstport eq " + pb + ")) or ((" + ip + ".src eq " + b + " and " + t + ".srcport eq " + pb
          + ") and (" + ip + ".dst eq " + a + " and " + t + ".dstport eq " + pa + "))";
    }
  }

  /**
   * Parses the part of a {@code -z} argument after {@code follow,}: {@code tcp,ascii,3},
   * {@code udp,hex,10.0.0.1:53,10.0.0.2:5353}, {@code tcp,raw,[::1]:80,[::1]:4242,2-3}.
   *
   * @throws IllegalArgumentException with tshark's complaint ("follow - Invalid display mode.")
   */
  public static FollowTap parse(String args) {
    String[] head = args.split(",", 3);
    Protocol protocol;
    try {
      protocol = Protocol.valueOf(head[0].toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid -z argument \"follow," + args
          + "\": netsift follows tcp, udp, http and tls");
    }
    if (head.length < 2) {
      throw new IllegalArgumentException("follow - Invalid display mode.");
    }
    FollowFormat.Mode mode = FollowFormat.Mode.of(head[1]);
    if (mode == null) {
      throw new IllegalArgumentException("follow - Invalid display mode.");
    }
    if (head.length < 3 || head[2].isEmpty()) {
      throw new IllegalArgumentException("follow - Invalid address.");
    }
    String rest = head[2];
    String[] parts = rest.split(",", -1);
    int used;
    long index = -1;
    String[] addr = new String[2];
    int[] ports = new int[2];
    boolean v6 = false;
    if (parts[0].matches("[0-9]{1,10}")) {
      index = Long.parseLong(parts[0]);
      used = 1;
    } else {
      if (parts.length < 2) {
        throw new IllegalArgumentException("follow - Invalid address.");
      }
      boolean[] isV6 = new boolean[2];
      for (int k = 0; k < 2; k++) {
        String p = parts[k];
        int colon = p.lastIndexOf(':');
        if (colon <= 0 || !p.substring(colon + 1).matches("[0-9]{1,5}")) {
          throw new IllegalArgumentException("follow - Invalid address.");
        }
        String host = p.substring(0, colon);
        ports[k] = Integer.parseInt(p.substring(colon + 1));
        if (ports[k] > 65535) {
          throw new IllegalArgumentException("follow - Invalid address.");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
          addr[k] = ipv6(host.substring(1, host.length() - 1));
          isV6[k] = true;
        } else {
          addr[k] = ipv4(host);
        }
      }
      if (isV6[0] != isV6[1]) {
        throw new IllegalArgumentException("follow - Invalid address.");
      }
      v6 = isV6[0];
      used = 2;
    }
    int min = 0;
    int max = Integer.MAX_VALUE;
    if (parts.length > used) {
      String range = parts[used];
      if (parts.length > used + 1 || !range.matches("[0-9]{1,9}(-[0-9]{1,9})?")) {
        throw new IllegalArgumentException("follow - Invalid range.");
      }
      int dash = range.indexOf('-');
      min = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
      max = dash < 0 ? min : Integer.parseInt(range.substring(dash + 1));
    }
    return new FollowTap(protocol, mode, index, addr[0], ports[0], addr[1], ports[1], v6, min, max);
  }

  private static String ipv4(String s) {
    if (!s.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
      throw new IllegalArgumentException("follow - Can't get IPv4 address");
    }
    for (String octet : s.split("\\.")) {
      if (Integer.parseInt(octet) > 255) {
        throw new IllegalArgumentException("follow - Can't get IPv4 address");
      }
    }
    return s.replaceAll("(^|\\.)0+([0-9])", "$1$2");
  }

  private static String ipv6(String s) {
    // A literal only (InetAddress would look a name up): hex digits, colons and a dotted tail.
    if (!s.matches("[0-9A-Fa-f:.]+") || s.indexOf(':') < 0) {
      throw new IllegalArgumentException("follow - Can't get IPv6 address");
    }
    try {
      byte[] b = InetAddress.getByName(s).getAddress();
      if (b.length != 16) {
        throw new IllegalArgumentException("follow - Can't get IPv6 address");
      }
      return io.netsift.core.field.Addresses.ipv6(b, 0);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("follow - Can't get IPv6 address");
    }
  }

  @Override
  public boolean needsTree() {
    return true;
  }

  @Override
  public void packet(Dissection d, boolean displayed) {
    switch (protocol) {
      case TCP:
        for (int i = 1; i < d.layerCount(); i++) {
          if (d.dissector(i).name().equals("tcp") && selected(d, i)) {
            tcp(d, i);
          }
        }
        break;
      case UDP:
        for (int i = 1; i < d.layerCount(); i++) {
          if (d.dissector(i).name().equals("udp") && selected(d, i)) {
            udp(d, i);
          }
        }
        break;
      case HTTP:
        for (int i = 1; i < d.layerCount(); i++) {
          if (d.dissector(i).name().equals("http")) {
            int t = Transport.find(d, i);
            if (Transport.isTcp(d, t) && selected(d, t)) {
              http(d, i, t);
            }
          }
        }
        break;
      default:
        // TLS: only decrypted application data is followed, and netsift holds no keys.
        break;
    }
  }

  /** Whether transport layer {@code t} belongs to the followed conversation. */
  private boolean selected(Dissection d, int t) {
    if (Transport.inErrorPacket(d, t)) {
      return false;
    }
    if (address[0] == null) {
      return Transport.stream(d, t) == streamIndex;
    }
    int ip = Transport.ip(d, t);
    if (ip < 0 || Transport.isV6(d, ip) != v6) {
      return false;
    }
    String src = Transport.srcAddress(d, ip);
    String dst = Transport.dstAddress(d, ip);
    int sp = Transport.srcPort(d, t);
    int dp = Transport.dstPort(d, t);
    return src.equals(address[0]) && sp == port[0] && dst.equals(address[1]) && dp == port[1]
        || src.equals(address[1]) && sp == port[1] && dst.equals(address[0]) && dp == port[0];
  }

  /** Records the first packet's endpoints and says which side sent this one (1: the server). */
  private int peer(Dissection d, int t) {
    int ip = Transport.ip(d, t);
    String src = Transport.srcAddress(d, ip);
    int sp = Transport.srcPort(d, t);
    if (clientAddress == null) {
      clientAddress = src;
      clientPort = sp;
      clientV6 = Transport.isV6(d, ip);
      serverAddress = Transport.dstAddress(d, ip);
      serverPort = Transport.dstPort(d, t);
    }
    return src.equals(clientAddress) && sp == clientPort ? FollowedStream.CLIENT : FollowedStream.SERVER;
  }

  private void udp(Dissection d, int u) {
    int dir = peer(d, u);
    int s = d.start(u);
    int length = d.length(u) >= 8 ? ((d.data()[s + 4] & 0xff) << 8 | (d.data()[s + 5] & 0xff)) : 0;
    int to = Math.min(d.end(u), s + Math.max(8, length));
    byte[] data = to > s + 8 ? java.util.Arrays.copyOfRange(d.data(), s + 8, to) : new byte[0];
    chunks.add(new FollowedStream.Chunk(d.number(), dir, d.timestampNanos(), data));
  }

  private void http(Dissection d, int layer, int tcp) {
    HttpMessage m = HttpDissector.message(d, layer);
    if (m == null || m.kind() == HttpMessage.Kind.CONTINUATION) {
      return;
    }
    int dir = peer(d, tcp);
    int header = m.headerLength();
    int s = d.start(layer);
    int to = header < 0 ? d.end(layer) : Math.min(d.end(layer), s + header);
    chunks.add(new FollowedStream.Chunk(d.number(), dir, d.timestampNanos(),
        java.util.Arrays.copyOfRange(d.data(), s, to)));
    byte[] body = m.body();
    if (header >= 0 && body.length > 0) {
      chunks.add(new FollowedStream.Chunk(d.number(), dir, d.timestampNanos(), body));
    }
  }

  private static boolean lt(long a, long b) {
    return (int) (a - b) < 0;
  }

  private static boolean gt(long a, long b) {
    return (int) (a - b) > 0;
  }

  private void tcp(Dissection d, int t) {
    long seglen = Transport.tcpSegmentLength(d, t);
    if (seglen < 0) {
      return;
    }
    byte[] b = d.data();
    int s = d.start(t);
    // tshark follows by the relative numbers (a second SYN with a new initial number moves them).
    long seq = Transport.tcpSeq(d, t) & 0xffffffffL;
    long ack = Transport.tcpAck(d, t) & 0xffffffffL;
    int flags = b[s + 13] & 0xff;
    int hlen = (b[s + 12] & 0xf0) >> 2;
    if ((flags & 0x02) != 0) {
      seq = (seq + 1) & 0xffffffffL;
    }
    int dir = peer(d, t);
    int from = s + hlen;
    int captured = Math.max(0, d.end(t) - from);
    if (!waiting[1 - dir].isEmpty()) {
      // The other side acknowledged bytes of this direction's that were not captured.
      while (drain(1 - dir, ack, d.number(), true)) {
        // again
      }
    }
    if (written[dir] == 0 && nextSeq[dir] == 0) {
      nextSeq[dir] = seq;
    }
    long length = seglen;
    int offset = 0;
    if (lt(seq, nextSeq[dir])) {
      long end = (seq + length) & 0xffffffffL;
      if (gt(end, nextSeq[dir])) {
        // A retransmission carrying more than before: keep only the new bytes.
        offset = (int) ((nextSeq[dir] - seq) & 0xffffffffL);
        captured = captured <= offset ? 0 : captured - offset;
        seq = nextSeq[dir];
        length = (end - nextSeq[dir]) & 0xffffffffL;
      }
    }
    if (captured == 0 || lt(seq, nextSeq[dir])) {
      return;
    }
    byte[] data = java.util.Arrays.copyOfRange(b, from + offset, from + offset + captured);
    if (seq == nextSeq[dir]) {
      nextSeq[dir] = (nextSeq[dir] + length) & 0xffffffffL;
      written[dir] += data.length;
      chunks.add(new FollowedStream.Chunk(d.number(), dir, d.timestampNanos(), data));
      while (drain(dir, 0, d.number(), false)) {
        // again
      }
    } else {
      waiting[dir].add(new Pending(d.number(), d.timestampNanos(), seq, data));
    }
  }

  /**
   * Moves one waiting segment of direction {@code dir} that now fits into the stream; with
   * {@code acked}, when none fits but the other side acknowledged past the lowest one, notes the
   * missing bytes instead. Returns whether anything changed.
   */
  private boolean drain(int dir, long ack, long frame, boolean acked) {
    List<Pending> list = waiting[dir];
    if (list.isEmpty()) {
      return false;
    }
    long lowest = list.get(0).seq;
    for (int k = 0; k < list.size(); k++) {
      Pending p = list.get(k);
      if (gt(lowest, p.seq)) {
        lowest = p.seq;
      }
      if (lt(p.seq, nextSeq[dir])) {
        long end = (p.seq + p.data.length) & 0xffffffffL;
        if (gt(end, nextSeq[dir])) {
          int skip = (int) ((nextSeq[dir] - p.seq) & 0xffffffffL);
          if (p.data.length > skip) {
            // tshark dates this part nowhere (time 0).
            chunks.add(new FollowedStream.Chunk(p.frame, dir, 0,
                java.util.Arrays.copyOfRange(p.data, skip, p.data.length)));
          }
          nextSeq[dir] = (nextSeq[dir] + p.data.length - skip) & 0xffffffffL;
        }
        list.remove(k);
        return true;
      }
      if (p.seq == nextSeq[dir]) {
        if (p.data.length > 0) {
          chunks.add(new FollowedStream.Chunk(p.frame, dir, p.time, p.data));
        }
        nextSeq[dir] = (nextSeq[dir] + p.data.length) & 0xffffffffL;
        list.remove(k);
        return true;
      }
    }
    if (acked && gt(ack, lowest)) {
      // tshark's note keeps its C string terminator.
      String note = "[" + (int) ((lowest - nextSeq[dir]) & 0xffffffffL) + " bytes missing in capture file]\0";
      chunks.add(new FollowedStream.Chunk(frame, dir, 0, note.getBytes(StandardCharsets.US_ASCII)));
      nextSeq[dir] = lowest;
      return true;
    }
    return false;
  }

  /** The stream as collected so far. */
  public FollowedStream stream() {
    FollowedStream.Node client = clientAddress == null ? new FollowedStream.Node("", 0, false)
        : new FollowedStream.Node(clientAddress, clientPort, clientV6);
    FollowedStream.Node server = clientAddress == null ? new FollowedStream.Node("", 0, false)
        : new FollowedStream.Node(serverAddress, serverPort, clientV6);
    return new FollowedStream(protocol.name().toLowerCase(Locale.ROOT), filter, client, server,
        new ArrayList<>(chunks));
  }

  @Override
  public void report(StringBuilder out) {
    FollowFormat.append(stream(), mode, chunkMin, chunkMax, out);
  }
}

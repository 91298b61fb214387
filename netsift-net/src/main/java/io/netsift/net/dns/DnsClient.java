package io.netsift.net.dns;

import io.netsift.core.dns.DnsDecodeException;
import io.netsift.core.dns.DnsHeader;
import io.netsift.core.dns.DnsMessage;
import io.netsift.core.dns.DnsMessageDecoder;
import io.netsift.core.dns.DnsMessageEncoder;
import io.netsift.core.dns.DnsName;
import io.netsift.core.dns.DnsQuestion;
import io.netsift.core.dns.DnsRcode;
import io.netsift.core.dns.DnsRecordType;
import io.netsift.core.dns.Edns;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A stub DNS client of our own (not the JDK resolver), speaking RFC 1035 over UDP and TCP with
 * the message codec in {@code io.netsift.core.dns}.
 *
 * <p>Like dig: each query gets a random ID from a {@link SecureRandom} and a fresh UDP socket
 * (a random source port, RFC 5452 §9.2); a reply counts only if it comes from the server (the
 * socket is connected), carries our ID and repeats our question (RFC 5452 §9.1); others are
 * reported and ignored while the timeout runs. A reply with TC set is retried over TCP
 * (RFC 7766 §5); a FORMERR/NOTIMP reply without an OPT record to an EDNS query is retried
 * without EDNS (RFC 6891 §7). Each try asks every server in turn; timeouts, ICMP port
 * unreachable and garbage move on to the next.
 */
public final class DnsClient {
  /** The transport an answer came over. */
  public enum Protocol {
    UDP,
    TCP
  }

  private final List<InetSocketAddress> servers;
  private final Duration timeout;
  private final int retries;
  private final boolean tcp;
  private final Edns edns;
  private final boolean recursionDesired;
  private final Consumer<String> events;
  private final SecureRandom random = new SecureRandom();

  private DnsClient(Builder b) {
    if (b.servers.isEmpty()) {
      throw new IllegalArgumentException("no DNS server given");
    }
    this.servers = List.copyOf(b.servers);
    this.timeout = b.timeout;
    this.retries = b.retries;
    this.tcp = b.tcp;
    this.edns = b.edns;
    this.recursionDesired = b.recursionDesired;
    this.events = b.events;
  }

  /** A builder with dig's defaults: 5 s per try, 2 retries, UDP, EDNS with a 1232-byte payload, RD set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Asks for {@code type} records of {@code name} in class IN. */
  public DnsExchange query(DnsName name, DnsRecordType type) throws DnsNoResponseException {
    return query(DnsQuestion.of(name, type));
  }

  /** Sends {@code question} until a server answers or the tries run out. */
  public DnsExchange query(DnsQuestion question) throws DnsNoResponseException {
    List<String> failures = new ArrayList<>();
    for (int attempt = 0; attempt <= retries; attempt++) {
      for (InetSocketAddress server : servers) {
        try {
          return exchange(server, question);
        } catch (SocketTimeoutException e) {
          fail(failures, ";; communications error to " + display(server) + ": timed out");
        } catch (PortUnreachableException | ConnectException e) {
          fail(failures, ";; communications error to " + display(server) + ": connection refused");
        } catch (BadResponseException e) {
          fail(failures, ";; communications error to " + display(server) + ": " + e.getMessage());
        } catch (IOException e) {
          fail(failures, ";; communications error to " + display(server) + ": " + e.getMessage());
        }
      }
    }
    events.accept(";; no servers could be reached");
    throw new DnsNoResponseException(failures);
  }

  private void fail(List<String> failures, String line) {
    failures.add(line);
    events.accept(line);
  }

  /** {@code 127.0.0.1#53}, dig's way of writing a server. */
  public static String display(InetSocketAddress s) {
    String host = s.getAddress().getHostAddress();
    if (s.getAddress() instanceof Inet6Address) {
      host = io.netsift.net.ip.IpAddress.of(s.getAddress().getAddress()).toString();
    }
    return host + "#" + s.getPort();
  }

  private DnsExchange exchange(InetSocketAddress server, DnsQuestion question) throws IOException {
    boolean ednsDropped = false;
    Edns useEdns = edns;
    while (true) {
      DnsMessage query = DnsMessage.query(random.nextInt(0x10000), question, recursionDesired, useEdns);
      byte[] wire = DnsMessageEncoder.encode(query);
      boolean truncatedRetry = false;
      Reply r;
      if (tcp) {
        r = tcpExchange(server, query, wire);
      } else {
        r = udpExchange(server, query, wire);
        if (r.truncated) {
          events.accept(";; Truncated, retrying in TCP mode.");
          truncatedRetry = true;
          r = tcpExchange(server, query, wire);
        }
      }
      DnsRcode rc = r.message.rcode();
      if (useEdns != null && r.message.edns().isEmpty() && (rc.equals(DnsRcode.FORMERR) || rc.equals(DnsRcode.NOTIMP))) {
        events.accept(";; Got " + rc + " to a query with EDNS, retrying without EDNS.");
        useEdns = null;
        ednsDropped = true;
        continue;
      }
      return new DnsExchange(query, r.message, r.size, server, r.protocol, r.elapsed, ZonedDateTime.now(),
          truncatedRetry, ednsDropped);
    }
  }

  private record Reply(DnsMessage message, int size, Protocol protocol, Duration elapsed, boolean truncated) {}

  /** Not a usable response: malformed, wrong ID over TCP, not a response. */
  private static final class BadResponseException extends IOException {
    private static final long serialVersionUID = 1L;

    BadResponseException(String m) {
      super(m);
    }
  }

  private Reply udpExchange(InetSocketAddress server, DnsMessage query, byte[] wire) throws IOException {
    try (DatagramSocket s = new DatagramSocket()) {
      s.connect(server);
      long start = System.nanoTime();
      long deadline = start + timeout.toNanos();
      s.send(new DatagramPacket(wire, wire.length));
      byte[] buf = new byte[65535];
      while (true) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          throw new SocketTimeoutException("timed out");
        }
        s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        s.receive(p);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        int n = p.getLength();
        if (n < DnsHeader.LENGTH) {
          events.accept(";; Warning: ignoring a " + n + "-byte datagram, shorter than a DNS header");
          continue;
        }
        int id = (buf[0] & 0xff) << 8 | (buf[1] & 0xff);
        if (id != query.header().id()) {
          events.accept(";; Warning: ID mismatch: expected ID " + query.header().id() + ", got " + id);
          continue;
        }
        int flags = (buf[2] & 0xff) << 8 | (buf[3] & 0xff);
        if ((flags & DnsHeader.QR) == 0) {
          events.accept(";; Warning: query response not set");
          continue;
        }
        DnsMessage m;
        try {
          m = DnsMessageDecoder.decode(buf, 0, n);
        } catch (DnsDecodeException e) {
          if ((flags & DnsHeader.TC) != 0) {
            // RFC 2181 §9: a truncated answer may end anywhere; TCP will bring the whole of it.
            return new Reply(e.partial(), n, Protocol.UDP, elapsed, true);
          }
          throw new BadResponseException("malformed response (" + e.getMessage() + ")");
        }
        if (!answersQuestion(m, query)) {
          events.accept(";; Warning: the response's question section does not match the query; ignored");
          continue;
        }
        return new Reply(m, n, Protocol.UDP, elapsed, m.header().truncated());
      }
    }
  }

  private Reply tcpExchange(InetSocketAddress server, DnsMessage query, byte[] wire) throws IOException {
    int ms = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    try (Socket s = new Socket()) {
      long start = System.nanoTime();
      s.connect(server, ms);
      s.setSoTimeout(ms);
      s.setTcpNoDelay(true);
      // RFC 1035 §4.2.2: a two-byte length, then the message; one write so it leaves as one segment.
      byte[] framed = new byte[wire.length + 2];
      framed[0] = (byte) (wire.length >> 8);
      framed[1] = (byte) wire.length;
      System.arraycopy(wire, 0, framed, 2, wire.length);
      OutputStream out = s.getOutputStream();
      out.write(framed);
      out.flush();
      DataInputStream in = new DataInputStream(s.getInputStream());
      byte[] data;
      try {
        data = new byte[in.readUnsignedShort()];
        in.readFully(data);
      } catch (EOFException e) {
        throw new BadResponseException("TCP connection closed before a whole response arrived");
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      DnsMessage m;
      try {
        m = DnsMessageDecoder.decode(data);
      } catch (DnsDecodeException e) {
        throw new BadResponseException("malformed response (" + e.getMessage() + ")");
      }
      if (m.header().id() != query.header().id() || !m.header().isResponse() || !answersQuestion(m, query)) {
        throw new BadResponseException("TCP response does not answer the query (ID " + m.header().id() + ")");
      }
      return new Reply(m, data.length, Protocol.TCP, elapsed, false);
    }
  }

  /** RFC 5452 §9.1: same question; servers may drop it from error responses. */
  private static boolean answersQuestion(DnsMessage m, DnsMessage query) {
    if (m.questions().isEmpty()) {
      return !m.rcode().equals(DnsRcode.NOERROR);
    }
    return m.questions().size() == 1 && m.questions().get(0).sameQuestion(query.questions().get(0));
  }

  /** Settings for a {@link DnsClient}. */
  public static final class Builder {
    private final List<InetSocketAddress> servers = new ArrayList<>();
    private Duration timeout = Duration.ofSeconds(5);
    private int retries = 2;
    private boolean tcp;
    private Edns edns = Edns.of(1232, false);
    private boolean recursionDesired = true;
    private Consumer<String> events = e -> {};

    private Builder() {}

    /** Adds a server; servers are asked in the order added. */
    public Builder server(InetSocketAddress server) {
      servers.add(Objects.requireNonNull(server));
      return this;
    }

    /** Adds servers. */
    public Builder servers(List<InetSocketAddress> list) {
      list.forEach(this::server);
      return this;
    }

    /** Time to wait for each answer. */
    public Builder timeout(Duration t) {
      if (t.isNegative() || t.isZero()) {
        throw new IllegalArgumentException("timeout must be positive");
      }
      this.timeout = t;
      return this;
    }

    /** Extra rounds over the servers after the first (0 = one try). */
    public Builder retries(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("retries must be 0 or more");
      }
      this.retries = n;
      return this;
    }

    /** Use TCP from the start. */
    public Builder tcp(boolean on) {
      this.tcp = on;
      return this;
    }

    /** EDNS to send, or null for none (dig +noedns). */
    public Builder edns(Edns e) {
      this.edns = e;
      return this;
    }

    /** The RD flag (dig +[no]recurse). */
    public Builder recursionDesired(boolean on) {
      this.recursionDesired = on;
      return this;
    }

    /** Receives progress lines as dig prints them (retries, warnings, TCP fallback). */
    public Builder events(Consumer<String> sink) {
      this.events = Objects.requireNonNull(sink);
      return this;
    }

    public DnsClient build() {
      return new DnsClient(this);
    }
  }
}

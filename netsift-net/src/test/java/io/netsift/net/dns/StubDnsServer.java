package io.netsift.net.dns;

import io.netsift.core.dns.DnsDecodeException;
import io.netsift.core.dns.DnsHeader;
import io.netsift.core.dns.DnsMessage;
import io.netsift.core.dns.DnsMessageDecoder;
import io.netsift.core.dns.DnsMessageEncoder;
import io.netsift.core.dns.DnsOpcode;
import io.netsift.core.dns.DnsRcode;
import io.netsift.core.dns.DnsRecord;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * A scripted DNS server on loopback for behaviour dnsmasq will not show on demand: SERVFAIL,
 * wrong IDs, garbage, FORMERR to EDNS, silence. It speaks UDP and TCP on the same port and
 * builds its answers with our own encoder. The handler gets the decoded query and whether it
 * came over TCP, and returns the datagrams (or TCP messages) to send back, in order.
 */
final class StubDnsServer implements AutoCloseable {
  private final DatagramSocket udp;
  private final ServerSocket tcp;
  final AtomicInteger udpQueries = new AtomicInteger();
  final AtomicInteger tcpQueries = new AtomicInteger();

  StubDnsServer(BiFunction<DnsMessage, Boolean, List<byte[]>> handler) throws IOException {
    InetAddress lo = InetAddress.getLoopbackAddress();
    ServerSocket t = null;
    DatagramSocket u = null;
    for (int i = 0; i < 20 && u == null; i++) {
      t = new ServerSocket(0, 50, lo);
      try {
        u = new DatagramSocket(new InetSocketAddress(lo, t.getLocalPort()));
      } catch (IOException busy) {
        t.close();
      }
    }
    this.udp = u;
    this.tcp = t;
    Thread ut = new Thread(() -> {
      byte[] buf = new byte[65535];
      while (!udp.isClosed()) {
        try {
          DatagramPacket p = new DatagramPacket(buf, buf.length);
          udp.receive(p);
          udpQueries.incrementAndGet();
          DnsMessage q = DnsMessageDecoder.decode(buf, 0, p.getLength());
          for (byte[] r : handler.apply(q, false)) {
            udp.send(new DatagramPacket(r, r.length, p.getSocketAddress()));
          }
        } catch (IOException | DnsDecodeException e) {
          // closed, or a query we cannot read
        }
      }
    }, "stub-dns-udp");
    ut.setDaemon(true);
    ut.start();
    Thread tt = new Thread(() -> {
      while (!tcp.isClosed()) {
        try (Socket s = tcp.accept()) {
          tcpQueries.incrementAndGet();
          DataInputStream in = new DataInputStream(s.getInputStream());
          byte[] q = new byte[in.readUnsignedShort()];
          in.readFully(q);
          DataOutputStream out = new DataOutputStream(s.getOutputStream());
          for (byte[] r : handler.apply(DnsMessageDecoder.decode(q), true)) {
            out.writeShort(r.length);
            out.write(r);
          }
          out.flush();
        } catch (IOException | DnsDecodeException e) {
          // closed
        }
      }
    }, "stub-dns-tcp");
    tt.setDaemon(true);
    tt.start();
  }

  InetSocketAddress address() {
    return new InetSocketAddress(tcp.getInetAddress(), tcp.getLocalPort());
  }

  /** A response to {@code q}: same ID and question, QR RD RA and the rcode, with these answers. */
  static byte[] reply(DnsMessage q, DnsRcode rcode, List<DnsRecord> answers, int extraFlags, boolean withOpt) {
    int flags = DnsHeader.flags(DnsOpcode.QUERY, rcode, DnsHeader.QR | DnsHeader.RD | DnsHeader.RA | extraFlags);
    List<DnsRecord> additional = withOpt && q.edns().isPresent() ? List.of(q.edns().get().toRecord()) : List.of();
    return DnsMessageEncoder.encode(new DnsMessage(new DnsHeader(q.header().id(), flags, 0, 0, 0, 0), q.questions(),
        answers, List.of(), additional, 0));
  }

  @Override
  public void close() throws IOException {
    udp.close();
    tcp.close();
  }
}

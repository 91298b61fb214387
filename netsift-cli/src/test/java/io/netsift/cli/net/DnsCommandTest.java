package io.netsift.cli.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.dns.DnsHeader;
import io.netsift.core.dns.DnsMessage;
import io.netsift.core.dns.DnsMessageDecoder;
import io.netsift.core.dns.DnsMessageEncoder;
import io.netsift.core.dns.DnsOpcode;
import io.netsift.core.dns.DnsRcode;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code netsift dns} against a real dnsmasq: dig-like output and dig's exit codes. */
class DnsCommandTest {
  static final String BIG = "y".repeat(200);
  static LocalDnsmasq dns;

  @BeforeAll
  static void start() throws Exception {
    dns = LocalDnsmasq.start(List.of("--host-record=www.test,192.0.2.10,2001:db8::10,300",
        "--mx-host=test,mail.test,10", "--txt-record=test,hello world", "--cname=alias.test,www.test",
        "--ptr-record=10.2.0.192.in-addr.arpa,www.test", "--srv-host=_sip._udp.test,sip.test,5060,1,2",
        "--txt-record=big.test," + BIG, "--txt-record=big.test," + BIG, "--txt-record=big.test," + BIG,
        "--local=/test/"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (dns != null) {
      dns.close();
    }
  }

  @Test
  void digLikeAnswer() {
    NetCli r = NetCli.run("dns", "www.test", dns.at());
    assertEquals(0, r.exit, r.toString());
    assertTrue(r.out.contains("; <<>> netsift dns <<>> www.test " + dns.at() + "\n"), r.out);
    assertTrue(r.out.contains(";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: "), r.out);
    assertTrue(r.out.contains(";; flags: qr aa rd ra; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1\n"), r.out);
    assertTrue(r.out.contains(";; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: 1232\n"), r.out);
    assertTrue(r.out.contains(";; QUESTION SECTION:\n;www.test.\t\t\tIN\tA\n"), r.out);
    assertTrue(r.out.contains(";; ANSWER SECTION:\nwww.test.\t\t300\tIN\tA\t192.0.2.10\n"), r.out);
    assertTrue(r.out.matches("(?s).*;; Query time: \\d+ msec\n.*"), r.out);
    assertTrue(r.out.contains(";; SERVER: " + dns.address.getAddress().getHostAddress() + "#" + dns.address.getPort()
        + "(" + dns.address.getAddress().getHostAddress() + ") (UDP)\n"), r.out);
    assertTrue(r.out.contains(";; MSG SIZE  rcvd: "), r.out);
  }

  @Test
  void severalTypesAndShort() {
    NetCli r = NetCli.run("dns", "--short", "www.test", "A", "AAAA", dns.at(), "MX");
    assertEquals(0, r.exit, r.toString());
    assertEquals("192.0.2.10\n2001:db8::10\n", r.out);
    NetCli mx = NetCli.run("dns", "--short", "test", "MX", "TXT", dns.at());
    assertEquals("10 mail.test.\n\"hello world\"\n", mx.out);
    NetCli cname = NetCli.run("dns", "--short", "alias.test", dns.at());
    assertEquals("www.test.\n192.0.2.10\n", cname.out);
    NetCli srv = NetCli.run("dns", "--short", "_sip._udp.test", "srv", dns.at());
    assertEquals("1 2 5060 sip.test.\n", srv.out);
  }

  @Test
  void reverseWithX() {
    NetCli r = NetCli.run("dns", "-x", "192.0.2.10", dns.at());
    assertEquals(0, r.exit, r.toString());
    assertTrue(r.out.contains("10.2.0.192.in-addr.arpa.\t0\tIN\tPTR\twww.test.\n"), r.out);
  }

  @Test
  void nxdomainAndRefusedExitZeroWithAClearLine() {
    NetCli nx = NetCli.run("dns", "nope.test", dns.at());
    assertEquals(0, nx.exit, nx.toString());
    assertTrue(nx.out.contains("status: NXDOMAIN"), nx.out);
    assertTrue(nx.out.contains(";; NXDOMAIN: nope.test. does not exist (non-existent domain)\n"), nx.out);
    NetCli refused = NetCli.run("dns", "example.com", dns.at());
    assertEquals(0, refused.exit);
    assertTrue(refused.out.contains(";; REFUSED: the server refused to answer this query"), refused.out);
  }

  @Test
  void servfailExitsZero() throws Exception {
    try (DatagramSocket stub = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      Thread t = new Thread(() -> {
        try {
          byte[] buf = new byte[512];
          DatagramPacket p = new DatagramPacket(buf, buf.length);
          stub.receive(p);
          DnsMessage q = DnsMessageDecoder.decode(buf, 0, p.getLength());
          int flags = DnsHeader.flags(DnsOpcode.QUERY, DnsRcode.SERVFAIL, DnsHeader.QR | DnsHeader.RD | DnsHeader.RA);
          byte[] reply = DnsMessageEncoder.encode(new DnsMessage(q.header().withFlags(flags), q.questions(), List.of(),
              List.of(), List.of(), 0));
          stub.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
        } catch (Exception e) {
          // the client times out and the test fails on its exit code
        }
      });
      t.start();
      NetCli r = NetCli.run("dns", "www.example", "@127.0.0.1:" + stub.getLocalPort(), "--timeout", "3");
      t.join();
      assertEquals(0, r.exit, r.toString());
      assertTrue(r.out.contains("status: SERVFAIL"), r.out);
      assertTrue(r.out.contains(";; SERVFAIL: the server failed to answer"), r.out);
      assertFalse(r.out.contains(";; WARNING: recursion requested but not available"), r.out);
    }
  }

  @Test
  void truncationFallsBackToTcp() {
    NetCli r = NetCli.run("dns", "big.test", "TXT", "--no-edns", dns.at());
    assertEquals(0, r.exit, r.toString());
    assertTrue(r.out.contains(";; Truncated, retrying in TCP mode.\n"), r.out);
    assertTrue(r.out.contains(") (TCP)\n"), r.out);
    assertEquals(3, r.out.lines().filter(l -> l.startsWith("big.test.")).count(), r.out);
  }

  @Test
  void tcpOption() {
    NetCli r = NetCli.run("dns", "--tcp", "www.test", dns.at());
    assertTrue(r.out.contains(") (TCP)\n"), r.out);
  }

  @Test
  void noServerRepliedExitsNine() throws Exception {
    int port;
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      port = s.getLocalPort();
    }
    NetCli refused = NetCli.run("dns", "www.test", "@127.0.0.1:" + port, "--timeout", "1", "--retries", "1");
    assertEquals(9, refused.exit, refused.toString());
    assertTrue(refused.out.contains(";; communications error to 127.0.0.1#" + port + ": connection refused\n"), refused.out);
    assertTrue(refused.out.contains(";; no servers could be reached\n"), refused.out);
    try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      NetCli timedOut = NetCli.run("dns", "www.test", "@127.0.0.1:" + silent.getLocalPort(), "--timeout", "0.3",
          "--retries", "1");
      assertEquals(9, timedOut.exit);
      assertEquals(2, timedOut.out.lines().filter(l -> l.endsWith(": timed out")).count(), timedOut.out);
    }
  }

  @Test
  void usageErrorsExitOne() {
    for (String[] args : new String[][] {
        {"dns"}, {"dns", "a.test", "b.test"}, {"dns", "www.test", "--timeout", "abc"}, {"dns", "www.test", "--timeout"},
        {"dns", "www.test", "--timeout", "0"}, {"dns", "www.test", "--retries", "1.5"}, {"dns", "--bogus", "www.test"},
        {"dns", "www.test", "@127.0.0.1:99999"}, {"dns", "-x", "not-an-ip"}, {"dns", "-x"}, {"dns", "a..b"},
        {"dns", "www.test", "--bufsize", "100"}, {"dns", "www.test", "-p", "0"}}) {
      NetCli r = NetCli.run(args);
      assertEquals(1, r.exit, String.join(" ", args) + "\n" + r);
      assertTrue(r.err.startsWith("netsift dns: "), r.err);
    }
  }
}

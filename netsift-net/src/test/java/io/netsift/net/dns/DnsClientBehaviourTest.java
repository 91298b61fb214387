package io.netsift.net.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.dns.DnsMessage;
import io.netsift.core.dns.DnsName;
import io.netsift.core.dns.DnsRcode;
import io.netsift.core.dns.DnsRdata;
import io.netsift.core.dns.DnsRecord;
import io.netsift.core.dns.DnsRecordType;
import io.netsift.core.dns.DnsHeader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What dnsmasq will not do on demand, from a scripted server on loopback: SERVFAIL, replies
 * with the wrong ID, garbage, TC without a usable body, FORMERR to EDNS, silence and refusal.
 */
class DnsClientBehaviourTest {
  static final DnsName WWW = DnsName.of("www.test");

  static DnsRecord a(String addr) throws Exception {
    return DnsRecord.of(WWW, DnsRecordType.A, 60,
        new DnsRdata.A((java.net.Inet4Address) InetAddress.getByAddress(io.netsift.net.ip.IpAddress.parse(addr).toBytes())));
  }

  static DnsClient.Builder client(InetSocketAddress s, List<String> events) {
    return DnsClient.builder().server(s).timeout(Duration.ofMillis(700)).retries(1).events(events::add);
  }

  @Test
  void servfailIsAnAnswerNotAFailure() throws Exception {
    try (StubDnsServer s = new StubDnsServer((q, tcp) -> List.of(StubDnsServer.reply(q, DnsRcode.SERVFAIL, List.of(), 0, true)))) {
      DnsExchange x = client(s.address(), new ArrayList<>()).build().query(WWW, DnsRecordType.A);
      assertEquals(DnsRcode.SERVFAIL, x.response().rcode());
      assertEquals(1, s.udpQueries.get());
    }
  }

  @Test
  void wrongIdAndGarbageAreIgnoredWhileWaiting() throws Exception {
    DnsRecord answer = a("192.0.2.1");
    try (StubDnsServer s = new StubDnsServer((q, tcp) -> {
      byte[] good = StubDnsServer.reply(q, DnsRcode.NOERROR, List.of(answer), 0, true);
      byte[] wrongId = good.clone();
      wrongId[0] ^= 0x55;
      return List.of(new byte[] {1, 2, 3}, wrongId, good);
    })) {
      List<String> events = new CopyOnWriteArrayList<>();
      DnsExchange x = client(s.address(), events).build().query(WWW, DnsRecordType.A);
      assertEquals(List.of(answer.rdata()), x.response().answers().stream().map(DnsRecord::rdata).toList());
      assertTrue(events.stream().anyMatch(e -> e.startsWith(";; Warning: ID mismatch: expected ID ")), events.toString());
      assertTrue(events.stream().anyMatch(e -> e.contains("shorter than a DNS header")), events.toString());
    }
  }

  @Test
  void malformedReplyCountsAsAFailedTryThenRetries() throws Exception {
    int[] n = {0};
    DnsRecord answer = a("192.0.2.2");
    try (StubDnsServer s = new StubDnsServer((q, tcp) -> {
      byte[] good = StubDnsServer.reply(q, DnsRcode.NOERROR, List.of(answer), 0, true);
      // First try: right ID, then a compression loop in the answer's owner name.
      return n[0]++ == 0 ? List.of(corruptAfterHeader(good)) : List.of(good);
    })) {
      List<String> events = new CopyOnWriteArrayList<>();
      DnsExchange x = client(s.address(), events).build().query(WWW, DnsRecordType.A);
      assertEquals(1, x.response().answers().size());
      assertTrue(events.get(0).contains("malformed response (corrupt DNS message: compression pointer loop"), events.toString());
    }
  }

  private static byte[] corruptAfterHeader(byte[] good) {
    // The question starts at 12; point the answer's owner name (right after the question) at itself.
    int p = 12;
    while (good[p] != 0) {
      p += (good[p] & 0xff) + 1;
    }
    int answer = p + 1 + 4;
    byte[] bad = good.clone();
    bad[answer] = (byte) 0xc0;
    bad[answer + 1] = (byte) answer;
    return bad;
  }

  @Test
  void truncatedAndUnreadableUdpStillFallsBackToTcp() throws Exception {
    DnsRecord answer = a("192.0.2.3");
    try (StubDnsServer s = new StubDnsServer((q, tcp) -> {
      byte[] full = StubDnsServer.reply(q, DnsRcode.NOERROR, List.of(answer), 0, true);
      if (tcp) {
        return List.of(full);
      }
      // TC set, counts say one answer, bytes cut mid-record (RFC 2181 §9 allows it).
      byte[] cut = Arrays.copyOf(StubDnsServer.reply(q, DnsRcode.NOERROR, List.of(answer), DnsHeader.TC, true),
          full.length - 3);
      return List.of(cut);
    })) {
      List<String> events = new CopyOnWriteArrayList<>();
      DnsExchange x = client(s.address(), events).build().query(WWW, DnsRecordType.A);
      assertTrue(x.truncatedRetry());
      assertEquals(DnsClient.Protocol.TCP, x.protocol());
      assertEquals(1, s.tcpQueries.get());
      assertEquals(List.of(";; Truncated, retrying in TCP mode."), events);
    }
  }

  @Test
  void formerrToEdnsIsRetriedWithoutIt() throws Exception {
    DnsRecord answer = a("192.0.2.4");
    try (StubDnsServer s = new StubDnsServer((q, tcp) -> List.of(q.edns().isPresent()
        ? StubDnsServer.reply(q, DnsRcode.FORMERR, List.of(), 0, false)
        : StubDnsServer.reply(q, DnsRcode.NOERROR, List.of(answer), 0, false)))) {
      List<String> events = new CopyOnWriteArrayList<>();
      DnsExchange x = client(s.address(), events).build().query(WWW, DnsRecordType.A);
      assertTrue(x.ednsDropped());
      assertFalse(x.query().edns().isPresent());
      assertEquals(DnsRcode.NOERROR, x.response().rcode());
      assertEquals(2, s.udpQueries.get());
    }
  }

  @Test
  void silentServerTimesOutEveryTry() throws Exception {
    try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      List<String> events = new CopyOnWriteArrayList<>();
      long t0 = System.nanoTime();
      DnsNoResponseException e = assertThrows(DnsNoResponseException.class, () ->
          DnsClient.builder().server((InetSocketAddress) silent.getLocalSocketAddress()).timeout(Duration.ofMillis(300))
              .retries(2).events(events::add).build().query(WWW, DnsRecordType.A));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertEquals(3, e.attempts().size(), e.attempts().toString());
      assertTrue(e.attempts().get(0).endsWith(": timed out"), e.attempts().toString());
      assertTrue(ms >= 850, "three 300 ms tries took " + ms + " ms");
      assertEquals(";; no servers could be reached", events.get(events.size() - 1));
    }
  }

  @Test
  void closedPortIsRefusedQuickly() throws Exception {
    int port;
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      port = s.getLocalPort();
    }
    DnsNoResponseException e = assertThrows(DnsNoResponseException.class, () ->
        DnsClient.builder().server(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
            .timeout(Duration.ofSeconds(3)).retries(0).build().query(WWW, DnsRecordType.A));
    assertTrue(e.attempts().get(0).endsWith("connection refused"), e.attempts().toString());
  }

  @Test
  void nextServerAnswersWhenTheFirstIsSilent() throws Exception {
    DnsRecord answer = a("192.0.2.5");
    try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        StubDnsServer s = new StubDnsServer((q, tcp) -> List.of(StubDnsServer.reply(q, DnsRcode.NOERROR, List.of(answer), 0, true)))) {
      List<String> events = new CopyOnWriteArrayList<>();
      DnsExchange x = DnsClient.builder().server((InetSocketAddress) silent.getLocalSocketAddress())
          .server(s.address()).timeout(Duration.ofMillis(300)).retries(0).events(events::add).build()
          .query(WWW, DnsRecordType.A);
      assertEquals(s.address(), x.server());
      assertEquals(1, events.size(), events.toString());
    }
  }

  @Test
  void questionMismatchIsIgnored() throws Exception {
    try (StubDnsServer s = new StubDnsServer((q, tcp) -> {
      DnsMessage other = DnsMessage.query(q.header().id(),
          io.netsift.core.dns.DnsQuestion.of(DnsName.of("evil.test"), DnsRecordType.A), true, null);
      return List.of(StubDnsServer.reply(other, DnsRcode.NOERROR, List.of(), 0, false));
    })) {
      List<String> events = new CopyOnWriteArrayList<>();
      assertThrows(DnsNoResponseException.class, () -> client(s.address(), events).retries(0).build()
          .query(WWW, DnsRecordType.A));
      assertTrue(events.get(0).contains("question section does not match"), events.toString());
    }
  }
}

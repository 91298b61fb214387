package io.netsift.net.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.dns.DnsName;
import io.netsift.core.dns.DnsRcode;
import io.netsift.core.dns.DnsRdata;
import io.netsift.core.dns.DnsRecord;
import io.netsift.core.dns.DnsRecordType;
import io.netsift.core.dns.Edns;
import io.netsift.net.ip.IpAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The client against a real dnsmasq on loopback, configured with one record of each kind.
 * Where dig is installed, our answers are also compared with dig's.
 */
class DnsClientDnsmasqTest {
  static final String BIG = "x".repeat(200);
  /** The options the server runs with; {@code ${ADDR}} is its listen address. */
  static final List<String> RECORDS = List.of(
      "--host-record=www.test,192.0.2.10,2001:db8::10,300",
      "--host-record=ns1.zone.example,192.0.2.53",
      "--mx-host=test,mail.test,10",
      "--txt-record=test,v=spf1 -all",
      "--srv-host=_sip._udp.test,sip.test,5060,1,2",
      "--cname=alias.test,www.test",
      "--ptr-record=10.2.0.192.in-addr.arpa,www.test",
      "--caa-record=test,0,issue,ca.example",
      "--dns-rr=test,65,00010000010003026832", // HTTPS 1 . alpn="h2"
      // Three 200-byte TXT strings: ~650 bytes, over the 512 of plain UDP (RFC 1035 §4.2.1)
      "--txt-record=big.test," + BIG, "--txt-record=big.test," + BIG, "--txt-record=big.test," + BIG,
      "--local=/test/", // unknown names under test. are NXDOMAIN, not forwarded
      "--auth-zone=zone.example", "--auth-server=ns1.zone.example,${ADDR}",
      "--auth-soa=2024010101,hostmaster.zone.example");

  static Dnsmasq server;

  @BeforeAll
  static void start() throws Exception {
    server = Dnsmasq.start(RECORDS);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static DnsClient.Builder client() {
    return DnsClient.builder().server(server.address()).timeout(Duration.ofSeconds(3)).retries(1);
  }

  static DnsExchange ask(String name, DnsRecordType type) throws IOException {
    return client().build().query(DnsName.of(name), type);
  }

  static List<String> rdata(DnsExchange x) {
    return x.response().answers().stream().map(RecordText::rdata).collect(Collectors.toList());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "www.test | A | 192.0.2.10",
      "www.test | AAAA | 2001:db8::10",
      "test | MX | 10 mail.test.",
      "test | TXT | \"v=spf1 -all\"",
      "_sip._udp.test | SRV | 1 2 5060 sip.test.",
      "test | CAA | 0 issue \"ca.example\"",
      "test | HTTPS | 1 . alpn=\"h2\"",
      "10.2.0.192.in-addr.arpa | PTR | www.test.",
      "zone.example | NS | ns1.zone.example.",
      "zone.example | SOA | ns1.zone.example. hostmaster.zone.example. 2024010101 1200 180 1209600 600",
  })
  void eachRecordType(String name, String type, String expected) throws Exception {
    DnsExchange x = ask(name, DnsRecordType.forName(type).orElseThrow());
    assertEquals(DnsRcode.NOERROR, x.response().rcode(), server.log());
    assertEquals(List.of(expected), rdata(x));
    DnsRecord r = x.response().answers().get(0);
    assertEquals(DnsName.of(name), r.name());
    assertEquals(DnsClient.Protocol.UDP, x.protocol());
    assertTrue(x.response().edns().isPresent(), "dnsmasq answers EDNS with EDNS");
  }

  @Test
  void typedRdataFromTheWire() throws Exception {
    DnsRdata.Srv srv = (DnsRdata.Srv) ask("_sip._udp.test", DnsRecordType.SRV).response().answers().get(0).rdata();
    assertEquals(5060, srv.port());
    DnsRdata.Aaaa aaaa = (DnsRdata.Aaaa) ask("www.test", DnsRecordType.AAAA).response().answers().get(0).rdata();
    assertEquals(IpAddress.parse("2001:db8::10"), IpAddress.of(aaaa.address().getAddress()));
    DnsRecord a = ask("www.test", DnsRecordType.A).response().answers().get(0);
    assertEquals(300, a.ttl());
  }

  @Test
  void cnameChain() throws Exception {
    DnsExchange x = ask("alias.test", DnsRecordType.A);
    assertEquals(List.of("www.test.", "192.0.2.10"), rdata(x));
    assertEquals(DnsRecordType.CNAME, x.response().answers().get(0).type());
  }

  @Test
  void reverseLookupOfTheAddressCalculatorsName() throws Exception {
    String ptr = IpAddress.parse("192.0.2.10").reverseName();
    assertEquals(List.of("www.test."), rdata(ask(ptr, DnsRecordType.PTR)));
  }

  @Test
  void anyReturnsEveryRecordOfTheName() throws Exception {
    DnsExchange x = ask("www.test", DnsRecordType.ANY);
    List<String> got = new ArrayList<>(rdata(x));
    Collections.sort(got);
    assertEquals(List.of("192.0.2.10", "2001:db8::10"), got);
  }

  @Test
  void nxdomainIsAnAnswer() throws Exception {
    DnsExchange x = ask("nope.test", DnsRecordType.A);
    assertEquals(DnsRcode.NXDOMAIN, x.response().rcode());
    assertTrue(x.response().answers().isEmpty());
  }

  @Test
  void refusedForNamesItDoesNotServe() throws Exception {
    assertEquals(DnsRcode.REFUSED, ask("example.com", DnsRecordType.A).response().rcode());
  }

  @Test
  void truncatedUdpAnswerIsRetriedOverTcp() throws Exception {
    List<String> events = new ArrayList<>();
    DnsExchange x = client().edns(null).events(events::add).build().query(DnsName.of("big.test"), DnsRecordType.TXT);
    assertTrue(x.truncatedRetry(), server.log());
    assertEquals(DnsClient.Protocol.TCP, x.protocol());
    assertEquals(List.of(";; Truncated, retrying in TCP mode."), events);
    assertEquals(3, x.response().answers().size());
    assertFalse(x.response().header().truncated());
    assertTrue(x.responseSize() > 512);
    for (String s : rdata(x)) {
      assertEquals("\"" + BIG + "\"", s);
    }
  }

  @Test
  void withEdnsTheSameAnswerFitsInUdp() throws Exception {
    DnsExchange x = client().edns(Edns.of(1232, false)).build().query(DnsName.of("big.test"), DnsRecordType.TXT);
    assertFalse(x.truncatedRetry());
    assertEquals(DnsClient.Protocol.UDP, x.protocol());
    assertEquals(3, x.response().answers().size());
  }

  @Test
  void tcpFromTheStart() throws Exception {
    DnsExchange x = client().tcp(true).build().query(DnsName.of("www.test"), DnsRecordType.A);
    assertEquals(DnsClient.Protocol.TCP, x.protocol());
    assertEquals(List.of("192.0.2.10"), rdata(x));
  }

  @Test
  void queryCarriesOurEdnsAndRandomIds() throws Exception {
    java.util.Set<Integer> ids = new java.util.HashSet<>();
    for (int i = 0; i < 8; i++) {
      DnsExchange x = ask("www.test", DnsRecordType.A);
      assertEquals(x.query().header().id(), x.response().header().id());
      assertEquals(1232, x.query().edns().orElseThrow().udpPayloadSize());
      assertTrue(x.query().header().recursionDesired());
      ids.add(x.query().header().id());
    }
    assertTrue(ids.size() > 1, "IDs must vary (RFC 5452 §9.2): " + ids);
  }

  /** Our answers against dig's, when dig is installed (the oracle, as tshark is for the dissectors). */
  @ParameterizedTest(name = "dig {0} {1}")
  @CsvSource({"www.test, A", "www.test, AAAA", "test, MX", "test, TXT", "_sip._udp.test, SRV", "test, CAA",
      "alias.test, A", "zone.example, SOA", "big.test, TXT", "test, HTTPS"})
  void sameAsDig(String name, String type) throws Exception {
    Path dig = Path.of("/usr/bin/dig");
    Assumptions.assumeTrue(Files.isExecutable(dig), "dig not installed (bind9-dnsutils); skipping the comparison");
    Process p = new ProcessBuilder(dig.toString(), "@" + server.address().getAddress().getHostAddress(), "-p",
        Integer.toString(server.address().getPort()), name, type, "+short", "+tries=1", "+time=3")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    List<String> digLines = out.lines().collect(Collectors.toList());
    List<String> ours = DigFormatter.shortForm(ask(name, DnsRecordType.forName(type).orElseThrow()));
    assertEquals(digLines, ours);
  }
}

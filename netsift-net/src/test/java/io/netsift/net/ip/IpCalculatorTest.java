package io.netsift.net.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The report {@code netsift ip} prints, field by field. */
class IpCalculatorTest {
  @ParameterizedTest
  @CsvSource({"0.0.0.0, A", "127.255.255.255, A", "128.0.0.0, B", "191.255.255.255, B", "192.0.0.0, C",
      "223.255.255.255, C", "224.0.0.0, D (multicast)", "239.255.255.255, D (multicast)", "240.0.0.0, E (reserved)",
      "255.255.255.255, E (reserved)"})
  void classfulClasses(String address, String cls) {
    // RFC 791 §3.2 (A, B, C by leading bits 0, 10, 110) and RFC 1112 §4 (D 1110, E 1111)
    assertEquals(cls, IpCalculator.addressClass(IpAddress.parse(address)));
  }

  @Test
  void fullReportForAPrivateSubnet() {
    Map<String, String> f = fields(IpCalculator.describe("192.168.1.10/24"));
    assertEquals("192.168.1.10", f.get("address"));
    assertEquals("IPv4", f.get("version"));
    assertEquals("3232235786", f.get("integer"));
    assertEquals("0xc0a8010a", f.get("hex"));
    assertEquals("C", f.get("class"));
    assertEquals("192.168.0.0/16  Private-Use (RFC 1918)", f.get("special-purpose"));
    assertEquals("no", f.get("globally reachable"));
    assertEquals("10.1.168.192.in-addr.arpa.", f.get("reverse DNS"));
    assertEquals("192.168.1.0/24  (host bits set in input)", f.get("network"));
    assertEquals("255.255.255.0", f.get("netmask"));
    assertEquals("0.0.0.255", f.get("wildcard"));
    assertEquals("192.168.1.255", f.get("broadcast"));
    assertEquals("192.168.1.1", f.get("first host"));
    assertEquals("192.168.1.254", f.get("last host"));
    assertEquals("256", f.get("addresses"));
    assertEquals("254", f.get("hosts"));
    assertEquals("yes", f.get("private network"));
  }

  @Test
  void ipv6HostCountIsABigInteger() {
    Map<String, String> f = fields(IpCalculator.describe("2001:db8::/32"));
    assertEquals("79228162514264337593543950336 (2^96)", f.get("addresses"));
    assertEquals("79228162514264337593543950335", f.get("hosts"));
    assertEquals("none (IPv6 has no broadcast, RFC 4291 §2)", f.get("broadcast"));
    assertEquals("yes", f.get("private network"));
  }

  @Test
  void edgesInTheReport() {
    assertEquals("none (/31 point-to-point link, RFC 3021)", fields(IpCalculator.describe("10.0.0.0/31")).get("broadcast"));
    assertEquals("none (/32 is a single host)", fields(IpCalculator.describe("10.0.0.1/32")).get("broadcast"));
    assertEquals("4294967296 (2^32)", fields(IpCalculator.describe("0.0.0.0/0")).get("addresses"));
    assertEquals("no", fields(IpCalculator.describe("0.0.0.0/0")).get("private network"));
    assertEquals("340282366920938463463374607431768211456 (2^128)",
        fields(IpCalculator.describe("::/0")).get("addresses"));
    assertEquals("2", fields(IpCalculator.describe("2001:db8::/127")).get("hosts"));
    assertEquals("1", fields(IpCalculator.describe("2001:db8::1/128")).get("hosts"));
  }

  @Test
  void embeddedIpv4() {
    // RFC 4380 §4's example: server 65.54.227.120, client 192.0.2.45 (obfuscated 3fff:fdd2)
    List<EmbeddedIpv4> t = IpCalculator.embeddedIpv4(IpAddress.parse("2001:0:4136:e378:8000:63bf:3fff:fdd2"));
    assertEquals("65.54.227.120", t.get(0).address().toString());
    assertEquals("192.0.2.45", t.get(1).address().toString());
    assertEquals("192.0.2.1",
        IpCalculator.embeddedIpv4(IpAddress.parse("2002:c000:201::1")).get(0).address().toString());
    assertEquals("10.0.0.1", IpCalculator.embeddedIpv4(IpAddress.parse("::ffff:10.0.0.1")).get(0).address().toString());
    assertEquals("192.0.2.33", IpCalculator.embeddedIpv4(IpAddress.parse("64:ff9b::c000:221")).get(0).address().toString());
    assertTrue(IpCalculator.embeddedIpv4(IpAddress.parse("2001:db8::1")).isEmpty());
  }

  @Test
  void addressSpace() {
    assertEquals("IPv4: 2^32 = 4294967296 addresses", IpCalculator.addressSpace().get(0));
    assertEquals("IPv6: 2^128 = 340282366920938463463374607431768211456 addresses", IpCalculator.addressSpace().get(1));
  }

  static Map<String, String> fields(IpDescription d) {
    return d.fields().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a + "; " + b));
  }
}

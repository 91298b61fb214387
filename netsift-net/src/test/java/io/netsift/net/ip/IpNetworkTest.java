package io.netsift.net.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** CIDR arithmetic, with every edge the issue names: /0, /31, /32, /127, /128. */
class IpNetworkTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // cidr | network | netmask | wildcard | broadcast | first | last | addresses | hosts
      "192.168.1.10/24 | 192.168.1.0/24 | 255.255.255.0 | 0.0.0.255 | 192.168.1.255 | 192.168.1.1 | 192.168.1.254 | 256 | 254",
      "10.1.2.3/8 | 10.0.0.0/8 | 255.0.0.0 | 0.255.255.255 | 10.255.255.255 | 10.0.0.1 | 10.255.255.254 | 16777216 | 16777214",
      "0.0.0.0/0 | 0.0.0.0/0 | 0.0.0.0 | 255.255.255.255 | 255.255.255.255 | 0.0.0.1 | 255.255.255.254 | 4294967296 | 4294967294",
      "198.51.100.8/30 | 198.51.100.8/30 | 255.255.255.252 | 0.0.0.3 | 198.51.100.11 | 198.51.100.9 | 198.51.100.10 | 4 | 2",
      // RFC 3021: a /31 has two usable addresses and no broadcast
      "198.51.100.9/31 | 198.51.100.8/31 | 255.255.255.254 | 0.0.0.1 | - | 198.51.100.8 | 198.51.100.9 | 2 | 2",
      "203.0.113.7/32 | 203.0.113.7/32 | 255.255.255.255 | 0.0.0.0 | - | 203.0.113.7 | 203.0.113.7 | 1 | 1",
      // IPv6: no broadcast (RFC 4291 §2); the Subnet-Router anycast address (§2.6.1) is not a host
      "2001:db8::1/64 | 2001:db8::/64 | ffff:ffff:ffff:ffff:: | ::ffff:ffff:ffff:ffff | - | 2001:db8::1 | 2001:db8::ffff:ffff:ffff:ffff | 18446744073709551616 | 18446744073709551615",
      "::/0 | ::/0 | :: | ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | - | ::1 | ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | 340282366920938463463374607431768211456 | 340282366920938463463374607431768211455",
      // RFC 6164: /127 point-to-point, both addresses usable
      "2001:db8::1/127 | 2001:db8::/127 | ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe | ::1 | - | 2001:db8:: | 2001:db8::1 | 2 | 2",
      "2001:db8::5/128 | 2001:db8::5/128 | ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | :: | - | 2001:db8::5 | 2001:db8::5 | 1 | 1",
      "2001:db8::/126 | 2001:db8::/126 | ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffc | ::3 | - | 2001:db8::1 | 2001:db8::3 | 4 | 3",
  })
  void edges(String cidr, String network, String netmask, String wildcard, String broadcast, String first, String last,
      String addresses, String hosts) {
    IpNetwork n = IpNetwork.parse(cidr);
    assertEquals(network, n.canonical().toString());
    assertEquals(netmask, n.netmask().toString());
    assertEquals(wildcard, n.wildcard().toString());
    IpAddress b = n.broadcast();
    assertEquals(broadcast, b == null ? "-" : b.toString());
    assertEquals(first, n.firstHost().toString());
    assertEquals(last, n.lastHost().toString());
    assertEquals(new BigInteger(addresses), n.addressCount());
    assertEquals(new BigInteger(hosts), n.hostCount());
    assertTrue(n.contains(n.address()));
    assertTrue(n.contains(n.network()) && n.contains(n.lastAddress()));
  }

  @Test
  void netmaskNotation() {
    assertEquals(IpNetwork.parse("10.0.0.0/8"), IpNetwork.parse("10.0.0.0/255.0.0.0"));
    assertEquals(0, IpNetwork.parse("0.0.0.0/0.0.0.0").prefix());
    assertThrows(IllegalArgumentException.class, () -> IpNetwork.parse("10.0.0.0/255.0.255.0"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/", "::/129", "10.0.0.0/8/8", "10.0.0.0/0x8", "/8"})
  void badPrefixes(String s) {
    assertThrows(IllegalArgumentException.class, () -> IpNetwork.parse(s));
  }

  @Test
  void containment() {
    IpNetwork ten = IpNetwork.parse("10.0.0.0/8");
    assertTrue(ten.contains(IpNetwork.parse("10.1.0.0/16")));
    assertFalse(ten.contains(IpNetwork.parse("10.0.0.0/7")));
    assertFalse(ten.contains(IpAddress.parse("::a00:1")), "families never mix");
    assertTrue(IpNetwork.parse("1.2.3.4/24").hasHostBits());
    assertFalse(IpNetwork.parse("1.2.3.0/24").hasHostBits());
    assertNull(IpNetwork.parse("::/0").broadcast());
  }
}

package io.netsift.net.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.net.ip.SpecialBlock.Category;
import java.math.BigInteger;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Classification against the IANA IPv4/IPv6 Special-Purpose Address Registries (RFC 6890 and
 * the RFCs each row cites) and the multicast registries. The table states registry facts
 * independently of the code's table: the innermost block an address falls in, and the
 * registry's "Globally Reachable" verdict (most specific entry wins).
 */
class SpecialPurposeRegistryTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // address | innermost block | category | globally reachable
      "0.0.0.0 | 0.0.0.0/32 | UNSPECIFIED | false",                 // RFC 1122 §3.2.1.3
      "0.1.2.3 | 0.0.0.0/8 | THIS_NETWORK | false",                 // RFC 791 §3.2
      "10.0.0.0 | 10.0.0.0/8 | PRIVATE_USE | false",                // RFC 1918
      "10.255.255.255 | 10.0.0.0/8 | PRIVATE_USE | false",
      "100.64.0.1 | 100.64.0.0/10 | SHARED_ADDRESS_SPACE | false",  // RFC 6598 CGNAT
      "100.127.255.255 | 100.64.0.0/10 | SHARED_ADDRESS_SPACE | false",
      "127.0.0.1 | 127.0.0.0/8 | LOOPBACK | false",                 // RFC 1122 §3.2.1.3
      "169.254.1.1 | 169.254.0.0/16 | LINK_LOCAL | false",          // RFC 3927
      "172.16.0.0 | 172.16.0.0/12 | PRIVATE_USE | false",           // RFC 1918
      "172.31.255.255 | 172.16.0.0/12 | PRIVATE_USE | false",
      "192.0.0.1 | 192.0.0.0/29 | PROTOCOL_ASSIGNMENTS | false",    // RFC 7335 DS-Lite
      "192.0.0.8 | 192.0.0.8/32 | PROTOCOL_ASSIGNMENTS | false",    // RFC 7600
      "192.0.0.9 | 192.0.0.9/32 | ANYCAST | true",                  // RFC 7723 PCP anycast
      "192.0.0.10 | 192.0.0.10/32 | ANYCAST | true",                // RFC 8155 TURN anycast
      "192.0.0.100 | 192.0.0.0/24 | PROTOCOL_ASSIGNMENTS | false",  // RFC 6890 §2.1
      "192.0.0.170 | 192.0.0.170/32 | PROTOCOL_ASSIGNMENTS | false",// RFC 8880
      "192.0.0.171 | 192.0.0.171/32 | PROTOCOL_ASSIGNMENTS | false",
      "192.0.2.1 | 192.0.2.0/24 | DOCUMENTATION | false",           // RFC 5737 TEST-NET-1
      "192.31.196.1 | 192.31.196.0/24 | AS112 | true",              // RFC 7535
      "192.52.193.1 | 192.52.193.0/24 | ANYCAST | true",            // RFC 7450 AMT
      "192.88.99.1 | 192.88.99.0/24 | SIX_TO_FOUR | true",          // RFC 7526 deprecated relay anycast, N/A
      "192.168.255.255 | 192.168.0.0/16 | PRIVATE_USE | false",     // RFC 1918
      "192.175.48.1 | 192.175.48.0/24 | AS112 | true",              // RFC 7534
      "198.18.0.1 | 198.18.0.0/15 | BENCHMARKING | false",          // RFC 2544
      "198.19.255.255 | 198.18.0.0/15 | BENCHMARKING | false",
      "198.51.100.1 | 198.51.100.0/24 | DOCUMENTATION | false",     // RFC 5737 TEST-NET-2
      "203.0.113.1 | 203.0.113.0/24 | DOCUMENTATION | false",       // RFC 5737 TEST-NET-3
      "224.0.0.251 | 224.0.0.0/24 | MULTICAST | false",             // RFC 5771 local network control (mDNS)
      "224.0.1.1 | 224.0.0.0/4 | MULTICAST | true",                 // RFC 5771 internetwork control (NTP)
      "232.1.1.1 | 232.0.0.0/8 | MULTICAST | true",                 // RFC 4607 SSM
      "233.252.0.1 | 233.0.0.0/8 | MULTICAST | true",               // RFC 3180 GLOP
      "239.255.255.250 | 239.0.0.0/8 | MULTICAST | false",          // RFC 2365 admin scoped (SSDP)
      "240.0.0.1 | 240.0.0.0/4 | RESERVED | false",                 // RFC 1112 §4
      "255.255.255.254 | 240.0.0.0/4 | RESERVED | false",
      "255.255.255.255 | 255.255.255.255/32 | LIMITED_BROADCAST | false", // RFC 919 §7, RFC 8190
      "::1 | ::1/128 | LOOPBACK | false",                           // RFC 4291 §2.5.3
      ":: | ::/128 | UNSPECIFIED | false",                          // RFC 4291 §2.5.2
      "::192.0.2.1 | ::/96 | IPV4_COMPATIBLE | false",              // RFC 4291 §2.5.5.1 (deprecated)
      "::ffff:10.0.0.1 | ::ffff:0.0.0.0/96 | IPV4_MAPPED | false",  // RFC 4291 §2.5.5.2; RFC 5952 §5 mixed form
      "64:ff9b::1.2.3.4 | 64:ff9b::/96 | TRANSLATION | true",       // RFC 6052
      "64:ff9b:1::1 | 64:ff9b:1::/48 | TRANSLATION | false",        // RFC 8215
      "100::1 | 100::/64 | DISCARD | false",                        // RFC 6666
      "2001::1 | 2001::/32 | TEREDO | false",                       // RFC 4380 (N/A, inside 2001::/23)
      "2001:1::1 | 2001:1::1/128 | ANYCAST | true",                 // RFC 7723
      "2001:1::2 | 2001:1::2/128 | ANYCAST | true",                 // RFC 8155
      "2001:1::3 | 2001:1::3/128 | ANYCAST | true",                 // RFC 9665
      "2001:1::4 | 2001::/23 | PROTOCOL_ASSIGNMENTS | false",       // RFC 2928
      "2001:2::1 | 2001:2::/48 | BENCHMARKING | false",             // RFC 5180
      "2001:3::1 | 2001:3::/32 | ANYCAST | true",                   // RFC 7450 AMT
      "2001:4:112::1 | 2001:4:112::/48 | AS112 | true",             // RFC 7535
      "2001:10::1 | 2001:10::/28 | ORCHID | false",                 // RFC 4843 deprecated, N/A
      "2001:20::1 | 2001:20::/28 | ORCHID | true",                  // RFC 7343 ORCHIDv2
      "2001:30::1 | 2001:30::/28 | ORCHID | true",                  // RFC 9374 DETs
      "2001:db8::1 | 2001:db8::/32 | DOCUMENTATION | false",        // RFC 3849
      "2002:c000:0201::1 | 2002::/16 | SIX_TO_FOUR | true",         // RFC 3056
      "2620:4f:8000::1 | 2620:4f:8000::/48 | AS112 | true",         // RFC 7534
      "3fff::1 | 3fff::/20 | DOCUMENTATION | false",                // RFC 9637
      "5f00::1 | 5f00::/16 | SEGMENT_ROUTING | false",              // RFC 9602
      "fd12:3456::1 | fc00::/7 | UNIQUE_LOCAL | false",             // RFC 4193
      "fe80::1 | fe80::/10 | LINK_LOCAL | false",                   // RFC 4291 §2.5.6
      "fec0::1 | fec0::/10 | SITE_LOCAL | false",                   // RFC 3879
      "ff02::1 | ff00::/8 | MULTICAST | false",                     // RFC 4291 §2.7 link-local scope
      "ff0e::1 | ff00::/8 | MULTICAST | true",                      // global scope
  })
  void registryFacts(String address, String innermost, Category category, boolean global) {
    IpAddress a = IpAddress.parse(address);
    List<SpecialBlock> blocks = SpecialPurposeRegistry.blocksContaining(a);
    SpecialBlock inner = blocks.get(blocks.size() - 1);
    assertEquals(innermost, inner.network().canonical().toString());
    assertEquals(category, inner.category());
    assertEquals(global, SpecialPurposeRegistry.isGloballyReachable(a), "globally reachable");
  }

  @ParameterizedTest
  @CsvSource({"8.8.8.8", "1.1.1.1", "192.0.3.1", "100.63.255.255", "100.128.0.0", "172.15.255.255", "172.32.0.0",
      "198.17.255.255", "198.20.0.0", "223.255.255.255", "2606:4700::1111", "2a00:1450::1"})
  void ordinaryGlobalUnicast(String address) {
    IpAddress a = IpAddress.parse(address);
    assertTrue(SpecialPurposeRegistry.blocksContaining(a).isEmpty(), () -> address + " in "
        + SpecialPurposeRegistry.blocksContaining(a));
    assertTrue(SpecialPurposeRegistry.isGloballyReachable(a));
  }

  /** Every block contains its first and last address, and nothing just outside unless another block does. */
  @Test
  void everyBlockEdge() {
    for (SpecialBlock b : SpecialPurposeRegistry.all()) {
      IpNetwork n = b.network();
      assertTrue(SpecialPurposeRegistry.blocksContaining(n.network()).contains(b), b.toString());
      assertTrue(SpecialPurposeRegistry.blocksContaining(n.lastAddress()).contains(b), b.toString());
      BigInteger before = n.network().toBigInteger().subtract(BigInteger.ONE);
      if (before.signum() >= 0) {
        assertFalse(SpecialPurposeRegistry.blocksContaining(IpAddress.of(n.version(), before)).contains(b), b.toString());
      }
      BigInteger after = n.lastAddress().toBigInteger().add(BigInteger.ONE);
      if (after.bitLength() <= n.address().bits()) {
        assertFalse(SpecialPurposeRegistry.blocksContaining(IpAddress.of(n.version(), after)).contains(b), b.toString());
      }
      assertFalse(n.hasHostBits(), "registry prefixes are canonical: " + b);
    }
  }

  @Test
  void registryIsComplete() {
    // Every entry of the IANA registries as of 2024: 25 IPv4 rows, 24 IPv6 rows (with RFC 9602 and RFC 9637).
    assertEquals(25, SpecialPurposeRegistry.all().stream().filter(b -> b.iana() && b.network().version() == 4).count());
    assertEquals(24, SpecialPurposeRegistry.all().stream().filter(b -> b.iana() && b.network().version() == 6).count());
  }

  @Test
  void privateNetworks() {
    assertTrue(SpecialPurposeRegistry.isPrivate(IpNetwork.parse("192.168.1.0/24")));
    assertTrue(SpecialPurposeRegistry.isPrivate(IpNetwork.parse("10.0.0.0/8")));
    assertTrue(SpecialPurposeRegistry.isPrivate(IpNetwork.parse("fd00::/8")));
    assertFalse(SpecialPurposeRegistry.isPrivate(IpNetwork.parse("10.0.0.0/7")), "straddles 10/8 and 11/8");
    assertFalse(SpecialPurposeRegistry.isPrivate(IpNetwork.parse("0.0.0.0/0")));
    assertFalse(SpecialPurposeRegistry.isPrivate(IpNetwork.parse("8.8.8.0/24")));
    assertFalse(SpecialPurposeRegistry.isPrivate(IpNetwork.parse("192.0.0.9/32")));
  }

  @Test
  void multipleBlocksListedOutsideIn() {
    List<String> names = SpecialPurposeRegistry.blocksContaining(IpAddress.parse("192.0.0.9")).stream()
        .map(b -> b.network().toString()).collect(Collectors.toList());
    assertEquals(List.of("192.0.0.0/24", "192.0.0.9/32"), names);
  }
}

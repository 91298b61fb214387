package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.IPv6Dissector.*;

import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/**
 * The addresses tshark derives from special IPv6 source and destination addresses, each as a
 * specific field ({@code ipv6.src_6to4_gw_ipv4}, shown) and a generic one
 * ({@code ipv6.6to4_gw_ipv4}, hidden), in Wireshark's order: 6to4, Teredo, SLAAC, ISATAP,
 * NAT64-embedded IPv4; source before destination within each kind.
 */
final class IPv6Addresses {
  /** RFC 6052 section 2.1 well-known prefix 64:ff9b::/96. */
  private static final int[] NAT64_PREFIX = {0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};

  private IPv6Addresses() {}

  /** Emits the derived fields of the addresses at {@code src} and {@code dst} (both captured). */
  static void derived(Tree t, int src, int dst) {
    sixToFour(t, src, SRC_6TO4_GW_IPV4, SRC_6TO4_SLA_ID);
    sixToFour(t, dst, DST_6TO4_GW_IPV4, DST_6TO4_SLA_ID);
    teredo(t, src, SRC_TS_IPV4, SRC_TC_PORT, SRC_TC_IPV4);
    teredo(t, dst, DST_TS_IPV4, DST_TC_PORT, DST_TC_IPV4);
    slaac(t, src, SRC_SLAAC_MAC);
    slaac(t, dst, DST_SLAAC_MAC);
    isatap(t, src, SRC_ISATAP_IPV4);
    isatap(t, dst, DST_ISATAP_IPV4);
    embedded(t, src, SRC_EMBED_IPV4);
    embedded(t, dst, DST_EMBED_IPV4);
  }

  /** RFC 3056 section 2: 2002:GGGG:GGGG:SSSS::/64. */
  private static void sixToFour(Tree t, int a, Field gateway, Field slaId) {
    if (t.u16(a) != 0x2002) {
      return;
    }
    t.bytes(gateway, a + 2, 4);
    t.uint(slaId, a + 6, 2);
    t.bytes(GW_6TO4_IPV4, a + 2, 4);
    t.uint(SLA_ID_6TO4, a + 6, 2);
  }

  /** RFC 4380 section 4: 2001:0000:server:flags:port^ffff:client^ffffffff. */
  private static void teredo(Tree t, int a, Field server, Field port, Field client) {
    if (t.u32(a) != 0x20010000L) {
      return;
    }
    int mappedPort = t.u16(a + 10) ^ 0xffff;
    byte[] clientAddr = new byte[4];
    for (int i = 0; i < 4; i++) {
      clientAddr[i] = (byte) ~t.u8(a + 12 + i);
    }
    t.bytes(server, a + 4, 4);
    t.number(port, a + 10, 2, mappedPort);
    t.object(client, a + 12, 4, clientAddr);
    t.bytes(TS_IPV4, a + 4, 4);
    t.number(TC_PORT, a + 10, 2, mappedPort);
    t.object(TC_IPV4, a + 12, 4, clientAddr);
  }

  /** RFC 4291 appendix A: a modified EUI-64 interface identifier (U/L bit set, ff:fe in the middle). */
  private static void slaac(Tree t, int a, Field mac) {
    if ((t.u8(a + 8) & 0x02) == 0 || t.u16(a + 11) != 0xfffe) {
      return;
    }
    byte[] m = new byte[6];
    for (int i = 0; i < 3; i++) {
      m[i] = (byte) t.u8(a + 8 + i);
      m[3 + i] = (byte) t.u8(a + 13 + i);
    }
    m[0] &= ~0x02;
    t.object(mac, a + 8, 8, m);
    t.object(SLAAC_MAC, a + 8, 8, m);
  }

  /** RFC 5214 section 6.1: interface identifier 0000:5efe or 0200:5efe followed by an IPv4 address. */
  private static void isatap(Tree t, int a, Field ipv4) {
    if ((t.u32(a + 8) & 0xfcffffffL) != 0x00005efeL) {
      return;
    }
    t.bytes(ipv4, a + 12, 4);
    t.bytes(ISATAP_IPV4, a + 12, 4);
  }

  /** RFC 6052: the well-known NAT64 prefix with the IPv4 address in the last 32 bits. */
  private static void embedded(Tree t, int a, Field ipv4) {
    for (int i = 0; i < NAT64_PREFIX.length; i++) {
      if (t.u8(a + i) != NAT64_PREFIX[i]) {
        return;
      }
    }
    t.bytes(EMBED_IPV4_PREFIX, a, 12);
    t.bytes(ipv4, a + 12, 4);
    t.bytes(EMBED_IPV4, a + 12, 4);
  }
}

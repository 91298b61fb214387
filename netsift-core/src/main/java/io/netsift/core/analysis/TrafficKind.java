package io.netsift.core.analysis;

import io.netsift.core.dissect.Dissection;
import io.netsift.core.field.Addresses;

/**
 * The address types of tshark's conversation and endpoint tables ({@code eth}, {@code ip},
 * {@code ipv6}, {@code tcp}, {@code udp}): which layers count and how their addresses read.
 * Layers inside an ICMP error message are not traffic of their own and are skipped.
 */
enum TrafficKind {
  ETH("eth", "Ethernet", false), IP("ip", "IPv4", false), IPV6("ipv6", "IPv6", false),
  TCP("tcp", "TCP", true), UDP("udp", "UDP", true);

  final String protocol;
  final String title;
  final boolean ports;

  TrafficKind(String protocol, String title, boolean ports) {
    this.protocol = protocol;
    this.title = title;
    this.ports = ports;
  }

  /**
   * The kind named {@code name} for tap {@code tap} (its name starts the error message).
   *
   * @throws IllegalArgumentException for a name that is not eth, ip, ipv6, tcp or udp
   */
  static TrafficKind of(String name, String tap) {
    for (TrafficKind k : values()) {
      if (k.protocol.equals(name)) {
        return k;
      }
    }
    throw new IllegalArgumentException(tap + ": unknown type \"" + name + "\" (use eth, ip, ipv6, tcp or udp)");
  }

  /** Receives one address pair of a packet. */
  interface Sink {
    void pair(String src, int srcPort, String dst, int dstPort, long key);
  }

  /** Reports every layer of this kind in {@code d} (usually one). */
  void each(Dissection d, Sink sink) {
    byte[] b = d.data();
    boolean inError = false;
    for (int i = 1; i < d.layerCount(); i++) {
      if (d.dissector(i).quotesErrorPackets()) {
        inError = true;
        continue;
      }
      if (inError || !d.dissector(i).name().equals(protocol)) {
        continue;
      }
      int s = d.start(i);
      switch (this) {
        case ETH:
          if (d.end(i) - s >= 12) {
            sink.pair(Addresses.mac(b, s + 6), 0, Addresses.mac(b, s), 0, -1);
          }
          break;
        case IP:
          if (d.end(i) - s >= 20) {
            sink.pair(Addresses.ipv4(b, s + 12), 0, Addresses.ipv4(b, s + 16), 0, -1);
          }
          break;
        case IPV6:
          if (d.end(i) - s >= 40) {
            sink.pair(Addresses.ipv6(b, s + 8), 0, Addresses.ipv6(b, s + 24), 0, -1);
          }
          break;
        default:
          int ip = enclosingIp(d, i);
          if (ip < 0 || d.end(i) - s < 4) {
            break;
          }
          int is = d.start(ip);
          boolean v6 = d.dissector(ip).name().equals("ipv6");
          String src = v6 ? Addresses.ipv6(b, is + 8) : Addresses.ipv4(b, is + 12);
          String dst = v6 ? Addresses.ipv6(b, is + 24) : Addresses.ipv4(b, is + 16);
          int sp = (b[s] & 0xff) << 8 | b[s + 1] & 0xff;
          int dp = (b[s + 2] & 0xff) << 8 | b[s + 3] & 0xff;
          // tshark keys TCP conversations by stream index, so a reused port pair is a new row.
          long key = this == TCP ? d.annotation(i, 0) : -1;
          sink.pair(src, sp, dst, dp, key);
      }
    }
  }

  private static int enclosingIp(Dissection d, int layer) {
    for (int i = layer - 1; i > 0; i--) {
      String n = d.dissector(i).name();
      if (n.equals("ip") || n.equals("ipv6")) {
        return i;
      }
    }
    return -1;
  }
}

package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;

/**
 * What an application-layer dissector needs from the TCP or UDP layer that carries it: which
 * layer that is, its ports and its stream index ({@code tcp.stream}/{@code udp.stream}), and the
 * addresses of the IP layer below it. Read from the layer table, so transports stay private.
 */
public final class Transport {
  /** The payload item's tree line, as tshark writes it: "UDP payload (57 bytes)". */
  static io.netsift.core.field.Field.TreeLine payloadLine(String protocol) {
    return (b, o, n) -> protocol + " payload (" + n + " byte" + (n == 1 ? "" : "s") + ")";
  }

  private Transport() {}

  /** Index of the nearest {@code tcp} or {@code udp} layer before {@code layer}, or -1. */
  public static int find(Dissection d, int layer) {
    for (int i = layer - 1; i > 0; i--) {
      String name = d.dissector(i).name();
      if (name.equals("tcp") || name.equals("udp")) {
        return i;
      }
      if (name.equals("ip") || name.equals("ipv6")) {
        return -1;
      }
    }
    return -1;
  }

  /**
   * The dissector an earlier packet announced with {@link Dissection#expect} for the destination
   * endpoint, else for the source endpoint, of a packet in IP layer {@code ip}; null for none.
   */
  static Dissector announced(Dissection d, Protocols.Table table,
      int ip, int sport, int dport) {
    if (ip < 0 || !(d.portExpected(dport) || d.portExpected(sport))) {
      return null;
    }
    Dissector a = d.portExpected(dport) ? d.expected(table, dstAddress(d, ip), dport) : null;
    if (a == null && d.portExpected(sport)) {
      a = d.expected(table, srcAddress(d, ip), sport);
    }
    return a;
  }

  public static boolean isTcp(Dissection d, int transport) {
    return transport >= 0 && d.dissector(transport).name().equals("tcp");
  }

  public static int srcPort(Dissection d, int transport) {
    return transport < 0 || d.length(transport) < 4 ? 0 : Bytes.u16(d.data(), d.start(transport));
  }

  public static int dstPort(Dissection d, int transport) {
    return transport < 0 || d.length(transport) < 4 ? 0 : Bytes.u16(d.data(), d.start(transport) + 2);
  }

  /** The stream index ({@code tcp.stream} or {@code udp.stream}), or -1 when there is none. */
  public static long stream(Dissection d, int transport) {
    // Both transports keep the stream index as their first annotation.
    return transport < 0 ? -1 : d.annotation(transport, 0);
  }

  /** Index of the IP layer that carries {@code transport}, or -1. */
  public static int ip(Dissection d, int transport) {
    return EnclosingIp.find(d, transport);
  }

  /** Whether IP layer {@code ip} is IPv6. */
  public static boolean isV6(Dissection d, int ip) {
    return ip >= 0 && EnclosingIp.isV6(d, ip);
  }

  /**
   * The length of TCP layer {@code tcp}'s payload as the IP header declares it ({@code tcp.len};
   * a snap length may have cut the captured bytes shorter), or -1 when tshark has none: no IP
   * layer, a segment quoted in an ICMP error, or a header longer than the segment.
   */
  public static long tcpSegmentLength(Dissection d, int tcp) {
    int ip = EnclosingIp.find(d, tcp);
    if (ip < 0 || EnclosingIp.inErrorPacket(d, tcp) || d.length(tcp) < 20) {
      return -1;
    }
    int s = d.start(tcp);
    int hlen = (d.data()[s + 12] & 0xf0) >> 2;
    long seglen = EnclosingIp.reportedEnd(d, ip, d.end(tcp)) - s - hlen;
    return hlen < 20 || seglen < 0 ? -1 : seglen;
  }

  /**
   * TCP layer {@code tcp}'s sequence number as tshark shows it ({@code tcp.seq}: relative to the
   * direction's base, which a SYN with a new initial number moves).
   */
  public static long tcpSeq(Dissection d, int tcp) {
    return d.annotation(tcp, 1); // TcpDissector keeps tcp.seq as its second annotation
  }

  /** TCP layer {@code tcp}'s {@code tcp.ack} (relative when the ACK flag is set, raw otherwise). */
  public static long tcpAck(Dissection d, int tcp) {
    return d.annotation(tcp, 2); // and tcp.ack as its third
  }

  /** Whether {@code layer} lies in the datagram an ICMP or ICMPv6 error quotes. */
  public static boolean inErrorPacket(Dissection d, int layer) {
    return EnclosingIp.inErrorPacket(d, layer);
  }

  /** The source address of IP layer {@code ip} as text (dotted quad or RFC 5952 IPv6). */
  public static String srcAddress(Dissection d, int ip) {
    return address(d, ip, EnclosingIp.src(d, ip));
  }

  /** The destination address of IP layer {@code ip} as text. */
  public static String dstAddress(Dissection d, int ip) {
    return address(d, ip, EnclosingIp.dst(d, ip));
  }

  private static String address(Dissection d, int ip, int at) {
    if (ip < 0) {
      return "";
    }
    return EnclosingIp.isV6(d, ip)
        ? io.netsift.core.field.Addresses.ipv6(d.data(), at)
        : io.netsift.core.field.Addresses.ipv4(d.data(), at);
  }
}

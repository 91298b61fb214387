package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Dissection;

/**
 * What an application-layer dissector needs from the TCP or UDP layer that carries it: which
 * layer that is, its ports and its stream index ({@code tcp.stream}/{@code udp.stream}), and the
 * addresses of the IP layer below it. Read from the layer table, so transports stay private.
 */
public final class Transport {
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

package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;

/**
 * What a transport or ICMP layer needs from the IP header that carries it: the nearest
 * preceding {@code ip} or {@code ipv6} layer, its addresses (for conversation keys and
 * checksum pseudo-headers), its TTL or hop limit, and the payload length the header declares
 * (tshark's "reported length", which a snap length may cut short in the captured bytes).
 * Everything is read from the layer table at fixed offsets, so the IP dissectors stay free to
 * shape their own fields.
 */
final class EnclosingIp {
  static final int IPV4_HEADER = 20;
  static final int IPV6_HEADER = 40;

  private EnclosingIp() {}

  /** Index of the nearest {@code ip}/{@code ipv6} layer before {@code layer} whose header was captured, or -1. */
  static int find(Dissection d, int layer) {
    for (int i = layer - 1; i > 0; i--) {
      Dissector p = d.dissector(i);
      if (p instanceof IPv4Dissector) {
        return d.length(i) >= IPV4_HEADER ? i : -1;
      }
      if (p instanceof IPv6Dissector) {
        return d.length(i) >= IPV6_HEADER ? i : -1;
      }
    }
    return -1;
  }

  static boolean isV6(Dissection d, int ip) {
    return d.dissector(ip) instanceof IPv6Dissector;
  }

  /** Absolute index of the source address. */
  static int src(Dissection d, int ip) {
    return d.start(ip) + (isV6(d, ip) ? 8 : 12);
  }

  /** Absolute index of the destination address. */
  static int dst(Dissection d, int ip) {
    return d.start(ip) + (isV6(d, ip) ? 24 : 16);
  }

  static int addressLength(Dissection d, int ip) {
    return isV6(d, ip) ? 16 : 4;
  }

  /** The IPv4 TTL or IPv6 hop limit. */
  static int ttl(Dissection d, int ip) {
    return Bytes.u8(d.data(), d.start(ip) + (isV6(d, ip) ? 7 : 8));
  }

  /**
   * End of the IP payload as the header declares it, capped by the frame's length on the wire
   * (tshark's reported length: bytes a snap length dropped still count, bytes the header claims
   * beyond the frame do not). Falls back to {@code capturedEnd} when there is no IP layer or the
   * length field is zero (TSO, jumbograms).
   */
  static int reportedEnd(Dissection d, int ip, int capturedEnd) {
    if (ip < 0 || capturedEnd > d.frameStart() + d.capturedLength()) {
      // No IP header, or a reassembled datagram: every byte of it is there.
      return capturedEnd;
    }
    int s = d.start(ip);
    int declared = Bytes.u16(d.data(), s + (isV6(d, ip) ? 4 : 2));
    if (declared == 0) {
      return capturedEnd;
    }
    long end = isV6(d, ip) ? (long) s + IPV6_HEADER + declared : (long) s + declared;
    if (inErrorPacket(d, ip)) {
      // A quoted datagram is cut short by design (RFC 792: header + 64 bits); its own length
      // field says how long it was, and missing bytes are never an error.
      return (int) Math.max(capturedEnd, Math.min(end, Integer.MAX_VALUE));
    }
    // The IP layer's own reported end: the frame's wire length, or less when an encapsulation
    // (a PPPoE payload length) bounded the datagram.
    long wire = d.start(ip) + Truncation.reportedLength(d, ip);
    return (int) Math.max(capturedEnd, Math.min(end, wire));
  }

  /**
   * Whether {@code layer} lies inside the quoted datagram of an ICMP or ICMPv6 error, where
   * tshark tracks no conversation state (the summary columns need no check: {@code
   * Walk.columns} stops at the ICMP layer).
   */
  static boolean inErrorPacket(Dissection d, int layer) {
    for (int i = layer - 1; i > 0; i--) {
      if (d.dissector(i).quotesErrorPackets()) {
        return true;
      }
    }
    return false;
  }

  /** One's-complement sum of the RFC 793 / RFC 8200 pseudo-header (addresses, protocol, length). */
  static int pseudoHeaderSum(Dissection d, int ip, int protocol, int length) {
    int n = addressLength(d, ip);
    int sum = onesSum(d.data(), src(d, ip), n, 0);
    sum = onesSum(d.data(), dst(d, ip), n, sum);
    if (isV6(d, ip)) {
      sum += (length >>> 16) + (length & 0xffff) + protocol;
    } else {
      sum += protocol + (length & 0xffff);
    }
    return fold(sum);
  }

  /** Adds {@code len} bytes at {@code from} to a one's-complement sum (RFC 1071). */
  static int onesSum(byte[] b, int from, int len, int sum) {
    long s = sum;
    int end = from + len;
    int i = from;
    for (; i + 1 < end; i += 2) {
      s += (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
    }
    if (i < end) {
      s += (b[i] & 0xff) << 8;
    }
    while ((s >>> 16) != 0) {
      s = (s & 0xffff) + (s >>> 16);
    }
    return (int) s;
  }

  static int fold(int sum) {
    long s = sum & 0xffffffffL;
    while ((s >>> 16) != 0) {
      s = (s & 0xffff) + (s >>> 16);
    }
    return (int) s;
  }
}

#!/usr/bin/env python3
"""Writes crafted.pcap: tunnel headers the corpus lacks (GRE checksum, routing and PPTP
versions, ERSPAN types I and III, VXLAN with GBP, GENEVE options, GTP extension headers and
GTPv1-C, Teredo origin indication, L2TP data and control, ESP, AH over IPv4 and IPv6, NAT-T,
IP-in-IP, 6in4 with 6to4 addresses, GRE over IPv6) plus truncated frames.

Usage: crafted.py OUT.pcap
"""
import struct
import sys


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def ip4(proto, payload, src="10.0.0.1", dst="10.0.0.2", ident=1):
    a = bytes(int(x) for x in src.split("."))
    b = bytes(int(x) for x in dst.split("."))
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident, 0, 64, proto, 0, a, b)
    h = h[:10] + struct.pack("!H", csum(h)) + h[12:]
    return h + payload


def v6addr(s):
    import ipaddress
    return ipaddress.IPv6Address(s).packed


def ip6(nxt, payload, src="2001:db8::1", dst="2001:db8::2"):
    return struct.pack("!IHBB", 0x60000000, len(payload), nxt, 64) + v6addr(src) + v6addr(dst) + payload


def udp(sport, dport, payload):
    return struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload


def udp6(sport, dport, payload, src="2001:db8::1", dst="2001:db8::2"):
    n = 8 + len(payload)
    pseudo = v6addr(src) + v6addr(dst) + struct.pack("!IxxxB", n, 17)
    u = struct.pack("!HHHH", sport, dport, n, 0) + payload
    c = csum(pseudo + u) or 0xFFFF
    return u[:6] + struct.pack("!H", c) + u[8:]


def tcp_syn(sport=40000, dport=80):
    return struct.pack("!HHIIBBHHH", sport, dport, 1000, 0, 0x50, 0x02, 8192, 0, 0)


def icmp_echo(ident=7, seq=1, data=b"abcdefgh"):
    h = struct.pack("!BBHHH", 8, 0, 0, ident, seq) + data
    return h[:2] + struct.pack("!H", csum(h)) + h[4:]


def icmp6_echo(src="2001:db8::1", dst="2001:db8::2"):
    body = struct.pack("!BBHHH", 128, 0, 0, 9, 3) + b"ping"
    pseudo = v6addr(src) + v6addr(dst) + struct.pack("!IxxxB", len(body), 58)
    c = csum(pseudo + body)
    return body[:2] + struct.pack("!H", c) + body[4:]


def eth(payload, etype=0x0800, dst=b"\x00\x11\x22\x33\x44\x55", src=b"\x00\x66\x77\x88\x99\xaa"):
    return dst + src + struct.pack("!H", etype) + payload


def arp_request():
    return struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 1, b"\x00\x66\x77\x88\x99\xaa",
                       bytes([192, 168, 1, 1]), b"\0" * 6, bytes([192, 168, 1, 2]))


def gre(flags, proto, payload, key=None, seq=None, ack=None, checksum=False, routing=None):
    h = struct.pack("!HH", flags, proto)
    opt = b""
    if flags & 0xC000:
        opt += b"\0\0\0\0"
    if key is not None:
        opt += struct.pack("!I", key)
    if seq is not None:
        opt += struct.pack("!I", seq)
    if ack is not None:
        opt += struct.pack("!I", ack)
    if routing is not None:
        opt += routing
    pkt = h + opt + payload
    if checksum:
        c = csum(pkt)
        pkt = pkt[:4] + struct.pack("!H", c) + pkt[6:]
    return pkt


frames = []
inner_udp = ip4(17, udp(1234, 5678, b"hello"), "192.168.1.1", "192.168.1.2")
# GRE with checksum, key and sequence number over IPv4/UDP.
frames.append(eth(ip4(47, gre(0xB000, 0x0800, inner_udp, key=0x1234, seq=7, checksum=True))))
# GRE with a wrong checksum over IPv6/UDP.
g = bytearray(gre(0x8000, 0x86DD, ip6(17, udp6(53000, 9999, b"x"))))
g[4] ^= 0xFF
frames.append(eth(ip4(47, bytes(g))))
# ERSPAN type I (no sequence number) over GRE: Ethernet/IPv4/ICMP.
frames.append(eth(ip4(47, gre(0x0000, 0x88BE, eth(ip4(1, icmp_echo(), "172.16.0.1", "172.16.0.2"))))))
# ERSPAN type III with a platform sub-header (id 3): Ethernet/ARP.
e3 = struct.pack("!HHIHH", 0x2000 | 100, 0x0000 | 0x0400 | 5, 0x01020304, 42, 0x8000 | (0 << 10) | (3 << 4) | 0x8 | 0x2 | 1)
e3 += struct.pack("!II", (3 << 26) | 77, 0xAABBCCDD)
frames.append(eth(ip4(47, gre(0x1000, 0x22EB, e3 + eth(arp_request(), 0x0806), seq=99))))
# Enhanced GRE (PPTP, version 1) with key, sequence and acknowledgment: PPP.
ppp = b"\xff\x03\x00\x21" + ip4(17, udp(1, 2, b"z"), "10.9.9.1", "10.9.9.2")
last = [eth(ip4(47, gre(0x3081, 0x880B, ppp, key=(len(ppp) << 16) | 0x4321, seq=5, ack=4)))]
# GRE with routing (RFC 1701): one SRE and the terminator.
sre = struct.pack("!HBB", 0x0800, 0, 8) + bytes([10, 0, 0, 9, 10, 0, 0, 10]) + struct.pack("!HBB", 0, 0, 0)
frames.append(eth(ip4(47, gre(0x4000, 0x0800, inner_udp, routing=sre))))
# VXLAN with the group policy extension: Ethernet/IPv4/TCP.
vx = struct.pack("!HHI", 0x8848, 5, 0x123456 << 8)
frames.append(eth(ip4(17, udp(40001, 4789, vx + eth(ip4(6, tcp_syn(), "172.20.0.1", "172.20.0.2"))))))
# GENEVE with two options (one critical), carrying IPv4 directly.
opts = struct.pack("!HBB", 0x0101, 0x81, 1) + b"\x01\x02\x03\x04"
opts += struct.pack("!HBB", 0x0000, 0x05, 0) 
gn = struct.pack("!BBHI", len(opts) // 4, 0x40, 0x0800, 0xABCDEF << 8) + opts
frames.append(eth(ip4(17, udp(40002, 6081, gn + ip4(17, udp(7, 7, b"echo"), "172.30.0.1", "172.30.0.2")))))
# GTP-U with a PDU session container extension header: IPv4/ICMP.
inner = ip4(1, icmp_echo(3, 4), "10.45.0.2", "8.8.8.8")
ext = bytes([1, 0x10, 0x09, 0x00])  # length 1 (4 bytes): PDU type 1 (UL), QFI 9, next 0
gtp = struct.pack("!BBHIHBB", 0x36, 0xFF, 4 + len(ext) + len(inner), 0x11223344, 0x0102, 0, 0x85) + ext + inner
frames.append(eth(ip4(17, udp(2152, 2152, gtp))))
# GTP-U echo request with a sequence number.
frames.append(eth(ip4(17, udp(2152, 2152, struct.pack("!BBHIHBB", 0x32, 0x01, 4, 0, 0x0007, 0, 0)))))
# GTPv1-C create PDP context request: the header and undecoded IEs.
ies = bytes([0x0E, 0x05, 0x10, 0x00, 0x00, 0x00, 0x01])
frames.append(eth(ip4(17, udp(2123, 2123, struct.pack("!BBHIHBB", 0x32, 0x10, 4 + len(ies), 0, 0x1234, 0, 0) + ies))))
# GTP-U with a PDCP PDU number extension header, then an IPv6 datagram.
inner6 = ip6(17, udp6(1000, 2000, b"v6"))
ext = bytes([1, 0x12, 0x34, 0x00])
gtp = struct.pack("!BBHIHBB", 0x34, 0xFF, 4 + len(ext) + len(inner6), 0x55, 0, 0, 0xC0) + ext + inner6
frames.append(eth(ip4(17, udp(2152, 2152, gtp))))
# Teredo with an origin indication: IPv6 (Teredo addresses)/UDP.
org = struct.pack("!HH", 0x0000, 0x1234 ^ 0xFFFF) + bytes(x ^ 0xFF for x in [192, 0, 2, 45])
t6s, t6d = "2001:0:4136:e378:8000:63bf:3fff:fdd2", "2001:db8::7"
frames.append(eth(ip4(17, udp(3544, 40003, org + ip6(17, udp6(4000, 5000, b"teredo", t6s, t6d), t6s, t6d)))))
# L2TPv2 data message with length, sequence and offset fields: PPP.
ppp = b"\xff\x03\x00\x21" + ip4(17, udp(11, 12, b"l2"), "10.8.0.1", "10.8.0.2")
l2 = struct.pack("!HHHHHHH", 0x4A02, 14 + len(ppp), 7, 9, 1, 2, 0) + ppp
last.append(eth(ip4(17, udp(1701, 1701, l2))))
# L2TPv2 control message: Hello.
avp = struct.pack("!HHHH", 0x8008, 0, 0, 6)
frames.append(eth(ip4(17, udp(1701, 1701, struct.pack("!HHHHHH", 0xC802, 12 + len(avp), 3, 0, 1, 2) + avp))))
# ESP over IPv4.
frames.append(eth(ip4(50, struct.pack("!II", 0xDEADBEEF, 42) + bytes(range(32)))))
# AH over IPv4, then TCP.
ah = struct.pack("!BBHII", 6, 4, 0, 0x100, 3) + bytes(12)
frames.append(eth(ip4(51, ah + tcp_syn(40004, 443))))
# AH over IPv6, then ICMPv6.
ah = struct.pack("!BBHII", 58, 4, 0, 0x200, 9) + bytes(range(12))
frames.append(eth(ip6(51, ah + icmp6_echo()), 0x86DD))
# NAT-T keepalive, non-ESP marker (IKE), ESP in UDP.
frames.append(eth(ip4(17, udp(4500, 4500, b"\xff"))))
frames.append(eth(ip4(17, udp(4500, 4500, b"\0\0\0\0" + bytes(28)))))
frames.append(eth(ip4(17, udp(4500, 4500, struct.pack("!II", 0x01020304, 1) + bytes(24)))))
# IP-in-IP, 6in4 with 6to4 addresses.
frames.append(eth(ip4(4, ip4(17, udp(53, 53, b"\0" * 12), "192.168.7.1", "192.168.7.2"))))
s64, d64 = "2002:c000:201::1", "2002:c633:6401::2"
frames.append(eth(ip4(41, ip6(6, tcp_syn(40005, 80), s64, d64), "192.0.2.1", "198.51.100.1")))
# GRE over IPv6, carrying IPv4/ICMP.
frames.append(eth(ip6(47, gre(0x2000, 0x0800, ip4(1, icmp_echo(), "172.16.9.1", "172.16.9.2"), key=1)), 0x86DD))
# GRE keepalive (type 0, no payload); GRE to an unknown type with data.
frames.append(eth(ip4(47, gre(0x0000, 0x0000, b""))))
frames.append(eth(ip4(47, gre(0x0000, 0x1234, b"\x01\x02\x03"))))
truncated = []
# truncated headers: GRE, VXLAN, GTP, ESP (IP lengths say more than the frame holds).
truncated.append(eth(ip4(47, gre(0x2000, 0x0800, b"", key=5)))[:14 + 20 + 6])
truncated.append(eth(ip4(17, udp(40006, 4789, vx)))[:14 + 20 + 8 + 5])
truncated.append(eth(ip4(17, udp(2152, 2152, struct.pack("!BBHI", 0x30, 0xFF, 0, 1))))[:14 + 20 + 8 + 6])
truncated.append(eth(ip4(50, struct.pack("!II", 1, 2) + bytes(8)))[:14 + 20 + 6])

with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    t = 1700000000
    for i, fr in enumerate(frames):
        f.write(struct.pack("<IIII", t + i, 0, len(fr), len(fr)) + fr)
    # Written as they were on the wire: the capture holds all the (short) bytes there are.
    # The frames carrying PPP come last: until a PPP dissector is registered their inner UDP is
    # not seen, which would shift the udp.stream numbers of every later frame.
    for j, fr in enumerate(truncated + last):
        f.write(struct.pack("<IIII", t + len(frames) + j, 0, len(fr), len(fr)) + fr)
    # A GTP-U T-PDU cut by a 60-byte snap length inside its extension header.
    fr = eth(ip4(17, udp(2152, 2152, struct.pack("!BBHIHBB", 0x34, 0xFF, 8 + 28, 1, 0, 0, 0x85)
                         + bytes([1, 0x10, 0x09, 0x00]) + ip4(1, icmp_echo()))))
    f.write(struct.pack("<IIII", t + 100, 0, 52, len(fr)) + fr[:52])
    # Payloads nothing dissects: GENEVE of an unknown type, AH with no next header, a GTP T-PDU
    # that is not IP.
    for j, fr in enumerate([
            eth(ip4(17, udp(40002, 6081, struct.pack("!BBHI", 0, 0, 0x1234, 5 << 8) + b"abc"))),
            eth(ip4(51, struct.pack("!BBHII", 59, 1, 0, 0x300, 1))),
            eth(ip4(17, udp(2152, 2152, struct.pack("!BBHI", 0x30, 0xFF, 4, 9) + b"\x11\x22\x33\x44")))]):
        f.write(struct.pack("<IIII", t + 101 + j, 0, len(fr), len(fr)) + fr)

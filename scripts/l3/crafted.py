#!/usr/bin/env python3
"""Writes crafted.pcap: IGMP, VRRP, SCTP, OSPF and PIM messages the corpus lacks.

Each packet is Ethernet + IPv4 (or IPv6) + one message built here, with correct checksums
unless a case is about a bad one: IGMP v0/v1/v3 queries with sources, v3 reports with every
record type, multicast traceroute, an unknown IGMP type; VRRP with MD5 authentication and a
bad checksum, VRRPv3 over IPv6; SCTP ABORT/SHUTDOWN/ERROR/FORWARD-TSN/ECNE/CWR/unknown chunks,
INIT parameters, padded DATA; OSPF simple authentication, summary/NSSA LSAs and TOS metrics;
PIM over IPv6 with an address list, Graft with a body, an unknown Hello option.

Usage: crafted.py OUT.pcap
"""
import struct
import sys


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(">%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def v4(a):
    return bytes(int(x) for x in a.split("."))


def v6(a):
    import ipaddress
    return ipaddress.IPv6Address(a).packed


def ipv4(src, dst, proto, payload, ttl=1):
    h = bytearray(struct.pack(">BBHHHBBH4s4s", 0x45, 0xC0, 20 + len(payload), 1, 0, ttl, proto, 0, v4(src), v4(dst)))
    struct.pack_into(">H", h, 10, csum(bytes(h)))
    return bytes(h) + payload


def ipv6(src, dst, nxt, payload):
    return struct.pack(">IHBB16s16s", 0x60000000, len(payload), nxt, 255, v6(src), v6(dst)) + payload


def eth(ip, six=False):
    return b"\x01\x00\x5e\x00\x00\x01" + b"\x02\x00\x00\x00\x00\x01" + (b"\x86\xdd" if six else b"\x08\x00") + ip


def fix(msg, at, sum_len=None, pseudo=b""):
    m = bytearray(msg)
    struct.pack_into(">H", m, at, 0)
    n = len(m) if sum_len is None else sum_len
    struct.pack_into(">H", m, at, csum(pseudo + bytes(m[:n])))
    return bytes(m)


def pseudo6(src, dst, length, nxt):
    return v6(src) + v6(dst) + struct.pack(">IxxxB", length, nxt)


def igmp(msg, sum_len=None, src="10.1.0.1", dst="224.0.0.1"):
    return eth(ipv4(src, dst, 2, fix(msg, 2, sum_len)))


frames = []

# ---- IGMP ----
frames.append(igmp(struct.pack(">BBH4s", 0x12, 0, 0, v4("224.1.1.1"))))                      # v1 report
frames.append(igmp(struct.pack(">BBH4s", 0x11, 0, 0, v4("0.0.0.0"))))                        # v1 query
frames.append(igmp(struct.pack(">BBH4s", 0x11, 100, 0, v4("0.0.0.0"))))                      # v2 general
frames.append(igmp(struct.pack(">BBH4s", 0x11, 100, 0, v4("239.1.1.1"))))                    # v2 specific
frames.append(igmp(struct.pack(">BBH4sBBH", 0x11, 0x8A, 0, v4("239.2.2.2"), 0x0A, 125, 2)
                   + v4("10.0.0.1") + v4("10.0.0.2")))                                          # v3 query, sources
frames.append(igmp(struct.pack(">BBH4sBBH", 0x11, 10, 0, v4("0.0.0.0"), 0x02, 60, 0)))        # v3 general
records = (struct.pack(">BBH4s", 1, 0, 2, v4("239.3.3.1")) + v4("10.0.0.1") + v4("10.0.0.2")
           + struct.pack(">BBH4s", 2, 1, 1, v4("239.3.3.2")) + v4("10.0.0.3") + b"\xaa\xbb\xcc\xdd"
           + struct.pack(">BBH4s", 5, 0, 0, v4("239.3.3.3"))
           + struct.pack(">BBH4s", 6, 0, 1, v4("239.3.3.4")) + v4("10.0.0.4")
           + struct.pack(">BBH4s", 4, 0, 3, v4("239.3.3.5")) + v4("10.0.0.5") + v4("10.0.0.6") + v4("10.0.0.7")
           + struct.pack(">BBH4s", 9, 0, 0, v4("239.3.3.6")))
frames.append(igmp(struct.pack(">BBHHH", 0x22, 0, 0, 0, 6) + records, dst="224.0.0.22"))       # v3 report
frames.append(igmp(struct.pack(">BBHHH", 0x22, 0, 0, 0, 0), dst="224.0.0.22"))                 # v3, no records
frames.append(igmp(struct.pack(">BBH4s4s4s4sB", 0x1F, 32, 0, v4("239.4.4.4"), v4("10.0.0.9"), v4("10.0.0.8"),
                               v4("10.0.0.7"), 64) + b"\x00\x00\x2a"))                          # mtrace query
frames.append(igmp(struct.pack(">BBH4s4s4s4sB", 0x1E, 32, 0, v4("239.4.4.4"), v4("10.0.0.9"), v4("10.0.0.8"),
                               v4("10.0.0.7"), 64) + b"\x00\x00\x2a"
                   + struct.pack(">I4s4s4sIIIBBBB", 1000, v4("10.0.1.1"), v4("10.0.1.2"), v4("10.0.1.3"),
                                 5, 6, 7, 3, 2, 0x45, 0x81)))                                   # mtrace response
frames.append(igmp(struct.pack(">BBH", 0x99, 1, 0) + b"\x01\x02\x03\x04"))                    # unknown type
frames.append(igmp(struct.pack(">BBHI4s", 0x01, 1, 0, 77, v4("224.5.5.5")) + b"KEYKEY00", sum_len=20))  # v0
frames.append(igmp(struct.pack(">BBH4s", 0x02, 3, 0, v4("224.5.5.5"))
                   + struct.pack(">I", 78)[:0] + b"\x00" * 12, sum_len=20))                     # v0 reply denied
bad = bytearray(struct.pack(">BBH4s", 0x16, 0, 0, v4("239.9.9.9")))
struct.pack_into(">H", bad, 2, 0x1234)
frames.append(eth(ipv4("10.1.0.1", "239.9.9.9", 2, bytes(bad))))                               # v2, bad checksum

# ---- VRRP ----
vrrp_md5 = bytearray(struct.pack(">BBBBBBH4s", 0x21, 7, 100, 1, 254, 1, 0, v4("10.7.7.7")) + bytes(range(16)))
struct.pack_into(">H", vrrp_md5, 6, 0xBEEF)
frames.append(eth(ipv4("10.1.0.2", "224.0.0.18", 112, bytes(vrrp_md5), ttl=255)))            # md5, bad checksum
vrrp3 = struct.pack(">BBBBHH", 0x31, 9, 255, 1, 100, 0) + v6("fe80::1")
frames.append(eth(ipv6("fe80::2", "ff02::12", 112,
                       fix(vrrp3, 6, pseudo=pseudo6("fe80::2", "ff02::12", len(vrrp3), 112))), six=True))


# ---- SCTP ----
def chunk(ctype, flags, value):
    c = struct.pack(">BBH", ctype, flags, 4 + len(value)) + value
    return c + b"\0" * (-len(c) % 4)


def sctp(chunks, vtag=0x11223344, sport=40000, dport=40001, reply=False):
    src, dst = ("10.2.0.2", "10.2.0.1") if reply else ("10.2.0.1", "10.2.0.2")
    if reply:
        sport, dport = dport, sport
    return eth(ipv4(src, dst, 132, struct.pack(">HHII", sport, dport, vtag, 0xDEADBEEF) + chunks, ttl=64))


def param(ptype, value):
    p = struct.pack(">HH", ptype, 4 + len(value)) + value
    return p + b"\0" * (-len(p) % 4)


init_params = (param(5, v4("10.2.0.1")) + param(9, struct.pack(">I", 1000)) + param(0x8000, b"")
               + param(0x8008, b"\xc0\x82\x0f") + param(0xc006, struct.pack(">I", 0xabcd))
               + param(0x8002, bytes(range(32))) + param(0x8004, struct.pack(">HH", 1, 3))
               + param(0x8003, b"\x00\x03") + param(0x0b, b"host.example\0") + param(0x7777, b"\x01\x02"))
frames.append(sctp(chunk(1, 0, struct.pack(">IIHHI", 0x55667788, 100000, 10, 10, 500) + init_params), vtag=0))
frames.append(sctp(chunk(0, 0x03, struct.pack(">IHHI", 500, 1, 7, 46) + b"hello")
                   + chunk(0, 0x0b, struct.pack(">IHHI", 501, 2, 8, 0) + b"x")))           # padded DATA
sack = chunk(3, 0, struct.pack(">IIHH", 499, 5000, 2, 1) + struct.pack(">HHHH", 2, 3, 5, 7) + struct.pack(">I", 497))
frames.append(sctp(sack, vtag=0x55667788))                                                    # SACK, same way
frames.append(sctp(sack, vtag=0x55667788, reply=True))                                        # SACK, gap, dup
frames.append(sctp(chunk(4, 0, param(1, b"heartbeat-info"))))
frames.append(sctp(chunk(7, 0, struct.pack(">I", 501)) + chunk(8, 0, b"") + chunk(14, 1, b"")))
frames.append(sctp(chunk(6, 1, struct.pack(">HH", 0xc, 8) + b"bye!")))                      # ABORT, T
frames.append(sctp(chunk(9, 0, struct.pack(">HH", 0x99, 6) + b"\x01\x02")))                  # ERROR
frames.append(sctp(chunk(192, 0, struct.pack(">IHH", 600, 1, 2))))                            # FORWARD-TSN
frames.append(sctp(chunk(12, 0, struct.pack(">I", 610)) + chunk(13, 0, struct.pack(">I", 611))))
frames.append(sctp(chunk(0x55, 0x80, b"\x01\x02\x03")))                                      # unknown chunk
frames.append(sctp(chunk(10, 0, b"cookie!!") + chunk(11, 0, b"")))

# ---- OSPF ----
def ospf2(mtype, body, auth_type=0, auth=b"\0" * 8, router="1.1.1.1", area="0.0.0.1"):
    m = struct.pack(">BBH4s4sHH", 2, mtype, 24 + len(body), v4(router), v4(area), 0, auth_type) + auth + body
    m = bytearray(m)
    chk = csum(bytes(m[:16]) + bytes(m[24:]))
    struct.pack_into(">H", m, 12, chk)
    return eth(ipv4("10.3.0.1", "224.0.0.5", 89, bytes(m)))


hello = struct.pack(">4sHBBI4s4s", v4("255.255.255.0"), 10, 0x02, 1, 40, v4("10.3.0.1"), v4("0.0.0.0")) + v4("2.2.2.2")
frames.append(ospf2(1, hello, auth_type=1, auth=b"secret\0\0"))


def lsa2(ltype, lsid, adv, body, options=0x22, age=100):
    return struct.pack(">HBB4s4sIHH", age, options, ltype, v4(lsid), v4(adv), 0x80000001, 0x1234, 20 + len(body)) + body


router = struct.pack(">BBH", 0x81, 0, 1) + struct.pack(">4s4sBBH", v4("10.3.0.0"), v4("255.255.255.0"), 3, 1, 10) \
    + struct.pack(">BBH", 4, 0, 20)
summary = v4("255.255.0.0") + struct.pack(">I", 30)
nssa = v4("255.255.255.0") + struct.pack(">I", 40) + v4("10.3.0.9") + struct.pack(">I", 7)
lsus = lsa2(1, "1.1.1.1", "1.1.1.1", router) + lsa2(3, "10.4.0.0", "1.1.1.1", summary) \
    + lsa2(7, "10.5.0.0", "1.1.1.1", nssa, age=0x8010) + lsa2(4, "9.9.9.9", "1.1.1.1", summary)
frames.append(ospf2(4, struct.pack(">I", 4) + lsus))


# ---- PIM ----
def pim6(ptype, body, src="fe80::1", dst="ff02::d"):
    m = struct.pack(">BBH", 0x20 | ptype, 0, 0) + body
    m = fix(m, 2, pseudo=pseudo6(src, dst, len(m), 103))
    return eth(ipv6(src, dst, 103, m), six=True)


def opt(otype, value):
    return struct.pack(">HH", otype, len(value)) + value


addrlist = struct.pack(">BB", 2, 0) + v6("2001:db8::1") + struct.pack(">BB", 2, 0) + v6("2001:db8::2")
frames.append(pim6(0, opt(1, struct.pack(">H", 105)) + opt(24, addrlist) + opt(65004, b"\x01\x02\x03")))


def pim4(ptype, body):
    m = struct.pack(">BBH", 0x20 | ptype, 0, 0) + body
    return eth(ipv4("10.6.0.1", "224.0.0.13", 103, fix(m, 2)))


graft = struct.pack(">BB4s", 1, 0, v4("10.6.0.2")) + struct.pack(">BBH", 0, 1, 0) \
    + struct.pack(">BBBB4s", 1, 0, 0, 32, v4("239.6.6.6")) + struct.pack(">HH", 1, 0) \
    + struct.pack(">BBBB4s", 1, 0, 4, 32, v4("10.6.0.9"))
frames.append(pim4(6, graft))


def write(path):
    out = [struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1)]
    for i, f in enumerate(frames):
        out.append(struct.pack("<IIII", 1700000000 + i, 0, len(f), len(f)))
        out.append(f)
    open(path, "wb").write(b"".join(out))


if __name__ == "__main__":
    write(sys.argv[1])

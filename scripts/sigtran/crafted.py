#!/usr/bin/env python3
"""Writes crafted-sigtran.pcap: M3UA and SCCP messages the corpus lacks, for SccpDissectorTest.

Each packet is Ethernet + IPv4 + SCTP (one DATA chunk, payload protocol 3) + an M3UA message:
management (ERR with diagnostic, NTFY), SSNM (DUNA with affected point codes and an info
string), ASPSM BEAT with heartbeat data; transfer messages carrying SCCP UDT with global titles
of every ITU indicator (1 to 4) and SSNs that tshark gives to TCAP, UDT with BSSMAP and DTAP
data for the BSSAP heuristic, UDTS, XUDT with hop counter, importance and a single segment,
CREF, RLSD, RLC, DT2, AK, ED, EA, RSR, RSC, ERR, IT and an unknown message type.

Usage: crafted.py OUT.pcap
"""
import struct
import sys


def v4(a):
    return bytes(int(x) for x in a.split("."))


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(">%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def ipv4(src, dst, proto, payload):
    h = bytearray(struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), 1, 0x4000, 64, proto, 0, v4(src), v4(dst)))
    struct.pack_into(">H", h, 10, csum(bytes(h)))
    return bytes(h) + payload


def eth(ip):
    return b"\x00\x0b\xdb\x94\x14\x80" + b"\x00\x0b\xdb\x94\x14\x70" + b"\x08\x00" + ip


TSN = [100]


def sctp(payload, ppid=3, sport=2905, dport=2905):
    TSN[0] += 1
    length = 16 + len(payload)
    chunk = struct.pack(">BBHIHHI", 0, 3, length, TSN[0], 1, TSN[0] & 0xFFFF, ppid) + payload
    chunk += b"\0" * ((4 - length % 4) % 4)
    return struct.pack(">HHII", sport, dport, 0x11223344, 0) + chunk


def param(tag, value):
    p = struct.pack(">HH", tag, 4 + len(value)) + value
    return p + b"\0" * ((4 - len(p) % 4) % 4)


def m3ua(mclass, mtype, params):
    body = b"".join(params)
    return struct.pack(">BBBBI", 1, 0, mclass, mtype, 8 + len(body)) + body


def transfer(sccp, opc=10, dpc=210, si=3):
    return m3ua(1, 1, [param(0x0200, struct.pack(">I", 0)),
                       param(0x0210, struct.pack(">IIBBBB", opc, dpc, si, 2, 0, 5) + sccp),
                       param(0x0006, struct.pack(">I", 7))])


def bcd(digits):
    if len(digits) % 2:
        digits += "0"
    return bytes(int(digits[i]) | int(digits[i + 1]) << 4 for i in range(0, len(digits), 2))


def addr(ssn=None, pc=None, gti=0, gt=b"", ri=None):
    ai = (gti << 2) | (0x02 if ssn is not None else 0) | (0x01 if pc is not None else 0)
    if ri is None:
        ri = 0 if gti else 1
    ai |= ri << 6
    v = bytes([ai])
    if pc is not None:
        v += struct.pack("<H", pc)
    if ssn is not None:
        v += bytes([ssn])
    return v + gt


def var(*params):
    """Pointers and the mandatory variable parameters (each prefixed with its length)."""
    n = len(params)
    ptrs = b""
    body = b""
    for i, p in enumerate(params):
        ptrs += bytes([n - i + len(body)])
        body += bytes([len(p)]) + p
    return ptrs + body


def udt(called, calling, data, cls=0x81, mtype=0x09):
    return bytes([mtype, cls]) + var(called, calling, data)


def lr(n):
    return struct.pack("<I", n)[:3]


GT4 = bytes([0x00, 0x12, 0x04]) + bcd("491720000001")   # TT 0, ISDN/BCD even, international
GT4_ODD = bytes([0x00, 0x11, 0x04]) + bcd("4917200001")[:-1] + bytes([bcd("4917200001")[-1]])
GT1 = bytes([0x84]) + bcd("12345")                        # odd, international
GT2 = bytes([0x0a]) + bcd("9876")
GT3 = bytes([0x00, 0x61]) + bcd("26201123")               # land mobile, BCD odd

sccp_msgs = [
    udt(addr(ssn=6, gti=4, gt=GT4), addr(ssn=8, gti=4, gt=GT4_ODD), b"\x62\x06\x48\x04\x01\x02\x03\x04"),
    udt(addr(ssn=7, pc=300, gti=1, gt=GT1), addr(ssn=149, gti=2, gt=GT2), b"\x64\x00"),
    udt(addr(ssn=146, gti=3, gt=GT3), addr(ssn=0, pc=5), b"\x01\x02\x03", cls=0x00),
    udt(addr(ssn=254, pc=210), addr(ssn=254, pc=10), b"\x00\x03\x55\x01\x02"),        # BSSMAP
    udt(addr(ssn=254, pc=210), addr(ssn=254, pc=10), b"\x01\x80\x03\x05\x24\x01"),    # DTAP
    udt(addr(ssn=254, pc=210), addr(ssn=254, pc=10), b"\x00\x02\x40\x02"),            # RANAP-like
    bytes([0x0a, 0x01]) + var(addr(ssn=6, pc=210), addr(ssn=7, pc=10), b"\xaa\xbb"),   # UDTS
    bytes([0x11, 0x01, 0x0f]) + bytes([4, 8, 12, 14]) + bytes([4]) + addr(ssn=6, pc=210)
    + bytes([4]) + addr(ssn=8, pc=10) + bytes([2, 0xde, 0xad])
    + bytes([0x10, 4, 0x80]) + lr(0x123456) + bytes([0x12, 1, 0x03, 0x00]),         # XUDT
    bytes([0x03]) + lr(0x000101) + bytes([0x03, 0x00]),                                 # CREF
    bytes([0x04]) + lr(0x020100) + lr(0x010100) + bytes([0x03, 0x01, 0x00]),           # RLSD with end
    bytes([0x05]) + lr(0x020100) + lr(0x010100),                                       # RLC
    bytes([0x07]) + lr(0x020100) + bytes([0x02, 0x05, 0x01, 0x03, 0x0a, 0x0b, 0x0c]),  # DT2
    bytes([0x08]) + lr(0x020100) + bytes([0x04, 0x07]),                                 # AK
    bytes([0x0b]) + lr(0x020100) + bytes([0x01, 0x02, 0x11, 0x22]),                     # ED
    bytes([0x0c]) + lr(0x020100),                                                       # EA
    bytes([0x0d]) + lr(0x020100) + lr(0x010100) + bytes([0x0c]),                       # RSR
    bytes([0x0e]) + lr(0x020100) + lr(0x010100),                                       # RSC
    bytes([0x0f]) + lr(0x020100) + bytes([0x02]),                                       # ERR
    bytes([0x10]) + lr(0x020100) + lr(0x010100) + bytes([0x03, 0x02, 0x04, 0x09]),     # IT
    bytes([0x42, 0x01, 0x02, 0x03]),                                                     # unknown type
]

m3ua_msgs = [
    m3ua(0, 0, [param(0x000c, struct.pack(">I", 7)), param(0x0007, b"\x01\x02\x03")]),      # ERR
    m3ua(0, 1, [param(0x000d, struct.pack(">HH", 1, 3)), param(0x0011, struct.pack(">I", 9))]),  # NTFY
    m3ua(2, 1, [param(0x0006, struct.pack(">II", 1, 2)),
                param(0x0012, struct.pack(">I", 210) + struct.pack(">I", 0x01000010)),
                param(0x0004, b"down")]),                                                       # DUNA
    m3ua(3, 3, [param(0x0009, b"\x00\x01\x02\x03\x04")]),                                       # BEAT
    m3ua(3, 7, []),                                                                            # reserved
]

packets = [transfer(m) for m in sccp_msgs] + m3ua_msgs
with open(sys.argv[1], "wb") as out:
    out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i, p in enumerate(packets):
        src, dst = ("10.0.0.1", "10.0.0.2") if i % 2 == 0 else ("10.0.0.2", "10.0.0.1")
        frame = eth(ipv4(src, dst, 132, sctp(p)))
        out.write(struct.pack("<IIII", 1700000000 + i, 0, len(frame), len(frame)) + frame)

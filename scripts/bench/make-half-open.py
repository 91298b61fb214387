#!/usr/bin/env python3
"""Writes a pcap with N half-open TCP streams, each a SYN and one segment carrying the start
of an HTTP request that never ends: the worst case for per-stream state and reassembly (the
TCP conversation, its sequence analysis, a pending reassembly buffer and HTTP's state).
With --syn-only each stream is just the SYN (a SYN flood or a port scan). With --dns each stream
is one DNS query over UDP that gets no answer (a resolver's random source ports): a UDP
conversation and a pending DNS transaction each.

Usage: scripts/bench/make-half-open.py [--syn-only|--dns] OUT.pcap [N=1000000]

Each stream has its own client address (10.x.y.z) and port towards 192.0.2.1:80. Checksums are
left zero (tshark and netsift do not verify them by default). Timestamps advance 1 µs a packet.
"""
import struct
import sys

args = [a for a in sys.argv[1:] if a not in ("--syn-only", "--dns")]
syn_only = "--syn-only" in sys.argv[1:]
dns = "--dns" in sys.argv[1:]
if not args:
    sys.exit(__doc__)
out = args[0]
n = int(args[1]) if len(args) > 1 else 1_000_000
payload = b"GET /index.html HTTP/1.1\r\nHost: example.com\r\nUser-Agent: half-open/1.0\r\nAccept: */*\r\nX-Pad: "
eth = bytes.fromhex("020000000001" "020000000002" "0800")
server = bytes([192, 0, 2, 1])


def packet(src, sport, seq, flags, data):
    tcp = struct.pack("!HHIIBBHHH", sport, 80, seq, 0, 5 << 4, flags, 65535, 0, 0) + data
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 0, 0x4000, 64, 6, 0, src, server)
    return eth + ip + tcp


def query(src, sport, qid):
    name = b"".join(bytes([len(p)]) + p for p in (b"host%d" % qid, b"example", b"com")) + b"\0"
    msg = struct.pack("!HHHHHH", qid & 0xFFFF, 0x0100, 1, 0, 0, 0) + name + struct.pack("!HH", 1, 1)
    udp = struct.pack("!HHHH", sport, 53, 8 + len(msg), 0) + msg
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0, 0x4000, 64, 17, 0, src, server)
    return eth + ip + udp


with open(out, "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    ts = 1_700_000_000_000_000
    buf = []
    for i in range(n):
        src = bytes([10, (i >> 16) & 0xFF, (i >> 8) & 0xFF, i & 0xFF])
        sport = 1024 + (i % 60000)
        frames = [query(src, sport, i)] if dns else [packet(src, sport, 1000, 0x02, b"")]
        if not syn_only and not dns:
            frames.append(packet(src, sport, 1001, 0x18, payload))
        for frame in frames:
            buf.append(struct.pack("<IIII", ts // 1_000_000, ts % 1_000_000, len(frame), len(frame)))
            buf.append(frame)
            ts += 1
        if len(buf) > 20000:
            f.write(b"".join(buf))
            buf.clear()
    f.write(b"".join(buf))

#!/usr/bin/env python3
"""Writes crafted.pcap: OpenFlow cases the corpus lacks. One TCP stream to port 6653 (the
IANA port) with OpenFlow 1.0 packet-in and packet-out carrying TCP segments, two messages in
one segment (packet-in first, then an echo request), a 1.3 packet-in split over three segments
and a 1.3 packet-out whose frame is cut short; one stream to the legacy 6633 whose first data
goes from the server (not OpenFlow yet, as tshark's heuristic only looks at the destination
port) before the client's message claims the stream; an OpenFlow 1.4 packet-in, a 1.5
echo request and a version (2) tshark does not dissect.

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


def addr(s):
    return bytes(int(x) for x in s.split("."))


def ip4(proto, payload, src, dst, ident=1):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident, 0x4000, 64, proto, 0, addr(src), addr(dst))
    h = h[:10] + struct.pack("!H", csum(h)) + h[12:]
    return h + payload


def tcp(sport, dport, seq, ack, flags, payload, src, dst):
    h = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 0x50, flags, 8192, 0, 0)
    pseudo = addr(src) + addr(dst) + struct.pack("!BBH", 0, 6, len(h) + len(payload))
    c = csum(pseudo + h + payload)
    return h[:16] + struct.pack("!H", c) + h[18:] + payload


def eth(payload, src=b"\x00\x66\x77\x88\x99\xaa", dst=b"\x00\x11\x22\x33\x44\x55"):
    return dst + src + b"\x08\x00" + payload


def inner_frame(sport=1234, dport=80, payload=b"GET / HTTP/1.0\r\n\r\n"):
    """The frame a packet-in or packet-out carries: TCP between two other hosts."""
    seg = tcp(sport, dport, 7, 9, 0x18, payload, "192.168.7.1", "192.168.7.2")
    return eth(ip4(6, seg, "192.168.7.1", "192.168.7.2", ident=0x77),
               src=b"\x02\x00\x00\x00\x00\x01", dst=b"\x02\x00\x00\x00\x00\x02")


def of(version, kind, xid, body):
    return struct.pack("!BBHI", version, kind, 8 + len(body), xid) + body


def v1_packet_in(frame):
    return of(1, 10, 11, struct.pack("!IHHBx", 0x100, len(frame), 3, 0) + frame)


def v1_packet_out(frame):
    action = struct.pack("!HHHH", 0, 8, 2, 0)  # OFPAT_OUTPUT to port 2
    return of(1, 13, 12, struct.pack("!IHH", 0xFFFFFFFF, 1, len(action)) + action + frame)


def match_in_port(port):
    oxm = struct.pack("!HBBI", 0x8000, 0, 4, port)
    m = struct.pack("!HH", 1, 4 + len(oxm)) + oxm
    return m + b"\0" * (-len(m) % 8)


def v4_packet_in(frame, version=4):
    body = struct.pack("!IHBBQ", 0xFFFFFFFF, len(frame), 0, 0, 0x1234) + match_in_port(5) + b"\0\0" + frame
    return of(version, 10, 21, body)


def v4_packet_out(frame):
    action = struct.pack("!HHIH6x", 0, 16, 2, 0xFFFF)
    return of(4, 13, 22, struct.pack("!IIH6x", 0xFFFFFFFF, 1, len(action)) + action + frame)


class Stream:
    def __init__(self, client, server, cport, sport):
        self.c, self.s, self.cp, self.sp = client, server, cport, sport
        self.seq = {True: 1000, False: 5000}

    def seg(self, from_client, payload, flags=0x18):
        src, dst = (self.c, self.s) if from_client else (self.s, self.c)
        sp, dp = (self.cp, self.sp) if from_client else (self.sp, self.cp)
        t = tcp(sp, dp, self.seq[from_client], self.seq[not from_client], flags, payload, src, dst)
        self.seq[from_client] += len(payload)
        return eth(ip4(6, t, src, dst))


def main(out):
    frames = []
    a = Stream("10.1.1.1", "10.1.1.2", 40001, 6653)
    frames.append(a.seg(True, of(1, 0, 1, b"")))                          # 1 HELLO 1.0
    frames.append(a.seg(True, v1_packet_in(inner_frame())))                # 2 packet-in 1.0
    frames.append(a.seg(False, v1_packet_out(inner_frame(80, 1234, b"HTTP/1.0 200 OK\r\n\r\n"))))  # 3
    frames.append(a.seg(True, v1_packet_in(inner_frame(1235)) + of(1, 2, 13, b"ping")))  # 4 two messages
    big = v4_packet_in(inner_frame(1236, 80, b"x" * 200))
    frames.append(a.seg(True, big[:50]))                                   # 5 first part
    frames.append(a.seg(True, big[50:150]))                                # 6 middle
    frames.append(a.seg(True, big[150:] + of(4, 2, 23, b"")))              # 7 rest + echo request
    frames.append(a.seg(False, v4_packet_out(inner_frame(80, 1236)[:30])))  # 8 cut-short frame
    frames.append(a.seg(True, of(4, 18, 24, struct.pack("!HH4x", 0, 0))))  # 9 multipart request
    frames.append(a.seg(True, of(4, 3, 25, b"") + of(4, 3, 26, b"")))      # 10 two echo replies
    b = Stream("10.2.2.1", "10.2.2.2", 40002, 6633)
    frames.append(b.seg(False, of(4, 0, 1, b"")))                          # 11 server first: data
    frames.append(b.seg(True, of(4, 0, 2, b"")))                           # 12 client: claims it
    frames.append(b.seg(False, of(4, 5, 3, b"")))                          # 13 features request
    frames.append(b.seg(True, v4_packet_in(inner_frame(1237), version=5)))  # 14 1.4 packet-in
    frames.append(b.seg(True, of(6, 2, 5, b"")))                           # 15 1.5 echo request
    frames.append(b.seg(True, of(2, 0, 4, b"")))                           # 16 version 1.1
    with open(out, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for i, fr in enumerate(frames):
            f.write(struct.pack("<IIII", 1700000000 + i, 0, len(fr), len(fr)) + fr)


if __name__ == "__main__":
    main(sys.argv[1])

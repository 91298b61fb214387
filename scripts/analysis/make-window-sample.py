#!/usr/bin/env python3
"""Writes tcp-windows.pcap: one made-up TCP conversation that walks through the window cases
tshark's sequence analysis names (zero window, zero window probe and its ACK, window update,
keep-alive and its ACK, duplicate ACKs and a fast retransmission, a window-full segment), which
the corpus hardly has. tshark's reading of it is recorded by make-tcp-analysis.sh."""
import struct, sys

def csum(b):
    if len(b) % 2:
        b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff

def frame(src, dst, sport, dport, seq, ack, flags, win, data=b''):
    tcp = struct.pack('!HHIIBBHHH', sport, dport, seq, ack, 5 << 4, flags, win, 0, 0) + data
    ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(tcp), 1, 0x4000, 64, 6, 0,
                     bytes(map(int, src.split('.'))), bytes(map(int, dst.split('.'))))
    ip = ip[:10] + struct.pack('!H', csum(ip)) + ip[12:]
    return b'\x66\x77\x88\x99\xaa\xbb\x00\x11\x22\x33\x44\x55\x08\x00' + ip + tcp

C, S = ('10.0.0.1', 40000), ('10.0.0.2', 80)
SYN, ACK, PSH, FIN = 0x02, 0x10, 0x08, 0x01
steps = [  # (seconds, from client?, seq, ack, flags, window, payload length)
    (0.000, True, 1000, 0, SYN, 65535, 0),
    (0.010, False, 5000, 1001, SYN | ACK, 65535, 0),
    (0.020, True, 1001, 5001, ACK, 65535, 0),
    (0.030, True, 1001, 5001, PSH | ACK, 65535, 100),
    (0.040, False, 5001, 1101, ACK, 0, 0),          # zero window
    (0.540, True, 1101, 5001, ACK, 65535, 1),       # zero window probe
    (0.550, False, 5001, 1101, ACK, 0, 0),          # its ACK
    (0.600, False, 5001, 1101, ACK, 300, 0),        # window update
    (0.610, True, 1101, 5001, PSH | ACK, 65535, 100),
    (0.620, False, 5001, 1201, ACK, 300, 0),
    (1.620, True, 1200, 5001, ACK, 65535, 0),       # keep-alive
    (1.630, False, 5001, 1201, ACK, 300, 0),        # its ACK
    (1.640, True, 1201, 5001, ACK, 65535, 100),
    (1.641, True, 1301, 5001, ACK, 65535, 100),
    (1.642, True, 1401, 5001, ACK, 65535, 100),     # 300 bytes: the window is full
    (1.650, False, 5001, 1301, ACK, 300, 0),
    (1.651, False, 5001, 1301, ACK, 300, 0),        # duplicate ACKs
    (1.652, False, 5001, 1301, ACK, 300, 0),
    (1.655, True, 1301, 5001, ACK, 65535, 100),     # fast retransmission
    (1.700, False, 5001, 1501, ACK, 300, 0),
    (2.700, True, 1401, 5001, ACK, 65535, 100),     # spurious retransmission
    (2.710, True, 1501, 5001, FIN | ACK, 65535, 0),
    (2.720, False, 5001, 1502, FIN | ACK, 300, 0),
    (2.730, True, 1502, 5002, ACK, 65535, 0),
]
out = open(sys.argv[1] if len(sys.argv) > 1 else 'tcp-windows.pcap', 'wb')
out.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
for t, client, seq, ack, flags, win, n in steps:
    a, b = (C, S) if client else (S, C)
    f = frame(a[0], b[0], a[1], b[1], seq, ack, flags, win, bytes(range(n)))
    sec = 1700000000 + int(t)
    usec = int(round((t - int(t)) * 1e6))
    out.write(struct.pack('<IIII', sec, usec, len(f), len(f)) + f)
out.close()

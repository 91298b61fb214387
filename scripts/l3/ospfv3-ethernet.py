#!/usr/bin/env python3
"""Rewrites the corpus's OSPFv3 capture (Frame Relay, Cisco-style EtherType header) as Ethernet.

netsift has no Frame Relay dissector, so the OSPFv3 packets of
tcpdump__OSPFv3_NBMA_adjacencies.pcap are re-framed: each record's 4-byte Q.922 address +
EtherType header is replaced by an Ethernet II header with the same EtherType (0x86dd), and
the file's link type becomes 1. Timestamps and IPv6 packets are kept byte for byte.

Usage: ospfv3-ethernet.py IN.pcap OUT.pcap
"""
import struct
import sys


def main(src, dst):
    data = open(src, "rb").read()
    magic = data[:4]
    endian = "<" if magic == b"\xd4\xc3\xb2\xa1" else ">"
    header = bytearray(data[:24])
    struct.pack_into(endian + "I", header, 20, 1)  # LINKTYPE_ETHERNET
    out = [bytes(header)]
    p = 24
    while p + 16 <= len(data):
        sec, usec, incl, orig = struct.unpack_from(endian + "IIII", data, p)
        frame = data[p + 16:p + 16 + incl]
        p += 16 + incl
        ethertype = frame[2:4]
        eth = b"\x33\x33\x00\x00\x00\x05" + b"\x02\x00\x00\x00\x00\x01" + ethertype
        body = eth + frame[4:]
        out.append(struct.pack(endian + "IIII", sec, usec, len(body), orig - 4 + 14))
        out.append(body)
    open(dst, "wb").write(b"".join(out))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

#!/usr/bin/env python3
"""Writes small crafted captures for the l2 dissector tests: cases the corpus lacks (MPLS over
IPv6 and with unknown payloads, PPPoE tags and errors, LCP/IPCP bodies and options, PPP with
compressed fields, SLARP requests, STP TCN, LLDP address subtypes, CDP odd TLVs, big-endian
NFLOG TLVs) and frames cut short. Usage: crafted.py OUTDIR"""
import os
import struct
import sys

out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def pcap(name, linktype, frames):
    with open(os.path.join(out, name), "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, linktype))
        for i, fr in enumerate(frames):
            data, orig = (fr if isinstance(fr, tuple) else (fr, len(fr)))
            f.write(struct.pack("<IIII", 1000 + i, 0, len(data), orig))
            f.write(data)


def h(s):
    return bytes.fromhex(s.replace(" ", ""))


def eth(etype, payload, dst="01005e000001", src="001122334455"):
    return h(dst) + h(src) + struct.pack(">H", etype) + payload


def ip4(proto, payload, src="0a000001", dst="0a000002"):
    hdr = struct.pack(">BBHHHBBH", 0x45, 0, 20 + len(payload), 1, 0, 64, proto, 0) + h(src) + h(dst)
    s = sum(struct.unpack(">10H", hdr))
    s = (s & 0xffff) + (s >> 16)
    s = (s & 0xffff) + (s >> 16)
    hdr = hdr[:10] + struct.pack(">H", ~s & 0xffff) + hdr[12:]
    return hdr + payload


def udp(sport, dport, payload):
    return struct.pack(">HHHH", sport, dport, 8 + len(payload), 0) + payload


def ip6(nh, payload):
    return struct.pack(">IHBB", 0x60000000, len(payload), nh, 64) + h("20010db8" + "00" * 11 + "01") \
        + h("20010db8" + "00" * 11 + "02") + payload


def mpls(*labels):
    b = b""
    for i, (label, exp, ttl) in enumerate(labels):
        bos = 1 if i == len(labels) - 1 else 0
        b += struct.pack(">I", label << 12 | exp << 9 | bos << 8 | ttl)
    return b


def pppoe(code, session, payload):
    return struct.pack(">BBHH", 0x11, code, session, len(payload)) + payload


def tag(t, v):
    return struct.pack(">HH", t, len(v)) + v


def cp(code, ident, body):
    return struct.pack(">BBH", code, ident, 4 + len(body)) + body


u = udp(1234, 5678, b"hello")
eth_frames = [
    # MPLS: IPv6 payload, two labels
    eth(0x8847, mpls((3000, 5, 64), (2, 0, 63)) + ip6(17, u)),
    # MPLS: unknown first nibble (data)
    eth(0x8847, mpls((17, 0, 1)) + h("9abcdef0 1122")),
    # MPLS multicast, label stack cut short
    eth(0x8848, h("00011000")),
    # MPLS: pseudowire without control word (plain Ethernet)
    eth(0x8847, mpls((16, 0, 255)) + eth(0x0800, ip4(17, u), dst="001b21000001", src="001b21000002")),
    # PPPoE discovery PADT with Service-Name, Generic-Error, unknown tag and Relay-Session-Id
    eth(0x8863, pppoe(0xa7, 0x1234, tag(0x0101, b"isp") + tag(0x0203, b"bye") + tag(0x0110, h("0102"))
                      + tag(0, b""))),
    # PPPoE discovery PADO with empty Service-Name and AC-Name
    eth(0x8863, pppoe(0x07, 0, tag(0x0101, b"") + tag(0x0102, b"ac-1") + tag(0x0108, h("0007")))),
    # PPPoE session: LCP Terminate-Request with data, Protocol-Reject, Identification, Time-Remaining
    eth(0x8864, pppoe(0, 7, h("c021") + cp(5, 3, b"bye"))),
    eth(0x8864, pppoe(0, 7, h("c021") + cp(8, 4, h("8057 0102")))),
    eth(0x8864, pppoe(0, 7, h("c021") + cp(12, 5, h("01020304") + b"hi there"))),
    eth(0x8864, pppoe(0, 7, h("c021") + cp(13, 6, h("01020304 0000003c") + b"soon"))),
    # LCP Configure-Request with ACCM, CHAP with algorithm, quality, PFC, ACFC, unknown option
    eth(0x8864, pppoe(0, 7, h("c021") + cp(1, 9, h("0206000a0000 0305c22305 0702 0802 1104ffff")))),
    # LCP Configure-Reject, Code-Reject, Echo with no data, Discard-Request
    eth(0x8864, pppoe(0, 7, h("c021") + cp(4, 1, h("0d0306")))),
    eth(0x8864, pppoe(0, 7, h("c021") + cp(10, 1, h("deadbeef")))),
    eth(0x8864, pppoe(0, 7, h("c021") + cp(11, 1, h("deadbeef 00")))),
    # IPCP with DNS/NBNS options and compression; IPCP Terminate-Ack with data
    eth(0x8864, pppoe(0, 7, h("8021") + cp(3, 2, h("0306c0a80001 8106 08080808 8306 08080404 8206 0a000001 8406 0a000002 0206002d0f01")))),
    eth(0x8864, pppoe(0, 7, h("8021") + cp(6, 2, h("aabb")))),
    # IPV6CP Configure-Ack; PAP Nak; unknown PPP protocol
    eth(0x8864, pppoe(0, 7, h("8057") + cp(2, 1, h("010a0011223344556677")))),
    eth(0x8864, pppoe(0, 7, h("c023") + h("03010009") + b"\x04nope")),
    eth(0x8864, pppoe(0, 7, h("80fd 01010004"))),
    # PPPoE session whose length says more than the frame carries
    eth(0x8864, struct.pack(">BBHH", 0x11, 0, 7, 200) + h("0021") + ip4(17, u)),
    # PPPoE session cut short
    eth(0x8864, h("1100")),
    # LLDP with network-address chassis, MAC port, management address, unknown org TLV, max frame size
    eth(0x88cc, h("0206 05 01 0a000001") + h("0407 03 001122334455") + h("0602 0078")
        + h("100c 05 01 0a000001 02 00000001 00") + h("fe06 00120f 04 05ee") + h("fe07 00abcd 01 020304")
        + h("0000"), dst="0180c200000e"),
    # LLDP with interface-name chassis and local port, a TLV running past the frame
    eth(0x88cc, h("0205 06 65746830") + h("0403 07 3031") + h("0602 0000") + h("0a10 6162"),
        dst="0180c200000e"),
    # STP topology change notification, 802.3 + LLC
    h("0180c2000000 001122334455 0007 424203 00000080"),
    # STP configuration with TC and TC ack flags
    h("0180c2000000 001122334455 0026 424203 0000 00 00 81 8001001122334455 00000004 8001001122334466 8002 0100 1400 0200 0f00"),
    # CDP via SNAP: device id, an IPv6 address, an unknown TLV, system name, odd length
    h("01000ccccccc 001122334455") + struct.pack(">H", 0) + b"",
]
# The last CDP frame needs its 802.3 length and checksum computed.
cdp_body = h("02b4 0000") + h("0001 0006 5231") + h("0002 001a 00000002 01 01 cc 0004 0a000001 01 01 cc 0004 0a000002") \
    + h("0014 0007 737731") + h("00ff 0005 ab") + h("0003 000a 45746830 2f30")
def cdp_cksum(b):
    s = 0
    n = len(b) & ~1
    for i in range(0, n, 2):
        s += b[i] << 8 | b[i + 1]
    if len(b) & 1:
        last = b[-1]
        s += (0xff00 | (last - 1)) if last & 0x80 else last
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff
cdp_body = cdp_body[:2] + struct.pack(">H", cdp_cksum(cdp_body)) + cdp_body[4:]
llc = h("aaaa03 00000c 2000") + cdp_body
eth_frames[-1] = h("01000ccccccc 001122334455") + struct.pack(">H", len(llc)) + llc
# A snap-length cut: an LLDP frame captured to 20 of its 40 bytes
lldp = eth(0x88cc, h("020704 001122334455") + h("0402 0731") + h("0602 0078") + h("0000"), dst="0180c200000e")
eth_frames.append((lldp[:20], len(lldp)))
pcap("crafted-eth.pcap", 1, eth_frames)

pcap("crafted-ppp.pcap", 9, [
    # PPP without address/control, compressed protocol 0x21
    h("21") + ip4(17, u),
    # HDLC-like framing with IPv6 and with MPLS
    h("ff03 0057") + ip6(17, u),
    h("ff03 0281") + mpls((100, 0, 9)) + ip4(17, u),
    # LCP Echo-Request over HDLC-like framing; truncated PPP
    h("ff03 c021") + cp(9, 1, h("00000000")),
    h("ff03 c0"),
])
pcap("crafted-chdlc.pcap", 104, [
    h("0f008035 00000000 0a000001 ffffff00 0000"),
    h("0f008035 00000001 0a000002 ffffff00 0000"),
    h("8f008035 00000002 00000009 00000008 fffe"),
    h("0f0086dd") + ip6(17, u),
    h("0f00"),
])
be_tlvs = struct.pack(">HH", 8, 1) + h("86dd0200") + struct.pack(">HH", 8, 2) + h("00000011") \
    + struct.pack(">HH", 4 + 40 + len(u), 9) + ip6(17, u)
pcap("crafted-nflog.pcap", 239, [
    h("0a000001") + be_tlvs,
    h("02000001") + struct.pack("<HH", 6, 10) + b"x\x00" + h("0000") + struct.pack("<HH", 8, 7) + h("00000003"),
    h("0200"),
])

# VN-Tag (0x8926), E-Tag (0x893f), PBB I-Tag (0x88e7) and BOFL (0x8102): the cases the corpus lacks (every
# bit set, a length or unknown type after the tag, padding and trailers, frames cut short).
arp = h("0001 0800 0604 0001 001122334455 0a000001 000000000000 0a000002")
llc = h("424203 0000 0000")
tcp = struct.pack(">HHIIBBHHH", 80, 4321, 1, 0, 0x50, 0x02, 1024, 0, 0)
tag_frames = [
    eth(0x8926, h("ffff ffff 0800") + ip4(17, u)),
    eth(0x8926, h("8123 4567") + struct.pack(">H", len(llc)) + llc),
    eth(0x8926, h("0000 0000 1234 abcdef")),
    eth(0x8926, h("0000 0000 0806") + arp),
    eth(0x8926, h("0000 00")),
    eth(0x893f, h("b123 f456 789a 86dd") + ip6(17, u)),
    eth(0x893f, h("0000 1001 0000 0806") + arp),
    eth(0x893f, h("0000 2002 0000") + struct.pack(">H", len(llc)) + llc),
    eth(0x893f, h("1234 5678 9a")),
    eth(0x88e7, h("ffabcdef") + h("0a0b0c0d0e0f 010203040506 0800") + ip4(6, tcp)),
    eth(0x88e7, h("00000001") + h("ffffffffffff 001122334455 0806") + arp),
    eth(0x88e7, h("12345678") + h("0a0b0c0d0e0f 010203040506 1234 abcdef")),
    eth(0x88e7, h("00000002") + h("0a0b0c0d0e0f 010203040506") + struct.pack(">H", len(llc)) + llc),
    eth(0x88e7, h("00000003") + h("0a0b0c0d0e0f 0102")),
    eth(0x8100, h("0064 88e7") + h("00000004") + h("0a0b0c0d0e0f 010203040506 8100 0005 0800") + ip4(17, u)),
    eth(0x88a8, h("0064 88e7") + h("00000005") + h("0a0b0c0d0e0f 010203040506 0800") + ip4(17, u)),
    # Wellfleet BOFL, which the corpus has inside 802.1ah: without padding, and cut short
    eth(0x8102, h("01010000 00000005")),
    eth(0x8102, h("010100")),
]
pcap("crafted-tags.pcap", 1, tag_frames)

# Network Service Header (0x894f): MD type 2 TLVs (one padded), every next protocol, NSH in NSH,
# an unknown next protocol, a length beyond the frame and a header cut short.
def nsh(length, md, nxt, spi=1, si=255, ctx=b"", ttl=63, bits=0):
    return struct.pack(">HBB", bits << 12 | ttl << 6 | length, md, nxt) + struct.pack(">I", spi << 8 | si) + ctx


md1 = h("00000001 00000002 00000003 00000004")
tlvs = h("0101 02 04 deadbeef") + h("ffff 7f 83 abcdef00")
pcap("crafted-nsh.pcap", 1, [
    eth(0x894f, nsh(6, 1, 2, spi=0xabcdef, si=7, ctx=md1, bits=3) + ip6(17, u)),
    eth(0x894f, nsh(2 + len(tlvs) // 4, 2, 3, ctx=tlvs) + eth(0x0806, arp)),
    eth(0x894f, nsh(2, 2, 4) + nsh(6, 1, 1, ctx=md1) + ip4(17, u)),
    eth(0x894f, nsh(6, 1, 5, ctx=md1) + mpls((100, 0, 64)) + ip4(17, u)),
    eth(0x894f, nsh(2, 2, 0x7f) + h("0102030405")),
    eth(0x894f, nsh(20, 1, 1, ctx=md1) + h("4500")),
    eth(0x894f, h("0006 01")),
])

# FDDI (link type 10, read by tshark with bit-swapped addresses): every frame-control class,
# async LLC frames with a priority and with a control nibble, frames cut short.
fddi_addrs = h("aa00040082a7") + h("0180c2000001")
snap_ip = h("aaaa03 000000 0800") + ip4(17, u)
fddi_frames = [bytes([fc]) + fddi_addrs + (snap_ip if fc >> 4 == 5 else h("00112233445566778899"))
               for fc in (0x00, 0x01, 0x40, 0x41, 0x42, 0x4f, 0x50, 0x53, 0x57, 0x58, 0x5f, 0x60, 0x6a, 0x70,
                          0x80, 0x81, 0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xcf, 0xd0, 0xd1, 0xe0, 0xe9, 0xf0, 0xff)]
fddi_frames += [h("50"), h("50") + fddi_addrs[:6], h("50") + fddi_addrs[:11], h("50") + fddi_addrs,
                h("50") + fddi_addrs + h("aaaa")]
pcap("crafted-fddi.pcap", 10, fddi_frames)

# ARCNET: Linux (129, with the offset field) and BSD (7) headers, RFC 1201 IP/ARP/RARP with split
# flag and sequence, RFC 1051 IP/ARP without, IPv6, BACnet's LLC, data, BSD's exception packet.
arc_arp = h("0007 0800 01 04 0001 01 0a000001 00 0a000002")
arc_ip6 = ip6(17, u)
def arcnet_linux(src, dst, prot, body, split=b"\x00\x00\x01"):
    return bytes([src, dst]) + h("ea08") + bytes([prot]) + split + body
pcap("crafted-arcnet.pcap", 129, [
    arcnet_linux(0x01, 0x02, 0xd4, ip4(17, u)),
    arcnet_linux(0xbe, 0x00, 0xd5, arc_arp),
    arcnet_linux(0x50, 0xbe, 0xd6, arc_arp),
    arcnet_linux(0x01, 0x02, 0xf0, ip4(17, u), split=b""),
    arcnet_linux(0x01, 0x02, 0xf1, arc_arp, split=b""),
    arcnet_linux(0x01, 0x02, 0xc4, arc_ip6),
    arcnet_linux(0x01, 0x02, 0xcd, h("8282 03 01020304"), split=b""),
    arcnet_linux(0x01, 0x02, 0x00, h("01020304")),
    arcnet_linux(0x01, 0x02, 0x80, h("01020304"), split=b""),
    arcnet_linux(0x01, 0x02, 0xe8, h("01020304")),
    arcnet_linux(0x01, 0x02, 0xd4, ip4(17, u), split=h("05 0007")),
    arcnet_linux(0x01, 0x02, 0xd4, ip4(17, u), split=h("ff ffff")),
    h("0102ea08d40000"), h("0102ea08d4"), h("0102ea"), h("01"),
])
pcap("crafted-arcnet-bsd.pcap", 7, [
    h("0102 d4 00 0001") + ip4(17, u),
    h("0102 f0") + ip4(17, u),
    h("0102 d4 ff ffff d4 00 0005") + ip4(17, u),
    h("0102 d5 00 0001") + arc_arp,
    h("0102 d4 ff ff"), h("0102 d4 00"),
])

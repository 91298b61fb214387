#!/usr/bin/env python3
"""Writes crafted 802.11 captures for WlanDissectorTest: cases the corpus lacks.

crafted-80211.pcap (link type 105): control frames (RTS, CTS, PS-Poll, Block Ack Req), a
four-address data frame, a protected data frame, QoS data from an AP with buffer state, beacon,
deauthentication, disassociation, reassociation request, vendor elements of
several OUIs, a wildcard SSID, a truncated header.
crafted-radiotap.pcap (link type 127): OFDM 2.4 and 5 GHz channels, short preamble, data pad,
bad FCS flag, a vendor namespace, an unknown field.
Usage: crafted.py OUTDIR
"""
import struct
import sys


def pcap(path, linktype, frames):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, linktype))
        for i, fr in enumerate(frames):
            f.write(struct.pack("<IIII", 1000 + i, 0, len(fr), len(fr)) + fr)


A = bytes.fromhex("020000000001")
B = bytes.fromhex("020000000002")
C = bytes.fromhex("020000000003")
D = bytes.fromhex("020000000004")
BC = b"\xff" * 6


def fc(type_, subtype, flags=0):
    return bytes([(subtype << 4) | (type_ << 2), flags])


def seq(sn, fn=0):
    return struct.pack("<H", sn << 4 | fn)


def ie(id_, data):
    return bytes([id_, len(data)]) + data


def vendor(oui, rest):
    return ie(221, struct.pack(">I", oui)[1:] + rest)


ssid = ie(0, b"lab")
rates = ie(1, bytes([0x82, 0x84, 0x8b, 0x96, 0x0c, 0x12, 0x18, 0x24]))
ds = ie(3, bytes([6]))
cap_ap = struct.pack("<H", 0x0431)

frames = [
    fc(1, 11) + struct.pack("<H", 100) + A + B,                      # RTS
    fc(1, 12) + struct.pack("<H", 80) + A,                           # CTS
    fc(1, 10, 0x10) + struct.pack("<H", 0xc001) + C + B,             # PS-Poll
    fc(1, 8) + struct.pack("<H", 60) + A + B + b"\x04\x00" + seq(10), # Block Ack Req
    fc(2, 0, 0x03) + struct.pack("<H", 44) + A + B + C + seq(7, 1) + D
    + bytes.fromhex("aaaa030000000800") + bytes.fromhex("4500001c0001000040110000c0a80001c0a80002")
    + bytes.fromhex("0035003500080000"),                            # WDS data into IPv4/UDP
    fc(2, 8, 0x41) + struct.pack("<H", 44) + A + B + C + seq(9) + b"\x00\x00"
    + bytes.fromhex("ab00002000000000") + bytes(range(24)),          # protected QoS data (CCMP)
    fc(2, 0, 0x42) + struct.pack("<H", 44) + A + B + C + seq(13) + bytes.fromhex("123456c0")
    + bytes(range(12)) + bytes.fromhex("deadbeef"),                  # WEP data with its ICV
    fc(2, 0, 0x41) + struct.pack("<H", 44) + A + B + C + seq(14) + bytes.fromhex("0a2a0b6001020304")
    + bytes(range(16)),                                              # TKIP data
    fc(2, 8, 0x22) + struct.pack("<H", 44) + A + B + C + seq(11) + struct.pack("<H", 0x3e15)
    + bytes.fromhex("aaaa0300000088b5") + b"\x01\x02",              # QoS from AP, buffer state, more data
    fc(2, 12, 0x01) + struct.pack("<H", 44) + B + A + B + seq(12) + struct.pack("<H", 0x0017),  # QoS null
    fc(0, 8) + b"\x00\x00" + BC + B + B + seq(100) + struct.pack("<Q", 123456789) + struct.pack("<H", 102)
    + cap_ap + ssid + rates + ds + ie(5, bytes([0, 1, 0, 0])) + ie(42, bytes([0x03]))
    + vendor(0x0050f2, bytes([2, 0, 1, 0x80])) + vendor(0x0017f2, bytes([9, 9]))
    + vendor(0x00a0c6, bytes([0, 1, 2])),                            # beacon
    fc(0, 12) + struct.pack("<H", 314) + A + B + B + seq(101) + struct.pack("<H", 7),   # deauth
    fc(0, 10) + struct.pack("<H", 314) + A + B + B + seq(102) + struct.pack("<H", 8),   # disassoc
    fc(0, 2) + struct.pack("<H", 314) + B + A + B + seq(103) + struct.pack("<HH", 0x0431, 10) + C
    + ssid + rates + vendor(0x0050f2, bytes([2, 0, 1, 0x0f])),       # reassociation request, WMM info
    fc(0, 4) + b"\x00\x00" + BC + A + BC + seq(105) + ie(0, b"") + ie(10, bytes([0, 1, 45]))
    + ie(50, bytes([0x30, 0x48])),                                   # probe request, wildcard SSID
    fc(0, 5, 0x08) + struct.pack("<H", 314) + A + B + B + seq(106) + struct.pack("<Q", 5)
    + struct.pack("<H", 100) + cap_ap + ie(0, b"a\x01\\b\"c"),        # retry, odd SSID bytes
    fc(2, 0)[:1],                                                     # truncated
    fc(2, 4, 0x11) + struct.pack("<H", 44) + B + A + B,              # null function, cut after addr 3
]
pcap(sys.argv[1] + "/crafted-80211.pcap", 105, frames)


def radiotap(fields, present, pad_to=None):
    body = b""
    for align, data in fields:
        while (4 + 4 * len(present) + len(body)) % align:
            body += b"\x00"
        body += data
    words = b"".join(struct.pack("<I", w) for w in present)
    length = 4 + len(words) + len(body)
    return struct.pack("<BBH", 0, 0, length) + words + body


probe = fc(0, 4) + b"\x00\x00" + BC + A + BC + seq(1) + ssid + rates
fcs = b"\x11\x22\x33\x44"
qos = fc(2, 8, 0x01) + struct.pack("<H", 44) + B + A + C + seq(2) + b"\x00\x00"
rframes = [
    # TSFT, flags (FCS, short preamble), rate 6 Mb/s, channel 2437 OFDM 2 GHz, signal, noise
    radiotap([(8, struct.pack("<Q", 5000)), (1, b"\x12"), (1, b"\x0c"), (2, struct.pack("<HH", 2437, 0x00c0)),
              (1, b"\xc4"), (1, b"\xa0")], [0x0000006f]) + probe + fcs,
    # 5 GHz OFDM channel 36, rate 54, antenna, dB signal
    radiotap([(8, struct.pack("<Q", 9000)), (1, b"\x00"), (1, b"\x6c"), (2, struct.pack("<HH", 5180, 0x0140)),
              (1, b"\xd0"), (1, b"\xa8"), (1, b"\x02"), (1, b"\x30")], [0x0000186f]) + probe,
    # data pad: QoS data header (26 bytes) padded to 28 before LLC
    radiotap([(1, b"\x20")], [0x00000002]) + qos + b"\x00\x00" + bytes.fromhex("aaaa030000000800")
    + bytes.fromhex("4500001c0001000040110000c0a80001c0a80002") + bytes.fromhex("0035003500080000"),
    # bad FCS flag with FCS
    radiotap([(1, b"\x50")], [0x00000002]) + probe + fcs,
    # vendor namespace after the first word
    radiotap([(1, b"\x00"), (2, bytes.fromhex("00904c") + b"\x01" + struct.pack("<H", 2)), (1, b"\xaa\xbb")],
             [0xc0000002, 0x00000001]) + probe,
    # MCS 40 MHz short GI, index 7
    radiotap([(8, struct.pack("<Q", 20000)), (1, b"\x00"), (2, struct.pack("<HH", 5180, 0x0140)),
              (1, b"\x07\x05\x07")], [0x0008000b]) + probe,
]
pcap(sys.argv[1] + "/crafted-radiotap.pcap", 127, rframes)

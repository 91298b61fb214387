#!/usr/bin/env python3
"""Writes crafted.pcap: HTTP responses (one TCP segment each) whose bodies exercise the media
layers' corners for MediaDissectorsTest: JSON escapes, several top-level values, leftovers and
cut bodies; JFIF with JFXX, COM, FPXR, restart markers, fill bytes, a reserved marker, little-
endian Exif with GPS/Interoperability pointers, bogus offsets and cut segments; GIF 87a/89a with
extensions, local color maps and cuts; PNG with bKGD, tIME, sRGB, gAMA, tEXt and short chunks.
tshark 4.0 is the oracle for all of them (scripts/media/make-expectations.sh).

Usage: crafted.py OUT.pcap
"""
import struct
import sys


def frame(payload, port):
    tcp = struct.pack('!HHIIBBHHH', 80, port, 1, 1, 0x50, 0x18, 65535, 0, 0) + payload
    ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(tcp), 1, 0, 64, 6, 0,
                     bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])) + tcp
    return bytes.fromhex('001122334455667788990aab0800') + ip


def response(ctype, body):
    head = b'HTTP/1.1 200 OK\r\n'
    if ctype:
        head += b'Content-Type: ' + ctype + b'\r\n'
    return head + b'Content-Length: ' + str(len(body)).encode() + b'\r\n\r\n' + body


def seg(marker, data):
    return struct.pack('!HH', marker, len(data) + 2) + data


def tiff(le, entries_by_ifd, extra=b''):
    """A TIFF header and IFD chain; entries are (tag, type, count, value-or-offset bytes)."""
    e = '<' if le else '>'
    out = (b'II' if le else b'MM') + struct.pack(e + 'HI', 42, 8)
    return out, e


def exif_le():
    # IFD0 at 8: Orientation SHORT 1 = 1, XResolution RATIONAL at 62, Make ASCII 6 at 70,
    # GPS pointer, Interop pointer (bogus: past the end), SLONG -5, BYTE x3, UNDEFINED 4 inline
    e = '<'
    n = 8
    ifd0 = 8
    entries = []
    entries.append(struct.pack(e + 'HHI', 0x0112, 3, 1) + struct.pack(e + 'HH', 1, 0))
    entries.append(struct.pack(e + 'HHII', 0x011a, 5, 1, 200))
    entries.append(struct.pack(e + 'HHII', 0x010f, 2, 6, 208))
    entries.append(struct.pack(e + 'HHII', 0x8825, 4, 1, 214))
    entries.append(struct.pack(e + 'HHII', 0xa005, 4, 1, 60000))
    entries.append(struct.pack(e + 'HHIi', 0x9999, 9, 1, -5))
    entries.append(struct.pack(e + 'HHI', 0x0102, 1, 3) + bytes([8, 9, 10, 0]))
    entries.append(struct.pack(e + 'HHI', 0x9000, 7, 4) + b'0230')
    entries.append(struct.pack(e + 'HHII', 0x0213, 10, 2, 232))
    entries.append(struct.pack(e + 'HHII', 0x0214, 6, 1, 7))
    body = struct.pack(e + 'H', len(entries)) + b''.join(entries) + struct.pack(e + 'I', 0)
    t = b'II' + struct.pack(e + 'HI', 42, ifd0) + body
    t = t.ljust(200, b'\0')
    t += struct.pack(e + 'II', 72, 1)          # 200: rational
    t += b'Canon\0'                            # 208: ASCII
    # 214: GPS IFD with one entry and a bogus next offset (backwards)
    t += struct.pack(e + 'H', 1) + struct.pack(e + 'HHI', 0, 1, 4) + bytes([2, 2, 0, 0]) + struct.pack(e + 'I', 4)
    t = t.ljust(232, b'\0')
    t += struct.pack(e + 'iiii', -1, 3, 7, -9)  # 232: two srationals
    return t


def jfif_app0(thumb=False):
    d = b'JFIF\0' + bytes([1, 2, 1]) + struct.pack('!HH', 72, 72)
    if thumb:
        d += bytes([1, 2]) + bytes(range(6))
    else:
        d += bytes([0, 0])
    return seg(0xffe0, d)


SOF = seg(0xffc2, bytes([8]) + struct.pack('!HH', 16, 16) + bytes([3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]))
SOS = seg(0xffda, bytes([3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0]))
DQT = seg(0xffdb, bytes(65))
SCAN = bytes([0x12, 0xff, 0x00, 0x34]) + b'\xff\xd0' + bytes([0x56, 0x78]) + b'\xff\xd1' + bytes([0x9a])

jpegs = [
    # JFIF with a thumbnail, a comment, FPXR and ICC APP2, JFXX, DQT, SOF2, SOS, RSTn, EOI
    b'\xff\xd8' + jfif_app0(True) + seg(0xfffe, b'made by netsift\0x') + seg(0xffe2, b'FPXR\0\0\1')
    + seg(0xffe2, b'ICC_PROFILE\0\1\1abc') + seg(0xffe0, b'JFXX\0\x10rest') + DQT + SOF + seg(0xffc4, bytes(20))
    + SOS + SCAN + b'\xff\xff\xff\xd9',
    # Exif first (little endian, several value types), then a reserved marker ends the walk
    b'\xff\xd8' + seg(0xffe1, b'Exif\0\0' + exif_le()) + DQT + b'\xff\x02' + bytes(10),
    # Big-endian Exif with a bogus first IFD offset, then a segment longer than the body
    b'\xff\xd8' + seg(0xffe1, b'Exif\0\0MM\0\x2a\0\0\0\x04' + bytes(8)) + b'\xff\xdb\x10\x00' + bytes(30),
    # SOF claiming more components than its length holds
    b'\xff\xd8' + jfif_app0() + seg(0xffc0, bytes([8]) + struct.pack('!HH', 1, 1) + bytes([5, 1, 0x11, 0])) + bytes(20),
    # A segment with length 1, and an APP1 identifier without its NUL
    b'\xff\xd8' + jfif_app0() + b'\xff\xe1\x00\x06abcd' + bytes(12),
    b'\xff\xd8' + jfif_app0() + b'\xff\xe4\x00\x01' + bytes(12),
    # Exif IFD pointer inside an IFD chain with a second IFD, out-of-range value offset
    b'\xff\xd8' + seg(0xffe1, b'Exif\0\0MM\0\x2a\0\0\0\x08' + struct.pack('>H', 2)
                      + struct.pack('>HHII', 0x8769, 4, 1, 38) + struct.pack('>HHII', 0x010e, 2, 30, 900)
                      + struct.pack('>I', 56) + struct.pack('>H', 1) + struct.pack('>HHII', 0xa002, 4, 1, 640)
                      + struct.pack('>I', 0) + struct.pack('>H', 0) + struct.pack('>I', 0)) + b'\xff\xd9',
    # Not JFIF for tshark (no JFIF/Exif identifier): image/jpeg falls back to media
    b'\xff\xd8\xff\xee\x00\x0eAdobe\0' + bytes(30),
]


def gif(v89, body):
    return (b'GIF89a' if v89 else b'GIF87a') + body


gifs = [
    # 89a: global map, aspect ratio, comment and application extensions, two images (one with a local map)
    gif(True, struct.pack('<HH', 4, 4) + bytes([0xf1, 1, 49]) + bytes(12)
        + b'!\xfe\x05hello\x00' + b'!\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00'
        + b',' + struct.pack('<HHHH', 0, 0, 4, 4) + b'\x00' + b'\x02\x02\x44\x01\x00'
        + b',' + struct.pack('<HHHH', 1, 1, 2, 2) + b'\x80' + bytes(6) + b'\x02\x01\x44\x00' + b';'),
    # 87a without global map, unknown extension label, and a trailer that is not ';'
    gif(False, struct.pack('<HH', 1, 1) + bytes([0x00, 0, 0]) + b'!\x42\x00' + b',' + struct.pack('<HHHH', 0, 0, 1, 1)
        + b'\x40\x02\x02\x44\x01\x00' + b'\x99' + bytes(8)),
    # cut in the middle of a data block
    gif(True, struct.pack('<HH', 1, 1) + bytes([0x80, 0, 0]) + bytes(6) + b',' + struct.pack('<HHHH', 0, 0, 1, 1)
        + b'\x00\x02\x40' + bytes(5)),
]


def chunk(t, d):
    return struct.pack('!I', len(d)) + t + d + b'\x12\x34\x56\x78'


PNGSIG = b'\x89PNG\r\n\x1a\n'
IHDR = chunk(b'IHDR', struct.pack('!II', 2, 2) + bytes([8, 2, 0, 0, 1]))
pngs = [
    PNGSIG + IHDR + chunk(b'sRGB', b'\x01') + chunk(b'gAMA', struct.pack('!I', 45455))
    + chunk(b'bKGD', struct.pack('!HHH', 1, 2, 3)) + chunk(b'tIME', struct.pack('!HBBBBB', 2024, 2, 29, 23, 59, 60))
    + chunk(b'tEXt', b'Comment\0hello world') + chunk(b'zTXt', b'Raw\0\0xyz') + chunk(b'IDAT', bytes(5)) + chunk(b'IEND', b''),
    PNGSIG + IHDR + chunk(b'bKGD', b'\x05') + chunk(b'bKGD', b'\x00\x07') + chunk(b'bKGD', b'\x00\x07\x01')
    + chunk(b'pHYs', struct.pack('!IIB', 3780, 3780, 1)) + chunk(b'IDAT', bytes(3)) + struct.pack('!I', 4000) + b'IDAT' + bytes(10),
    PNGSIG + chunk(b'IHDR', bytes(6)) + chunk(b'IEND', b''),
    PNGSIG + IHDR + chunk(b'tEXt', b'NoNulHere') + chunk(b'IEND', b''),
    PNGSIG + IHDR + chunk(b'cHRM', struct.pack('!IIII', 31270, 32900, 64000, 33000)) + chunk(b'IEND', b''),
]

jsons = [
    b'{"a":1}\n',
    b' {"a":1} [2] x',
    b'{"s":"\\u00e9\\u0001\\ud83d\\ude00x\\/\\"\\\\\\b\\f\\n\\r\\t","bad":"\\ud800z"}',
    b'{"a":[1,2',
    b'{"a":01}',
    b'{"k":NaN, "b":-1.5e+3, "c":[true,false,null,{}], "d":[], "e":{"f":{"g":[[0.5]]}}}',
    '{"名":"値","x":"\xe9"}'.encode('utf-8'),
    b'callback({"a":1})',
    b'[1, "two", {"three": 3}]   ',
]

bodies = ([(b'image/jpeg', b) for b in jpegs] + [(b'image/gif', b) for b in gifs]
          + [(b'image/png', b) for b in pngs] + [(b'application/json', b) for b in jsons]
          + [(None, jpegs[0]), (None, gifs[0]), (None, pngs[0]), (b'image/gif', pngs[0]),
             (b'application/x-unknown', b'abc'), (b'image/png', b'')])

with open(sys.argv[1], 'wb') as out:
    out.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for i, (ct, b) in enumerate(bodies):
        p = frame(response(ct, b), 40000 + i)
        out.write(struct.pack('<IIII', 1700000000 + i, 0, len(p), len(p)) + p)

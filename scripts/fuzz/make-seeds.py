#!/usr/bin/env python3
"""Writes the Jazzer seed corpus for ReadDissectRenderFuzzTest from the project's own samples.

Seeds end with the bytes FuzzedDataProvider reads from the end: a flag byte (odd: raw frame,
even: whole capture file) and, for raw frames, the link-type index. Re-run after changing
samples: python3 scripts/fuzz/make-seeds.py
"""
import os, struct, subprocess, tempfile

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
out = os.path.join(root, "netsift-core/src/test/resources/io/netsift/core/fuzz/"
                   "ReadDissectRenderFuzzTestInputs/readDissectRender")
os.makedirs(out, exist_ok=True)
for f in os.listdir(out):
    os.remove(os.path.join(out, f))

def pcap_frames(path):
    data = open(path, "rb").read()
    magic = struct.unpack("<I", data[:4])[0]
    e = "<" if magic in (0xa1b2c3d4, 0xa1b23c4d) else ">"
    p = 24
    while p + 16 <= len(data):
        _, _, incl, _ = struct.unpack(e + "IIII", data[p:p + 16])
        yield data[p + 16:p + 16 + incl]
        p += 16 + incl

n = 0
with tempfile.TemporaryDirectory() as tmp:
    for sample in sorted(os.listdir(os.path.join(root, "samples"))):
        if not sample.endswith((".pcap", ".pcapng")):
            continue
        src = os.path.join(root, "samples", sample)
        # the first 6 packets of each sample as a whole file, in its own format
        small = os.path.join(tmp, sample)
        subprocess.run(["editcap", "-r", src, small, "1-6"], check=True, capture_output=True)
        open(os.path.join(out, "file-" + sample), "wb").write(open(small, "rb").read() + b"\x00")
        # every distinct frame as a raw Ethernet frame (link-type index 0)
        flat = os.path.join(tmp, sample + ".pcap")
        subprocess.run(["editcap", "-F", "pcap", src, flat], check=True, capture_output=True)
        for i, frame in enumerate(pcap_frames(flat)):
            if i % 3 == 0:
                open(os.path.join(out, "frame-%s-%03d" % (sample, i)), "wb").write(frame + b"\x00\x01")
                n += 1
print("wrote", n, "frame seeds and the file seeds to", out)

#!/usr/bin/env bash
# Records what tshark 4.0 shows for the media-type layers under HTTP bodies (image-jfif,
# image-gif, png, json, media) on the corpus files that carry them and on crafted.pcap, so
# MediaDissectorsTest can compare every field frame by frame without tshark.
#
# Writes netsift-core/src/test/resources/media/crafted.pcap (from scripts/media/crafted.py) and
#        netsift-core/src/test/resources/media/FILE.tsv: a header line (frame.number,
#        frame.protocols, _ws.col.Protocol, _ws.col.Info, then the fields of those protocols,
#        from tshark -G fields, that have a value somewhere in FILE), then one line per frame
#        whose frame.protocols holds one of them, from
#          tshark -n -r FILE -T fields -E occurrence=a -E aggregator=, -e frame.number ...
#        A value longer than 96 characters (whole images as hex) is stored as
#        "sha256:" + the first 32 hex digits of the SHA-256 of its UTF-8 text.
#
# Usage: scripts/media/make-expectations.sh
# Env:   NETSIFT_CORPUS  corpus directory (default: ../shared/corpus beside the checkout)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus=$(cd "${NETSIFT_CORPUS:-$root/../shared/corpus}" && pwd)
dir=$root/netsift-core/src/test/resources/media
mkdir -p "$dir"

work=$(mktemp -d "${TMPDIR:-/tmp}/netsift-media.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/cfg"
export TZ=UTC LC_ALL=C.UTF-8 WIRESHARK_CONFIG_DIR="$work/cfg" HOME="$work/cfg"

python3 "$here/crafted.py" "$dir/crafted.pcap"
tshark -G fields 2>/dev/null | awk -F'\t' '$1 == "F" && ($5 == "image-jfif" || $5 == "image-gif" || $5 == "png" ||
  $5 == "json" || $5 == "media") {print $3}' > "$work/fields.txt"

# The files of MediaDissectorsTest.FILES; crafted.pcap is read from the test resources.
files="ndpi__1kxun.pcap ndpi__alexa-app.pcapng ndpi__netflix.pcap pcapplusplus__many-protocols.pcap
  pcapplusplus__raw_ip.pcap scapy__http_chunk.pcap.gz zeek__http__bro.org.pcap zeek__http__pipelined-requests.pcap
  zeek__socks.pcap zeek__tunnels__Teredo.pcap"
for f in $files crafted.pcap; do
  path=$corpus/$f
  [ "$f" = crafted.pcap ] && path=$dir/crafted.pcap
  fields="frame.number frame.protocols _ws.col.Protocol _ws.col.Info $(cat "$work/fields.txt")"
  args=""
  for n in $fields; do args="$args -e $n"; done
  tshark -n -r "$path" -T fields -E occurrence=a -E aggregator=, $args > "$work/all.tsv" 2>/dev/null
  python3 - "$fields" "$work/all.tsv" "$dir/$f.tsv" <<'PY'
import hashlib, sys
names = sys.argv[1].split()
media = {"image-jfif", "image-gif", "png", "json", "media"}
rows = []
for line in open(sys.argv[2], encoding="utf-8", errors="surrogateescape"):
    v = line.rstrip("\n").split("\t")
    if media & set(v[1].split(":")):
        rows.append(v)
used = [i for i, n in enumerate(names) if i < 4 or any(i < len(r) and r[i] for r in rows)]
def cell(s):
    if len(s) <= 96:
        return s
    raw = s.encode("utf-8", errors="surrogateescape")
    return "sha256:" + hashlib.sha256(raw).hexdigest()[:32]
with open(sys.argv[3], "w", encoding="utf-8", errors="surrogateescape") as out:
    out.write("\t".join(names[i] for i in used) + "\n")
    for r in rows:
        out.write("\t".join(cell(r[i]) if i < len(r) else "" for i in used) + "\n")
print(f"{sys.argv[3].rsplit('/', 1)[1]}: {len(rows)} frames, {len(used) - 4} media fields")
PY
done

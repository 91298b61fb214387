#!/usr/bin/env bash
# Records what tshark 4.0 shows for the smaller network-layer protocols (igmp, vrrp, ospf, pim,
# sctp) on the corpus files that carry them, so L3CorpusTest can compare without tshark.
#
# Writes netsift-core/src/test/resources/l3/crafted.pcap (scripts/l3/crafted.py: cases the corpus
#        lacks), netsift-core/src/test/resources/l3/ospfv3-ethernet.pcap (the corpus's OSPFv3 capture
#        re-framed from Frame Relay to Ethernet by scripts/l3/ospfv3-ethernet.py) and
#        netsift-core/src/test/resources/l3/expected/FILE.tsv.gz: a header line of field
#        names, then one line per packet of
#          tshark -n -r FILE -T fields -E occurrence=a -E aggregator=, -e frame.protocols
#                 -e _ws.col.Source -e _ws.col.Destination -e _ws.col.Protocol -e _ws.col.Info
#                 -e igmp.* -e vrrp.* ...
#        where igmp.* ... are the fields of the five protocols (tshark -G fields) with a value
#        somewhere in FILE.
#
# Usage: scripts/l3/make-expectations.sh
# Env:   NETSIFT_CORPUS  corpus directory (default: ../shared/corpus beside the checkout)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus=$(cd "${NETSIFT_CORPUS:-$root/../shared/corpus}" && pwd)
dir=$root/netsift-core/src/test/resources/l3
mkdir -p "$dir/expected"

work=$(mktemp -d "${TMPDIR:-/tmp}/netsift-l3.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/cfg"
export TZ=UTC LC_ALL=C WIRESHARK_CONFIG_DIR="$work/cfg" HOME="$work/cfg"

tshark -G fields 2>/dev/null \
  | awk -F'\t' '$1 == "F" && ($5 == "igmp" || $5 == "vrrp" || $5 == "ospf" || $5 == "pim" || $5 == "sctp") {print $3}' \
  > "$work/fields.txt"

python3 "$here/crafted.py" "$dir/crafted.pcap"
python3 "$here/ospfv3-ethernet.py" "$corpus/tcpdump__OSPFv3_NBMA_adjacencies.pcap" "$dir/ospfv3-ethernet.pcap"

# The files of the l3 tests (L3Rows); the two crafted captures are read from the test resources.
files="pcapplusplus__IgmpPackets.pcap zeek__igmp__igmp-many-groups.pcap tcpdump__vrrp.pcap
  tcpdump__OSPFv2_Capture_FINAL.pcapng tcpdump__pim-packet-assortment.pcap
  suricata__decode-sctp-01.pcap zeek__communityid__sctp.pcap pcapplusplus__ip-frag.pcap
  zeek__dns__mdns.pcap ndpi__alexa-app.pcapng ndpi__netflix.pcap"
for f in $files ospfv3-ethernet.pcap crafted.pcap; do
  path=$corpus/$f
  case $f in ospfv3-ethernet.pcap|crafted.pcap) path=$dir/$f ;; esac
  args=""
  for n in $(cat "$work/fields.txt"); do args="$args -e $n"; done
  tshark -n -r "$path" -T fields -E occurrence=a -E aggregator=, $args > "$work/all.tsv" 2>/dev/null
  # Keep the fields that have a value somewhere in this file.
  used=$(python3 - "$work/fields.txt" "$work/all.tsv" <<'PY'
import sys
names = open(sys.argv[1]).read().split()
seen = set()
for line in open(sys.argv[2], errors="replace"):
    for n, v in zip(names, line.rstrip("\n").split("\t")):
        if v:
            seen.add(n)
print(" ".join(n for n in names if n in seen))
PY
)
  fields="frame.protocols _ws.col.Source _ws.col.Destination _ws.col.Protocol _ws.col.Info _ws.expert.message $used"
  eargs=""
  for n in $fields; do eargs="$eargs -e $n"; done
  { echo "$fields" | tr ' ' '\t'
    tshark -n -r "$path" -T fields -E occurrence=a -E aggregator=, $eargs 2>/dev/null
  } | gzip -n -9 > "$dir/expected/$f.tsv.gz"
  echo "$f: $(echo $used | wc -w) fields"
done

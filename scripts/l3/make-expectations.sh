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


python3 "$here/crafted.py" "$dir/crafted.pcap"
python3 "$here/ospfv3-ethernet.py" "$corpus/tcpdump__OSPFv3_NBMA_adjacencies.pcap" "$dir/ospfv3-ethernet.pcap"

# The files of the l3 tests (L3Rows); the two crafted captures are read from the test resources.
files="pcapplusplus__IgmpPackets.pcap zeek__igmp__igmp-many-groups.pcap tcpdump__vrrp.pcap
  tcpdump__OSPFv2_Capture_FINAL.pcapng tcpdump__pim-packet-assortment.pcap
  suricata__decode-sctp-01.pcap zeek__communityid__sctp.pcap pcapplusplus__ip-frag.pcap
  zeek__dns__mdns.pcap ndpi__alexa-app.pcapng ndpi__netflix.pcap"
paths=()
for f in $files; do paths+=("$corpus/$f"); done
COLUMNS="frame.protocols _ws.col.Source _ws.col.Destination _ws.col.Protocol _ws.col.Info _ws.expert.message" \
  "$root/scripts/golden/record-fields.sh" "$dir/expected" "igmp vrrp ospf pim sctp" \
  "${paths[@]}" "$dir/ospfv3-ethernet.pcap" "$dir/crafted.pcap"

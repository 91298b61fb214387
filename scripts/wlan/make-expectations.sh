#!/usr/bin/env bash
# Records what tshark 4.0 shows for IEEE 802.11, radiotap, the 802.11 radio pseudo-layer and
# PPI on the corpus files that carry them, so WlanDissectorTest can compare without tshark.
#
# Writes netsift-core/src/test/resources/wlan/expected/FILE.tsv.gz: a header line of field
#        names, then one line per packet of
#          tshark -n -r FILE -T fields -E occurrence=a -E aggregator=, -e frame.protocols
#                 -e _ws.col.Protocol -e _ws.col.Info -e _ws.col.Source -e _ws.col.Destination
#                 -e wlan.* -e radiotap.* ...
#        where wlan.* ... are the fields of protocols wlan, wlan_radio, radiotap, ppi and
#        pcap_pktdata (tshark -G fields) with a value somewhere in FILE.
#
# Also writes crafted-80211.pcap and crafted-radiotap.pcap (scripts/wlan/crafted.py) there and
# records them the same way.
#
# Usage: scripts/wlan/make-expectations.sh
# Env:   NETSIFT_CORPUS  corpus directory (default: ../shared/corpus beside the checkout)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus=$(cd "${NETSIFT_CORPUS:-$root/../shared/corpus}" && pwd)
dir=$root/netsift-core/src/test/resources/wlan
mkdir -p "$dir/expected"

work=$(mktemp -d "${TMPDIR:-/tmp}/netsift-wlan.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/cfg"
export TZ=UTC LC_ALL=C WIRESHARK_CONFIG_DIR="$work/cfg" HOME="$work/cfg"

tshark -G fields 2>/dev/null | awk -F'\t' '$1 == "F" && ($5 == "wlan" || $5 == "wlan_radio" || $5 == "radiotap" \
  || $5 == "ppi" || $5 == "pcap_pktdata") {print $3}' > "$work/fields.txt"
# Protocol fields themselves, so their presence is compared too.
printf 'wlan\nwlan_radio\nradiotap\nppi\n' >> "$work/fields.txt"

python3 "$here/crafted.py" "$dir"

# The files of WlanDissectorTest.
files="tcpdump__ieee802.11_exthdr.pcap pcap4j__Dot11ProbeRequestPacketTest.pcap zeek__wlanmon.pcap
  ndpi__alexa-app.pcapng ndpi__someip_sd_sample.pcap crafted-80211.pcap crafted-radiotap.pcap"
for f in $files; do
  path=$corpus/$f
  case $f in crafted-*) path=$dir/$f ;; esac
  # tshark takes a few hundred -e options at a time comfortably; split the list.
  split -l 400 "$work/fields.txt" "$work/chunk."
  : > "$work/used.txt"
  for c in "$work"/chunk.*; do
    args=""
    for n in $(cat "$c"); do args="$args -e $n"; done
    tshark -n -r "$path" -T fields -E occurrence=a -E aggregator=, $args > "$work/all.tsv" 2>/dev/null
    python3 - "$c" "$work/all.tsv" >> "$work/used.txt" <<'PY'
import sys
names = open(sys.argv[1]).read().split()
seen = set()
for line in open(sys.argv[2], errors="replace"):
    for n, v in zip(names, line.rstrip("\n").split("\t")):
        if v:
            seen.add(n)
print("\n".join(n for n in names if n in seen))
PY
    rm -f "$c"
  done
  used=$(grep -v '^$' "$work/used.txt" | tr '\n' ' ')
  fields="frame.number frame.protocols _ws.col.Protocol _ws.col.Info _ws.col.Source _ws.col.Destination $used"
  eargs=""
  for n in $fields; do eargs="$eargs -e $n"; done
  { echo "$fields" | tr ' ' '\t' | sed 's/\t$//'
    tshark -n -r "$path" -T fields -E occurrence=a -E aggregator=, $eargs 2>/dev/null
  } | gzip -n -9 > "$dir/expected/$f.tsv.gz"
  echo "$f: $(echo $used | wc -w) fields"
done

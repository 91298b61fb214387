#!/usr/bin/env bash
# Records what tshark 4.0 shows for OpenFlow (openflow, openflow_v1, _v4, _v5, _v6) on the corpus
# files that carry it and on crafted.pcap, so OpenFlowDissectorTest can compare without tshark.
#
# Writes netsift-core/src/test/resources/openflow/crafted.pcap (from scripts/openflow/crafted.py)
# and    netsift-core/src/test/resources/openflow/expected/FILE.tsv.gz: a header line of field
#        names, then one line per packet of
#          tshark -n -r FILE -T fields -E occurrence=a -E aggregator=, -e frame.protocols
#                 -e _ws.col.Protocol -e _ws.col.Info -e _ws.col.Source ... -e openflow_v4.xid
#        with the summary columns, every occurrence of the addresses and ports (outer and those
#        of the frames packet-in and packet-out carry) and the OpenFlow header fields.
#
# Usage: scripts/openflow/make-expectations.sh
# Env:   NETSIFT_CORPUS  corpus directory (default: ../shared/corpus beside the checkout)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus=$(cd "${NETSIFT_CORPUS:-$root/../shared/corpus}" && pwd)
dir=$root/netsift-core/src/test/resources/openflow
mkdir -p "$dir/expected"

work=$(mktemp -d "${TMPDIR:-/tmp}/netsift-openflow.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/cfg"
export TZ=UTC LC_ALL=C WIRESHARK_CONFIG_DIR="$work/cfg" HOME="$work/cfg"

python3 "$here/crafted.py" "$dir/crafted.pcap"
fields="frame.protocols _ws.col.Protocol _ws.col.Info _ws.col.Source _ws.col.Destination
  ip.src ip.dst tcp.srcport tcp.dstport tcp.stream udp.port
  openflow.version openflow_1_0.type openflow.length openflow.xid"
for v in 4 5 6; do
  fields="$fields openflow_v$v.version openflow_v$v.type openflow_v$v.length openflow_v$v.xid"
done
eargs=""
for n in $fields; do eargs="$eargs -e $n"; done

# The corpus files with OpenFlow (frame.protocols names it: the `openflow` filter matches
# nothing, since tshark's hand-off adds no tree item); crafted.pcap from the test resources.
for f in tcpdump__of13_ericsson.pcapng crafted.pcap; do
  path=$corpus/$f
  [ "$f" = crafted.pcap ] && path=$dir/crafted.pcap
  { echo $fields | tr ' ' '\t'
    tshark -n -r "$path" -T fields -E occurrence=a -E aggregator=, $eargs 2>/dev/null
  } | gzip -n -9 > "$dir/expected/$f.tsv.gz"
  echo "$f: $(zcat "$dir/expected/$f.tsv.gz" | grep -c openflow) packets with OpenFlow"
done

#!/usr/bin/env bash
# Writes the UDP and TCP ports tshark 4.0 hands to a port dissector (udp.port and tcp.port in
# `tshark -G decodes`) to netsift-core/src/main/resources/io/netsift/core/dissect/proto/
# tshark-udp-ports.txt and tshark-tcp-ports.txt, one a line. tshark tries its heuristic
# dissectors only when neither port has a dissector, so netsift's heuristics that follow tshark's
# (DNS over UDP, DCE/RPC over TCP; TsharkPorts) stay off these ports even where netsift has no
# dissector for them (NetBIOS name service on UDP 137, ANSI C12.22 on TCP 1153, say).
#
# Usage: scripts/golden/make-tshark-ports.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=$root/netsift-core/src/main/resources/io/netsift/core/dissect/proto
work=$(mktemp -d "${TMPDIR:-/tmp}/netsift-ports.XXXXXX")
trap 'rm -rf "$work"' EXIT
WIRESHARK_CONFIG_DIR=$work tshark -G decodes 2>/dev/null > "$work/decodes.tsv"
for t in udp tcp; do
  awk -F'\t' -v k="$t.port" '$1 == k { print $2 }' "$work/decodes.tsv" | sort -n | uniq > "$out/tshark-$t-ports.txt"
  echo "wrote $(wc -l < "$out/tshark-$t-ports.txt") $t ports to $out/tshark-$t-ports.txt"
done

#!/usr/bin/env bash
# Writes the UDP ports tshark 4.0 hands to a port dissector (udp.port in `tshark -G decodes`) to
# netsift-core/src/main/resources/io/netsift/core/dissect/proto/dns/tshark-udp-ports.txt, one a
# line. tshark tries its UDP heuristics only when neither port has a dissector, so DNS's
# heuristic (DnsDissector.looksLikeDns) stays off these ports even where netsift has no
# dissector for them (NetBIOS name service on 137, say).
#
# Usage: scripts/dns/make-tshark-udp-ports.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=$root/netsift-core/src/main/resources/io/netsift/core/dissect/proto/dns/tshark-udp-ports.txt
work=$(mktemp -d "${TMPDIR:-/tmp}/netsift-ports.XXXXXX")
trap 'rm -rf "$work"' EXIT
WIRESHARK_CONFIG_DIR=$work tshark -G decodes 2>/dev/null | awk -F'\t' '$1 == "udp.port" { print $2 }' | sort -n | uniq > "$out"
echo "wrote $(wc -l < "$out") ports to $out"

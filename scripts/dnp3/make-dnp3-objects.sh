#!/usr/bin/env bash
# Writes tshark 4.0's names of the DNP3 object/variation codes (dnp3.al.obj) to
# netsift-core/src/main/resources/io/netsift/core/dissect/proto/dnp3-objects.tsv as
# "VALUE<TAB>NAME" lines. Dnp3Dissector labels objects with them and raises tshark's
# "Unknown Object\Variation" warning for codes that are not listed.
#
# Usage: scripts/dnp3/make-dnp3-objects.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=$root/netsift-core/src/main/resources/io/netsift/core/dissect/proto/dnp3-objects.tsv
work=$(mktemp -d "${TMPDIR:-/tmp}/netsift-dnp3.XXXXXX")
trap 'rm -rf "$work"' EXIT
WIRESHARK_CONFIG_DIR=$work tshark -G values 2>/dev/null | awk -F'\t' '$1 == "V" && $2 == "dnp3.al.obj" { print $3 "\t" $4 }' > "$out"
echo "wrote $(wc -l < "$out") objects to $out"

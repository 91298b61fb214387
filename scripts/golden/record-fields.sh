#!/usr/bin/env bash
# Records what tshark 4.0 shows for some protocols on some captures, for the per-protocol tests
# that compare every field (L2Expectations): for each CAPTURE it writes OUTDIR/NAME.tsv.gz, a
# header line of field names, then one line per packet of
#     tshark -n -r CAPTURE -T fields -E occurrence=a -E aggregator=, -e frame.protocols
#            -e _ws.col.Protocol -e _ws.col.Info -e _ws.expert.message -e FIELDS...
# where FIELDS are the fields of PROTOCOLS (tshark -G fields, by protocol column) that have a
# value somewhere in the capture. TZ=UTC and an empty configuration directory.
#
# Usage: scripts/golden/record-fields.sh OUTDIR "PROTOCOL..." CAPTURE...
# Env:   COLUMNS  the fields recorded before the protocols' own (default: frame.protocols
#                 _ws.col.Protocol _ws.col.Info _ws.expert.message)
set -euo pipefail
out=$1
protocols=$2
shift 2
mkdir -p "$out"
work=$(mktemp -d "${TMPDIR:-/tmp}/netsift-record.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/cfg"
export TZ=UTC LC_ALL=C WIRESHARK_CONFIG_DIR="$work/cfg" HOME="$work/cfg"

tshark -G fields 2>/dev/null | awk -F'\t' -v ps="$protocols" '
  BEGIN { n = split(ps, a, " "); for (i = 1; i <= n; i++) want[a[i]] = 1 }
  $1 == "F" && ($5 in want) { print $3 }' > "$work/fields.txt"

for path in "$@"; do
  f=$(basename "$path")
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
  fields="$(echo ${COLUMNS:-frame.protocols _ws.col.Protocol _ws.col.Info _ws.expert.message}) $used"
  eargs=""
  for n in $fields; do eargs="$eargs -e $n"; done
  { echo "$fields" | tr ' ' '\t'
    tshark -n -r "$path" -T fields -E occurrence=a -E aggregator=, $eargs 2>/dev/null
  } | gzip -n -9 > "$out/$f.tsv.gz"
  echo "$f: $(echo $used | wc -w) fields"
done

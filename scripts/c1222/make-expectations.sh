#!/usr/bin/env bash
# Records what tshark 4.0 shows for ANSI C12.22 on the corpus capture whose port-1153 traffic
# tshark reads as C12.22 (zeek's MAPI capture): netsift-core/src/test/resources/c1222/expected/
# FILE.tsv.gz, the columns, expert messages and every c1222 field per packet
# (scripts/golden/record-fields.sh).
#
# Usage: scripts/c1222/make-expectations.sh
# Env:   NETSIFT_CORPUS  corpus directory (default: ../shared/corpus beside the checkout)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus=$(cd "${NETSIFT_CORPUS:-$root/../shared/corpus}" && pwd)
"$root/scripts/golden/record-fields.sh" "$root/netsift-core/src/test/resources/c1222/expected" "c1222" \
  "$corpus/zeek__dce-rpc__mapi.pcap"

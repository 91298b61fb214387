#!/usr/bin/env bash
# Records what tshark 4.0 shows for Yahoo Messenger (YMSG) on zeek's SMTP capture, whose one
# keep-alive tshark finds with its TCP heuristic: netsift-core/src/test/resources/messaging/
# expected/FILE.tsv.gz, the columns, expert messages and every ymsg field per packet
# (scripts/golden/record-fields.sh).
#
# Usage: scripts/messaging/make-expectations.sh
# Env:   NETSIFT_CORPUS  corpus directory (default: ../shared/corpus beside the checkout)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus=$(cd "${NETSIFT_CORPUS:-$root/../shared/corpus}" && pwd)
"$root/scripts/golden/record-fields.sh" "$root/netsift-core/src/test/resources/messaging/expected" "ymsg" \
  "$corpus/zeek__smtp.pcap"

#!/usr/bin/env bash
# Records what tshark 4.0 shows for IEC 60870-5-104 (APCI and ASDU) on nDPI's IEC104 capture:
# netsift-core/src/test/resources/scada/expected/FILE.tsv.gz, the columns, expert messages and
# every iec60870_104 and iec60870_asdu field per packet (scripts/golden/record-fields.sh).
#
# Usage: scripts/messaging/make-iec104-expectations.sh
# Env:   NETSIFT_CORPUS  corpus directory (default: ../shared/corpus beside the checkout)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus=$(cd "${NETSIFT_CORPUS:-$root/../shared/corpus}" && pwd)
"$root/scripts/golden/record-fields.sh" "$root/netsift-core/src/test/resources/scada/expected" \
  "iec60870_104 iec60870_asdu" "$corpus/ndpi__IEC104.pcap"

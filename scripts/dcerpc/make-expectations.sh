#!/usr/bin/env bash
# Records what tshark 4.0 shows for DCE/RPC (connection-oriented, over TCP) on the corpus
# captures the DCE/RPC tests read: netsift-core/src/test/resources/dcerpc/expected/FILE.tsv.gz,
# every dcerpc field with a value in FILE, per packet (scripts/golden/record-fields.sh); for
# zeek's MAPI capture also the endpoint mapper's (epm) and Exchange EMSMDB's (mapi) fields.
#
# Usage: scripts/dcerpc/make-expectations.sh
# Env:   NETSIFT_CORPUS  corpus directory (default: ../shared/corpus beside the checkout)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus=$(cd "${NETSIFT_CORPUS:-$root/../shared/corpus}" && pwd)
"$root/scripts/golden/record-fields.sh" "$root/netsift-core/src/test/resources/dcerpc/expected" "dcerpc" \
  "$corpus/scapy__dcerpc_privacy_ntlm.pcapng.gz"
"$root/scripts/golden/record-fields.sh" "$root/netsift-core/src/test/resources/dcerpc/expected" "dcerpc epm mapi" \
  "$corpus/zeek__dce-rpc__mapi.pcap"

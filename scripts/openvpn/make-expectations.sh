#!/usr/bin/env bash
# Records what tshark 4.0 shows for OpenVPN (and the TLS it carries) on the corpus capture that
# has it, so OpenvpnDissectorTest compares without tshark.
#
# Writes netsift-core/src/test/resources/openvpn/FILE.tsv: a header line of field names, then one
#        line per OpenVPN packet of
#          tshark -n -r FILE -Y openvpn -T fields -E occurrence=a -E aggregator=, -e frame.number -e FIELDS...
#
# Usage: scripts/openvpn/make-expectations.sh
# Env:   NETSIFT_CORPUS  corpus directory (default: ../shared/corpus beside the checkout)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus=$(cd "${NETSIFT_CORPUS:-$root/../shared/corpus}" && pwd)
dir=$root/netsift-core/src/test/resources/openvpn
mkdir -p "$dir"

work=$(mktemp -d "${TMPDIR:-/tmp}/netsift-openvpn.XXXXXX")
trap 'rm -rf "$work"' EXIT
export TZ=UTC LC_ALL=C WIRESHARK_CONFIG_DIR="$work" HOME="$work"

fields="frame.number frame.protocols _ws.col.Protocol _ws.col.Info _ws.expert.message openvpn.plen openvpn.type
  openvpn.opcode openvpn.keyid openvpn.sessionid openvpn.mpidarraylength openvpn.mpidarrayelement
  openvpn.rsessionid openvpn.mpid openvpn.data openvpn.fragment_bytes openvpn.fragment openvpn.fragment.count
  openvpn.reassembled.length tls.record.content_type tls.record.version tls.handshake.type"
for file in ndpi__openvpn.pcap; do
  args=()
  for f in $fields; do args+=(-e "$f"); done
  { echo $fields | tr ' ' '\t'
    tshark -n -r "$corpus/$file" -Y openvpn -T fields -E occurrence=a -E aggregator=, "${args[@]}" 2>/dev/null
  } > "$dir/$file.tsv"
  echo "wrote $(($(wc -l < "$dir/$file.tsv") - 1)) packets to $dir/$file.tsv"
done

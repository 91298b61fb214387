#!/usr/bin/env bash
# Records what tshark 4.0 shows for XMPP on the corpus capture that has it, so
# XmppDissectorTest compares without tshark.
#
# Writes netsift-core/src/test/resources/xmpp/FILE.tsv: a header line of field names, then one
#        line per XMPP segment of
#          tshark -n -r FILE -Y xmpp -T fields -E occurrence=a -E aggregator=, -e frame.number -e FIELDS...
#
# Usage: scripts/xmpp/make-expectations.sh
# Env:   NETSIFT_CORPUS  corpus directory (default: ../shared/corpus beside the checkout)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus=$(cd "${NETSIFT_CORPUS:-$root/../shared/corpus}" && pwd)
dir=$root/netsift-core/src/test/resources/xmpp
mkdir -p "$dir"

work=$(mktemp -d "${TMPDIR:-/tmp}/netsift-xmpp.XXXXXX")
trap 'rm -rf "$work"' EXIT
export TZ=UTC LC_ALL=C WIRESHARK_CONFIG_DIR="$work" HOME="$work"

fields="frame.number frame.protocols _ws.col.Protocol _ws.col.Info _ws.expert.message xmpp.iq xmpp.id xmpp.type
  xmpp.from xmpp.to xmpp.xmlns xmpp.unknown_attr xmpp.ping xmpp.message xmpp.presence xmpp.out xmpp.in
  xmpp.response_in xmpp.response_to"
for file in ndpi__KakaoTalk_talk.pcap; do
  args=()
  for f in $fields; do args+=(-e "$f"); done
  { echo $fields | tr ' ' '\t'
    tshark -n -r "$corpus/$file" -Y xmpp -T fields -E occurrence=a -E aggregator=, "${args[@]}" 2>/dev/null
  } > "$dir/$file.tsv"
  echo "wrote $(($(wc -l < "$dir/$file.tsv") - 1)) packets to $dir/$file.tsv"
done

#!/usr/bin/env bash
# Records what tshark 4.0 shows for the application protocols below on the corpus captures that
# carry them, so their dissector tests (OpenvpnDissectorTest, XmppDissectorTest) compare without
# tshark.
#
# Writes netsift-core/src/test/resources/DIR/FILE.tsv for each row of the table: a header line of
#        field names, then one line per packet that matches FILTER, of
#          tshark -n -r FILE -Y FILTER -T fields -E occurrence=a -E aggregator=, -e frame.number -e FIELDS...
#
# Usage: scripts/apps/make-protocol-rows.sh
# Env:   NETSIFT_CORPUS  corpus directory (default: ../shared/corpus beside the checkout)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus=$(cd "${NETSIFT_CORPUS:-$root/../shared/corpus}" && pwd)

work=$(mktemp -d "${TMPDIR:-/tmp}/netsift-rows.XXXXXX")
trap 'rm -rf "$work"' EXIT
export TZ=UTC LC_ALL=C WIRESHARK_CONFIG_DIR="$work" HOME="$work"

common="frame.number frame.protocols _ws.col.Protocol _ws.col.Info _ws.expert.message"
# DIR|FILTER|FILE|FIELDS (after the common ones)
while IFS='|' read -r dir filter file fields; do
  out=$root/netsift-core/src/test/resources/$dir
  mkdir -p "$out"
  args=()
  for f in $common $fields; do args+=(-e "$f"); done
  { echo $common $fields | tr ' ' '\t'
    tshark -n -r "$corpus/$file" -Y "$filter" -T fields -E occurrence=a -E aggregator=, "${args[@]}" 2>/dev/null
  } > "$out/$file.tsv"
  echo "wrote $(($(wc -l < "$out/$file.tsv") - 1)) packets to $out/$file.tsv"
done <<'TABLE'
openvpn|openvpn|ndpi__openvpn.pcap|openvpn.plen openvpn.type openvpn.opcode openvpn.keyid openvpn.sessionid openvpn.mpidarraylength openvpn.mpidarrayelement openvpn.rsessionid openvpn.mpid openvpn.data openvpn.fragment_bytes openvpn.fragment openvpn.fragment.count openvpn.reassembled.length tls.record.content_type tls.record.version tls.handshake.type
xmpp|xmpp|ndpi__KakaoTalk_talk.pcap|xmpp.iq xmpp.id xmpp.type xmpp.from xmpp.to xmpp.xmlns xmpp.unknown_attr xmpp.ping xmpp.message xmpp.presence xmpp.out xmpp.in xmpp.response_in xmpp.response_to
TABLE

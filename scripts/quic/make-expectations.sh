#!/usr/bin/env bash
# Records what tshark 4.0 shows for IETF QUIC and Google QUIC on the corpus captures that
# carry them, so QuicDissectorTest can compare without tshark (ndpi__quic.pcap: GQUIC's header,
# handshake tag and its "Truncated Tag Length..." notes).
#
# Writes netsift-core/src/test/resources/quic/expected/FILE.tsv.gz: a header line of field
#        names, then one line per packet of
#          tshark -n -r FILE -T fields -E occurrence=a -E aggregator=, -e frame.protocols
#                 -e _ws.col.Info -e _ws.expert.message -e quic.packet_length ... -e tls.handshake.type
#        (summary Info, expert notes, header fields of every coalesced packet (not the still
#        encrypted remaining payloads, to keep the files small), the frames of
#        the decrypted Initial packets and the TLS handshake types their CRYPTO data carries).
#
# Usage: scripts/quic/make-expectations.sh
# Env:   NETSIFT_CORPUS  corpus directory (default: ../shared/corpus beside the checkout)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus=$(cd "${NETSIFT_CORPUS:-$root/../shared/corpus}" && pwd)
dir=$root/netsift-core/src/test/resources/quic
mkdir -p "$dir/expected"

work=$(mktemp -d "${TMPDIR:-/tmp}/netsift-quic.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/cfg"
export TZ=UTC LC_ALL=C WIRESHARK_CONFIG_DIR="$work/cfg" HOME="$work/cfg"

fields="frame.protocols _ws.col.Protocol _ws.col.Info _ws.expert.message
  quic.connection.number quic.packet_length quic.header_form quic.long.packet_type quic.version
  quic.dcil quic.dcid quic.scil quic.scid quic.token_length quic.length quic.packet_number
  quic.payload quic.frame_type quic.padding_length
  quic.ack.largest_acknowledged quic.ack.ack_delay quic.ack.ack_range_count quic.ack.first_ack_range
  quic.crypto.offset quic.crypto.length tls.handshake.type"
eargs=""
for n in $fields; do eargs="$eargs -e $n"; done

for f in tcpdump__quic_handshake.pcap zeek__quic__firefox-102.13.0esr-blog-cloudflare-com.pcap \
    zeek__quic__interop__quic-go_quic-go__zerortt.pcap; do
  { echo $fields | tr ' ' '\t'
    tshark -n -r "$corpus/$f" -T fields -E occurrence=a -E aggregator=, $eargs 2>/dev/null
  } | gzip -n -9 > "$dir/expected/$f.tsv.gz"
  echo "$f: $(zcat "$dir/expected/$f.tsv.gz" | grep -c quic) packets with QUIC"
done

# Google QUIC: the public header and the handshake message's tag (not the tag/value index:
# tshark also lists the tags nested in a Rejection's server config, which netsift does not).
gfields="frame.protocols _ws.col.Protocol _ws.col.Info _ws.expert.message gquic.puflags gquic.cid
  gquic.version gquic.packet_number gquic.message_authentication_hash gquic.prflags gquic.tag
  gquic.tag_number"
eargs=""
for n in $gfields; do eargs="$eargs -e $n"; done
f=ndpi__quic.pcap
{ echo $gfields | tr ' ' '\t'
  tshark -n -r "$corpus/$f" -T fields -E occurrence=a -E aggregator=, $eargs 2>/dev/null
} | gzip -n -9 > "$dir/expected/$f.tsv.gz"
echo "$f: $(zcat "$dir/expected/$f.tsv.gz" | grep -c gquic) packets with GQUIC"

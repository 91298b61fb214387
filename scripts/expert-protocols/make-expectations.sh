#!/usr/bin/env bash
# Records what tshark 4.0 shows for the protocols added for issue 9's expert agreement (X11,
# DECnet routing, PFCP) on the corpus captures that carry them, so X11DissectorTest,
# DecDnaDissectorTest and PfcpDissectorTest compare without tshark.
#
# Writes netsift-core/src/test/resources/expert-protocols/CAPTURE.tsv.gz: a header line of field
# names, then one line per packet of
#     tshark -n -r CAPTURE -T fields -E occurrence=a -E aggregator=, -e frame.protocols
#            -e _ws.col.Protocol -e _ws.col.Info -e _ws.expert.message -e PROTOCOL.FIELD ...
#
# Usage: scripts/expert-protocols/make-expectations.sh
# Env:   NETSIFT_CORPUS  corpus directory (default: ../shared/corpus beside the checkout)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus=$(cd "${NETSIFT_CORPUS:-$root/../shared/corpus}" && pwd)
dir=$root/netsift-core/src/test/resources/expert-protocols
mkdir -p "$dir"

work=$(mktemp -d "${TMPDIR:-/tmp}/netsift-expert-protocols.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/cfg"
export TZ=UTC LC_ALL=C WIRESHARK_CONFIG_DIR="$work/cfg" HOME="$work/cfg"

# record CAPTURE FIELD...: the common columns, then the protocol's fields.
record() {
  local f=$1
  shift
  local fields="frame.protocols _ws.col.Protocol _ws.col.Info _ws.expert.message $*"
  local eargs=""
  for n in $fields; do eargs="$eargs -e $n"; done
  { echo $fields | tr ' ' '\t'
    tshark -n -r "$corpus/$f" -T fields -E occurrence=a -E aggregator=, $eargs 2>/dev/null
  } | gzip -n -9 > "$dir/$f.tsv.gz"
  echo "$f: $(zcat "$dir/$f.tsv.gz" | tail -n +2 | wc -l) packets"
}

record pcapplusplus__pcapng-example.pcapng x11.opcode x11.request-length x11.reply x11.reply-sequencenumber \
  x11.replylength x11.eventcode x11.event-sequencenumber x11.error x11.errorcode
record tcpdump__DECnet_Phone.pcap _ws.col.Source _ws.col.Destination dec_dna.flags dec_dna.flags.control \
  dec_dna.flags.msglen dec_dna.flags.RQR dec_dna.flags.RTS dec_dna.rt.msg_type dec_dna.dst_node dec_dna.src_node \
  dec_dna.vst_node dec_dna.ctl.id dec_dna.ctl.tiinfo dec_dna.ctl.iinfo.node_type dec_dna.ctl.blk_size \
  dec_dna.ctl.seed dec_dna.ctl_neighbor dec_dna.ctl.timer dec_dna.nsp.msg_type dec_dna.nsp.segnum \
  dec_dna.nsp.delay dec_dna.nsp.services dec_dna.nsp.info dec_dna.nsp.segsize dec_dna.nsp.flow_control \
  dec_dna.nsp.disc_reason dec_dna.sess.obj_type dec_dna.sess.grp_code dec_dna.sess.usr_code dec_dna.sess.menu_ver
record scapy__pfcp.pcap pfcp.flags pfcp.version pfcp.fo_flag pfcp.mp_flag pfcp.s pfcp.msg_type pfcp.length \
  pfcp.seid pfcp.seqno pfcp.ie_type pfcp.enterprise_ie pfcp.ie_len pfcp.enterprise_id pfcp.user_id.flags.imsif \
  pfcp.user_id.length_of_imsi

#!/usr/bin/env bash
# Records what tshark 4.0 shows for the link-layer protocols of helper l2 (MPLS, PW Ethernet,
# PPPoE, PPP and its control protocols, PPP in HDLC framing, Cisco HDLC/SLARP, NFLOG, netlink,
# IPoIB, LLDP, CDP, STP, the VLAN/802.1ad tags around them, the VN-Tag, E-Tag and 802.1ah
# tags, the BOFL keepalives inside 802.1ah, NSH, FDDI, ARCNET, and IEEE 802.15.4 with the ZigBee
# network, beacon and APS layers above it) on the corpus files that carry them, so the l2
# dissector tests compare without tshark.
#
# Writes netsift-core/src/test/resources/l2/crafted-*.pcap (from scripts/l2/crafted.py) and
#        netsift-core/src/test/resources/l2/expected/FILE.tsv.gz (scripts/golden/record-fields.sh:
#        every field of the protocols below with a value somewhere in FILE, per packet);
#        and for the VN-Tag, E-Tag and 802.1ah captures expected/FILE.tree.txt.gz: the lines of
#        tshark -V that belong to the tag layers (top-level items labelled VN-Tag, 802.1BR E-Tag,
#        IEEE 802.1ad or IEEE 802.1ah, with their subtrees).
#
# Usage: scripts/l2/make-expectations.sh
# Env:   NETSIFT_CORPUS  corpus directory (default: ../shared/corpus beside the checkout)
#        FILES           record only these files (names from the list below, space-separated)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus=$(cd "${NETSIFT_CORPUS:-$root/../shared/corpus}" && pwd)
dir=$root/netsift-core/src/test/resources/l2
mkdir -p "$dir/expected"

work=$(mktemp -d "${TMPDIR:-/tmp}/netsift-l2.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/cfg"
export TZ=UTC LC_ALL=C WIRESHARK_CONFIG_DIR="$work/cfg" HOME="$work/cfg"

protocols="mpls pwethcw pwethnocw pppoe pppoed pppoes ppp lcp ipcp ipv6cp pap ccp chdlc slarp nflog netlink ipoib lldp cdp stp vlan ieee8021ad ieee8021ah vntag etag bofl nsh fddi arcnet wpan zbee_nwk zbee_beacon zbee_aps"

python3 "$here/crafted.py" "$dir"

# The files of the l2 tests; the crafted ones are read from the test resources.
files="tcpdump__mpls-traceroute.pcap pcapplusplus__MplsPackets.pcap zeek__mixed-vlan-mpls.pcap
  zeek__pppoe.pcap zeek__pppoe-over-qinq.pcap pcapplusplus__PPPoESession.pcap ndpi__dns.pcap
  pcapplusplus__CiscoHDLC.pcap tcpdump__HDLC.pcap suricata__decode-chdlc-01__hdlc-http_1tx.pcap
  zeek__nflog-http.pcap pcapplusplus__microsecs_big_endian.pcap tcpdump__ipoib.pcap
  tcpdump__LLDP_and_CDP.pcap tcpdump__802.1w_rapid_STP.pcap pcapplusplus__EthDot3.pcap
  pcapplusplus__VlanPackets.pcap scapy__gvrp.pcapng.gz zeek__nfs__nfs_write.pcap
  crafted-eth.pcap crafted-ppp.pcap crafted-chdlc.pcap crafted-nflog.pcap
  suricata__decode-vntag-01.pcap suricata__decode-etag-01.pcap zeek__pbb.pcap crafted-tags.pcap
  suricata__decode-nsh-type1.pcap crafted-nsh.pcap
  zeek__llc.pcap crafted-fddi.pcap tcpdump__arcnet-rfc1201-arp-icmp-http.pcap crafted-arcnet.pcap
  crafted-arcnet-bsd.pcap scapy__zigbee-join-authenticate.pcap"
paths=()
for f in ${FILES:-$files}; do
  case $f in crafted-*) paths+=("$dir/$f") ;; *) paths+=("$corpus/$f") ;; esac
done
"$root/scripts/golden/record-fields.sh" "$dir/expected" "$protocols" "${paths[@]}"

# The detail tree (-V) of the tag layers: every top-level item whose text starts with one of
# the tags' labels, with its subtree; the tag tests compare netsift's tree with these lines.
for f in suricata__decode-vntag-01.pcap suricata__decode-etag-01.pcap zeek__pbb.pcap crafted-tags.pcap \
    suricata__decode-nsh-type1.pcap crafted-nsh.pcap; do
  case " ${FILES:-$f} " in *" $f "*) ;; *) continue ;; esac
  path=$corpus/$f
  case $f in crafted-*) path=$dir/$f ;; esac
  tshark -n -r "$path" -V 2>/dev/null \
    | awk '/^[^ ]/ { keep = ($0 ~ /^(VN-Tag|802\.1BR E-Tag|IEEE 802\.1a[dh]|Network Service Header)/) } keep' \
    | gzip -n -9 > "$dir/expected/$f.tree.txt.gz"
done

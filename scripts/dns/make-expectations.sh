#!/usr/bin/env bash
# Records what tshark 4.0 shows for the DNS family (dns, mdns, llmnr) on the corpus files that
# carry it and on crafted.pcap, so DnsDissectorTest can compare without tshark.
#
# Writes netsift-core/src/test/resources/dns/crafted.pcap (from scripts/dns/crafted.py) and
#        netsift-core/src/test/resources/dns/expected/FILE.tsv.gz: a header line of field
#        names, then one line per packet of
#          tshark -n -r FILE -T fields -E occurrence=a -E aggregator=, -e frame.protocols
#                 -e _ws.col.Protocol -e _ws.col.Info -e _ws.expert.message -e dns.* ...
#        where dns.* are the dns fields (tshark -G fields) with a value somewhere in FILE.
#
# Usage: scripts/dns/make-expectations.sh
# Env:   NETSIFT_CORPUS  corpus directory (default: ../shared/corpus beside the checkout)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus=$(cd "${NETSIFT_CORPUS:-$root/../shared/corpus}" && pwd)
dir=$root/netsift-core/src/test/resources/dns
mkdir -p "$dir/expected"

work=$(mktemp -d "${TMPDIR:-/tmp}/netsift-dns.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/cfg"
export TZ=UTC LC_ALL=C WIRESHARK_CONFIG_DIR="$work/cfg" HOME="$work/cfg"

python3 "$here/crafted.py" "$dir/crafted.pcap"

# The files of DnsDissectorTest.FILES; crafted.pcap is read from the test resources.
files="zeek__dns__mdns.pcap zeek__dns-edns-ecs.pcap zeek__dnssec__rrsig.pcap pcapplusplus__DnsPackets.pcap
  pcapplusplus__IgmpPackets.pcap ndpi__1kxun.pcap zeek__wikipedia.pcap zeek__tunnels__Teredo.pcap
  dpkt__dns_icmp.pcap suricata__dns__dns-tcp-www-google-com__dns.pcap zeek__dce-rpc__mapi.pcap"
paths=()
for f in $files; do paths+=("$corpus/$f"); done
"$root/scripts/golden/record-fields.sh" "$dir/expected" "dns" "${paths[@]}" "$dir/crafted.pcap"

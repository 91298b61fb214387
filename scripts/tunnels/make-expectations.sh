#!/usr/bin/env bash
# Records what tshark 4.0 shows for the tunnel protocols (gre, erspan, cmd, vxlan, geneve, gtp,
# teredo, l2tp, esp, udpencap, ah, ayiya) on the corpus files that carry them and on crafted.pcap, so
# TunnelCorpusTest can compare without tshark.
#
# Writes netsift-core/src/test/resources/tunnels/crafted.pcap (from scripts/tunnels/crafted.py)
# and    netsift-core/src/test/resources/tunnels/expected/FILE.tsv.gz: a header line of field
#        names, then one line per packet of
#          tshark -n -r FILE -T fields -E occurrence=a -E aggregator=, -e frame.protocols
#                 -e _ws.col.Protocol -e _ws.col.Info -e ip.src ... -e gre.* ...
#        with the layer-crossing fields (addresses, ports, stream indexes) and every field of
#        the tunnel protocols that has a value somewhere in FILE.
#
# Usage: scripts/tunnels/make-expectations.sh
# Env:   NETSIFT_CORPUS  corpus directory (default: ../shared/corpus beside the checkout)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus=$(cd "${NETSIFT_CORPUS:-$root/../shared/corpus}" && pwd)
dir=$root/netsift-core/src/test/resources/tunnels
mkdir -p "$dir/expected"

work=$(mktemp -d "${TMPDIR:-/tmp}/netsift-tunnels.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/cfg"
export TZ=UTC LC_ALL=C WIRESHARK_CONFIG_DIR="$work/cfg" HOME="$work/cfg"

python3 "$here/crafted.py" "$dir/crafted.pcap"
common="frame.protocols _ws.col.Protocol _ws.col.Info ip.src ip.dst ipv6.src ipv6.dst tcp.port udp.port
  tcp.stream udp.stream icmp.seq"

# The files of TunnelCorpusTest.FILES; crafted.pcap is read from the test resources.
files="tcpdump__various_gre.pcap zeek__tunnels__gre-sample.pcap zeek__erspan.pcap
  suricata__decode-erspan-typeII-01.pcap suricata__decode-arp-3__arp-encap.pcap
  zeek__tunnels__vxlan-encapsulated-http.pcap zeek__tunnels__geneve.pcap pcapplusplus__gtp-u.pcap
  zeek__tunnels__gtp__gtp1_gn_normal_incl_fragmentation.pcap zeek__tunnels__Teredo.pcap dpkt__nb6-http.pcap
  tcpdump__isakmp4500.pcap ndpi__ipsec_isakmp_esp.pcap scapy__ikev2_nat_t.pcapng zeek__ip6_esp.pcap
  zeek__tunnels__ayiya3.pcap"
paths=()
for f in $files; do paths+=("$corpus/$f"); done
COLUMNS="$common" "$root/scripts/golden/record-fields.sh" "$dir/expected" \
  "gre erspan cmd vxlan geneve gtp teredo l2tp esp udpencap ah ayiya" "${paths[@]}" "$dir/crafted.pcap"

# Display filters through the tunnels, layer operator included: "FILE<TAB>FILTER<TAB>frame
# numbers tshark displays" (comma-joined) in tunnels/filters.tsv.
filters="tcpdump__various_gre.pcap|ip.src#2 == 172.17.1.54
tcpdump__various_gre.pcap|gre.key == 0x28 && cmd.sgt == 0
tcpdump__various_gre.pcap|ip#2 && gre#2
tcpdump__various_gre.pcap|icmp && ip.dst#1 == 10.172.64.7
zeek__tunnels__gre-sample.pcap|tcp.port == 22
zeek__tunnels__gre-sample.pcap|ip.src#2 == 66.59.111.190 && udp
zeek__tunnels__gre-sample.pcap|udp.stream == 1
zeek__tunnels__gre-sample.pcap|ip.addr#3 == 172.28.2.3
zeek__erspan.pcap|eth.src#2 == 00:50:56:82:2b:52
zeek__erspan.pcap|tcp.stream == 2
zeek__erspan.pcap|ip.addr#2 == 192.168.69.2 && tcp.flags.syn == 1
suricata__decode-erspan-typeII-01.pcap|erspan.spanid == 100 && icmp
zeek__tunnels__vxlan-encapsulated-http.pcap|vxlan.vni == 1 && tcp.port == 80
zeek__tunnels__vxlan-encapsulated-http.pcap|ip.dst#2 == 54.86.237.188
zeek__tunnels__geneve.pcap|geneve.option.class == 0
zeek__tunnels__geneve.pcap|ip.src#2 == 30.0.0.1
pcapplusplus__gtp-u.pcap|gtp.teid == 1 && icmp.type == 8
pcapplusplus__gtp-u.pcap|ip.src#2 == 202.11.40.158
zeek__tunnels__gtp__gtp1_gn_normal_incl_fragmentation.pcap|gtp && tcp.len > 0
zeek__tunnels__gtp__gtp1_gn_normal_incl_fragmentation.pcap|tcp.stream == 0 && ip.src#2 == 10.131.47.185
zeek__tunnels__Teredo.pcap|teredo.orig
zeek__tunnels__Teredo.pcap|teredo.auth.nonce
zeek__tunnels__Teredo.pcap|teredo && icmpv6
tcpdump__isakmp4500.pcap|udpencap.nat_keepalive
tcpdump__isakmp4500.pcap|esp.sequence > 3
zeek__ip6_esp.pcap|esp.spi == 10 && esp.sequence <= 5
crafted.pcap|ah
crafted.pcap|ip.src#2 == 192.168.1.1
crafted.pcap|gre.checksum.status == 0
crafted.pcap|gtp.ext_hdr.next == 0x85
crafted.pcap|ipv6.src_6to4_gw_ipv4 == 192.0.2.1"
: > "$dir/filters.tsv"
while IFS='|' read -r f flt; do
  path=$corpus/$f
  [ "$f" = crafted.pcap ] && path=$dir/crafted.pcap
  nums=$(tshark -n -r "$path" -Y "$flt" -T fields -e frame.number 2>/dev/null | paste -sd, -)
  printf '%s\t%s\t%s\n' "$f" "$flt" "$nums" >> "$dir/filters.tsv"
done <<< "$filters"
echo "filters.tsv: $(wc -l < "$dir/filters.tsv") filters"

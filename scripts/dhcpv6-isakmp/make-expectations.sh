#!/usr/bin/env bash
# Records what tshark 4.0 shows for DHCPv6 and ISAKMP/IKE on the corpus captures that carry
# them: netsift-core/src/test/resources/{dhcpv6,isakmp}/expected/FILE.tsv.gz, the columns,
# expert messages and every dhcpv6 or isakmp field per packet (scripts/golden/record-fields.sh),
# compared by Dhcpv6DissectorTest and IsakmpDissectorTest.
#
# Usage: scripts/dhcpv6-isakmp/make-expectations.sh
# Env:   NETSIFT_CORPUS  corpus directory (default: ../shared/corpus beside the checkout)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus=$(cd "${NETSIFT_CORPUS:-$root/../shared/corpus}" && pwd)
res="$root/netsift-core/src/test/resources"
"$root/scripts/golden/record-fields.sh" "$res/dhcpv6/expected" "dhcpv6" \
  "$corpus/pcapplusplus__PPPoESession.pcap" "$corpus/pcapplusplus__many-protocols.pcap" \
  "$corpus/zeek__pppoe.pcap" "$corpus/ndpi__1kxun.pcap" "$corpus/zeek__erspan.pcap"
"$root/scripts/golden/record-fields.sh" "$res/isakmp/expected" "isakmp" \
  "$corpus/ndpi__ipsec_isakmp_esp.pcap" "$corpus/scapy__ikev2_nat_t.pcapng" \
  "$corpus/tcpdump__isakmp4500.pcap"

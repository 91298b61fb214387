#!/bin/sh
# Records tshark 4.0's tcp.completeness (one-pass read) for TcpCompletenessTest: one line per
# TCP frame of each capture below, "capture<TAB>frame.number<TAB>tcp.completeness", into
# netsift-core/src/test/resources/tcp-analysis/completeness.tsv.gz. Run from the repository
# root; the corpus is ../shared/corpus (CORPUS to change it).
set -e
corpus=${CORPUS:-../shared/corpus}
out=netsift-core/src/test/resources/tcp-analysis/completeness.tsv
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
files="samples/http.pcapng samples/tcp-handshake.pcapng dpkt__http.pcap ndpi__1kxun.pcap
 zeek__http__methods.pcap pcapplusplus__tls2.pcap zeek__ssh__ssh.pcap ndpi__netflix.pcap
 ndpi__KakaoTalk_talk.pcap zeek__smtp.pcap ndpi__alexa-app.pcapng zeek__tls__ssl.v3.pcap ndpi__bittorrent.pcap"
: > "$out"
for name in $files; do
  case "$name" in samples/*) path=$name ;; *) path=$corpus/$name ;; esac
  TZ=UTC WIRESHARK_CONFIG_DIR="$work" HOME="$work" tshark -n -r "$path" -Y tcp -T fields \
      -e frame.number -e tcp.completeness 2>/dev/null |
    awk -F'\t' -v OFS='\t' -v n="$name" '{ split($2, c, ","); print n, $1, c[1] }' >> "$out"
done
gzip -n -f "$out"
echo "wrote $(zcat "$out.gz" | wc -l) rows to $out.gz"

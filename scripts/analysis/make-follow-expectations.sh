#!/usr/bin/env bash
# Records what tshark 4.0 prints for -z follow,... and writes for --export-objects, so the
# analysis tests (FollowTapTest, ExportObjectsTapTest) compare byte for byte without tshark.
#
# Writes netsift-core/src/test/resources/analysis/
#   follow/cases.tsv        one line per case: ID <TAB> CAPTURE <TAB> -z ARGUMENT
#   follow/ID.txt.gz        tshark -n -q -r CAPTURE -z ARGUMENT (standard output, gzip'd)
#   export/cases.tsv        one line per case: ID <TAB> CAPTURE <TAB> PROTOCOL
#   export/ID.tsv           the files tshark --export-objects PROTOCOL,DIR wrote:
#                           NAME <TAB> SIZE <TAB> SHA-256, sorted by name
# (export/known-differences.txt, kept as it is, lists the reviewed differences from netsift.)
# CAPTURE is samples/NAME (this repository) or a corpus file name.
#
# Usage: scripts/analysis/make-follow-expectations.sh
# Env:   NETSIFT_CORPUS  corpus directory (default: ../shared/corpus beside the checkout)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus=$(cd "${NETSIFT_CORPUS:-$root/../shared/corpus}" && pwd)
out=$root/netsift-core/src/test/resources/analysis
mkdir -p "$out/follow" "$out/export"
# Generated files only: export/known-differences.txt is written by hand (reviewed differences).
rm -f "$out"/follow/*.txt.gz "$out"/follow/cases.tsv
find "$out/export" -name '*.tsv' -delete

work=$(mktemp -d "${TMPDIR:-/tmp}/netsift-follow.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/cfg"
export TZ=UTC LC_ALL=C WIRESHARK_CONFIG_DIR="$work/cfg" HOME="$work/cfg"

path_of() {
  case "$1" in
    samples/*) echo "$root/$1" ;;
    *) echo "$corpus/$1" ;;
  esac
}

# ID  CAPTURE  -z ARGUMENT
follow_cases="
http-tcp-ascii-0        samples/http.pcapng   follow,tcp,ascii,0
http-tcp-hex-0          samples/http.pcapng   follow,tcp,hex,0
http-tcp-raw-0          samples/http.pcapng   follow,tcp,raw,0
http-tcp-yaml-0         samples/http.pcapng   follow,tcp,yaml,0
http-tcp-ascii-7        samples/http.pcapng   follow,tcp,ascii,7
http-tcp-ascii-range    samples/http.pcapng   follow,tcp,ascii,0,2-3
http-tcp-hex-chunk      samples/http.pcapng   follow,tcp,hex,7,4
http-http-ascii-6       samples/http.pcapng   follow,http,ascii,6
http-http-raw-4         samples/http.pcapng   follow,http,raw,4
http-http-hex-3         samples/http.pcapng   follow,http,hex,3
http-http-yaml-7        samples/http.pcapng   follow,http,yaml,7
apps-tcp-hex-0          samples/apps.pcapng   follow,tcp,hex,0
apps-udp-ascii-0        samples/apps.pcapng   follow,udp,ascii,0
apps-udp-yaml-1         samples/apps.pcapng   follow,udp,yaml,1
apps-udp-hex-ends       samples/apps.pcapng   follow,udp,hex,127.0.0.53:53,127.0.0.1:39577
apps-tcp-raw-ends       samples/apps.pcapng   follow,tcp,raw,127.0.0.1:46370,127.0.0.1:80
apps-tcp-ascii-8        samples/apps.pcapng   follow,tcp,ascii,8
apps-tls-ascii-14       samples/apps.pcapng   follow,tls,ascii,14
apps-tls-hex-15         samples/apps.pcapng   follow,tls,hex,15
apps-tcp-ascii-none     samples/apps.pcapng   follow,tcp,ascii,99
ldap-gap-ascii          zeek__ldap__gap-data-missing.pcapng        follow,tcp,ascii,0
dropped-ascii           zeek__http__1000-requests-one-dropped-response.pcap.gz  follow,tcp,ascii,0,1990-2010
ftp6-ascii-ends         zeek__ftp__ipv6.pcap  follow,tcp,ascii,[2001:470:1f11:81f:c999:d94:aa7c:2e3e]:49185,[2001:470:4867:99::21]:21
ftp6-yaml-0             zeek__ftp__ipv6.pcap  follow,tcp,yaml,0
kakao-synack-hex-3      ndpi__KakaoTalk_talk.pcap  follow,tcp,hex,3
dpkt-http-hex-0         dpkt__http.pcap       follow,tcp,hex,0
smtp-ascii-0            zeek__smtp.pcap       follow,tcp,ascii,0
pipelined-http-ascii-0  zeek__http__pipelined-requests.pcap  follow,http,ascii,0
dns-udp-yaml-0          pcapplusplus__DnsPackets.pcap  follow,udp,yaml,0
dns-udp-hex-3           pcapplusplus__DnsPackets.pcap  follow,udp,hex,3
chunk-http-ascii-0      scapy__http_chunk.pcap.gz  follow,http,ascii,0
"
echo "$follow_cases" | while read -r id cap arg; do
  [ -z "$id" ] && continue
  printf '%s\t%s\t%s\n' "$id" "$cap" "$arg" >> "$out/follow/cases.tsv"
  tshark -n -q -r "$(path_of "$cap")" -z "$arg" 2>/dev/null | gzip -n -9 > "$out/follow/$id.txt.gz"
done

# ID  CAPTURE  PROTOCOL
export_cases="
http-sample      samples/http.pcapng   http
apps-sample      samples/apps.pcapng   http
dpkt-http        dpkt__http.pcap       http
bro-org          zeek__http__bro.org.pcap  http
methods          zeek__http__methods.pcap  http
pipelined        zeek__http__pipelined-requests.pcap  http
chunked          scapy__http_chunk.pcap.gz  http
browse           zeek__workshop_2011_browse.pcap  http
smtp-ndpi        ndpi__smtp.pcap       imf
smtp-zeek        zeek__smtp.pcap       imf
smtp-many        zeek__smtp__smtp-many-addresses.pcap.gz  imf
tftp-sample      samples/tftp.pcap     tftp
tftp-ndpi        ndpi__tftp.pcap       tftp
tftp-wrq         suricata__tftp-tx-handling-wrq.pcap  tftp
"
echo "$export_cases" | while read -r id cap proto; do
  [ -z "$id" ] && continue
  printf '%s\t%s\t%s\n' "$id" "$cap" "$proto" >> "$out/export/cases.tsv"
  rm -rf "$work/objects"
  # A relative DIR of 7 characters: tshark cuts names to 255 minus the DIR as given.
  (cd "$work" && tshark -n -q -r "$(path_of "$cap")" --export-objects "$proto,objects" > /dev/null 2>&1)
  mkdir -p "$work/objects"
  (cd "$work/objects" && for f in *; do
     [ -f "$f" ] || continue
     printf '%s\t%s\t%s\n' "$f" "$(stat -c %s -- "$f")" "$(sha256sum -- "$f" | cut -d' ' -f1)"
   done) | sort > "$out/export/$id.tsv"
done

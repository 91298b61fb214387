#!/usr/bin/env bash
# Decides what the engine-foundation golden files contain.
#
# Writes, under netsift-core/src/test/resources/golden/:
#   files.txt   corpus captures whose link type the engine covers (for pcapng files that mix
#               link types: at least one interface covered), one name a line
#   fields.txt  every field of the covered protocols that tshark fills on at least one packet
#               of those captures, grouped by protocol in `tshark -G fields` order under
#               "# protocol" headers; fields that need cross-packet state owned by a later
#               issue are kept as "#excluded name (reason)" lines so the list explains itself
#
# "Fills" means the -T fields output is non-empty: that is the output make-goldens.sh records,
# so a field tshark registers but never prints (most FT_NONE expert markers) is not listed.
#
# Usage: scripts/golden/discover-fields.sh        (then scripts/golden/make-goldens.sh)
# Env:   NETSIFT_CORPUS  corpus directory (default: ../shared/corpus beside the checkout)
#        GOLDEN_JOBS     parallel tshark processes (default 2)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus=$(cd "${NETSIFT_CORPUS:-$root/../shared/corpus}" && pwd)
out=$root/netsift-core/src/test/resources/golden
jobs=${GOLDEN_JOBS:-2}

# Protocols (tshark names) whose fields are candidates; a sub-protocol such as ipv6.fraghdr or
# tcp.options.mss belongs to its parent. ieee8021ad is how tshark names the 0x88a8 QinQ tag,
# ieee8021ah the 802.1ah I-Tag (0x88e7), etag the 802.1BR E-Tag (0x893f), bofl the Wellfleet keepalive (0x8102).
protocols='frame|eth|llc|vlan|ieee8021ad|arp|ip|ipv6|icmp|icmpv6|tcp|udp|sll|null|dns|mdns|llmnr|dhcp|ntp|snmp|tftp|ftp|ftp-data|smtp|imf|mime_multipart|pop|imap|telnet|tls|x509af|x509sat|x509ce|x509if|pkix1explicit|pkix1implicit|http|data-text-lines|json|png|image-jfif|image-gif|media|mpls|pwethheuristic|pwethcw|pwethnocw|pppoe|pppoed|pppoes|ppp|pap|ccp|ipoib|udpencap|cmd|ayiya|pcap_pktdata|lcp|ipcp|ipv6cp|chdlc|slarp|nflog|netlink|lldp|cdp|cfp|vntag|etag|ieee8021ah|bofl|stp|wlan|wlan_radio|radiotap|ppi|gre|erspan|vxlan|geneve|gtp|teredo|l2tp|esp|ah|igmp|vrrp|ospf|pim|sctp|fddi|arcnet|wg|irc|ssh|bgp|rtsp|cflow|dnp3|sap|sdp|vnc|mysql|x11|dec_dna|pfcp|quic|gquic|openvpn|xmpp|dcerpc|wpan|zbee_nwk|zbee_beacon|zbee_aps'
# Link types as capinfos names them (wiretap short names): Ethernet, raw IP (LINKTYPE 101
# and DLT 12/14 → rawip, 228 → rawip4, 229 → rawip6), Linux SLL (113) and SLL2 (276),
# BSD null (0) and OpenBSD loop (108), IEEE 802.11 (105) with radiotap (127) or PPI (192),
# PPP (9, 50), Cisco HDLC (104), NFLOG (239), Linux netlink (253), IPoIB (242), FDDI (10,
# read with bit-swapped addresses), ARCNET (7, and 129 from Linux) and IEEE 802.15.4 without
# FCS (230).
linktypes='ether|rawip|rawip4|rawip6|linux-sll|linux-sll2|null|loop|ieee-802-11|ieee-802-11-radiotap|ppi|ppp|chdlc|nflog|netlink|ip-over-ib|fddi-swapped|arcnet|arcnet_linux|wpan-nofcs'

for tool in tshark capinfos python3; do
    command -v "$tool" >/dev/null || { echo "discover-fields: $tool not found" >&2; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/netsift-discover.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/cfg" "$work/present" "$work/err" "$work/status" "$out"

# An empty configuration and home directory: no user preferences, profiles, colouring rules
# or name-resolution files can change what tshark prints.
export TZ=UTC LC_ALL=C WIRESHARK_CONFIG_DIR="$work/cfg" HOME="$work/cfg"
started=$(date +%s)

# ---- 1. files.txt: captures with at least one covered interface --------------------------
: > "$work/files.txt"
while IFS= read -r name; do
    # Only the formats netsift reads (pcap, pcapng and snoop, gzip'd or not): SOURCES.csv column 6.
    ftype=$(awk -F, -v n="$name" '$1 == n {print $6}' "$corpus/SOURCES.csv")
    case "$ftype" in pcap|nsecpcap|pcapng|snoop) ;; *) continue ;; esac
    # capinfos lists every interface as "Encapsulation = Ethernet (1 - ether)".
    encaps=$(capinfos -I "$corpus/$name" 2>/dev/null \
        | sed -n 's/^ *Encapsulation = .*([0-9]* - \([^)]*\))$/\1/p' | sort -u | tr '\n' ' ')
    if [[ " $encaps" =~ \ ($linktypes)\  ]]; then
        echo "$name" >> "$work/files.txt"
    fi
done < <(cd "$corpus" && find . -maxdepth 1 -type f ! -name '*.md' ! -name '*.csv' \
             | sed 's|^\./||' | LC_ALL=C sort)
# The project's own recordings (scripts/samples/record.sh; all Ethernet), named samples/NAME.
for s in "$root"/samples/*.pcap "$root"/samples/*.pcapng; do
    [[ -e $s ]] && echo "samples/$(basename "$s")" >> "$work/files.txt"
done
echo "discover-fields: $(wc -l < "$work/files.txt") of $(cd "$corpus" && find . -maxdepth 1 \
    -type f ! -name '*.md' ! -name '*.csv' | wc -l) captures have a covered link type" >&2

# ---- 2. candidate fields, in `tshark -G fields` order --------------------------------------
tshark -G fields > "$work/gfields.tsv" 2>/dev/null
# Columns: F, label, name, type, protocol, blurb, base, bitmask.
awk -F'\t' -v re="^($protocols)([.].*)?\$" '$1 == "F" && $5 ~ re { print $3 }' \
    "$work/gfields.tsv" > "$work/candidates.txt"
# Pseudo-fields: the summary columns (not in -G fields) and the two _ws protocols whose
# presence the tests compare; _ws.expert.* is asked for only to document its exclusion.
{
    printf '%s\n' _ws.col.No. _ws.col.Time _ws.col.Source _ws.col.Destination \
        _ws.col.Protocol _ws.col.Length _ws.col.Info _ws.malformed _ws.expert
    awk -F'\t' '$1 == "F" && ($5 == "_ws.malformed" || $5 == "_ws.expert") { print $3 }' \
        "$work/gfields.tsv"
} >> "$work/candidates.txt"
echo "discover-fields: $(wc -l < "$work/candidates.txt") candidate fields" >&2

# Reads tshark -T fields output (header line first) and prints "field<TAB>non-empty count".
cat > "$work/nonempty.py" <<'PY'
import sys
stream = sys.stdin.buffer
header = stream.readline().rstrip(b"\n").split(b"\t")
counts = [0] * len(header)
for lineno, line in enumerate(stream, start=2):
    cells = line.rstrip(b"\n").split(b"\t")
    if len(cells) != len(header):
        sys.exit(f"line {lineno}: {len(cells)} cells, header has {len(header)}")
    for i, cell in enumerate(cells):
        if cell:
            counts[i] += 1
for name, count in zip(header, counts):
    if count:
        print(f"{name.decode()}\t{count}")
PY

# ---- 3. one tshark pass per capture with every candidate field -----------------------------
scan_one() {
    local name=$1 args=() field rc path key=${1//\//__}
    case $name in samples/*) path=$root/$name ;; *) path=$corpus/$name ;; esac
    while IFS= read -r field; do args+=(-e "$field"); done < "$work/candidates.txt"
    set +e
    tshark -n -r "$path" -T fields -E header=y -E separator=/t -E occurrence=a \
        -E aggregator=, -E quote=n "${args[@]}" 2> "$work/err/$key" \
        | python3 "$work/nonempty.py" > "$work/present/$key"
    rc=("${PIPESTATUS[@]}")
    set -e
    echo "${rc[*]}" > "$work/status/$key"
}
export -f scan_one
export work corpus root
xargs -d '\n' -P "$jobs" -I{} bash -c 'scan_one "$1"' _ {} < "$work/files.txt"

# tshark warns on stderr (e.g. "appears to have been cut short"); show all of it but the
# running-as-root notice, and fail only if our own parser failed.
failed=0
while IFS= read -r name; do
    read -r rc_tshark rc_py < "$work/status/${name//\//__}"
    msg=$(grep -v '^Running as user' "$work/err/${name//\//__}" || true)
    if [[ -n $msg || $rc_tshark != 0 ]]; then
        echo "discover-fields: $name: tshark exit $rc_tshark: $msg" >&2
    fi
    if [[ $rc_py != 0 ]]; then
        echo "discover-fields: $name: could not parse tshark output" >&2
        failed=1
    fi
done < "$work/files.txt"
((failed == 0)) || exit 1

# ---- 4. fields.txt ----------------------------------------------------------------------
cp "$work/files.txt" "$out/files.txt"
python3 - "$work" "$out/fields.txt" "$(tshark --version 2>/dev/null | head -1)" <<'PY'
import collections, os, re, sys

work, target, version = sys.argv[1:4]

# Fields that need cross-packet state a later issue owns. First match wins; the reason is
# written next to the field in fields.txt.
EXCLUDE = [
    # fin_active/fin_passive depend on whether the peer has already sent its FIN.
    (r"tcp\.time_(relative|delta)|tcp\.completeness(\..*)?"
     r"|tcp\.connection\.fin_(active|passive)", "issue 9: tcp analysis"),
    # Reassembly itself is compared; its error items and PDU tracking are not implemented.
    (r"tcp\.(pdu\..*|continuation_to)", "tcp PDU tracking (tcp.analyze_sequence_numbers bookkeeping)"),
    (r"(tcp\.segment|ipv?6?\.fragment)\.(overlap.*|error|multipletails|toolongfragment)",
     "reassembly error items are not reported yet"),
    (r"icmp(v6)?\.(resp_in|resp_to|resptime|no_resp|resp_not_found)",
     "later issue: icmp request/response matching"),
    (r"udp\.time_(relative|delta)", "later issue: conversation timestamps"),
    (r"_ws\.expert\..*", "expert subfields: only _ws.expert presence is compared"),
    # tshark re-walks a framebuffer update from its start on every segment it asks one more
    # for, so these per-tile and per-pixel values repeat on each segment of the update: the
    # goldens of suricata__rfb-protocol-3.8 grow past 400 MB with them.
    (r"vnc\.(hextile_.*|cursor_encoding_(pixels|bitmask)|raw_pixel_data|zrle_data)",
     "VNC pixel data: tshark repeats it on every segment of a framebuffer update"),
]
# Always listed (when tshark fills them at all), whatever the corpus says.
ALWAYS = ["frame.number", "frame.len", "frame.cap_len", "frame.time", "frame.time_epoch",
          "frame.time_relative", "frame.time_delta", "frame.time_delta_displayed",
          "frame.protocols", "frame.encap_type", "frame.interface_id", "frame.marked",
          "frame.ignored", "frame.comment",
          "_ws.col.No.", "_ws.col.Time", "_ws.col.Source", "_ws.col.Destination",
          "_ws.col.Protocol", "_ws.col.Length", "_ws.col.Info", "_ws.malformed", "_ws.expert"]
COLUMNS = [f for f in ALWAYS if f.startswith("_ws.col.")]

present = collections.Counter()
for name in os.listdir(os.path.join(work, "present")):
    with open(os.path.join(work, "present", name)) as f:
        for line in f:
            field, count = line.rstrip("\n").split("\t")
            present[field] += int(count)

groups = collections.OrderedDict()            # protocol -> [(field, type)]
with open(os.path.join(work, "gfields.tsv"), encoding="utf-8") as f:
    for line in f:
        cols = line.rstrip("\n").split("\t")
        if cols[0] == "F":
            groups.setdefault(cols[4], []).append((cols[2], cols[3]))
with open(os.path.join(work, "candidates.txt")) as f:
    candidates = set(f.read().split())

def reason(field, ftype):
    for pattern, why in EXCLUDE:
        if re.fullmatch(pattern, field):
            return why
    if ftype == "FT_FRAMENUM":             # a link to another frame needs a second pass
        return "frame reference: needs a second pass"
    return None

lines, per_proto = [], collections.Counter()
def emit(proto, fields):
    body = []
    for field, ftype in fields:
        if field not in candidates or present[field] == 0:
            continue
        why = None if field in ALWAYS else reason(field, ftype)
        if why:
            body.append(f"#excluded {field} ({why})")
        else:
            body.append(field)
            per_proto[proto] += 1
    if body:
        lines.append(f"# {proto}")
        lines.extend(body)

emit("_ws.col", [(c, "FT_STRING") for c in COLUMNS])
for proto, fields in groups.items():
    if proto in ("_ws.malformed", "_ws.expert"):
        fields = [(proto, "FT_PROTOCOL")] + fields
    if proto in candidates or any(field in candidates for field, _ in fields):
        emit(proto, fields)

missing = [f for f in ALWAYS if f != "frame.comment" and present[f] == 0]
if missing:
    sys.exit(f"always-listed fields never filled by tshark: {missing}")

with open(target, "w") as f:
    f.write("## Fields of the engine-foundation protocols that tshark fills on at least one\n"
            "## packet of the captures in files.txt, in `tshark -G fields` order.\n"
            "## Generated by scripts/golden/discover-fields.sh (do not edit) with\n"
            f"## {version}\n"
            "## A field is a line; '# x' starts protocol x; '#excluded' lines are present in\n"
            "## the corpus but left to the issue named in brackets.\n")
    f.write("\n".join(lines) + "\n")

total = sum(per_proto.values())
excluded = sum(1 for l in lines if l.startswith("#excluded"))
print(f"discover-fields: {total} fields, {excluded} excluded", file=sys.stderr)
for proto, n in per_proto.items():
    print(f"  {proto:24} {n}", file=sys.stderr)
PY
echo "discover-fields: done in $(( $(date +%s) - started )) s" >&2

#!/usr/bin/env bash
# Whole-process benchmarks of issue 6: netsift against tshark, tcpdump, gzip and (when installed)
# dpkt on the 1 GB capture from ../shared/bench/make_big.sh. Prints a table of medians, pair-by-pair
# ratios and the issue's targets, and writes the "Whole-process comparison" section of
# BENCHMARKS.md (between the compare-bench markers; the other sections are left alone).
#
# usage: netsift-bench/bench.sh [BIG.pcap] [RUNS] [BENCHMARK ...]
#   BIG.pcap   the benchmark capture (default: big.pcap beside the repository, e.g. /work/big.pcap);
#              built with ../shared/bench/make_big.sh when missing (a few minutes)
#   RUNS       rounds per benchmark, medians reported (default 5; the issue asks for at least 5)
#   BENCHMARK  any of: filter fields summary json pcapng gzip startup (default: all)
# Environment (same meaning as the arguments, which win): BIG, RUNS, BENCHES="filter gzip ..."
#   PEERS         which peers to run: any of tshark tcpdump dpkt (default: all; dpkt only when
#                 `python3 -c 'import dpkt'` works). PEERS=tcpdump gives a quick trial without
#                 tshark, which takes 20-100 s a run on the big file.
#   STARTUP_RUNS  runs of the start-up benchmark (default 10)
#   NETSIFT_JAR   the jar to measure; when unset, netsift-cli/target/netsift.jar is built first
#   WORK          directory for derived captures (made once, reused) and outputs (default
#                 /tmp/netsift-bench; needs about 3 GB for the full capture)
#   WRITE         yes, no or auto (default): auto writes BENCHMARKS.md only when every benchmark
#                 and every peer ran with RUNS >= 5; otherwise the section goes to $WORK/section.md
#
# Each command is a whole process, its file in the page cache, timed by GNU time (wall clock and
# maximum resident set). In each round netsift and its peers run one after the other (the order
# reversed every other round) and the ratio is taken within the round; the table shows the median
# of the walls and the median of the per-round ratios, so a load spike hits both sides of a ratio.
# netsift runs with -Xmx256m throughout: the RSS column shows what that bound costs.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
all_benches="filter fields summary json pcapng gzip startup"
big=${1:-${BIG:-$(dirname "$here")/big.pcap}}
runs=${2:-${RUNS:-5}}
shift $(( $# < 2 ? $# : 2 ))
benches=${*:-${BENCHES:-$all_benches}}
benches=${benches//,/ }
peers=${PEERS:-tshark tcpdump dpkt}
peers=${peers//,/ }
startup_runs=${STARTUP_RUNS:-10}
work=${WORK:-/tmp/netsift-bench}
write=${WRITE:-auto}
page="$here/BENCHMARKS.md"
for b in $benches; do
  case " $all_benches " in *" $b "*) ;; *) echo "bench.sh: unknown benchmark $b (use: $all_benches)" >&2; exit 2;; esac
done
wants() { case " $benches " in *" $1 "*) return 0;; esac; return 1; }
peer() { case " $peers " in *" $1 "*) return 0;; esac; return 1; }

need() {  # command, Debian package
  command -v "$1" >/dev/null && return
  echo "bench.sh: installing $2 for $1" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null
}
need tshark tshark; need editcap wireshark-common; need capinfos wireshark-common
need tcpdump tcpdump; need gzip gzip; need bc bc
[ -x /usr/bin/time ] || need /usr/bin/time time
dpkt_note=""
if peer dpkt && ! python3 -c 'import dpkt' 2>/dev/null; then
  dpkt_note="dpkt is not installed (\`python3 -c 'import dpkt'\` fails): its row is skipped."
  peers=${peers//dpkt/}
fi
peers=$(echo $peers)
echo "bench.sh: benchmarks: $benches; peers: ${peers:-none}; runs: $runs${dpkt_note:+; $dpkt_note}" >&2

if [ ! -f "$big" ]; then
  echo "bench.sh: building $big with ../shared/bench/make_big.sh (a few minutes)..." >&2
  bash "$here/../shared/bench/make_big.sh" "$big" >&2
fi
jar=${NETSIFT_JAR:-$here/netsift-cli/target/netsift.jar}
[ -n "${NETSIFT_JAR:-}" ] || (cd "$here" && ./mvnw -q -B -DskipTests install -pl netsift-cli -am)
[ -f "$jar" ] || { echo "bench.sh: no jar at $jar" >&2; exit 2; }
mkdir -p "$work"
wsconf=$(mktemp -d)   # tshark with an empty configuration directory: default preferences
trap 'rm -rf "$wsconf"' EXIT
# netsift runs as the ./netsift launcher runs it (its JVM options and class-data-sharing
# archive), with the heap capped at 256 MB.
jopts="-Xmx256m ${NETSIFT_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1}"
if [ ! -s "$jar.jsa" ] || [ "$jar" -nt "$jar.jsa" ]; then
  java $jopts -XX:ArchiveClassesAtExit="$jar.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$jar" read "$here/samples/http.pcapng" > /dev/null
fi
ns="java $jopts -XX:SharedArchiveFile=$jar.jsa -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off -jar $jar"
ts="TZ=UTC WIRESHARK_CONFIG_DIR=$wsconf tshark -n"
packets=$(capinfos -c -M "$big" | awk -F': *' '/Number of packets/ {print $2}')
full_capture=$([ "$packets" = 2160836 ] && echo yes || echo no)

# Derived captures, made once (remade when older than the capture).
fresh() { [ -s "$1" ] && [ "$1" -nt "$big" ]; }
slice="$work/slice.pcap"; ng="$work/big.pcapng"; gz="$work/big.pcap.gz"
if wants json && ! fresh "$slice"; then editcap -r "$big" "$slice" 1-100504; fi
if wants pcapng && ! fresh "$ng"; then editcap -F pcapng "$big" "$ng"; fi
if wants gzip && ! fresh "$gz"; then gzip -c "$big" > "$gz.tmp" && mv "$gz.tmp" "$gz"; fi
slice_packets=""
wants json && slice_packets=$(capinfos -c -M "$slice" | awk -F': *' '/Number of packets/ {print $2}')
for f in "$big" "$slice" "$ng" "$gz"; do [ -f "$f" ] && cat "$f" > /dev/null; done   # page cache

tf="$work/time.txt"
# One timed run: sets WALL (s), RSS (KiB) and RC.
run_once() {
  RC=0
  /usr/bin/time -o "$tf" -f '%e %M' bash -c "$1" > /dev/null 2> "$work/stderr.txt" || RC=$?
  local line; line=$(tail -1 "$tf")
  WALL=${line% *}; RSS=${line#* }
  if [ "$RC" -ne 0 ]; then
    echo "bench.sh: exit $RC from: $1" >&2
    tail -3 "$work/stderr.txt" >&2
  fi
}
median() { sort -g | awk '{a[NR]=$1} END {if (NR == 0) print "-"; else if (NR % 2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }

# bench NAME ROUNDS CMD1 CMD2 ...: times the commands round by round (the order reversed every
# other round). Leaves walls in W_<i>, per-round ratios cmd_i/cmd_1 in Q_<i>, the largest RSS
# in M_<i> (MB) and the worst exit status in X_<i>.
bench() {
  local name=$1 rounds=$2; shift 2
  local n=$# r i k cmds=("$@")
  for ((i = 0; i < n; i++)); do eval "W_$i=(); Q_$i=(); M_$i=0; X_$i=0"; done
  echo "bench.sh: $name: $rounds rounds of ${n} commands" >&2
  for ((r = 1; r <= rounds; r++)); do
    local walls=()
    for ((k = 0; k < n; k++)); do
      i=$(( r % 2 ? k : n - 1 - k ))
      run_once "${cmds[$i]}"
      walls[$i]=$WALL
      eval "W_$i+=($WALL)"
      eval "(( RSS / 1024 > M_$i )) && M_$i=$(( RSS / 1024 )) || true"
      eval "(( RC != 0 )) && X_$i=$RC || true"
    done
    for ((i = 1; i < n; i++)); do
      eval "Q_$i+=($(awk -v a="${walls[$i]}" -v b="${walls[0]}" 'BEGIN {printf "%.4f", (b > 0 ? a / b : 0)}'))"
    done
  done
}
wall_of() { eval "printf '%s\n' \"\${W_$1[@]}\"" | median; }
ratio_of() { eval "printf '%s\n' \"\${Q_$1[@]}\"" | median; }
rss_of() { eval "echo \$M_$1"; }
status_of() { eval "[ \$X_$1 -eq 0 ] && echo ok || echo \"exit \$X_$1\""; }
fmt() { awk -v x="$1" 'BEGIN {if (x == "-") print "-"; else if (x >= 10) printf "%.1f", x; else printf "%.2f", x}'; }
inv() { awk -v x="$1" 'BEGIN {printf "%.4f", (x > 0 ? 1 / x : 0)}'; }
# met VALUE OP LIMIT: yes or no
met() { awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN {ok = (op == ">=") ? v >= l : (op == "<=") ? v <= l : v < l; print (ok ? "yes" : "no")}'; }
count() { capinfos -c -M "$1" 2>/dev/null | awk -F': *' '/Number of packets/ {print $2}' || true; }

rows="$work/rows.md"; cmds="$work/commands.md"
: > "$rows"; : > "$cmds"
row() { echo "| $* |" >> "$rows"; }
show() {  # a command as the section shows it: short names for the jar and the work files
  local c=${1//$jar/netsift.jar}; c=${c//$wsconf/EMPTY_DIR}; c=${c//$work\//}; c=${c//$here\//}
  echo "${c//  / }"
}
cmd() { echo "- $1: \`$(show "$2")\`" >> "$cmds"; }
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# 1. -Y 'tcp.port == 80' -w: tshark and tcpdump, packets written checked.
if wants filter; then
  c0="$ns read $big -Y 'tcp.port == 80' -w $work/ns-80.pcap"
  list=("$c0"); labels=(netsift); outs=("$work/ns-80.pcap")
  if peer tshark; then list+=("$ts -r $big -Y 'tcp.port == 80' -w $work/ts-80.pcap"); labels+=(tshark); outs+=("$work/ts-80.pcap"); fi
  if peer tcpdump; then list+=("tcpdump -r $big -w $work/td-80.pcap 'tcp port 80'"); labels+=(tcpdump); outs+=("$work/td-80.pcap"); fi
  bench "-Y 'tcp.port == 80' -w" "$runs" "${list[@]}"
  for i in "${!list[@]}"; do
    got=$(count "${outs[$i]}")
    case "${labels[$i]}" in
      tcpdump) want=519139 target="≥ 1× (no slower)" limit=1 ;;
      *) want=530577 target="≥ 50×" limit=50 ;;
    esac
    [ "$i" -eq 0 ] && ns_got=$got
    if [ "$full_capture" = yes ]; then
      check="$got packets written (expected $want: $([ "$got" = "$want" ] && echo ok || echo WRONG))"
    elif [ "${labels[$i]}" = tshark ]; then
      check="$got packets written ($([ "$got" = "$ns_got" ] && echo "same as netsift" || echo "netsift: $ns_got, DIFFERENT"))"
    else
      check="$got packets written"
    fi
    if [ "$i" -eq 0 ]; then
      row "-Y 'tcp.port == 80' -w | netsift | $(fmt "$(wall_of 0)") | $(rss_of 0) | $(status_of 0) | | | | $check"
    else
      q=$(ratio_of "$i")
      row " | ${labels[$i]} | $(fmt "$(wall_of "$i")") | $(rss_of "$i") | $(status_of "$i") | ${labels[$i]}/netsift $(fmt "$q")× | $target | $(met "$q" ">=" "$limit") | $check"
    fi
    cmd "${labels[$i]}" "${list[$i]}"
  done
fi

# 2. -T fields with 4 fields: byte-identical output to tshark's.
if wants fields; then
  f="-T fields -e ip.src -e ip.dst -e tcp.srcport -e tcp.dstport"
  list=("$ns read $big $f > $work/ns-fields.txt"); labels=(netsift)
  if peer tshark; then list+=("$ts -r $big $f > $work/ts-fields.txt"); labels+=(tshark); fi
  if peer dpkt; then
    cat > "$work/dpkt_fields.py" <<'PY'
# The dpkt peer: Ethernet/IP/TCP parsed in Python, the four fields printed like -T fields.
import socket, sys, dpkt
out = sys.stdout
with open(sys.argv[1], "rb") as f:
    for _, buf in dpkt.pcap.Reader(f):
        eth = dpkt.ethernet.Ethernet(buf)
        ip = eth.data
        if not isinstance(ip, dpkt.ip.IP):
            out.write("\t\t\t\n"); continue
        tcp = ip.data
        ports = (str(tcp.sport), str(tcp.dport)) if isinstance(tcp, dpkt.tcp.TCP) else ("", "")
        out.write("%s\t%s\t%s\t%s\n" % (socket.inet_ntoa(ip.src), socket.inet_ntoa(ip.dst), *ports))
PY
    list+=("python3 $work/dpkt_fields.py $big > $work/dpkt-fields.txt"); labels+=(dpkt)
  fi
  bench "-T fields" "$runs" "${list[@]}"
  ns_sum=$(sha256sum < "$work/ns-fields.txt" | cut -c1-16)
  row "-T fields, 4 fields | netsift | $(fmt "$(wall_of 0)") | $(rss_of 0) | $(status_of 0) | | | | sha256 $ns_sum…, $(wc -l < "$work/ns-fields.txt") lines"
  for i in "${!list[@]}"; do
    [ "$i" -eq 0 ] && { cmd netsift "${list[0]}"; continue; }
    q=$(ratio_of "$i"); o="$work/${labels[$i]}-fields.txt"; [ "${labels[$i]}" = tshark ] && o="$work/ts-fields.txt"
    if cmp -s "$work/ns-fields.txt" "$o"; then check="byte-identical to netsift's (cmp)"
    else check="DIFFERS from netsift's: $(cmp "$work/ns-fields.txt" "$o" 2>&1 | head -1 | sed "s|$work/||g" || true)"; fi
    if [ "${labels[$i]}" = tshark ]; then target="≥ 50×"; ok=$(met "$q" ">=" 50); else target="(none)"; ok=""; fi
    row " | ${labels[$i]} | $(fmt "$(wall_of "$i")") | $(rss_of "$i") | $(status_of "$i") | ${labels[$i]}/netsift $(fmt "$q")× | $target | $ok | $check"
    cmd "${labels[$i]}" "${list[$i]}"
  done
fi

# 3. Summary lines and 4. -T json on the 100,504-packet slice: against tshark, ≥ 10×.
two_way() {  # name, file, options, check
  local list=("$ns read $2 $3 > /dev/null") labels=(netsift)
  if peer tshark; then list+=("$ts -r $2 $3 > /dev/null"); labels+=(tshark); fi
  bench "$1" "$runs" "${list[@]}"
  row "$1 | netsift | $(fmt "$(wall_of 0)") | $(rss_of 0) | $(status_of 0) | | | | $4"
  cmd netsift "${list[0]}"
  if [ ${#list[@]} -gt 1 ]; then
    local q; q=$(ratio_of 1)
    row " | tshark | $(fmt "$(wall_of 1)") | $(rss_of 1) | $(status_of 1) | tshark/netsift $(fmt "$q")× | ≥ 10× | $(met "$q" ">=" 10) |"
    cmd tshark "${list[1]}"
  fi
}
wants summary && two_way "summary lines" "$big" "" ""
wants json && two_way "-T json, first 100,504 packets" "$slice" "-T json" "slice of $slice_packets packets (\`editcap -r BIG slice.pcap 1-100504\`)"

# 5. pcapng against pcap, the same command (netsift both times): ≤ 1.2×.
same="-Y 'tcp.port == 80' -T fields -e frame.number"
if wants pcapng; then
  bench "pcapng vs pcap" "$runs" "$ns read $big $same > $work/pcap-numbers.txt" "$ns read $ng $same > $work/pcapng-numbers.txt"
  q=$(ratio_of 1)
  same_out=$(cmp -s "$work/pcap-numbers.txt" "$work/pcapng-numbers.txt" && echo "same frames selected" || echo "DIFFERENT frames selected")
  row "pcapng vs pcap | netsift, pcap | $(fmt "$(wall_of 0)") | $(rss_of 0) | $(status_of 0) | | | | $(wc -l < "$work/pcap-numbers.txt") frames"
  row " | netsift, pcapng | $(fmt "$(wall_of 1)") | $(rss_of 1) | $(status_of 1) | pcapng/pcap $(fmt "$q")× | ≤ 1.2× | $(met "$q" "<=" 1.2) | $same_out (\`editcap -F pcapng\` copy)"
  cmd "netsift, pcap" "$ns read $big $same"; cmd "netsift, pcapng" "$ns read $ng $same"
fi

# 6. gzip'd input against gzip -dc alone: ≤ 1.2×.
if wants gzip; then
  bench "gzip" "$runs" "gzip -dc $gz > /dev/null" "$ns read $gz $same > $work/gz-numbers.txt"
  q=$(ratio_of 1)
  check=$([ -f "$work/pcap-numbers.txt" ] && { cmp -s "$work/pcap-numbers.txt" "$work/gz-numbers.txt" && echo "same frames as from the pcap" || echo "DIFFERENT frames from the pcap's"; } || echo "$(wc -l < "$work/gz-numbers.txt") frames")
  row "gzip'd input | gzip -dc | $(fmt "$(wall_of 0)") | $(rss_of 0) | $(status_of 0) | | | |"
  row " | netsift, .pcap.gz | $(fmt "$(wall_of 1)") | $(rss_of 1) | $(status_of 1) | netsift/gzip $(fmt "$q")× | ≤ 1.2× | $(met "$q" "<=" 1.2) | $check"
  cmd "gzip" "gzip -dc $gz > /dev/null"; cmd "netsift, gzip'd" "$ns read $gz $same"
fi

# 7. Start-up on a small file: < 0.5 s (tshark beside it for reference).
if wants startup; then
  small="$here/samples/http.pcapng"
  list=("$ns read $small > /dev/null"); labels=(netsift)
  if peer tshark; then list+=("$ts -r $small > /dev/null"); labels+=(tshark); fi
  bench "start-up" "$startup_runs" "${list[@]}"
  w=$(wall_of 0)
  row "start-up, samples/http.pcapng ($startup_runs runs) | netsift | $(fmt "$w") | $(rss_of 0) | $(status_of 0) | | < 0.5 s | $(met "$w" "<" 0.5) |"
  cmd netsift "${list[0]}"
  if [ ${#list[@]} -gt 1 ]; then
    row " | tshark | $(fmt "$(wall_of 1)") | $(rss_of 1) | $(status_of 1) | tshark/netsift $(fmt "$(ratio_of 1)")× | (none) | |"
    cmd tshark "${list[1]}"
  fi
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

section="$work/section.md"
{
  echo "<!-- compare-bench: written by netsift-bench/bench.sh; rerun it, do not edit -->"
  echo "## Whole-process comparison with tshark, tcpdump and gzip ($(date -u +%Y-%m-%d))"
  echo
  echo "Written by \`netsift-bench/bench.sh\`$([ "$benches" = "$all_benches" ] || echo " (benchmarks: $benches)") with RUNS=$runs$([ "$peers" = "tshark tcpdump" ] || [ "$peers" = "tshark tcpdump dpkt" ] || echo ", PEERS=\"$peers\"")."
  echo
  echo "- Machine: $(nproc) cores, $(lscpu | awk -F': *' '/Model name/ {print $2; exit}'), $(free -g | awk '/Mem:/ {print $2}') GiB; $(java -version 2>&1 | head -1); $(tshark -v 2>/dev/null | head -1 | sed 's/\.$//'); $(tcpdump --version 2>&1 | head -1); load average (1, 5, 15 min) before: $load_before, after: $load_after."
  echo "- File: \`$big\` from \`../shared/bench/make_big.sh\`: $(stat -c %s "$big") bytes, $packets packets, in the page cache."
  echo "- Each wall is the median of $runs whole-process runs ($startup_runs for start-up); netsift and its peers run one after the other in each round, and each ratio is the median of the per-round ratios. RSS is GNU time's maximum resident set over the runs; netsift always runs with \`-Xmx256m\` and the launcher's JVM options (\`$jopts\`, class-data sharing). *ok* means every run exited with status 0."
  [ -n "$dpkt_note" ] && echo "- $dpkt_note"
  echo
  echo "| benchmark | run | median wall (s) | max RSS (MB) | exit | ratio | target | met | check |"
  echo "|---|---|---:|---:|---|---:|---|---|---|"
  cat "$rows"
  echo
  echo "Commands (\`netsift.jar\` is \`netsift-cli/target/netsift.jar\`; tshark runs with an empty \`WIRESHARK_CONFIG_DIR\`):"
  echo
  cat "$cmds"
  echo "<!-- /compare-bench -->"
} > "$section"
cat "$section"

complete=no
[ "$benches" = "$all_benches" ] && peer tshark && peer tcpdump && [ "$runs" -ge 5 ] && complete=yes
if [ "$write" = yes ] || { [ "$write" = auto ] && [ "$complete" = yes ]; }; then
  python3 - "$page" "$section" <<'PY'
import re, sys
path, sec = sys.argv[1], open(sys.argv[2]).read().rstrip("\n")
doc = open(path).read() if __import__("os").path.exists(path) else "# Benchmarks\n"
doc = doc.replace("Written by `scripts/bench/compare.sh` — do not edit by hand; rerun the script.",
                  "Each section is written by the script it names — do not edit by hand; rerun the script.")
marked = re.compile(r"<!-- compare-bench:.*?<!-- /compare-bench -->", re.S)
old = re.compile(r"^## Whole-process comparison.*?(?=^## |^<!-- |\Z)", re.S | re.M)
if marked.search(doc):
    doc = marked.sub(lambda m: sec, doc)
elif old.search(doc):   # the unmarked section the old scripts/bench/compare.sh wrote
    doc = old.sub(lambda m: sec + "\n\n", doc, count=1)
else:
    doc = doc.rstrip("\n") + "\n\n" + sec + "\n"
open(path, "w").write(doc)
PY
  echo "bench.sh: wrote the section into $page" >&2
else
  echo "bench.sh: BENCHMARKS.md left alone (a subset, a peer missing or RUNS < 5; WRITE=yes forces it); section in $section" >&2
fi

#!/usr/bin/env bash
# Whole-process comparison of netsift with tshark on the benchmark capture, written to BENCHMARKS.md.
#
# usage: scripts/bench/compare.sh [BIG.pcap] [RUNS]
#   BIG.pcap  the 1 GB capture from ../shared/bench/make_big.sh (built there if missing; default /tmp/netsift-big.pcap)
#   RUNS      runs per command, the median is reported (default 3)
# Each command runs as a whole process with its output to /dev/null, the file in the page cache.
# netsift runs with -Xmx256m, so the figure also shows that it streams in bounded memory.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
big=${1:-/tmp/netsift-big.pcap}
runs=${2:-3}
out="$here/BENCHMARKS.md"
if [ ! -f "$big" ]; then
  echo "building $big with ../shared/bench/make_big.sh (a few minutes)..." >&2
  bash "$here/../shared/bench/make_big.sh" "$big" >&2
fi
command -v tshark >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q tshark >/dev/null
command -v /usr/bin/time >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q time >/dev/null
jar=${NETSIFT_JAR:-$here/netsift-cli/target/netsift.jar}   # NETSIFT_JAR: measure a jar built elsewhere
[ -n "${NETSIFT_JAR:-}" ] || (cd "$here" && ./mvnw -q -B -DskipTests install -pl netsift-cli -am)
cat "$big" > /dev/null   # into the page cache

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
# median wall seconds and max RSS (MB) of RUNS runs of a command line
measure() {
  local walls=() rss=() line
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$tmp" -f '%e %M' bash -c "$1" > /dev/null 2>/dev/null
    line=$(tail -1 "$tmp")
    walls+=("${line% *}"); rss+=("${line#* }")
  done
  local w r
  w=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  r=$(printf '%s\n' "${rss[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%d", a[NR]/1024}')
  echo "$w $r"
}

packets=$(capinfos -c -M "$big" | awk -F': *' '/Number of packets/ {print $2}')
ns="java -Xmx256m -jar $jar"
declare -a names cmds
names+=("summary lines"); cmds+=("$ns read $big|TZ=UTC tshark -n -r $big")
names+=("-T fields -e ip.src"); cmds+=("$ns read $big -T fields -e ip.src|TZ=UTC tshark -n -r $big -T fields -e ip.src")
names+=("-T fields, 4 fields"); cmds+=("$ns read $big -T fields -e ip.src -e ip.dst -e tcp.srcport -e tcp.dstport|TZ=UTC tshark -n -r $big -T fields -e ip.src -e ip.dst -e tcp.srcport -e tcp.dstport")
names+=("-Y 'tcp.port == 80' -w"); cmds+=("$ns read $big -Y 'tcp.port == 80' -w /dev/null|TZ=UTC tshark -n -r $big -Y 'tcp.port == 80' -w /dev/null")
names+=("-Y 'dns.qry.name contains \"a\"' -w"); cmds+=("$ns read $big -Y 'dns.qry.name contains \"a\"' -w /dev/null|TZ=UTC tshark -n -r $big -Y 'dns.qry.name contains \"a\"' -w /dev/null")

{
  echo "# Benchmarks"
  echo
  echo "Written by \`scripts/bench/compare.sh\` — do not edit by hand; rerun the script."
  echo
  echo "## Whole-process comparison with tshark ($(date -u +%Y-%m-%d))"
  echo
  echo "- Machine: $(nproc) cores, $(lscpu | awk -F': *' '/Model name/ {print $2}'), $(free -g | awk '/Mem:/ {print $2}') GiB; $(java -version 2>&1 | head -1); $(tshark -v 2>/dev/null | head -1)"
  echo "- File: the capture from \`../shared/bench/make_big.sh\`: $(stat -c %s "$big") bytes, $packets packets, in the page cache"
  echo "- Each figure is the median of $runs whole-process runs, output to /dev/null; RSS is the largest of the runs."
  echo "- netsift runs as \`java -Xmx256m -jar netsift-cli/target/netsift.jar\` (\`$ns\` below)."
  echo
  echo "| what | netsift wall (s) | netsift RSS (MB) | tshark wall (s) | tshark RSS (MB) | speed-up |"
  echo "|---|---:|---:|---:|---:|---:|"
  for i in "${!names[@]}"; do
    IFS='|' read -r a b <<< "${cmds[$i]}"
    read -r nw nr < <(measure "$a")
    read -r tw tr < <(measure "$b")
    echo "| ${names[$i]} | $nw | $nr | $tw | $tr | $(awk -v a="$nw" -v b="$tw" 'BEGIN {printf "%.1f×", b/a}') |" 
  done
  echo
  echo "Commands:"
  echo
  for i in "${!names[@]}"; do
    IFS='|' read -r a b <<< "${cmds[$i]}"
    echo "- \`${a/$jar/netsift.jar}\` vs \`$b\`"
  done
  # The live-capture section comes from scripts/live/bench-lo.sh, which needs root and lo.
  if [ -f "$here/docs/bench-live.md" ]; then echo; cat "$here/docs/bench-live.md"; fi
  # The memory-bound section comes from scripts/bench/memory.sh (a million half-open streams).
  if [ -f "$here/docs/bench-memory.md" ]; then echo; cat "$here/docs/bench-memory.md"; fi
  # The Spark section is written into BENCHMARKS.md by scripts/spark/bench.sh: keep it as it is.
  if [ -f "$out" ]; then
    spark=$(sed -n '/^<!-- spark-bench/,/^<!-- \/spark-bench -->/p' "$out")
    if [ -n "$spark" ]; then echo; echo "$spark"; fi
  fi
} > "$out.tmp"
mv "$out.tmp" "$out"
cat "$out"

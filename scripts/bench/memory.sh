#!/usr/bin/env bash
# The memory bound, measured: netsift under -Xmx256m over a million half-open TCP streams in every
# output mode, tshark beside it. Writes the "Memory bound" section of BENCHMARKS.md (and
# docs/bench-memory.md, a copy of it).
#
# usage: scripts/bench/memory.sh [STREAMS] [TSHARK_TIMEOUT]
#   STREAMS         half-open streams in the capture (default 1000000)
#   TSHARK_TIMEOUT  seconds tshark may take per mode before it counts as not finished (default 600)
# The captures come from scripts/bench/make-half-open.py into a temporary directory: each stream
# a SYN and the first bytes of an HTTP request that never ends (the SYN-only variant gets one row).
# NETSIFT_JAR measures a jar built elsewhere; otherwise netsift-cli/target/netsift.jar is built
# with `package` (never `install`).
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
streams=${1:-1000000}
limit=${2:-600}
command -v tshark >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q tshark >/dev/null
command -v /usr/bin/time >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q time >/dev/null
jar=${NETSIFT_JAR:-$here/netsift-cli/target/netsift.jar}
[ -n "${NETSIFT_JAR:-}" ] || (cd "$here" && ./mvnw -q -B -o -DskipTests package -pl netsift-cli -am)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
http="$work/half-open-http.pcap"
syn="$work/half-open-syn.pcap"
python3 "$here/scripts/bench/make-half-open.py" "$http" "$streams"
python3 "$here/scripts/bench/make-half-open.py" --syn-only "$syn" "$streams"
load=$(cut -d' ' -f1-3 /proc/loadavg)

# "wall_s rss_MB status" of one run; status is ok, or what stopped it (exit code, timeout).
# $2 is the time limit in seconds (0: none).
run() {
  local t="$work/time" rc=0
  timeout "${2:-0}" /usr/bin/time -o "$t" -f '%e %M' bash -c "$1" > /dev/null 2> "$work/err" || rc=$?
  if [ "$rc" -eq 124 ]; then echo "- - timeout"; return; fi
  local line; line=$(tail -1 "$t")
  local status=ok
  if [ "$rc" -ne 0 ]; then
    status="exit $rc"
    grep -q OutOfMemoryError "$work/err" && status="OutOfMemoryError"
  fi
  echo "${line% *} $(( ${line#* } / 1024 )) $status"
}

ns="java -Xmx256m -jar $jar"
declare -a names args files
names+=("summary lines");            args+=("");                                              files+=("$http")
names+=("-T fields");                args+=("-T fields -e frame.number -e ip.src -e tcp.stream -e tcp.len"); files+=("$http")
names+=("-V");                       args+=("-V");                                            files+=("$http")
names+=("-T json");                  args+=("-T json");                                       files+=("$http")
names+=("-Y filter");                args+=("-Y 'tcp.len > 0 && tcp.stream >= 0'");           files+=("$http")
names+=("-2");                       args+=("-2");                                            files+=("$http")
names+=("summary lines, SYN only");  args+=("");                                              files+=("$syn")

section="$here/docs/bench-memory.md"
{
  echo "## Memory bound: $streams half-open TCP streams ($(date -u +%Y-%m-%d))"
  echo
  echo "Written by \`scripts/bench/memory.sh $streams $limit\` — rerun it rather than editing."
  echo
  echo "- Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(java -version 2>&1 | head -1); $(tshark -v 2>/dev/null | head -1 | sed 's/\.$//'); load average before the runs: $load"
  echo "- Captures: \`scripts/bench/make-half-open.py\`: $streams streams, each a SYN and a segment with the first bytes of an HTTP request that never ends ($(stat -c %s "$http") bytes, $((streams * 2)) packets); the last row only the SYNs ($(stat -c %s "$syn") bytes)."
  echo "- netsift runs as \`java -Xmx256m -jar netsift.jar read FILE ...\` with default preferences: past \`tcp.state_max_total\` (64 MiB) it forgets the longest-idle streams; tshark keeps every stream, so its RSS grows with the streams. One run each, output to /dev/null; RSS is /usr/bin/time's maximum resident set; netsift runs to the end, tshark stops counting after $limit s."
  echo
  echo "| output mode | netsift wall (s) | netsift RSS (MB) | netsift | tshark wall (s) | tshark RSS (MB) | tshark |"
  echo "|---|---:|---:|---|---:|---:|---|"
  for i in "${!names[@]}"; do
    read -r nw nr ns_status < <(run "$ns read ${files[$i]} ${args[$i]}" 0)
    read -r tw tr ts_status < <(run "TZ=UTC tshark -n -r ${files[$i]} ${args[$i]}" "$limit")
    echo "| ${names[$i]} | $nw | $nr | $ns_status | $tw | $tr | $ts_status |"
  done
  echo
  echo "Options per row (tshark runs as \`TZ=UTC tshark -n -r FILE\` with the same options):"
  echo
  for i in "${!names[@]}"; do echo "- ${names[$i]}: \`read FILE ${args[$i]}\`"; done
} > "$section.tmp"
mv "$section.tmp" "$section"

# Replace the section in BENCHMARKS.md (or append it) without touching the others.
python3 - "$here/BENCHMARKS.md" "$section" <<'EOF'
import re, sys
page, section = open(sys.argv[1]).read(), open(sys.argv[2]).read()
m = re.search(r"^## Memory bound.*?(?=^## |^<!-- |\Z)", page, re.S | re.M)
page = page[:m.start()] + section + "\n" + page[m.end():] if m else page.rstrip("\n") + "\n\n" + section
open(sys.argv[1], "w").write(page)
EOF
cat "$section"

#!/usr/bin/env bash
# How many packets per second a live capture on lo keeps up with before libpcap reports drops:
# netsift writing pcapng, netsift printing summary lines, and the peers dumpcap -w and tshark,
# measured in the same run. Writes docs/bench-live.md (the lead merges it into BENCHMARKS.md;
# netsift-bench/bench.sh rewrites only its own section there).
#
# usage: sudo scripts/live/bench-lo.sh [SECONDS] ["RATE RATE ..."]
#   SECONDS  how long the sender sends at each rate (default 5, at most 60)
#   RATES    packets per second to try, 0 meaning as fast as one sender thread can (default
#            "50000 100000 150000 200000 0")
# The load is scripts/live/LoSender.java: 18-byte UDP datagrams from 127.0.0.1 to itself, paced,
# bounded in time; nothing leaves the machine. Each capture uses a BPF filter on the sender's
# port and a 32 MiB kernel buffer (-B 32, netsift's default; tshark's and dumpcap's is 2), and stops
# by itself (-a duration). A rate is kept up with
# when every datagram sent was captured and pcap_stats reports no drop.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:-5}
rates=${2:-"50000 100000 150000 200000 0"}
out="$here/docs/bench-live.md"
[ "$(id -u)" -eq 0 ] || { echo "bench-lo: capturing needs root" >&2; exit 1; }
jar=${NETSIFT_JAR:-$here/netsift-cli/target/netsift.jar}   # NETSIFT_JAR: measure a jar built elsewhere
[ -n "${NETSIFT_JAR:-}" ] || (cd "$here" && ./mvnw -q -B -DskipTests install -pl netsift-cli -am)
sender="$here/scripts/live/LoSender.java"
work=$(mktemp -d /tmp/netsift-bench-lo.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
# Compile the sender once, so each run starts at once.
javac -d "$work/cls" "$sender"
load=$(cut -d' ' -f1 /proc/loadavg)
port=$(( 40000 + RANDOM % 20000 ))
bpf="udp dst port $port"
dur=$(( secs + 3 ))

# run_capture NAME CMD: start CMD in the background, wait until it says it is capturing, run the
# sender, wait for CMD to exit; prints "sent rate captured dropped lag".
run_capture() {
  local name=$1 cmd=$2 rate=$3 err="$work/$1.err" started line
  : > "$err"
  bash -c "exec $cmd" > /dev/null 2> "$err" &
  local pid=$!
  pids+=("$pid")
  for _ in $(seq 200); do grep -q "Capturing on" "$err" && break; sleep 0.1; done
  started=$(date +%s.%N)
  line=$(java -cp "$work/cls" LoSender "$port" "$rate" "$secs")
  wait "$pid" || true
  local ended lag sent srate captured dropped
  ended=$(date +%s.%N)
  lag=$(awk -v a="$ended" -v b="$started" -v d="$dur" 'BEGIN { x = a - b - d; printf "%.1f", x < 0 ? 0 : x }')
  sent=$(sed -E 's/.*sent=([0-9]+).*/\1/' <<< "$line")
  srate=$(sed -E 's/.*rate=([0-9]+).*/\1/' <<< "$line")
  case $name in
    netsift*)
      captured=$(sed -nE 's/^([0-9]+) packets? captured, ([0-9]+) dropped$/\1/p' "$err" | tail -1)
      dropped=$(sed -nE 's/^([0-9]+) packets? captured, ([0-9]+) dropped$/\2/p' "$err" | tail -1) ;;
    dumpcap*)
      captured=$(sed -nE 's/.*Packets captured: ([0-9]+).*/\1/p' "$err" | tail -1)
      dropped=$(sed -nE 's/.*\(pcap:([0-9]+)\/dumpcap:([0-9]+).*/\1+\2/p' "$err" | tail -1)
      dropped=$(( ${dropped:-0} )) ;;
    tshark*)
      captured=$(sed -nE 's/^([0-9]+) packets? captured.*/\1/p' "$err" | tail -1)
      dropped=$(sed -nE 's/^([0-9]+) packets? dropped.*/\1/p' "$err" | tail -1) ;;
  esac
  echo "$sent $srate ${captured:-0} ${dropped:-0} $lag"
}

declare -A cmds=(
  [netsift-w]="java -jar $jar capture -i lo -f '$bpf' -B 32 -a duration:$dur -w $work/ns.pcapng"
  [netsift-lines]="java -jar $jar capture -i lo -f '$bpf' -B 32 -a duration:$dur"
  [dumpcap-w]="dumpcap -i lo -f '$bpf' -B 32 -a duration:$dur -w $work/dc.pcapng"
  [tshark-lines]="tshark -n -i lo -f '$bpf' -B 32 -a duration:$dur"
)
order=(netsift-w dumpcap-w netsift-lines tshark-lines)
declare -A best maxed
rows=()
for name in "${order[@]}"; do
  tool=${cmds[$name]%% *}
  command -v "$tool" > /dev/null || { echo "bench-lo: $tool not installed, skipping $name" >&2; continue; }
  best[$name]=0
  failed=
  for rate in $rates; do
    run_capture "$name" "${cmds[$name]}" "$rate" > "$work/result"
    read -r sent srate captured dropped lag < "$work/result"
    ok=no
    if [ "$captured" -eq "$sent" ] && [ "$dropped" -eq 0 ]; then
      ok=yes
      # Only rates below the first failure count: a lucky run above it proves nothing.
      if [ -z "$failed" ] && [ "$srate" -gt "${best[$name]}" ]; then
        best[$name]=$srate
        [ "$rate" -eq 0 ] && maxed[$name]=1
      fi
    else
      failed=1
    fi
    target=$([ "$rate" -eq 0 ] && echo "max" || echo "$rate")
    rows+=("| $name | $target | $srate | $sent | $captured | $dropped | $lag | $ok |")
    echo "bench-lo: $name rate=$target sent=$sent captured=$captured dropped=$dropped lag=${lag}s" >&2
  done
done

{
  echo "## Live capture on lo ($(date -u +%Y-%m-%d))"
  echo
  echo "Written by \`scripts/live/bench-lo.sh $secs \"$rates\"\` — rerun it rather than editing."
  echo
  echo "- Machine: $(nproc) cores, $(sed -nE 's/^model name\s*: (.*)/\1/p' /proc/cpuinfo | head -1), $(free -g | awk '/Mem:/ {print $2}') GiB;" \
    "$(java -version 2>&1 | head -1); $(tshark --version 2>/dev/null | head -1 || echo 'tshark absent');" \
    "libpcap $(dpkg-query -W -f '${Version}' libpcap0.8 2>/dev/null || echo '?'); load average before the run: $load (on 2 cores, anything above 0.5 means other work competed with the capture and the sender)."
  echo "- Load: \`LoSender.java\`, one thread sending 18-byte UDP datagrams (60-byte frames) from 127.0.0.1 to itself for ${secs} s at each rate; the capture and the sender share the machine's cores."
  echo "- Every capture: \`-i lo -f '$bpf' -B 32 -a duration:$dur\`: a 32 MiB kernel buffer for all (netsift's default; tshark's and dumpcap's default is 2 MiB, with which netsift's summary lines drop packets in the first second while the JVM compiles the dissectors). *Kept up* = every datagram sent was captured and pcap_stats reported no drop."
  echo "- *Lag*: seconds the tool ran past its capture duration. tshark captures through dumpcap into a temporary file and dissects from it, so its kernel buffer never overflows, but its output falls behind (by the lag); netsift dissects in the capture loop, so a slow consumer shows up as drops instead."
  echo "- tshark's *captured* is the count it prints; when it stops at the duration with packets still unread, they are missing without being counted as dropped."
  echo "- Drops on lo count each packet twice: the kernel queues both the outgoing and the incoming copy, and libpcap discards the outgoing one."
  echo
  echo "| capture | target pkt/s | sent pkt/s | sent | captured | dropped | lag (s) | kept up |"
  echo "|---|---:|---:|---:|---:|---:|---:|:---:|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "Highest rate kept up with, every lower rate tried kept up with too (packets/s, as sent):"
  echo
  for name in "${order[@]}"; do
    [ -n "${best[$name]:-}" ] || continue
    note=""
    [ "${best[$name]}" -eq 0 ] && note=" (none of the rates tried)"
    [ -n "${maxed[$name]:-}" ] && note=" or more: it kept up with the sender's top speed"
    echo "- $name: ${best[$name]}$note"
  done
  echo
  echo "Commands:"
  echo
  for name in "${order[@]}"; do
    [ -n "${best[$name]:-}" ] && echo "- $name: \`${cmds[$name]//$work\//}\`"
  done
} > "$out"
echo "bench-lo: wrote $out" >&2

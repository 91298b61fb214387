#!/usr/bin/env bash
# Spark benchmark for BENCHMARKS.md: the benchmark capture counted with tcp.port == 80 by
# ./netsift-spark.sh under local[1] and local[2], next to the single-process CLI, in one run.
# usage: scripts/spark/bench.sh [BIG.pcap]   (default /work/big.pcap; see ../shared/bench/README.md)
# Prints a Markdown table; each figure is the median of 3 whole-process runs (wall clock).
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
big=${1:-/work/big.pcap}
filter='tcp.port == 80'
expected=530577
cd "$here"
[ -f "$big" ] || { echo "no $big: build it with ../shared/bench/make_big.sh" >&2; exit 2; }
[ -f netsift-cli/target/netsift.jar ] || ./mvnw -q -B -o -DskipTests package -pl netsift-cli -am >&2
./netsift-spark.sh count --master 'local[1]' /dev/null >/dev/null 2>&1 || true   # builds on first use
cat "$big" > /dev/null   # page cache
bytes=$(stat -c %s "$big")
median() { sort -n | sed -n 2p; }
time_of() { local s e; s=$(date +%s.%N); "$@" > /tmp/netsift-bench.out 2>/tmp/netsift-bench.err; e=$(date +%s.%N);
  echo "$e - $s" | bc; }
run3() { for i in 1 2 3; do time_of "$@"; done | median; }
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
cli=$(run3 java -jar netsift-cli/target/netsift.jar read "$big" -Y "$filter" -w /dev/null)
cli_count=$(java -jar netsift-cli/target/netsift.jar read "$big" -Y "$filter" -T fields -e frame.number | wc -l)
l1=$(run3 ./netsift-spark.sh count --master 'local[1]' --filter "$filter" "$big")
c1=$(cat /tmp/netsift-bench.out)
l2=$(run3 ./netsift-spark.sh count --master 'local[2]' --filter "$filter" "$big")
c2=$(cat /tmp/netsift-bench.out)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
for c in "$cli_count" "$c1" "$c2"; do
  [ "$c" = "$expected" ] || { echo "count $c, expected $expected" >&2; exit 1; }
done
mbs() { echo "scale=1; $bytes / 1000000 / $1" | bc; }
echo "| run | wall s (median of 3) | count | MB/s | MB/s per core |"
echo "| --- | ---: | ---: | ---: | ---: |"
echo "| CLI \`read -Y '$filter' -w /dev/null\` | $cli | $cli_count | $(mbs "$cli") | $(mbs "$cli") |"
echo "| \`netsift-spark.sh count\` local[1] | $l1 | $c1 | $(mbs "$l1") | $(mbs "$l1") |"
echo "| \`netsift-spark.sh count\` local[2] | $l2 | $c2 | $(mbs "$l2") | $(echo "scale=1; $(mbs "$l2") / 2" | bc) |"
echo
echo "speed-up local[2] over local[1]: $(echo "scale=2; $l1 / $l2" | bc)x;" \
  "local[1] over the CLI: $(echo "scale=2; $cli / $l1" | bc)x"
echo "load average before: $load_before; after: $load_after ($(nproc) cores)"

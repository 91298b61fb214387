#!/usr/bin/env bash
# Spark benchmark for BENCHMARKS.md: the benchmark capture counted with tcp.port == 80 by
# ./netsift-spark.sh under local[1] and local[2], next to the single-process CLI, in one run.
# usage: scripts/spark/bench.sh [BIG.pcap]   (default /work/big.pcap; see ../shared/bench/README.md)
# Prints a Markdown section (median of 3 whole-process runs, wall clock) and puts it into
# BENCHMARKS.md between the "spark-bench" markers (appended the first time).
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
median() { sort -n | sed -n 2p | xargs printf "%.2f\n"; }
time_of() { local s e; s=$(date +%s.%N); "$@" > /tmp/netsift-bench.out 2>/tmp/netsift-bench.err; e=$(date +%s.%N);
  echo "$e - $s" | bc; }
run3() { for i in 1 2 3; do time_of "$@"; done | median; }
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
cli=$(run3 java -Xmx256m -jar netsift-cli/target/netsift.jar read "$big" -Y "$filter" -w /dev/null)
cli_count=$(java -Xmx256m -jar netsift-cli/target/netsift.jar read "$big" -Y "$filter" -T fields -e frame.number | wc -l)
l1=$(run3 ./netsift-spark.sh count --master 'local[1]' --filter "$filter" "$big")
c1=$(cat /tmp/netsift-bench.out)
l2=$(run3 ./netsift-spark.sh count --master 'local[2]' --filter "$filter" "$big")
c2=$(cat /tmp/netsift-bench.out)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
for c in "$cli_count" "$c1" "$c2"; do
  [ "$c" = "$expected" ] || { echo "count $c, expected $expected" >&2; exit 1; }
done
mbs() { echo "scale=1; $bytes / 1000000 / $1" | bc; }
section=$(mktemp)
{
echo "<!-- spark-bench: written by scripts/spark/bench.sh; rerun it, do not edit -->"
echo "## Spark data source: counting with local[1] and local[2] ($(date -u +%F))"
echo
echo "- Machine: $(nproc) cores, $(java -version 2>&1 | head -1); Spark 4.0.4 in one JVM (\`./netsift-spark.sh\`, -Xmx2g)."
echo "- File: \`$big\` ($bytes bytes, from \`../shared/bench/make_big.sh\`), in the page cache; filter \`$filter\`."
busy=$(awk -v l="${load_before%% *}" 'BEGIN { print (l > 1.5) ? " — other work shared the machine" : " — the machine was otherwise quiet" }')
echo "- Load average (1, 5, 15 min) before: $load_before; after: $load_after$busy."
echo "- Each figure: median of 3 whole-process runs (JVM and Spark start-up, the counting pass and the read)."
echo
echo "| run | wall (s) | count | MB/s | MB/s per core |"
echo "| --- | ---: | ---: | ---: | ---: |"
echo "| CLI \`java -jar netsift.jar read big.pcap -Y '$filter' -w /dev/null\` | $cli | $cli_count | $(mbs "$cli") | $(mbs "$cli") |"
echo "| \`./netsift-spark.sh count --master 'local[1]' --filter '$filter' big.pcap\` | $l1 | $c1 | $(mbs "$l1") | $(mbs "$l1") |"
echo "| \`./netsift-spark.sh count --master 'local[2]' --filter '$filter' big.pcap\` | $l2 | $c2 | $(mbs "$l2") | $(echo "scale=1; $(mbs "$l2") / 2" | bc) |"
echo
echo "Speed-up local[2] over local[1]: $(echo "scale=2; $l1 / $l2" | bc)×; the CLI over local[1]: $(echo "scale=2; $l1 / $cli" | bc)×."
echo "<!-- /spark-bench -->"
} > "$section"
cat "$section"
python3 - "$here/BENCHMARKS.md" "$section" <<'PY'
import sys, re
path, sec = sys.argv[1], open(sys.argv[2]).read().rstrip("\n")
doc = open(path).read()
pat = re.compile(r"<!-- spark-bench:.*?<!-- /spark-bench -->", re.S)
doc = pat.sub(lambda m: sec, doc) if pat.search(doc) else doc.rstrip("\n") + "\n\n" + sec + "\n"
open(path, "w").write(doc)
PY
rm -f "$section"

#!/usr/bin/env bash
# Measures how far netsift's `-z expert` is from tshark 4.0's over the corpus: for every capture
# it runs
#     TZ=UTC tshark -n -q -r FILE -z expert          (empty configuration directory)
#     java -jar netsift-cli/target/netsift.jar read FILE -q -z expert
# and prints one line per capture that differs ("lines NAME": the number of diff lines), then
# the count. tshark's outputs are kept in OUT/tshark and reused by later runs; netsift's go to
# OUT/netsift, so `diff OUT/tshark/NAME.txt OUT/netsift/NAME.txt` shows a difference.
# Build the jar first: ./mvnw -q -o -pl netsift-cli -am package -DskipTests
#
# Usage: scripts/analysis/expert-agreement.sh [OUT]     (OUT defaults to /tmp/netsift-expert)
# Env:   NETSIFT_CORPUS  corpus directory (default: ../shared/corpus beside the checkout)
#        JOBS            parallel runs (default 2)
#        ONLY            a file listing capture names, one a line: run only these (e.g. the last
#                        run's differences: awk 'NF==2{print $2}' last-output > list)
#        Z               the statistic to compare instead of expert (e.g. Z=io,phs; use its own OUT,
#                        since tshark's outputs are kept there)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus=$(cd "${NETSIFT_CORPUS:-$root/../shared/corpus}" && pwd)
out=${1:-/tmp/netsift-expert}
jar=$root/netsift-cli/target/netsift.jar
[ -f "$jar" ] || { echo "no $jar: build it first" >&2; exit 1; }
mkdir -p "$out/tshark" "$out/netsift" "$out/config"
export TZ=UTC LC_ALL=C WIRESHARK_CONFIG_DIR="$out/config" HOME="$out/config" OUT="$out" JAR="$jar" Z="${Z:-expert}"

one() { # $1 capture path
  local name
  name=$(basename "$1")
  [ -s "$OUT/tshark/$name.txt" ] || tshark -n -q -r "$1" -z "$Z" > "$OUT/tshark/$name.txt" 2>/dev/null || true
  java -jar "$JAR" read "$1" -q -z "$Z" > "$OUT/netsift/$name.txt" 2>/dev/null || true
}
export -f one

if [ -n "${ONLY:-}" ]; then
  sed "s|^|$corpus/|" "$ONLY" | tr '\n' '\0'
else
  find "$corpus" -maxdepth 1 -type f ! -name '*.md' ! -name '*.csv' -print0 | sort -z
fi |
  xargs -0 -n 1 -P "${JOBS:-2}" bash -c 'one "$0"'

differ=0
total=0
for t in "$out"/tshark/*.txt; do
  name=$(basename "$t")
  [ -f "$corpus/${name%.txt}" ] || continue
  [ -z "${ONLY:-}" ] || grep -qxF "${name%.txt}" "$ONLY" || continue
  total=$((total + 1))
  n=$(diff "$t" "$out/netsift/$name" | grep -c '^[<>]' || true)
  if [ "$n" -gt 0 ]; then
    differ=$((differ + 1))
    printf '%6d %s\n' "$n" "${name%.txt}"
  fi
done
echo "$differ of $total captures differ"

#!/usr/bin/env bash
# Records tshark 4.0's -z statistics for StatsGoldenTest: for every line "FILE<TAB>ARG" of
# netsift-core/src/test/resources/stats/cases.tsv it runs
#     TZ=UTC tshark -n -q -r FILE -z ARG        (empty configuration directory)
# and stores the standard output as netsift-core/src/test/resources/stats/expected/NAME.txt,
# where NAME is FILE and ARG with every character outside [A-Za-z0-9._-] replaced by "_".
# FILE is a corpus file name, or samples/NAME for the captures in the repository.
#
# Usage: scripts/analysis/make-stats-expectations.sh
# Env:   NETSIFT_CORPUS  corpus directory (default: ../shared/corpus beside the checkout)
#        ONLY            an extended regex: record only the cases whose ARG matches (keeps the rest)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus=$(cd "${NETSIFT_CORPUS:-$root/../shared/corpus}" && pwd)
dir=$root/netsift-core/src/test/resources/stats
mkdir -p "$dir/expected"
[ -z "${ONLY:-}" ] && rm -f "$dir"/expected/*.txt

work=$(mktemp -d "${TMPDIR:-/tmp}/netsift-stats.XXXXXX")
trap 'rm -rf "$work"' EXIT
export TZ=UTC LC_ALL=C WIRESHARK_CONFIG_DIR="$work" HOME="$work"

while IFS=$'\t' read -r file arg; do
  case "$file" in ''|'#'*) continue ;; esac
  if [ -n "${ONLY:-}" ] && ! printf '%s' "$arg" | grep -Eq -- "$ONLY"; then continue; fi
  case "$file" in
    samples/*) path=$root/$file ;;
    *) path=$corpus/$file ;;
  esac
  name=$(printf '%s_%s' "$file" "$arg" | sed 's/[^A-Za-z0-9._-]/_/g')
  tshark -n -q -r "$path" -z "$arg" > "$dir/expected/$name.txt" 2>/dev/null
done < "$dir/cases.tsv"
echo "wrote $(ls "$dir/expected" | wc -l) files to $dir/expected"

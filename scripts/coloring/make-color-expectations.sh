#!/usr/bin/env bash
# Records the colors tshark 4.0 gives every packet (its default coloring rules, --color) so
# ColoringRulesTest can compare netsift's chosen rule per packet without tshark installed.
# Output: netsift-core/src/test/resources/coloring/<capture>.tsv with lines
#   frame<TAB>foreground #rrggbb<TAB>background #rrggbb   ("-" "-" when no rule matched)
# for samples/*.pcap* and the corpus captures listed in corpus.txt (when ../shared/corpus exists).
# tshark colors only a terminal, so it runs under script(1); an empty HOME keeps personal rules out.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=netsift-core/src/test/resources/coloring
CORPUS=${NETSIFT_CORPUS:-../shared/corpus}
mkdir -p "$OUT"
export HOME=$(mktemp -d) TZ=UTC TERM=xterm-256color COLORTERM=truecolor
trap 'rm -rf "$HOME"' EXIT

record() {
  local file=$1 name
  name=$(basename "$file")
  script -qec "tshark -n --color -r '$file' -o 'gui.column.format:\"No.\",\"%m\"'" /dev/null 2>/dev/null </dev/null \
    | tr -d '\r' | python3 -c '
import re, sys
pat = re.compile(r"^(?:\x1b\[0m)?(?:\x1b\[38;2;(\d+);(\d+);(\d+)m\x1b\[48;2;(\d+);(\d+);(\d+)m)?\s*(\d+)(?:\x1b\[K)?\s*$")
for line in sys.stdin:
    m = pat.match(line.rstrip("\n"))
    if not m:
        continue
    g = m.groups()
    if g[0] is None:
        print(g[6] + "\t-\t-")
    else:
        fg = "#%02x%02x%02x" % tuple(int(x) for x in g[0:3])
        bg = "#%02x%02x%02x" % tuple(int(x) for x in g[3:6])
        print(g[6] + "\t" + fg + "\t" + bg)
' > "$OUT/$name.tsv"
  echo "$name: $(wc -l < "$OUT/$name.tsv") packets"
}

for f in samples/*.pcap samples/*.pcapng; do record "$f"; done
if [ -d "$CORPUS" ]; then
  while read -r c; do
    [ -z "$c" ] || [ "${c#\#}" != "$c" ] || record "$CORPUS/$c"
  done < scripts/coloring/corpus.txt
fi
(cd "$OUT" && ls *.tsv | sed 's/\.tsv$//') > "$OUT/index.txt"

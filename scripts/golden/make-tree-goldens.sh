#!/usr/bin/env bash
# Records tshark 4.0's detail tree (-V) of the captures in
# netsift-core/src/test/resources/tree/files.txt for TreeGoldenTest, which compares netsift's
# -V with it, layer by layer, for the protocols whose trees match (the test's list says which).
#
#     TZ=UTC tshark -n -r FILE -V            (empty configuration directory)
#
# Writes netsift-core/src/test/resources/tree/NAME.txt.gz (gzip -n: reruns are byte-identical).
# A name is samples/NAME (the project's own recordings) or a corpus file name.
# Usage: scripts/golden/make-tree-goldens.sh
# Env:   NETSIFT_CORPUS  corpus directory (default: ../shared/corpus beside the checkout)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus=$(cd "${NETSIFT_CORPUS:-$root/../shared/corpus}" && pwd)
dir=$root/netsift-core/src/test/resources/tree
work=$(mktemp -d "${TMPDIR:-/tmp}/netsift-tree.XXXXXX")
trap 'rm -rf "$work"' EXIT
export TZ=UTC LC_ALL=C WIRESHARK_CONFIG_DIR="$work" HOME="$work"
while read -r name; do
  case "$name" in ''|'#'*) continue ;; esac
  case "$name" in
    samples/*) path=$root/$name ;;
    *) path=$corpus/$name ;;
  esac
  tshark -n -r "$path" -V 2>/dev/null | gzip -n > "$dir/$(basename "$name").txt.gz"
done < "$dir/files.txt"
echo "wrote $(ls "$dir"/*.txt.gz | wc -l) trees to $dir"

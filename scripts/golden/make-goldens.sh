#!/usr/bin/env bash
# Records tshark's view of every capture in files.txt as golden files the Java tests compare
# against, so the tests never need tshark.
#
# Reads  netsift-core/src/test/resources/golden/{files,fields}.txt (from discover-fields.sh)
# Writes netsift-core/src/test/resources/golden/
#   fields/<capture>.tsv.gz    tshark -T fields with every field of fields.txt, one row a packet
#   summary/<capture>.txt.gz   tshark's default one-line-a-packet summary
#   README.md                  how they were made and how to parse them
# gzip -n keeps reruns byte-identical; README.md keeps its date unless something else changed.
#
# Usage: scripts/golden/make-goldens.sh [CAPTURE...]
#        With capture names (as in files.txt) only their goldens are remade, with the current
#        fields.txt; the other goldens and README.md are left alone (a quick redo after fields
#        were added by hand, before the next full run).
# Env:   NETSIFT_CORPUS  corpus directory (default: ../shared/corpus beside the checkout)
#        GOLDEN_JOBS     parallel tshark processes (default 2)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus=$(cd "${NETSIFT_CORPUS:-$root/../shared/corpus}" && pwd)
golden=$root/netsift-core/src/test/resources/golden
jobs=${GOLDEN_JOBS:-2}

for tool in tshark gzip python3; do
    command -v "$tool" >/dev/null || { echo "make-goldens: $tool not found" >&2; exit 1; }
done
for list in files.txt fields.txt; do
    [[ -s $golden/$list ]] || { echo "make-goldens: run discover-fields.sh first ($list)" >&2; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/netsift-goldens.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/cfg" "$work/err" "$work/status" "$golden/fields" "$golden/summary"

# Same isolation as discover-fields.sh: nothing from a user profile reaches tshark.
export TZ=UTC LC_ALL=C WIRESHARK_CONFIG_DIR="$work/cfg" HOME="$work/cfg"
started=$(date +%s)

grep -v '^#' "$golden/fields.txt" | grep -v '^$' > "$work/fields"
grep -v '^$' "$golden/files.txt" > "$work/files"
partial=0
if (($# > 0)); then
    partial=1
    for name in "$@"; do
        grep -qxF -- "$name" "$work/files" || { echo "make-goldens: $name is not in files.txt" >&2; exit 1; }
    done
    printf '%s\n' "$@" > "$work/files"
fi
fields_opts='-T fields -E header=y -E separator=/t -E occurrence=a -E aggregator=, -E quote=n'

golden_one() {
    local name=$1 args=() field rc_fields rc_summary path key=${1//\//__}
    case $name in samples/*) path=$root/$name ;; *) path=$corpus/$name ;; esac
    while IFS= read -r field; do args+=(-e "$field"); done < "$work/fields"
    # Write beside the target and rename, so an interrupted run never leaves a half file.
    local tsv=$golden/fields/$name.tsv.gz txt=$golden/summary/$name.txt.gz
    mkdir -p "$(dirname "$tsv")" "$(dirname "$txt")"
    set +e
    # shellcheck disable=SC2086  # $fields_opts is a fixed list of words
    tshark -n -r "$path" $fields_opts "${args[@]}" 2> "$work/err/$key" \
        | gzip -n -9 > "$tsv.tmp.$$"
    rc_fields=${PIPESTATUS[0]}
    tshark -n -r "$path" 2>> "$work/err/$key" | gzip -n -9 > "$txt.tmp.$$"
    rc_summary=${PIPESTATUS[0]}
    set -e
    mv -f "$tsv.tmp.$$" "$tsv"
    mv -f "$txt.tmp.$$" "$txt"
    echo "$rc_fields $rc_summary" > "$work/status/$key"
}
export -f golden_one
export work corpus golden fields_opts root
xargs -d '\n' -P "$jobs" -I{} bash -c 'golden_one "$1"' _ {} < "$work/files"

if ((partial)); then
    for name in "$@"; do
        read -r rc_fields rc_summary < "$work/status/${name//\//__}"
        msg=$(grep -v '^Running as user' "$work/err/${name//\//__}" | sort -u | tr '\n' ' ' || true)
        echo "make-goldens: $name: tshark exit $rc_fields${msg:+: $msg}" >&2
    done
    echo "make-goldens: remade $# of the goldens in $(( $(date +%s) - started )) s; README.md unchanged" >&2
    exit 0
fi

# Goldens of captures no longer in files.txt would be compared by nobody: drop them.
for dir_ext in fields:.tsv.gz summary:.txt.gz; do
    dir=${dir_ext%%:*} ext=${dir_ext#*:}
    for f in "$golden/$dir"/*"$ext"; do
        [[ -e $f ]] || continue
        base=$(basename "$f" "$ext")
        grep -qxF -- "$base" "$work/files" || rm -f -- "$f"
    done
done

# tshark's complaints (minus the running-as-root notice) go into the README for the tests.
: > "$work/diagnostics"
while IFS= read -r name; do
    read -r rc_fields rc_summary < "$work/status/${name//\//__}"
    msg=$(grep -v '^Running as user' "$work/err/${name//\//__}" | sort -u | tr '\n' ' ' || true)
    if [[ -n $msg || $rc_fields != 0 || $rc_summary != 0 ]]; then
        printf '| `%s` | %s | %s |\n' "$name" "$rc_fields" "${msg% }" >> "$work/diagnostics"
        echo "make-goldens: $name: tshark exit $rc_fields: $msg" >&2
    fi
done < "$work/files"

elapsed=$(( $(date +%s) - started ))
python3 - "$golden" "$work" "$(tshark --version 2>/dev/null | head -1)" "$elapsed" <<'PY'
import datetime, hashlib, os, sys

golden, work, version, elapsed = sys.argv[1:5]
fields = open(os.path.join(work, "fields")).read().split()
files = open(os.path.join(work, "files")).read().split("\n")
files = [f for f in files if f]
diagnostics = open(os.path.join(work, "diagnostics")).read()
fields_sha = hashlib.sha256(open(os.path.join(golden, "fields.txt"), "rb").read()).hexdigest()
size = sum(os.path.getsize(os.path.join(top, f))
           for d in ("fields", "summary") for top, _, names in os.walk(os.path.join(golden, d)) for f in names)
today = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")

readme = f"""# tshark golden files

Generated on {today} by `scripts/golden/make-goldens.sh` with
`{version}`.
Do not edit: rerun `scripts/golden/discover-fields.sh` (which captures, which fields) and then
`scripts/golden/make-goldens.sh` (the goldens; a few minutes with 2 jobs).

- `files.txt`: {len(files)} corpus captures (`../shared/corpus/`) with at least one interface of a
  covered link type (Ethernet, raw IP, Linux SLL/SLL2, BSD null/loop).
- `fields.txt`: {len(fields)} fields, sha256 `{fields_sha}`.
- Total size of `fields/` and `summary/`: {size / 1e6:.1f} MB.

For each capture `NAME` in `files.txt`, where `CFG` is a fresh empty directory:

```
fields/NAME.tsv.gz:
  TZ=UTC LC_ALL=C WIRESHARK_CONFIG_DIR=CFG HOME=CFG tshark -n -r NAME -T fields -E header=y \\
    -E separator=/t -E occurrence=a -E aggregator=, -E quote=n -e F1 -e F2 ... | gzip -n -9
summary/NAME.txt.gz:
  TZ=UTC LC_ALL=C WIRESHARK_CONFIG_DIR=CFG HOME=CFG tshark -n -r NAME | gzip -n -9
```

`F1 F2 ...` are the non-comment lines of `fields.txt`, in order, all in one tshark call.
tshark runs one pass (no `-2`), so fields pointing forward to later frames never appear.

## Parsing the TSV

- UTF-8 (tshark prints `→`, `·` and other non-ASCII text whatever the locale); lines end in `\\n`.
- Line 1 is the header: the field names, in `fields.txt` order. Then one line per packet.
- Cells are separated by a tab; an empty cell means tshark did not fill the field.
- Several occurrences in one packet (e.g. two `ip.src` in ICMP errors, tunnels) are joined
  by `,` in tree order. A value that itself contains `,` (`_ws.col.Info`, `_ws.expert`,
  `frame.comment`) can therefore not be split safely: compare such cells whole.
- tshark escapes exactly five characters inside a value: backspace, form feed, newline,
  carriage return and tab become `\\b`, `\\f`, `\\n`, `\\r`, `\\t` (two characters each).
  A backslash is NOT escaped and no quoting is done (`-E quote=n`), so `\\t` in a cell is
  either an escaped tab or a literal backslash followed by `t`; escape the engine's value
  the same way and compare strings instead of unescaping the golden.
- Split a line on every tab (no tab can occur inside a cell); the cell count always equals
  the header's.

## tshark diagnostics

Captures where tshark wrote to stderr or exited non-zero (exit code of the `-T fields` run;
the goldens hold every packet tshark printed before the message):

| capture | exit | message |
| --- | --- | --- |
{diagnostics if diagnostics else "| (none) | | |"}
"""
readme = readme.rstrip("\n") + "\n"
target = os.path.join(golden, "README.md")
def without_date(text):
    return "\n".join(l for l in text.split("\n") if not l.startswith("Generated on"))
if os.path.exists(target) and without_date(open(target).read()) == without_date(readme):
    print("make-goldens: README.md unchanged", file=sys.stderr)
else:
    with open(target, "w") as f:
        f.write(readme)
print(f"make-goldens: {len(files)} captures, {len(fields)} fields, {size / 1e6:.1f} MB, "
      f"{elapsed} s", file=sys.stderr)
PY

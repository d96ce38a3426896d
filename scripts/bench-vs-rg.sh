#!/usr/bin/env bash
# Whole-process speed figures for tieout (issue #15), with public tools only:
#   - one small release, process start included, against `tieout --version` (the floor), and
#     `tieout check` of an empty file;
#   - end-to-end MB/s on each corpus directory against `rg -c` counting numbers in the same files,
#     and the ratio of the wall times, both measured in turn (tieout, rg, tieout, rg, ...);
#   - peak RSS of each tieout run, and (GB > 0) of the corpus repeated to about GB gigabytes.
#
#   scripts/bench-vs-rg.sh [DIR ...]   default: ../shared/corpus/filings; give the 2024 filings
#                                      as a second DIR (the dev half, e.g. /work/eval/dev)
#   RUNS=5 GB=0 scripts/bench-vs-rg.sh ../shared/corpus/filings /work/eval/dev
#
# Figures are medians of RUNS runs (default 5). The corpora are read in place.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-5}
gb=${GB:-0}
dirs=("$@")
if [ ${#dirs[@]} -eq 0 ]; then
  dirs=("$root/../shared/corpus/filings")
fi

need() { command -v "$1" >/dev/null 2>&1; }
need rg || { echo "installing ripgrep" >&2; apt-get install -y -qq ripgrep >/dev/null 2>&1 || cargo install ripgrep >/dev/null 2>&1; }
[ -x /usr/bin/time ] || apt-get install -y -qq time >/dev/null 2>&1 || true

cd "$root"
cargo build --release --quiet
tieout=$root/target/release/tieout
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# one run of "$@": prints "wall_seconds cpu_seconds peak_kb"
one() {
  /usr/bin/time -f '%e %U %S %M' -o "$tmp/t" "$@" >/dev/null 2>&1 || true
  awk '{ print $1, $2 + $3, $4 }' "$tmp/t"
}
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

# "wall_ms cpu_ms" per run of a short command: 200 runs in a loop timed as a whole (the loop's
# shell included), the median of 5 loops each
ms_per_run() {
  for _ in 1 2 3 4 5; do
    one bash -c 'for ((i = 0; i < 200; i++)); do "$@" >/dev/null 2>&1; done' loop "$@" >>"$tmp/loops"
  done
  local w c
  w=$(cut -d' ' -f1 "$tmp/loops" | median)
  c=$(cut -d' ' -f2 "$tmp/loops" | median)
  rm -f "$tmp/loops"
  awk -v w="$w" -v c="$c" 'BEGIN { printf "%.2f ms wall, %.2f ms CPU", w * 5, c * 5 }'
}

echo "machine: $(nproc) cores"
rel=$root/fixtures/q3-results.txt
[ -d "$root/../shared/seeds" ] && rel=$(find "$root/../shared/seeds" -type f | sort | head -1)
: >"$tmp/empty.txt"
v=$(ms_per_run "$tieout" --version)
r=$(ms_per_run "$tieout" check --format json "$rel")
z=$(ms_per_run "$tieout" check "$tmp/empty.txt")
echo "small release ($(wc -c <"$rel") bytes, $(basename "$rel")), process start included: $r"
echo "tieout --version:                 $v"
echo "tieout check of an empty file:    $z"

for dir in "${dirs[@]}"; do
  [ -d "$dir" ] || { echo "$dir: not found, skipped"; continue; }
  mapfile -t files < <(find "$dir" -type f \( -name '*.html' -o -name '*.htm' -o -name '*.md' -o -name '*.txt' \) ! -iname 'readme*' | sort)
  bytes=$(cat "${files[@]}" | wc -c)
  cat "${files[@]}" >/dev/null # warm the page cache
  : >"$tmp/a"; : >"$tmp/b"
  for _ in $(seq "$runs"); do
    one "$tieout" check --format json "${files[@]}" >>"$tmp/a"
    one rg -c '[0-9][0-9,.]*%?' "${files[@]}" >>"$tmp/b"
  done
  t=$(cut -d' ' -f1 "$tmp/a" | median)
  g=$(cut -d' ' -f1 "$tmp/b" | median)
  tc=$(cut -d' ' -f2 "$tmp/a" | median)
  gc=$(cut -d' ' -f2 "$tmp/b" | median)
  rss=$(cut -d' ' -f3 "$tmp/a" | sort -n | tail -1)
  awk -v d="$dir" -v n=${#files[@]} -v b="$bytes" -v t="$t" -v g="$g" -v tc="$tc" -v gc="$gc" -v k="$rss" '
    function mbs(s) { return s > 0 ? b / 1e6 / s : 0 }
    function ratio(x, y) { return y > 0 ? x / y : 0 }
    BEGIN {
    printf "%s: %d files, %.1f MB\n", d, n, b / 1e6;
    printf "  tieout check --format json: %.3f s wall %.1f MB/s, %.3f s CPU %.1f MB/s, peak RSS %.0f MB\n", t, mbs(t), tc, mbs(tc), k / 1024;
    printf "  rg -c numbers:              %.3f s wall %.1f MB/s, %.3f s CPU %.1f MB/s\n", g, mbs(g), gc, mbs(gc);
    printf "  ratio tieout / rg:          %.1fx wall, %.1fx CPU\n", ratio(t, g), ratio(tc, gc);
  }'
done

# peak RSS: the first corpus repeated to ~GB gigabytes (hard links, nothing copied)
if awk -v g="$gb" 'BEGIN { exit !(g > 0) }'; then
  mapfile -t files < <(find "${dirs[0]}" -type f \( -name '*.html' -o -name '*.htm' -o -name '*.md' -o -name '*.txt' \) | sort)
  bytes=$(cat "${files[@]}" | wc -c)
  copies=$(awk -v g="$gb" -v b="$bytes" 'BEGIN { c = int(g * 1e9 / b + 0.999); print (c < 1 ? 1 : c) }')
  for i in $(seq "$copies"); do
    mkdir -p "$tmp/c$i"
    for f in "${files[@]}"; do ln "$f" "$tmp/c$i/$(basename "$f")" 2>/dev/null || cp "$f" "$tmp/c$i/"; done
  done
  read -r s _ k < <(one "$tieout" check --format json "$tmp"/c*)
  awk -v k="$k" -v b=$((bytes * copies)) -v s="$s" 'BEGIN {
    printf "peak RSS: %.0f MB for %.2f GB of input (%.1f s, %.1f MB/s)\n", k / 1024, b / 1e9, s, b / 1e6 / s }'
fi

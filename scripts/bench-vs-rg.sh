#!/usr/bin/env bash
# Whole-process figures for tieout: end-to-end MB/s over the corpus, ratio to ripgrep counting
# numbers in the same files, ms per ~10 KB release including process start, and peak RSS on the
# corpus repeated to about 1 GB.
#
#   scripts/bench-vs-rg.sh [CORPUS_DIR]      (default: ../shared/corpus from the repo root)
#   GB=0.25 scripts/bench-vs-rg.sh           (size of the RSS run, in GB; 0 skips it)
#
# The corpus is read in place (the RSS run copies it into a temp dir, deleted on exit).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-$root/../shared/corpus}
gb=${GB:-1}
if [ ! -d "$corpus" ]; then
  echo "corpus not found at $corpus: nothing to measure"
  exit 0
fi
corpus=$(cd "$corpus" && pwd)

need() { command -v "$1" >/dev/null 2>&1; }
if ! need rg; then
  echo "installing ripgrep" >&2
  apt-get install -y -qq ripgrep >/dev/null 2>&1 || cargo install ripgrep >/dev/null 2>&1
fi
if [ ! -x /usr/bin/time ]; then
  apt-get install -y -qq time >/dev/null 2>&1 || true
fi

cd "$root"
cargo build --release --quiet
tieout=$root/target/release/tieout
cores=$(nproc)

# the files tieout checks by default (rg gets the same list)
mapfile -t files < <(find "$corpus" -type f \( -name '*.html' -o -name '*.htm' -o -name '*.md' -o -name '*.txt' \) ! -iname 'readme*' | sort)
bytes=$(cat "${files[@]}" | wc -c)
echo "corpus: $corpus"
echo "files: ${#files[@]}  bytes: $bytes  cores: $cores"

now() { date +%s%N; }
best_of() { # best_of N cmd... -> best wall ms
  local n=$1; shift; local best=
  for _ in $(seq "$n"); do
    local s e; s=$(now); "$@" >/dev/null 2>&1 || true; e=$(now)
    local ms=$(( (e - s) / 1000000 ))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
  done
  echo "$best"
}

# warm the page cache
cat "${files[@]}" >/dev/null
t_ms=$(best_of 3 "$tieout" check --format json "${files[@]}")
r_ms=$(best_of 3 rg -c '[0-9][0-9,.]*%?' "${files[@]}")
t_1=$(best_of 3 env RAYON_NUM_THREADS=1 "$tieout" check --format json "${files[@]}")
awk -v b="$bytes" -v t="$t_ms" -v r="$r_ms" -v t1="$t_1" -v c="$cores" 'BEGIN {
  printf "tieout check --format json (all files): %d ms  %.1f MB/s (%d threads)  %.1f MB/s per core\n", t, b/1e6/(t/1000), c, b/1e6/(t/1000)/c;
  printf "tieout, one thread (RAYON_NUM_THREADS=1): %d ms  %.1f MB/s\n", t1, b/1e6/(t1/1000);
  printf "rg -c numbers (all files):              %d ms  %.1f MB/s\n", r, b/1e6/(r/1000);
  printf "ratio tieout / rg (wall time):          %.1fx\n", (r > 0 ? t/r : 0);
}'

# one ~10 KB release, including process start
rel=$(find "$corpus" -type f -name '*.md' -size -14k -size +8k | sort | head -1)
[ -z "$rel" ] && rel=${files[0]}
echo "one release: $rel ($(wc -c <"$rel") bytes)"
if need hyperfine; then
  hyperfine -N --warmup 5 --runs 50 --export-json /tmp/tieout-hf.json \
    "$tieout check --format json $rel" >/dev/null 2>&1 || true
  awk '/"mean"/ { gsub(/[",]/, ""); printf "ms per release (hyperfine mean, 50 runs): %.2f ms\n", $2*1000; exit }' /tmp/tieout-hf.json
else
  n=50; s=$(now)
  for _ in $(seq $n); do "$tieout" check --format json "$rel" >/dev/null || true; done
  e=$(now)
  awk -v d=$(( e - s )) -v n=$n 'BEGIN { printf "ms per release (loop of %d): %.2f ms\n", n, d/1e6/n }'
fi

# peak RSS: the corpus repeated to ~GB gigabytes
if awk -v g="$gb" 'BEGIN { exit !(g > 0) }'; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  copies=$(awk -v g="$gb" -v b="$bytes" 'BEGIN { c = int(g*1e9/b + 0.999); print (c < 1 ? 1 : c) }')
  for i in $(seq "$copies"); do
    mkdir -p "$tmp/c$i"
    for f in "${files[@]}"; do ln "$f" "$tmp/c$i/$(basename "$f")" 2>/dev/null || cp "$f" "$tmp/c$i/"; done
  done
  total=$(( bytes * copies ))
  echo "RSS run: $copies copies, $total bytes"
  s=$(now)
  /usr/bin/time -v "$tieout" check --format json "$tmp" >/dev/null 2>"$tmp/time.txt" || true
  e=$(now)
  rss=$(awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print $2 }' "$tmp/time.txt")
  awk -v k="$rss" -v b="$total" -v d=$(( e - s )) 'BEGIN {
    printf "peak RSS: %.0f MB for %.2f GB of input (%.1f s, %.1f MB/s)\n", k/1024, b/1e9, d/1e9, b/1e6/(d/1e9) }'
fi

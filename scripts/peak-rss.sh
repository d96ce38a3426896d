#!/usr/bin/env bash
# Peak memory (RSS, from /usr/bin/time -v) of `tieout check` on the inputs that once made it
# grow without bound, and on many files: each line is `scenario  peak-RSS  exit-status`.
#
#   scripts/peak-rss.sh [TIEOUT_BINARY]     (default: target/release/tieout, built if missing)
#
# Every run is capped at 4 GB of address space and 300 s, so a regression fails the line
# instead of the machine. Scratch files go to a temp dir deleted on exit.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/target/release/tieout}
if [ ! -x "$bin" ]; then
  (cd "$root" && cargo build --release --quiet) || exit 2
fi
if [ ! -x /usr/bin/time ]; then
  echo "needs /usr/bin/time (apt-get install time)" >&2
  exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# peak NAME CMD...: run CMD with its output discarded, print the peak RSS and exit status
peak() {
  local name=$1
  shift
  (
    ulimit -v 4000000
    /usr/bin/time -v timeout 300 "$@" >/dev/null 2>"$tmp/time.txt"
    echo $? >"$tmp/code"
  )
  local kb
  kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time.txt")
  printf '%-52s %8s MB  exit %s\n' "$name" "$((kb / 1024))" "$(cat "$tmp/code")"
}

# 1 MB of claims (about 17,000 findings), one file
python3 - "$tmp/claims-1mb.txt" <<'EOF'
import sys
s = "Net loss decreased 12% to $5.5 million from $7.0 million.\n\n"
open(sys.argv[1], "w").write(s * (1048576 // len(s)))
EOF
# 200 and 2,000 small releases
mkdir -p "$tmp/few" "$tmp/many"
for i in $(seq 1 2000); do
  printf 'Acme Corp. (NASDAQ: ACME) revenue for Q%s %s was $%s.%s million, up 12%% from $%s.0 million.\n' \
    $((i % 4 + 1)) $((2000 + i % 20)) $((10 + i % 50)) $((i % 10)) $((9 + i % 50)) >"$tmp/many/r$i.txt"
done
for i in $(seq 1 200); do cp "$tmp/many/r$i.txt" "$tmp/few/"; done

echo "tieout: $bin"
peak "/dev/zero" "$bin" check --no-config /dev/zero
peak "/dev/urandom --max-file-size 1000000" "$bin" check --no-config --max-file-size 1000000 /dev/urandom
peak "endless text on stdin --max-file-size 1000000" sh -c "yes 'Revenue was \$5 million.' | '$bin' check --no-config --max-file-size 1000000 -"
for f in human json sarif; do
  peak "1 MB of claims, --format $f" "$bin" check --no-config --format "$f" "$tmp/claims-1mb.txt"
done
for f in json sarif; do
  peak "200 files, --format $f" "$bin" check --no-config --format "$f" "$tmp/few"
  peak "2000 files, --format $f" "$bin" check --no-config --format "$f" "$tmp/many"
done

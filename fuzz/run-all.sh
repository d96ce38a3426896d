#!/usr/bin/env bash
# Run each fuzz target in turn for SECONDS (default 600), one at a time (one core), continuing
# past crashes (-fork=1 -ignore_crashes=1); crashing inputs land in fuzz/artifacts/<target>/.
# Real documents from ../shared (if present) are read as extra seed directories, never copied.
# fuzz_docx's seeds are the XML of word/document.xml (text; the target zips input that starts
# with `<`), so the repository holds no binary seed.
# dict/tieout.dict gives libFuzzer the tokens byte mutation rarely builds (scale words,
# currencies, hedges, digit runs beyond a decimal's range, markup, odd spaces).
# Needs a nightly toolchain (sanitizers): `cargo +nightly fuzz ...`.
set -u
cd "$(dirname "$0")"
secs=${1:-600}
shared=../../shared
for t in text markdown html docx; do
  mkdir -p corpus/fuzz_$t
  extra=(seeds/$t)
  case $t in
    text) [ -d $shared/seeds ] && extra+=($shared/seeds) ;;
    markdown) [ -d $shared/corpus/newswire ] && extra+=($shared/corpus/newswire) ;;
    html) extra+=(../fixtures/xbrl)  # inline XBRL
          [ -d $shared/corpus/releases ] && extra+=($shared/corpus/releases) ;;
  esac
  echo "== fuzz_$t for ${secs}s"
  cargo +nightly fuzz run fuzz_$t corpus/fuzz_$t "${extra[@]}" -- \
    -dict=dict/tieout.dict -max_total_time="$secs" -fork=1 -ignore_crashes=1 -max_len=8192 -timeout=10 -rss_limit_mb=2048
  echo "== fuzz_$t done: $(ls artifacts/fuzz_$t 2>/dev/null | wc -l) artifacts"
done

#!/bin/sh
# Runs every libFuzzer target of a -Dfuzzing=true build for a bounded time
# (CI: build-aux/test.sh). Usage: fuzz.sh BUILD_DIR [SECONDS_EACH]
# New inputs go to a scratch folder, never into the seed corpus; a crash
# stops with the input's path, which then joins tests/fuzz/corpus/TARGET/
# and gets a regression test (docs/reliability.md).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=$1
seconds=${2:-60}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

export G_DEBUG=gc-friendly,fatal-criticals G_SLICE=always-malloc
for corpus in "$top"/tests/fuzz/corpus/*/; do
  name=$(basename "$corpus")
  fuzzer="$build/tests/fuzz/fuzz-$name"
  mkdir -p "$scratch/$name" "$scratch/artifacts"
  echo "fuzz-$name: $seconds s from $(ls "$corpus" | wc -l) seeds"
  if ! "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -print_final_stats=1 -artifact_prefix="$scratch/artifacts/" \
      "$scratch/$name" "$corpus" > "$scratch/$name.log" 2>&1; then
    tail -n 60 "$scratch/$name.log"
    for input in "$scratch"/artifacts/*; do
      keep="$top/_fuzz-found-$name-$(basename "$input")"
      cp "$input" "$keep"
      echo "fuzz-$name: failed on $keep"
    done
    exit 1
  fi
  grep -E '^stat::(number_of_executed_units|peak_rss_mb)|DONE' "$scratch/$name.log" | tail -n 3
done

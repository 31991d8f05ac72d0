#!/bin/sh
# The README's second command (and CI's): install what is missing, build
# from scratch with warnings as errors, and run every test headless; then
# the whole suite again under AddressSanitizer and UndefinedBehaviorSanitizer,
# the GTK-free suites under valgrind, and every fuzzer for a bounded time
# (docs/reliability.md). With arguments, only the first stage runs, with
# them passed to meson test (./build-aux/test.sh --suite core).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
./build-aux/install-deps.sh

started=$(date +%s)
stage() {
  echo
  echo "=== $1 ($(($(date +%s) - started)) s so far)"
}

# Window tests need an X server: a private Xvfb for each run. -noreset:
# Xvfb otherwise resets when its last client leaves, and a window that a
# test starts right then cannot open the display.
headless() {
  xvfb-run -a -s "-screen 0 1280x1024x24 -noreset" "$@"
}

stage "build and test"
rm -rf _build-test
meson setup _build-test -Dwerror=true -Dbuildtype=debug
meson compile -C _build-test
headless meson test -C _build-test --print-errorlogs --num-processes 2 "$@"
[ $# -eq 0 ] || exit 0

stage "AddressSanitizer and UndefinedBehaviorSanitizer, every suite"
rm -rf _build-test-asan
meson setup _build-test-asan -Dwerror=true -Dbuildtype=debug \
  -Db_sanitize=address,undefined -Db_lundef=false
meson compile -C _build-test-asan
headless meson test -C _build-test-asan --setup asan --print-errorlogs --num-processes 2

stage "valgrind, the GTK-free suites"
meson test -C _build-test --setup valgrind --suite core --suite cli --print-errorlogs --num-processes 2

stage "libFuzzer, ${PB_FUZZ_SECONDS:-60} s per target"
rm -rf _build-test-fuzz
CC=clang meson setup _build-test-fuzz -Dfuzzing=true -Dui=false -Dbuildtype=debugoptimized \
  -Db_sanitize=address,undefined -Db_lundef=false
meson compile -C _build-test-fuzz
meson test -C _build-test-fuzz --suite fuzz --print-errorlogs
./build-aux/fuzz.sh _build-test-fuzz "${PB_FUZZ_SECONDS:-60}"

stage "done"

#!/bin/sh
# The README's second command (and CI's): install what is missing, build
# from scratch with warnings as errors, and run every test headless.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
./build-aux/install-deps.sh
rm -rf _build-test
meson setup _build-test -Dwerror=true -Dbuildtype=debug
meson compile -C _build-test
# Window tests need an X server: a private Xvfb for the whole run.
xvfb-run -a -s "-screen 0 1280x1024x24" \
  meson test -C _build-test --print-errorlogs --num-processes 2 "$@"

#!/bin/sh
# Fails when a .ui or .css file of the window is not compiled into its
# GResource (src/ui/presence-bridge.gresource.xml), or when the GResource
# names a file that does not exist.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top/src/ui"
status=0
for file in $(find . -name '*.ui' -o -name '*.css' | sed 's|^\./||' | sort); do
  if ! grep -q ">$file</file>" presence-bridge.gresource.xml; then
    echo "missing from src/ui/presence-bridge.gresource.xml: src/ui/$file"
    status=1
  fi
done
for file in $(sed -n 's|.*>\([^<]*\)</file>.*|\1|p' presence-bridge.gresource.xml); do
  if [ ! -f "$file" ] && [ ! -f "$top/data/$file" ]; then
    echo "src/ui/presence-bridge.gresource.xml names a file that does not exist: $file"
    status=1
  fi
done
exit $status

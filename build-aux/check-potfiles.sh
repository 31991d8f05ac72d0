#!/bin/sh
# Fails when a source file with translatable strings is missing from
# po/POTFILES.in, or when POTFILES.in names a file that does not exist.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
status=0
for file in $(grep -lE '(^|[^a-zA-Z_])(N?C?_|g_dngettext|g_dpgettext2|ngettext)\(|translatable="yes"' -r src data --include='*.c' --include='*.ui' --include='*.in' --include='*.xml' | sort); do
  case "$file" in
    *.gresource.xml) continue ;;
  esac
  if ! grep -qx "$file" po/POTFILES.in; then
    echo "missing from po/POTFILES.in: $file"
    status=1
  fi
done
for file in $(grep -v '^#' po/POTFILES.in | grep .); do
  if [ ! -f "$file" ]; then
    echo "po/POTFILES.in names a file that does not exist: $file"
    status=1
  fi
done
exit $status

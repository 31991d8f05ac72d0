#!/bin/sh
# Fails unless every language in po/LINGUAS translates every string the
# sources ask for now (CATALOGUE, made by xgettext from po/POTFILES.in),
# with nothing fuzzy, and with format directives that match the English.
#
# Usage: check-translations.sh CATALOGUE PO_DIR
set -eu
catalogue=$1
po_dir=$2
status=0
for lang in $(grep -v '^#' "$po_dir/LINGUAS"); do
  po="$po_dir/$lang.po"
  # --check: headers, plural forms, and c-format directives as in the msgid.
  if ! statistics=$(LC_ALL=C msgfmt --check --statistics --output-file=/dev/null "$po" 2>&1); then
    echo "$statistics"
    status=1
  fi
  case "$statistics" in
    *fuzzy*|*untranslated*)
      echo "$po: $statistics"
      status=1 ;;
  esac
  # Every string of the sources, translated (msgcmp ignores old entries).
  if ! msgcmp "$po" "$catalogue"; then
    echo "$po: some strings of the sources are missing; run meson compile presence-bridge-update-po"
    status=1
  fi
done
exit $status

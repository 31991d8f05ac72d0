#!/bin/sh
# Runs a validator and fails when it fails or says anything at all: hints
# and warnings are problems too.
set -u
output=$("$@" 2>&1)
status=$?
if [ $status -ne 0 ] || [ -n "$output" ]; then
  printf '%s\n' "$output"
  echo "$1: exit status $status; a clean result prints nothing"
  exit 1
fi

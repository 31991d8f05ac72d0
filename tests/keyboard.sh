#!/bin/sh
# keyboard.sh: the window driven with real X key events, keyboard only
#
# Starts presence-bridge on the worked example, types at it with xdotool
# as an administrator would (Ctrl+1, arrows, Space, typing in a popup,
# Enter, Escape, −, Ctrl+2, Ctrl+S, Ctrl+Q), then reads back with
# presence-bridge-cli what the keys did. Skipped (77) without a display or
# without xdotool. Meson runs it in a session bus of its own.
#
#   dbus-run-session -- keyboard.sh PRESENCE_BRIDGE PRESENCE_BRIDGE_CLI WORKED_EXAMPLE
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

app=$1
cli=$2
example=$3

if [ -z "${DISPLAY:-}" ]; then
  echo "skipped: no display (run the UI tests under xvfb-run, as build-aux/test.sh does)"
  exit 77
fi
if ! command -v xdotool >/dev/null 2>&1; then
  echo "skipped: xdotool is not installed"
  exit 77
fi

dir=$(mktemp -d)
pid=
cleanup () {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
  fi
  rm -rf "$dir"
}
trap cleanup EXIT

export HOME="$dir/home" XDG_CONFIG_HOME="$dir/config" XDG_DATA_HOME="$dir/data" XDG_CACHE_HOME="$dir/cache"
export PRESENCE_BRIDGE_STORE="$dir/store.db"
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"

"$cli" import --profile Example "$example" >/dev/null

fail () {
  echo "not ok: $*"
  exit 1
}

# Each key, then a moment for the window to act on it (a popup to map,
# a dialog to open) before the next one.
press () {
  for key in "$@"; do
    xdotool key --clearmodifiers "$key"
    sleep 0.4
  done
}

type_text () {
  xdotool type --delay 60 "$1"
  sleep 0.4
}

# The window's title says the profile and its state ("Example (Unsaved
# changes) – Presence Bridge"): what the test waits on (a pattern).
wait_for_title () {
  timeout 30 xdotool search --sync --name "$1" >/dev/null || fail "no window titled “$1”"
}

"$app" &
pid=$!

wait_for_title "Saved as revision 1"
window=$(xdotool search --name "Saved as revision 1" | head -n 1)
xdotool windowfocus --sync "$window"
sleep 0.5

# The statuses: Ctrl+1 is on "Ready for cases"; ↓ lands on the drop-down
# of "Ready for chats"; Space opens it; typing searches it; Enter chooses.
press ctrl+1 Down space
type_text wrap
press Return

# "On a call": Enter opens its drop-down, Escape closes it, nothing changes.
press Down Return Escape

# The states: Ctrl+2 is on Ready; ↓ ↓ is Busy; − collapses its minors (it
# does not start a search), so ↓ is Wrap up, mapped here to "Ready for chats".
press ctrl+2 Down Down minus Down space
type_text chats
press Return
wait_for_title "Unsaved changes"

# Ctrl+S asks for a comment; Enter saves.
press ctrl+s
type_text "by keyboard"
press Return
wait_for_title "Saved as revision 2"

# Ctrl+Q: nothing unsaved, so the window closes and the application quits.
press ctrl+q
wait "$pid" || fail "presence-bridge did not quit cleanly"
pid=

exported=$("$cli" export --profile Example)
history=$("$cli" history --profile Example --json)

echo "$exported" | grep -q '"Ready_for_Chats": "wrap"' || fail "Ready for chats is not mapped to Wrap up"
echo "$exported" | grep -q '"On_a_call": "away"' || fail "Escape changed On a call"
echo "$exported" | grep -q '"wrap": "Ready_for_Chats"' || fail "Wrap up (after collapsing Busy) is not mapped to Ready for chats"
echo "$exported" | grep -q '"busy.inbound": "Ready_for_Chats"' && fail "− did not collapse Busy"
echo "$history" | grep -q '"comment" : "by keyboard"' || fail "no revision saved with the comment typed"

echo "ok: the window was driven from the keyboard alone"

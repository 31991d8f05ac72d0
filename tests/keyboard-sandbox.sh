#!/bin/sh
# keyboard-sandbox.sh: fetch, map, a conflict and publish, keyboard only
#
# The issue's path for a new user, with real X key events (xdotool) and
# nothing else: starts presence-bridge-sandbox, points a profile at it
# with presence-bridge-cli, opens presence-bridge on it, then F5 fetches,
# a row is mapped, another administrator saves on the platform (the
# sandbox's admin API), F5 shows the conflict, Ctrl+Shift+P opens it, the
# rows are chosen, Ctrl+Enter applies, Ctrl+Shift+P and Enter publish.
# Reads back from the sandbox and the CLI's history what the keys did.
# Skipped (77) without a display, xdotool or python3. Meson runs it in a
# session bus of its own.
#
#   dbus-run-session -- keyboard-sandbox.sh PRESENCE_BRIDGE PRESENCE_BRIDGE_CLI PRESENCE_BRIDGE_SANDBOX
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

app=$1
cli=$2
sandbox=$3

if [ -z "${DISPLAY:-}" ]; then
  echo "skipped: no display (run the UI tests under xvfb-run, as build-aux/test.sh does)"
  exit 77
fi
for tool in xdotool python3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "skipped: $tool is not installed"
    exit 77
  fi
done

dir=$(mktemp -d)
pid=
cleanup () {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
  fi
  # The sandbox exits when its standard input closes.
  exec 3>&- 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT

export HOME="$dir/home" XDG_CONFIG_HOME="$dir/config" XDG_DATA_HOME="$dir/data" XDG_CACHE_HOME="$dir/cache"
export PRESENCE_BRIDGE_STORE="$dir/store.db"
# libsecret's file backend: a test setting only, never the product's.
export SECRET_BACKEND=file SECRET_FILE_TEST_PATH="$dir/keyring" SECRET_FILE_TEST_PASSWORD=test
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"

fail () {
  echo "not ok: $*"
  exit 1
}

# The sandbox, on a free port; its first line says where.
mkfifo "$dir/sandbox-in"
"$sandbox" --port 0 --exit-with-stdin <"$dir/sandbox-in" >"$dir/sandbox.json" 2>"$dir/sandbox.log" &
exec 3>"$dir/sandbox-in"
tries=0
until [ -s "$dir/sandbox.json" ]; do
  tries=$((tries + 1))
  [ $tries -lt 100 ] || fail "the sandbox did not start: $(cat "$dir/sandbox.log")"
  sleep 0.1
done

field () {
  python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$dir/sandbox.json" "$1"
}

# The sandbox's admin API and the platform's configuration, as another
# administrator and a script would use them.
admin_put () {
  python3 - "$(field adminUrl)$1" "$2" <<'EOF'
import sys, urllib.request
request = urllib.request.Request(sys.argv[1], data=sys.argv[2].encode(), method="PUT",
                                 headers={"Content-Type": "application/json"})
urllib.request.urlopen(request).read()
EOF
}

platform_configuration () {
  python3 - "$(field authUrl)" "$(field platformUrl)" "$(field platformClientId)" "$(field platformClientSecret)" <<'EOF'
import json, sys, urllib.parse, urllib.request
auth, platform, client_id, secret = sys.argv[1:5]
form = urllib.parse.urlencode({"grant_type": "client_credentials", "client_id": client_id,
                               "client_secret": secret, "scope": "omnichannel-config"}).encode()
token = json.load(urllib.request.urlopen(auth + "/connect/token", data=form))["access_token"]
request = urllib.request.Request(platform + "/omnichannel/configuration",
                                 headers={"Authorization": "Bearer " + token,
                                          "Accept": "application/vnd.contactcentre.v1+json"})
print(json.dumps(json.load(urllib.request.urlopen(request)), sort_keys=True))
EOF
}

"$cli" profile add Sandbox --platform-url "$(field platformUrl)" --auth-url "$(field authUrl)" \
  --client-id "$(field platformClientId)" --salesforce-login-url "$(field salesforceLoginUrl)" \
  --salesforce-client-id "$(field salesforceClientId)" >/dev/null

# Each key, then a moment for the window to act on it.
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

# Titles say the profile and its state ("Sandbox (Unsaved changes) –
# Presence Bridge"); what is waited on is a pattern within one.
wait_for_title () {
  timeout 30 xdotool search --sync --name "$1" >/dev/null ||
    fail "no window titled “$1” (there are: $(xdotool search --name . getwindowname %@ 2>/dev/null | tr "\n" "|"))"
}

focus_title () {
  wait_for_title "$1"
  xdotool windowfocus --sync "$(xdotool search --name "$1" | head -n 1)"
  sleep 0.5
}

PRESENCE_BRIDGE_PLATFORM_CLIENT_SECRET=$(field platformClientSecret) "$app" &
pid=$!

# A profile with no lists: F5 fetches them (through the platform).
focus_title "No revisions yet"
press F5
wait_for_title "Saved as revision 1"
sleep 0.5

# Ctrl+1 is on "Ready for cases"; ↓ is "Ready for chats": Space, "wrap",
# Enter maps it to Wrap up. Ctrl+2 is on Ready; ↓ ↓ is Busy; − collapses
# it, ↓ is Wrap up: Space, "chats", Enter shows "Ready for chats".
press ctrl+1 Down space
type_text wrap
press Return
press ctrl+2 Down Down minus Down space
type_text chats
press Return
wait_for_title "Unsaved changes"

# Meanwhile another administrator saves the same two rows differently.
admin_put /configuration '{"presenceToState":{"Ready_for_Cases":"ready","Ready_for_Chats":"away","On_a_call":"away","Away_from_desk_temporary":"away.break"},"stateToPresence":{"ready":"Ready_for_Cases","ready_offline":"Taking_notes","busy":"On_a_call","wrap":"On_a_call","away":"Away_from_desk_temporary","logged_out":null}}'

# F5: the edits stay, in conflict with what the platform has now.
press F5
wait_for_title "In conflict with the platform"

# Publishing is what was asked: Ctrl+Shift+P opens the conflict instead.
press ctrl+shift+p
focus_title "Resolve Conflict"
# The keyboard starts on the first row, "Ready for chats", on Mine: kept.
# Tab goes to its platform's version, then to the second row, Wrap up: its
# Mine, then its platform's version, which Space takes.
press Tab Tab Tab space
# Ctrl+Enter applies.
press ctrl+Return
wait_for_title "Unsaved changes"

# Ctrl+Shift+P asks for a comment; Enter publishes.
focus_title "Unsaved changes"
press ctrl+shift+p
type_text "merged by keyboard"
press Return
wait_for_title "Saved as revision [2-9]"

press ctrl+q
wait "$pid" || fail "presence-bridge did not quit cleanly"
pid=

configuration=$(platform_configuration)
history=$("$cli" history --profile Sandbox --json)

echo "$configuration" | grep -q '"revision": 3' || fail "the platform is not at revision 3: $configuration"
echo "$configuration" | grep -q '"Ready_for_Chats": "wrap"' || fail "mine (Ready for chats → Wrap up) was not published: $configuration"
echo "$configuration" | grep -q '"wrap": "On_a_call"' || fail "the platform's Wrap up → On a call was not kept: $configuration"
echo "$history" | grep -q '"source" : "publish"' || fail "no publish revision in the history: $history"
echo "$history" | grep -q '"comment" : "merged by keyboard"' || fail "the publish has not the comment typed: $history"

echo "ok: fetched, mapped, resolved and published from the keyboard alone"

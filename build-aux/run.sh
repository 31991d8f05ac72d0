#!/bin/sh
# The README's first command: install what is missing, build, and open the
# window against the sandbox (a stand-in for Salesforce and the platform on
# this computer, src/sandbox/), on a profile "Sandbox" pointing at it, in a
# store of its own under _run/ so your real store is not touched. The
# sandbox keeps its state in _run/sandbox.json and stops with the window.
# Without a display, it fetches through the CLI and prints what the
# sandbox's configuration does to agents.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
./build-aux/install-deps.sh
[ -d _build ] || meson setup _build
meson compile -C _build

run="$top/_run"
cli="$top/_build/src/cli/presence-bridge-cli"
store="$run/store.db"
mkdir -p "$run"

# The sandbox reads its standard input until the end: this shell (and the
# window it becomes) holds the other end, so the sandbox stops with it.
fifo="$run/sandbox.stdin"
rm -f "$fifo"
mkfifo "$fifo"
"$top/_build/src/sandbox/presence-bridge-sandbox" --exit-with-stdin --state "$run/sandbox.json" \
  < "$fifo" > "$run/sandbox.out" 2> "$run/sandbox.log" &
exec 9> "$fifo"
rm -f "$fifo"

# Its first line says where it listens, and the ids to use.
tries=0
until [ -s "$run/sandbox.out" ]; do
  tries=$((tries + 1))
  if [ "$tries" -gt 100 ]; then
    echo "The sandbox did not start:" >&2
    cat "$run/sandbox.log" >&2
    exit 1
  fi
  sleep 0.1
done
eval "$(python3 - "$run/sandbox.out" <<'EOF'
import json, shlex, sys
with open(sys.argv[1]) as f:
    d = json.loads(f.readline())
for key in ("platformUrl", "authUrl", "salesforceLoginUrl", "platformClientId",
            "platformClientSecret", "salesforceClientId"):
    print("%s=%s" % (key, shlex.quote(d[key])))
EOF
)"

# The port changes from run to run: the profile follows it.
if "$cli" --store "$store" profile list | grep -qx '. Sandbox'; then
  action=set
else
  action=add
fi
"$cli" --store "$store" profile "$action" Sandbox --sandbox-org \
  --platform-url "$platformUrl" --auth-url "$authUrl" --client-id "$platformClientId" \
  --salesforce-login-url "$salesforceLoginUrl" --salesforce-client-id "$salesforceClientId" >/dev/null
"$cli" --store "$store" profile use Sandbox >/dev/null

# The platform's client secret for this run only: never written anywhere.
export PRESENCE_BRIDGE_PLATFORM_CLIENT_SECRET="$platformClientSecret"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display: fetching from the sandbox, then what its configuration does to agents."
  "$cli" --store "$store" fetch
  exec "$cli" --store "$store" explain
fi
# Uninstalled: the settings schema is compiled in the build tree.
export GSETTINGS_SCHEMA_DIR="$top/_build/data${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}"
exec ./_build/src/ui/presence-bridge --store "$store" "$@"

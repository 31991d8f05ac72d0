#!/bin/sh
# The README's first command: install what is missing, build, and open the
# window on the worked example (in a store of its own under _run/, so your
# real store is not touched).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
./build-aux/install-deps.sh
[ -d _build ] || meson setup _build
meson compile -C _build

export PRESENCE_BRIDGE_STORE="$top/_run/store.db"
mkdir -p "$top/_run"
if ! ./_build/src/cli/presence-bridge-cli profile list | grep -q .; then
  ./_build/src/cli/presence-bridge-cli import --profile Example data/worked-example.config.json >/dev/null
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display: here is what the worked example does to agents."
  exec ./_build/src/cli/presence-bridge-cli explain --profile Example
fi
# Uninstalled: the settings schema is compiled in the build tree.
export GSETTINGS_SCHEMA_DIR="$top/_build/data${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}"
exec ./_build/src/ui/presence-bridge "$@"

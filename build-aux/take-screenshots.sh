#!/bin/sh
# Takes the screenshots the metainfo shows (data/screenshots/*.png) from the
# running application: builds it, runs it on the worked example in a
# throwaway store under a private Xvfb and D-Bus session, and captures its
# window, light and dark, wide and narrow, the history dialog, and a
# "Sandbox" profile (a Salesforce sandbox org) on its Simulation page.
#
# The result depends only on the checkout: fixed window sizes, GNOME's
# default font (Cantarell) and window buttons, the cairo renderer, no
# animations or blinking caret, fixed revision times, and PNGs without
# timestamps. Run it again whenever the window changes:
#
#     ./build-aux/take-screenshots.sh
#
# Needs (beyond build-aux/debian-packages.txt): imagemagick, x11-utils,
# xdotool, fonts-cantarell.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out="$top/data/screenshots"

if [ "${1:-}" != "--inside" ]; then
  missing=""
  for tool in xvfb-run dbus-run-session import convert xwininfo xdotool sqlite3 python3; do
    command -v "$tool" >/dev/null || missing="$missing $tool"
  done
  fc-list Cantarell | grep -q . || missing="$missing Cantarell"
  if [ -n "$missing" ]; then
    echo "take-screenshots.sh: missing:$missing (apt-get install imagemagick x11-utils xdotool fonts-cantarell)" >&2
    exit 1
  fi
  build="$top/_build-screenshots"
  [ -d "$build" ] || meson setup "$build" >/dev/null
  meson compile -C "$build" >/dev/null
  exec xvfb-run -a -s "-screen 0 1600x1200x24" dbus-run-session -- "$0" --inside "$build"
fi

build="$2"
work=$(mktemp -d)
app_pid=""
cleanup () {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" \
       XDG_CACHE_HOME="$work/cache" XDG_STATE_HOME="$work/state"
export GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR="$build/data"
export GDK_BACKEND=x11 GSK_RENDERER=cairo NO_AT_BRIDGE=1
export TZ=UTC LC_ALL=C.UTF-8
unset LANGUAGE
cli="$build/src/cli/presence-bridge-cli"

mkdir -p "$XDG_CONFIG_HOME/gtk-4.0" "$XDG_CONFIG_HOME/glib-2.0/settings" "$out"
cat > "$XDG_CONFIG_HOME/gtk-4.0/settings.ini" <<EOF
[Settings]
gtk-font-name=Cantarell 11
gtk-decoration-layout=appmenu:close
gtk-cursor-blink=false
gtk-enable-animations=false
EOF

# The worked example as a new user loads it ...
export PRESENCE_BRIDGE_STORE="$work/example.db"
"$cli" import --profile Example "$top/data/worked-example.config.json" >/dev/null

# ... and a history of three revisions: the example, a change made a week
# later, and the example restored.
history_store="$work/history.db"
python3 - "$top/data/worked-example.config.json" "$work/changed.config.json" <<'EOF'
import json, sys
config = json.load(open(sys.argv[1], encoding="utf-8"))
config["presenceToState"]["Taking_notes"] = "wrap"
json.dump(config, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False, indent=2)
EOF
PRESENCE_BRIDGE_STORE="$history_store" "$cli" import --profile Example "$top/data/worked-example.config.json" >/dev/null
PRESENCE_BRIDGE_STORE="$history_store" "$cli" import --profile Example "$work/changed.config.json" >/dev/null
PRESENCE_BRIDGE_STORE="$history_store" "$cli" restore 1 >/dev/null
sqlite3 "$history_store" "UPDATE revisions SET created_at = 1793000000 + (number - 1) * 604800 + number * 3660;"

# A profile for a Salesforce sandbox org, as an administrator tries a
# mapping before promoting it: the header marks it "Sandbox".
sandbox_store="$work/sandbox.db"
PRESENCE_BRIDGE_STORE="$sandbox_store" "$cli" profile add Sandbox --sandbox-org >/dev/null
PRESENCE_BRIDGE_STORE="$sandbox_store" "$cli" import --profile Sandbox "$top/data/worked-example.config.json" >/dev/null

# settings WIDTH HEIGHT COLOR_SCHEME
settings () {
  cat > "$XDG_CONFIG_HOME/glib-2.0/settings/keyfile" <<EOF
[io/github/presencebridge/PresenceBridge]
window-width=$1
window-height=$2

[org/gnome/desktop/interface]
color-scheme='$3'
EOF
}

# The id of the first window whose title matches PATTERN, once it is mapped.
wait_for_window () {
  for _ in $(seq 100); do
    id=$(xwininfo -root -tree | grep -E "^ +0x[0-9a-f]+ \"$1" | awk '{ print $1 }' | head -n 1)
    if [ -n "$id" ] && xwininfo -id "$id" | grep -q "IsViewable"; then
      echo "$id"
      return
    fi
    sleep 0.2
  done
  echo "take-screenshots.sh: no window “$1” appeared" >&2
  exit 1
}

# Captures window ID into NAME.png once it is drawn (more than a few
# colours: a window not painted yet is one flat colour) and two captures a
# second apart agree (it has settled), with the rounded corners and soft
# shadow a compositor would give it.
capture () {
  previous=""
  for attempt in $(seq 30); do
    import -window "$1" "$work/capture-$attempt.png"
    current=$(convert "$work/capture-$attempt.png" -format '%k %#' info:)
    [ "${current%% *}" -gt 16 ] && [ "$current" = "$previous" ] && break
    previous="$current"
    sleep 1
  done
  if [ "$current" != "$previous" ]; then
    echo "take-screenshots.sh: the window “$2” did not settle" >&2
    exit 1
  fi
  size=$(identify -format '%wx%h' "$work/capture-$attempt.png")
  convert "$work/capture-$attempt.png" \
    \( -size "$size" xc:none -fill white -draw "roundrectangle 0,0,$(echo "$size" | awk -Fx '{ print $1 - 1 "," $2 - 1 }'),12,12" \) \
    -alpha off -compose CopyOpacity -composite \
    \( +clone -background black -shadow 30x8+0+3 \) +swap \
    -background none -compose over -layers merge +repage \
    -strip -define png:exclude-chunks=date,time "$out/$2.png"
  echo "data/screenshots/$2.png"
}

# shoot NAME WIDTH HEIGHT COLOR_SCHEME [KEYS [DIALOG_TITLE]]: the window of
# the profile $profile, after KEYS, or the dialog they open.
profile=Example
shoot () {
  settings "$2" "$3" "$4"
  "$build/src/ui/presence-bridge" &
  app_pid=$!
  window=$(wait_for_window "$profile")
  if [ $# -ge 5 ]; then
    xdotool windowfocus --sync "$window" key "$5"
  fi
  if [ $# -ge 6 ]; then
    window=$(wait_for_window "$6")
  fi
  capture "$window" "$1"
  kill "$app_pid"
  wait "$app_pid" 2>/dev/null || true
  app_pid=""
}

shoot wide 1200 760 default
shoot wide-dark 1200 760 prefer-dark
shoot narrow 360 720 default
shoot narrow-dark 360 720 prefer-dark
export PRESENCE_BRIDGE_STORE="$history_store"
shoot history 1200 760 default ctrl+h "History"
export PRESENCE_BRIDGE_STORE="$sandbox_store"
profile=Sandbox
shoot sandbox-simulation 1200 760 default F9

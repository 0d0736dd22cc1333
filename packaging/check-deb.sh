#!/usr/bin/env bash
# Checks the Linux installer end to end: takes (or builds) the .deb, installs it (dpkg -i, as root) or extracts it
# (dpkg -x, the default), starts the installed launcher under Xvfb with a fresh data folder, waits for the main
# window, screenshots the screen and fails if the window never appears or the app dies.
#
# Usage: packaging/check-deb.sh [--install] [--deb FILE] [--screenshot FILE] [--timeout SECONDS]
#   --deb         the package to check (default: target/jpackage/installer/*.deb, built by packaging/build.sh
#                 when there is none)
#   --install     dpkg -i into /opt/comfydesk (root only; runs the package's postinst); else dpkg -x to a temp dir
#                 and run the same CDS step the postinst runs
#   --screenshot  default docs/installed-app.png
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

DEB=""; INSTALL=false; SHOT=docs/installed-app.png; TIMEOUT=90
while [[ $# -gt 0 ]]; do
    case "$1" in
        --deb) DEB=$2; shift ;;
        --install) INSTALL=true ;;
        --screenshot) SHOT=$2; shift ;;
        --timeout) TIMEOUT=$2; shift ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
    shift
done

if [[ -z $DEB ]]; then
    DEB=$(ls target/jpackage/installer/*.deb 2>/dev/null | head -1 || true)
    if [[ -z $DEB ]]; then
        packaging/build.sh
        DEB=$(ls target/jpackage/installer/*.deb | head -1)
    fi
fi
echo "checking $DEB"
dpkg-deb --field "$DEB" Package Version Depends

WORK=$(mktemp -d)
APP_PID=""
cleanup() {
    [[ -n $APP_PID ]] && kill "$APP_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

if [[ $INSTALL == true ]]; then
    dpkg -i "$DEB"
    PREFIX=/opt/comfydesk
else
    dpkg-deb -x "$DEB" "$WORK/root"
    PREFIX=$WORK/root/opt/comfydesk
    # What the postinst does at install time (the CDS archive is tied to where the jar is).
    "$PREFIX/lib/app/create-cds-archive.sh"
fi
LAUNCHER=$PREFIX/bin/ComfyDesk
[[ -x $LAUNCHER ]] || { echo "no launcher at $LAUNCHER" >&2; exit 1; }
grep -q '^Categories=Graphics' "$PREFIX"/lib/*.desktop || { echo "desktop entry without Categories=Graphics" >&2; exit 1; }

# Everything that needs the display runs inside one xvfb-run.
export WORK LAUNCHER TIMEOUT
mkdir -p "$(dirname "$SHOT")"
export SHOT_ABS=$ROOT/$SHOT
[[ $SHOT == /* ]] && SHOT_ABS=$SHOT
xvfb-run -a -s "-screen 0 1600x1000x24" bash -c '
    set -euo pipefail
    # A fresh home: the first start of a new user, which must open on the built-in sandbox.
    SECONDS=0
    COMFYDESK_HOME=$WORK/home "$LAUNCHER" >"$WORK/app.log" 2>&1 &
    APP_PID=$!
    # The main window: a viewable top-level window of the app class whose title starts with ComfyDesk (GTK also
    # makes a hidden 10x10 leader window named after the app, which does not count).
    main_window() {
        xwininfo -root -tree | grep "\"ComfyDesk[^\"]*\": (\"app.comfydesk" | awk "{print \$1}" | while read -r id; do
            xwininfo -id "$id" | grep -q "Map State: IsViewable" && echo "$id"
        done | head -1 || true
    }
    WINDOW=""
    for ((i = 0; i < TIMEOUT * 2; i++)); do
        if ! kill -0 $APP_PID 2>/dev/null; then
            echo "the app exited before showing its window:" >&2; cat "$WORK/app.log" >&2; exit 1
        fi
        WINDOW=$(main_window || true)
        [[ -n $WINDOW ]] && break
        sleep 0.5
    done
    if [[ -z $WINDOW ]]; then
        echo "no ComfyDesk main window after ${TIMEOUT}s" >&2; cat "$WORK/app.log" >&2; kill $APP_PID; exit 1
    fi
    echo "main window up after ${SECONDS}s: $(xwininfo -id "$WINDOW" | grep -E "xwininfo|geometry" | tr "\n" " ")"
    # Let the window fill in (sandbox start, sample workflow) before the picture.
    sleep 6
    kill -0 $APP_PID || { echo "the app died after showing its window" >&2; cat "$WORK/app.log" >&2; exit 1; }
    # A first start opens on the built-in sandbox; the app says so in its log, in the log folder.
    if ! grep -q "Sandbox listening" "$WORK/home/logs/comfydesk.log" 2>/dev/null; then
        echo "the built-in sandbox did not start (no Sandbox listening line in $WORK/home/logs/comfydesk.log)" >&2
        cat "$WORK/home/logs/comfydesk.log" "$WORK/app.log" >&2 || true
        exit 1
    fi
    grep -h "Sandbox listening" "$WORK/home/logs/comfydesk.log"
    echo "resident memory: $(grep VmRSS /proc/$APP_PID/status)"
    import -window root "$SHOT_ABS"
    kill $APP_PID
    wait $APP_PID 2>/dev/null || true
    echo "--- app output"; tail -20 "$WORK/app.log"
'
echo "screenshot: $SHOT"

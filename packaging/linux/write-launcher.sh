#!/usr/bin/env bash
# Replaces the native launcher of a jpackage app image (IMAGE/bin/ComfyDesk) with a POSIX shell script that starts
# the image's runtime with the java-options and main class of IMAGE/lib/app/ComfyDesk.cfg. packaging/build.sh
# explains why. Usage: packaging/linux/write-launcher.sh IMAGE
set -euo pipefail
IMAGE=$1
NAME=ComfyDesk
CFG=$IMAGE/lib/app/$NAME.cfg
[[ -f $CFG ]] || { echo "no $CFG" >&2; exit 1; }

MAIN_CLASS=$(sed -n 's/^app.mainclass=//p' "$CFG")
CLASSPATH_ENTRY=$(sed -n 's/^app.classpath=//p' "$CFG")
[[ -n $MAIN_CLASS && -n $CLASSPATH_ENTRY ]] || { echo "$CFG lacks app.mainclass or app.classpath" >&2; exit 1; }
# Each option single-quoted for sh, with $APPDIR left for the script to expand (jpackage's own placeholder).
quote() { printf "'%s'" "$(sed "s/'/'\\\\''/g" <<<"$1")" | sed "s|\\\$APPDIR|'\"\$APPDIR\"'|g"; }
OPTIONS=""
while IFS= read -r option; do
    OPTIONS+=" \\"$'\n'"    $(quote "$option")"
done < <(sed -n 's/^java-options=//p' "$CFG")

cp "$IMAGE/lib/runtime/bin/java" "$IMAGE/lib/runtime/bin/$NAME"
rm -f "$IMAGE/bin/$NAME" "$IMAGE/lib/libapplauncher.so"
cat >"$IMAGE/bin/$NAME" <<SCRIPT
#!/bin/sh
# $NAME's launcher, written by packaging/linux/write-launcher.sh from lib/app/$NAME.cfg:
# jpackage's native launcher queries rpm and dpkg about itself on every start, which can take
# longer than the app's own start.
BIN=\$(dirname "\$(readlink -f "\$0")")
APPDIR=\$BIN/../lib/app
exec "\$BIN/../lib/runtime/bin/$NAME"$OPTIONS \\
    -cp $(quote "$CLASSPATH_ENTRY") $MAIN_CLASS "\$@"
SCRIPT
chmod 755 "$IMAGE/bin/$NAME"

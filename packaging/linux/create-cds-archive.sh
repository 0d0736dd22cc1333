#!/bin/sh
# Creates ComfyDesk's AppCDS archive (comfydesk.jsa) next to this script from the class list recorded by the
# build's training run (comfydesk.classlist). The package's postinst runs it: JDK 17 accepts an archive only for
# the exact jar path, size and time it was made with, so it is made where the app is installed, not at build time.
# Without the archive the app still starts (the launcher passes -Xshare:auto), only more slowly.
set -e
APP_DIR=$(cd "$(dirname "$0")" && pwd)
JAVA="$APP_DIR/../runtime/bin/java"
rm -f "$APP_DIR/comfydesk.jsa"
if "$JAVA" -XX:+UseSerialGC -Xshare:dump \
        -XX:SharedClassListFile="$APP_DIR/comfydesk.classlist" \
        -XX:SharedArchiveFile="$APP_DIR/comfydesk.jsa" \
        -cp "$APP_DIR/comfydesk.jar" >"$APP_DIR/../cds-dump.log" 2>&1; then
    chmod 644 "$APP_DIR/comfydesk.jsa"
else
    echo "ComfyDesk: could not create the class-data sharing archive (see $APP_DIR/../cds-dump.log);" \
         "the app works without it but starts more slowly." >&2
    rm -f "$APP_DIR/comfydesk.jsa"
fi

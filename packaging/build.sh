#!/usr/bin/env bash
# Builds ComfyDesk's installers for the current OS with the JDK's jlink + jpackage:
#   target/jpackage/runtime        the jlink runtime image (modules from packaging/modules.txt) + CDS archives
#   target/jpackage/image/         the app image (ComfyDesk/ on Linux and Windows, ComfyDesk.app on macOS)
#   target/jpackage/installer/     .deb on Linux, .msi on Windows (WiX 3 needed), .dmg on macOS
#
# Usage: packaging/build.sh [--skip-jar] [--skip-installer] [--no-cds]
#   --skip-jar        reuse target/comfydesk.jar (mvn -Ppackage package builds it first, then calls this)
#   --skip-installer  stop after the app image
#   --no-cds          no AppCDS training run (the runtime still has the JDK's default CDS archive)
# Needs JDK 17+ with jlink/jpackage (JAVA_HOME, else the java on PATH). The CDS training run shows the window
# once: on Linux without a display it uses xvfb-run. Windows needs WiX 3 for the .msi.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

SKIP_JAR=false; SKIP_INSTALLER=false; CDS=true
for arg in "$@"; do
    case "$arg" in
        --skip-jar) SKIP_JAR=true ;;
        --skip-installer) SKIP_INSTALLER=true ;;
        --no-cds) CDS=false ;;
        *) echo "unknown option: $arg" >&2; exit 2 ;;
    esac
done

JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
JDK_BIN=$JAVA_HOME/bin
for tool in jlink jpackage jdeps; do
    [[ -x $JDK_BIN/$tool ]] || { echo "$JDK_BIN/$tool not found: set JAVA_HOME to a JDK 17+" >&2; exit 1; }
done

case "$(uname -s)" in
    Linux*) OS=linux ;;
    Darwin*) OS=macos ;;
    MINGW*|MSYS*|CYGWIN*) OS=windows ;;
    *) echo "unsupported OS $(uname -s)" >&2; exit 1 ;;
esac

if [[ $SKIP_JAR == false ]]; then
    mvn -q -B -DskipTests package
fi
JAR=target/comfydesk.jar
[[ -f $JAR ]] || { echo "$JAR missing: run mvn -DskipTests package" >&2; exit 1; }

# Version from the pom (the jar plugin records it); installers want a plain x.y.z.
VERSION=$(sed -n 's/^version=//p' target/maven-archiver/pom.properties)
APP_VERSION=${VERSION%%-*}
NAME=ComfyDesk
VENDOR="ComfyDesk"
DESCRIPTION="A desktop studio for running ComfyUI workflows on RunComfy's Serverless API"
OUT=target/jpackage
rm -rf "$OUT"
mkdir -p "$OUT/input" "$OUT/image" "$OUT/installer"
cp "$JAR" "$OUT/input/comfydesk.jar"

# ---- Runtime image: exactly the modules of packaging/modules.txt, checked against jdeps.
MODULES=$(sed -e 's/#.*//' -e 's/[[:space:]]//g' packaging/modules.txt | grep -v '^$' | paste -sd, -)
# (The shade plugin drops every module-info.class, also the versioned ones: one left in would make jdeps read the
# whole jar as a named module and fail on its requires.)
NEEDED=$("$JDK_BIN/jdeps" --print-module-deps --ignore-missing-deps --multi-release 17 "$JAR")
MISSING=$(comm -23 <(tr , '\n' <<<"$NEEDED" | sort) <(tr , '\n' <<<"$MODULES" | sort))
if [[ -n $MISSING ]]; then
    echo "jdeps says the app needs modules missing from packaging/modules.txt: $MISSING" >&2
    exit 1
fi
echo "runtime modules: $MODULES"

"$JDK_BIN/jlink" \
    --add-modules "$MODULES" \
    --include-locales=en,de,fr,es,it,pt,nl,sv,da,nb,fi,pl,cs,ru,uk,tr,ja,ko,zh \
    --strip-debug --no-header-files --no-man-pages \
    --generate-cds-archive \
    --output "$OUT/runtime"
# No --compress: the installers are compressed anyway, and an uncompressed jimage loads classes faster.

# ---- AppCDS training run (Linux): start the app on the runtime image up to its first frame (plus 3 s of filling
# in) and record the classes it loads. The archive itself is made from this list where the app is installed
# (packaging/linux/create-cds-archive.sh, run by the .deb's postinst), because JDK 17 ties an archive to the exact
# jar path. On Windows and macOS the install folder is the user's choice, so only the JDK's own default CDS archive
# (jlink --generate-cds-archive) is used there.
# JVM options of the launcher (and of the training run). A desktop app's heap is small (~50 MB after start):
# - SerialGC: the smallest footprint (G1's remembered sets measured +25 MB resident here) and pauses of a few ms
#   at this heap size;
# - -Xms32m and the free ratios: by default the JVM starts with 1/64 of RAM (384 MB on a 24 GB machine) and touches
#   all of the young generation before its first collection, which alone put ~60 MB more in RSS; the ratios let
#   the heap give memory back after a burst (say, decoding a batch of large outputs);
# - -Xss512k: the app runs ~40 threads (pools, poller, HTTP) that never recurse deeply;
# - TieredStopAtLevel=1 (the C1 compiler only): C2's compilations during start-up took CPU from the window on two
#   cores and left ~20 MB more resident (measured: studio drawn 0.69 s instead of 0.83 s, 240 MB instead of 260 MB
#   3 s after start). The app's heavy lifting happens on RunComfy; its own hot paths (JSON, the sandbox's image
#   nodes, PNG encoding) run in short bursts, where C1 measured as fast or faster (docs/BENCHMARKS.md).
JVM_OPTIONS=(-XX:+UseSerialGC -Xms32m -XX:MinHeapFreeRatio=15 -XX:MaxHeapFreeRatio=40 -Xss512k
    -XX:TieredStopAtLevel=1)
if [[ $OS == linux && $CDS == true ]]; then
    TRAIN_HOME=$(mktemp -d)
    TRAIN=("$OUT/runtime/bin/java" "${JVM_OPTIONS[@]}" "-XX:DumpLoadedClassList=$OUT/input/comfydesk.classlist"
        -cp "$OUT/input/comfydesk.jar" app.comfydesk.Launcher --exit-after-first-frame=3000)
    if [[ -z ${DISPLAY:-} ]]; then
        TRAIN=(xvfb-run -a -s "-screen 0 1600x1000x24" "${TRAIN[@]}")
    fi
    COMFYDESK_HOME=$TRAIN_HOME "${TRAIN[@]}" >"$OUT/cds-training.log" 2>&1 \
        || { cat "$OUT/cds-training.log" >&2; echo "CDS training run failed" >&2; exit 1; }
    rm -rf "$TRAIN_HOME"
    echo "CDS training: $(grep -h 'first-frame-ms' "$OUT/cds-training.log"), $(wc -l <"$OUT/input/comfydesk.classlist") classes"
    cp packaging/linux/create-cds-archive.sh "$OUT/input/"
fi

# ---- App image.
case $OS in
    linux) ICON=packaging/linux/ComfyDesk.png ;;
    windows) ICON=packaging/windows/ComfyDesk.ico ;;
    macos) ICON=packaging/macos/ComfyDesk.icns ;;
esac
JAVA_OPTIONS=()
for option in "${JVM_OPTIONS[@]}"; do JAVA_OPTIONS+=(--java-options "$option"); done
# JVM warnings (a CDS archive that does not match, say) go to stderr: the command line's stdout is clean JSON.
JAVA_OPTIONS+=(--java-options "-Xlog:disable" --java-options "-Xlog:all=warning:stderr")
if [[ $OS == linux && $CDS == true ]]; then
    JAVA_OPTIONS+=(--java-options "-XX:SharedArchiveFile=\$APPDIR/comfydesk.jsa" --java-options "-Xshare:auto")
fi
"$JDK_BIN/jpackage" --type app-image \
    --name "$NAME" --app-version "$APP_VERSION" --vendor "$VENDOR" --description "$DESCRIPTION" \
    --copyright "Copyright (c) ComfyDesk contributors" \
    --icon "$ICON" \
    --input "$OUT/input" --main-jar comfydesk.jar --main-class app.comfydesk.Launcher \
    --runtime-image "$OUT/runtime" \
    "${JAVA_OPTIONS[@]}" \
    --dest "$OUT/image"

# ---- Linux launcher: a shell script in place of jpackage's native one. That launcher asks the package manager
# which package owns it on every start (`rpm -qf`, then `dpkg -S`, which reads the whole dpkg database, and once
# more from its launcher library; with `dpkg -L` on top when installed from the .deb): 0.1 s here, up to a second on
# a desktop with a few thousand packages, all before the JVM starts. The script runs the bundled runtime with the
# options jpackage wrote to ComfyDesk.cfg (the one place they are kept), through a copy of the runtime's `java`
# named ComfyDesk so that the process is called ComfyDesk in `ps` and system monitors.
if [[ $OS == linux ]]; then
    packaging/linux/write-launcher.sh "$OUT/image/$NAME"
fi

# ---- Installer.
if [[ $SKIP_INSTALLER == true ]]; then
    [[ $OS == linux && $CDS == true ]] && "$OUT/image/$NAME/lib/app/create-cds-archive.sh"
    echo "app image: $OUT/image"
    exit 0
fi
case $OS in
    linux)
        # JavaFX's natives come from the jar, so jpackage cannot see their libraries: name them here.
        DEPS="libgtk-3-0 | libgtk-3-0t64, libglib2.0-0 | libglib2.0-0t64, libpango-1.0-0, libpangocairo-1.0-0, \
libpangoft2-1.0-0, libcairo2, libgdk-pixbuf-2.0-0, libfontconfig1, libfreetype6, libx11-6, libxtst6, libxxf86vm1, \
libgl1, libasound2 | libasound2t64"
        "$JDK_BIN/jpackage" --type deb \
            --name "$NAME" --app-version "$APP_VERSION" --vendor "$VENDOR" --description "$DESCRIPTION" \
            --app-image "$OUT/image/$NAME" \
            --resource-dir packaging/linux \
            --linux-package-name comfydesk --linux-deb-maintainer hello@comfydesk.app \
            --linux-menu-group Graphics --linux-app-category graphics --linux-shortcut \
            --linux-package-deps "$DEPS" \
            --dest "$OUT/installer" ;;
    windows)
        "$JDK_BIN/jpackage" --type msi \
            --name "$NAME" --app-version "$APP_VERSION" --vendor "$VENDOR" --description "$DESCRIPTION" \
            --app-image "$OUT/image/$NAME" --resource-dir packaging/windows \
            --win-menu --win-menu-group "$NAME" --win-shortcut --win-dir-chooser --win-per-user-install \
            --win-upgrade-uuid 0b1e4f0e-5c2b-4c55-9f5e-0c0a1f3d7e21 \
            --dest "$OUT/installer" ;;
    macos)
        "$JDK_BIN/jpackage" --type dmg \
            --name "$NAME" --app-version "$APP_VERSION" --vendor "$VENDOR" --description "$DESCRIPTION" \
            --app-image "$OUT/image/$NAME.app" --resource-dir packaging/macos \
            --mac-package-identifier app.comfydesk --mac-app-category public.app-category.graphics-design \
            --dest "$OUT/installer" ;;
esac
ls -l "$OUT/installer"
if [[ $OS == linux && $CDS == true ]]; then
    # Also give the app image in target/ its archive, for running and benchmarking it in place.
    "$OUT/image/$NAME/lib/app/create-cds-archive.sh"
fi

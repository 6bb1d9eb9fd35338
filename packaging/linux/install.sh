#!/bin/sh
# Install the built application for the current user, with its menu entry and icon.
#
#   ./install.sh                 copy this folder to ~/.local/lib/annotator, link
#                                ~/.local/bin/annotator, add the menu entry, icon, metainfo
#   PREFIX=/usr/local ./install.sh   the same for every user (as root)
#   ./install.sh --uninstall     remove what it installed (project files are kept)
#
# It ships inside the built folder (dist/annotator/install.sh): run it from there.
set -eu

APP_ID=io.github.annotator.Annotator
PREFIX=${PREFIX:-$HOME/.local}
HERE=$(cd "$(dirname "$0")" && pwd)
LIB=$PREFIX/lib/annotator
BIN=$PREFIX/bin/annotator
DESKTOP=$PREFIX/share/applications/$APP_ID.desktop
METAINFO=$PREFIX/share/metainfo/$APP_ID.metainfo.xml
ICON=$PREFIX/share/icons/hicolor/scalable/apps/$APP_ID.svg

refresh() {  # menu and icon caches, where the desktop keeps them; failures do not matter
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$PREFIX/share/applications" 2>/dev/null || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t "$PREFIX/share/icons/hicolor" 2>/dev/null || true
    fi
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -f "$BIN" "$DESKTOP" "$METAINFO" "$ICON"
    if [ -x "$LIB/annotator" ] && [ -d "$LIB/_internal" ]; then
        rm -rf "$LIB"
    fi
    refresh
    echo "removed annotator from $PREFIX (project files in the user data folder are kept)"
    exit 0
fi

if [ ! -x "$HERE/annotator" ] || [ ! -d "$HERE/_internal" ]; then
    echo "install.sh: run the copy inside the built folder (dist/annotator/install.sh)" >&2
    exit 1
fi

if [ -e "$LIB" ] && ! { [ -x "$LIB/annotator" ] && [ -d "$LIB/_internal" ]; }; then
    echo "install.sh: $LIB exists and is not an annotator installation; left alone" >&2
    exit 1
fi
mkdir -p "$LIB"
if [ "$(cd "$LIB" && pwd -P)" != "$(cd "$HERE" && pwd -P)" ]; then
    rm -rf "$LIB"
    mkdir -p "$LIB"
    cp -a "$HERE/." "$LIB/"
fi
mkdir -p "$(dirname "$BIN")" "$(dirname "$DESKTOP")" "$(dirname "$METAINFO")" "$(dirname "$ICON")"
ln -sf "$LIB/annotator" "$BIN"
# The menu entry runs the installed executable by its full path: ~/.local/bin is not on
# every desktop session's PATH.
sed "s|^Exec=annotator|Exec=\"$LIB/annotator\"|" "$HERE/share/applications/$APP_ID.desktop" > "$DESKTOP"
cp "$HERE/share/metainfo/$APP_ID.metainfo.xml" "$METAINFO"
cp "$HERE/share/icons/hicolor/scalable/apps/$APP_ID.svg" "$ICON"
refresh
echo "installed annotator in $LIB; run it from the menu or as $BIN"

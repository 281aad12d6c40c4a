#!/usr/bin/env bash
# Install the bundle built by `make bundle` for the current user, with its menu entry and
# icons: ./packaging/linux/install.sh [--uninstall]. Needs no administrator rights.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
prefix=${XDG_DATA_HOME:-$HOME/.local/share}
target="$prefix/induct-bundle"
bin="$HOME/.local/bin"
if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$target" "$bin/induct" "$prefix/applications/org.induct.Induct.desktop" \
        "$prefix/metainfo/org.induct.Induct.metainfo.xml"
    find "$prefix/icons/hicolor" -name org.induct.Induct.png -delete 2>/dev/null || true
    echo "Induct removed (your data and PDFs are kept)."
    exit 0
fi
[ -x "$root/dist/induct/induct" ] || { echo "No bundle in dist/induct: run 'make bundle' first." >&2; exit 1; }
rm -rf "$target"
mkdir -p "$target" "$bin" "$prefix/applications" "$prefix/metainfo"
cp -a "$root/dist/induct/." "$target/"
ln -sf "$target/induct" "$bin/induct"
sed "s|^Exec=induct|Exec=$target/induct|" "$here/org.induct.Induct.desktop" \
    > "$prefix/applications/org.induct.Induct.desktop"
cp "$here/org.induct.Induct.metainfo.xml" "$prefix/metainfo/"
for icon in "$here"/icons/*/org.induct.Induct.png; do
    size=$(basename "$(dirname "$icon")")
    mkdir -p "$prefix/icons/hicolor/$size/apps"
    cp "$icon" "$prefix/icons/hicolor/$size/apps/"
done
command -v update-desktop-database >/dev/null && update-desktop-database "$prefix/applications" || true
echo "Induct installed: run 'induct' or find it in the applications menu."

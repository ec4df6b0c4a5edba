#!/usr/bin/env bash
# Builds dist/aisle.zip: the plugin's runtime files only, under a top folder `aisle/`,
# ready for wp-admin → Plugins → Add New → Upload. The widget build (plugin/build/) must
# exist: run `npm run build:widget` first. Translations (.mo) are compiled from the .po
# files when msgfmt is available, so the zip never ships a stale .mo.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f plugin/build/index.js ] || [ ! -f plugin/build/index.asset.php ]; then
  echo "plugin/build/index.js or index.asset.php is missing: run 'npm run build:widget' first." >&2
  exit 1
fi

if command -v msgfmt >/dev/null 2>&1; then
  for po in plugin/languages/*.po; do
    msgfmt --check -o "${po%.po}.mo" "$po"
  done
fi

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/aisle"
# Runtime files only: no sources maps, tests or dotfiles.
cp plugin/aisle.php plugin/uninstall.php plugin/readme.txt "$stage/aisle/"
cp -r plugin/includes plugin/assets plugin/languages plugin/build "$stage/aisle/"
find "$stage/aisle" \( -name '*.map' -o -name '.*' -o -name '*.po~' \) -prune -exec rm -rf {} +

mkdir -p dist
rm -f dist/aisle.zip
(cd "$stage" && zip -qr -X "$OLDPWD/dist/aisle.zip" aisle)
echo "dist/aisle.zip: $(unzip -l dist/aisle.zip | tail -1 | awk '{print $2}') files, $(du -k dist/aisle.zip | cut -f1) KB"

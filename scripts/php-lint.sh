#!/usr/bin/env bash
# PHP checks (CI runs them through `npm test`): `php -l` on every PHP file of the plugin and its
# tests, listing every file with a syntax error, then phpcs with phpcs.xml.dist on the plugin
# (Debian's php-codesniffer, installed by scripts/system-deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
count=0
while IFS= read -r -d '' file; do
  count=$((count + 1))
  if ! out=$(php -l "$file" 2>&1); then
    echo "$out"
    status=1
  fi
done < <(find plugin tests/php tests/contract -name '*.php' -not -path '*/node_modules/*' -not -path '*/vendor/*' -print0)
echo "php -l: $count files checked"
if ! command -v phpcs >/dev/null 2>&1; then
  echo "phpcs is missing: run scripts/system-deps.sh (Debian package php-codesniffer)" >&2
  exit 1
fi
if phpcs -q --no-colors --report=summary --standard=phpcs.xml.dist; then
  echo "phpcs: clean"
else
  phpcs -q --no-colors --standard=phpcs.xml.dist || true
  status=1
fi
exit $status

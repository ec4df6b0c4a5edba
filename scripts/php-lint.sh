#!/usr/bin/env bash
# `php -l` on every PHP file of the plugin and its tests (CI runs it). Fails on the first
# syntax error, listing every file that has one.
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
exit $status

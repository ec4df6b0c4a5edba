#!/usr/bin/env bash
# `npm test`: the whole suite (lint and format check, types, PHP, Jest with real Redis, WordPress and Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
. scripts/node-env.sh
if [ ! -d node_modules ]; then npm ci --no-audit --no-fund; fi
npm run --silent build
npm run --silent typecheck
npm run --silent lint
bash scripts/php-lint.sh
phpunit --colors=never
exec npx jest --ci "$@"

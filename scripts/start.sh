#!/usr/bin/env bash
# `npm start`: make sure Node 22+ is used, build what is missing, run the proxy.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/node-env.sh
if [ ! -d node_modules ]; then npm install --no-audit --no-fund; fi
stale() { [ ! -e "$1" ] || [ -n "$(find "${@:2}" -newer "$1" -type f 2>/dev/null | head -n 1)" ]; }
if stale proxy/dist/server.js proxy/src; then npm run --silent build:proxy; fi
if stale proxy/static/widget.js widget-src; then npm run --silent build:widget; fi
exec node proxy/dist/server.js

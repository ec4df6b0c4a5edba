#!/usr/bin/env bash
# `npm start`: make sure Node 22+ is used, build what is missing, run the proxy.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/node-env.sh
if [ ! -d node_modules ]; then npm install --no-audit --no-fund; fi
stale() { [ ! -e "$1" ] || [ -n "$(find "${@:2}" -newer "$1" -type f 2>/dev/null | head -n 1)" ]; }
if stale proxy/dist/server.js proxy/src; then npm run --silent build:proxy; fi
if stale proxy/static/widget.js widget-src; then npm run --silent build:widget; fi
# Memory per open answer stream (docs/benchmarks.md, "Concurrent open streams"): the proxy holds
# thousands of long-lived streams. MALLOC_ARENA_MAX=2: glibc otherwise gives each thread that mallocs
# its own arena (up to 8 per core), and V8's GC helper threads and libuv's pool then each keep freed
# socket and buffer memory resident. Measured with bench/streams.ts (RSS per stream). Not used, see
# docs/benchmarks.md: --optimize-for-size (RSS target met, but a third less throughput in bench/load.ts)
# and a smaller young generation (--max-semi-space-size=2 or 4: less RSS, CPU cost not settled yet).
# An environment that sets MALLOC_ARENA_MAX itself keeps its value.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
exec node proxy/dist/server.js

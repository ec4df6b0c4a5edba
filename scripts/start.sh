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
# thousands of long-lived streams.
# - MALLOC_ARENA_MAX=2: glibc otherwise gives each thread that mallocs its own arena (up to 8 per
#   core), and V8's GC helper threads and libuv's pool then each keep freed socket and buffer memory
#   resident. An environment that sets MALLOC_ARENA_MAX itself keeps its value.
# - --max-semi-space-size=32: Node 24 grows each half of the young generation to 64 MB while
#   streams open (128 MB resident); 32 MB keeps it at the size it starts with here. Measured with
#   bench/streams.ts (RSS per stream 108 -> 72-85 KB at 2,000) and bench/load.ts (about 7 % more proxy
#   CPU per turn). A NODE_OPTIONS that sets --max-semi-space-size itself wins.
# Not used, see docs/benchmarks.md: --optimize-for-size (a third less throughput in bench/load.ts).
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
young_generation=(--max-semi-space-size=32)
case " ${NODE_OPTIONS:-} " in *" --max-semi-space-size"*) young_generation=() ;; esac
exec node "${young_generation[@]}" proxy/dist/server.js

#!/usr/bin/env bash
# Source this file: it puts Node.js 22+ first on PATH.
# When the system Node is older (Debian's is 20, end-of-life), it installs Node 24
# from the npm registry (the `node` package) into a cache folder, once.
#   . scripts/node-env.sh
aisle_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
AISLE_NODE_DIR="${AISLE_NODE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/aisle-node}"
if [ "$(aisle_node_major)" -lt 22 ]; then
  if [ ! -x "$AISLE_NODE_DIR/node_modules/.bin/node" ] || [ "$("$AISLE_NODE_DIR/node_modules/.bin/node" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)" -lt 22 ]; then
    echo "aisle: system Node is $(node --version 2>/dev/null || echo missing); installing Node 24 from the npm registry into $AISLE_NODE_DIR" >&2
    mkdir -p "$AISLE_NODE_DIR"
    npm install --prefix "$AISLE_NODE_DIR" --no-audit --no-fund --loglevel=error node@24 >&2
  fi
  export PATH="$AISLE_NODE_DIR/node_modules/.bin:$PATH"
fi
if [ "$(aisle_node_major)" -lt 22 ]; then
  echo "aisle: Node.js 22 or newer is required (found $(node --version 2>/dev/null || echo none))" >&2
  return 1 2>/dev/null || exit 1
fi

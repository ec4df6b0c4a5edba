#!/usr/bin/env bash
# Installs the Debian packages the test suite uses for real: Redis, PHPUnit, phpcs, gettext, curl,
# and (through scripts/wordpress/install-deps.sh) MariaDB, PHP, Chromium and WordPress's core
# translations (WordPress 7.0.4 and WooCommerce 11.0.1 come from ../shared/wordpress/).
# Idempotent: when everything is there it touches nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
PACKAGES=(redis-server phpunit php-codesniffer gettext curl)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "aisle: the tests need these Debian packages: ${missing[*]} (and those in scripts/wordpress/install-deps.sh)" >&2
    echo "       install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "aisle: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
  # Debian starts redis on install; the tests run their own on free ports.
  (service redis-server stop >/dev/null 2>&1 || true)
fi
if [ "$(id -u)" -eq 0 ]; then
  bash scripts/wordpress/install-deps.sh
fi

#!/usr/bin/env bash
# Installs the Debian packages the test suite uses for real: Redis, Chromium,
# PHP with MariaDB and WordPress, PHPUnit, gettext and zip. Idempotent.
set -euo pipefail
PACKAGES=(redis-server chromium php-cli php-mysql php-xml php-mbstring php-curl php-zip php-gd mariadb-server wordpress phpunit gettext zip unzip curl)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "aisle: the tests need these Debian packages: ${missing[*]}" >&2
  echo "       install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "aisle: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Debian starts these services on install; the tests run their own on free ports.
for svc in redis-server mariadb apache2; do
  (command -v systemctl >/dev/null && systemctl stop "$svc" 2>/dev/null) || service "$svc" stop 2>/dev/null || true
done

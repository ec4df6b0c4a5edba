#!/usr/bin/env bash
# Installs what the WordPress end-to-end harness needs (tests/helpers/wordpress.ts and
# tests/helpers/browser.ts): MariaDB, Debian's WordPress, PHP with the extensions WordPress
# uses, and Chromium for Playwright. Idempotent: when everything is already there it only
# checks and exits, without touching the network.
#
# The harness runs its own mariadbd and `php -S` on free loopback ports, so no system
# service is wanted: the Debian `wordpress` package pulls in Apache, and mariadb-server
# would start the system database; both are kept from starting (policy-rc.d) so nothing
# binds port 80 or 3306 behind the tests' back.
set -euo pipefail

PACKAGES=(
  mariadb-server   # mariadbd + mariadb-install-db (the harness starts its own instance)
  mariadb-client   # `mariadb` client, handy when debugging a failed run
  wordpress        # /usr/share/wordpress (6.1), copied per test run
  wordpress-theme-twentytwentythree  # the default theme (a Recommends of wordpress)
  wordpress-l10n   # translations, he_IL among them (a Recommends of wordpress)
  php-cli          # `php -S` serves WordPress; `php -r` runs the install and assertions
  php-mysql        # mysqli
  php-xml
  php-mbstring
  php-curl
  php-zip          # ZipArchive for plugin uploads (WordPress falls back to PclZip without it)
  php-gd
  unzip
  zip
  chromium         # /usr/bin/chromium, driven by playwright-core
  fonts-dejavu-core  # Hebrew glyphs in screenshots
)

if [[ $(id -u) -ne 0 ]]; then
  echo "install-deps.sh: must run as root (apt-get)" >&2
  exit 1
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps.sh: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

echo "install-deps.sh: installing ${missing[*]}"

# Keep the packages' maintainer scripts from starting apache2/mariadb. Only add our own
# policy-rc.d when none exists, and remove only the one we added.
POLICY=/usr/sbin/policy-rc.d
added_policy=0
if [[ ! -e $POLICY ]]; then
  printf '#!/bin/sh\n# added by scripts/wordpress/install-deps.sh while installing\nexit 101\n' >"$POLICY"
  chmod 755 "$POLICY"
  added_policy=1
fi
cleanup() { if [[ $added_policy -eq 1 ]]; then rm -f "$POLICY"; fi; }
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${missing[@]}" </dev/null

echo "install-deps.sh: done"

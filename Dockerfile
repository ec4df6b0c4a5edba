# Aisle proxy image, plus the Redis and nginx images compose.yaml runs beside it.
# No container registry: the base images are made locally from Debian packages and the npm
# registry by scripts/container/base-image.sh (versions in scripts/container/versions.env).
#   bash scripts/container/base-image.sh
#   buildah bud --isolation=chroot --layers --format docker -t localhost/aisle-proxy .   (or docker build)
# `npm run test:container` builds all three targets and runs compose.yaml's services.
ARG BASE_IMAGE=localhost/aisle-base:bookworm-node24.21.0
ARG BUILD_IMAGE=localhost/aisle-build:bookworm-node24.21.0

# ---- deps: the production dependencies only, exactly as package-lock.json pins them
FROM ${BUILD_IMAGE} AS deps
WORKDIR /src
COPY package.json package-lock.json ./
# Behind a TLS-inspecting proxy, pass its CA for the install steps only (never stored in an image):
#   --secret id=npm_ca,src=/etc/ssl/certs/ca-certificates.crt
RUN --mount=type=cache,target=/root/.npm --mount=type=secret,id=npm_ca,required=false \
    NODE_EXTRA_CA_CERTS=/run/secrets/npm_ca npm ci --omit=dev --no-audit --no-fund --loglevel=error

# ---- build: all dependencies, then compile the proxy and the standalone widget
FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm --mount=type=secret,id=npm_ca,required=false \
    NODE_EXTRA_CA_CERTS=/run/secrets/npm_ca npm ci --no-audit --no-fund --loglevel=error
COPY tsconfig.json webpack.config.js ./
COPY proxy ./proxy
COPY widget-src ./widget-src
COPY plugin ./plugin
RUN npm run build

# ---- redis: Debian's redis-server (the Redis the test suite runs against)
FROM ${BASE_IMAGE} AS redis
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends redis-server \
    && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin
USER redis
EXPOSE 6379
CMD ["redis-server", "--bind", "127.0.0.1", "--port", "6379", "--save", "", "--appendonly", "no"]

# ---- nginx: Debian's nginx; the site file is mounted by compose.yaml (docs/deploy/nginx-aisle.conf)
FROM ${BASE_IMAGE} AS nginx
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends nginx-light \
    && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /etc/nginx/sites-enabled/default \
    && ln -sf /dev/stderr /var/log/nginx/error.log
EXPOSE 8080
CMD ["nginx", "-g", "daemon off;"]

# ---- runtime (the default target): only what `npm start` needs, run by scripts/start.sh itself,
# so the Node flags and MALLOC_ARENA_MAX cannot differ from `npm start` (tests/container checks it).
FROM ${BASE_IMAGE} AS runtime
RUN groupadd --system --gid 10001 aisle \
    && useradd --system --uid 10001 --gid aisle --home-dir /app --shell /usr/sbin/nologin aisle \
    && install -d -o aisle -g aisle /app /data
WORKDIR /app
COPY --from=build /src/package.json ./package.json
COPY --from=deps /src/node_modules ./node_modules
COPY --from=build /src/proxy/dist ./proxy/dist
COPY --from=build /src/proxy/static ./proxy/static
COPY proxy/src/demo/images ./proxy/dist/demo/images
COPY scripts/start.sh scripts/node-env.sh ./scripts/
COPY scripts/container/healthcheck.js ./scripts/container/healthcheck.js
# The embedded store (no REDIS_URL) writes to /data: mount a volume there to keep it.
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8000 AISLE_DATA_DIR=/data
USER aisle
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
    CMD ["node", "/app/scripts/container/healthcheck.js", "/api/health"]
ENTRYPOINT ["bash", "/app/scripts/start.sh"]

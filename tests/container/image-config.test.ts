/**
 * The container files agree with each other and with `npm start`, without building anything
 * (the built stack is checked by `npm run test:container`): the image runs scripts/start.sh itself,
 * so its Node flags cannot drift; the other places that repeat those flags must match start.sh.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { readCompose } from './stack';

const ROOT = path.resolve(__dirname, '..', '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const dockerfile = read('Dockerfile');
const startSh = read('scripts/start.sh');

/** The instructions of one stage (from its FROM line to the next). */
function stage(name: string): string {
  const parts = dockerfile.split(/^(?=FROM )/m);
  const found = parts.find((p) => new RegExp(`^FROM \\S+ AS ${name}\\s*$`, 'm').test(p.split('\n')[0]!));
  if (!found) throw new Error(`no stage ${name}`);
  return found;
}

const startFlag = /young_generation=\((--max-semi-space-size=\d+)\)/.exec(startSh)?.[1];
const startArena = /MALLOC_ARENA_MAX="\$\{MALLOC_ARENA_MAX:-(\d+)\}"/.exec(startSh)?.[1];

test('scripts/start.sh still defines the Node flag and MALLOC_ARENA_MAX this file checks', () => {
  expect(startFlag).toBe('--max-semi-space-size=32');
  expect(startArena).toBe('2');
  expect(startSh).toMatch(/^exec node "\$\{young_generation\[@\]\}" proxy\/dist\/server\.js$/m);
});

test('the runtime image runs scripts/start.sh as its entrypoint and sets no Node flags of its own', () => {
  const runtime = stage('runtime');
  // The last stage is the default `docker build` target.
  expect(dockerfile.trimEnd().endsWith(runtime.trimEnd())).toBe(true);
  expect(runtime).toMatch(/^ENTRYPOINT \["bash", "\/app\/scripts\/start\.sh"\]$/m);
  expect(runtime).toMatch(/^COPY scripts\/start\.sh scripts\/node-env\.sh \.\/scripts\/$/m);
  expect(runtime).toMatch(/^WORKDIR \/app$/m);
  const instructions = (text: string) => text.replace(/^\s*#.*$/gm, '');
  for (const text of [dockerfile, read('compose.yaml')].map(instructions)) {
    expect(text).not.toMatch(/max-semi-space-size|MALLOC_ARENA_MAX|NODE_OPTIONS/);
  }
});

test('the runtime image holds only what npm start needs and runs as a non-root user', () => {
  const runtime = stage('runtime');
  const copied = [...runtime.matchAll(/^COPY (?:--from=\w+ )?(\S+)/gm)].map((m) => m[1]);
  expect(copied).toEqual([
    '/src/package.json',
    '/src/node_modules',
    '/src/proxy/dist',
    '/src/proxy/static',
    'proxy/src/demo/images',
    'scripts/start.sh',
    'scripts/container/healthcheck.js',
  ]);
  expect(runtime).toMatch(/^COPY --from=deps \/src\/node_modules /m);
  expect(stage('deps')).toMatch(/npm ci --omit=dev/);
  expect(runtime).toMatch(/^USER aisle$/m);
  expect(runtime).not.toMatch(/^USER (root|0)\b/m);
});

test('HEALTHCHECK asks the proxy for GET /api/health, a route the proxy serves', () => {
  const healthcheck = /^HEALTHCHECK [^\n]*\\\n\s+CMD (\[.*\])$/m.exec(stage('runtime'));
  expect(healthcheck).not.toBeNull();
  expect(JSON.parse(healthcheck![1]!)).toEqual(['node', '/app/scripts/container/healthcheck.js', '/api/health']);
  expect(read('proxy/src/health/routes.ts')).toContain("router.get('/api/health'");
});

test('the Dockerfile defaults name the base images scripts/container/base-image.sh makes', () => {
  const versions = Object.fromEntries(
    read('scripts/container/versions.env')
      .split('\n')
      .filter((l) => /^[A-Z_]+=/.test(l))
      .map((l) => l.split('=') as [string, string]),
  );
  expect(dockerfile).toContain(`ARG BASE_IMAGE=${versions.BASE_IMAGE}`);
  expect(dockerfile).toContain(`ARG BUILD_IMAGE=${versions.BUILD_IMAGE}`);
  expect(versions.BASE_IMAGE).toContain(versions.NODE_VERSION);
  const nodeMajor = Number(versions.NODE_VERSION!.split('.')[0]);
  expect(nodeMajor).toBeGreaterThanOrEqual(22);
});

test('the systemd unit and the pm2 line in docs/deploy.md give node the same flag and MALLOC_ARENA_MAX as start.sh', () => {
  const deploy = read('docs/deploy.md');
  expect(deploy).toContain(`Environment=MALLOC_ARENA_MAX=${startArena}`);
  const execStart = /^ExecStart=\/usr\/bin\/node (.*) \/opt\/aisle\/proxy\/dist\/server\.js$/m.exec(deploy);
  expect(execStart?.[1]).toBe(startFlag);
  const pm2 = /`MALLOC_ARENA_MAX=(\d+) pm2 start proxy\/dist\/server\.js [^`]*--node-args="([^"]*)"`/.exec(deploy);
  expect(pm2?.slice(1)).toEqual([startArena, startFlag]);
});

test('compose.yaml: two proxy replicas on the ports nginx balances, sharing Redis, nginx on the deploy site file', () => {
  const services = readCompose({});
  const proxies = services.filter((s) => s.environment.PORT);
  expect(proxies).toHaveLength(2);
  const site = read('docs/deploy/nginx-aisle.conf');
  const upstream = /upstream aisle_proxy \{([^}]*)\}/.exec(site)![1]!;
  const servers = [...upstream.matchAll(/^\s*server (\S+);/gm)].map((m) => m[1]);
  expect(servers).toEqual(proxies.map((p) => `127.0.0.1:${p.environment.PORT}`));
  for (const p of proxies) {
    expect(p.environment.HOST).toBe('127.0.0.1');
    expect(p.environment.REDIS_URL).toBe('redis://127.0.0.1:6379/0');
  }
  const redis = services.find((s) => s.name === 'redis')!;
  expect(redis.command?.join(' ')).toContain('--port 6379');
  const nginx = services.find((s) => s.name === 'nginx')!;
  expect(nginx.volumes).toEqual([`${path.join(ROOT, 'docs/deploy/nginx-aisle.conf')}:/etc/nginx/conf.d/aisle.conf:ro`]);
  // The chat stream is not buffered, cached or compressed, and may stay open longer than a heartbeat.
  const stream = /location = \/api\/chat\/stream \{([^}]*)\}/.exec(site)![1]!;
  expect(stream).toMatch(/proxy_buffering off;/);
  expect(stream).toMatch(/proxy_cache off;/);
  expect(stream).toMatch(/gzip off;/);
  expect(stream).toMatch(/proxy_read_timeout 300s;/);
  const raw = YAML.parse(read('compose.yaml'), { merge: true }) as { services: Record<string, { network_mode?: string }> };
  expect(Object.values(raw.services).every((s) => s.network_mode === 'host')).toBe(true);
});

test('.dockerignore keeps local installs, builds and secrets out of the build context', () => {
  const ignored = read('.dockerignore').split('\n');
  for (const entry of ['node_modules', '.git', '.env', '.env.*', 'proxy/dist', 'proxy/static', '.aisle-data']) {
    expect(ignored).toContain(entry);
  }
});

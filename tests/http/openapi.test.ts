import type { Express } from 'express';
import { startProxy, type RunningProxy } from '../helpers/proxy';

/** Every method+path Express really serves, by walking the router stack. */
function servedRoutes(app: Express): string[] {
  const found: string[] = [];
  const walk = (stack: unknown[]) => {
    for (const layer of stack as Array<{
      route?: { path: string; methods: Record<string, boolean> };
      handle?: { stack?: unknown[] };
    }>) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) found.push(`${method} ${layer.route.path}`);
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk((app as unknown as { router: { stack: unknown[] } }).router.stack);
  return found;
}

// Served for humans, not part of the API description.
const UNDOCUMENTED = /^get \/(docs|redoc|openapi\.json|widget\.js|demo)(\/|$)|^get \/$/;

let proxy: RunningProxy;
let withSecret: RunningProxy;
beforeAll(async () => {
  proxy = await startProxy();
  withSecret = await startProxy({ AISLE_CONNECTION_SECRET: 's'.repeat(40) });
});
afterAll(async () => {
  await proxy?.close();
  await withSecret?.close();
});

test.each([
  ['open (demo)', () => proxy],
  ['with a connection secret (admin API mounted)', () => withSecret],
])('/openapi.json describes exactly the routes Express serves: %s', async (_name, which) => {
  const proxy = which();
  const res = await fetch(`${proxy.url}/openapi.json`);
  expect(res.status).toBe(200);
  const spec = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
  expect(spec.openapi).toMatch(/^3\.1/);
  const documented = Object.entries(spec.paths)
    .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path.replace(/\{(\w+)\}/g, ':$1')}`))
    .sort();
  const served = servedRoutes(proxy.aisle.app)
    .filter((r) => !UNDOCUMENTED.test(r))
    .sort();
  expect(served.length).toBeGreaterThan(3);
  expect(documented).toEqual(served);
});

test('/docs serves Swagger UI and /redoc serves ReDoc, with their assets from this server', async () => {
  const docs = await fetch(`${proxy.url}/docs`);
  expect(docs.status).toBe(200);
  const html = await docs.text();
  expect(html).toContain('swagger-ui');
  const asset = await fetch(`${proxy.url}/docs/assets/swagger-ui-bundle.js`);
  expect(asset.status).toBe(200);
  expect((await asset.text()).length).toBeGreaterThan(100_000);
  const redoc = await fetch(`${proxy.url}/redoc`);
  expect(redoc.status).toBe(200);
  expect(await redoc.text()).toContain('spec-url="/openapi.json"');
  const bundle = await fetch(`${proxy.url}/redoc/redoc.standalone.js`);
  expect(bundle.status).toBe(200);
});

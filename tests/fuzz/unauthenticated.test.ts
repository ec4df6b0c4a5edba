import http from 'node:http';
import { startFakeOpenAI } from '../fakes/openai';
import type { FakeOpenAI } from '../fakes/openai/types';
import { fakeOpenAIKey } from '../helpers/keys';
import { startProxy, type RunningProxy } from '../helpers/proxy';

/**
 * A 5xx means something inside is broken, never that the caller was wrong. Every route the proxy
 * documents, plus the sync and webhook doors, with every method, hostile bodies and no valid
 * credentials: no answer may be a 5xx, and OPTIONS on /api/* answers 204 (a preflight) or JSON,
 * never Express's text/plain list of methods. The proxy runs with sessions required and no sync or
 * webhook secret, as a store that has not finished its set-up.
 */
const KEY = fakeOpenAIKey('unauthenticated');
const SECRET = 'unauthenticated-connection-secret-0123456789';
const SITE = 'shop.example';
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const EXTRA_PATHS = ['/api/webhooks/woocommerce', '/api/sync', '/api/sync/status', '/api/events', '/metrics', '/api/nope', '/'];

const BODIES: Array<{ name: string; body: Buffer }> = [
  { name: 'none', body: Buffer.alloc(0) },
  { name: 'truncated', body: Buffer.from('{"message": "hi", ') },
  { name: 'bad utf-8', body: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0x22, 0x7d]) },
  { name: '10,000-deep', body: Buffer.from('['.repeat(10_000) + ']'.repeat(10_000)) },
  { name: 'pollution', body: Buffer.from('{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}') },
  { name: '200 KB', body: Buffer.from(JSON.stringify({ message: 'x'.repeat(200_000) })) },
];
const AUTH: Array<Record<string, string>> = [
  {},
  { authorization: 'Bearer not.a.token' },
  { authorization: 'Basic Zm9vOmJhcg==', 'x-wc-webhook-signature': 'AAAA', 'x-aisle-site': SITE, 'x-aisle-signature': 'v1=00' },
];
const ORIGINS = [undefined, 'https://evil.example', `https://${SITE}`];

let openai: FakeOpenAI;
let proxy: RunningProxy;
let port: number;
beforeAll(async () => {
  openai = await startFakeOpenAI({ apiKey: KEY });
  proxy = await startProxy({
    OPENAI_API_KEY: KEY,
    OPENAI_BASE_URL: openai.baseURL,
    AISLE_DEMO: 'on',
    AISLE_CONNECTION_SECRET: SECRET,
    AISLE_SITE_ID: SITE,
  });
  port = Number(new URL(proxy.url).port);
});
afterAll(async () => {
  await proxy?.close();
  await openai?.close();
});

interface Answer {
  status: number;
  type: string;
  body: string;
}

function send(agent: http.Agent, method: string, path: string, headers: Record<string, string>, body: Buffer): Promise<Answer> {
  return new Promise((resolve) => {
    const framed = body.length ? { ...headers, 'content-length': String(body.length) } : headers;
    const req = http.request({ host: '127.0.0.1', port, method, path, headers: framed, agent, timeout: 15_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          type: String(res.headers['content-type'] ?? ''),
          body: Buffer.concat(chunks).toString(),
        }),
      );
      res.on('error', () => resolve({ status: -1, type: '', body: '' }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error) => resolve({ status: -1, type: '', body: error.message }));
    req.end(body.length ? body : undefined);
  });
}

test('unauthenticated hostile requests on every route and method: never a 5xx, OPTIONS never text/plain', async () => {
  const documented = Object.keys(((await (await fetch(`${proxy.url}/openapi.json`)).json()) as { paths: object }).paths);
  const paths = [...new Set([...documented.map((p) => p.replace(/\{[^}]+\}/g, 'x')), ...EXTRA_PATHS])];
  expect(paths).toEqual(
    expect.arrayContaining(['/api/chat/stream', '/api/admin/config', '/api/webhooks/woocommerce', '/api/sync']),
  );
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  const problems = new Set<string>();
  let sent = 0;
  const jobs: Array<() => Promise<void>> = [];
  for (const path of paths)
    for (const method of METHODS)
      for (const [i, { name, body }] of BODIES.entries()) {
        const bodyless = method === 'GET' || method === 'HEAD';
        if (bodyless && i > 0) continue;
        const headers: Record<string, string> = { 'content-type': 'application/json', ...AUTH[i % AUTH.length] };
        const origin = ORIGINS[i % ORIGINS.length];
        if (origin) headers.origin = origin;
        if (method === 'OPTIONS') headers['access-control-request-method'] = 'POST';
        jobs.push(async () => {
          const answer = await send(agent, method, path, headers, bodyless ? Buffer.alloc(0) : body);
          sent += 1;
          const what = `${method} ${path} (${name}${origin ? `, origin ${origin}` : ''})`;
          if (answer.status >= 500) problems.add(`${what}: ${answer.status} ${answer.body.slice(0, 120)}`);
          if (answer.status === -1) problems.add(`${what}: no answer (${answer.body})`);
          if (
            method === 'OPTIONS' &&
            path.startsWith('/api/') &&
            answer.status !== 204 &&
            !answer.type.startsWith('application/json')
          )
            problems.add(`${what}: OPTIONS answered ${answer.status} ${answer.type}`);
        });
      }
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < jobs.length) await jobs[next++]!();
    }),
  );
  agent.destroy();
  expect(sent).toBe(jobs.length);
  expect(sent).toBeGreaterThan(500);
  expect([...problems].sort()).toEqual([]);
  // Nothing unauthenticated reached OpenAI.
  expect(openai.requests.filter((r) => r.path === '/v1/responses')).toEqual([]);
}, 120_000);

test('a preflight from an allowed origin gets the CORS headers; others get a bare 204', async () => {
  const preflight = (origin: string) =>
    fetch(`${proxy.url}/api/chat/stream`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });
  const allowed = await preflight(`https://${SITE}`);
  expect(allowed.status).toBe(204);
  expect(allowed.headers.get('access-control-allow-origin')).toBe(`https://${SITE}`);
  expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/);
  const refused = await preflight('https://evil.example');
  expect(refused.status).toBe(204);
  expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  expect(await refused.text()).toBe('');
});

import { createEmbeddedStore } from '../../proxy/src/store/embedded';
import type { KeyValueStore } from '../../proxy/src/store/types';
import { createSecretForSite } from '../../proxy/src/session/secrets';
import { verifyAdminRequest } from '../../proxy/src/admin/signature';
import { runPhp } from './php-cli';
import { SECRET, SITE, startAdminServer, type AdminTestServer } from './admin-server';
import { fakeOpenAIKey } from '../helpers/keys';

const NOW = 1_764_000_000;
const secretForSite = createSecretForSite({ connectionSecret: SECRET });

type Headers = Record<string, string>;
const sign = (overrides: Record<string, unknown> = {}) =>
  runPhp<Headers>({
    cmd: 'sign',
    method: 'PUT',
    path: '/api/admin/config',
    body: '{"store_url":"https://shop.example"}',
    site: SITE,
    secret: SECRET,
    timestamp: NOW,
    ...overrides,
  });

const lower = (headers: Headers) => Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));

describe('admin signatures: PHP signs, TypeScript verifies', () => {
  let store: KeyValueStore;
  beforeEach(() => {
    store = createEmbeddedStore({ dataDir: ':memory:' });
  });
  afterEach(() => store.close());

  const verify = (headers: Headers, request: Partial<{ method: string; path: string; body: string }> = {}, now = NOW) =>
    verifyAdminRequest(
      {
        method: request.method ?? 'PUT',
        path: request.path ?? '/api/admin/config',
        headers: lower(headers),
        body: Buffer.from(request.body ?? '{"store_url":"https://shop.example"}'),
      },
      { secretForSite, store, now: () => now },
    );

  it('accepts a request signed by the plugin, once', async () => {
    const headers = await sign();
    expect(await verify(headers)).toEqual({ ok: true, site: SITE });
    const again = await verify(headers);
    expect(!again.ok && again.error.code).toBe('replayed');
  });

  it('refuses a changed body, path or method', async () => {
    const headers = await sign();
    for (const change of [
      { body: '{"store_url":"https://evil.example"}' },
      { path: '/api/admin/status' },
      { method: 'DELETE' },
    ]) {
      const result = await verify(headers, change);
      expect(!result.ok && result.error.code).toBe('bad_signature');
    }
  });

  it('refuses a request outside the ±300 s window', async () => {
    const headers = await sign();
    const late = await verify(headers, {}, NOW + 301);
    expect(!late.ok && late.error.code).toBe('stale_request');
    const early = await verify(headers, {}, NOW - 301);
    expect(!early.ok && early.error.code).toBe('stale_request');
    expect((await verify(headers, {}, NOW + 299)).ok).toBe(true);
  });

  it('refuses a wrong secret and missing headers', async () => {
    const wrong = await verify(await sign({ secret: 'x'.repeat(43) }));
    expect(!wrong.ok && wrong.error.code).toBe('bad_signature');
    const { 'X-Aisle-Nonce': _nonce, ...withoutNonce } = await sign();
    const missing = await verify(withoutNonce);
    expect(!missing.ok && missing.error.code).toBe('missing_headers');
  });
});

describe('the plugin’s ProxyClient against the real admin router', () => {
  let server: AdminTestServer;
  beforeAll(async () => {
    server = await startAdminServer();
  });
  afterAll(() => server.close());

  interface PhpResponse {
    ok: boolean;
    status: number;
    data: Record<string, unknown>;
    code: string;
    message: string;
  }
  const call = (method: string, path: string, body: unknown = null, secret = SECRET) =>
    runPhp<PhpResponse>({ cmd: 'call', base_url: server.baseUrl, site: SITE, secret, method, path, body });

  it('connects: the pushed settings are stored and only masked secrets come back', async () => {
    const put = await call('PUT', '/api/admin/config', {
      store_url: 'https://shop.example',
      woo: {
        consumer_key: 'ck_0123456789abcdef0123456789abcdef01234567',
        consumer_secret: 'cs_0123456789abcdef0123456789abcdef01234567',
      },
      openai_api_key: fakeOpenAIKey('typedintowordpress1234', 'sk-proj'),
      model: 'gpt-6-luna',
      instructions: 'ענה בעברית.',
    });
    expect(put.ok).toBe(true);
    expect(JSON.stringify(put.data)).not.toContain('typedintowordpress');
    expect(put.data).toMatchObject({ connected: true, config: { openai_api_key: 'sk-…1234', missing: [] } });

    const stored = await server.tenants.get(SITE);
    expect(stored).toMatchObject({
      openaiApiKey: fakeOpenAIKey('typedintowordpress1234', 'sk-proj'),
      instructions: 'ענה בעברית.',
    });

    const status = await call('GET', '/api/admin/status');
    expect(status.data).toMatchObject({ connected: true, sync: { state: 'idle' } });
  });

  it('starts a sync and reads its progress', async () => {
    const start = await call('POST', '/api/admin/sync');
    expect(start.status).toBe(202);
    expect(server.syncStarts).toEqual([SITE]);
    const progress = await call('GET', '/api/admin/sync/status');
    expect(progress.data).toMatchObject({ state: 'running', progress: { done: 0, total: 10 } });
  });

  it('a wrong secret gets 401 in words and changes nothing', async () => {
    const before = await server.tenants.get(SITE);
    const refused = await call('DELETE', '/api/admin/config', null, 'w'.repeat(43));
    expect(refused).toMatchObject({ ok: false, status: 401, code: 'bad_signature' });
    expect(refused.message).toContain('connection secret');
    expect(await server.tenants.get(SITE)).toEqual(before);
  });

  it('a replayed request gets 401 and changes nothing', async () => {
    const body = '{"store_url":"https://replayed.example"}';
    const headers = await sign({ body, timestamp: Math.floor(Date.now() / 1000) });
    const send = () =>
      fetch(`${server.baseUrl}/api/admin/config`, {
        method: 'PUT',
        headers: { ...headers, 'content-type': 'application/json' },
        body,
      });
    expect((await send()).status).toBe(200);
    await server.tenants.put(SITE, { storeUrl: 'https://shop.example' });
    const replay = await send();
    expect(replay.status).toBe(401);
    expect(await replay.json()).toEqual({ error: { code: 'replayed', message: expect.any(String) } });
    expect((await server.tenants.get(SITE))?.storeUrl).toBe('https://shop.example');
  });

  it('a proxy that is not there is reported in words', async () => {
    const down = await runPhp<PhpResponse>({
      cmd: 'call',
      base_url: 'http://127.0.0.1:9',
      site: SITE,
      secret: SECRET,
      method: 'GET',
      path: '/api/admin/status',
      body: null,
    });
    expect(down).toMatchObject({ ok: false, status: 0, code: 'unreachable' });
    expect(down.message).toContain('Could not reach the proxy');
  });
});

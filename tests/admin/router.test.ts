import { signAdminRequest } from '../../proxy/src/admin/signature';
import type { AdminCheck } from '../../proxy/src/admin/types';
import { SECRET, SITE, startAdminServer, type AdminTestServer } from '../contract/admin-server';
import { fakeOpenAIKey } from '../helpers/keys';

let counter = 0;
/** A request signed like the plugin signs it, sent with fetch. */
async function signed(server: AdminTestServer, method: string, path: string, body?: unknown, secret = SECRET) {
  const raw = body === undefined ? '' : JSON.stringify(body);
  const timestamp = Math.floor(Date.now() / 1000);
  const nonce = `test-nonce-${Date.now()}-${++counter}`.padEnd(20, 'x');
  const headers: Record<string, string> = {
    'x-aisle-site': SITE,
    'x-aisle-timestamp': String(timestamp),
    'x-aisle-nonce': nonce,
    'x-aisle-signature': signAdminRequest({ method, path, timestamp, nonce, site: SITE, body: raw }, secret),
  };
  if (raw) headers['content-type'] = 'application/json';
  const response = await fetch(`${server.baseUrl}${path}`, { method, headers, body: raw || undefined });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies of several shapes, checked by matchers.
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const goodConfig = {
  store_url: 'https://shop.example',
  woo: {
    consumer_key: 'ck_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1111',
    consumer_secret: 'cs_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb2222',
  },
  openai_api_key: fakeOpenAIKey('secretsecretsecret9999', 'sk-proj'),
  model: 'gpt-6-luna',
};

describe('admin router', () => {
  let server: AdminTestServer;
  const checks: AdminCheck[] = [
    { name: 'openai', ok: false, code: 'openai_key_refused', message: 'The OpenAI key was refused.' },
  ];
  beforeEach(async () => {
    server = await startAdminServer({ checkTenant: async () => checks });
  });
  afterEach(() => server.close());

  it('PUT /api/admin/config stores per site and answers with masked secrets only', async () => {
    const { status, body } = await signed(server, 'PUT', '/api/admin/config', goodConfig);
    expect(status).toBe(200);
    expect(body.config).toMatchObject({
      site: SITE,
      store_url: 'https://shop.example',
      openai_api_key: 'sk-…9999',
      woo_consumer_key: 'ck_…1111',
      woo_consumer_secret: 'cs_…2222',
      missing: [],
    });
    const text = JSON.stringify(body);
    for (const secret of ['secretsecretsecret', 'aaaaaaaaaaaa', 'bbbbbbbbbbbb']) expect(text).not.toContain(secret);
    expect(await server.tenants.get(SITE)).toMatchObject({
      openaiApiKey: goodConfig.openai_api_key,
      wooConsumerKey: goodConfig.woo.consumer_key,
    });
  });

  it.each([
    ['a bad store URL', { ...goodConfig, store_url: 'javascript:alert(1)' }, 'store_url'],
    ['a bad OpenAI key', { ...goodConfig, openai_api_key: 'not-a-key' }, 'openai_api_key'],
    ['a bad model', { ...goodConfig, model: 'gpt 6; rm' }, 'model'],
    ['an unknown field', { ...goodConfig, admin: true }, ''],
    ['over-long instructions', { ...goodConfig, instructions: 'x'.repeat(8001) }, 'instructions'],
  ])('PUT refuses %s with 400 and stores nothing', async (_name, config, field) => {
    const { status, body } = await signed(server, 'PUT', '/api/admin/config', config);
    expect(status).toBe(400);
    expect(body.error.code).toBe('bad_request');
    expect(body.error.message).toContain(field);
    expect(await server.tenants.get(SITE)).toBeNull();
  });

  it('GET /api/admin/status reports connection, masked settings and sync', async () => {
    const before = await signed(server, 'GET', '/api/admin/status');
    expect(before.body).toMatchObject({ connected: false, config: { missing: expect.arrayContaining(['openai_api_key']) } });
    await signed(server, 'PUT', '/api/admin/config', goodConfig);
    const after = await signed(server, 'GET', '/api/admin/status');
    expect(after.body).toMatchObject({
      connected: true,
      config: { model: 'gpt-6-luna', openai_api_key: 'sk-…9999' },
      sync: { state: 'idle' },
    });
  });

  it('POST /api/admin/test is an authenticated round trip with the proxy’s own checks', async () => {
    await signed(server, 'PUT', '/api/admin/config', goodConfig);
    const { status, body } = await signed(server, 'POST', '/api/admin/test');
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: false, site: SITE, connected: true });
    expect(body.checks).toEqual([{ name: 'signature', ok: true, code: 'ok', message: expect.any(String) }, ...checks]);
  });

  it('DELETE /api/admin/config disconnects', async () => {
    await signed(server, 'PUT', '/api/admin/config', goodConfig);
    expect((await signed(server, 'DELETE', '/api/admin/config')).body).toEqual({ connected: false });
    expect(await server.tenants.get(SITE)).toBeNull();
  });

  it('a wrong signature gets 401 JSON and changes nothing', async () => {
    await signed(server, 'PUT', '/api/admin/config', goodConfig);
    const refused = await signed(server, 'DELETE', '/api/admin/config', undefined, 'n'.repeat(43));
    expect(refused).toEqual({ status: 401, body: { error: { code: 'bad_signature', message: expect.any(String) } } });
    expect(await server.tenants.get(SITE)).not.toBeNull();

    const unsigned = await fetch(`${server.baseUrl}/api/admin/config`, { method: 'DELETE' });
    expect(unsigned.status).toBe(401);
    expect(((await unsigned.json()) as { error: { code: string } }).error.code).toBe('missing_headers');
    expect(await server.tenants.get(SITE)).not.toBeNull();
  });

  it('a body that is not JSON, correctly signed, gets 400', async () => {
    const raw = '{"store_url":';
    const timestamp = Math.floor(Date.now() / 1000);
    const nonce = 'nonjson-nonce-0123456789';
    const response = await fetch(`${server.baseUrl}/api/admin/config`, {
      method: 'PUT',
      headers: {
        'content-type': 'application/json',
        'x-aisle-site': SITE,
        'x-aisle-timestamp': String(timestamp),
        'x-aisle-nonce': nonce,
        'x-aisle-signature': signAdminRequest(
          { method: 'PUT', path: '/api/admin/config', timestamp, nonce, site: SITE, body: raw },
          SECRET,
        ),
      },
      body: raw,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid_json');
  });
});

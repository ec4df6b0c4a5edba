import { tenantStoreKey } from '../../proxy/src/tenants/repository';
import { startProxy, type RunningProxy } from '../helpers/proxy';

const SECRET = 'x'.repeat(40);
const preflight = (url: string, origin: string) =>
  fetch(`${url}/api/chat/stream`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
  });

describe('CORS', () => {
  let open: RunningProxy;
  let locked: RunningProxy;
  beforeAll(async () => {
    open = await startProxy();
    locked = await startProxy({
      AISLE_CONNECTION_SECRET: SECRET,
      AISLE_SITE_ID: 'shop.example',
      AISLE_ALLOWED_ORIGINS: 'http://127.0.0.1:9999',
    });
  });
  afterAll(async () => {
    await open?.close();
    await locked?.close();
  });

  test('an open proxy (no secret) allows any origin, never with credentials', async () => {
    const res = await preflight(open.url, 'https://anywhere.example');
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://anywhere.example');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('access-control-allow-headers')).toMatch(/authorization/);
  });

  test('with a secret: the site and listed origins only', async () => {
    for (const origin of ['https://shop.example', 'https://www.shop.example', 'http://127.0.0.1:9999']) {
      const res = await preflight(locked.url, origin);
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    }
    const evil = await preflight(locked.url, 'https://evil.example');
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('a store that pressed Connect may call from its own origin', async () => {
    expect((await preflight(locked.url, 'https://connected.example')).headers.get('access-control-allow-origin')).toBeNull();
    await locked.aisle.store.set(tenantStoreKey('connected.example'), '{"sealed":"x"}');
    expect((await preflight(locked.url, 'https://connected.example')).headers.get('access-control-allow-origin')).toBe(
      'https://connected.example',
    );
  });

  test('with a secret, chat without a session token is refused with 401', async () => {
    const res = await fetch(`${locked.url}/api/chat/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'hi', thread_id: null }),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'session_required' } });
    const bad = await fetch(`${locked.url}/api/chat/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not.a.token' },
      body: JSON.stringify({ message: 'hi', thread_id: null }),
    });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid_session' } });
  });
});

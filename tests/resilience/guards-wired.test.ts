/**
 * The guards as the composed proxy applies them from its environment (compose.ts), not through the
 * tests/resilience/guarded.ts harness: the spend cap in chat, health and the admin status, moderation,
 * and the turn limit. Each test goes red if compose.ts stops passing that guard on.
 */
import { signAdminRequest } from '../../proxy/src/admin/signature';
import { startFakeOpenAI, MODERATION_FLAG_MARKER } from '../fakes/openai';
import type { FakeOpenAI } from '../fakes/openai/types';
import { startProxy, streamChat, textOf, type RunningProxy } from '../helpers/proxy';
import { fakeOpenAIKey } from '../helpers/keys';

const KEY = fakeOpenAIKey('guards-wired');
const SECRET = 'guards-wired-connection-secret-0123456789abcdef';
const SITE = 'shop.example';

let openai: FakeOpenAI;
beforeAll(async () => {
  openai = await startFakeOpenAI({ apiKey: KEY, productIdsFor: () => [] });
});
afterAll(async () => openai?.close());
beforeEach(() => openai.reset());

const env = (extra: Record<string, string> = {}) => ({
  OPENAI_API_KEY: KEY,
  OPENAI_BASE_URL: openai.baseURL,
  AISLE_DEMO: 'on',
  ...extra,
});
const responsesCalls = () => openai.requests.filter((r) => r.method === 'POST' && r.path === '/v1/responses').length;

describe('from the environment', () => {
  let proxy: RunningProxy;
  afterEach(async () => proxy?.close());

  test('AISLE_MODERATION=on: a flagged message is refused before any response is paid for', async () => {
    proxy = await startProxy(env({ AISLE_MODERATION: 'on' }));
    const flagged = await streamChat(proxy.url, { message: `please ${MODERATION_FLAG_MARKER} now`, thread_id: null });
    expect(textOf(flagged.events)).toMatch(/can't help with that/);
    expect(responsesCalls()).toBe(0);
    expect(openai.requests.some((r) => r.path === '/v1/moderations')).toBe(true);
  });

  test('AISLE_MAX_TURNS_PER_THREAD: 409 conversation_too_long', async () => {
    proxy = await startProxy(env({ AISLE_MAX_TURNS_PER_THREAD: '1' }));
    const one = await streamChat(proxy.url, { message: 'hello', thread_id: null });
    const threadId = (one.events[0] as { thread_id: string }).thread_id;
    const two = await streamChat(proxy.url, { message: 'again', thread_id: threadId });
    expect(two.status).toBe(409);
    expect(JSON.parse(two.raw)).toMatchObject({ error: { code: 'conversation_too_long' } });
  });

  test('AISLE_DAILY_TOKEN_CAP: chat rests with catalog cards, health reports the spend', async () => {
    proxy = await startProxy(env({ AISLE_DAILY_TOKEN_CAP: '50' }));
    const spend = () => proxy.aisle.guards.spend.spendStatus('default');
    for (let i = 0; i < 20 && !(await spend()).exhausted; i++) await streamChat(proxy.url, { message: 'hello', thread_id: null });
    expect((await spend()).exhausted).toBe(true);
    const calls = responsesCalls();
    const resting = await streamChat(proxy.url, { message: 'dog food', thread_id: null });
    expect(textOf(resting.events)).toMatch(/resting for today/);
    expect(resting.events.some((e) => e.type === 'products')).toBe(true);
    expect(responsesCalls()).toBe(calls);
    // (No WooCommerce configured, so the status is `not_ready`; the spend shows in its own fields.)
    const health = (await (await fetch(`${proxy.url}/api/health`)).json()) as {
      problems?: string[];
      spend?: { exhausted: boolean; daily_cap: number };
    };
    expect(health.problems?.some((p) => /token budget/.test(p))).toBe(true);
    expect(health.spend).toMatchObject({ exhausted: true, daily_cap: 50 });
  });

  test('the admin status reports the day’s spend against the cap', async () => {
    proxy = await startProxy(env({ AISLE_DAILY_TOKEN_CAP: '1234', AISLE_CONNECTION_SECRET: SECRET, AISLE_SITE_ID: SITE }));
    const path = '/api/admin/status';
    const timestamp = Math.floor(Date.now() / 1000);
    const nonce = `guards-wired-nonce-${Date.now()}`.padEnd(20, 'x');
    const res = await fetch(`${proxy.url}${path}`, {
      headers: {
        'x-aisle-site': SITE,
        'x-aisle-timestamp': String(timestamp),
        'x-aisle-nonce': nonce,
        'x-aisle-signature': signAdminRequest({ method: 'GET', path, timestamp, nonce, site: SITE, body: '' }, SECRET),
      },
    });
    expect(res.status).toBe(200);
    const status = (await res.json()) as { spend?: { daily_cap: number; exhausted: boolean } };
    expect(status.spend).toMatchObject({ daily_cap: 1234, exhausted: false });
  });
});

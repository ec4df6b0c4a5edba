/**
 * order_status through the whole proxy: a store connected as WordPress connects it, shoppers with
 * signed session tokens (a signed-in customer's carries `uid`), the fake OpenAI scripting the
 * call, and what it then received as the `function_call_output`. The shopper's IP (behind a
 * trusted proxy) reaches the tool's per-IP limit, and the owner's `order_lookup` switch removes
 * the tool.
 */
import { NO_MATCH } from '../../proxy/src/orders';
import { startFakeOpenAI } from '../fakes/openai';
import type { FakeOpenAI } from '../fakes/openai/types';
import { ORDER_PII, startFakeWoo, type FakeWoo } from '../fakes/woo';
import { fakeOpenAIKey } from '../helpers/keys';
import { startProxy, streamChat, textOf, type RunningProxy } from '../helpers/proxy';
import { mintSessionToken } from '../helpers/session';
import { ALICE, BOB, GUEST_EMAIL, fixtureOrders } from './world';
import { signedAdminClient, type Json } from '../helpers/signed-admin';

const SECRET = 'orders-stream-secret-0123456789abcdefghijkl';
const SITE = 'orders.example';
const OPENAI_KEY = fakeOpenAIKey('orders');
const WOO_KEY = 'ck_orders0123456789abcdef0123456789abcdef01';
const WOO_SECRET = 'cs_orders0123456789abcdef0123456789abcdef01';

let openai: FakeOpenAI;
let woo: FakeWoo;
let proxy: RunningProxy;
let counter = 0;

const signed = signedAdminClient({ baseUrl: () => proxy.url, site: SITE, secret: SECRET });

const config = (controls: Json = {}) => ({
  store_url: woo.url,
  woo: { consumer_key: WOO_KEY, consumer_secret: WOO_SECRET },
  openai_api_key: OPENAI_KEY,
  controls: { daily_token_cap: 0, moderation: false, rate_session_per_min: 0, retention_days: 7, ...controls },
});

/** A shopper's headers: a session of their own, a customer's `uid` when signed in, and their address. */
const shopper = (options: { userId?: number; ip?: string; session?: string } = {}) => ({
  headers: {
    authorization: `Bearer ${mintSessionToken(SECRET, SITE, options.session ?? `a:orders-shopper-${++counter}`, 900, options.userId)}`,
    'x-forwarded-for': options.ip ?? `203.0.113.${++counter % 250}`,
  },
});

/** Asks, with the model calling order_status with `args`; resolves with what the model then received. */
async function ask(args: Json, who: ReturnType<typeof shopper>): Promise<{ output: string; text: string }> {
  openai.enqueue(
    { kind: 'function_call', name: 'order_status', arguments: JSON.stringify(args) },
    { kind: 'text', text: 'Here is what I found about your order.' },
  );
  const before = openai.requests.length;
  const { status, events } = await streamChat(proxy.url, { message: 'Where is my order?', thread_id: null }, who);
  expect(status).toBe(200);
  expect(events.at(-1)?.type).toBe('done');
  const outputs = openai.requests
    .slice(before)
    .filter((r) => r.method === 'POST' && r.path === '/v1/responses')
    .flatMap((r) => ((r.body as { input?: unknown }).input as Json[] | undefined) ?? [])
    .filter((item) => typeof item === 'object' && item?.type === 'function_call_output');
  expect(outputs).toHaveLength(1);
  return { output: outputs[0]!.output as string, text: textOf(events) };
}

const toolNames = () => {
  const last = openai.requests.filter((r) => r.path === '/v1/responses').at(-1)!.body as { tools: Json[] };
  return last.tools.map((t) => t.name ?? t.type);
};

beforeAll(async () => {
  woo = await startFakeWoo({ consumerKey: WOO_KEY, consumerSecret: WOO_SECRET, orders: fixtureOrders() });
  openai = await startFakeOpenAI({ apiKey: OPENAI_KEY });
  proxy = await startProxy({
    OPENAI_BASE_URL: openai.baseURL,
    AISLE_CONNECTION_SECRET: SECRET,
    AISLE_SITE_ID: SITE,
    AISLE_ENCRYPTION_KEY: 'orders-stream-encryption-key-0123456789abcdef',
    // The test plays the load balancer in front of the proxy: X-Forwarded-For carries the shopper's address.
    AISLE_TRUSTED_PROXIES: 'loopback',
    AISLE_SYNC_DEBOUNCE_MS: '60000',
  });
  expect((await signed('PUT', '/api/admin/config', config())).status).toBe(200);
});
afterAll(async () => {
  await proxy?.close();
  await openai?.close();
  await woo?.close();
});
afterEach(() => expect(openai.specViolations).toEqual([]));

test("a signed-in customer's question reaches the model as their own recent orders, and nobody else's", async () => {
  const { output, text } = await ask({ order_number: null, email: null }, shopper({ userId: ALICE.id }));
  expect(text).toBe('Here is what I found about your order.');
  const parsed = JSON.parse(output) as Json;
  expect(parsed.orders.map((o: Json) => o.number)).toEqual(['106', '105', '104', '103', '102']);
  expect(parsed.orders[0]).toMatchObject({
    status: 'Completed',
    items: [{ name: 'Dog bed size 6', quantity: 6, total: '150.00' }],
  });
  expect(toolNames()).toContain('order_status');
  // Bob asking for Alice's order by number hears what an unknown number gets.
  expect((await ask({ order_number: '103', email: null }, shopper({ userId: BOB.id }))).output).toBe(NO_MATCH);
  expect((await ask({ order_number: '777777', email: null }, shopper({ userId: BOB.id }))).output).toBe(NO_MATCH);
  for (const value of Object.values(ORDER_PII)) expect(output).not.toContain(value);
  expect(output).not.toContain('@');
});

test('a guest with the number and billing email sees the order; a wrong email answers like an unknown number', async () => {
  const found = JSON.parse((await ask({ order_number: '301', email: GUEST_EMAIL }, shopper())).output) as Json;
  expect(found).toMatchObject({
    found: true,
    order: {
      number: '301',
      status: 'Completed',
      total: '139.30',
      currency: 'USD',
      tracking: [{ number: '9400111899223344556677' }, { number: 'LX123456789IL' }],
    },
  });
  const wrong = (await ask({ order_number: '301', email: 'not.me@example.org' }, shopper())).output;
  const unknown = (await ask({ order_number: '4040', email: GUEST_EMAIL }, shopper())).output;
  expect(wrong).toBe(NO_MATCH);
  expect(unknown).toBe(wrong);
});

test("the shopper's address reaches the limit: two sessions on one IP share five failed tries", async () => {
  const ip = '192.0.2.77';
  for (let i = 0; i < 5; i++) {
    const who = shopper({ ip, session: `a:orders-brute-${i % 2}` });
    expect((await ask({ order_number: String(9000 + i), email: GUEST_EMAIL }, who)).output).toBe(NO_MATCH);
  }
  const refused = JSON.parse((await ask({ order_number: '301', email: GUEST_EMAIL }, shopper({ ip }))).output) as Json;
  expect(refused).toMatchObject({
    error: 'too_many_tries',
    message: expect.stringMatching(/try again in about (59|60) minutes/),
  });
  // The same session from another address is not refused by the IP limit (its own count is 2 or 3).
  const elsewhere = JSON.parse(
    (await ask({ order_number: '301', email: GUEST_EMAIL }, shopper({ ip: '192.0.2.78', session: 'a:orders-brute-0' }))).output,
  ) as Json;
  expect(elsewhere).toMatchObject({ found: true });
});

test("the owner's order_lookup switch: off, the model is not offered the tool; on again, it is", async () => {
  expect((await signed('PUT', '/api/admin/config', config({ order_lookup: false }))).status).toBe(200);
  expect((await signed('GET', '/api/admin/status')).body.controls).toMatchObject({ order_lookup: false });
  const { events } = await streamChat(
    proxy.url,
    { message: 'where is my order', thread_id: null },
    shopper({ userId: ALICE.id }),
  );
  expect(events.at(-1)?.type).toBe('done');
  expect(toolNames()).toEqual(['show_products', 'search_products', 'compare_products']);
  expect((await signed('PUT', '/api/admin/config', config({ order_lookup: 'no' }))).status).toBe(400);

  expect((await signed('PUT', '/api/admin/config', config({ order_lookup: true }))).status).toBe(200);
  expect((await ask({ order_number: null, email: null }, shopper({ userId: BOB.id }))).output).toContain('"number":"202"');
  expect(toolNames()).toContain('order_status');
});

/**
 * order_status on the fake WooCommerce 11 orders API: a signed-in customer sees only their own
 * orders; a guest needs the number and the billing email; a wrong pair, an unknown number and
 * someone else's order answer alike; failed look-ups are limited per session and per IP (shared
 * through a real Redis); hostile arguments are refused; no personal data reaches the model.
 */
import { randomBytes } from 'node:crypto';
import { createOrderLookupLimit, NO_MATCH, type OrderLookupLimit } from '../../proxy/src/orders';
import { createRedisStore, type RedisStore } from '../../proxy/src/store/redis';
import { ORDER_PII } from '../fakes/woo';
import { startRedis, type RedisServer } from '../helpers/redis';
import { ALICE, BOB, GUEST_EMAIL, startOrderWorld, type OrderWorld } from './world';

let redis: RedisServer;
let store: RedisStore;
let world: OrderWorld;

beforeAll(async () => {
  redis = await startRedis();
  store = createRedisStore({ url: redis.url, keyPrefix: `orders-${randomBytes(4).toString('hex')}:` });
  await store.get('warm-up');
  world = await startOrderWorld(store);
});
afterAll(async () => {
  await world?.close();
  await store?.close();
  await redis?.stop();
});

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const parse = (output: string) => JSON.parse(output) as Json;
/** A fresh session on a fresh address, so limits from other tests do not interfere. */
const fresh = () => ({ owner: `s-${randomBytes(6).toString('hex')}`, ip: `203.0.113.${Math.floor(Math.random() * 250) + 1}` });
const orderRequests = () => world.woo.requests.filter((r) => r.path.includes('/wc/v3/orders'));

describe('a signed-in customer', () => {
  test('lists only their own orders, newest first, at most five, checkout drafts left out', async () => {
    world.woo.requests.length = 0;
    const out = parse(await world.run(world.tool(), { order_number: null, email: null }, { ...fresh(), userId: ALICE.id }));
    expect(out.orders.map((o: Json) => o.number)).toEqual(['106', '105', '104', '103', '102']);
    expect(out.orders[0]).toEqual({
      number: '106',
      date: '2026-11-15',
      status: 'Completed',
      items: [{ name: 'Dog bed size 6', quantity: 6, total: '150.00' }],
      shipping: '15.00',
      discount: '0.00',
      tax: '0.00',
      total: '165.00',
      currency: 'ILS',
      tracking: [],
    });
    expect(out.orders[1].status).toBe('Processing');
    // Asked for this customer only, with only the fields the tool needs.
    const [request] = orderRequests();
    expect(request).toMatchObject({ path: '/wp-json/wc/v3/orders', query: { customer: String(ALICE.id), order: 'desc' } });
    expect(request!.query._fields).toContain('billing.email');
    expect(request!.query._fields).not.toMatch(/shipping\b(?!_)|customer_note|payment/);
  });

  test('a customer without orders hears so', async () => {
    const out = parse(await world.run(world.tool(), { order_number: null, email: null }, { ...fresh(), userId: 9_999 }));
    expect(out).toEqual({ orders: [], message: 'This account has no orders yet.' });
  });

  test('gets one of their own orders by number ("#103" too), but never another customer\'s', async () => {
    const shopper = { ...fresh(), userId: ALICE.id };
    const own = parse(await world.run(world.tool(), { order_number: '#103', email: null }, shopper));
    expect(own).toMatchObject({ found: true, order: { number: '103', status: 'Processing' } });
    const bobs = await world.run(world.tool(), { order_number: '201', email: null }, shopper);
    const unknown = await world.run(world.tool(), { order_number: '999999', email: null }, shopper);
    expect(bobs).toBe(NO_MATCH);
    expect(unknown).toBe(NO_MATCH);
    // Bob sees his own, and not Alice's.
    expect(
      parse(await world.run(world.tool(), { order_number: '201', email: null }, { ...fresh(), userId: BOB.id })),
    ).toMatchObject({
      found: true,
      order: { number: '201', status: 'On hold', items: [{ name: 'Cat tree', quantity: 1, total: '120.00' }] },
    });
    expect(await world.run(world.tool(), { order_number: '103', email: null }, { ...fresh(), userId: BOB.id })).toBe(NO_MATCH);
    // A checkout draft is not an order the shopper placed.
    expect(await world.run(world.tool(), { order_number: '107', email: null }, shopper)).toBe(NO_MATCH);
  });
});

describe('a guest', () => {
  test('sees an order with its number and billing email (any case, spaces trimmed), tracking included', async () => {
    const out = parse(await world.run(world.tool(), { order_number: '301', email: `  ${GUEST_EMAIL.toUpperCase()} ` }, fresh()));
    expect(out).toEqual({
      found: true,
      order: {
        number: '301',
        date: '2026-12-02',
        status: 'Completed',
        items: [
          { name: 'Adult dog food 12 kg', quantity: 2, total: '119.80' },
          { name: 'Leash - M', quantity: 1, total: '19.50' },
        ],
        shipping: '0.00',
        discount: '0.00',
        tax: '0.00',
        total: '139.30',
        currency: 'USD',
        tracking: [
          { provider: 'usps', number: '9400111899223344556677', shipped: '2025-12-06' },
          { provider: 'Israel Post', number: 'LX123456789IL' },
        ],
      },
      note: expect.stringMatching(/never guess/),
    });
  });

  test("a wrong email answers exactly like an unknown number, and like a registered customer's order", async () => {
    const wrongEmail = await world.run(world.tool(), { order_number: '301', email: 'someone@example.org' }, fresh());
    const unknownNumber = await world.run(world.tool(), { order_number: '4242', email: GUEST_EMAIL }, fresh());
    const customersOrder = await world.run(world.tool(), { order_number: '101', email: GUEST_EMAIL }, fresh());
    expect(wrongEmail).toBe(NO_MATCH);
    expect(unknownNumber).toBe(wrongEmail);
    expect(customersOrder).toBe(wrongEmail);
    // A registered customer's order is found by a guest only with that customer's billing email.
    expect(parse(await world.run(world.tool(), { order_number: '101', email: ALICE.email }, fresh()))).toMatchObject({
      found: true,
      order: { number: '101' },
    });
  });

  test('without both details is asked for them, and the store is not read', async () => {
    world.woo.requests.length = 0;
    for (const args of [
      { order_number: null, email: null },
      { order_number: '301', email: null },
      { order_number: null, email: GUEST_EMAIL },
    ]) {
      expect(parse(await world.run(world.tool(), args, fresh()))).toMatchObject({ error: 'order_details_needed' });
    }
    expect(orderRequests()).toHaveLength(0);
  });
});

describe('hostile arguments', () => {
  const numbers = [
    '1 OR 1=1',
    '301; DROP TABLE wp_wc_orders',
    '<script>alert(1)</script>',
    '99999999999999999999',
    '2147483648',
    '-5',
    '0',
    '3.01',
    '1e3',
    '0x12D',
    '301 302',
    '３０１',
    true,
    [301],
    { id: 301 },
  ];
  test.each(numbers.map((n) => [JSON.stringify(n), n]))(
    'order number %s is refused without reading the store',
    async (_label, n) => {
      world.woo.requests.length = 0;
      const output = await world.run(world.tool(), { order_number: n, email: GUEST_EMAIL }, fresh());
      expect(parse(output)).toMatchObject({ error: 'invalid_order_number', message: expect.stringMatching(/digits only/) });
      if (typeof n === 'string' && n.trim()) expect(output).not.toContain(n.trim());
      expect(orderRequests()).toHaveLength(0);
    },
  );

  const emails = [
    'not-an-email',
    'a@b',
    '<img src=x onerror=alert(1)>@example.com',
    "' OR '1'='1' --",
    `${'a'.repeat(250)}@example.com`,
    42,
  ];
  test.each(emails.map((e) => [JSON.stringify(e).slice(0, 40), e]))('email %s is refused', async (_label, email) => {
    world.woo.requests.length = 0;
    const output = await world.run(world.tool(), { order_number: '301', email }, fresh());
    expect(parse(output)).toMatchObject({ error: 'invalid_email' });
    if (typeof email === 'string') expect(output).not.toContain(email);
    expect(orderRequests()).toHaveLength(0);
  });

  test('arguments that are not a JSON object are refused', async () => {
    for (const raw of ['not json', '[1,2]', 'null', '"301"']) {
      expect(parse(await world.run(world.tool(), raw, fresh()))).toMatchObject({ error: 'invalid_arguments' });
    }
  });
});

describe('failed look-ups are limited', () => {
  /** Two limits on one Redis, as two proxy instances would be. */
  let instanceA: OrderLookupLimit;
  let instanceB: OrderLookupLimit;
  beforeAll(() => {
    instanceA = createOrderLookupLimit({ store });
    instanceB = createOrderLookupLimit({ store });
  });
  const wrong = (n: number) => ({ order_number: String(5000 + n), email: GUEST_EMAIL });
  const right = { order_number: '301', email: GUEST_EMAIL };

  test('the 6th failed try in an hour from one session is refused with when to try again; a right pair then too', async () => {
    const shopper = fresh();
    for (let i = 0; i < 5; i++) {
      // Alternating instances: the count is shared.
      expect(await world.run(world.tool(i % 2 ? instanceA : instanceB), wrong(i), { ...shopper, ip: `192.0.2.${i + 1}` })).toBe(
        NO_MATCH,
      );
    }
    world.woo.requests.length = 0;
    const sixth = parse(await world.run(world.tool(instanceA), wrong(6), { ...shopper, ip: '192.0.2.99' }));
    expect(sixth).toMatchObject({ error: 'too_many_tries', retry_after_minutes: expect.any(Number) });
    expect(sixth.retry_after_minutes).toBeGreaterThanOrEqual(59);
    expect(sixth.retry_after_minutes).toBeLessThanOrEqual(60);
    expect(sixth.message).toMatch(/try again in about \d+ minutes/);
    expect(Date.parse(sixth.try_again_at)).toBeGreaterThan(Date.now() + 58 * 60_000);
    // The right pair is refused the same way: the refusal says nothing about the order.
    const rightPair = parse(await world.run(world.tool(instanceB), right, { ...shopper, ip: '192.0.2.98' }));
    expect({ ...rightPair, try_again_at: 0, retry_after_minutes: 0 }).toEqual({
      ...sixth,
      try_again_at: 0,
      retry_after_minutes: 0,
    });
    expect(orderRequests()).toHaveLength(0);
  });

  test('per IP: two sessions on one address share five failures; another address is not affected', async () => {
    const ip = '198.51.100.200';
    const one = { owner: `s-${randomBytes(6).toString('hex')}`, ip };
    const two = { owner: `s-${randomBytes(6).toString('hex')}`, ip };
    for (let i = 0; i < 3; i++) expect(await world.run(world.tool(instanceA), wrong(i), one)).toBe(NO_MATCH);
    for (let i = 0; i < 2; i++) expect(await world.run(world.tool(instanceB), wrong(i), two)).toBe(NO_MATCH);
    expect(parse(await world.run(world.tool(instanceA), wrong(9), two))).toMatchObject({ error: 'too_many_tries' });
    expect(parse(await world.run(world.tool(instanceB), right, one))).toMatchObject({ error: 'too_many_tries' });
    // A third session elsewhere is untouched.
    expect(parse(await world.run(world.tool(instanceA), right, fresh()))).toMatchObject({ found: true });
  });

  test('successes do not count: four failures, any number of right pairs, and the fifth failure is still answered', async () => {
    const shopper = fresh();
    for (let i = 0; i < 4; i++) expect(await world.run(world.tool(instanceA), wrong(i), shopper)).toBe(NO_MATCH);
    for (let i = 0; i < 3; i++)
      expect(parse(await world.run(world.tool(instanceB), right, shopper))).toMatchObject({ found: true });
    expect(await world.run(world.tool(instanceA), wrong(5), shopper)).toBe(NO_MATCH);
    expect(parse(await world.run(world.tool(instanceA), right, shopper))).toMatchObject({ error: 'too_many_tries' });
  });

  test('a signed-in customer listing their own orders is never limited', async () => {
    const shopper = { ...fresh(), userId: ALICE.id };
    for (let i = 0; i < 5; i++) expect(await world.run(world.tool(instanceA), wrong(i), shopper)).toBe(NO_MATCH);
    expect(parse(await world.run(world.tool(instanceA), wrong(6), shopper))).toMatchObject({ error: 'too_many_tries' });
    expect(parse(await world.run(world.tool(instanceA), { order_number: null, email: null }, shopper)).orders).toHaveLength(5);
  });
});

test('a store that cannot be reached gets a clear answer, and the try does not count as failed', async () => {
  const shopper = fresh();
  world.woo.failNext({ type: 'status', status: 503, times: 6, match: { path: '/orders' } });
  for (let i = 0; i < 6; i++) {
    expect(parse(await world.run(world.tool(), { order_number: '301', email: GUEST_EMAIL }, shopper))).toMatchObject({
      error: 'store_unreachable',
    });
  }
  world.woo.clearFaults();
  expect(parse(await world.run(world.tool(), { order_number: '301', email: GUEST_EMAIL }, shopper))).toMatchObject({
    found: true,
  });
});

test('no address, phone, email, payment detail, note, IP or user agent in any output', () => {
  expect(world.outputs.length).toBeGreaterThan(40);
  const all = world.outputs.join('\n');
  expect(all).toContain('"found":true');
  for (const value of Object.values(ORDER_PII)) expect(all).not.toContain(value);
  for (const email of [ALICE.email, BOB.email, GUEST_EMAIL]) expect(all.toLowerCase()).not.toContain(email.toLowerCase());
  // Only whitelisted keys, whatever the store sent.
  const keys = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) {
        keys.add(k);
        walk(v);
      }
  };
  world.outputs.forEach((o) => walk(JSON.parse(o)));
  const allowed = ['found', 'order', 'orders', 'note', 'message', 'error', 'retry_after_minutes', 'try_again_at'];
  const orderKeys = [
    'number',
    'date',
    'status',
    'items',
    'name',
    'quantity',
    'total',
    'shipping',
    'discount',
    'tax',
    'currency',
    'tracking',
    'provider',
    'shipped',
    'url',
  ];
  expect([...keys].filter((k) => !allowed.includes(k) && !orderKeys.includes(k))).toEqual([]);
  expect(world.outputs.filter((o) => o.includes('"found":true')).join('\n')).not.toContain('@');
});

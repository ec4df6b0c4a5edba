import { Writable } from 'node:stream';
import { signAdminRequest } from '../../proxy/src/admin/signature';
import { createLogger } from '../../proxy/src/logging/logger';
import { startFakeOpenAI } from '../fakes/openai';
import type { FakeOpenAI } from '../fakes/openai/types';
import { buildCatalog } from '../fakes/woo/catalog';
import { startFakeWoo, type FakeWoo } from '../fakes/woo';
import { startProxy, type RunningProxy } from '../helpers/proxy';
import { mintSessionToken } from '../helpers/session';
import { fakeOpenAIKey } from '../helpers/keys';

/**
 * The OpenAI key, the WooCommerce key and secret and the connection secret
 * never appear in any response (body or header) or any log line, whatever
 * happens: chat, errors upstream and downstream, health, docs, bad input,
 * the admin API pushing new keys, WooCommerce refusing, OpenAI answering 401.
 */
const OPENAI_KEY = fakeOpenAIKey('PRIVACY0openai0key', 'sk-proj');
const WOO_KEY = 'ck_PRIVACY0woo0key0aaaaaaaaaaaaaaaaaaaaaa01';
const WOO_SECRET = 'cs_PRIVACY0woo0secret0bbbbbbbbbbbbbbbbbbb02';
const CONNECTION_SECRET = 'PRIVACY0connection0secret0cccccccccccccccc03';
const PUSHED_OPENAI_KEY = fakeOpenAIKey('PRIVACY0pushed0key0dddddddddddddddd04', 'sk-proj');
const PUSHED_WOO_SECRET = 'cs_PRIVACY0pushed0woo0secret0eeeeeeeeeeeee05';
const SITE = 'shop.example';

const SECRETS = [OPENAI_KEY, WOO_KEY, WOO_SECRET, CONNECTION_SECRET, PUSHED_OPENAI_KEY, PUSHED_WOO_SECRET];
/** Each secret as it could leak: raw, URL-encoded, in Basic auth, as a hash-free fragment. */
const FORMS = SECRETS.flatMap((s) => [s, encodeURIComponent(s), s.slice(8, 30)]).concat(
  [`${WOO_KEY}:${WOO_SECRET}`].map((pair) => Buffer.from(pair).toString('base64').slice(0, 40)),
);

const logLines: string[] = [];
const captured: Array<{ what: string; text: string }> = [];
let openai: FakeOpenAI;
let woo: FakeWoo;
let proxy: RunningProxy;

beforeAll(async () => {
  woo = await startFakeWoo({ consumerKey: WOO_KEY, consumerSecret: WOO_SECRET });
  const catalog = buildCatalog(30, { baseUrl: woo.url });
  woo.setProducts(catalog.products, catalog.variations);
  openai = await startFakeOpenAI({
    apiKey: OPENAI_KEY,
    productIdsFor: (t) => (/dog/i.test(t) ? [catalog.products[0]!.id, catalog.products[1]!.id] : []),
  });
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  proxy = await startProxy(
    {
      OPENAI_API_KEY: OPENAI_KEY,
      OPENAI_BASE_URL: openai.baseURL,
      WOO_BASE_URL: woo.url,
      WOO_CONSUMER_KEY: WOO_KEY,
      WOO_CONSUMER_SECRET: WOO_SECRET,
      AISLE_CONNECTION_SECRET: CONNECTION_SECRET,
      AISLE_SITE_ID: SITE,
      AISLE_PRODUCT_CACHE_TTL_S: '0',
      WOO_TIMEOUT_MS: '1000',
      LOG_LEVEL: 'trace',
    },
    // The logger as production builds it, at its most talkative level.
    { logger: createLogger({ level: 'trace', destination }) },
  );
});
afterAll(async () => {
  await proxy?.close();
  await openai?.close();
  await woo?.close();
});

async function call(what: string, path: string, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(`${proxy.url}${path}`, init);
  const body = await res.text();
  const headers: string[] = [];
  res.headers.forEach((value, name) => headers.push(`${name}: ${value}`));
  captured.push({ what, text: `${res.status}\n${headers.join('\n')}\n\n${body}` });
  return new Response(body, { status: res.status, headers: res.headers });
}

const session = (sid = 'a:privacy-session-0001') => ({
  authorization: `Bearer ${mintSessionToken(CONNECTION_SECRET, SITE, sid)}`,
});
const chat = (what: string, body: unknown, headers: Record<string, string> = session(), path = '/api/chat/stream') =>
  call(what, path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

let nonce = 0;
function admin(what: string, method: string, path: string, body?: unknown) {
  const raw = body === undefined ? '' : JSON.stringify(body);
  const timestamp = Math.floor(Date.now() / 1000);
  const n = `privacy-nonce-${++nonce}-${Date.now()}`.padEnd(20, 'x');
  return call(what, path, {
    method,
    headers: {
      'x-aisle-site': SITE,
      'x-aisle-timestamp': String(timestamp),
      'x-aisle-nonce': n,
      'x-aisle-signature': signAdminRequest({ method, path, timestamp, nonce: n, site: SITE, body: raw }, CONNECTION_SECRET),
      ...(raw ? { 'content-type': 'application/json' } : {}),
    },
    ...(raw ? { body: raw } : {}),
  });
}

test('no secret in any response or log line, across every flow', async () => {
  // Ordinary use.
  await call('health', '/api/health');
  for (const path of ['/docs', '/docs/init.js', '/redoc', '/openapi.json', '/', '/widget.js']) await call(path, path);
  const first = await chat('chat greeting', { message: 'hello', thread_id: null });
  const threadId = /"thread_id":"([^"]+)"/.exec(await first.text())?.[1] ?? '';
  await chat('chat products', { message: 'dog food please', thread_id: threadId });
  await call('history', `/api/chat/history?thread_id=${threadId}`, { headers: session() });
  await chat('chat json', { message: 'hello', thread_id: null }, session(), '/api/chat');

  // Bad input and bad sessions.
  await chat('broken json', '{"message": ');
  await chat('wrong types', { message: 42, thread_id: {} });
  await chat('huge', { message: 'x'.repeat(40_000), thread_id: null });
  await chat('no session', { message: 'hello', thread_id: null }, {});
  await chat(
    'forged session',
    { message: 'hello', thread_id: null },
    { authorization: `Bearer ${mintSessionToken('wrong'.repeat(10), SITE, 'a:x-session-000001')}` },
  );
  await call('unknown', '/api/../../etc/passwd');
  await call('history of another', `/api/chat/history?thread_id=${threadId}`, { headers: session('a:someone-else-0000001') });

  // WooCommerce refusing the keys, sending an HTML error page, and resetting the connection.
  woo.failNext({
    type: 'status',
    status: 401,
    times: 5,
    body: {
      code: 'woocommerce_rest_authentication_error',
      message: `Invalid signature - provided ${WOO_KEY}`,
      data: { status: 401 },
    },
  });
  await chat('woo 401', { message: 'dog food', thread_id: null });
  woo.failNext({ type: 'html', status: 500, times: 5 });
  await chat('woo html', { message: 'dog food', thread_id: null });
  woo.failNext({ type: 'reset', times: 5 });
  await chat('woo reset', { message: 'dog food', thread_id: null });
  woo.clearFaults();

  // OpenAI refusing the key, at each step.
  openai.failNext('conversations.create', { status: 401 });
  await chat('openai 401 on conversation', { message: 'hello', thread_id: null });
  openai.enqueue({ kind: 'http_error', status: 401 });
  await chat('openai 401 on response', { message: 'hello', thread_id: null });
  openai.enqueue({ kind: 'http_error', status: 401 });
  await chat('openai 401 json', { message: 'hello', thread_id: null }, session(), '/api/chat');
  openai.enqueue({ kind: 'stream_error', code: 'invalid_api_key', message: `Incorrect API key provided: ${OPENAI_KEY}` });
  await chat('openai stream error', { message: 'hello', thread_id: null });

  // The admin API: status, new keys pushed, a connection test with them, and unsigned calls.
  await admin('admin status', 'GET', '/api/admin/status');
  await admin('admin push', 'PUT', '/api/admin/config', {
    store_url: woo.url,
    woo: { consumer_key: WOO_KEY, consumer_secret: PUSHED_WOO_SECRET },
    openai_api_key: PUSHED_OPENAI_KEY,
    model: 'gpt-6-luna',
  });
  await admin('admin status after push', 'GET', '/api/admin/status');
  await admin('admin test', 'POST', '/api/admin/test');
  await chat('chat with pushed keys', { message: 'dog food', thread_id: null });
  await call('admin unsigned', '/api/admin/status');
  await admin('admin delete', 'DELETE', '/api/admin/config');

  expect(captured.length).toBeGreaterThan(30);
  expect(logLines.length).toBeGreaterThan(30);
  // The flows really ran: the secrets were used upstream, and failures were logged.
  expect(openai.requests.some((r) => r.authorization === `Bearer ${OPENAI_KEY}`)).toBe(true);
  expect(logLines.some((l) => /"level":(40|50)/.test(l))).toBe(true);

  const leaks: string[] = [];
  for (const form of FORMS) {
    for (const { what, text } of captured)
      if (text.includes(form)) leaks.push(`response "${what}" contains ${form.slice(0, 12)}…`);
    for (const line of logLines)
      if (line.includes(form)) leaks.push(`log line contains ${form.slice(0, 12)}…: ${line.slice(0, 300)}`);
  }
  expect(leaks).toEqual([]);
}, 60_000);

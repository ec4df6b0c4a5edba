/**
 * Answer feedback, transcript review and the personal-data export and erasure, on the real proxy
 * (embedded store) with a store connected from WordPress; only OpenAI (and WooCommerce) are faked.
 */
import type { ChatEvent, ChatHistory } from '../../proxy/src/contract/events';
import { hashEmail } from '../../proxy/src/privacy/personal-data';
import { startFakeOpenAI } from '../fakes/openai';
import type { FakeOpenAI } from '../fakes/openai/types';
import { buildCatalog, startFakeWoo, type FakeWoo } from '../fakes/woo';
import { adminClient, type AdminClient } from '../e2e/store/proxy-admin';
import { fakeOpenAIKey } from '../helpers/keys';
import { startProxy, streamChat, type RunningProxy } from '../helpers/proxy';
import { mintSessionToken } from '../helpers/session';

const SECRET = 'privacy-store-secret-0123456789abcdefghijkl';
const SITE = 'privacy.example';
const OPENAI_KEY = fakeOpenAIKey('privacy');
const WOO_KEY = 'ck_privacy0123456789abcdef0123456789abcdef';
const WOO_SECRET = 'cs_privacy0123456789abcdef0123456789abcdef';

let openai: FakeOpenAI;
let woo: FakeWoo;
let proxy: RunningProxy;
let admin: AdminClient;
let counter = 0;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers of several shapes, checked by matchers.
type Json = Record<string, any>;

const config = (transcriptReview: boolean) => ({
  store_url: woo.url,
  woo: { consumer_key: WOO_KEY, consumer_secret: WOO_SECRET },
  openai_api_key: OPENAI_KEY,
  controls: { rate_session_per_min: 0, retention_days: 30, transcript_review: transcriptReview },
});

interface Session {
  headers: Record<string, string>;
}
const session = (userId?: number): Session => ({
  headers: { authorization: `Bearer ${mintSessionToken(SECRET, SITE, `a:privacy-${++counter}`, 900, userId)}` },
});

async function chat(who: Session, message: string, threadId: string | null = null) {
  const { status, events } = await streamChat(proxy.url, { message, thread_id: threadId }, who);
  expect(status).toBe(200);
  const done = events.at(-1) as Extract<ChatEvent, { type: 'done' }>;
  expect(done.type).toBe('done');
  return { threadId: done.thread_id, messageId: done.message_id, events };
}

const rate = (who: Session | null, body: unknown) =>
  fetch(`${proxy.url}/api/chat/feedback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(who?.headers ?? {}) },
    body: JSON.stringify(body),
  });

const allKeys = () => proxy.aisle.store.keys('');
const conversationOf = async (threadId: string) =>
  (JSON.parse((await proxy.aisle.store.get(`thread:${threadId}`)) ?? 'null') as { conversation_id: string } | null)
    ?.conversation_id ?? null;

beforeAll(async () => {
  woo = await startFakeWoo({ consumerKey: WOO_KEY, consumerSecret: WOO_SECRET });
  const catalog = buildCatalog(20, { baseUrl: woo.url });
  woo.setProducts(catalog.products, catalog.variations);
  const simple = catalog.products.find(
    (p) => p.status === 'publish' && p.type === 'simple' && p.catalog_visibility !== 'hidden',
  )!;
  openai = await startFakeOpenAI({ apiKey: OPENAI_KEY, productIdsFor: (text) => (/dog/i.test(text) ? [simple.id] : []) });
  proxy = await startProxy({
    OPENAI_BASE_URL: openai.baseURL,
    AISLE_CONNECTION_SECRET: SECRET,
    AISLE_SITE_ID: SITE,
    AISLE_ENCRYPTION_KEY: 'privacy-encryption-key-0123456789abcdef0123',
  });
  admin = adminClient(proxy.url, SITE, SECRET);
  expect((await admin.call('PUT', '/api/admin/config', config(false))).status).toBe(200);
});
afterAll(async () => {
  await proxy?.close();
  await openai?.close();
  await woo?.close();
});

test('done names the answer, and the restored answer carries the same id', async () => {
  const shopper = session();
  const first = await chat(shopper, 'something for my dog');
  expect(first.messageId).toMatch(/^msg_/);
  const second = await chat(shopper, 'thanks', first.threadId);
  expect(second.messageId).toMatch(/^msg_/);
  expect(second.messageId).not.toBe(first.messageId);
  const res = await fetch(`${proxy.url}/api/chat/history?thread_id=${first.threadId}`, shopper);
  const history = (await res.json()) as ChatHistory;
  expect(history.messages.filter((m) => m.role === 'assistant').map((m) => m.message_id)).toEqual([
    first.messageId,
    second.messageId,
  ]);
});

test('the plain endpoint names the answer too, and it can be rated', async () => {
  const shopper = session();
  const res = await fetch(`${proxy.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...shopper.headers },
    body: JSON.stringify({ message: 'hello', thread_id: null }),
  });
  const reply = (await res.json()) as Json;
  expect(reply.message_id).toMatch(/^msg_/);
  const rated = await rate(shopper, { thread_id: reply.thread_id, message_id: reply.message_id, rating: 'up' });
  expect(rated.status).toBe(200);
});

test('feedback: one rating per answer of the shopper’s own thread, a second one replaces it', async () => {
  const shopper = session();
  const { threadId, messageId } = await chat(shopper, 'hello');
  const up = await rate(shopper, { thread_id: threadId, message_id: messageId, rating: 'up' });
  expect(up.status).toBe(200);
  expect(await up.json()).toEqual({ thread_id: threadId, message_id: messageId, rating: 'up' });
  const down = await rate(shopper, { thread_id: threadId, message_id: messageId, rating: 'down' });
  expect(down.status).toBe(200);
  const stored = (await allKeys()).filter((k) => k.startsWith('feedback:') && k.includes(threadId));
  expect(stored).toHaveLength(1);
  expect(await proxy.aisle.store.get(stored[0]!)).toBe('down');

  // Someone else's session, an answer this thread never gave, a bad body, no session.
  const stranger = await rate(session(), { thread_id: threadId, message_id: messageId, rating: 'up' });
  expect(stranger.status).toBe(404);
  const unknown = await rate(shopper, { thread_id: threadId, message_id: 'msg_notfromthisthread', rating: 'up' });
  expect(unknown.status).toBe(404);
  const bad = await rate(shopper, { thread_id: threadId, message_id: messageId, rating: 'meh' });
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as Json).error.code).toBe('bad_request');
  const anonymous = await rate(null, { thread_id: threadId, message_id: messageId, rating: 'up' });
  expect(anonymous.status).toBe(401);
  expect(await proxy.aisle.store.get(stored[0]!)).toBe('down');
});

test('transcript review is refused with a clear 403 while the store has it off', async () => {
  const { threadId } = await chat(session(), 'hello there');
  for (const [method, path] of [
    ['GET', '/api/admin/conversations'],
    ['GET', `/api/admin/conversations/${threadId}`],
    ['DELETE', `/api/admin/conversations/${threadId}`],
  ] as const) {
    const res = await admin.call(method, path);
    expect(res.status).toBe(403);
    expect((res.body as Json).error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/review is off/) });
  }
  expect(await proxy.aisle.store.get(`thread:${threadId}`)).not.toBeNull();
});

describe('with transcript review on', () => {
  beforeAll(async () => {
    expect((await admin.call('PUT', '/api/admin/config', config(true))).status).toBe(200);
  });

  test('the list is newest first, paged, and filters by thumbs up or down', async () => {
    const liked = session();
    const a = await chat(liked, 'first conversation');
    const disliked = session();
    const b = await chat(disliked, 'second conversation');
    const c = await chat(session(), 'third conversation');
    await rate(liked, { thread_id: a.threadId, message_id: a.messageId, rating: 'up' });
    await rate(disliked, { thread_id: b.threadId, message_id: b.messageId, rating: 'down' });

    const page1 = await admin.call('GET', '/api/admin/conversations?per_page=2');
    expect(page1.status).toBe(200);
    const list = page1.body as Json;
    expect(list.total).toBeGreaterThanOrEqual(3);
    expect(list.conversations.map((x: Json) => x.thread_id)).toEqual([c.threadId, b.threadId]);
    const page2 = (await admin.call('GET', '/api/admin/conversations?per_page=2&page=2')).body as Json;
    expect(page2.conversations[0].thread_id).toBe(a.threadId);

    const ups = (await admin.call('GET', '/api/admin/conversations?feedback=up')).body as Json;
    expect(ups.conversations.map((x: Json) => x.thread_id)).toContain(a.threadId);
    expect(ups.conversations.map((x: Json) => x.thread_id)).not.toContain(b.threadId);
    expect(ups.conversations.find((x: Json) => x.thread_id === a.threadId).feedback).toEqual({ up: 1, down: 0 });
    const downs = (await admin.call('GET', '/api/admin/conversations?feedback=down')).body as Json;
    // Newest first: b, then the thread the feedback test rated down earlier.
    expect(downs.conversations[0].thread_id).toBe(b.threadId);
    expect(downs.conversations.map((x: Json) => x.thread_id)).not.toContain(a.threadId);
    expect(downs.conversations.every((x: Json) => x.feedback.down > 0)).toBe(true);
    expect((await admin.call('GET', '/api/admin/conversations?feedback=sideways')).status).toBe(400);
  });

  test('a transcript masks the emails and phone numbers the shopper typed', async () => {
    const shopper = session();
    const { threadId, messageId } = await chat(
      shopper,
      'אפשר לחזור אליי ל-050-1234567 או +972 3 123 4567? from abroad +1 (415) 555-2671, mail dana.levi@example.co.il',
    );
    await rate(shopper, { thread_id: threadId, message_id: messageId, rating: 'up' });
    const res = await admin.call('GET', `/api/admin/conversations/${threadId}`);
    expect(res.status).toBe(200);
    const transcript = res.body as Json;
    expect(transcript.messages[0]).toEqual({
      role: 'user',
      content: 'אפשר לחזור אליי ל-[phone] או [phone]? from abroad [phone], mail [email]',
    });
    expect(transcript.messages[1]).toMatchObject({ role: 'assistant', message_id: messageId, feedback: 'up' });
    expect(JSON.stringify(transcript)).not.toMatch(/1234567|555-2671|dana\.levi/);
    expect((await admin.call('GET', '/api/admin/conversations/thread_doesnotexist0000000')).status).toBe(404);
  });

  test('delete removes the record, its indexes and feedback here, and the conversation at OpenAI', async () => {
    const shopper = session(77);
    const { threadId, messageId } = await chat(shopper, 'delete me, dana@example.com');
    await rate(shopper, { thread_id: threadId, message_id: messageId, rating: 'down' });
    const conversationId = (await conversationOf(threadId))!;
    expect(openai.state.conversations.has(conversationId)).toBe(true);
    expect((await allKeys()).filter((k) => k.includes(threadId)).length).toBeGreaterThanOrEqual(4);

    const res = await admin.call('DELETE', `/api/admin/conversations/${threadId}`);
    expect(res).toEqual({ status: 200, body: { deleted: true } });
    expect((await allKeys()).filter((k) => k.includes(threadId) || k.includes(conversationId))).toEqual([]);
    expect(openai.state.conversations.has(conversationId)).toBe(false);
    expect((await admin.call('DELETE', `/api/admin/conversations/${threadId}`)).status).toBe(404);
  });
});

test('export and erasure find a customer by user ID and a guest by email hash, and leave nothing of them', async () => {
  const customer = session(4242);
  const c1 = await chat(customer, 'something for my dog');
  await chat(customer, 'and my email is Noa.Cohen@Example.com', c1.threadId);
  await rate(customer, { thread_id: c1.threadId, message_id: c1.messageId, rating: 'up' });
  const c2 = await chat(session(4242), 'another visit, another session');
  const guest = session();
  const g = await chat(guest, 'guest here: write to guest.buyer@shop.co.il');
  const bystander = await chat(session(), 'I am someone else');
  const ours = [c1.threadId, c2.threadId, g.threadId];
  const conversations = await Promise.all(ours.map(conversationOf));

  // Only hashes travel: the plain address is nowhere in the proxy's store.
  const values = await Promise.all((await allKeys()).map((k) => proxy.aisle.store.get(k)));
  expect(values.join('\n')).not.toMatch(/noa\.cohen|guest\.buyer/i);

  const byUser = await admin.call('POST', '/api/admin/privacy/export', { user_id: 4242, per_page: 1 });
  expect(byUser.body).toMatchObject({ total: 2, done: false });
  expect((byUser.body as Json).conversations[0].thread_id).toBe(c1.threadId);
  expect(JSON.stringify(byUser.body)).toContain('Noa.Cohen@Example.com');
  const page2 = await admin.call('POST', '/api/admin/privacy/export', { user_id: 4242, per_page: 1, page: 2 });
  expect(page2.body).toMatchObject({ total: 2, done: true, conversations: [{ thread_id: c2.threadId }] });
  // The customer's address also finds the thread they were signed in on (the eraser asks with both).
  const byEmail = await admin.call('POST', '/api/admin/privacy/export', { email_hashes: [hashEmail('noa.cohen@example.com')] });
  expect((byEmail.body as Json).conversations.map((x: Json) => x.thread_id)).toEqual([c1.threadId]);
  expect((await admin.call('POST', '/api/admin/privacy/export', {})).status).toBe(400);

  const erasedUser = await admin.call('POST', '/api/admin/privacy/erase', {
    user_id: 4242,
    email_hashes: [hashEmail('noa.cohen@example.com')],
    limit: 1,
  });
  expect(erasedUser.body).toEqual({ removed: 1, failed: 0, remaining: 1, done: false });
  const rest = await admin.call('POST', '/api/admin/privacy/erase', { user_id: 4242 });
  expect(rest.body).toEqual({ removed: 1, failed: 0, remaining: 0, done: true });
  const erasedGuest = await admin.call('POST', '/api/admin/privacy/erase', {
    email_hashes: [hashEmail(' Guest.Buyer@shop.co.il ')],
  });
  expect(erasedGuest.body).toEqual({ removed: 1, failed: 0, remaining: 0, done: true });

  const keys = await allKeys();
  for (const id of ours) expect(keys.filter((k) => k.includes(id))).toEqual([]);
  expect(keys.filter((k) => k.includes(':4242:') || k.includes(hashEmail('guest.buyer@shop.co.il')))).toEqual([]);
  for (const conversation of conversations) expect(openai.state.conversations.has(conversation!)).toBe(false);
  // The bystander's conversation is untouched.
  expect(openai.state.conversations.has((await conversationOf(bystander.threadId))!)).toBe(true);
  expect((await admin.call('POST', '/api/admin/privacy/export', { user_id: 4242 })).body).toEqual({
    conversations: [],
    total: 0,
    done: true,
  });
});

test('an OpenAI failure keeps the conversation for the next attempt and says so', async () => {
  const { threadId } = await chat(session(5151), 'keep me until OpenAI answers');
  openai.failNext('conversations.delete', { status: 500 }, 2);
  const failed = await admin.call('POST', '/api/admin/privacy/erase', { user_id: 5151 });
  expect(failed.body).toEqual({ removed: 0, failed: 1, remaining: 1, done: true });
  expect(await proxy.aisle.store.get(`thread:${threadId}`)).not.toBeNull();
  const retried = await admin.call('POST', '/api/admin/privacy/erase', { user_id: 5151 });
  expect(retried.body).toEqual({ removed: 1, failed: 0, remaining: 0, done: true });
});

test('the retention job forgets a thread with its indexes and its thumbs', async () => {
  const shopper = session(6161);
  const { threadId, messageId } = await chat(shopper, 'old news, old@example.com');
  await rate(shopper, { thread_id: threadId, message_id: messageId, rating: 'up' });
  const conversationId = (await conversationOf(threadId))!;
  // Its retention entry, aged past the store's 30 days.
  const entryKey = `retention:conv:${conversationId}`;
  const entry = JSON.parse((await proxy.aisle.store.get(entryKey))!) as { created_at: number };
  await proxy.aisle.store.set(entryKey, JSON.stringify({ ...entry, created_at: Date.now() - 31 * 86_400_000 }));
  expect((await allKeys()).filter((k) => k.includes(threadId)).length).toBeGreaterThanOrEqual(4);

  const report = await proxy.aisle.retention!.runNow();
  expect(report?.forgotten).toBeGreaterThanOrEqual(1);
  expect((await allKeys()).filter((k) => k.includes(threadId) || k.includes(conversationId))).toEqual([]);
  expect(openai.state.conversations.has(conversationId)).toBe(false);
});

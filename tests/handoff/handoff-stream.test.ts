/**
 * A person when needed, through the real proxy on the fake OpenAI: a store that pushed its
 * handoff settings gives the model a `handoff` tool; the model's call streams a `handoff`
 * event with the options valid now; a restored conversation shows it again; the store (signed)
 * reads the conversation's transcript for the email handoff, only for the shopper who owns it.
 * A policy question nothing in the store's documents answers: the instructions say to offer a
 * person, and the scripted model doing so reaches the shopper.
 */
import type { ChatEvent, ChatHistory, HandoffOffer } from '../../proxy/src/contract/events';
import { DEFAULT_INSTRUCTIONS } from '../../proxy/src/chat/instructions';
import { startFakeOpenAI } from '../fakes/openai';
import type { FakeOpenAI } from '../fakes/openai/types';
import { fakeOpenAIKey } from '../helpers/keys';
import { startProxy, streamChat, textOf, type RunningProxy } from '../helpers/proxy';
import { mintSessionToken } from '../helpers/session';
import { signedAdminClient, type Json } from '../helpers/signed-admin';

const SECRET = 'handoff-secret-0123456789abcdefghijklmnopq';
const SITE = 'handoff.example';
const OPENAI_KEY = fakeOpenAIKey('handoff');

let openai: FakeOpenAI;
let proxy: RunningProxy;
let counter = 0;

const signed = signedAdminClient({ baseUrl: () => proxy.url, site: SITE, secret: SECRET });

const session = (sid: string) => ({ authorization: `Bearer ${mintSessionToken(SECRET, SITE, sid)}` });
const handoffOf = (events: ChatEvent[]): HandoffOffer | undefined =>
  events.find((e): e is Extract<ChatEvent, { type: 'handoff' }> => e.type === 'handoff')?.data;

async function connect(handoff: Json | undefined): Promise<void> {
  const put = await signed('PUT', '/api/admin/config', {
    store_url: 'https://handoff.example',
    openai_api_key: OPENAI_KEY,
    ...(handoff ? { handoff } : {}),
  });
  expect(put.status).toBe(200);
}

beforeAll(async () => {
  openai = await startFakeOpenAI({ apiKey: OPENAI_KEY });
  proxy = await startProxy({
    OPENAI_BASE_URL: openai.baseURL,
    AISLE_CONNECTION_SECRET: SECRET,
    AISLE_SITE_ID: SITE,
    AISLE_ENCRYPTION_KEY: 'handoff-encryption-key-0123456789abcdefghij',
  });
});
afterAll(async () => {
  await proxy?.close();
  await openai?.close();
});

test('the model calls handoff: the shopper gets buttons, the model is told, history restores them', async () => {
  // Always open (no hours): WhatsApp, email and the contact page.
  await connect({
    whatsapp: '972501234567',
    email: true,
    contact_url: 'https://handoff.example/contact/',
    timezone: 'Asia/Jerusalem',
  });
  openai.enqueue(
    {
      kind: 'function_call',
      name: 'handoff',
      arguments: JSON.stringify({ reason: 'asked', summary: 'Wants to talk about a broken leash' }),
    },
    { kind: 'text', text: 'You can reach the store with the buttons below.' },
  );
  const sid = `a:handoff-shopper-${++counter}`;
  const { status, events } = await streamChat(
    proxy.url,
    { message: 'Can I talk to a person?', thread_id: null },
    { headers: session(sid) },
  );
  expect(status).toBe(200);
  const offer = handoffOf(events)!;
  expect(offer.reason).toBe('asked');
  expect(offer.options).toEqual([
    {
      kind: 'whatsapp',
      url: `https://wa.me/972501234567?text=${encodeURIComponent('Wants to talk about a broken leash')}`,
      label: 'WhatsApp',
    },
    { kind: 'email', label: 'Email the store' },
    { kind: 'contact_page', url: 'https://handoff.example/contact/', label: 'Contact page' },
  ]);
  expect(textOf(events)).toContain('buttons below');
  expect(events.at(-1)?.type).toBe('done');

  // The model had the tool and read what the shopper sees.
  const requests = openai.requests.filter((r) => r.method === 'POST' && r.path === '/v1/responses').slice(-2);
  const toolNames = (requests[0]!.body as { tools: Array<{ name?: string; type: string }> }).tools.map((t) => t.name ?? t.type);
  expect(toolNames).toEqual(expect.arrayContaining(['show_products', 'handoff']));
  const followUp = JSON.stringify((requests[1]!.body as { input: unknown }).input);
  expect(followUp).toContain('function_call_output');
  expect(followUp).toContain('buttons');

  const threadId = (events[0] as { thread_id: string }).thread_id;
  const history = (await (
    await fetch(`${proxy.url}/api/chat/history?thread_id=${threadId}`, { headers: session(sid) })
  ).json()) as ChatHistory;
  const answer = history.messages.find((m) => m.role === 'assistant')!;
  expect(answer.parts?.map((p) => p.type)).toEqual(['handoff', 'text']);
  expect(answer.parts?.[0]).toEqual({ type: 'handoff', data: offer });

  // The store reads the transcript for the shopper who owns the thread, and nobody else.
  const path = `/api/admin/threads/${threadId}/transcript?session=${encodeURIComponent(sid)}`;
  const transcript = await signed('GET', path);
  expect(transcript.status).toBe(200);
  expect(transcript.body.messages).toEqual([
    { role: 'shopper', text: 'Can I talk to a person?' },
    { role: 'assistant', text: 'You can reach the store with the buttons below.' },
  ]);
  expect(transcript.body.text).toBe(
    'Shopper: Can I talk to a person?\n\nAssistant: You can reach the store with the buttons below.',
  );
  expect((await signed('GET', `/api/admin/threads/${threadId}/transcript?session=a:someone-else-000`)).status).toBe(404);
  expect((await signed('GET', `/api/admin/threads/${threadId}/transcript`)).status).toBe(400);
  expect((await fetch(`${proxy.url}${path}`)).status).toBe(401);
});

test('outside opening hours WhatsApp is left out and the message says when the store answers', async () => {
  // Open only for one minute a week that is not now.
  const now = new Date();
  const closedDay = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][(now.getUTCDay() + 3) % 7]!;
  await connect({
    whatsapp: '972501234567',
    email: true,
    timezone: 'UTC',
    hours: { [closedDay]: [{ open: '10:00', close: '10:01' }] },
  });
  openai.enqueue(
    { kind: 'function_call', name: 'handoff', arguments: JSON.stringify({ reason: 'asked', summary: 'x' }) },
    { kind: 'text', text: 'The store is closed now.' },
  );
  const { events } = await streamChat(
    proxy.url,
    { message: 'A human please', thread_id: null },
    { headers: session(`a:closed-${++counter}`) },
  );
  const offer = handoffOf(events)!;
  expect(offer.options.map((o) => o.kind)).toEqual(['email']);
  expect(offer.message).toMatch(/closed now and answers .* 10:00 \(store time, UTC\)/);
});

test('a policy question nothing covers: the instructions say to offer a person, and it reaches the shopper', async () => {
  expect(DEFAULT_INSTRUCTIONS).toMatch(/When no store document covers the question, say you do not know/);
  expect(DEFAULT_INSTRUCTIONS).toMatch(/offer a person with the handoff tool/);
  await connect({ email: true, timezone: 'UTC' });
  openai.enqueue(
    {
      kind: 'function_call',
      name: 'handoff',
      arguments: JSON.stringify({ reason: 'cannot_help', summary: 'Asks whether gift cards can be refunded' }),
    },
    { kind: 'text', text: "I don't know the store's rule on that; the store can answer." },
  );
  const { events } = await streamChat(
    proxy.url,
    { message: 'Can I get a refund on a gift card?', thread_id: null },
    { headers: session(`a:policy-${++counter}`) },
  );
  const request = openai.requests.filter((r) => r.method === 'POST' && r.path === '/v1/responses').at(-2)!;
  expect((request.body as { instructions: string }).instructions).toContain('Policies');
  expect(handoffOf(events)).toEqual({ reason: 'cannot_help', options: [{ kind: 'email', label: 'Email the store' }] });
});

test('a store without handoff settings gives the model no handoff tool', async () => {
  await connect(undefined);
  const { events } = await streamChat(
    proxy.url,
    { message: 'hello', thread_id: null },
    { headers: session(`a:plain-shopper-${++counter}`) },
  );
  expect(events.at(-1)?.type).toBe('done');
  const request = openai.requests.filter((r) => r.method === 'POST' && r.path === '/v1/responses').at(-1)!;
  const names = (request.body as { tools: Array<{ name?: string }> }).tools.map((t) => t.name);
  expect(names).not.toContain('handoff');
});

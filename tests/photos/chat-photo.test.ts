/**
 * Photo search through the real proxy on the fake OpenAI: the photo reaches the model as an
 * `input_image` part of the shopper's message (spec-checked), stays in that conversation only
 * (history shows a placeholder, never the bytes), every bad photo is a 400 before any stream
 * opens, only the chat routes take a photo-sized body, moderation reads the photo, and the
 * photo's tokens count against the daily cap.
 */
import type { ChatHistory, ChatReply } from '../../proxy/src/contract/events';
import { PHOTO_PLACEHOLDER_ALT } from '../../proxy/src/chat/history';
import { PHOTO_ONLY_PROMPT } from '../../proxy/src/chat/turn';
import { MODERATION_FLAG_MARKER } from '../fakes/openai/routes/moderations';
import { streamChat, textOf } from '../helpers/proxy';
import { responsesRequests, startChatWorld, type ChatWorld } from '../chat/setup';
import { dataUrl, GIF, jpegHeader, PDF, png } from './images';

jest.setTimeout(30_000);

let world: ChatWorld;
beforeAll(async () => {
  world = await startChatWorld({ env: { AISLE_MAX_IMAGE_BYTES: String(1024 * 1024), AISLE_MAX_BODY_BYTES: '4096' } });
});
afterAll(async () => {
  await world?.close();
});
beforeEach(() => world.openai.reset());

const post = (path: string, body: unknown) =>
  fetch(`${world.proxy.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

type Part = { type: string; image_url?: string; detail?: string; text?: string };
type Item = { type?: string; role?: string; content?: string | Part[] };

/** The user message of a Responses request body. */
function userMessage(body: unknown): Item {
  const input = (body as { input: Item[] }).input;
  const message = input.find((item) => item.role === 'user');
  if (!message) throw new Error(`no user message in ${JSON.stringify(input).slice(0, 200)}`);
  return message;
}

describe('the photo reaches the model', () => {
  test('as an input_image part with the text, in the request and in the conversation items, spec-clean', async () => {
    const photo = png(64, 48);
    const { status, events } = await streamChat(world.proxy.url, {
      message: 'dog food like this',
      thread_id: null,
      image: { data_url: dataUrl(photo, 'image/jpeg') },
    });
    expect(status).toBe(200);
    expect(events.at(-1)).toMatchObject({ type: 'done' });
    expect(events.find((e) => e.type === 'products')).toMatchObject({
      data: world.visibleIds.map((id) => expect.objectContaining({ id })),
    });

    const first = responsesRequests(world.openai)[0]!;
    const content = userMessage(first.body).content as Part[];
    // The type comes from the bytes: a PNG declared as JPEG goes on as PNG.
    expect(content).toEqual([
      { type: 'input_image', image_url: `data:image/png;base64,${photo.toString('base64')}`, detail: 'auto' },
      { type: 'input_text', text: 'dog food like this' },
    ]);
    const conversation = [...world.openai.state.conversations.values()][0]!;
    const stored = conversation.items.find((item) => (item as Item).role === 'user') as Item;
    expect((stored.content as Part[]).map((p) => p.type)).toEqual(['input_image', 'input_text']);
    expect(world.openai.specViolations).toEqual([]);
  });

  test('a photo alone is sent with the photo prompt; the plain route answers too', async () => {
    const res = await post('/api/chat', { message: '', thread_id: null, image: { data_url: dataUrl(png(10, 10)) } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as ChatReply).thread_id).toMatch(/^thread_/);
    const content = userMessage(responsesRequests(world.openai)[0]!.body).content as Part[];
    expect(content[1]).toEqual({ type: 'input_text', text: PHOTO_ONLY_PROMPT });
    expect(world.openai.specViolations).toEqual([]);
  });

  test('history shows a placeholder for the photo, never its bytes', async () => {
    const photo = dataUrl(png(12, 12));
    const { events } = await streamChat(world.proxy.url, {
      message: 'cat toy like this',
      thread_id: null,
      image: { data_url: photo },
    });
    const threadId = (events[0] as { thread_id: string }).thread_id;
    const res = await fetch(`${world.proxy.url}/api/chat/history?thread_id=${threadId}`);
    const raw = await res.text();
    expect(raw).not.toContain('base64');
    const history = JSON.parse(raw) as ChatHistory;
    expect(history.messages[0]).toEqual({
      role: 'user',
      content: 'cat toy like this',
      parts: [
        { type: 'image', alt: PHOTO_PLACEHOLDER_ALT },
        { type: 'text', content: 'cat toy like this' },
      ],
    });
  });
});

describe('a bad photo is a 400 that says why, on both routes, before any stream', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['a GIF declared as JPEG', dataUrl(GIF), /JPEG, PNG or WebP/],
    ['a PDF declared as JPEG', dataUrl(PDF), /JPEG, PNG or WebP/],
    [
      'a decompression bomb (a PNG header claiming 30000×30000)',
      dataUrl(png(30000, 30000, { pixels: false })),
      /at most 8192 pixels/,
    ],
    ['36 megapixels', dataUrl(jpegHeader(6000, 6000)), /megapixels/],
    ['an empty file', 'data:image/jpeg;base64,', /empty/],
    ['not base64', 'data:image/jpeg;base64,%%%%', /base64/],
    ['not a data URL', 'https://example.com/a.jpg', /data URL/],
    ['over the 1 MB limit', dataUrl(Buffer.concat([png(1, 1), Buffer.alloc(1024 * 1024)])), /larger than 1 MB/],
  ];
  test.each(cases)('%s', async (_name, url, message) => {
    for (const path of ['/api/chat/stream', '/api/chat']) {
      const res = await post(path, { message: 'like this', thread_id: null, image: { data_url: url } });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const json = (await res.json()) as { error: { code: string; message: string } };
      expect(json.error.code).toBe('bad_request');
      expect(json.error.message).toMatch(message);
    }
    expect(responsesRequests(world.openai)).toHaveLength(0);
    expect(world.openai.requests.filter((r) => r.path === '/v1/conversations')).toHaveLength(0);
  });
});

describe('body limits', () => {
  test('the chat routes take a photo-sized body; other routes keep the small limit', async () => {
    // 900 KB of photo: far over AISLE_MAX_BODY_BYTES (4 KB), under AISLE_MAX_IMAGE_BYTES (1 MB).
    const photo = dataUrl(Buffer.concat([png(2, 2), Buffer.alloc(900 * 1024)]));
    const res = await post('/api/chat', { message: 'like this', thread_id: null, image: { data_url: photo } });
    expect(res.status).toBe(200);
    const other = await post('/api/chat/feedback', { thread_id: 'x', message_id: 'y', rating: 'up', pad: 'a'.repeat(5000) });
    expect(other.status).toBe(413);
    expect(await other.json()).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  test('a body larger than the photo limit allows is a 413', async () => {
    const res = await post('/api/chat/stream', {
      message: 'x',
      thread_id: null,
      image: { data_url: `data:image/png;base64,${'A'.repeat(1_500_000)}` },
    });
    expect(res.status).toBe(413);
    expect(responsesRequests(world.openai)).toHaveLength(0);
  });
});

describe('moderation', () => {
  let guarded: ChatWorld;
  beforeAll(async () => {
    guarded = await startChatWorld({ env: { AISLE_MODERATION: 'on' } });
  });
  afterAll(async () => {
    await guarded?.close();
  });
  const moderationBodies = () => guarded.openai.requests.filter((r) => r.path === '/v1/moderations').map((r) => r.body);

  test('the photo is moderated with the text; a flagged photo gets the refusal and no answer', async () => {
    // A PNG whose bytes carry the fake moderation's flag marker (between the image data and the end chunk).
    const clean = png(4, 4);
    const flagged = Buffer.concat([
      clean.subarray(0, clean.length - 12),
      Buffer.from(MODERATION_FLAG_MARKER, 'latin1'),
      clean.subarray(-12),
    ]);
    const { events } = await streamChat(guarded.proxy.url, {
      message: 'like this',
      thread_id: null,
      image: { data_url: dataUrl(flagged) },
    });
    expect(textOf(events)).toMatch(/can't help with that request/);
    expect(responsesRequests(guarded.openai)).toHaveLength(0);
    expect(moderationBodies()).toEqual([
      {
        model: 'omni-moderation-latest',
        input: [
          { type: 'image_url', image_url: { url: `data:image/png;base64,${flagged.toString('base64')}` } },
          { type: 'text', text: 'like this' },
        ],
      },
    ]);

    // A clean photo alone: moderated as the photo only, then answered.
    const answered = await streamChat(guarded.proxy.url, { message: '', thread_id: null, image: { data_url: dataUrl(clean) } });
    expect(answered.events.at(-1)).toMatchObject({ type: 'done' });
    expect(moderationBodies()[1]).toEqual({
      model: 'omni-moderation-latest',
      input: [{ type: 'image_url', image_url: { url: `data:image/png;base64,${clean.toString('base64')}` } }],
    });
    expect(responsesRequests(guarded.openai)).toHaveLength(1);
    expect(guarded.openai.specViolations).toEqual([]);
  });
});

describe('spend', () => {
  let capped: ChatWorld;
  const CAP = 2000;
  beforeAll(async () => {
    capped = await startChatWorld({ env: { AISLE_DAILY_TOKEN_CAP: String(CAP) } });
  });
  afterAll(async () => {
    await capped?.close();
  });

  test("the photo's tokens, as the response reports them, count against the daily cap", async () => {
    const spend = () => capped.proxy.aisle.guards.spend.spendStatus('default');
    // What the API reports for a 1024 px photo at detail auto plus a short text: the image tokens are in input_tokens.
    const usage = {
      input_tokens: 1_105 + 240,
      input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
      output_tokens: 30,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 1_375,
    };
    const scriptedTurn = () =>
      capped.openai.enqueue({
        kind: 'events',
        events: (ctx) => [
          { type: 'response.created', response: ctx.response() },
          { type: 'response.completed', response: ctx.response({ status: 'completed', output: [], usage }) },
        ],
      });
    const photoTurn = () =>
      streamChat(capped.proxy.url, { message: 'like this', thread_id: null, image: { data_url: dataUrl(png(8, 8)) } });

    scriptedTurn();
    expect((await photoTurn()).events.at(-1)).toMatchObject({ type: 'done' });
    await expect(spend()).resolves.toMatchObject({ tokens_used: 1_375, exhausted: false });
    scriptedTurn();
    await photoTurn();
    await expect(spend()).resolves.toMatchObject({ tokens_used: 2_750, exhausted: true });

    // Past the cap, the next photo gets the resting answer without a model call.
    const resting = await photoTurn();
    expect(resting.events).toContainEqual({ type: 'status', status: 'offline' });
    expect(responsesRequests(capped.openai)).toHaveLength(2);
    expect(capped.openai.specViolations).toEqual([]);
  });
});

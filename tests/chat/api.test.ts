import type { ChatReply } from '../../proxy/src/contract/events';
import { startProxy, streamChat, type RunningProxy } from '../helpers/proxy';
import { responsesRequests, startChatWorld, type ChatWorld } from './setup';

let world: ChatWorld;
beforeAll(async () => {
  world = await startChatWorld({
    env: { AISLE_MAX_MESSAGE_CHARS: '500', AISLE_MAX_BODY_BYTES: '4096', AISLE_MAX_IMAGE_BYTES: '65536' },
  });
});
afterAll(async () => {
  await world?.close();
});
beforeEach(() => world.openai.reset());

const post = (path: string, body: string, contentType = 'application/json') =>
  fetch(`${world.proxy.url}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body });

describe('POST /api/chat (non-streaming)', () => {
  test('answers one JSON document with thread_id, reply and products', async () => {
    const res = await post('/api/chat', JSON.stringify({ message: 'מזון לכלבים', thread_id: null }));
    expect(res.status).toBe(200);
    const reply = (await res.json()) as ChatReply;
    expect(reply.thread_id).toMatch(/^thread_/);
    expect(reply.reply.length).toBeGreaterThan(0);
    expect(reply.products.map((p) => p.id)).toEqual(world.visibleIds);
  });

  test('an upstream failure is an HTTP error with a JSON body', async () => {
    world.openai.failNext('responses.create', { status: 503 });
    const res = await post('/api/chat', JSON.stringify({ message: 'שלום', thread_id: null }));
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: 'upstream_unavailable' } });
  });
});

describe('bad input gets a clear 4xx before any stream starts', () => {
  const cases: Array<[string, string, number, string, string?]> = [
    ['invalid JSON', '{"message": "hi", ', 400, 'invalid_json'],
    ['a JSON array', '["hi"]', 400, 'bad_request'],
    ['a JSON string', '"hi"', 400, 'bad_request'],
    ['missing message', '{"thread_id": null}', 400, 'bad_request'],
    ['empty message', '{"message": "   ", "thread_id": null}', 400, 'bad_request'],
    ['message of the wrong type', '{"message": 42, "thread_id": null}', 400, 'bad_request'],
    ['message over the limit', JSON.stringify({ message: 'א'.repeat(501), thread_id: null }), 400, 'bad_request'],
    ['thread_id of the wrong type', '{"message": "hi", "thread_id": 7}', 400, 'bad_request'],
    ['unknown fields', '{"message": "hi", "thread_id": null, "assistant_id": "asst_1"}', 400, 'bad_request'],
    ['a bad context', '{"message": "hi", "thread_id": null, "context": {"product_id": "x"}}', 400, 'bad_request'],
    // The chat routes' limit leaves room for a photo (AISLE_MAX_IMAGE_BYTES, 64 KB here) and no more.
    ['a body over the size limit', JSON.stringify({ message: 'a'.repeat(100_000), thread_id: null }), 413, 'payload_too_large'],
    ['a non-JSON content type', 'message=hi', 400, 'bad_request', 'application/x-www-form-urlencoded'],
  ];
  // Rest parameters: Jest would read a fifth named parameter as a `done` callback.
  test.each(cases)('%s', async (...row) => {
    const [, body, status, code, contentType] = row;
    for (const path of ['/api/chat/stream', '/api/chat']) {
      const res = await post(path, body, contentType);
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const json = (await res.json()) as { error: { code: string; message: string } };
      expect(json.error.code).toBe(code);
      expect(json.error.message.length).toBeGreaterThan(5);
    }
    expect(responsesRequests(world.openai)).toHaveLength(0);
  });

  test('the limit message says what the limit is', async () => {
    const res = await post('/api/chat/stream', JSON.stringify({ message: 'x'.repeat(501), thread_id: null }));
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/500/);
  });

  test('unknown endpoints answer a JSON 404', async () => {
    const res = await fetch(`${world.proxy.url}/api/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  test('thread_id omitted is treated as null', async () => {
    const { status, events } = await streamChat(world.proxy.url, { message: 'שלום' });
    expect(status).toBe(200);
    expect(events[0]).toMatchObject({ type: 'thread_id', new_thread: true });
  });
});

describe('GET /api/health', () => {
  test('configured: exactly the original three fields, healthy', async () => {
    const res = await fetch(`${world.proxy.url}/api/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'healthy', environment: 'configured', missing_vars: null });
    // Cheap: no OpenAI call per hit.
    expect(world.openai.requests.filter((r) => r.path !== '/v1/models' && !r.path.startsWith('/v1/models/'))).toHaveLength(0);
  });

  let bare: RunningProxy;
  afterAll(async () => bare?.close());
  test('missing variables are listed and the service is not ready', async () => {
    bare = await startProxy({ OPENAI_API_KEY: '', WOO_BASE_URL: '', WOO_CONSUMER_KEY: '', WOO_CONSUMER_SECRET: '' });
    const res = await fetch(`${bare.url}/api/health`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { status: string; environment: string; missing_vars: string[] };
    expect(body.status).toBe('not_ready');
    expect(body.environment).toBe('missing_variables');
    expect(body.missing_vars).toEqual(['OPENAI_API_KEY', 'WOO_BASE_URL', 'WOO_CONSUMER_KEY', 'WOO_CONSUMER_SECRET']);
  });
});

/**
 * The fake OpenAI server, driven by the real `openai` SDK v7: behaviour, fault scripts,
 * and fidelity against the live recordings and the official OpenAPI spec.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI, { APIError, toFile } from 'openai';
import { specLoadStats, validateResponseBody } from '../helpers/openapi-spec';
import { BRAIN_TEXTS, MODERATION_FLAG_MARKER, startFakeOpenAI, type FakeOpenAI } from './openai';

const API_KEY = 'sk-test-aisle-key';
const FIXTURES = '/work/shared/openai/fixtures';
type AnyEvent = Record<string, unknown> & { type: string };

const SHOW_PRODUCTS_TOOL = {
  type: 'function' as const,
  name: 'show_products',
  description: 'Show product cards to the shopper',
  parameters: {
    type: 'object',
    properties: { product_ids: { type: 'array', items: { type: 'integer' } } },
    required: ['product_ids'],
    additionalProperties: false,
  },
  strict: true,
};

function clientFor(fake: FakeOpenAI, extra: Partial<ConstructorParameters<typeof OpenAI>[0]> = {}): OpenAI {
  return new OpenAI({ apiKey: API_KEY, baseURL: fake.baseURL, maxRetries: 0, ...extra });
}

async function collect(stream: AsyncIterable<unknown>): Promise<AnyEvent[]> {
  const events: AnyEvent[] = [];
  for await (const event of stream) events.push(event as AnyEvent);
  return events;
}

function deltasOf(events: AnyEvent[], type: string): string[] {
  return events.filter((e) => e.type === type).map((e) => String(e.delta));
}

async function eventually(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

let fake: FakeOpenAI;
let client: OpenAI;

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: API_KEY, validateResponses: true });
  client = clientFor(fake);
});

afterEach(() => {
  const violations = { request: [...fake.specViolations], response: [...fake.responseViolations] };
  fake.reset();
  // Everything the SDK sent matched the spec, and everything the fake answered did too.
  expect(violations).toEqual({ request: [], response: [] });
});

afterAll(async () => {
  await fake.close();
});

describe('POST /v1/responses streaming', () => {
  it('streams a Hebrew greeting in several deltas with consecutive sequence numbers', async () => {
    const events = await collect(await client.responses.create({ model: 'gpt-6-luna', input: 'שלום', stream: true }));

    const deltas = deltasOf(events, 'response.output_text.delta');
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe(BRAIN_TEXTS.greetingHe);
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    expect(events[0]?.type).toBe('response.created');
    const completed = events.at(-1) as AnyEvent & { response: OpenAI.Responses.Response };
    expect(completed.type).toBe('response.completed');
    expect(completed.response.usage?.total_tokens).toBeGreaterThan(0);
    expect(completed.response.model).toMatch(/^gpt-6-luna/);
  });

  it('answers English text in English, also without streaming', async () => {
    const response = await client.responses.create({ model: 'gpt-6-luna', input: 'hello there' });
    expect(response.output_text).toBe(BRAIN_TEXTS.greetingEn);
    expect(response.status).toBe('completed');
  });

  it('sends `event:` lines whose name matches the data type, and no [DONE]', async () => {
    const res = await fetch(`${fake.baseURL}/responses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-6-luna', input: 'hi', stream: true }),
    });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const blocks = (await res.text()).split('\n\n').filter(Boolean);
    expect(blocks.length).toBeGreaterThan(5);
    for (const block of blocks) {
      const [eventLine, dataLine] = block.split('\n');
      const data = JSON.parse(String(dataLine).replace(/^data: /, '')) as AnyEvent;
      expect(eventLine).toBe(`event: ${data.type}`);
    }
  });

  it('calls show_products after a file search when the shopper asks for products', async () => {
    const store = await client.vectorStores.create({ name: 'catalog' });
    const events = await collect(
      await client.responses.create({
        model: 'gpt-6-luna',
        input: [{ role: 'user', content: 'יש לכם מזון לכלבים?' }],
        tools: [SHOW_PRODUCTS_TOOL, { type: 'file_search', vector_store_ids: [store.id] }],
        stream: true,
      }),
    );

    const types = events.map((e) => e.type);
    const searching = types.indexOf('response.file_search_call.searching');
    const firstArgs = types.indexOf('response.function_call_arguments.delta');
    expect(types.indexOf('response.file_search_call.in_progress')).toBeLessThan(searching);
    expect(searching).toBeLessThan(types.indexOf('response.file_search_call.completed'));
    expect(types.indexOf('response.file_search_call.completed')).toBeLessThan(firstArgs);
    expect(deltasOf(events, 'response.function_call_arguments.delta').length).toBeGreaterThan(1);
    const done = events.find((e) => e.type === 'response.function_call_arguments.done') as AnyEvent;
    expect(JSON.parse(String(done.arguments))).toEqual({ product_ids: [39, 40, 41] });
    const call = (events.at(-1) as unknown as { response: OpenAI.Responses.Response }).response.output.find(
      (o) => o.type === 'function_call',
    );
    expect(call).toMatchObject({ name: 'show_products', status: 'completed' });
  });

  it('chats instead of calling a tool when productIdsFor finds nothing or the tool is missing', async () => {
    const custom = await startFakeOpenAI({ productIdsFor: (text) => (text.includes('sku') ? [7, 8] : []) });
    try {
      const sdk = clientFor(custom);
      const withTool = await sdk.responses.create({ model: 'gpt-6-luna', input: 'the sku please', tools: [SHOW_PRODUCTS_TOOL] });
      const call = withTool.output.find((o) => o.type === 'function_call');
      expect(call && 'arguments' in call ? JSON.parse(call.arguments) : null).toEqual({ product_ids: [7, 8] });
      const noMatch = await sdk.responses.create({ model: 'gpt-6-luna', input: 'dog food', tools: [SHOW_PRODUCTS_TOOL] });
      expect(noMatch.output_text).toBe(BRAIN_TEXTS.greetingEn);
      const noTool = await sdk.responses.create({ model: 'gpt-6-luna', input: 'the sku please' });
      expect(noTool.output.some((o) => o.type === 'function_call')).toBe(false);
    } finally {
      await custom.close();
    }
  });

  it('respects firstTokenDelayMs before the first delta', async () => {
    const slow = await startFakeOpenAI({ firstTokenDelayMs: 150 });
    try {
      const started = Date.now();
      let firstDeltaAt = 0;
      for await (const event of await clientFor(slow).responses.create({ model: 'gpt-6-luna', input: 'hi', stream: true })) {
        if (event.type === 'response.output_text.delta' && !firstDeltaAt) firstDeltaAt = Date.now();
      }
      expect(firstDeltaAt - started).toBeGreaterThanOrEqual(140);
    } finally {
      await slow.close();
    }
  });
});

describe('conversations', () => {
  it('stores user, reasoning, tool and assistant items as turns happen, and lists them with pagination', async () => {
    const conversation = await client.conversations.create({});
    const tools = [SHOW_PRODUCTS_TOOL];
    const first = await client.responses.create({
      model: 'gpt-6-luna',
      conversation: conversation.id,
      input: 'מזון לחתולים',
      tools,
    });
    const call = first.output.find((o): o is OpenAI.Responses.ResponseFunctionToolCall => o.type === 'function_call');
    expect(call).toBeDefined();
    const second = await client.responses.create({
      model: 'gpt-6-luna',
      conversation: conversation.id,
      input: [{ type: 'function_call_output', call_id: call?.call_id ?? '', output: '[{"id":48}]' }],
      tools,
    });
    expect(second.output_text).toBe(BRAIN_TEXTS.productsIntroHe);

    const ascending: string[] = [];
    for await (const item of client.conversations.items.list(conversation.id, { order: 'asc', limit: 2 }))
      ascending.push(item.type);
    expect(ascending).toEqual(['message', 'reasoning', 'function_call', 'function_call_output', 'reasoning', 'message']);
    const newest = await client.conversations.items.list(conversation.id, { limit: 1 });
    expect(newest.data[0]).toMatchObject({ type: 'message', role: 'assistant' });
    expect(newest.has_more).toBe(true);
    const firstPageRequest = fake.requests.find((r) => r.path.endsWith('/items') && r.query.limit === '2');
    expect(firstPageRequest?.query.order).toBe('asc');
  });

  it('refuses a new user message while a tool call has no output, like the real API', async () => {
    const conversation = await client.conversations.create({});
    await client.responses.create({
      model: 'gpt-6-luna',
      conversation: conversation.id,
      input: 'dog food',
      tools: [SHOW_PRODUCTS_TOOL],
    });
    const error = await rejectionOf(
      client.responses.create({ model: 'gpt-6-luna', conversation: conversation.id, input: 'hello?' }),
    );
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as APIError).message).toMatch(/No tool output found for function call/);
  });

  it('locks a conversation while a response is generated', async () => {
    const conversation = await client.conversations.create({});
    fake.enqueue({
      kind: 'events',
      delayMs: 40,
      events: (ctx) => [
        { type: 'response.created', response: ctx.response() },
        { type: 'response.in_progress', response: ctx.response() },
      ],
    });
    const slow = client.responses.create({ model: 'gpt-6-luna', conversation: conversation.id, input: 'hi', stream: true });
    const slowEvents = slow.then(collect);
    await eventually(() => fake.state.conversations.get(conversation.id)?.lockedBy !== undefined);
    const error = await rejectionOf(
      client.responses.create({ model: 'gpt-6-luna', conversation: conversation.id, input: 'again' }),
    );
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as APIError).code).toBe('conversation_locked');
    expect((await slowEvents).length).toBe(2);
  });

  it('retrieves, deletes and then 404s a conversation', async () => {
    const conversation = await client.conversations.create({ metadata: { shopper: 'a1' } });
    expect(await client.conversations.retrieve(conversation.id)).toMatchObject({
      id: conversation.id,
      metadata: { shopper: 'a1' },
    });
    expect(await client.conversations.delete(conversation.id)).toMatchObject({ id: conversation.id, deleted: true });
    const error = await rejectionOf(client.conversations.retrieve(conversation.id));
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
  });
});

describe('fault scripts', () => {
  it('emits an error event then response.failed, which the SDK raises as APIError', async () => {
    fake.enqueue({
      kind: 'stream_error',
      code: 'insufficient_quota',
      message: 'You exceeded your current quota.',
      partialText: 'שלום עולם',
    });
    const seen: string[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const event of await client.responses.create({ model: 'gpt-6-luna', input: 'hi', stream: true }))
          seen.push(event.type);
      })(),
    );
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as APIError).message).toMatch(/exceeded your current quota/);
    expect(seen).toContain('response.output_text.delta');
    expect(seen).not.toContain('error');
  });

  it.each([
    [429, OpenAI.RateLimitError],
    [500, OpenAI.InternalServerError],
    [503, OpenAI.InternalServerError],
    [401, OpenAI.AuthenticationError],
    [400, OpenAI.BadRequestError],
  ])('answers a scripted HTTP %i that the SDK maps to its error class', async (status, ErrorClass) => {
    fake.enqueue({ kind: 'http_error', status, headers: status === 429 ? { 'retry-after': '3' } : {} });
    const error = await rejectionOf(client.responses.create({ model: 'gpt-6-luna', input: 'hi', stream: true }));
    expect(error).toBeInstanceOf(ErrorClass);
    expect((error as APIError).status).toBe(status);
    if (status === 429) expect((error as APIError).headers?.get('retry-after')).toBe('3');
  });

  it('lets the SDK retry after a 429 with retry-after-ms, then serves the brain', async () => {
    fake.enqueue({ kind: 'http_error', status: 429, headers: { 'retry-after-ms': '5' } });
    const response = await clientFor(fake, { maxRetries: 2 }).responses.create({ model: 'gpt-6-luna', input: 'hi' });
    expect(response.output_text).toBe(BRAIN_TEXTS.greetingEn);
    expect(fake.requests.filter((r) => r.path === '/v1/responses').map((r) => r.status)).toEqual([429, 200]);
  });

  it('rejects a wrong API key with the real 401 envelope', async () => {
    const error = await rejectionOf(
      new OpenAI({ apiKey: 'sk-wrong-key-123456', baseURL: fake.baseURL, maxRetries: 0 }).models.list(),
    );
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((error as APIError).code).toBe('invalid_api_key');
    expect((error as APIError).message).toMatch(/Incorrect API key provided: sk-\*+3456/);
  });

  it('cuts the socket mid-stream', async () => {
    fake.enqueue({ kind: 'cut', afterEvents: 4 });
    const seen: string[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const event of await client.responses.create({ model: 'gpt-6-luna', input: 'hi', stream: true }))
          seen.push(event.type);
      })(),
    );
    // undici's TypeError('terminated') surfaces unwrapped from the SDK's stream iterator.
    expect(String(error)).toMatch(/terminated|socket|closed/i);
    expect(seen.length).toBe(4);
    await eventually(() => fake.openStreams() === 0);
    expect(fake.abortedStreams()).toBe(0);
  });

  it('hangs before the first byte until the client times out, counting an aborted stream', async () => {
    fake.enqueue({ kind: 'hang', ms: 400 });
    const error = await rejectionOf(
      clientFor(fake, { timeout: 100 }).responses.create({ model: 'gpt-6-luna', input: 'hi', stream: true }),
    );
    expect(error).toBeInstanceOf(OpenAI.APIConnectionError);
    await eventually(() => fake.abortedStreams() === 1 && fake.openStreams() === 0);
  });

  it('counts a stream the client abandons mid-way as aborted', async () => {
    const slow = await startFakeOpenAI({ tokenDelayMs: 40 });
    try {
      const stream = await clientFor(slow).responses.create({ model: 'gpt-6-luna', input: 'hi', stream: true });
      for await (const event of stream) if (event.type === 'response.output_text.delta') break;
      await eventually(() => slow.abortedStreams() === 1 && slow.openStreams() === 0);
    } finally {
      await slow.close();
    }
  });

  it('streams arbitrary function-call output such as 10,000 product IDs', async () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => i + 1);
    fake.enqueue({ kind: 'function_call', name: 'show_products', arguments: JSON.stringify({ product_ids: ids }) });
    const events = await collect(
      await client.responses.create({ model: 'gpt-6-luna', input: 'all', tools: [SHOW_PRODUCTS_TOOL], stream: true }),
    );
    const args = deltasOf(events, 'response.function_call_arguments.delta').join('');
    expect((JSON.parse(args) as { product_ids: number[] }).product_ids).toEqual(ids);
  });

  it('sends raw scripted events, filling in sequence numbers', async () => {
    fake.enqueue({
      kind: 'events',
      events: (ctx) => [
        { type: 'response.created', response: ctx.response() },
        { type: 'response.completed', response: ctx.response({ status: 'completed', output: [] }) },
      ],
    });
    const events = await collect(await client.responses.create({ model: 'gpt-6-luna', input: 'hi', stream: true }));
    expect(events.map((e) => [e.type, e.sequence_number])).toEqual([
      ['response.created', 0],
      ['response.completed', 1],
    ]);
  });

  it('fails the next call of an operation with failNext, once', async () => {
    fake.failNext('models.list', { status: 503 });
    expect(await rejectionOf(client.models.list())).toBeInstanceOf(OpenAI.InternalServerError);
    expect((await client.models.list()).data.length).toBeGreaterThan(0);
  });
});

describe('request validation', () => {
  it('answers 400 for a missing model and for a retired model', async () => {
    const missing = await rejectionOf(
      client.responses.create({ input: 'hi' } as unknown as OpenAI.Responses.ResponseCreateParamsNonStreaming),
    );
    expect(missing).toBeInstanceOf(OpenAI.BadRequestError);
    expect((missing as APIError).param).toBe('model');
    const retired = await rejectionOf(client.responses.create({ model: 'gpt-5-mini', input: 'hi' }));
    expect((retired as APIError).code).toBe('model_not_found');
  });

  it('records bodies that do not match the spec', async () => {
    const res = await fetch(`${fake.baseURL}/vector_stores`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 42 }),
    });
    expect(res.status).toBe(200);
    expect(fake.specViolations).toHaveLength(1);
    expect(fake.specViolations[0]).toMatch(/^POST \/v1\/vector_stores: \/name must be string/);
    fake.specViolations.length = 0;
  });

  it('answers unknown routes with the real 404 envelope', async () => {
    const res = await fetch(`${fake.baseURL}/assistants`, { headers: { authorization: `Bearer ${API_KEY}` } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { message: 'Invalid URL (GET /v1/assistants)', type: 'invalid_request_error', param: null, code: null },
    });
  });

  it('records method, path, lower-case headers, authorization and JSON body', async () => {
    await client.responses.create({ model: 'gpt-6-luna', input: 'hi', metadata: { shop: 'x' } });
    const [request] = fake.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/v1/responses', authorization: `Bearer ${API_KEY}`, status: 200 });
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.body).toMatchObject({ model: 'gpt-6-luna', input: 'hi', metadata: { shop: 'x' } });
  });
});

describe('files and vector stores', () => {
  it('runs the upload, attach, poll, list and delete lifecycle', async () => {
    const fast = await startFakeOpenAI({ vectorStorePollsUntilDone: 2, pollAfterMs: 1, validateResponses: true });
    try {
      const sdk = clientFor(fast);
      const file = await sdk.files.create({
        file: await toFile(Buffer.from('{"id":39}\n'), 'catalog.jsonl'),
        purpose: 'assistants',
      });
      expect(file).toMatchObject({ object: 'file', filename: 'catalog.jsonl', purpose: 'assistants', bytes: 10 });
      expect(fast.requests[0]?.multipart).toEqual({
        fields: { purpose: 'assistants' },
        files: [expect.objectContaining({ filename: 'catalog.jsonl', bytes: 10 })],
      });
      expect((await sdk.files.retrieve(file.id)).id).toBe(file.id);
      expect((await sdk.files.list()).data.map((f) => f.id)).toEqual([file.id]);
      expect(await rejectionOf(sdk.files.content(file.id))).toBeInstanceOf(OpenAI.BadRequestError);

      const store = await sdk.vectorStores.create({ name: 'catalog' });
      const attached = await sdk.vectorStores.files.createAndPoll(store.id, { file_id: file.id });
      expect(attached.status).toBe('completed');
      const polls = fast.requests.filter(
        (r) => r.method === 'GET' && r.path.endsWith(`/files/${file.id}`) && r.path.includes('vector_stores'),
      );
      expect(polls).toHaveLength(3);
      expect((await sdk.vectorStores.files.list(store.id)).data.map((f) => f.status)).toEqual(['completed']);
      expect((await sdk.vectorStores.retrieve(store.id)).file_counts).toMatchObject({ completed: 1, total: 1 });

      expect(await sdk.vectorStores.files.delete(file.id, { vector_store_id: store.id })).toMatchObject({ deleted: true });
      expect(await sdk.vectorStores.delete(store.id)).toMatchObject({ deleted: true });
      expect(await sdk.files.delete(file.id)).toMatchObject({ deleted: true });
      expect(await rejectionOf(sdk.files.retrieve(file.id))).toBeInstanceOf(OpenAI.NotFoundError);
      expect(fast.specViolations).toEqual([]);
      expect(fast.responseViolations).toEqual([]);
    } finally {
      await fast.close();
    }
  });

  it('serves the content of downloadable files', async () => {
    const file = await client.files.create({ file: await toFile(Buffer.from('hello'), 'a.txt'), purpose: 'user_data' });
    expect(await (await client.files.content(file.id)).text()).toBe('hello');
  });

  it('scripts a failed upload, a failed vector-store file and a 429 while polling', async () => {
    fake.failNext('files.create', { status: 500 });
    expect(
      await rejectionOf(client.files.create({ file: await toFile(Buffer.from('x'), 'x.txt'), purpose: 'assistants' })),
    ).toBeInstanceOf(OpenAI.InternalServerError);

    const file = await client.files.create({ file: await toFile(Buffer.from('x'), 'x.txt'), purpose: 'assistants' });
    const store = await client.vectorStores.create({ name: 'catalog' });
    fake.failNext('vector_store_file', { status: 'failed', last_error: { code: 'unsupported_file', message: 'bad file' } });
    const attached = await client.vectorStores.files.createAndPoll(store.id, { file_id: file.id }, { pollIntervalMs: 1 });
    expect(attached).toMatchObject({ status: 'failed', last_error: { code: 'unsupported_file', message: 'bad file' } });

    fake.failNext('vector_stores.files.retrieve', { status: 429, headers: { 'retry-after': '1' } });
    const error = await rejectionOf(client.vectorStores.files.retrieve(file.id, { vector_store_id: store.id }));
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as APIError).headers?.get('retry-after')).toBe('1');
  });
});

describe('moderations and models', () => {
  it('flags only text with the test marker', async () => {
    const result = await client.moderations.create({
      model: 'omni-moderation-latest',
      input: ['hello', `I will ${MODERATION_FLAG_MARKER}`],
    });
    expect(result.results.map((r) => r.flagged)).toEqual([false, true]);
    expect(result.results[1]?.categories.violence).toBe(true);
  });

  it('lists current models and 404s retired ones', async () => {
    const ids = (await client.models.list()).data.map((m) => m.id);
    expect(ids).toContain('gpt-6-luna');
    expect(ids).not.toContain('gpt-5-mini');
    expect((await client.models.retrieve('gpt-6-luna')).id).toBe('gpt-6-luna');
    const error = await rejectionOf(client.models.retrieve('gpt-5-mini'));
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as APIError).code).toBe('model_not_found');
  });
});

describe('fidelity to the live API and the spec', () => {
  function fixtureEvents(): AnyEvent[] {
    const recorded = readdirSync(join(FIXTURES, 'vercel-ai')).flatMap((name) =>
      readFileSync(join(FIXTURES, 'vercel-ai', name), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as AnyEvent),
    );
    return recorded;
  }

  function sdkFixtureEvents(): AnyEvent[] {
    return readdirSync(FIXTURES)
      .filter((name) => name.endsWith('.sse'))
      .flatMap((name) => readFileSync(join(FIXTURES, name), 'utf8').split('\n'))
      .filter((line) => line.startsWith('data: {'))
      .map((line) => JSON.parse(line.slice(6)) as AnyEvent);
  }

  /**
   * Key sets by event type, plus the Response object's keys (one set for every event that
   * carries a `response`: recordings from different dates add fields) and each item type's keys.
   */
  function keySets(events: AnyEvent[]): Map<string, Set<string>> {
    const sets = new Map<string, Set<string>>();
    const add = (label: string, keys: string[]): void => {
      const set = sets.get(label) ?? new Set<string>();
      keys.forEach((k) => set.add(k));
      sets.set(label, set);
    };
    for (const event of events) {
      add(event.type, Object.keys(event));
      if (typeof event.response === 'object' && event.response) add('response', Object.keys(event.response));
      const item = event.item as Record<string, unknown> | undefined;
      if (item) add(`item:${String(item.type)}`, Object.keys(item));
    }
    return sets;
  }

  async function fakeEventsForEveryPath(): Promise<AnyEvent[]> {
    const store = await client.vectorStores.create({ name: 'catalog' });
    const tools = [SHOW_PRODUCTS_TOOL, { type: 'file_search' as const, vector_store_ids: [store.id] }];
    const text = await collect(await client.responses.create({ model: 'gpt-6-luna', input: 'שלום', stream: true }));
    const call = await collect(await client.responses.create({ model: 'gpt-6-luna', input: 'dog food', tools, stream: true }));
    fake.enqueue({ kind: 'stream_error', code: 'insufficient_quota', message: 'quota' });
    const failed: AnyEvent[] = [];
    await rejectionOf(
      (async () => {
        for await (const event of await client.responses.create({ model: 'gpt-6-luna', input: 'hi', stream: true }))
          failed.push(event as unknown as AnyEvent);
      })(),
    );
    // The SDK throws on `error` instead of yielding it: read that event off the wire.
    fake.enqueue({ kind: 'stream_error', code: 'insufficient_quota', message: 'quota' });
    const wire = await fetch(`${fake.baseURL}/responses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-6-luna', input: 'hi', stream: true }),
    });
    const wireEvents = (await wire.text())
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => JSON.parse(line.slice(6)) as AnyEvent);
    return [...text, ...call, ...failed, ...wireEvents];
  }

  /** Annotations need file citations in the answer text, which the brain never writes. */
  const NOT_EMITTED = new Set(['response.output_text.annotation.added']);
  /** Keys the newer spec (2026-08) requires that the 2026-03 recording predates. */
  const SPEC_NEWER_KEYS: Record<string, string[]> = { 'response.function_call_arguments.done': ['name'] };
  /**
   * Keys only the synthetic SDK streams have: `output_text` is computed by the SDK, not sent;
   * the live recording's reasoning items carry no `status`.
   */
  const SDK_ONLY_KEYS: Record<string, string[]> = { response: ['output_text'], 'item:reasoning': ['status'] };

  it('emits every recorded event type with the recorded key sets (events, response, item)', async () => {
    const recorded = keySets(fixtureEvents());
    const produced = keySets(await fakeEventsForEveryPath());
    const compared: string[] = [];
    for (const [label, keys] of recorded) {
      if (NOT_EMITTED.has(label)) continue;
      const expected = [...keys, ...(SPEC_NEWER_KEYS[label] ?? [])].sort();
      expect({ label, keys: [...(produced.get(label) ?? [])].sort() }).toEqual({ label, keys: expected });
      compared.push(label);
    }
    expect(compared.length).toBeGreaterThan(15);
  });

  /** The API keeps OpenAI models' raw reasoning private (summaries only); only the synthetic SDK stream has it. */
  const SDK_ONLY_EVENTS = new Set(['response.reasoning_text.delta', 'response.reasoning_text.done']);

  it('covers every key of the SDK test streams', async () => {
    const produced = keySets(await fakeEventsForEveryPath());
    for (const [label, keys] of keySets(sdkFixtureEvents())) {
      if (SDK_ONLY_EVENTS.has(label)) continue;
      const missing = [...keys].filter((k) => !(SDK_ONLY_KEYS[label] ?? []).includes(k) && !produced.get(label)?.has(k));
      expect({ label, missing }).toEqual({ label, missing: [] });
    }
  });

  it('validates streamed events and JSON bodies against the spec response schemas', async () => {
    const events = await fakeEventsForEveryPath();
    for (const event of events) {
      const check = validateResponseBody('POST', '/v1/responses', 200, event, 'text/event-stream');
      expect({ type: event.type, errors: check.errors }).toEqual({ type: event.type, errors: [] });
      expect(check.checked).toBe(true);
    }
    const conversation = await client.conversations.create({});
    await client.responses.create({ model: 'gpt-6-luna', conversation: conversation.id, input: 'hi' });
    const getJson = async (path: string): Promise<unknown> =>
      (await fetch(`${fake.url}${path}`, { headers: { authorization: `Bearer ${API_KEY}` } })).json();
    const bodies: [string, string, unknown][] = [];
    for (const path of [
      `/v1/conversations/${conversation.id}`,
      `/v1/conversations/${conversation.id}/items`,
      '/v1/models',
      '/v1/models/gpt-6-luna',
    ]) {
      bodies.push(['GET', path, await getJson(path)]);
    }
    bodies.push(['GET', '/v1/models/gpt-5-mini', await getJson('/v1/models/gpt-5-mini')]);
    for (const [method, path, body] of bodies) {
      const check = validateResponseBody(method, path, path.endsWith('gpt-5-mini') ? 404 : 200, body);
      expect({ path, errors: check.errors, checked: check.checked }).toEqual({ path, errors: [], checked: true });
    }
    // The fake validated everything it sent during this test as well (see afterEach).
    expect(fake.requests.length).toBeGreaterThan(5);
  });

  it('loads the spec quickly from its JSON cache', () => {
    const stats = specLoadStats();
    expect(stats.compiledSchemas).toBeGreaterThan(3);
    // First run ever parses the YAML (~1.5 s); later runs read the cached JSON.
    expect(stats.loadMs).toBeLessThan(stats.fromCache ? 1000 : 5000);
  });
});

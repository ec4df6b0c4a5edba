/**
 * The OpenAI client's undici transport (proxy/src/openai/transport.ts): the SDK must behave
 * through it exactly as through Node's fetch (JSON, streamed answers, typed errors, aborts,
 * uploads), on one keep-alive pool, and a streamed answer must not become a WHATWG stream.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import OpenAI, { toFile } from 'openai';
import { readResponseEvents } from '../../proxy/src/openai/upstream-stream';
import { Agent, type Dispatcher } from 'undici';
import {
  createOpenAITransport,
  releaseRawHeaders,
  StreamedResponse,
  type OpenAITransport,
} from '../../proxy/src/openai/transport';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai';
import { fakeOpenAIKey } from '../helpers/keys';

const API_KEY = fakeOpenAIKey('transport');

let fake: FakeOpenAI;
let transport: OpenAITransport;
let client: OpenAI;

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: API_KEY, tokenDelayMs: 5 });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  transport = createOpenAITransport();
  client = new OpenAI({ apiKey: API_KEY, baseURL: fake.baseURL, fetch: transport.fetch, maxRetries: 0 });
});
afterEach(async () => {
  await transport.close();
});

async function streamText(response: Response): Promise<string> {
  let text = '';
  for await (const event of readResponseEvents(response)) if (event.type === 'response.output_text.delta') text += event.delta;
  return text;
}

test('a streamed answer arrives as a StreamedResponse (no WHATWG body) and reads to the end', async () => {
  fake.enqueue({ kind: 'text', text: 'שלום עולם', chunks: ['של', 'ום ', 'עולם'] });
  const response = await client.responses.create({ model: 'gpt-6-luna', input: 'hi', stream: true }).asResponse();
  expect(response).toBeInstanceOf(StreamedResponse);
  expect(response.body).toBeNull();
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  expect(await streamText(response)).toBe('שלום עולם');
  expect(fake.requests.at(-1)?.authorization).toBe(`Bearer ${API_KEY}`);
  expect(fake.requests.at(-1)?.body).toMatchObject({ model: 'gpt-6-luna', input: 'hi', stream: true });
});

test('JSON answers, GET and DELETE go through the pool and parse as with fetch', async () => {
  const conversation = await client.conversations.create({ metadata: { shop: 'pets' } });
  expect(conversation.id).toMatch(/^conv_/);
  const again = await client.conversations.retrieve(conversation.id);
  expect(again.metadata).toEqual({ shop: 'pets' });
  const deleted = await client.conversations.delete(conversation.id);
  expect(deleted.deleted).toBe(true);
  expect(fake.requests.map((r) => r.method)).toEqual(['POST', 'GET', 'DELETE']);
});

test('HTTP errors become the SDK typed errors (classified by instanceof)', async () => {
  fake.enqueue({ kind: 'http_error', status: 429, headers: { 'retry-after': '7' } });
  const rateLimited = await client.responses
    .create({ model: 'gpt-6-luna', input: 'hi', stream: true })
    .asResponse()
    .catch((e: unknown) => e);
  expect(rateLimited).toBeInstanceOf(OpenAI.RateLimitError);
  expect((rateLimited as InstanceType<typeof OpenAI.RateLimitError>).headers?.get('retry-after')).toBe('7');

  fake.failNext('conversations.create', { status: 401 });
  const unauthorized = await client.conversations.create({}).catch((e: unknown) => e);
  expect(unauthorized).toBeInstanceOf(OpenAI.AuthenticationError);
  expect((unauthorized as InstanceType<typeof OpenAI.APIError>).status).toBe(401);
});

test('a refused connection is an APIConnectionError, not a crash', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const { port } = closed.address() as AddressInfo;
  await new Promise((resolve) => closed.close(resolve));
  const offline = new OpenAI({ apiKey: API_KEY, baseURL: `http://127.0.0.1:${port}/v1`, fetch: transport.fetch, maxRetries: 0 });
  const error = await offline.conversations.create({}).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OpenAI.APIConnectionError);
  expect(error).not.toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
});

test('a caller abort before the answer starts is an APIUserAbortError', async () => {
  fake.enqueue({ kind: 'hang', ms: 2000 });
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 100);
  const error = await client.responses
    .create({ model: 'gpt-6-luna', input: 'hi', stream: true }, { signal: controller.signal })
    .asResponse()
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OpenAI.APIUserAbortError);
});

test('the SDK timeout before the first byte is an APIConnectionTimeoutError', async () => {
  fake.enqueue({ kind: 'hang', ms: 2000 });
  const impatient = new OpenAI({ apiKey: API_KEY, baseURL: fake.baseURL, fetch: transport.fetch, maxRetries: 0, timeout: 150 });
  const error = await impatient.responses
    .create({ model: 'gpt-6-luna', input: 'hi', stream: true })
    .asResponse()
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
});

test('stopping the reader early, or aborting mid-answer, closes the upstream stream', async () => {
  const chunks = Array.from({ length: 50 }, (_v, i) => `w${i} `);
  fake.enqueue({ kind: 'text', text: chunks.join(''), chunks });
  const slow = new OpenAI({ apiKey: API_KEY, baseURL: fake.baseURL, fetch: transport.fetch, maxRetries: 0 });
  const first = await slow.responses.create({ model: 'gpt-6-luna', input: 'hi', stream: true }).asResponse();
  for await (const event of readResponseEvents(first)) if (event.type === 'response.output_text.delta') break;

  fake.enqueue({ kind: 'text', text: chunks.join(''), chunks });
  const controller = new AbortController();
  const second = await slow.responses
    .create({ model: 'gpt-6-luna', input: 'hi', stream: true }, { signal: controller.signal })
    .asResponse();
  const reading = (async () => {
    for await (const event of readResponseEvents(second)) if (event.type === 'response.output_text.delta') controller.abort();
  })();
  await expect(reading).rejects.toMatchObject({ name: 'AbortError' });

  for (let i = 0; i < 100 && fake.abortedStreams() < 2; i++) await new Promise((r) => setTimeout(r, 20));
  expect(fake.abortedStreams()).toBe(2);
  expect(fake.openStreams()).toBe(0);
});

test('uploads (multipart) still work: they go to the built-in fetch', async () => {
  const file = await client.files.create({
    file: await toFile(Buffer.from('{"id":1}\n'), 'catalog.jsonl', { type: 'application/jsonl' }),
    purpose: 'assistants',
  });
  expect(file.id).toMatch(/^file-/);
  const recorded = fake.requests.at(-1)!;
  expect(recorded.multipart?.files[0]).toMatchObject({ filename: 'catalog.jsonl', bytes: 9 });
});

describe('against a plain HTTP server', () => {
  let server: Server;
  let base: string;
  let connections = 0;
  let acceptEncoding: Array<string | undefined> = [];
  let received: Array<{ headers: Record<string, string | string[] | undefined>; body: string }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      acceptEncoding.push(req.headers['accept-encoding']);
      const parts: Buffer[] = [];
      req.on('data', (part: Buffer) => parts.push(part));
      req.on('end', () => received.push({ headers: req.headers, body: Buffer.concat(parts).toString('utf8') }));
      if (req.url === '/moved') {
        res.writeHead(307, { location: '/json' });
        res.end();
      } else if (req.url === '/cut') {
        // Headers and part of a JSON body, then the connection dies.
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        res.write('{"id":"conv_');
        setTimeout(() => res.socket?.destroy(), 20);
      } else if (req.url === '/v1/conversations') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        res.write('{"id":"conv_');
        setTimeout(() => res.socket?.destroy(), 20);
      } else if (req.url === '/weird') {
        res.writeHead(600, { 'content-type': 'text/plain' });
        res.end('not HTTP as a Response knows it');
      } else if (req.url === '/gzip') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.end(gzipSync(JSON.stringify({ ok: 'זה עובד' })));
      } else if (req.url === '/empty') {
        res.writeHead(204, { 'x-request-id': 'req_1' });
        res.end();
      } else if (req.url === '/cookies') {
        res.setHeader('set-cookie', ['a=1', 'b=2']);
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('two cookies');
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"n":1}');
      }
    });
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    connections = 0;
    acceptEncoding = [];
    received = [];
  });

  test('a request body is sent whole, with its Content-Length (not chunked)', async () => {
    const body = JSON.stringify({ instructions: 'ענה בעברית, בקצרה. '.repeat(200), tools: [{ type: 'function' }] });
    await (
      await transport.fetch(`${base}/json`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    ).json();
    await (await transport.fetch(`${base}/json`, { method: 'POST', body: new TextEncoder().encode('bytes') })).json();
    expect(received[0]?.body).toBe(body);
    expect(received[0]?.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(received[0]?.headers['transfer-encoding']).toBeUndefined();
    expect(received[1]?.body).toBe('bytes');
    expect(received[1]?.headers['content-length']).toBe('5');
  });

  test('releaseRawHeaders: the handler sees the raw headers at the start, the controller keeps none after', async () => {
    const countOf = (raw: Dispatcher.DispatchController['rawHeaders']) =>
      Array.isArray(raw) ? raw.length : raw ? Object.keys(raw).length : 0;
    async function rawHeadersSeen(agent: Dispatcher): Promise<{ atStart: number; atEnd: number }> {
      return new Promise((resolve, reject) => {
        let atStart = -1;
        agent.dispatch(
          { origin: base, path: '/cookies', method: 'GET' },
          {
            onRequestStart: () => undefined,
            onResponseStart: (controller) => (atStart = countOf(controller.rawHeaders)),
            onResponseData: () => undefined,
            onResponseEnd: (controller) => resolve({ atStart, atEnd: countOf(controller.rawHeaders) }),
            onResponseError: (_controller, error) => reject(error),
          },
        );
      });
    }
    const plain = new Agent();
    const releasing = new Agent().compose(releaseRawHeaders);
    try {
      const kept = await rawHeadersSeen(plain);
      expect(kept.atStart).toBeGreaterThan(0);
      expect(kept.atEnd).toBe(kept.atStart);
      const released = await rawHeadersSeen(releasing);
      expect(released.atStart).toBe(kept.atStart);
      expect(released.atEnd).toBe(0);
    } finally {
      await plain.close();
      await releasing.close();
    }
  });

  test('keep-alive: 40 sequential requests reuse the pool connections', async () => {
    for (let i = 0; i < 40; i++) expect(await (await transport.fetch(`${base}/json`)).json()).toEqual({ n: 1 });
    // Like Node's fetch on the same server: a second connection is opened while the first is being
    // released, then the two alternate. Without keep-alive this would be 40.
    expect(connections).toBeGreaterThanOrEqual(1);
    expect(connections).toBeLessThanOrEqual(2);
  });

  test('asks for no compression, yet decodes a server that compresses anyway', async () => {
    const response = await transport.fetch(`${base}/gzip`);
    expect(await response.json()).toEqual({ ok: 'זה עובד' });
    expect(acceptEncoding).toEqual([undefined]);
  });

  test('a 204 has a null body; repeated headers stay separate', async () => {
    const empty = await transport.fetch(`${base}/empty`, { method: 'delete' });
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
    expect(empty.headers.get('x-request-id')).toBe('req_1');
    const cookies = await transport.fetch(`${base}/cookies`);
    expect(cookies.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(await cookies.text()).toBe('two cookies');
  });

  test('data: URLs and Request objects go to the fallback fetch', async () => {
    const seen: string[] = [];
    const withFallback = createOpenAITransport({
      fallback: async (input) => {
        seen.push(input instanceof Request ? `request ${input.url}` : String(input));
        return new Response('fallback');
      },
    });
    try {
      expect(await (await withFallback.fetch('data:,')).text()).toBe('fallback');
      expect(await (await withFallback.fetch(new Request(`${base}/json`))).text()).toBe('fallback');
      expect(await (await withFallback.fetch(`${base}/json`, { method: 'GET', body: 'x' })).text()).toBe('fallback');
      expect(await (await withFallback.fetch(`${base}/json`)).json()).toEqual({ n: 1 });
      expect(seen).toEqual(['data:,', `request ${base}/json`, `${base}/json`]);
    } finally {
      await withFallback.close();
    }
  });

  test('a redirect is followed (by the built-in fetch), with the body sent again', async () => {
    const body = JSON.stringify({ input: 'שלום' });
    const response = await transport.fetch(`${base}/moved`, { method: 'POST', body });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ n: 1 });
    // Ours, then fetch's own request to the same URL and the one it follows the redirect with.
    expect(received.map((r) => r.body)).toEqual([body, body, body]);
  });

  test('a JSON answer cut mid-body fails the read, and the SDK does not send the POST again', async () => {
    const cut = await transport.fetch(`${base}/cut`, { method: 'POST', body: '{}' });
    expect(cut.status).toBe(200);
    await expect(cut.json()).rejects.toThrow();
    received = [];
    const sdk = new OpenAI({ apiKey: API_KEY, baseURL: `${base}/v1`, fetch: transport.fetch, maxRetries: 1 });
    await expect(sdk.conversations.create({})).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 50));
    expect(received).toHaveLength(1);
  });

  test('a status a Response cannot carry is a fetch error, and the connection is freed', async () => {
    await expect(transport.fetch(`${base}/weird`)).rejects.toThrow(TypeError);
    for (let i = 0; i < 3; i++) expect(await (await transport.fetch(`${base}/json`)).json()).toEqual({ n: 1 });
  });
});

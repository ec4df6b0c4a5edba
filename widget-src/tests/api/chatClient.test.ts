import { describe, expect, it, jest } from '@jest/globals';
import { createChatClient } from '../../api/chatClient';
import { ChatRequestError, parseRetryAfter } from '../../api/errors';
import { createSessionTokenProvider } from '../../api/session';
import { fakeProxy, PROXY } from '../helpers/fakeProxy';
import { collect, fakeResponse, sse, streamOf } from '../helpers/streams';

describe('chat client', () => {
  it('sends the session token as a Bearer header and refreshes it after a 401', async () => {
    let issued = 0;
    const request = jest.fn(async () => {
      issued += 1;
      return { token: `tok${issued}`, expires_at: Math.floor(Date.now() / 1000) + 900 };
    });
    const session = createSessionTokenProvider({
      endpoint: 'https://store.example/wp-json/aisle/v1/session',
      nonce: 'n',
      request,
    });
    const proxy = fakeProxy({
      'GET /api/chat/history': [
        () => fakeResponse({ status: 401, json: { error: { code: 'unauthorized', message: 'expired' } } }),
        () => fakeResponse({ json: { thread_id: 't', messages: [] } }),
      ],
    });
    const client = createChatClient({ proxyUrl: `${PROXY}/`, session, fetch: proxy.fetch, firstByteTimeoutMs: 1000 });
    await expect(client.history('t')).resolves.toEqual({ thread_id: 't', messages: [] });
    expect(proxy.requests.map((r) => r.headers.get('Authorization'))).toEqual(['Bearer tok1', 'Bearer tok2']);
    expect(request).toHaveBeenCalledTimes(2);
  });

  it('reuses a token until shortly before it expires', async () => {
    let now = 1_000_000;
    const request = jest.fn(async () => ({ token: `tok${request.mock.calls.length}`, expires_at: (now + 300_000) / 1000 }));
    const session = createSessionTokenProvider({ endpoint: 'x', nonce: null, request, now: () => now, refreshMarginMs: 60_000 });
    expect(await session.getToken()).toBe('tok1');
    now += 200_000;
    expect(await session.getToken()).toBe('tok1');
    now += 50_000; // within the refresh margin
    expect(await session.getToken()).toBe('tok2');
    expect(request).toHaveBeenCalledTimes(2);
  });

  it('maps HTTP errors before the stream to typed errors', async () => {
    const cases: Array<[number, Record<string, string>, string, number | undefined]> = [
      [400, {}, 'bad_request', undefined],
      [413, {}, 'too_large', undefined],
      [429, { 'Retry-After': '12' }, 'rate_limited', 12],
      [503, {}, 'server', undefined],
    ];
    for (const [status, headers, kind, retryAfter] of cases) {
      const proxy = fakeProxy({
        'POST /api/chat/stream': () => fakeResponse({ status, headers, json: { error: { code: 'x', message: 'm' } } }),
      });
      const client = createChatClient({ proxyUrl: PROXY, fetch: proxy.fetch, firstByteTimeoutMs: 1000 });
      const error = await collect(client.stream({ message: 'hi', thread_id: null }, new AbortController().signal)).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ChatRequestError);
      expect([status, (error as ChatRequestError).kind, (error as ChatRequestError).retryAfterSeconds]).toEqual([
        status,
        kind,
        retryAfter,
      ]);
    }
  });

  it('reads retry_after from the JSON body when there is no header', async () => {
    const proxy = fakeProxy({
      'POST /api/chat': () =>
        fakeResponse({ status: 429, json: { error: { code: 'rate_limited', message: 'm', retry_after: 7 } } }),
    });
    const client = createChatClient({ proxyUrl: PROXY, fetch: proxy.fetch, firstByteTimeoutMs: 1000 });
    const error = (await client
      .send({ message: 'hi', thread_id: null }, new AbortController().signal)
      .catch((e: unknown) => e)) as ChatRequestError;
    expect(error.retryAfterSeconds).toBe(7);
  });

  it('parses Retry-After dates', () => {
    expect(parseRetryAfter('Wed, 25 Nov 2026 20:00:30 GMT', Date.parse('Wed, 25 Nov 2026 20:00:00 GMT'))).toBe(30);
    expect(parseRetryAfter(null)).toBeUndefined();
  });

  it('streams events and posts analytics batches with keepalive when asked', async () => {
    const proxy = fakeProxy({
      'POST /api/chat/stream': () => fakeResponse({ body: streamOf([sse([{ type: 'text', content: 'a' }])]) }),
      'POST /api/events': () => fakeResponse({ status: 204 }),
    });
    const client = createChatClient({ proxyUrl: PROXY, fetch: proxy.fetch, firstByteTimeoutMs: 1000 });
    expect(await collect(client.stream({ message: 'hi', thread_id: null }, new AbortController().signal))).toEqual([
      { type: 'text', content: 'a' },
    ]);
    await client.sendEvents([{ type: 'add_to_cart', product_id: 5 }, { type: 'open' }], { keepalive: true });
    expect(proxy.to('/api/events')[0]?.body).toEqual({ events: [{ type: 'add_to_cart', product_id: 5 }, { type: 'open' }] });
  });
});

describe('session for a logged-in shopper on a cached page', () => {
  it('fetches a nonce and asks again when the session says it needs one, and reports the Store API nonce', async () => {
    const request = jest.fn(async (_endpoint: string, nonce: string | null) =>
      nonce
        ? { token: 'customer', expires_at: '2099-01-01T00:00:00Z', store_api_nonce: 'store-n' }
        : { token: 'anon', expires_at: '2099-01-01T00:00:00Z', needs_nonce: true },
    );
    const fetchNonce = jest.fn(async () => 'rest-n\n');
    const onSession = jest.fn();
    const session = createSessionTokenProvider({
      endpoint: 'https://shop/wp-json/aisle/v1/session',
      nonce: null,
      nonceEndpoint: 'https://shop/wp-admin/admin-ajax.php?action=rest-nonce',
      request,
      fetchNonce,
      onSession,
    });
    expect(await session.getToken()).toBe('customer');
    expect(request.mock.calls.map((c) => c[1])).toEqual([null, 'rest-n']);
    expect(onSession).toHaveBeenCalledWith(expect.objectContaining({ store_api_nonce: 'store-n' }));
  });
});

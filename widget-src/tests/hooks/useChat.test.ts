import { describe, expect, it, jest } from '@jest/globals';
import { act, renderHook, waitFor } from '@testing-library/react';
import { createChatClient } from '../../api/chatClient';
import { messageProducts, messageText } from '../../hooks/chatState';
import { useChat, type UseChatOptions } from '../../hooks/useChat';
import { connectionRefused, fakeProxy, PROXY, type Handler } from '../helpers/fakeProxy';
import { fakeResponse, hangingStreamOf, product, sse, streamOf } from '../helpers/streams';

const STREAM = 'POST /api/chat/stream';
const CHAT = 'POST /api/chat';
const HISTORY = 'GET /api/chat/history';

function streamOk(events: unknown[]): Handler {
  return () => fakeResponse({ headers: { 'content-type': 'text/event-stream' }, body: streamOf([sse(events)]) });
}

function setup(routes: Record<string, Handler | Handler[]>, options: Partial<UseChatOptions> = {}) {
  const proxy = fakeProxy(routes);
  const client = createChatClient({ proxyUrl: PROXY, fetch: proxy.fetch, firstByteTimeoutMs: 40 });
  const onThreadChange = jest.fn();
  const hook = renderHook(() =>
    useChat({ client, streaming: true, productId: null, initialThreadId: null, onThreadChange, ...options }),
  );
  return { proxy, hook, onThreadChange };
}

const ANSWER = [
  { type: 'thread_id', thread_id: 't1' },
  { type: 'status', status: 'searching_catalog' },
  { type: 'text', content: 'Here are ' },
  { type: 'text', content: 'two foods.' },
  { type: 'products', data: [product()] },
  { type: 'done', thread_id: 't1' },
];

describe('useChat', () => {
  it('sends, shows the typing state at once, streams text and products, and remembers the thread', async () => {
    const { proxy, hook, onThreadChange } = setup({ [STREAM]: streamOk(ANSWER) }, { productId: 39 });
    act(() => hook.result.current.send('  dog food?  '));
    expect(hook.result.current.state.phase).toBe('waiting');
    expect(hook.result.current.running).toBe(true);
    await waitFor(() => expect(hook.result.current.state.phase).toBe('idle'));

    const { messages, threadId, announcement } = hook.result.current.state;
    expect(messages.map((m) => [m.role, messageText(m), m.state])).toEqual([
      ['user', 'dog food?', 'complete'],
      ['assistant', 'Here are two foods.', 'complete'],
    ]);
    expect(messages[1]?.parts.map((p) => p.type)).toEqual(['text', 'products']);
    expect(messageProducts(messages[1]!).map((p) => p.id)).toEqual([39]);
    expect(threadId).toBe('t1');
    expect(announcement).toBe('Here are two foods.');
    expect(onThreadChange).toHaveBeenLastCalledWith('t1');
    expect(proxy.to('/api/chat/stream')[0]?.body).toEqual({
      message: 'dog food?',
      thread_id: null,
      context: { product_id: 39 },
    });
  });

  it('continues the thread on the next message', async () => {
    const { proxy, hook } = setup({ [STREAM]: streamOk(ANSWER) });
    act(() => hook.result.current.send('first'));
    await waitFor(() => expect(hook.result.current.state.phase).toBe('idle'));
    act(() => hook.result.current.send('second'));
    await waitFor(() => expect(hook.result.current.state.messages).toHaveLength(4));
    await waitFor(() => expect(hook.result.current.state.phase).toBe('idle'));
    expect(proxy.to('/api/chat/stream').map((r) => (r.body as { thread_id: unknown }).thread_id)).toEqual([null, 't1']);
    expect(proxy.to('/api/chat/stream')[1]?.body).not.toHaveProperty('context');
  });

  it('shows the status line while the catalog is searched', async () => {
    const { hook } = setup({
      [STREAM]: (req) =>
        fakeResponse({ body: hangingStreamOf([sse([{ type: 'status', status: 'searching_catalog' }])], req.signal) }),
    });
    act(() => hook.result.current.send('hi'));
    await waitFor(() => expect(hook.result.current.state.status?.phase).toBe('searching_catalog'));
    act(() => hook.result.current.stop());
    await waitFor(() => expect(hook.result.current.state.status).toBeNull());
  });

  it('stop aborts the request and keeps the partial answer, marked stopped', async () => {
    const { proxy, hook } = setup({
      [STREAM]: (req) => fakeResponse({ body: hangingStreamOf([sse([{ type: 'text', content: 'Half an' }])], req.signal) }),
    });
    act(() => hook.result.current.send('hi'));
    await waitFor(() => expect(hook.result.current.state.messages[1]?.parts).toEqual([{ type: 'text', text: 'Half an' }]));
    expect(hook.result.current.state.phase).toBe('streaming');
    act(() => hook.result.current.stop());
    await waitFor(() => expect(hook.result.current.state.phase).toBe('idle'));
    expect(proxy.requests[0]?.signal?.aborted).toBe(true);
    expect(hook.result.current.state.messages[1]).toMatchObject({ parts: [{ type: 'text', text: 'Half an' }], state: 'stopped' });
    expect(hook.result.current.state.failure).toBeNull();
    expect(proxy.to('/api/chat/').filter((r) => r.url.endsWith('/api/chat'))).toHaveLength(0);
  });

  it('an error event fails the turn; retry sends the same text again without duplicating it', async () => {
    const { proxy, hook } = setup({
      [STREAM]: [
        streamOk([
          { type: 'thread_id', thread_id: 't9' },
          { type: 'error', code: 'upstream_unavailable', message: 'down', retryable: true },
        ]),
        streamOk(ANSWER),
      ],
    });
    act(() => hook.result.current.send('cat litter'));
    await waitFor(() => expect(hook.result.current.state.failure).not.toBeNull());
    expect(hook.result.current.state.failure?.error.kind).toBe('server');
    expect(hook.result.current.state.failure?.text).toBe('cat litter');
    expect(hook.result.current.state.messages.map((m) => [m.role, m.state])).toEqual([['user', 'failed']]);
    // No fallback once the stream had started.
    expect(proxy.requests.filter((r) => r.url.endsWith('/api/chat'))).toHaveLength(0);

    act(() => hook.result.current.retry());
    await waitFor(() => expect(hook.result.current.state.phase).toBe('idle'));
    await waitFor(() => expect(hook.result.current.state.failure).toBeNull());
    expect(hook.result.current.state.messages.map((m) => [m.role, messageText(m)])).toEqual([
      ['user', 'cat litter'],
      ['assistant', 'Here are two foods.'],
    ]);
    expect((proxy.to('/api/chat/stream')[1]?.body as { thread_id: unknown }).thread_id).toBe('t9');
  });

  it('a 429 reports when to retry and does not hammer the fallback', async () => {
    const { proxy, hook } = setup({
      [STREAM]: () =>
        fakeResponse({
          status: 429,
          headers: { 'Retry-After': '30' },
          json: { error: { code: 'rate_limited', message: 'slow down', retry_after: 30 } },
        }),
    });
    act(() => hook.result.current.send('hi'));
    await waitFor(() => expect(hook.result.current.state.failure).not.toBeNull());
    expect(hook.result.current.state.failure?.error.kind).toBe('rate_limited');
    expect(hook.result.current.state.failure?.error.retryAfterSeconds).toBe(30);
    expect(proxy.requests).toHaveLength(1);
  });

  it('falls back to POST /api/chat when the stream sends no first byte in time', async () => {
    const { proxy, hook } = setup({
      [STREAM]: (req) => fakeResponse({ body: hangingStreamOf([], req.signal) }),
      [CHAT]: () => fakeResponse({ json: { thread_id: 't2', reply: 'Fallback **answer**', products: [product()] } }),
    });
    act(() => hook.result.current.send('hello'));
    await waitFor(() => expect(hook.result.current.state.phase).toBe('idle'));
    expect(proxy.requests.map((r) => new URL(r.url).pathname)).toEqual(['/api/chat/stream', '/api/chat']);
    expect(proxy.requests[0]?.signal?.aborted).toBe(true);
    expect(hook.result.current.state.messages[1]).toMatchObject({ state: 'complete' });
    expect(hook.result.current.state.messages[1]?.parts).toEqual([
      { type: 'text', text: 'Fallback **answer**' },
      { type: 'products', products: [product()] },
    ]);
    expect(hook.result.current.state.threadId).toBe('t2');
  });

  it('falls back when the stream cannot start (connection refused), and fails when the fallback does too', async () => {
    const { proxy, hook } = setup({ [STREAM]: connectionRefused, [CHAT]: connectionRefused });
    act(() => hook.result.current.send('anyone there?'));
    await waitFor(() => expect(hook.result.current.state.failure).not.toBeNull());
    expect(proxy.requests.map((r) => new URL(r.url).pathname)).toEqual(['/api/chat/stream', '/api/chat']);
    expect(hook.result.current.state.failure?.error.kind).toBe('network');
    expect(hook.result.current.state.failure?.text).toBe('anyone there?');
    expect(hook.result.current.state.failure?.error.retryable).toBe(true);
  });

  it('uses only POST /api/chat when streaming is off', async () => {
    const { proxy, hook } = setup(
      { [CHAT]: () => fakeResponse({ json: { thread_id: 't3', reply: 'plain', products: [] } }) },
      { streaming: false },
    );
    act(() => hook.result.current.send('hi'));
    await waitFor(() => expect(hook.result.current.state.messages[1]?.parts).toEqual([{ type: 'text', text: 'plain' }]));
    expect(proxy.requests.map((r) => new URL(r.url).pathname)).toEqual(['/api/chat']);
  });

  it('restores the stored thread from the history endpoint', async () => {
    const { proxy, hook } = setup(
      {
        [HISTORY]: () =>
          fakeResponse({
            json: {
              thread_id: 'old',
              messages: [
                { role: 'user', content: 'bowls?' },
                { role: 'assistant', content: 'These:', products: [product({ id: 7 })] },
              ],
            },
          }),
      },
      { initialThreadId: 'old' },
    );
    act(() => hook.result.current.restore());
    expect(hook.result.current.state.phase).toBe('restoring');
    await waitFor(() => expect(hook.result.current.state.messages).toHaveLength(2));
    expect(proxy.requests[0]?.url).toBe(`${PROXY}/api/chat/history?thread_id=old`);
    expect(hook.result.current.state.messages[1]?.parts).toEqual([
      { type: 'text', text: 'These:' },
      { type: 'products', products: [product({ id: 7 })] },
    ]);
    // A second call does not fetch again.
    act(() => hook.result.current.restore());
    expect(proxy.requests).toHaveLength(1);
  });

  it('forgets a thread the proxy no longer knows', async () => {
    const { hook, onThreadChange } = setup(
      { [HISTORY]: () => fakeResponse({ status: 404, json: { error: { code: 'not_found', message: 'gone' } } }) },
      { initialThreadId: 'expired' },
    );
    act(() => hook.result.current.restore());
    await waitFor(() => expect(hook.result.current.state.threadId).toBeNull());
    expect(onThreadChange).toHaveBeenLastCalledWith(null);
    expect(hook.result.current.state.phase).toBe('idle');
  });

  it('new conversation clears the messages and the thread', async () => {
    const { hook, onThreadChange } = setup({ [STREAM]: streamOk(ANSWER) });
    act(() => hook.result.current.send('hi'));
    await waitFor(() => expect(hook.result.current.state.threadId).toBe('t1'));
    act(() => hook.result.current.newConversation());
    expect(hook.result.current.state.messages).toEqual([]);
    expect(hook.result.current.state.threadId).toBeNull();
    expect(onThreadChange).toHaveBeenLastCalledWith(null);
  });
});

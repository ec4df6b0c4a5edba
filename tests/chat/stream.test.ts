import type { ChatEvent, ProductCard } from '../../proxy/src/contract/events';
import { streamChat, textOf } from '../helpers/proxy';
import OpenAI from 'openai';
import { VECTOR_STORE_KEY } from '../../proxy/src/app/compose';
import { responsesRequests, startChatWorld, TEST_OPENAI_KEY, type ChatWorld } from './setup';

let world: ChatWorld;
beforeAll(async () => {
  world = await startChatWorld();
});
afterAll(async () => {
  await world?.close();
});
beforeEach(() => {
  world.openai.reset();
  world.woo.requests.length = 0;
});
afterEach(() => {
  // Every request the proxy sent to OpenAI must validate against the official spec.
  expect(world.openai.specViolations).toEqual([]);
});

const types = (events: ChatEvent[]) => events.map((e) => e.type);

describe('POST /api/chat/stream', () => {
  test('a Hebrew greeting streams thread_id, several text deltas, then done, with SSE headers', async () => {
    const { status, headers, events } = await streamChat(world.proxy.url, { message: 'שלום', thread_id: null });
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(headers.get('x-accel-buffering')).toBe('no');
    expect(headers.get('content-encoding')).toBeNull();
    expect(events[0]).toMatchObject({ type: 'thread_id', new_thread: true });
    const threadId = (events[0] as { thread_id: string }).thread_id;
    expect(threadId).toMatch(/^thread_/);
    expect(events.at(-1)).toEqual({ type: 'done', thread_id: threadId, message_id: expect.stringMatching(/^msg_/) });
    const texts = events.filter((e) => e.type === 'text');
    expect(texts.length).toBeGreaterThan(1);
    expect(textOf(events)).toMatch(/[\u0590-\u05FF]/);
    // The proxy created a Conversation and used it; the shopper never sees its ID.
    const [created] = world.openai.requests.filter((r) => r.path === '/v1/conversations');
    expect(created).toBeDefined();
    const convId = [...world.openai.state.conversations.keys()][0]!;
    expect(JSON.stringify(events)).not.toContain(convId);
    const [turn] = responsesRequests(world.openai);
    expect(turn!.body).toMatchObject({ conversation: convId, stream: true, model: 'gpt-6-luna', reasoning: { effort: 'low' } });
    expect(turn!.authorization).toBe(`Bearer ${TEST_OPENAI_KEY}`);
  });

  test('a product request shows cards built from WooCommerce data, then keeps streaming on the same conversation', async () => {
    const { events } = await streamChat(world.proxy.url, { message: 'מזון לכלבים', thread_id: null });
    expect(types(events)[0]).toBe('thread_id');
    expect(types(events).at(-1)).toBe('done');
    const products = events.find((e) => e.type === 'products') as { data: ProductCard[] } | undefined;
    expect(products).toBeDefined();
    expect(products!.data.map((c) => c.id)).toEqual(world.visibleIds);
    const source = world.catalog.products.find((p) => p.id === world.visibleIds[0])!;
    expect(products!.data[0]).toMatchObject({
      name: source.name,
      price: source.price,
      permalink: source.permalink,
      currency: 'ILS',
    });
    expect(products!.data[0]!.price_html).not.toMatch(/[<>]/);
    const variable = products!.data[1]!;
    expect(variable.type).toBe('variable');
    // Never synced: variations come from the sync, never from the call; the card lists the options instead.
    expect(variable.variations).toEqual([]);
    expect(variable.variation_attributes!.length).toBeGreaterThan(0);
    // Text comes after the cards, from the follow-up response.
    const productsAt = types(events).indexOf('products');
    expect(types(events).slice(productsAt).includes('text')).toBe(true);
    // Two streamed responses on one conversation; the second carries the function_call_output.
    const turns = responsesRequests(world.openai);
    expect(turns).toHaveLength(2);
    const [first, second] = turns.map((t) => t.body as { conversation: string; input: Array<Record<string, unknown>> });
    expect(second!.conversation).toBe(first!.conversation);
    expect(second!.input[0]).toMatchObject({ type: 'function_call_output' });
    const output = JSON.parse(String(second!.input[0]!.output)) as { shown: Array<{ id: number }> };
    expect(output.shown.map((s) => s.id)).toEqual(world.visibleIds);
    // One batched WooCommerce request for the products, none for variations.
    const productCalls = world.woo.requests.filter((r) => r.path === '/wp-json/wc/v3/products');
    expect(productCalls).toHaveLength(1);
    expect(productCalls[0]!.query.include).toBe(world.visibleIds.join(','));
    expect(world.woo.requests).toHaveLength(1);
  });

  test('the second time, cards come from the cache: no WooCommerce request', async () => {
    await streamChat(world.proxy.url, { message: 'מזון לכלבים', thread_id: null });
    world.woo.requests.length = 0;
    const { events } = await streamChat(world.proxy.url, { message: 'dog food again', thread_id: null });
    expect(events.some((e) => e.type === 'products')).toBe(true);
    expect(world.woo.requests).toHaveLength(0);
  });

  test('a thread continues: the same thread_id maps to the same conversation', async () => {
    const first = await streamChat(world.proxy.url, { message: 'שלום', thread_id: null });
    const threadId = (first.events[0] as { thread_id: string }).thread_id;
    const second = await streamChat(world.proxy.url, { message: 'ומה עוד?', thread_id: threadId });
    expect(second.events[0]).toEqual({ type: 'thread_id', thread_id: threadId });
    const conversations = responsesRequests(world.openai).map((r) => (r.body as { conversation: string }).conversation);
    expect(new Set(conversations).size).toBe(1);
    expect(world.openai.requests.filter((r) => r.path === '/v1/conversations' && r.method === 'POST')).toHaveLength(1);
  });

  test('an unknown or expired thread_id starts a new thread and says so', async () => {
    const { events } = await streamChat(world.proxy.url, { message: 'hello', thread_id: 'thread_doesnotexist0000000000' });
    expect(events[0]).toMatchObject({ type: 'thread_id', new_thread: true });
    expect((events[0] as { notice?: string }).notice).toMatch(/new one/);
    expect((events[0] as { thread_id: string }).thread_id).not.toBe('thread_doesnotexist0000000000');
    expect(types(events).at(-1)).toBe('done');
  });

  test('an OpenAI conversation ID from a client is never accepted', async () => {
    const first = await streamChat(world.proxy.url, { message: 'hi', thread_id: null });
    expect(first.status).toBe(200);
    const convId = [...world.openai.state.conversations.keys()][0]!;
    const { events } = await streamChat(world.proxy.url, { message: 'hi', thread_id: convId });
    expect(events[0]).toMatchObject({ new_thread: true });
    const used = responsesRequests(world.openai).map((r) => (r.body as { conversation: string }).conversation);
    expect(used[1]).not.toBe(convId);
  });

  test('drafts, private and hidden products are never shown, whatever the model asks for', async () => {
    world.openai.enqueue({
      kind: 'function_call',
      name: 'show_products',
      arguments: JSON.stringify({ product_ids: [...world.forbiddenIds, world.visibleIds[0]] }),
    });
    const { events } = await streamChat(world.proxy.url, { message: 'show me everything', thread_id: null });
    const shown = events
      .filter((e) => e.type === 'products')
      .flatMap((e) => (e as { data: ProductCard[] }).data.map((c) => c.id));
    expect(shown).toEqual([world.visibleIds[0]]);
    const followUp = responsesRequests(world.openai)[1]!.body as { input: Array<{ output: string }> };
    expect(JSON.parse(followUp.input[0]!.output).unavailable_ids).toEqual(world.forbiddenIds);
  });

  test('the text of a later model round starts a new paragraph instead of running on', async () => {
    world.openai.enqueue(
      {
        kind: 'function_call',
        name: 'show_products',
        arguments: JSON.stringify({ product_ids: [world.visibleIds[0]] }),
        leadingText: 'הנה מה שמצאתי:',
      },
      { kind: 'text', text: 'אלה המוצרים שמתאימים.' },
    );
    const { events } = await streamChat(world.proxy.url, { message: 'צעצוע לכלב', thread_id: null });
    expect(
      types(events)
        .filter((t) => t === 'text' || t === 'products')
        .indexOf('products'),
    ).toBeGreaterThan(0);
    expect(textOf(events)).toBe('הנה מה שמצאתי:\n\nאלה המוצרים שמתאימים.');
  });

  test('malformed tool arguments (strings, 10,000 IDs, huge IDs) never reach WooCommerce unbounded', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => i + 1);
    world.openai.enqueue({
      kind: 'function_call',
      name: 'show_products',
      arguments: JSON.stringify({ product_ids: ['42', 1e20, -3, 2.5, ...many] }),
    });
    const { events } = await streamChat(world.proxy.url, { message: 'show', thread_id: null });
    expect(types(events).at(-1)).toBe('done');
    const productCalls = world.woo.requests.filter((r) => r.path === '/wp-json/wc/v3/products');
    expect(productCalls).toHaveLength(1);
    expect(productCalls[0]!.query.include!.split(',')).toHaveLength(12);
  });

  test('file_search over the synced vector store shows a status line while the catalog is searched', async () => {
    const client = new OpenAI({ apiKey: TEST_OPENAI_KEY, baseURL: world.openai.baseURL });
    const vectorStore = await client.vectorStores.create({ name: 'catalog' });
    // Where the sync persists the vector store it created; chat reads it from there.
    await world.proxy.aisle.store.set(VECTOR_STORE_KEY, vectorStore.id);
    try {
      const { events } = await streamChat(world.proxy.url, { message: 'מזון לכלבים', thread_id: null });
      const statusAt = types(events).indexOf('status');
      expect(events[statusAt]).toEqual({ type: 'status', status: 'searching_catalog' });
      expect(statusAt).toBeLessThan(types(events).indexOf('products'));
      const body = responsesRequests(world.openai)[0]!.body as { tools: Array<Record<string, unknown>> };
      expect(body.tools).toContainEqual(expect.objectContaining({ type: 'file_search', vector_store_ids: [vectorStore.id] }));
    } finally {
      await world.proxy.aisle.store.del(VECTOR_STORE_KEY);
    }
  });

  test('an upstream error event mid-stream becomes an error event, then the stream closes cleanly', async () => {
    world.openai.enqueue({
      kind: 'stream_error',
      code: 'server_error',
      message: 'The server had an error',
      partialText: 'רק רגע',
    });
    const { events } = await streamChat(world.proxy.url, { message: 'שלום', thread_id: null });
    expect(types(events)).toEqual(['thread_id', ...types(events).slice(1, -2), 'error', 'done']);
    const error = events.find((e) => e.type === 'error')!;
    expect(error).toMatchObject({ code: 'upstream_error', retryable: true });
    expect(JSON.stringify(error)).not.toMatch(/server had an error/);
  });

  test('insufficient_quota is not retryable', async () => {
    world.openai.enqueue({ kind: 'stream_error', code: 'insufficient_quota', message: 'You exceeded your current quota' });
    const { events } = await streamChat(world.proxy.url, { message: 'שלום', thread_id: null });
    expect(events.find((e) => e.type === 'error')).toMatchObject({ retryable: false });
  });

  test('an upstream 429 with retry-after becomes an error event that says when to retry', async () => {
    world.openai.failNext('responses.create', { status: 429, headers: { 'retry-after': '7' } }, 2);
    const { events } = await streamChat(world.proxy.url, { message: 'שלום', thread_id: null });
    expect(events.find((e) => e.type === 'error')).toMatchObject({
      code: 'upstream_rate_limited',
      retryable: true,
      retry_after: 7,
    });
  });

  test('a stream cut in the middle ends with an error event, not a hang', async () => {
    world.openai.enqueue({ kind: 'cut', afterEvents: 4 }, { kind: 'cut', afterEvents: 4 });
    const { events } = await streamChat(world.proxy.url, { message: 'שלום', thread_id: null });
    expect(types(events).at(-2)).toBe('error');
    expect(types(events).at(-1)).toBe('done');
  });

  test('a client disconnect aborts the upstream request within a second', async () => {
    const w = await startChatWorld({ openai: { tokenDelayMs: 300 } });
    try {
      const controller = new AbortController();
      const res = await fetch(`${w.proxy.url}/api/chat/stream`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message: 'שלום', thread_id: null }),
        signal: controller.signal,
      });
      const reader = res.body!.getReader();
      let seen = '';
      while (!seen.includes('"type":"text"')) seen += new TextDecoder().decode((await reader.read()).value);
      expect(w.openai.openStreams()).toBe(1);
      controller.abort();
      const started = Date.now();
      while (w.openai.abortedStreams() < 1 && Date.now() - started < 1000) await new Promise((r) => setTimeout(r, 10));
      expect(w.openai.abortedStreams()).toBe(1);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(w.openai.openStreams()).toBe(0);
    } finally {
      await w.close();
    }
  });

  // Last: it syncs the catalog, which later tests in this world do not expect.
  test('after a catalog sync, the variable card offers its in-stock variations, still in one WooCommerce request', async () => {
    const sync = await fetch(`${world.proxy.url}/api/sync`, { method: 'POST' });
    expect(sync.status).toBe(200);
    world.woo.requests.length = 0;
    const { events } = await streamChat(world.proxy.url, { message: 'מזון לכלבים', thread_id: null });
    const products = events.find((e) => e.type === 'products') as { data: ProductCard[] } | undefined;
    const variable = products!.data[1]!;
    const source = world.catalog.variations[variable.id] ?? [];
    // What a shopper can buy: published, purchasable, priced and not out of stock.
    const inStock = source.filter(
      (v) =>
        (v.status ?? 'publish') === 'publish' && v.purchasable !== false && v.price !== '' && v.stock_status !== 'outofstock',
    );
    expect(inStock.length).toBeGreaterThan(0);
    expect(variable.variations.map((v) => v.id).sort()).toEqual(inStock.map((v) => v.id).sort());
    expect(variable.variations.map((v) => v.price).sort()).toEqual(inStock.map((v) => v.price).sort());
    expect(world.woo.requests.filter((r) => r.path.endsWith('/variations'))).toHaveLength(0);
    expect(world.woo.requests.filter((r) => r.path === '/wp-json/wc/v3/products')).toHaveLength(1);
    // And the card with its variations is cached like any other.
    world.woo.requests.length = 0;
    await streamChat(world.proxy.url, { message: 'dog food again', thread_id: null });
    expect(world.woo.requests).toHaveLength(0);
  });
});

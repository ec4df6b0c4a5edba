import type { ChatEvent, ProductCard } from '../../proxy/src/contract/events';
import { responsesRequests, startChatWorld, type ChatWorld } from '../chat/setup';
import { streamChat, textOf } from '../helpers/proxy';

/** WooCommerce down: chat still answers, with the last known cards marked stale, or says live prices cannot be shown. */
let world: ChatWorld;
beforeAll(async () => {
  world = await startChatWorld({ env: { AISLE_PRODUCT_CACHE_TTL_S: '0', WOO_TIMEOUT_MS: '1000' } });
});
afterAll(async () => world?.close());

const cardsOf = (events: ChatEvent[]): ProductCard[] =>
  events.filter((e): e is Extract<ChatEvent, { type: 'products' }> => e.type === 'products').flatMap((e) => e.data);

test('cards come from the last known data, marked stale, and the model is told to say so', async () => {
  const live = await streamChat(world.proxy.url, { message: 'dog food', thread_id: null });
  expect(cardsOf(live.events).map((c) => c.id)).toEqual(world.visibleIds);
  expect(cardsOf(live.events).every((c) => !c.stale)).toBe(true);

  world.openai.reset();
  world.woo.failNext({ type: 'status', status: 503, times: 50 });
  const down = await streamChat(world.proxy.url, { message: 'dog food', thread_id: null });
  world.woo.clearFaults();
  expect(down.events.at(-1)?.type).toBe('done');
  expect(down.events.some((e) => e.type === 'error')).toBe(false);
  const cards = cardsOf(down.events);
  expect(cards.map((c) => c.id)).toEqual(world.visibleIds);
  expect(cards.every((c) => c.stale === true)).toBe(true);
  const followUp = responsesRequests(world.openai)[1]!.body as { input: Array<{ output?: string }> };
  expect(String(followUp.input[0]!.output)).toMatch(/out of date/);
  expect(textOf(down.events).length).toBeGreaterThan(0);
});

test('products never seen before: no cards, the assistant is told live prices cannot be shown, and still answers', async () => {
  world.openai.reset();
  world.openai.enqueue({
    kind: 'function_call',
    name: 'show_products',
    arguments: JSON.stringify({ product_ids: [world.catalog.products.at(-1)!.id] }),
  });
  world.woo.failNext({ type: 'reset', times: 50 });
  const down = await streamChat(world.proxy.url, { message: 'something else', thread_id: null });
  world.woo.clearFaults();
  expect(down.events.at(-1)?.type).toBe('done');
  expect(down.events.some((e) => e.type === 'error')).toBe(false);
  expect(cardsOf(down.events)).toEqual([]);
  const followUp = responsesRequests(world.openai)[1]!.body as { input: Array<{ output?: string }> };
  expect(String(followUp.input[0]!.output)).toMatch(/could not be reached|cannot be shown/);
  expect(textOf(down.events).length).toBeGreaterThan(0);
});

/**
 * Restored history keeps the order of text and cards: each answer is one message whose `parts`
 * follow the conversation items at OpenAI (text, cards, text), the same sequence the live
 * stream showed; `content` and `products` stay for widgets that do not read `parts`.
 */
import type { ChatEvent, ChatHistory } from '../../proxy/src/contract/events';
import { BRAIN_TEXTS } from '../fakes/openai';
import { streamChat } from '../helpers/proxy';
import { textThenProducts } from './history-scripts';
import { startChatWorld, type ChatWorld } from './setup';

let world: ChatWorld;
beforeAll(async () => {
  world = await startChatWorld();
});
afterAll(async () => world?.close());

type Step = string | number[];

/** The live stream as the widget draws it: a text after any other event starts a new paragraph. */
function liveSequence(events: ChatEvent[]): Step[] {
  const steps: Step[] = [];
  let textOpen = false;
  for (const event of events) {
    if (event.type === 'text') {
      if (textOpen) steps[steps.length - 1] += event.content;
      else steps.push(event.content);
      textOpen = true;
    } else if (event.type !== 'thread_id') {
      if (event.type === 'products') steps.push(event.data.map((card) => card.id));
      textOpen = false;
    }
  }
  return steps.map((step) => (typeof step === 'string' ? step.trim() : step)).filter((step) => step !== '');
}

async function history(threadId: string): Promise<ChatHistory> {
  const res = await fetch(`${world.proxy.url}/api/chat/history?thread_id=${threadId}`);
  expect(res.status).toBe(200);
  return (await res.json()) as ChatHistory;
}

test('an answer of text, cards, text comes back as one message with its parts in that order', async () => {
  const intro = 'Let me look for **dry food** for you:';
  world.openai.enqueue(textThenProducts(intro, world.visibleIds));
  const { events } = await streamChat(world.proxy.url, { message: 'dog food please', thread_id: null });
  const live = liveSequence(events);
  expect(live).toEqual([intro, world.visibleIds, BRAIN_TEXTS.productsIntroEn]);

  const threadId = (events[0] as { thread_id: string }).thread_id;
  // A second turn: its answer is a message of its own, after the shopper's question.
  const second = await streamChat(world.proxy.url, { message: 'hello', thread_id: threadId });
  const secondDone = second.events.at(-1);
  expect(secondDone).toEqual({ type: 'done', thread_id: threadId, message_id: expect.stringMatching(/^msg_/) });

  const restored = await history(threadId);
  expect(restored.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
  const answer = restored.messages[1]!;
  expect(
    answer.parts?.map((p) => (p.type === 'text' ? p.content.trim() : p.type === 'products' ? p.data.map((c) => c.id) : p.type)),
  ).toEqual(live);
  // Older widgets read content and products: all the text (one paragraph per round), all the cards.
  expect(answer.content).toBe(`${intro}\n\n${BRAIN_TEXTS.productsIntroEn}`);
  expect(answer.products?.map((c) => c.id)).toEqual(world.visibleIds);
  // The cards are rebuilt from the store, as full cards.
  const cards = answer.parts?.find((p) => p.type === 'products');
  expect(cards?.type === 'products' && cards.data.map((c) => c.name)).toEqual(
    world.visibleIds.map((id) => world.catalog.products.find((p) => p.id === id)!.name),
  );
  expect(restored.messages[2]).toEqual({ role: 'user', content: 'hello' });
  expect(restored.messages[3]).toEqual({
    role: 'assistant',
    content: BRAIN_TEXTS.greetingEn,
    parts: [{ type: 'text', content: BRAIN_TEXTS.greetingEn }],
    // The same id the live `done` named, so a restored answer can be rated too.
    message_id: secondDone?.type === 'done' ? secondDone.message_id : 'none',
  });
});

test('an answer that shows cards before any text restores as cards, then the text', async () => {
  // The default "model": show_products first, then a sentence about the cards.
  const { events } = await streamChat(world.proxy.url, { message: 'dog food', thread_id: null });
  expect(liveSequence(events)).toEqual([world.visibleIds, BRAIN_TEXTS.productsIntroEn]);
  const restored = await history((events[0] as { thread_id: string }).thread_id);
  expect(restored.messages).toHaveLength(2);
  expect(restored.messages[1]!.parts?.map((p) => p.type)).toEqual(['products', 'text']);
  expect(restored.messages[1]!.content).toBe(BRAIN_TEXTS.productsIntroEn);
});

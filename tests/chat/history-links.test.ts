import { streamChat } from '../helpers/proxy';
import { startChatWorld, type ChatWorld } from './setup';

let world: ChatWorld;
beforeAll(async () => {
  world = await startChatWorld();
});
afterAll(async () => world?.close());

test('a prompt-injected link is dropped from the live stream and from the restored history alike', async () => {
  const storeLink = `${world.woo.url}/product/x/`;
  world.openai.enqueue({
    kind: 'text',
    text: `Great deal at [cheap food](https://evil.example/steal) or see [our page](${storeLink}).`,
  });
  const { events } = await streamChat(world.proxy.url, { message: 'deals?', thread_id: null });
  const live = events
    .filter((e) => e.type === 'text')
    .map((e) => (e as { content: string }).content)
    .join('');
  expect(live).not.toContain('evil.example');
  expect(live).toContain('cheap food');
  expect(live).toContain(storeLink);

  const threadId = (events[0] as { thread_id: string }).thread_id;
  const res = await fetch(`${world.proxy.url}/api/chat/history?thread_id=${threadId}`);
  const history = (await res.json()) as { messages: Array<{ role: string; content: string }> };
  const restored = history.messages.find((m) => m.role === 'assistant')!.content;
  expect(restored).not.toContain('evil.example');
  expect(restored).toContain('cheap food');
  expect(restored).toContain(storeLink);
});

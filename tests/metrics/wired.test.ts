import { startChatWorld } from '../chat/setup';
import { streamChat } from '../helpers/proxy';
import { sample } from './app';

test('the composed proxy serves /metrics with chat, products, OpenAI and Woo series after a chat', async () => {
  const world = await startChatWorld({ env: { AISLE_METRICS_SECRET: 'metrics-secret-0123456789' } });
  try {
    const chat = await streamChat(world.proxy.url, { message: 'dog food', thread_id: null });
    expect(chat.events.at(-1)?.type).toBe('done');
    expect((await fetch(`${world.proxy.url}/metrics`)).status).toBe(401);
    const ev = await fetch(`${world.proxy.url}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'add_to_cart', product_id: world.visibleIds[0] }),
    });
    expect(ev.status).toBe(204);
    const text = await (
      await fetch(`${world.proxy.url}/metrics`, { headers: { authorization: 'Bearer metrics-secret-0123456789' } })
    ).text();
    expect(sample(text, 'aisle_chats_finished_total{outcome="ok"}')).toBe(1);
    expect(sample(text, 'aisle_products_shown_total')).toBe(2);
    expect(sample(text, 'aisle_widget_events_total{type="add_to_cart"}')).toBe(1);
    expect(sample(text, 'aisle_openai_time_to_first_token_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'aisle_woocommerce_request_duration_seconds_count{operation="getProductsByIds",outcome="ok"}')).toBe(1);
  } finally {
    await world.close();
  }
});

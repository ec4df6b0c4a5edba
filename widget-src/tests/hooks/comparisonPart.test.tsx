/** @jsxRuntime classic */
/** @jsx createElement */
import { describe, expect, it } from '@jest/globals';
import { render, screen, within } from '@testing-library/react';
import { createElement } from '@wordpress/element';
import type { ChatEvent, ComparisonTable } from '../../../proxy/src/contract/events';
import { ChatMessage } from '../../components/ChatMessage/ChatMessage';
import { chatReducer, initialChatState, type ChatState } from '../../hooks/chatState';
import { product } from '../helpers/streams';

const TABLE: ComparisonTable = {
  items: [39, 48].map((id) => ({
    id,
    name: `Product ${id}`,
    permalink: `https://store.example/p/${id}/`,
    price_html: `${id}.00 ₪`,
    stock_status: 'instock' as const,
    rating: null,
    rating_count: 0,
    attributes: {},
  })),
  rows: [],
};

function play(events: ChatEvent[]): ChatState {
  let state = chatReducer(initialChatState(null), {
    type: 'start',
    userMessageId: 'u1',
    assistantMessageId: 'a1',
    text: 'compare',
  });
  for (const event of events) state = chatReducer(state, { type: 'event', assistantMessageId: 'a1', event });
  return state;
}

describe('a comparison in a message', () => {
  it('is a part in arrival order, closing the text before it', () => {
    const state = play([
      { type: 'text', content: 'Side by side:' },
      { type: 'status', status: 'loading_products' },
      { type: 'comparison', data: TABLE },
      { type: 'text', content: 'The first is cheaper.' },
      { type: 'done', thread_id: 't1' },
    ]);
    const message = state.messages.find((m) => m.id === 'a1')!;
    expect(message.parts).toEqual([
      { type: 'text', text: 'Side by side:' },
      { type: 'comparison', table: TABLE },
      { type: 'text', text: 'The first is cheaper.' },
    ]);
    expect(message.state).toBe('complete');
  });

  it('an answer that is only a table is kept, not dropped as empty', () => {
    const state = play([
      { type: 'comparison', data: TABLE },
      { type: 'done', thread_id: 't1' },
    ]);
    expect(state.messages.find((m) => m.id === 'a1')?.parts).toEqual([{ type: 'comparison', table: TABLE }]);
  });

  it('is restored from history parts, and a malformed part is skipped', () => {
    const state = chatReducer(initialChatState('t1'), {
      type: 'restored',
      idPrefix: 'h',
      history: {
        thread_id: 't1',
        messages: [
          { role: 'user', content: 'compare' },
          {
            role: 'assistant',
            content: 'Here.',
            parts: [
              { type: 'text', content: 'Here.' },
              { type: 'comparison', data: TABLE },
              { type: 'comparison', data: {} as ComparisonTable },
            ],
          },
        ],
      },
    });
    expect(state.messages[1]?.parts).toEqual([
      { type: 'text', text: 'Here.' },
      { type: 'comparison', table: TABLE },
    ]);
  });

  it('ChatMessage draws it as a table between the text parts, next to cards', () => {
    const state = play([
      { type: 'text', content: 'Compared:' },
      { type: 'comparison', data: TABLE },
      { type: 'products', data: [product({ id: 39 })] },
      { type: 'done', thread_id: 't1' },
    ]);
    const message = state.messages.find((m) => m.id === 'a1')!;
    const { container } = render(
      <ul>
        <ChatMessage message={message} locale="en_US" addItem={null} cartUrl={null} />
      </ul>,
    );
    const table = screen.getByRole('table', { name: 'Comparison of 2 products' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((c) => c.textContent),
    ).toEqual(['Product 39', 'Product 48']);
    const order = Array.from(container.querySelectorAll('.aisle-message__text, .aisle-comparison, .aisle-cards')).map(
      (e) => e.className,
    );
    expect(order).toEqual(['aisle-message__text aisle-markdown', 'aisle-comparison', 'aisle-cards']);
    expect(container.querySelector('.aisle-message')?.className).toContain('aisle-message--with-products');
  });
});

import { describe, expect, it } from '@jest/globals';
import type { ChatEvent, ChatHistory } from '../../../proxy/src/contract/events';
import { chatReducer, initialChatState, messageText, type ChatState, type MessagePart } from '../../hooks/chatState';
import { product } from '../helpers/streams';

const DOG = product({ id: 39 });
const CAT = product({ id: 48 });

/** Sends `text`, then plays `events` into the assistant message, as useChat does. */
function play(events: ChatEvent[], state: ChatState = initialChatState(null)): ChatState {
  let next = chatReducer(state, { type: 'start', userMessageId: 'u1', assistantMessageId: 'a1', text: 'dog food?' });
  for (const event of events) next = chatReducer(next, { type: 'event', assistantMessageId: 'a1', event });
  return next;
}

const partsOf = (state: ChatState, id = 'a1'): MessagePart[] | undefined => state.messages.find((m) => m.id === id)?.parts;

function restore(history: ChatHistory): ChatState {
  return chatReducer(initialChatState(history.thread_id), { type: 'restored', history, idPrefix: 'h' });
}

describe('chat state: a message is its parts in arrival order', () => {
  it('text deltas of one round grow one text part', () => {
    const state = play([
      { type: 'thread_id', thread_id: 't1' },
      { type: 'text', content: 'Here ' },
      { type: 'text', content: 'are two.' },
    ]);
    expect(partsOf(state)).toEqual([{ type: 'text', text: 'Here are two.' }]);
    expect(state.phase).toBe('streaming');
  });

  it('text after cards starts a new part, so the closing sentence stays after the cards it refers to', () => {
    const state = play([
      { type: 'thread_id', thread_id: 't1' },
      { type: 'text', content: 'Let me look' },
      { type: 'text', content: ' for you:' },
      { type: 'status', status: 'loading_products' },
      { type: 'products', data: [DOG, CAT] },
      { type: 'text', content: '\n\nThese are' },
      { type: 'text', content: ' the two.' },
      { type: 'done', thread_id: 't1' },
    ]);
    expect(partsOf(state)).toEqual([
      { type: 'text', text: 'Let me look for you:' },
      { type: 'products', products: [DOG, CAT] },
      { type: 'text', text: '\n\nThese are the two.' },
    ]);
    // The live region hears both rounds once, as separate paragraphs, not run together.
    expect(state.announcement).toBe('Let me look for you:\n\nThese are the two.');
    expect(state.messages.find((m) => m.id === 'a1')?.state).toBe('complete');
  });

  it('a status between two rounds of text (a tool ran, no cards) also starts a new paragraph', () => {
    const state = play([
      { type: 'text', content: 'One moment.' },
      { type: 'status', status: 'searching_catalog' },
      { type: 'text', content: 'Found nothing.' },
      { type: 'done', thread_id: 't1' },
    ]);
    expect(partsOf(state)).toEqual([
      { type: 'text', text: 'One moment.' },
      { type: 'text', text: 'Found nothing.' },
    ]);
    expect(state.announcement).toBe('One moment.\n\nFound nothing.');
  });

  it('a status before any text does not leave an empty part; two card calls stay two parts', () => {
    const state = play([
      { type: 'status', status: 'searching_catalog' },
      { type: 'products', data: [DOG] },
      { type: 'products', data: [CAT] },
      { type: 'text', content: 'Both fit.' },
      { type: 'done', thread_id: 't1' },
    ]);
    expect(partsOf(state)).toEqual([
      { type: 'products', products: [DOG] },
      { type: 'products', products: [CAT] },
      { type: 'text', text: 'Both fit.' },
    ]);
  });

  it('an answer with only blank text is dropped when it ends', () => {
    const state = play([
      { type: 'status', status: 'thinking' },
      { type: 'text', content: '\n\n' },
      { type: 'done', thread_id: 't1' },
    ]);
    expect(state.messages.map((m) => m.role)).toEqual(['user']);
  });

  it('a stopped answer keeps its parts and closes its text, so nothing more joins it', () => {
    let state = play([{ type: 'text', content: 'Half' }]);
    state = chatReducer(state, { type: 'stop', assistantMessageId: 'a1' });
    expect(state.messages.find((m) => m.id === 'a1')).toMatchObject({
      parts: [{ type: 'text', text: 'Half' }],
      state: 'stopped',
      textOpen: false,
    });
  });

  it("restores the proxy's ordered parts; a live answer and its restored view have the same sequence", () => {
    const live = play([
      { type: 'thread_id', thread_id: 't1' },
      { type: 'text', content: 'Let me look:' },
      { type: 'status', status: 'loading_products' },
      { type: 'products', data: [DOG] },
      { type: 'text', content: 'This one.' },
      { type: 'done', thread_id: 't1' },
    ]);
    const restored = restore({
      thread_id: 't1',
      messages: [
        { role: 'user', content: 'dog food?' },
        {
          role: 'assistant',
          content: 'Let me look:\n\nThis one.',
          products: [DOG],
          parts: [
            { type: 'text', content: 'Let me look:' },
            { type: 'products', data: [DOG] },
            { type: 'text', content: 'This one.' },
          ],
        },
      ],
    });
    const sequence = (state: ChatState) =>
      state.messages.map((m) => [
        m.role,
        m.parts.map((p) =>
          p.type === 'text'
            ? p.text.trim()
            : p.type === 'products'
              ? p.products.map((c) => c.id)
              : p.type === 'comparison'
                ? p.table.items.map((i) => i.id)
                : p.type === 'image'
                  ? 'photo'
                  : p.type,
        ),
      ]);
    expect(sequence(restored)).toEqual(sequence(live));
    expect(sequence(restored)).toEqual([
      ['user', ['dog food?']],
      ['assistant', ['Let me look:', [39], 'This one.']],
    ]);
  });

  it('an older proxy without parts restores as text, then cards; unknown part shapes are skipped', () => {
    const restored = restore({
      thread_id: 't1',
      messages: [
        { role: 'assistant', content: 'These:', products: [DOG] },
        {
          role: 'assistant',
          content: 'x',
          parts: [
            { type: 'video', content: 'x' } as never,
            { type: 'text', content: 'Kept' },
            { type: 'products', data: 'nope' } as never,
          ],
        },
      ],
    });
    expect(restored.messages.map((m) => m.parts)).toEqual([
      [
        { type: 'text', text: 'These:' },
        { type: 'products', products: [DOG] },
      ],
      [{ type: 'text', text: 'Kept' }],
    ]);
    expect(messageText(restored.messages[0]!)).toBe('These:');
  });
});

describe('photos', () => {
  const photo = 'data:image/jpeg;base64,/9j/4AAQ';

  it('a sent photo is the first part of the user message, even without words', () => {
    const state = chatReducer(initialChatState(null), {
      type: 'start',
      userMessageId: 'u1',
      assistantMessageId: 'a1',
      text: '',
      image: photo,
    });
    expect(state.messages[0]).toMatchObject({ role: 'user', parts: [{ type: 'image', src: photo }] });
    expect(messageText(state.messages[0]!)).toBe('');
  });

  it('a restored photo is a placeholder without bytes, before the words', () => {
    const restored = chatReducer(initialChatState('t'), {
      type: 'restored',
      idPrefix: 'h',
      history: {
        thread_id: 't',
        messages: [
          {
            role: 'user',
            content: 'like this',
            parts: [
              { type: 'image', alt: 'Photo sent by the shopper' },
              { type: 'text', content: 'like this' },
            ],
          },
        ],
      },
    });
    expect(restored.messages[0]!.parts).toEqual([
      { type: 'image', src: null },
      { type: 'text', text: 'like this' },
    ]);
  });
});

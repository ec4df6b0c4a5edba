/** @jsxRuntime classic */
/** @jsx createElement */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createElement } from '@wordpress/element';
import type { WidgetEventBody } from '../../../proxy/src/contract/events';
import { createChatClient } from '../../api/chatClient';
import { CONSENT_CHANGE_EVENT, createConsentGate, type ConsentConfig } from '../../analytics/consent';
import { createEventQueue, MAX_BATCH } from '../../analytics/eventQueue';
import { resolveConfig } from '../../config/readConfig';
import { PanelApp } from '../../panel/PanelApp';
import { createPanelServices } from '../../panel/services';
import { createWidgetStateStore } from '../../storage/widgetState';
import { fakeProxy, PROXY } from '../helpers/fakeProxy';
import { fakeResponse, product, sse, streamOf } from '../helpers/streams';

type ConsentWindow = Window & { wp_has_consent?: (category: string) => boolean };

const events = (proxy: ReturnType<typeof fakeProxy>) =>
  proxy.to('/api/events').map((r) => (r.body as { events: WidgetEventBody[] }).events);

function queueWith(consent: ConsentConfig | null, flushMs = 1000) {
  const proxy = fakeProxy({ 'POST /api/events': () => fakeResponse({ status: 204 }) });
  const client = createChatClient({ proxyUrl: PROXY, fetch: proxy.fetch, firstByteTimeoutMs: 1000 });
  const queue = createEventQueue({
    send: (batch, options) => client.sendEvents(batch, options),
    consent: createConsentGate(consent, window),
    win: window,
    flushMs,
  });
  return { proxy, queue };
}

const settle = () => act(async () => new Promise((r) => setTimeout(r, 0)));

beforeEach(() => {
  jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
  delete (window as ConsentWindow).wp_has_consent;
});
afterEach(() => {
  jest.useRealTimers();
  cleanup();
});

describe('widget events: batching', () => {
  it('sends at most 50 a request, the rest when the timer fires', async () => {
    const { proxy, queue } = queueWith({ api: false, events: 'always' });
    for (let i = 1; i <= 120; i += 1) queue.track({ type: 'card_click', product_id: i });
    await jest.advanceTimersByTimeAsync(0);
    expect(events(proxy).map((b) => b.length)).toEqual([MAX_BATCH, MAX_BATCH]);
    await jest.advanceTimersByTimeAsync(999);
    expect(events(proxy)).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(1);
    expect(events(proxy).map((b) => b.length)).toEqual([50, 50, 20]);
    expect(
      events(proxy)
        .flat()
        .map((e) => e.product_id),
    ).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(proxy.to('/api/events').every((r) => !r.keepalive)).toBe(true);
    queue.close();
  });

  it('flushes with keepalive when the page is hidden or left', async () => {
    const { proxy, queue } = queueWith({ api: false, events: 'always' });
    queue.track({ type: 'open' });
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    queue.track({ type: 'add_to_cart', product_id: 7 });
    window.dispatchEvent(new Event('pagehide'));
    await jest.advanceTimersByTimeAsync(0);
    expect(events(proxy)).toEqual([[{ type: 'open' }], [{ type: 'add_to_cart', product_id: 7 }]]);
    expect(proxy.to('/api/events').map((r) => r.keepalive)).toEqual([true, true]);
    queue.close();
  });
});

describe('widget events: consent', () => {
  it.each<[string, ConsentConfig | null]>([
    ['the store setting says never', { api: false, events: 'never' }],
    ['no consent configuration', null],
    ['the WP Consent API is active but has no answer', { api: true, category: 'statistics' }],
  ])('nothing is sent when %s', async (_name, consent) => {
    const { proxy, queue } = queueWith(consent);
    for (let i = 0; i < 60; i += 1) queue.track({ type: 'open' });
    queue.flush();
    window.dispatchEvent(new Event('pagehide'));
    await jest.advanceTimersByTimeAsync(5000);
    expect(proxy.requests).toEqual([]);
    queue.close();
  });

  it('the WP Consent API: refused sends nothing; granted later, sending starts (earlier events stay unsent); withdrawn, it stops', async () => {
    (window as ConsentWindow).wp_has_consent = (category) => category !== 'statistics';
    const { proxy, queue } = queueWith({ api: true, category: 'statistics' });
    queue.track({ type: 'open' });
    await jest.advanceTimersByTimeAsync(2000);
    expect(proxy.requests).toEqual([]);

    document.dispatchEvent(new CustomEvent(CONSENT_CHANGE_EVENT, { detail: { statistics: 'allow' } }));
    queue.track({ type: 'card_click', product_id: 3 });
    await jest.advanceTimersByTimeAsync(1000);
    expect(events(proxy)).toEqual([[{ type: 'card_click', product_id: 3 }]]);

    // Queued, then withdrawn before the timer: dropped.
    queue.track({ type: 'handoff' });
    document.dispatchEvent(new CustomEvent(CONSENT_CHANGE_EVENT, { detail: { statistics: 'deny' } }));
    queue.track({ type: 'open' });
    await jest.advanceTimersByTimeAsync(5000);
    window.dispatchEvent(new Event('pagehide'));
    await jest.advanceTimersByTimeAsync(0);
    expect(proxy.to('/api/events')).toHaveLength(1);
    queue.close();
  });

  it('a change for another category changes nothing', async () => {
    (window as ConsentWindow).wp_has_consent = () => false;
    const { proxy, queue } = queueWith({ api: true, category: 'statistics' });
    document.dispatchEvent(new CustomEvent(CONSENT_CHANGE_EVENT, { detail: { marketing: 'allow' } }));
    queue.track({ type: 'open' });
    await jest.advanceTimersByTimeAsync(2000);
    expect(proxy.requests).toEqual([]);
    queue.close();
  });
});

describe('widget events from the panel', () => {
  // Real timers: the panel streams through promises and Testing Library polls.
  beforeEach(() => {
    jest.useRealTimers();
  });
  const DOG = product({ id: 39, name: 'Dog food' });

  function renderWith(consent: ConsentConfig) {
    const proxy = fakeProxy({
      'POST /api/chat/stream': () =>
        fakeResponse({
          body: streamOf([
            sse([
              { type: 'thread_id', thread_id: 'thread_1', new_thread: true },
              { type: 'products', data: [DOG] },
              { type: 'done', thread_id: 'thread_1' },
            ]),
          ]),
        }),
      'POST /api/events': () => fakeResponse({ status: 204 }),
    });
    const config = resolveConfig({ proxyUrl: PROXY, consent }, document);
    const services = createPanelServices(config, window, proxy.fetch);
    render(
      <PanelApp
        config={config}
        open
        onRequestClose={() => undefined}
        store={createWidgetStateStore(window.localStorage)}
        services={services}
        panelId="aisle-events-panel"
        focusKey={1}
      />,
    );
    return proxy;
  }

  async function converse() {
    fireEvent.change(screen.getByLabelText('Your message'), { target: { value: 'food for my dog, phone 0541234567' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    const link = await screen.findByRole('link', { name: 'Dog food' });
    link.addEventListener('click', (e) => e.preventDefault());
    fireEvent.click(link);
    window.dispatchEvent(new Event('pagehide'));
    await settle();
  }

  it('open, message sent and card click, without the message text', async () => {
    const proxy = renderWith({ api: false, events: 'always' });
    await converse();
    await waitFor(() => expect(events(proxy).flat()).toHaveLength(3));
    expect(events(proxy).flat()).toEqual([{ type: 'open' }, { type: 'message_sent' }, { type: 'card_click', product_id: 39 }]);
    expect(JSON.stringify(proxy.to('/api/events').map((r) => r.body))).not.toMatch(/food|0541234567/);
  });

  it('with consent refused, the panel works and no request reaches /api/events', async () => {
    const proxy = renderWith({ api: false, events: 'never' });
    await converse();
    await act(async () => new Promise((r) => setTimeout(r, 50)));
    expect(proxy.to('/api/chat/stream')).toHaveLength(1);
    expect(proxy.to('/api/events')).toEqual([]);
  });
});

/** @jsxRuntime classic */
/** @jsx createElement */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { createElement } from '@wordpress/element';
import { resetLocaleData, setLocaleData } from '@wordpress/i18n';
import heIL from '../../i18n/he_IL.json';
import { localeDataOf } from '../../i18n/localeData';
import type { CartAddFn } from '../../panel/services';
import { connectionRefused } from '../helpers/fakeProxy';
import { renderPanel } from '../helpers/panel';
import { fakeResponse, hangingStreamOf, product, sse, streamOf } from '../helpers/streams';

const STREAM = 'POST /api/chat/stream';
const CHAT = 'POST /api/chat';

void createElement; // JSX pragma import, used by the helper's JSX only

beforeEach(() => window.localStorage.clear());
afterEach(() => resetLocaleData(undefined, 'aisle'));

function textarea(): HTMLTextAreaElement {
  return screen.getByLabelText('Your message') as HTMLTextAreaElement;
}

/** The conversation list (the live region repeats the last answer, so queries go here). */
function conversation() {
  return within(screen.getByRole('list', { name: 'Conversation' }));
}

function type(text: string) {
  fireEvent.change(textarea(), { target: { value: text } });
}

describe('PanelApp', () => {
  it('shows the greeting and quick prompts; a prompt sends it', async () => {
    const { proxy } = renderPanel(
      {
        [STREAM]: () =>
          fakeResponse({
            body: streamOf([
              sse([
                { type: 'text', content: 'Sure' },
                { type: 'done', thread_id: 't' },
              ]),
            ]),
          }),
      },
      { config: { greeting: 'Welcome to the pet shop!', quickPrompts: ['Food for puppies', 'Cat toys'] } },
    );
    expect(screen.getByText('Welcome to the pet shop!')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cat toys' }));
    await conversation().findByText('Sure');
    expect((proxy.requests[0]?.body as { message: string }).message).toBe('Cat toys');
    expect(screen.queryByRole('button', { name: 'Food for puppies' })).toBeNull();
  });

  it('offers its own translated quick prompts when the store set none, and none when the store chose an empty list', () => {
    renderPanel({});
    const builtIn = ['What do you recommend?', 'Which products are on sale?', 'Help me choose a gift'];
    for (const name of builtIn) expect(screen.getByRole('button', { name })).toBeTruthy();
    cleanup();
    renderPanel({}, { config: { quickPrompts: [] } });
    expect(screen.queryByRole('list', { name: 'Suggested questions' })).toBeNull();
  });

  it('is a labelled dialog, focuses the message box on open, and Escape asks to close', () => {
    const { onRequestClose } = renderPanel({});
    const dialog = screen.getByRole('dialog', { name: 'Shopping assistant' });
    expect(document.activeElement).toBe(textarea());
    for (const name of ['New conversation', 'Close chat', 'Send']) {
      expect(within(dialog).getByRole('button', { name })).toBeTruthy();
    }
    fireEvent.keyDown(textarea(), { key: 'Escape' });
    expect(onRequestClose).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole('button', { name: 'Close chat' }));
    expect(onRequestClose).toHaveBeenCalledTimes(2);
  });

  it('does not take focus when reopened by a page load (focusKey 0)', () => {
    const outside = document.createElement('button');
    document.body.append(outside);
    outside.focus();
    renderPanel({}, { focusKey: 0 });
    expect(document.activeElement).toBe(outside);
    outside.remove();
  });

  it('renders shopper text as plain text and assistant text as markdown, each dir=auto', async () => {
    renderPanel({
      [STREAM]: () =>
        fakeResponse({
          body: streamOf([
            sse([
              { type: 'text', content: '**Bold** answer' },
              { type: 'done', thread_id: 't' },
            ]),
          ]),
        }),
    });
    type('<img src=x onerror="window.__xss=1"> hi');
    fireEvent.submit(textarea().closest('form') as HTMLFormElement);
    expect(await screen.findByText('<img src=x onerror="window.__xss=1"> hi')).toBeTruthy();
    const bold = await screen.findByText('Bold');
    expect(bold.tagName).toBe('STRONG');
    expect(document.querySelector('img')).toBeNull();
    for (const text of Array.from(document.querySelectorAll('.aisle-message__text'))) {
      expect(text.getAttribute('dir')).toBe('auto');
    }
    expect(textarea().value).toBe('');
  });

  it('Enter sends, Shift+Enter does not; the typing indicator shows until text arrives; Stop stops', async () => {
    const { proxy } = renderPanel({
      [STREAM]: (req) => fakeResponse({ body: hangingStreamOf([], req.signal) }),
      [CHAT]: (req) =>
        new Promise((_, reject) =>
          req.signal?.addEventListener('abort', () => reject(Object.assign(new Error('a'), { name: 'AbortError' }))),
        ),
    });
    type('line');
    fireEvent.keyDown(textarea(), { key: 'Enter', shiftKey: true });
    expect(proxy.requests).toHaveLength(0);
    fireEvent.keyDown(textarea(), { key: 'Enter' });
    expect(screen.getByText('The assistant is typing…')).toBeTruthy();
    const stop = screen.getByRole('button', { name: 'Stop answering' });
    fireEvent.click(stop);
    await waitFor(() => expect(screen.queryByText('The assistant is typing…')).toBeNull());
    expect(screen.getByRole('button', { name: 'Send' })).toBeTruthy();
    expect(proxy.requests.every((r) => r.signal?.aborted)).toBe(true);
  });

  it('explains a network failure, keeps the message, and Retry resends it', async () => {
    const { proxy } = renderPanel({
      [STREAM]: [
        connectionRefused,
        () =>
          fakeResponse({
            body: streamOf([
              sse([
                { type: 'text', content: 'Back!' },
                { type: 'done', thread_id: 't' },
              ]),
            ]),
          }),
      ],
      [CHAT]: connectionRefused,
    });
    type('Do you ship to Eilat?');
    fireEvent.submit(textarea().closest('form') as HTMLFormElement);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/can't be reached|offline/);
    expect(screen.getByText('Do you ship to Eilat?')).toBeTruthy();
    expect(screen.getByText('Not sent')).toBeTruthy();
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await conversation().findByText('Back!');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getAllByText('Do you ship to Eilat?')).toHaveLength(1);
    expect((proxy.to('/api/chat/stream')[1]?.body as { message: string }).message).toBe('Do you ship to Eilat?');
  });

  it('tells the shopper when to retry after a 429', async () => {
    renderPanel({
      [STREAM]: () =>
        fakeResponse({ status: 429, headers: { 'Retry-After': '20' }, json: { error: { code: 'rate_limited', message: 'x' } } }),
    });
    type('hi');
    fireEvent.submit(textarea().closest('form') as HTMLFormElement);
    expect((await screen.findByRole('alert')).textContent).toContain('try again in 20 seconds');
  });

  it('puts a message that is too long back into the box', async () => {
    renderPanel({ [STREAM]: () => fakeResponse({ status: 413, json: { error: { code: 'bad_request', message: 'too big' } } }) });
    type('a very long message');
    fireEvent.submit(textarea().closest('form') as HTMLFormElement);
    expect((await screen.findByRole('alert')).textContent).toContain('too long');
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(textarea().value).toBe('a very long message');
  });

  it('announces the finished answer in a live region', async () => {
    renderPanel({
      [STREAM]: () =>
        fakeResponse({
          body: streamOf([
            sse([
              { type: 'text', content: 'All done' },
              { type: 'done', thread_id: 't' },
            ]),
          ]),
        }),
    });
    type('hi');
    fireEvent.submit(textarea().closest('form') as HTMLFormElement);
    await waitFor(() => expect(document.querySelector('[aria-live="polite"]')?.textContent).toBe('All done'));
  });

  it('draws an answer as its parts in arrival order, live and restored alike; the live region hears both rounds', async () => {
    const cards = [product({ id: 39, name: 'Dog food' }), product({ id: 40, name: 'Puppy food' })];
    renderPanel({
      [STREAM]: () =>
        fakeResponse({
          body: streamOf([
            sse([
              { type: 'thread_id', thread_id: 't-order' },
              { type: 'text', content: 'Let me look ' },
              { type: 'text', content: 'for you:' },
              { type: 'status', status: 'loading_products' },
              { type: 'products', data: cards },
              { type: 'text', content: '\n\nThese **fit**.' },
              { type: 'done', thread_id: 't-order' },
            ]),
          ]),
        }),
    });
    // Everything the live region says, in order: whole sentences as plain text.
    const region = document.querySelector('[aria-live="polite"]') as HTMLElement;
    const heard: string[] = [];
    const observer = new MutationObserver(() => {
      if (region.textContent && heard.at(-1) !== region.textContent) heard.push(region.textContent);
    });
    observer.observe(region, { subtree: true, childList: true, characterData: true });
    type('dog food?');
    fireEvent.submit(textarea().closest('form') as HTMLFormElement);
    await waitFor(() => expect(heard.join(' ')).toBe('Let me look for you: These fit.'));
    observer.disconnect();
    /** Each part of the newest reply, in document order: its text, or its cards' names. */
    const sequence = () => {
      const replies = document.querySelectorAll('.aisle-message--assistant:not(.aisle-message--greeting)');
      const reply = replies[replies.length - 1]!;
      return Array.from(reply.querySelectorAll(':scope > .aisle-message__text, :scope > .aisle-cards')).map((node) =>
        node.classList.contains('aisle-cards')
          ? Array.from(node.querySelectorAll('.aisle-card__name')).map((n) => n.textContent)
          : (node.textContent ?? '').trim(),
      );
    };
    const live = sequence();
    expect(live).toEqual(['Let me look for you:', ['Dog food', 'Puppy food'], 'These fit.']);
    // Assistant text stays markdown: the second round's bold is real <strong>.
    expect(conversation().getByText('fit').tagName).toBe('STRONG');
    cleanup();

    window.localStorage.setItem(
      'aisle:widget',
      JSON.stringify({ threadId: 't-order', open: true, expiresAt: Date.now() + 60_000 }),
    );
    renderPanel({
      'GET /api/chat/history': () =>
        fakeResponse({
          json: {
            thread_id: 't-order',
            messages: [
              { role: 'user', content: 'dog food?' },
              {
                role: 'assistant',
                content: 'Let me look for you:\n\nThese **fit**.',
                products: cards,
                parts: [
                  { type: 'text', content: 'Let me look for you:' },
                  { type: 'products', data: cards },
                  { type: 'text', content: 'These **fit**.' },
                ],
              },
            ],
          },
        }),
    });
    await conversation().findByText('Let me look for you:');
    expect(sequence()).toEqual(live);
  });

  it("Add to cart on a card names the conversation on screen (the plugin's attribution)", async () => {
    const cartAdd = jest.fn<CartAddFn>(async () => undefined);
    renderPanel(
      {
        [STREAM]: () =>
          fakeResponse({
            body: streamOf([
              sse([
                { type: 'thread_id', thread_id: 'thread_cart1' },
                { type: 'products', data: [product()] },
                { type: 'done', thread_id: 'thread_cart1' },
              ]),
            ]),
          }),
      },
      { addItem: cartAdd },
    );
    type('dog food');
    fireEvent.submit(textarea().closest('form') as HTMLFormElement);
    fireEvent.click(await conversation().findByRole('button', { name: /add to cart/i }));
    await conversation().findByText('Added to cart.');
    expect(cartAdd).toHaveBeenCalledWith({ id: 39, quantity: 1 }, 'thread_cart1');
  });

  it('restores the conversation on open and New conversation clears it and the stored thread', async () => {
    window.localStorage.setItem('aisle:widget', JSON.stringify({ threadId: 'old', open: true, expiresAt: Date.now() + 60_000 }));
    const { proxy, store } = renderPanel({
      'GET /api/chat/history': () =>
        fakeResponse({
          json: {
            thread_id: 'old',
            messages: [
              { role: 'user', content: 'Earlier question' },
              { role: 'assistant', content: 'Earlier answer', products: [product()] },
            ],
          },
        }),
    });
    await screen.findByText('Earlier answer');
    expect(proxy.requests[0]?.url).toContain('thread_id=old');
    expect(screen.getByRole('link', { name: /מזון יבש/ })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'New conversation' }));
    expect(screen.queryByText('Earlier answer')).toBeNull();
    expect(store.read().threadId).toBeNull();
  });

  it('renders right-to-left in Hebrew with translated labels', async () => {
    setLocaleData(localeDataOf(heIL), 'aisle');
    renderPanel(
      {
        [STREAM]: () =>
          fakeResponse({
            body: streamOf([
              sse([
                { type: 'text', content: 'יש לנו שלושה סוגים' },
                { type: 'done', thread_id: 't' },
              ]),
            ]),
          }),
      },
      { config: { locale: 'he_IL', dir: 'rtl' } },
    );
    const dialog = screen.getByRole('dialog', { name: 'עוזר קניות' });
    expect(dialog.getAttribute('dir')).toBe('rtl');
    expect(dialog.getAttribute('lang')).toBe('he-IL');
    expect(screen.getByRole('button', { name: "סגירת הצ'אט" })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('ההודעה שלכם'), { target: { value: 'מזון לחתול' } });
    act(() => {
      fireEvent.submit(screen.getByLabelText('ההודעה שלכם').closest('form') as HTMLFormElement);
    });
    const answer = await within(screen.getByRole('list', { name: 'שיחה' })).findByText('יש לנו שלושה סוגים');
    expect(answer.closest('[dir]')?.getAttribute('dir')).toBe('auto');
    expect(screen.getByText('מזון לחתול').getAttribute('dir')).toBe('auto');
  });

  it('follows the page direction when the config does not say', () => {
    document.documentElement.setAttribute('dir', 'rtl');
    try {
      renderPanel({});
      expect(screen.getByRole('dialog').getAttribute('dir')).toBe('rtl');
    } finally {
      document.documentElement.removeAttribute('dir');
    }
  });
});

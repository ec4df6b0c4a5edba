/** @jsxRuntime classic */
/** @jsx createElement */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { createElement } from '@wordpress/element';
import { resetLocaleData, setLocaleData } from '@wordpress/i18n';
import heIL from '../../i18n/he_IL.json';
import { localeDataOf } from '../../i18n/localeData';
import type { TrackFn } from '../../analytics/EventsContext';
import { CONSENT_KEY } from '../../hooks/useConsent';
import { renderPanel } from '../helpers/panel';
import { fakeResponse, sse, streamOf } from '../helpers/streams';

const STREAM = 'POST /api/chat/stream';
const FEEDBACK = 'POST /api/chat/feedback';

void createElement; // JSX pragma import

beforeEach(() => window.localStorage.clear());
afterEach(() => {
  cleanup();
  resetLocaleData(undefined, 'aisle');
});

const conversation = () => within(screen.getByRole('list', { name: 'Conversation' }));
const answer = (messageId?: string) =>
  fakeResponse({
    body: streamOf([
      sse([
        { type: 'thread_id', thread_id: 'thread_fb' },
        { type: 'text', content: 'Try the salmon kibble.' },
        { type: 'done', thread_id: 'thread_fb', ...(messageId ? { message_id: messageId } : {}) },
      ]),
    ]),
  });
const ok = () => fakeResponse({ json: { ok: true } });

function send(text: string) {
  const box = screen.getByLabelText('Your message') as HTMLTextAreaElement;
  fireEvent.change(box, { target: { value: text } });
  fireEvent.submit(box.closest('form') as HTMLFormElement);
}

describe('answer feedback', () => {
  it('shows two toggle thumbs under a finished answer; a press is sent, the other thumb replaces it', async () => {
    const track = jest.fn<TrackFn>();
    const { proxy } = renderPanel({ [STREAM]: () => answer('msg_1'), [FEEDBACK]: ok }, { track });
    send('food for my dog');
    const group = await conversation().findByRole('group', { name: 'Was this answer helpful?' });
    const up = within(group).getByRole('button', { name: 'Helpful' });
    const down = within(group).getByRole('button', { name: 'Not helpful' });
    expect([up.getAttribute('aria-pressed'), down.getAttribute('aria-pressed')]).toEqual(['false', 'false']);

    fireEvent.click(up);
    expect(up.getAttribute('aria-pressed')).toBe('true');
    await waitFor(() => expect(proxy.to('/api/chat/feedback')).toHaveLength(1));
    expect(proxy.to('/api/chat/feedback')[0]!.body).toEqual({ thread_id: 'thread_fb', message_id: 'msg_1', rating: 'up' });
    // The same thumb again sends nothing; the other one replaces the rating.
    fireEvent.click(up);
    fireEvent.click(down);
    expect([up.getAttribute('aria-pressed'), down.getAttribute('aria-pressed')]).toEqual(['false', 'true']);
    await waitFor(() => expect(proxy.to('/api/chat/feedback')).toHaveLength(2));
    expect(proxy.to('/api/chat/feedback')[1]!.body).toMatchObject({ rating: 'down' });
    // Each new rating is also an analytics event (counted for the owner's insights); the repeat is not.
    expect(track.mock.calls.map(([event]) => event).filter((e) => e.type === 'feedback')).toEqual([
      { type: 'feedback', rating: 'up' },
      { type: 'feedback', rating: 'down' },
    ]);
  });

  it('takes the thumb back when the proxy refuses it, and shows none for an answer without an id', async () => {
    renderPanel({
      [STREAM]: [() => answer('msg_2'), () => answer()],
      [FEEDBACK]: () => fakeResponse({ status: 404, json: { error: { code: 'not_found', message: 'No such answer.' } } }),
    });
    send('hello');
    const up = await conversation().findByRole('button', { name: 'Helpful' });
    fireEvent.click(up);
    expect(up.getAttribute('aria-pressed')).toBe('true');
    await waitFor(() => expect(up.getAttribute('aria-pressed')).toBe('false'));

    send('and again');
    await waitFor(() => expect(conversation().getAllByText('Try the salmon kibble.')).toHaveLength(2));
    expect(conversation().getAllByRole('group', { name: 'Was this answer helpful?' })).toHaveLength(1);
  });

  it('an answer from the plain endpoint (streaming off) gets its thumbs too', async () => {
    const { proxy } = renderPanel(
      {
        'POST /api/chat': () =>
          fakeResponse({ json: { thread_id: 'thread_plain', reply: 'Plain answer.', products: [], message_id: 'msg_plain' } }),
        [FEEDBACK]: ok,
      },
      { config: { streaming: false } },
    );
    send('hello');
    fireEvent.click(await conversation().findByRole('button', { name: 'Helpful' }));
    await waitFor(() => expect(proxy.to('/api/chat/feedback')).toHaveLength(1));
    expect(proxy.to('/api/chat/feedback')[0]!.body).toEqual({ thread_id: 'thread_plain', message_id: 'msg_plain', rating: 'up' });
  });

  it('restored answers get their thumbs too, labelled in the shopper’s language', async () => {
    setLocaleData(localeDataOf(heIL), 'aisle');
    window.localStorage.setItem(
      'aisle:widget',
      JSON.stringify({ threadId: 'thread_old', open: true, expiresAt: Date.now() + 60_000 }),
    );
    const { proxy } = renderPanel({
      'GET /api/chat/history': () =>
        fakeResponse({
          json: {
            thread_id: 'thread_old',
            messages: [
              { role: 'user', content: 'מזון לכלב?' },
              { role: 'assistant', content: 'הנה כמה מוצרים', message_id: 'msg_old' },
            ],
          },
        }),
      [FEEDBACK]: ok,
    });
    const list = within(await screen.findByRole('list', { name: 'שיחה' }));
    const down = await list.findByRole('button', { name: 'לא עזרה' });
    expect(list.getByRole('group', { name: 'האם התשובה עזרה?' })).toBeTruthy();
    fireEvent.click(down);
    await waitFor(() => expect(proxy.to('/api/chat/feedback')).toHaveLength(1));
    expect(proxy.to('/api/chat/feedback')[0]!.body).toEqual({ thread_id: 'thread_old', message_id: 'msg_old', rating: 'down' });
  });
});

describe('consent notice', () => {
  it('asks first: no message box and no request to the proxy until the shopper agrees, then remembers it', async () => {
    window.localStorage.setItem(
      'aisle:widget',
      JSON.stringify({ threadId: 'thread_old', open: true, expiresAt: Date.now() + 60_000 }),
    );
    const routes = {
      [STREAM]: () => answer('msg_c'),
      'GET /api/chat/history': () => fakeResponse({ json: { thread_id: 'thread_old', messages: [] } }),
    };
    const config = { consentRequired: true, privacyUrl: 'https://shop.example/privacy-policy/', quickPrompts: ['Dog food'] };
    const { proxy } = renderPanel(routes, { config });
    const notice = screen.getByRole('region', { name: 'Before you chat' });
    expect(within(notice).getByRole('link', { name: 'Privacy policy' }).getAttribute('href')).toBe(
      'https://shop.example/privacy-policy/',
    );
    expect(screen.queryByLabelText('Your message')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Dog food' })).toBeNull();
    await act(async () => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(proxy.requests).toEqual([]);

    fireEvent.click(within(notice).getByRole('button', { name: 'I agree' }));
    expect(window.localStorage.getItem(CONSENT_KEY)).toBe('agreed');
    expect(screen.queryByRole('region', { name: 'Before you chat' })).toBeNull();
    await waitFor(() => expect(proxy.to('/api/chat/history')).toHaveLength(1));
    send('hello');
    await conversation().findByText('Try the salmon kibble.');
    cleanup();

    // Remembered: the next page opens straight to the message box.
    const again = renderPanel(routes, { config });
    expect(screen.getByLabelText('Your message')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Before you chat' })).toBeNull();
    await waitFor(() => expect(again.proxy.to('/api/chat/history')).toHaveLength(1));
    await waitFor(() => expect(screen.queryByText('Loading your conversation…')).toBeNull());
  });

  it('is not shown when the store does not ask for it', () => {
    renderPanel({}, { config: { consentRequired: false } });
    expect(screen.queryByRole('region', { name: 'Before you chat' })).toBeNull();
    expect(screen.getByLabelText('Your message')).toBeTruthy();
  });
});

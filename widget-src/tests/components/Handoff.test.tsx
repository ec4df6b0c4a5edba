/** @jsxRuntime classic */
/** @jsx createElement */
/**
 * The `handoff` event as buttons: WhatsApp and contact-page links (only to where they belong), and
 * an email form that needs the shopper's address and explicit agreement before it calls the
 * plugin's route. Live and restored conversations show the same.
 */
import { describe, expect, it, jest } from '@jest/globals';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createElement } from '@wordpress/element';
import type { HandoffOffer } from '../../../proxy/src/contract/events';
import { EventsContext, type TrackFn } from '../../analytics/EventsContext';
import { createHandoffEmailSender, HandoffEmailError } from '../../api/handoffEmail';
import { ChatMessage } from '../../components/ChatMessage/ChatMessage';
import { HandoffContext } from '../../components/Handoff/HandoffContext';
import { fakeResponse } from '../helpers/streams';
import { chatReducer, initialChatState, type ChatMessage as Message } from '../../hooks/chatState';

const OFFER: HandoffOffer = {
  reason: 'asked',
  options: [
    { kind: 'whatsapp', url: 'https://wa.me/972501234567?text=Need%20help', label: 'WhatsApp' },
    { kind: 'email', label: 'Email the store' },
    { kind: 'contact_page', url: 'https://shop.example/contact/', label: 'Contact page' },
  ],
};

function message(offer: HandoffOffer): Message {
  return {
    id: 'a1',
    role: 'assistant',
    state: 'complete',
    parts: [
      { type: 'text', text: 'You can reach the store:' },
      { type: 'handoff', offer },
    ],
  };
}

function renderOffer(offer: HandoffOffer, sendEmail: ((email: string) => Promise<void>) | null) {
  return render(
    <HandoffContext.Provider value={{ sendEmail }}>
      <ul>
        <ChatMessage message={message(offer)} locale="en_US" addItem={null} cartUrl={null} />
      </ul>
    </HandoffContext.Provider>,
  );
}

describe('handoff in the conversation state', () => {
  it('a live handoff event and a restored one become the same part, after the text', () => {
    let live = chatReducer(initialChatState(null), {
      type: 'start',
      userMessageId: 'u1',
      assistantMessageId: 'a1',
      text: 'a person?',
    });
    live = chatReducer(live, { type: 'event', assistantMessageId: 'a1', event: { type: 'text', content: 'Sure:' } });
    live = chatReducer(live, { type: 'event', assistantMessageId: 'a1', event: { type: 'handoff', data: OFFER } });
    live = chatReducer(live, { type: 'event', assistantMessageId: 'a1', event: { type: 'done', thread_id: 'thread_x' } });
    expect(live.messages[1]!.parts).toEqual([
      { type: 'text', text: 'Sure:' },
      { type: 'handoff', offer: OFFER },
    ]);
    const restored = chatReducer(initialChatState('thread_x'), {
      type: 'restored',
      idPrefix: 'r',
      history: {
        thread_id: 'thread_x',
        messages: [
          { role: 'user', content: 'a person?' },
          {
            role: 'assistant',
            content: 'Sure:',
            parts: [
              { type: 'text', content: 'Sure:' },
              { type: 'handoff', data: OFFER },
            ],
          },
        ],
      },
    });
    expect(restored.messages[1]!.parts).toEqual(live.messages[1]!.parts);
  });

  it('an answer that is only a handoff (no text) is kept', () => {
    let state = chatReducer(initialChatState(null), { type: 'start', userMessageId: 'u1', assistantMessageId: 'a1', text: 'x' });
    state = chatReducer(state, { type: 'event', assistantMessageId: 'a1', event: { type: 'handoff', data: OFFER } });
    state = chatReducer(state, { type: 'event', assistantMessageId: 'a1', event: { type: 'done', thread_id: 't' } });
    expect(state.messages).toHaveLength(2);
  });
});

describe('HandoffOffer', () => {
  it('renders WhatsApp and the contact page as links that open a new tab, and email as a button', () => {
    renderOffer(OFFER, async () => undefined);
    const group = screen.getByRole('group', { name: 'Talk to a person' });
    expect(group).toBeTruthy();
    const whatsapp = screen.getByRole('link', { name: 'Chat on WhatsApp' });
    expect(whatsapp.getAttribute('href')).toBe('https://wa.me/972501234567?text=Need%20help');
    expect(whatsapp.getAttribute('target')).toBe('_blank');
    expect(whatsapp.getAttribute('rel')).toBe('noopener noreferrer');
    expect(screen.getByRole('link', { name: 'Contact page' }).getAttribute('href')).toBe('https://shop.example/contact/');
    expect(screen.getByRole('button', { name: 'Email the store' }).getAttribute('aria-expanded')).toBe('false');
  });

  it('reports each handoff the shopper takes as an analytics event, and nothing before', () => {
    const track = jest.fn<TrackFn>();
    render(
      <EventsContext.Provider value={track}>
        <HandoffContext.Provider value={{ sendEmail: async () => undefined }}>
          <ul>
            <ChatMessage message={message(OFFER)} locale="en_US" addItem={null} cartUrl={null} />
          </ul>
        </HandoffContext.Provider>
      </EventsContext.Provider>,
    );
    expect(track).not.toHaveBeenCalled();
    const whatsapp = screen.getByRole('link', { name: 'Chat on WhatsApp' });
    // jsdom does not navigate; the click handler is what is under test.
    whatsapp.addEventListener('click', (event) => event.preventDefault());
    fireEvent.click(whatsapp);
    fireEvent.click(screen.getByRole('button', { name: 'Email the store' }));
    expect(track.mock.calls).toEqual([[{ type: 'handoff' }], [{ type: 'handoff' }]]);
  });

  it('drops links that go anywhere else, and email where the page cannot send it', () => {
    renderOffer(
      {
        reason: 'asked',
        options: [
          { kind: 'whatsapp', url: 'https://evil.example/?wa.me', label: 'x' },
          { kind: 'contact_page', url: 'javascript:alert(1)', label: 'x' },
          { kind: 'email', label: 'x' },
        ],
      },
      null,
    );
    expect(screen.queryAllByRole('link')).toHaveLength(0);
    expect(screen.queryByRole('button', { name: 'Email the store' })).toBeNull();
    expect(screen.getByText('Nobody from the store can answer right now.')).toBeTruthy();
  });

  it('email needs an address and the agreement, then sends and says so', async () => {
    const sendEmail = jest.fn(async (_email: string) => undefined);
    renderOffer(OFFER, sendEmail);
    fireEvent.click(screen.getByRole('button', { name: 'Email the store' }));
    const send = screen.getByRole('button', { name: 'Send to the store' }) as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Your email'), { target: { value: 'dana@example.com' } });
    expect(send.disabled).toBe(true);
    fireEvent.click(screen.getByRole('checkbox', { name: /Send this conversation to the store/ }));
    expect(send.disabled).toBe(false);
    await act(async () => {
      fireEvent.click(send);
    });
    expect(sendEmail).toHaveBeenCalledWith('dana@example.com');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Sent. The store will reply to your email.'));
  });

  it("a refused email shows the plugin's words", async () => {
    renderOffer(OFFER, async () => {
      throw new HandoffEmailError('Too many emails from this address. Please try again later.', 429);
    });
    fireEvent.click(screen.getByRole('button', { name: 'Email the store' }));
    fireEvent.change(screen.getByLabelText('Your email'), { target: { value: 'dana@example.com' } });
    fireEvent.click(screen.getByRole('checkbox'));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Send to the store' }));
    });
    expect(screen.getByRole('alert').textContent).toBe('Too many emails from this address. Please try again later.');
  });
});

describe('createHandoffEmailSender', () => {
  it('posts the thread, the address, the agreement and the session token with the REST nonce', async () => {
    const calls: Array<{ url: string; init: RequestInit }> = [];
    const send = createHandoffEmailSender({
      restRoot: 'https://shop.example/wp-json/',
      session: { getToken: async () => 'tok.en', invalidate: () => undefined },
      nonce: () => 'n0nce',
      fetch: async (url, init) => {
        calls.push({ url, init: init! });
        return fakeResponse({ status: 200, json: { sent: true } });
      },
    });
    await send({ threadId: 'thread_abcdefghijklmnop', email: 'dana@example.com' });
    expect(calls[0]!.url).toBe('https://shop.example/wp-json/aisle/v1/handoff/email');
    expect(calls[0]!.init.headers).toMatchObject({ 'X-WP-Nonce': 'n0nce' });
    expect(JSON.parse(calls[0]!.init.body as string)).toEqual({
      thread_id: 'thread_abcdefghijklmnop',
      email: 'dana@example.com',
      consent: true,
      token: 'tok.en',
    });

    const refused = createHandoffEmailSender({
      restRoot: 'https://shop.example/wp-json/',
      session: { getToken: async () => 'tok.en', invalidate: () => undefined },
      nonce: () => null,
      fetch: async () => fakeResponse({ status: 403, json: { code: 'aisle_bad_nonce', message: 'This page has expired.' } }),
    });
    await expect(refused({ threadId: 'thread_abcdefghijklmnop', email: 'x@y.z' })).rejects.toMatchObject({
      status: 403,
      message: 'This page has expired.',
    });
  });
});

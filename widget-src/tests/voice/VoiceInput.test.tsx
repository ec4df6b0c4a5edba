/** @jsxRuntime classic */
/** @jsx createElement */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { createElement } from '@wordpress/element';
import { renderPanel } from '../helpers/panel';
import { fakeResponse, sse, streamOf } from '../helpers/streams';
import { joinDraft, speechRecognitionOf, transcriptOf, voiceErrorOf } from '../../voice/recognition';
import { FakeRecognition } from './fakeRecognition';

void createElement; // JSX pragma import

const STREAM = 'POST /api/chat/stream';
type SpeechWindow = Window & { SpeechRecognition?: unknown; webkitSpeechRecognition?: unknown };
const speechWindow = window as SpeechWindow;

const textarea = () => screen.getByLabelText('Your message') as HTMLTextAreaElement;
const microphone = () => screen.getByRole('button', { name: 'Speak your message' });
const pressed = () => microphone().getAttribute('aria-pressed');
const voiceStatus = () => document.querySelector('.aisle-voice__status') as HTMLElement;
const answer = () =>
  fakeResponse({
    body: streamOf([
      sse([
        { type: 'text', content: 'Here you go' },
        { type: 'done', thread_id: 't' },
      ]),
    ]),
  });

beforeEach(() => {
  window.localStorage.clear();
  FakeRecognition.reset();
});
afterEach(() => {
  delete speechWindow.SpeechRecognition;
  delete speechWindow.webkitSpeechRecognition;
});

describe('voice input', () => {
  it('offers no microphone where the browser has no speech recognition', () => {
    renderPanel({});
    expect(screen.getByRole('button', { name: 'Send' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Speak your message' })).toBeNull();
    expect(document.querySelector('.aisle-voice__status')).toBeNull();
  });

  it("listens in the page's language while toggled on; interim and final words fill the box after the typed ones", () => {
    speechWindow.webkitSpeechRecognition = FakeRecognition;
    renderPanel({}, { config: { locale: 'he_IL' } });
    expect(pressed()).toBe('false');
    expect(voiceStatus().textContent).toBe('');
    expect(voiceStatus().getAttribute('role')).toBe('status');
    fireEvent.change(textarea(), { target: { value: 'Hello' } });

    fireEvent.click(microphone());
    const recognition = FakeRecognition.latest();
    expect(recognition).toMatchObject({ lang: 'he-IL', continuous: true, interimResults: true, started: 1 });
    expect(pressed()).toBe('true');
    expect(voiceStatus().textContent).toBe('Listening… Speak, then press Send.');
    expect(voiceStatus().querySelector('.aisle-voice__dot')).not.toBeNull();

    act(() => recognition.hear(['dog', false]));
    expect(textarea().value).toBe('Hello dog');
    act(() => recognition.hear(['dog food', true], [' for puppies', false]));
    expect(textarea().value).toBe('Hello dog food for puppies');

    // Toggling off stops listening at once but keeps the last words the browser still delivers.
    fireEvent.click(microphone());
    expect(recognition.stopped).toBe(1);
    expect(pressed()).toBe('false');
    expect(voiceStatus().textContent).toBe('');
    act(() => recognition.hear(['dog food', true], [' for puppies please', true]));
    expect(textarea().value).toBe('Hello dog food for puppies please');
    act(() => recognition.end());
    expect(FakeRecognition.instances).toHaveLength(1);
  });

  it('sending stops the microphone and drops words that arrive after', async () => {
    speechWindow.SpeechRecognition = FakeRecognition;
    const { proxy } = renderPanel({ [STREAM]: answer });
    fireEvent.click(microphone());
    const recognition = FakeRecognition.latest();
    act(() => recognition.hear(['cat toys', true]));
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(recognition.aborted).toBe(1);
    expect(pressed()).toBe('false');
    await within(screen.getByRole('list', { name: 'Conversation' })).findByText('Here you go');
    expect((proxy.requests[0]?.body as { message: string }).message).toBe('cat toys');
    act(() => recognition.hear(['cat toys', true], [' and more', false]));
    expect(textarea().value).toBe('');
  });

  it('closing the panel stops the microphone', () => {
    speechWindow.webkitSpeechRecognition = FakeRecognition;
    const { rerender } = renderPanel({});
    fireEvent.click(microphone());
    const recognition = FakeRecognition.latest();
    rerender(false, 1);
    expect(recognition.aborted).toBe(1);
    rerender(true, 2);
    expect(pressed()).toBe('false');
  });

  it('a denied microphone says so and stops; pressing again retries and clears the message', () => {
    speechWindow.webkitSpeechRecognition = FakeRecognition;
    renderPanel({});
    fireEvent.click(microphone());
    const first = FakeRecognition.latest();
    act(() => first.fail('not-allowed'));
    expect(pressed()).toBe('false');
    expect(first.aborted).toBe(1);
    expect(voiceStatus().textContent).toBe(
      "The microphone is blocked. Allow it in your browser's site settings, or type your message.",
    );
    expect(voiceStatus().classList.contains('aisle-voice__status--error')).toBe(true);

    fireEvent.click(microphone());
    expect(FakeRecognition.instances).toHaveLength(2);
    expect(pressed()).toBe('true');
    expect(voiceStatus().textContent).toBe('Listening… Speak, then press Send.');
    act(() => FakeRecognition.latest().fail('no-speech'));
    expect(voiceStatus().textContent).toBe('No speech was heard. Press the microphone and try again.');
  });

  it('the end of the recognition (silence) turns the toggle off; a start the browser refuses says so', async () => {
    speechWindow.webkitSpeechRecognition = FakeRecognition;
    renderPanel({});
    fireEvent.click(microphone());
    act(() => FakeRecognition.latest().end());
    expect(pressed()).toBe('false');
    expect(voiceStatus().textContent).toBe('');

    FakeRecognition.startError = new Error('InvalidStateError');
    fireEvent.click(microphone());
    await waitFor(() => expect(voiceStatus().textContent).toBe('Voice input stopped. Please type your message.'));
    expect(pressed()).toBe('false');
  });
});

describe('recognition helpers', () => {
  it('finds the prefixed or standard constructor, and nothing else', () => {
    expect(speechRecognitionOf(undefined)).toBeNull();
    expect(speechRecognitionOf({} as Window)).toBeNull();
    expect(speechRecognitionOf({ webkitSpeechRecognition: 'no' } as unknown as Window)).toBeNull();
    expect(speechRecognitionOf({ webkitSpeechRecognition: FakeRecognition } as unknown as Window)).toBe(FakeRecognition);
    expect(speechRecognitionOf({ SpeechRecognition: FakeRecognition } as unknown as Window)).toBe(FakeRecognition);
  });

  it('joins results and typed text; maps error codes, ignoring its own abort', () => {
    const results = [
      Object.assign([{ transcript: 'two  big' }], { isFinal: true }),
      Object.assign([{ transcript: ' dogs ' }], { isFinal: false }),
    ];
    expect(transcriptOf(results)).toBe('two big dogs');
    expect(joinDraft('', 'hi')).toBe('hi');
    expect(joinDraft('Hello  ', 'hi')).toBe('Hello hi');
    expect(joinDraft('Hello ', '')).toBe('Hello');
    expect(voiceErrorOf('aborted')).toBeNull();
    expect(voiceErrorOf('service-not-allowed')).toBe('denied');
    expect(voiceErrorOf('audio-capture')).toBe('no-microphone');
    expect(voiceErrorOf('network')).toBe('network');
    expect(voiceErrorOf('language-not-supported')).toBe('failed');
  });
});

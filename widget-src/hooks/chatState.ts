/**
 * The conversation as a pure reducer, so every transition (send, stream, stop, fail, retry,
 * restore) is testable without React.
 */
import type { ChatEvent, ChatHistory, ChatReply, ProductCard, StatusPhase } from '../../proxy/src/contract/events';
import type { ChatRequestError } from '../api/errors';

export type MessageState = 'complete' | 'streaming' | 'stopped' | 'failed';

export interface ChatMessage {
  id: string;
  role: 'user' | 'assistant' | 'notice';
  text: string;
  products: ProductCard[];
  state: MessageState;
}

/**
 * idle: nothing running · waiting: sent, nothing back yet (typing indicator) ·
 * streaming: text arriving · restoring: loading history.
 */
export type ChatPhase = 'idle' | 'waiting' | 'streaming' | 'restoring';

export interface ChatFailure {
  error: ChatRequestError;
  /** The shopper's text that did not get an answer; Retry sends it again. */
  text: string;
  /** The user message to replace on retry. */
  userMessageId: string;
}

export interface ChatState {
  threadId: string | null;
  messages: ChatMessage[];
  phase: ChatPhase;
  status: { phase: StatusPhase; message?: string } | null;
  failure: ChatFailure | null;
  /** The last completed assistant message, for the aria-live region. */
  announcement: string;
}

export type ChatAction =
  | { type: 'start'; userMessageId: string; assistantMessageId: string; text: string; replaces?: string }
  | { type: 'event'; assistantMessageId: string; event: ChatEvent }
  | { type: 'reply'; assistantMessageId: string; reply: ChatReply }
  | { type: 'stop'; assistantMessageId: string }
  | { type: 'fail'; assistantMessageId: string; failure: ChatFailure }
  | { type: 'restore_start' }
  | { type: 'restored'; history: ChatHistory; idPrefix: string }
  | { type: 'restore_failed'; forgetThread: boolean }
  | { type: 'reset' };

export function initialChatState(threadId: string | null): ChatState {
  return { threadId, messages: [], phase: 'idle', status: null, failure: null, announcement: '' };
}

function updateMessage(state: ChatState, id: string, update: (m: ChatMessage) => ChatMessage | null): ChatMessage[] {
  const messages: ChatMessage[] = [];
  for (const message of state.messages) {
    if (message.id !== id) {
      messages.push(message);
      continue;
    }
    const next = update(message);
    if (next) {
      messages.push(next);
    }
  }
  return messages;
}

/** An assistant message that got nothing is dropped rather than shown empty. */
function finishAssistant(state: ChatState, id: string, finalState: MessageState): ChatMessage[] {
  return updateMessage(state, id, (m) => (m.text === '' && m.products.length === 0 ? null : { ...m, state: finalState }));
}

function applyEvent(state: ChatState, id: string, event: ChatEvent): ChatState {
  switch (event.type) {
    case 'thread_id': {
      const messages = event.notice
        ? [
            ...state.messages.filter((m) => m.id !== id),
            { id: `${id}-notice`, role: 'notice' as const, text: event.notice, products: [], state: 'complete' as const },
            ...state.messages.filter((m) => m.id === id),
          ]
        : state.messages;
      return { ...state, threadId: event.thread_id, messages };
    }
    case 'text':
      return {
        ...state,
        phase: 'streaming',
        status: null,
        messages: updateMessage(state, id, (m) => ({ ...m, text: m.text + event.content })),
      };
    case 'products':
      return { ...state, messages: updateMessage(state, id, (m) => ({ ...m, products: event.data })) };
    case 'status':
      return { ...state, status: { phase: event.status, message: event.message } };
    case 'done': {
      const message = state.messages.find((m) => m.id === id);
      return {
        ...state,
        threadId: event.thread_id || state.threadId,
        phase: 'idle',
        status: null,
        messages: finishAssistant(state, id, 'complete'),
        announcement: message?.text ?? state.announcement,
      };
    }
    case 'error':
      // The hook turns error events into a `fail` action (it knows the text to retry).
      return state;
  }
}

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'start': {
      const kept = action.replaces ? state.messages.filter((m) => m.id !== action.replaces) : state.messages;
      return {
        ...state,
        phase: 'waiting',
        status: null,
        failure: null,
        messages: [
          ...kept,
          { id: action.userMessageId, role: 'user', text: action.text, products: [], state: 'complete' },
          { id: action.assistantMessageId, role: 'assistant', text: '', products: [], state: 'streaming' },
        ],
      };
    }
    case 'event':
      return applyEvent(state, action.assistantMessageId, action.event);
    case 'reply':
      return {
        ...state,
        threadId: action.reply.thread_id,
        phase: 'idle',
        status: null,
        announcement: action.reply.reply,
        messages: updateMessage(state, action.assistantMessageId, (m) => ({
          ...m,
          text: action.reply.reply,
          products: action.reply.products,
          state: 'complete',
        })),
      };
    case 'stop':
      return { ...state, phase: 'idle', status: null, messages: finishAssistant(state, action.assistantMessageId, 'stopped') };
    case 'fail': {
      const withoutAnswer = finishAssistant(state, action.assistantMessageId, 'stopped');
      return {
        ...state,
        phase: 'idle',
        status: null,
        failure: action.failure,
        // A thread the proxy no longer knows is forgotten so Retry starts a new one.
        threadId: action.failure.error.kind === 'not_found' ? null : state.threadId,
        messages: withoutAnswer.map((m) => (m.id === action.failure.userMessageId ? { ...m, state: 'failed' } : m)),
      };
    }
    case 'restore_start':
      return { ...state, phase: 'restoring' };
    case 'restored':
      return {
        ...state,
        phase: 'idle',
        threadId: action.history.thread_id,
        messages: action.history.messages.map((m, index) => ({
          id: `${action.idPrefix}${index}`,
          role: m.role,
          text: m.content,
          products: m.products ?? [],
          state: 'complete',
        })),
      };
    case 'restore_failed':
      return { ...state, phase: 'idle', threadId: action.forgetThread ? null : state.threadId };
    case 'reset':
      return initialChatState(null);
  }
}

/**
 * The conversation as a pure reducer, so every transition (send, stream, stop, fail, retry,
 * restore) is testable without React.
 */
import type {
  ChatEvent,
  ChatHistory,
  ChatReply,
  ComparisonTable,
  HandoffOffer,
  HistoryMessage,
  ProductCard,
  StatusPhase,
} from '../../proxy/src/contract/events';
import type { ChatRequestError } from '../api/errors';

export type MessageState = 'complete' | 'streaming' | 'stopped' | 'failed';

/**
 * A message is its parts in the order they arrived: text, cards, text. A shopper's photo is an
 * `image` part: its data URL while on screen, null once restored (the proxy keeps no copy to show).
 */
export type MessagePart =
  | { type: 'text'; text: string }
  | { type: 'products'; products: ProductCard[] }
  | { type: 'comparison'; table: ComparisonTable }
  | { type: 'handoff'; offer: HandoffOffer }
  | { type: 'image'; src: string | null };

export interface ChatMessage {
  id: string;
  role: 'user' | 'assistant' | 'notice';
  parts: MessagePart[];
  state: MessageState;
  /**
   * The last part is text the stream is still adding to. Any other event (cards, a status
   * while a tool runs) closes it, so the next model round starts its own paragraph.
   */
  textOpen?: boolean;
  /** The proxy's id of a finished answer (`done.message_id`), for feedback. */
  messageId?: string;
}

/** The message's text parts, each trimmed, one paragraph apart (what screen readers hear). */
export function messageText(message: Pick<ChatMessage, 'parts'>): string {
  return message.parts
    .flatMap((part) => (part.type === 'text' && part.text.trim() !== '' ? [part.text.trim()] : []))
    .join('\n\n');
}

/** Every card of the message, in order. */
export function messageProducts(message: Pick<ChatMessage, 'parts'>): ProductCard[] {
  return message.parts.flatMap((part) => (part.type === 'products' ? part.products : []));
}

function hasContent(message: ChatMessage): boolean {
  return message.parts.some((part) =>
    part.type === 'text' ? part.text.trim() !== '' : part.type === 'products' ? part.products.length > 0 : true,
  );
}

function textParts(text: string): MessagePart[] {
  return text === '' ? [] : [{ type: 'text', text }];
}

function productParts(products: ProductCard[]): MessagePart[] {
  return products.length > 0 ? [{ type: 'products', products }] : [];
}

function appendText(message: ChatMessage, content: string): ChatMessage {
  const last = message.parts.at(-1);
  if (message.textOpen && last?.type === 'text') {
    return { ...message, parts: [...message.parts.slice(0, -1), { type: 'text', text: last.text + content }] };
  }
  return { ...message, parts: [...message.parts, { type: 'text', text: content }], textOpen: true };
}

/** A restored message's parts: the proxy's ordered `parts`, or (older proxies) text then cards. */
function restoredParts(message: HistoryMessage): MessagePart[] {
  if (Array.isArray(message.parts)) {
    return message.parts.flatMap((part): MessagePart[] => {
      if (part?.type === 'text' && typeof part.content === 'string') return textParts(part.content);
      if (part?.type === 'products' && Array.isArray(part.data)) return productParts(part.data);
      if (part?.type === 'comparison' && Array.isArray(part.data?.items)) return [{ type: 'comparison', table: part.data }];
      if (part?.type === 'handoff' && Array.isArray(part.data?.options)) return [{ type: 'handoff', offer: part.data }];
      if (part?.type === 'image') return [{ type: 'image', src: null }];
      return [];
    });
  }
  return [...textParts(message.content ?? ''), ...productParts(message.products ?? [])];
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
  /** The photo sent with it (a data URL), sent again on Retry. */
  image?: string;
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
  | { type: 'start'; userMessageId: string; assistantMessageId: string; text: string; image?: string; replaces?: string }
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
  return updateMessage(state, id, (m) => (hasContent(m) ? { ...m, state: finalState, textOpen: false } : null));
}

function applyEvent(state: ChatState, id: string, event: ChatEvent): ChatState {
  switch (event.type) {
    case 'thread_id': {
      const messages = event.notice
        ? [
            ...state.messages.filter((m) => m.id !== id),
            { id: `${id}-notice`, role: 'notice' as const, parts: textParts(event.notice), state: 'complete' as const },
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
        messages: updateMessage(state, id, (m) => appendText(m, event.content)),
      };
    case 'products':
      return {
        ...state,
        messages: updateMessage(state, id, (m) => ({
          ...m,
          parts: [...m.parts, ...productParts(event.data)],
          textOpen: false,
        })),
      };
    case 'comparison':
      return {
        ...state,
        messages: updateMessage(state, id, (m) => ({
          ...m,
          parts: [...m.parts, { type: 'comparison', table: event.data }],
          textOpen: false,
        })),
      };
    case 'handoff':
      return {
        ...state,
        messages: updateMessage(state, id, (m) => ({
          ...m,
          parts: [...m.parts, { type: 'handoff', offer: event.data }],
          textOpen: false,
        })),
      };
    case 'status':
      return {
        ...state,
        status: { phase: event.status, message: event.message },
        messages: updateMessage(state, id, (m) => ({ ...m, textOpen: false })),
      };
    case 'done': {
      const message = state.messages.find((m) => m.id === id);
      return {
        ...state,
        threadId: event.thread_id || state.threadId,
        phase: 'idle',
        status: null,
        messages: finishAssistant(state, id, 'complete').map((m) =>
          m.id === id && event.message_id ? { ...m, messageId: event.message_id } : m,
        ),
        announcement: message ? messageText(message) : state.announcement,
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
          {
            id: action.userMessageId,
            role: 'user',
            parts: [...(action.image ? [{ type: 'image' as const, src: action.image }] : []), ...textParts(action.text)],
            state: 'complete',
          },
          { id: action.assistantMessageId, role: 'assistant', parts: [], state: 'streaming' },
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
          // The plain endpoint gives all text and all cards, not their order.
          parts: [...textParts(action.reply.reply), ...productParts(action.reply.products)],
          state: 'complete',
          ...(action.reply.message_id ? { messageId: action.reply.message_id } : {}),
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
          parts: restoredParts(m),
          state: 'complete',
          ...(m.message_id ? { messageId: m.message_id } : {}),
        })),
      };
    case 'restore_failed':
      return { ...state, phase: 'idle', threadId: action.forgetThread ? null : state.threadId };
    case 'reset':
      return initialChatState(null);
  }
}

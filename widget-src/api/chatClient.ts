/**
 * HTTP client for the Aisle proxy: the SSE stream, the non-streaming fallback, history and
 * analytics. Every request carries the shopper session token when there is one; a 401 drops
 * the cached token and tries once more with a fresh one.
 */
import type {
  ChatEvent,
  ChatHistory,
  ChatReply,
  ChatRequestBody,
  FeedbackBody,
  WidgetEventBody,
} from '../../proxy/src/contract/events';
import { ChatRequestError, errorFromResponse, isAbortError } from './errors';
import type { SessionTokenProvider } from './session';
import { readChatEvents } from './sse';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface ChatClientOptions {
  proxyUrl: string;
  session?: SessionTokenProvider | null;
  fetch?: FetchLike;
  /** The stream must send its first byte within this time, or it counts as failed. */
  firstByteTimeoutMs: number;
}

export interface ChatClient {
  /** Opens the stream; throws ChatRequestError for HTTP errors, timeouts and lost connections. */
  stream(body: ChatRequestBody, signal: AbortSignal): AsyncGenerator<ChatEvent, void, undefined>;
  /** `POST /api/chat`, the non-streaming fallback. */
  send(body: ChatRequestBody, signal: AbortSignal): Promise<ChatReply>;
  history(threadId: string, signal?: AbortSignal): Promise<ChatHistory>;
  /** `POST /api/events` with a batch (see analytics/eventQueue.ts); rejects on a network error or a refusal. */
  sendEvents(events: WidgetEventBody[], options: { keepalive: boolean }): Promise<void>;
  /** `POST /api/chat/feedback`: a thumb on one answer; throws ChatRequestError when refused. */
  feedback(body: FeedbackBody): Promise<void>;
}

function isChatReply(value: unknown): value is ChatReply {
  const v = value as Partial<ChatReply> | null;
  return typeof v === 'object' && v !== null && typeof v.thread_id === 'string' && typeof v.reply === 'string';
}

function isChatHistory(value: unknown): value is ChatHistory {
  const v = value as Partial<ChatHistory> | null;
  return typeof v === 'object' && v !== null && typeof v.thread_id === 'string' && Array.isArray(v.messages);
}

export function createChatClient(options: ChatClientOptions): ChatClient {
  const base = options.proxyUrl.replace(/\/+$/, '');
  // Looked up on each call so tests (and polyfills) can swap the global.
  const fetchImpl: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const session = options.session ?? null;

  /** One request with the session header; on 401, one more with a fresh token. */
  const request = async (path: string, init: RequestInit): Promise<Response> => {
    const attempt = async (): Promise<Response> => {
      const headers = new Headers(init.headers);
      if (session) {
        headers.set('Authorization', `Bearer ${await session.getToken()}`);
      }
      try {
        return await fetchImpl(`${base}${path}`, { ...init, headers });
      } catch (error) {
        if (isAbortError(error) || init.signal?.aborted) {
          throw error;
        }
        throw new ChatRequestError('network', error instanceof Error ? error.message : 'fetch failed');
      }
    };
    const response = await attempt();
    if (response.status === 401 && session) {
      session.invalidate();
      return attempt();
    }
    return response;
  };

  const postJson = (path: string, body: unknown, signal?: AbortSignal, accept = 'application/json') =>
    request(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: accept },
      body: JSON.stringify(body),
      signal,
    });

  return {
    async *stream(body, signal) {
      // A private controller lets the first-byte timer cancel the request without
      // pretending the shopper pressed Stop.
      const controller = new AbortController();
      const forwardAbort = () => controller.abort(signal.reason);
      signal.addEventListener('abort', forwardAbort);
      let timedOut = false;
      let sawEvent = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, options.firstByteTimeoutMs);
      const noFirstByte = () => new ChatRequestError('no_first_byte', 'The stream sent nothing in time.');
      try {
        let response: Response;
        try {
          response = await postJson('/api/chat/stream', body, controller.signal, 'text/event-stream');
        } catch (error) {
          throw timedOut ? noFirstByte() : error;
        }
        if (!response.ok) {
          throw await errorFromResponse(response);
        }
        if (!response.body) {
          throw new ChatRequestError('stream_unavailable', 'The stream response has no body.');
        }
        try {
          for await (const event of readChatEvents(response.body, { onFirstByte: () => clearTimeout(timer) })) {
            sawEvent = true;
            yield event;
          }
        } catch (error) {
          if (signal.aborted) {
            throw error;
          }
          if (timedOut) {
            throw noFirstByte();
          }
          throw new ChatRequestError('network', 'The connection was lost while the answer was streaming.', {
            midStream: sawEvent,
          });
        }
      } finally {
        clearTimeout(timer);
        signal.removeEventListener('abort', forwardAbort);
      }
    },

    async send(body, signal) {
      const response = await postJson('/api/chat', body, signal);
      if (!response.ok) {
        throw await errorFromResponse(response);
      }
      const reply: unknown = await response.json().catch(() => null);
      if (!isChatReply(reply)) {
        throw new ChatRequestError('server', 'The proxy answered with an unexpected body.');
      }
      return { ...reply, products: Array.isArray(reply.products) ? reply.products : [] };
    },

    async history(threadId, signal) {
      const response = await request(`/api/chat/history?thread_id=${encodeURIComponent(threadId)}`, {
        method: 'GET',
        headers: { Accept: 'application/json' },
        signal,
      });
      if (!response.ok) {
        throw await errorFromResponse(response);
      }
      const history: unknown = await response.json().catch(() => null);
      if (!isChatHistory(history)) {
        throw new ChatRequestError('server', 'The proxy answered with an unexpected history body.');
      }
      return history;
    },

    async feedback(body) {
      const response = await postJson('/api/chat/feedback', body);
      if (!response.ok) {
        throw await errorFromResponse(response);
      }
    },

    async sendEvents(events, { keepalive }) {
      // keepalive lets the request finish when the page is being left (the session header rules out sendBeacon).
      const response = await request('/api/events', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ events }),
        keepalive,
      });
      if (!response.ok) throw await errorFromResponse(response);
    },
  };
}

import { Router, type Request, type Response } from 'express';
import type { ChatEvent, ChatHistory, ChatReply, ProductCard } from '../contract/events';
import { createStreamSlots, threadFull } from '../guard/concurrency';
import type { RateLimiter } from '../guard/rate-limit';
import { ApiError, badRequest, notFound } from '../http/errors';
import { openSse, sseRegistryOf } from '../http/sse';
import { chatBodyParser, type CheckedChatBody } from './body';
import { loadHistory } from './history';
import type { ChatService } from './service';
import type { ThreadRepository } from './threads';
import type { ChatRequest, ChatRuntime, Shopper } from './types';

export interface ChatRouteDeps {
  chat: ChatService;
  threads: ThreadRepository;
  runtimeFor: (shopper: Shopper) => Promise<ChatRuntime>;
  limits: {
    maxMessageChars: number;
    /** Largest shopper photo, decoded (0 refuses photos; default 4 MB). */
    maxImageBytes?: number;
    /** Shopper turns one thread may hold (default 100); then 409 `conversation_too_long`. */
    maxTurnsPerThread?: number;
    /** Answers streaming at once for one shopper session (default 3); then 429 `too_many_streams`. */
    maxStreamsPerSession?: number;
  };
  heartbeatMs: number;
  /** Per session / IP / store limits; checked before any stream opens. */
  rateLimit?: RateLimiter;
  /** New shopper sessions per store (guard/door-limits.ts); no await for a session already seen. */
  newSessionLimit?: ((shopper: Shopper) => Promise<void> | void) | null;
  /** Who is asking: verifies the session token when sessions are required. */
  resolveShopper: (req: Request) => Promise<Shopper>;
}

/** An AbortSignal that fires when the client goes away before the answer is finished. */
function abortOnDisconnect(res: Response): AbortController {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller;
}

/** The service's request from a parsed body: the streamed and the plain route ask the same question. */
function chatRequest(body: CheckedChatBody, shopper: Shopper, signal: AbortSignal): ChatRequest {
  return {
    message: body.message,
    ...(body.image ? { image: { dataUrl: body.image.dataUrl } } : {}),
    threadId: body.thread_id,
    ...(body.context?.product_id !== undefined ? { productId: body.context.product_id } : {}),
    shopper,
    signal,
  };
}

export const DEFAULT_MAX_TURNS_PER_THREAD = 100;
export const DEFAULT_MAX_STREAMS_PER_SESSION = 3;

export function createChatRouter(deps: ChatRouteDeps): Router {
  const router = Router();
  const parseBody = chatBodyParser(deps.limits);
  const maxTurns = deps.limits.maxTurnsPerThread ?? DEFAULT_MAX_TURNS_PER_THREAD;
  const slots = createStreamSlots({ maxPerKey: deps.limits.maxStreamsPerSession ?? DEFAULT_MAX_STREAMS_PER_SESSION });

  /**
   * Everything that can refuse a turn, before a stream opens (so the refusal is
   * a plain 4xx JSON answer): shutdown, rate limits, the thread's length and the
   * shopper's open streams. Returns the release of the stream slot.
   */
  const admit = async (req: Request, res: Response, shopper: Shopper, threadId: string | null): Promise<() => void> => {
    if (sseRegistryOf(req.app).draining) {
      res.setHeader('Connection', 'close');
      throw new ApiError(503, 'shutting_down', 'The assistant is restarting. Please try again in a moment.', { retryAfter: 2 });
    }
    await deps.rateLimit?.(req, shopper);
    const newSession = deps.newSessionLimit?.(shopper);
    if (newSession) await newSession;
    if (threadId && maxTurns > 0) {
      const record = await deps.threads.find(threadId, shopper.owner, shopper.tenant);
      if (record && record.turns >= maxTurns) throw threadFull(maxTurns);
    }
    // The open proxy (no sessions) has one anonymous shopper: per-IP rate limits cover it instead.
    if (shopper.owner === 'anonymous') return () => undefined;
    const release = slots.acquire(`${shopper.tenant}\0${shopper.owner}`);
    res.once('close', release);
    return release;
  };

  const parse = (req: Request) => {
    if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
      throw badRequest('Send a JSON object: {"message": "...", "thread_id": null}');
    }
    const body = parseBody(req.body);
    // The photo now lives in the parsed body alone: an answer stream holds its request for minutes.
    if (body.image) req.body = undefined;
    return body;
  };

  router.post('/api/chat/stream', async (req, res) => {
    const body = parse(req);
    const shopper = await deps.resolveShopper(req);
    await admit(req, res, shopper, body.thread_id);
    const controller = abortOnDisconnect(res);
    const sse = openSse(res, { heartbeatMs: deps.heartbeatMs, onShutdown: () => controller.abort() });
    for await (const event of deps.chat.converse(chatRequest(body, shopper, controller.signal))) {
      if (sse.closed) break;
      sse.send(event);
    }
    sse.end();
  });

  router.post('/api/chat', async (req, res) => {
    const body = parse(req);
    const shopper = await deps.resolveShopper(req);
    await admit(req, res, shopper, body.thread_id);
    const controller = abortOnDisconnect(res);
    let threadId = '';
    let reply = '';
    let messageId: string | undefined;
    const products: ProductCard[] = [];
    let failure: Extract<ChatEvent, { type: 'error' }> | null = null;
    for await (const event of deps.chat.converse(chatRequest(body, shopper, controller.signal))) {
      if (event.type === 'thread_id') threadId = event.thread_id;
      else if (event.type === 'text') reply += event.content;
      else if (event.type === 'products') products.push(...event.data);
      else if (event.type === 'error') failure = event;
      else if (event.type === 'done' && event.message_id) messageId = event.message_id;
    }
    if (controller.signal.aborted) return;
    if (failure) {
      throw new ApiError(failure.retryable ? 503 : 502, failure.code, failure.message, {
        ...(failure.retry_after !== undefined ? { retryAfter: failure.retry_after } : {}),
      });
    }
    const answer: ChatReply = { thread_id: threadId, reply, products, ...(messageId ? { message_id: messageId } : {}) };
    res.json(answer);
  });

  router.get('/api/chat/history', async (req, res) => {
    const threadId = req.query.thread_id;
    if (typeof threadId !== 'string' || !threadId) throw badRequest('thread_id is required');
    const shopper = await deps.resolveShopper(req);
    const record = await deps.threads.find(threadId, shopper.owner, shopper.tenant);
    if (!record) throw notFound('No such conversation.');
    const controller = abortOnDisconnect(res);
    const runtime = await deps.runtimeFor(shopper);
    const messages =
      runtime.openai && record.conversation_id
        ? await loadHistory(
            {
              openai: runtime.openai,
              products: runtime.products,
              allowedHosts: runtime.allowedHosts,
              ...(runtime.comparison ? { comparison: runtime.comparison } : {}),
            },
            record.conversation_id,
            controller.signal,
          )
        : [];
    const history: ChatHistory = { thread_id: threadId, messages };
    res.json(history);
  });

  return router;
}

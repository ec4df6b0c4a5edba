import type { TenantRuntime } from '../app/runtime';
import OpenAI from 'openai';
import type { ChatEvent } from '../contract/events';
import type { Logger } from '../logging/logger';
import type { ThreadRepository, ThreadRecord } from './threads';
import { runTurn, type TurnUsage } from './turn';
import { classifyUpstreamError } from './upstream-errors';

export interface Shopper {
  /** Session ID from the shopper's token, or 'anonymous' when sessions are not required. */
  owner: string;
  /** The store (site) the request is for. */
  tenant: string;
}

export interface ChatRequest {
  message: string;
  threadId: string | null;
  productId?: number;
  shopper: Shopper;
  signal: AbortSignal;
}

/** Answers without OpenAI (no key, or the demo): the offline catalog assistant. */
export type OfflineResponder = (request: ChatRequest) => AsyncGenerator<ChatEvent>;

export interface ChatServiceDeps {
  /** The store's runtime (OpenAI client or offline mode, products, settings). */
  runtimeFor: (shopper: Shopper) => Promise<TenantRuntime>;
  threads: ThreadRepository;
  logger: Logger;
  onUsage?: (usage: TurnUsage, shopper: Shopper) => void;
}

const NEW_THREAD_NOTICE = 'That conversation has expired, so a new one was started.';

/**
 * The shopper-facing conversation: thread first, then the turn's events, then
 * `done`. Failures after the first event become an `error` event; nothing throws
 * past this generator.
 */
export function createChatService(deps: ChatServiceDeps) {
  async function resolveThread(
    request: ChatRequest,
    runtime: TenantRuntime,
  ): Promise<{ threadId: string; record: ThreadRecord; isNew: boolean; expired: boolean }> {
    if (request.threadId) {
      const record = await deps.threads.find(request.threadId, request.shopper.owner, request.shopper.tenant);
      if (record) return { threadId: request.threadId, record, isNew: false, expired: false };
    }
    const threadId = deps.threads.newId();
    let conversationId = '';
    if (runtime.openai) {
      const conversation = await runtime.openai.conversations.create(
        { metadata: { aisle_thread: threadId, aisle_store: request.shopper.tenant.slice(0, 512) } },
        { signal: request.signal },
      );
      conversationId = conversation.id;
    }
    const record: ThreadRecord = {
      conversation_id: conversationId,
      owner: request.shopper.owner,
      tenant: request.shopper.tenant,
      created_at: Date.now(),
      turns: 0,
    };
    await deps.threads.save(threadId, record);
    return { threadId, record, isNew: true, expired: request.threadId !== null };
  }

  async function* converse(request: ChatRequest): AsyncGenerator<ChatEvent> {
    let threadId: string | null = null;
    let runtime: TenantRuntime | null = null;
    let model: string | null = null;
    try {
      runtime = await deps.runtimeFor(request.shopper);
      const thread = await resolveThread(request, runtime);
      threadId = thread.threadId;
      yield {
        type: 'thread_id',
        thread_id: thread.threadId,
        ...(thread.isNew ? { new_thread: true } : {}),
        ...(thread.expired ? { notice: NEW_THREAD_NOTICE } : {}),
      };
      if (!runtime.openai || !thread.record.conversation_id) {
        yield* runtime.offline(request);
      } else {
        const settings = await runtime.settings();
        model = settings.model;
        yield* runTurn(
          {
            openai: runtime.openai,
            products: runtime.products,
            settings,
            logger: deps.logger,
            onUsage: (u) => deps.onUsage?.(u, request.shopper),
          },
          { conversationId: thread.record.conversation_id, message: request.message, productId: request.productId, signal: request.signal },
        );
      }
      thread.record.turns += 1;
      await deps.threads.save(thread.threadId, thread.record);
      yield { type: 'done', thread_id: thread.threadId };
    } catch (error) {
      if (request.signal.aborted) return;
      if ((error instanceof OpenAI.BadRequestError || error instanceof OpenAI.NotFoundError) && error.code === 'model_not_found' && model) {
        runtime?.model?.reportMissing(model);
      }
      const failure = classifyUpstreamError(error);
      if (!failure) deps.logger.error({ err: error }, 'chat turn failed');
      else deps.logger.warn({ code: failure.code, err: error }, 'chat turn failed upstream');
      yield {
        type: 'error',
        code: failure?.code ?? 'internal',
        message: failure?.message ?? 'Something went wrong. Please try again.',
        retryable: failure?.retryable ?? true,
        ...(failure?.retryAfter !== undefined ? { retry_after: failure.retryAfter } : {}),
      };
      if (threadId) yield { type: 'done', thread_id: threadId };
    }
  }

  return { converse };
}

export type ChatService = ReturnType<typeof createChatService>;

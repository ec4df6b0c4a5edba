import OpenAI from 'openai';
import type { ChatEvent } from '../contract/events';
import { filterTextLinks } from '../guard/link-filter';
import { refusalText, restingText } from '../guard/messages';
import type { ModerationCheck } from '../guard/moderation';
import type { SpendGuard } from '../guard/spend';
import type { Logger } from '../logging/logger';
import type { ConversationIndex } from '../maintenance/conversation-index';
import { detectLanguage } from '../search';
import type { ThreadRepository, ThreadRecord } from './threads';
import type { ChatRequest, ChatRuntime, Shopper } from './types';
import { runTurn, type TurnUsage } from './turn';
import { outageOf } from '../http/errors';
import type { UpstreamFailure } from '../openai/upstream-errors';

export interface ChatServiceDeps {
  /** The store's runtime (OpenAI client or offline mode, products, settings). */
  runtimeFor: (shopper: Shopper) => Promise<ChatRuntime>;
  threads: ThreadRepository;
  logger: Logger;
  /** Tokens of each upstream response, with the model that answered (for the owner's cost estimate). */
  onUsage?: (usage: TurnUsage, shopper: Shopper, model: string) => void;
  /** Daily token budget per store: counts usage, and answers offline once it is spent. */
  spend?: SpendGuard;
  /** Checks the shopper's message before any tokens are spent (moderation is optional). */
  moderate?: ModerationCheck | null;
  /** Records created conversations for the retention job. */
  conversationIndex?: ConversationIndex;
  /** How long an upstream failure may wait for fallback search results before the error is sent. */
  fallbackTimeoutMs?: number;
  /** OpenAI says the store's catalog vector store is gone: later turns go without it while a sync rebuilds it. */
  onCatalogMissing?: (shopper: Shopper) => Promise<void>;
  /** OPENAI_IDLE_TIMEOUT_MS: longest silence from OpenAI once an answer has started. */
  idleTimeoutMs?: number;
}

const CATALOG_REBUILDING: UpstreamFailure = {
  code: 'upstream_unavailable',
  status: 503,
  message: 'The product catalog is being refreshed. Please send your message again.',
  retryable: true,
};

/** OpenAI's answer when a `file_search` tool names a vector store that no longer exists. */
const isVectorStoreGone = (error: unknown) =>
  (error instanceof OpenAI.NotFoundError || error instanceof OpenAI.BadRequestError) && /vector store/i.test(error.message);

const NEW_THREAD_NOTICE = 'That conversation has expired, so a new one was started.';

/**
 * The shopper-facing conversation: thread first, then the turn's events, then
 * `done`. Failures after the first event become an `error` event; nothing throws
 * past this generator.
 */
export function createChatService(deps: ChatServiceDeps) {
  async function resolveThread(
    request: ChatRequest,
    runtime: ChatRuntime,
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

  /**
   * Records a new conversation for the retention job. Not needed to answer, so it is not made
   * before the upstream request (a store write, or a Redis round trip, before the shopper's
   * first text); `converse` makes it once the answer has started, and always before `done`.
   */
  async function indexConversation(threadId: string, record: ThreadRecord): Promise<void> {
    await deps.conversationIndex
      ?.remember({
        conversation_id: record.conversation_id,
        thread_id: threadId,
        tenant: record.tenant,
        created_at: record.created_at,
      })
      .catch((error: unknown) => deps.logger.warn({ err: error }, 'could not index the conversation for retention'));
  }

  /**
   * Cards from the local catalog search, for an answer the model could not give.
   * Bounded in time so the shopper hears about the failure promptly.
   */
  async function fallbackProducts(runtime: ChatRuntime, request: ChatRequest): Promise<ChatEvent | null> {
    const search = (async () => {
      for await (const event of runtime.offline(request)) if (event.type === 'products') return event;
      return null;
    })().catch(() => null);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), deps.fallbackTimeoutMs ?? 600);
    });
    try {
      return await Promise.race([search, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The spend cap is reached: a polite note plus what the catalog search finds. */
  async function* resting(runtime: ChatRuntime, request: ChatRequest): AsyncGenerator<ChatEvent> {
    yield { type: 'status', status: 'offline' };
    yield { type: 'text', content: restingText(detectLanguage(request.message)) };
    const products = await fallbackProducts(runtime, request);
    if (products) yield products;
  }

  async function* answer(
    runtime: ChatRuntime,
    request: ChatRequest,
    conversationId: string,
    threadId: string,
    onModel: (m: string) => void,
  ): AsyncGenerator<ChatEvent> {
    if (!runtime.openai || !conversationId) {
      yield* runtime.offline(request);
      return;
    }
    if (deps.spend && (await deps.spend.exhausted(request.shopper.tenant))) {
      yield* resting(runtime, request);
      return;
    }
    if (deps.moderate && runtime.moderation && (await deps.moderate(runtime.openai, request.message, request.signal))) {
      yield { type: 'text', content: refusalText(detectLanguage(request.message)) };
      return;
    }
    const settings = await runtime.settings();
    onModel(settings.model);
    const turn = runTurn(
      {
        openai: runtime.openai,
        products: runtime.products,
        ...(runtime.tools ? { tools: runtime.tools } : {}),
        settings,
        logger: deps.logger,
        ...(deps.idleTimeoutMs !== undefined ? { idleTimeoutMs: deps.idleTimeoutMs } : {}),
        onUsage: (u) => {
          deps.onUsage?.(u, request.shopper, settings.model);
          deps.spend
            ?.record(request.shopper.tenant, u)
            .catch((error: unknown) => deps.logger.warn({ err: error }, 'could not count token usage'));
        },
      },
      {
        conversationId,
        threadId,
        message: request.message,
        productId: request.productId,
        signal: request.signal,
        shopper: request.shopper,
      },
    );
    // Links in the model's text may only point to the store (a prompt-injected URL is dropped).
    yield* filterTextLinks(turn, runtime.allowedHosts, (content): ChatEvent => ({ type: 'text', content }));
  }

  async function* converse(request: ChatRequest): AsyncGenerator<ChatEvent> {
    let threadId: string | null = null;
    let runtime: ChatRuntime | null = null;
    let model: string | null = null;
    // A new thread's conversation, until it is indexed for retention (see indexConversation).
    let unindexed: { threadId: string; record: ThreadRecord } | null = null;
    const flushIndex = async () => {
      if (!unindexed) return;
      const { threadId: id, record } = unindexed;
      unindexed = null;
      await indexConversation(id, record);
    };
    try {
      runtime = await deps.runtimeFor(request.shopper);
      const thread = await resolveThread(request, runtime);
      threadId = thread.threadId;
      if (thread.isNew) unindexed = { threadId: thread.threadId, record: thread.record };
      yield {
        type: 'thread_id',
        thread_id: thread.threadId,
        ...(thread.isNew ? { new_thread: true } : {}),
        ...(thread.expired ? { notice: NEW_THREAD_NOTICE } : {}),
      };
      for await (const event of answer(runtime, request, thread.record.conversation_id, thread.threadId, (m) => {
        model = m;
      })) {
        yield event;
        // The answer's first event has gone out: the upstream request is streaming, index now.
        await flushIndex();
      }
      await flushIndex();
      thread.record.turns += 1;
      await deps.threads.save(thread.threadId, thread.record);
      yield { type: 'done', thread_id: thread.threadId };
    } catch (error) {
      // The conversation exists upstream even when its turn failed.
      await flushIndex();
      if (request.signal.aborted) return;
      if (
        (error instanceof OpenAI.BadRequestError || error instanceof OpenAI.NotFoundError) &&
        error.code === 'model_not_found' &&
        model
      ) {
        runtime?.model?.reportMissing(model);
      }
      if (isVectorStoreGone(error))
        await deps
          .onCatalogMissing?.(request.shopper)
          .catch((err: unknown) => deps.logger.warn({ err }, 'could not mark the catalog as missing'));
      // A vanished vector store is healed in the background: the very next message works again.
      const failure: UpstreamFailure | null = isVectorStoreGone(error) ? CATALOG_REBUILDING : outageOf(error);
      if (!failure) deps.logger.error({ err: error }, 'chat turn failed');
      else deps.logger.warn({ code: failure.code, err: error }, 'chat turn failed upstream');
      // The model failed, the catalog may not have: show what a local search finds.
      if (failure && runtime) {
        const products = await fallbackProducts(runtime, request);
        if (products && !request.signal.aborted) yield products;
      }
      yield {
        type: 'error',
        code: failure?.code ?? 'internal',
        message: failure?.message ?? 'Something went wrong. Please try again.',
        retryable: failure?.retryable ?? true,
        ...(failure?.retryAfter !== undefined ? { retry_after: failure.retryAfter } : {}),
      };
      if (threadId) yield { type: 'done', thread_id: threadId };
    } finally {
      // The shopper went away mid-answer (the consumer stopped reading): still index the conversation.
      await flushIndex();
    }
  }

  return { converse };
}

export type ChatService = ReturnType<typeof createChatService>;

import OpenAI from 'openai';
import type { ChatEvent } from '../contract/events';
import type { ProductService } from '../catalog/products';
import type { Logger } from '../logging/logger';
import { createShowProductsTool } from './show-products';
import { chatTools, type ChatTool } from './tools';
import type { Shopper, TurnSettings } from './types';
import { translateUpstreamEvent } from '../openai/translate';
import { UpstreamIncompleteError, UpstreamStreamError } from '../openai/upstream-errors';
import { readResponseEvents } from '../openai/upstream-stream';
import { recoverUsage } from '../openai/usage-recovery';
import { idleDeadline, type IdleDeadline } from '../openai/idle-deadline';

export interface TurnInput {
  conversationId: string;
  /** May be empty when a photo is attached. */
  message: string;
  /** A checked photo's data URL, sent to the model as an `input_image` part. */
  image?: { dataUrl: string };
  /** Page context, e.g. the product the shopper is looking at. */
  productId?: number;
  signal: AbortSignal;
  /** Who is asking, for tools that answer per shopper. */
  shopper: Shopper;
  /** The Aisle thread of this turn. */
  threadId: string;
}

export interface TurnUsage {
  input: number;
  output: number;
}

type InputItem = OpenAI.Responses.ResponseInputItem;

/**
 * One shopper turn: a streamed response on the conversation, and for every
 * `show_products` call, cards from WooCommerce and a `function_call_output` sent
 * in a new streamed response on the same conversation, so the shopper sees one
 * continuous stream. Bounded by `maxToolRounds`; the last round may not call tools.
 */
export interface TurnDeps {
  openai: OpenAI;
  products: ProductService;
  /** The store's function tools; `show_products` alone when not given. */
  tools?: readonly ChatTool[];
  settings: TurnSettings;
  logger: Logger;
  /** Every response's tokens, completed or not (the daily spend cap counts them). */
  onUsage?: (u: TurnUsage) => void;
  /** No byte from OpenAI for this long after the headers: the answer is abandoned as timed out. */
  idleTimeoutMs?: number;
  /** Each completed assistant message's id; the last one names the answer (`done.message_id`). */
  onMessageId?: (id: string) => void;
}

export async function* runTurn(deps: TurnDeps, input: TurnInput): AsyncGenerator<ChatEvent> {
  const { settings } = deps;
  const functions = deps.tools?.length ? deps.tools : [createShowProductsTool(deps.products)];
  const tools = chatTools(settings.vectorStoreId, functions);
  const byName = new Map(functions.map((t) => [t.definition.name, t]));
  const context = input.productId ? `\n\n[The shopper is viewing the product with System_ID ${input.productId}.]` : '';
  let pending: InputItem[] = [userMessage(input, context)];
  // Each model round writes its own text; a later round starts a new paragraph, not the end of the last sentence.
  let wroteText = false;

  for (let round = 0; round <= settings.maxToolRounds && pending.length; round++) {
    const lastRound = round === settings.maxToolRounds;
    // The raw response, read by our own lean SSE reader (see upstream-stream.ts): the SDK's stream
    // object holds several KB per open answer for as long as it streams.
    const idle = idleDeadline(deps.idleTimeoutMs);
    const response = await withFirstByteTimeout(deps.openai.timeout, input.signal, idle.signal, (signal) =>
      deps.openai.responses
        .create(
          {
            model: settings.model,
            instructions: settings.instructions,
            conversation: input.conversationId,
            input: pending,
            tools,
            tool_choice: lastRound ? 'none' : 'auto',
            stream: true,
            store: true,
            ...(settings.reasoningEffort !== 'none' ? { reasoning: { effort: settings.reasoningEffort } } : {}),
          },
          // No SDK retries mid-conversation: a shopper waiting on a backoff is worse than a clear retry button.
          { signal, maxRetries: 0 },
        )
        .asResponse(),
    );
    pending = [];
    let completed = false;
    let announcedSearch = false;
    let roundWroteText = false;
    const calls: Array<{ callId: string; name: string; arguments: string }> = [];
    // The response's id, until its usage is counted: an answer that ends any other way is looked up later.
    let uncounted: string | null = null;
    const count = (usage: TurnUsage | null) => {
      uncounted = null;
      if (usage) deps.onUsage?.(usage);
    };

    try {
      idle.start();
      for await (const event of cutsAsIncomplete(readResponseEvents(response, { onBytes: idle.touch }), input.signal, idle)) {
        const signal = translateUpstreamEvent(event);
        if (!signal) continue;
        switch (signal.kind) {
          case 'created':
            uncounted = signal.id;
            break;
          case 'text':
            yield { type: 'text', content: wroteText && !roundWroteText ? `\n\n${signal.delta}` : signal.delta };
            wroteText = roundWroteText = true;
            break;
          case 'searching':
            if (!announcedSearch) {
              announcedSearch = true;
              yield { type: 'status', status: 'searching_catalog' };
            }
            break;
          case 'function_call':
            calls.push(signal);
            break;
          case 'message':
            deps.onMessageId?.(signal.id);
            break;
          case 'completed':
            completed = true;
            count(signal.usage);
            break;
          case 'incomplete':
            completed = true;
            count(signal.usage);
            deps.logger.warn({ reason: signal.reason }, 'response incomplete');
            break;
          case 'failed':
            if (signal.usage) count(signal.usage);
            throw new UpstreamStreamError(signal.code, signal.message);
        }
      }
    } finally {
      idle.stop();
      // The shopper left, the stream was cut or stalled, or it failed without a usage: the tokens were
      // still spent. Read them from the stored response, in the background (nothing waits for it).
      if (uncounted && deps.onUsage) recoverUsage({ openai: deps.openai, logger: deps.logger, onUsage: deps.onUsage }, uncounted);
    }
    if (!completed) throw new UpstreamIncompleteError();

    for (const call of calls) {
      const tool = byName.get(call.name);
      if (!tool) {
        pending.push({ type: 'function_call_output', call_id: call.callId, output: `Unknown function ${call.name}.` });
        continue;
      }
      if (tool.status) yield { type: 'status', status: tool.status };
      const output = yield* tool.run(call.arguments, {
        shopper: input.shopper,
        threadId: input.threadId,
        settings,
        logger: deps.logger,
        signal: input.signal,
      });
      pending.push({ type: 'function_call_output', call_id: call.callId, output });
    }
  }
}

/** What the model reads when a photo comes without words. */
export const PHOTO_ONLY_PROMPT = 'Find products like the one in this photo.';

/** The shopper's words, and their photo as an image part (the model sees it; it stays in this conversation). */
function userMessage(input: TurnInput, context: string): InputItem {
  const text = `${input.message || (input.image ? PHOTO_ONLY_PROMPT : '')}${context}`;
  if (!input.image) return { role: 'user', content: text };
  return {
    role: 'user',
    content: [
      { type: 'input_image', image_url: input.image.dataUrl, detail: 'auto' },
      { type: 'input_text', text },
    ],
  };
}

/**
 * The SDK reports its own timeout as a plain connection error when a caller
 * signal is given, so the turn keeps the first-byte deadline itself and says
 * which it was: the shopper should hear "took too long", not "unreachable".
 */
async function withFirstByteTimeout<T>(
  timeoutMs: number,
  outer: AbortSignal,
  idle: AbortSignal,
  start: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const forward = () => controller.abort();
  outer.addEventListener('abort', forward, { once: true });
  try {
    // The idle deadline's signal rides on the request, so aborting it later closes the body too.
    return await start(AbortSignal.any([controller.signal, outer, idle]));
  } catch (error) {
    if (timedOut && !outer.aborted) throw new OpenAI.APIConnectionTimeoutError();
    throw error;
  } finally {
    clearTimeout(timer);
    outer.removeEventListener('abort', forward);
  }
}

/**
 * A stream that dies mid-way (socket cut: undici's `SocketError`, or `TypeError: terminated` from fetch)
 * or sends an event that is not JSON is an incomplete answer, not a bug.
 */
async function* cutsAsIncomplete<T>(stream: AsyncIterable<T>, signal: AbortSignal, idle: IdleDeadline): AsyncGenerator<T> {
  try {
    yield* stream;
  } catch (error) {
    if (signal.aborted) throw error;
    if (idle.expired) throw new OpenAI.APIConnectionTimeoutError({ message: 'OpenAI sent nothing for too long.' });
    if (error instanceof OpenAI.APIError) throw error;
    throw new UpstreamIncompleteError();
  }
}

/** POST /v1/responses (streamed and not) and GET /v1/responses/{id}. */
import { defaultErrorBody, invalidRequest, missingParameter, notFound } from '../errors';
import { commonHeaders, sleep } from '../http';
import { findModel } from '../models';
import { planDefaultAnswer, splitIntoDeltas, type PlannedItem } from '../responses/brain';
import { buildCompletedStream, buildFailedStream, type BuiltStream } from '../responses/events';
import { conversationIdOf, rawInputItems, summarizeTools, toStoredItems } from '../responses/input';
import { baseResponse, tokenCount, usageFor } from '../responses/response-object';
import { startEventStream, writeEvents, type StreamOutcome } from '../responses/sse';
import { nowSeconds, type Json, type StoredConversation } from '../state';
import type { OutputScript, ResponseScript, ScriptContext } from '../types';
import type { FakeRuntime, Route, RouteRequest, RouteResult } from '../runtime';

type HttpErrorScript = Extract<ResponseScript, { kind: 'http_error' }>;

function httpErrorResult(script: HttpErrorScript): RouteResult {
  return { status: script.status, json: script.body ?? defaultErrorBody(script.status), headers: script.headers ?? {} };
}

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function callIdsOf(items: Json[], type: string): Set<string> {
  return new Set(items.filter((i) => i.type === type && typeof i.call_id === 'string').map((i) => i.call_id as string));
}

/** The real API refuses unmatched tool calls/outputs in the context it is given. */
function checkToolPairs(history: Json[], input: Json[]): void {
  const all = [...history, ...input];
  const calls = callIdsOf(all, 'function_call');
  const outputs = callIdsOf(all, 'function_call_output');
  for (const callId of callIdsOf(input, 'function_call_output')) {
    if (!calls.has(callId))
      throw invalidRequest(400, `No tool call found for function call output with call_id ${callId}.`, 'input');
  }
  for (const callId of calls) {
    if (!outputs.has(callId)) throw invalidRequest(400, `No tool output found for function call ${callId}.`, 'input');
  }
}

interface Prepared {
  body: Json;
  conversation: StoredConversation | undefined;
  history: Json[];
  inputItems: Json[];
  base: Json;
  inputTokens: number;
}

function prepare(runtime: FakeRuntime, body: Json): Prepared {
  if (typeof body.model !== 'string' || body.model === '') throw missingParameter('model');
  const model = findModel(body.model);
  if (!model?.responses)
    throw invalidRequest(400, `The requested model '${body.model}' does not exist.`, 'model', 'model_not_found');

  const conversationId = conversationIdOf(body);
  const previousId = typeof body.previous_response_id === 'string' ? body.previous_response_id : undefined;
  if (conversationId && previousId) {
    throw invalidRequest(
      400,
      "Mutually exclusive parameters: Ensure you are only providing one of: 'previous_response_id' or 'conversation'.",
      'conversation',
      'mutually_exclusive_parameters',
    );
  }
  let conversation: StoredConversation | undefined;
  let history: Json[] = [];
  if (conversationId) {
    conversation = runtime.state.conversations.get(conversationId);
    if (!conversation) throw notFound(`Conversation with id '${conversationId}' not found.`, 'conversation');
    if (conversation.lockedBy) {
      throw invalidRequest(
        400,
        'Another process is currently operating on this conversation. Please retry in a few seconds.',
        'conversation',
        'conversation_locked',
      );
    }
    history = conversation.items;
  } else if (previousId) {
    const context = runtime.responseContexts.get(previousId);
    if (!context) throw notFound(`Previous response with id '${previousId}' not found.`, 'previous_response_id');
    history = context;
  }

  const inputItems = rawInputItems(body);
  checkToolPairs(history, inputItems);
  const tools = summarizeTools(body);
  for (const storeId of tools.fileSearch?.vectorStoreIds ?? []) {
    if (!runtime.state.vectorStores.has(storeId)) throw notFound(`Vector store with id '${storeId}' not found.`, 'tools');
  }
  const base = baseResponse({
    id: runtime.ids.next('resp_'),
    createdAt: nowSeconds(),
    modelSnapshot: model.snapshot,
    body,
    conversationId,
  });
  return {
    body,
    conversation,
    history,
    inputItems,
    base,
    inputTokens: tokenCount([body.instructions, history, inputItems, body.tools]),
  };
}

function fileSearchResults(runtime: FakeRuntime, body: Json, storeIds: string[], max: number): Json[] | null {
  const include = Array.isArray(body.include) ? body.include : [];
  if (!include.includes('file_search_call.results')) return null;
  const results: Json[] = [];
  for (const storeId of storeIds) {
    for (const vsFile of runtime.state.vectorStores.get(storeId)?.files.values() ?? []) {
      const file = runtime.state.files.get(vsFile.id);
      if (!file || vsFile.finalStatus !== 'completed' || vsFile.pollsLeft > 0) continue;
      results.push({
        attributes: vsFile.attributes,
        file_id: file.object.id,
        filename: file.object.filename,
        score: 0.9,
        text: file.content.toString('utf8').slice(0, 400),
      });
    }
  }
  return results.slice(0, max);
}

function planFor(runtime: FakeRuntime, prepared: Prepared, script: OutputScript | undefined): PlannedItem[] | undefined {
  const reasoning: PlannedItem[] = runtime.options.emitReasoning ? [{ type: 'reasoning' }] : [];
  const tools = summarizeTools(prepared.body);
  if (!script) {
    const plan = planDefaultAnswer({
      inputItems: prepared.inputItems,
      historyItems: prepared.history,
      tools,
      productIdsFor: runtime.options.productIdsFor,
      fileSearchResults: () =>
        fileSearchResults(runtime, prepared.body, tools.fileSearch?.vectorStoreIds ?? [], tools.fileSearch?.maxNumResults ?? 20),
    });
    return [...reasoning, ...plan];
  }
  if (script.kind === 'text') return [...reasoning, { type: 'message', chunks: script.chunks ?? splitIntoDeltas(script.text) }];
  if (script.kind === 'function_call') {
    const search: PlannedItem[] = script.withFileSearch
      ? [
          {
            type: 'file_search_call',
            queries: ['products'],
            results: fileSearchResults(runtime, prepared.body, tools.fileSearch?.vectorStoreIds ?? [], 20),
          },
        ]
      : [];
    const leading: PlannedItem[] = script.leadingText ? [{ type: 'message', chunks: splitIntoDeltas(script.leadingText) }] : [];
    return [
      ...reasoning,
      ...search,
      ...leading,
      {
        type: 'function_call',
        name: script.name,
        arguments: script.arguments,
        ...(script.callId ? { callId: script.callId } : {}),
      },
    ];
  }
  return undefined;
}

function scriptContext(prepared: Prepared): ScriptContext {
  return { body: prepared.body, response: (overrides = {}) => ({ ...structuredClone(prepared.base), ...overrides }) };
}

function buildStream(runtime: FakeRuntime, prepared: Prepared, script: OutputScript | undefined): BuiltStream {
  if (script?.kind === 'stream_error') return buildFailedStream(prepared.base, script, runtime.ids);
  if (script?.kind === 'events') {
    const raw = typeof script.events === 'function' ? script.events(scriptContext(prepared)) : script.events;
    const events = structuredClone(raw) as Json[];
    const terminal = [...events].reverse().find((e) => isJson(e.response));
    return { events, finalResponse: (terminal?.response as Json | undefined) ?? prepared.base };
  }
  const plan = planFor(runtime, prepared, script) ?? [];
  return buildCompletedStream(prepared.base, plan, runtime.ids, prepared.inputTokens);
}

/** Stores what a finished response leaves behind: conversation items, the response, its context. */
function recordOutcome(runtime: FakeRuntime, prepared: Prepared, finalResponse: Json): void {
  const id = String(finalResponse.id);
  runtime.state.responses.set(id, finalResponse);
  if (finalResponse.status !== 'completed') return;
  const stored = toStoredItems(prepared.inputItems, runtime.ids);
  const output = Array.isArray(finalResponse.output) ? (structuredClone(finalResponse.output) as Json[]) : [];
  if (prepared.conversation) prepared.conversation.items.push(...stored, ...output);
  runtime.responseContexts.set(id, [...prepared.history, ...stored, ...output]);
}

function nonStreamAnswer(built: BuiltStream): RouteResult {
  const error = built.events.find((e) => e.type === 'error');
  if (error) {
    const detail = isJson(error.error) ? error.error : error;
    const code = typeof detail.code === 'string' ? detail.code : null;
    const status = code === 'insufficient_quota' || code === 'rate_limit_exceeded' ? 429 : 500;
    return {
      status,
      json: {
        error: {
          message: String(detail.message ?? 'Error'),
          type: String(detail.type ?? 'server_error'),
          param: (detail.param as string | null) ?? null,
          code,
        },
      },
    };
  }
  return { json: built.finalResponse };
}

async function streamAnswer(
  runtime: FakeRuntime,
  request: RouteRequest,
  built: BuiltStream,
  script: ResponseScript | undefined,
  inner: OutputScript | undefined,
  sent: Json[],
): Promise<StreamOutcome> {
  startEventStream(request.res, commonHeaders(request.requestId));
  request.record.status = 200;
  return writeEvents(request.res, built.events, {
    firstTokenDelayMs: runtime.options.firstTokenDelayMs,
    tokenDelayMs: runtime.options.tokenDelayMs,
    perEventDelayMs: inner?.kind === 'events' ? (inner.delayMs ?? 0) : 0,
    cutAfterEvents: script?.kind === 'cut' ? script.afterEvents : undefined,
    stallAfterEvents: script?.kind === 'stall' ? script.afterEvents : undefined,
    onEvent: (event) => {
      sent.push(event);
      runtime.checkResponse('POST', '/v1/responses', 200, event, 'text/event-stream');
    },
  });
}

/**
 * A streamed, stored response whose client hung up: generation stops (only background responses
 * run on without their stream) and the stored response says so, with the tokens used so far:
 * the input, the reasoning if its item went out, and the text deltas sent.
 */
function recordAbandoned(runtime: FakeRuntime, prepared: Prepared, sent: Json[]): void {
  const reasoning = sent.some((e) => e.type === 'response.output_item.added' && isJson(e.item) && e.item.type === 'reasoning');
  const text = sent
    .filter((e) => e.type === 'response.output_text.delta' || e.type === 'response.function_call_arguments.delta')
    .map((e) => String(e.delta))
    .join('');
  const usage = usageFor(prepared.inputTokens, text ? tokenCount(text) : 0, reasoning ? 64 : 0);
  runtime.state.responses.set(String(prepared.base.id), { ...prepared.base, status: 'cancelled', usage });
}

async function createResponse(runtime: FakeRuntime, request: RouteRequest): Promise<RouteResult> {
  const script = runtime.scripts.shift();
  if (script?.kind === 'http_error') return httpErrorResult(script);
  const streaming = request.body.stream === true;
  const { res } = request;
  let cut = false;
  if (streaming) {
    runtime.openStreams += 1;
    res.once('close', () => {
      runtime.openStreams -= 1;
      // Closed before the last byte was flushed, and not by a scripted cut: the client hung up.
      if (!res.writableFinished && !cut) runtime.abortedStreams += 1;
    });
  }
  const prepared = prepare(runtime, request.body);

  let inner: OutputScript | HttpErrorScript | undefined;
  if (script?.kind === 'hang') {
    await sleep(script.ms);
    inner = script.then;
  } else if (script?.kind === 'cut' || script?.kind === 'stall') inner = script.then;
  else inner = script;
  if (res.destroyed) return { streamed: true };
  if (inner?.kind === 'http_error') return httpErrorResult(inner);

  if (script?.kind === 'stall' && !streaming) {
    await new Promise<void>((resolve) => (res.destroyed ? resolve() : res.once('close', () => resolve())));
    return { streamed: true };
  }
  if (script?.kind === 'cut' && !streaming) {
    cut = true;
    res.socket?.destroy();
    return { streamed: true };
  }

  const built = buildStream(runtime, prepared, inner);
  const conversation = prepared.conversation;
  if (conversation) conversation.lockedBy = String(prepared.base.id);
  try {
    if (!streaming) {
      await sleep(runtime.options.firstTokenDelayMs);
      recordOutcome(runtime, prepared, built.finalResponse);
      return nonStreamAnswer(built);
    }
    // Retrievable while it streams, as the live API stores a response from its start.
    if (prepared.body.store !== false) runtime.state.responses.set(String(prepared.base.id), prepared.base);
    const sent: Json[] = [];
    const outcome = await streamAnswer(runtime, request, built, script, inner, sent);
    if (outcome === 'cut') cut = true;
    if (outcome === 'finished') recordOutcome(runtime, prepared, built.finalResponse);
    if (outcome === 'aborted' && prepared.body.store !== false) recordAbandoned(runtime, prepared, sent);
    return { streamed: true };
  } finally {
    if (conversation) conversation.lockedBy = undefined;
  }
}

export const responseRoutes: Route[] = [
  {
    method: 'POST',
    template: '/responses',
    operation: 'responses.create',
    handle: createResponse,
  },
  {
    method: 'GET',
    template: '/responses/{response_id}',
    operation: 'responses.retrieve',
    handle(runtime, request) {
      const id = request.params.response_id ?? '';
      const response = runtime.state.responses.get(id);
      if (!response) throw notFound(`Response with id '${id}' not found.`);
      return { json: response };
    },
  },
];

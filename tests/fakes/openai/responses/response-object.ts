/**
 * The Response object, with the key set of the newest live recording
 * (fixtures/vercel-ai/openai-client-tool-search.2.chunks.txt, 2026-03) plus
 * `conversation` when the request used one.
 */
import { nowSeconds, type Json } from '../state';
import { echoTools } from './input';

export interface ResponseSeed {
  id: string;
  createdAt: number;
  modelSnapshot: string;
  body: Json;
  conversationId: string | undefined;
}

export function baseResponse(seed: ResponseSeed): Json {
  const { body } = seed;
  const reasoning = typeof body.reasoning === 'object' && body.reasoning !== null ? (body.reasoning as Json) : {};
  const response: Json = {
    id: seed.id,
    object: 'response',
    created_at: seed.createdAt,
    status: 'in_progress',
    background: body.background ?? false,
    completed_at: null,
    error: null,
    frequency_penalty: 0,
    incomplete_details: null,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    max_tool_calls: body.max_tool_calls ?? null,
    model: seed.modelSnapshot,
    output: [],
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    presence_penalty: 0,
    previous_response_id: body.previous_response_id ?? null,
    prompt_cache_key: body.prompt_cache_key ?? null,
    prompt_cache_retention: body.prompt_cache_retention ?? null,
    reasoning: { effort: reasoning.effort ?? 'medium', summary: reasoning.summary ?? null },
    safety_identifier: body.safety_identifier ?? null,
    service_tier: 'auto',
    store: body.store ?? true,
    temperature: body.temperature ?? 1,
    text: {
      format: { type: 'text' },
      verbosity: 'medium',
      ...(typeof body.text === 'object' && body.text !== null ? (body.text as Json) : {}),
    },
    tool_choice: body.tool_choice ?? 'auto',
    tools: echoTools(body),
    top_logprobs: body.top_logprobs ?? 0,
    top_p: body.top_p ?? 1,
    truncation: body.truncation ?? 'disabled',
    usage: null,
    user: body.user ?? null,
    metadata: body.metadata ?? {},
  };
  if (seed.conversationId) response.conversation = { id: seed.conversationId };
  return response;
}

/** Rough token count (4 characters a token), deterministic. */
export function tokenCount(value: unknown): number {
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? '');
  return Math.max(1, Math.ceil(text.length / 4));
}

export function usageFor(inputTokens: number, outputTokens: number, reasoningTokens: number): Json {
  return {
    input_tokens: inputTokens,
    // cache_write_tokens: required by the 2026-08 spec, newer than the recordings.
    input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
    output_tokens: outputTokens + reasoningTokens,
    output_tokens_details: { reasoning_tokens: reasoningTokens },
    total_tokens: inputTokens + outputTokens + reasoningTokens,
  };
}

export function completedResponse(base: Json, output: Json[], usage: Json): Json {
  return { ...base, status: 'completed', completed_at: nowSeconds(), service_tier: 'default', output, usage };
}

export function failedResponse(base: Json, code: string, message: string): Json {
  return { ...base, status: 'failed', error: { code, message }, output: [] };
}

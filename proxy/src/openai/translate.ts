import type OpenAI from 'openai';

/**
 * The one place that reads OpenAI stream events. It turns them into the few
 * facts the turn loop needs; nothing from OpenAI is forwarded raw.
 */
type Usage = { input: number; output: number } | null;

export type UpstreamSignal =
  /** The response exists upstream (its id, to look its usage up if the stream ends early). */
  | { kind: 'created'; id: string }
  | { kind: 'text'; delta: string }
  | { kind: 'searching' }
  | { kind: 'function_call'; callId: string; name: string; arguments: string }
  /** An assistant message is complete (its id names the answer for feedback). */
  | { kind: 'message'; id: string }
  | { kind: 'completed'; usage: Usage }
  | { kind: 'incomplete'; reason: string | null; usage: Usage }
  | { kind: 'failed'; code: string | null; message: string; usage: Usage };

/** Tokens are billed whether the answer completed or not: every terminal event's usage is read. */
function usageOf(response: OpenAI.Responses.Response): Usage {
  const usage = response.usage;
  return usage ? { input: usage.input_tokens, output: usage.output_tokens } : null;
}

export function translateUpstreamEvent(event: OpenAI.Responses.ResponseStreamEvent): UpstreamSignal | null {
  switch (event.type) {
    case 'response.created':
      return { kind: 'created', id: event.response.id };
    case 'response.output_text.delta':
      return event.delta ? { kind: 'text', delta: event.delta } : null;
    case 'response.file_search_call.in_progress':
    case 'response.file_search_call.searching':
      return { kind: 'searching' };
    case 'response.output_item.done':
      if (event.item.type === 'function_call') {
        return { kind: 'function_call', callId: event.item.call_id, name: event.item.name, arguments: event.item.arguments };
      }
      if (event.item.type === 'message' && event.item.role === 'assistant' && event.item.id) {
        return { kind: 'message', id: event.item.id };
      }
      return null;
    case 'response.completed':
      return { kind: 'completed', usage: usageOf(event.response) };
    case 'response.incomplete':
      return { kind: 'incomplete', reason: event.response.incomplete_details?.reason ?? null, usage: usageOf(event.response) };
    case 'response.failed':
      return {
        kind: 'failed',
        code: event.response.error?.code ?? null,
        message: event.response.error?.message ?? 'response failed',
        usage: usageOf(event.response),
      };
    case 'error': {
      // The live API nests the details under `error` (see the recorded insufficient_quota stream);
      // the SDK's type has them at the top level. Read both.
      const nested = (event as { error?: { code?: string | null; message?: string } }).error;
      return {
        kind: 'failed',
        code: event.code ?? nested?.code ?? null,
        message: event.message ?? nested?.message ?? 'error',
        usage: null,
      };
    }
    default:
      return null;
  }
}

import type OpenAI from 'openai';

/**
 * The one place that reads OpenAI stream events. It turns them into the few
 * facts the turn loop needs; nothing from OpenAI is forwarded raw.
 */
export type UpstreamSignal =
  | { kind: 'text'; delta: string }
  | { kind: 'searching' }
  | { kind: 'function_call'; callId: string; name: string; arguments: string }
  | { kind: 'completed'; usage: { input: number; output: number } | null }
  | { kind: 'incomplete'; reason: string | null }
  | { kind: 'failed'; code: string | null; message: string };

export function translateUpstreamEvent(event: OpenAI.Responses.ResponseStreamEvent): UpstreamSignal | null {
  switch (event.type) {
    case 'response.output_text.delta':
      return event.delta ? { kind: 'text', delta: event.delta } : null;
    case 'response.file_search_call.in_progress':
    case 'response.file_search_call.searching':
      return { kind: 'searching' };
    case 'response.output_item.done':
      if (event.item.type === 'function_call') {
        return { kind: 'function_call', callId: event.item.call_id, name: event.item.name, arguments: event.item.arguments };
      }
      return null;
    case 'response.completed': {
      const usage = event.response.usage;
      return { kind: 'completed', usage: usage ? { input: usage.input_tokens, output: usage.output_tokens } : null };
    }
    case 'response.incomplete':
      return { kind: 'incomplete', reason: event.response.incomplete_details?.reason ?? null };
    case 'response.failed':
      return {
        kind: 'failed',
        code: event.response.error?.code ?? null,
        message: event.response.error?.message ?? 'response failed',
      };
    case 'error': {
      // The live API nests the details under `error` (see the recorded insufficient_quota stream);
      // the SDK's type has them at the top level. Read both.
      const nested = (event as { error?: { code?: string | null; message?: string } }).error;
      return { kind: 'failed', code: event.code ?? nested?.code ?? null, message: event.message ?? nested?.message ?? 'error' };
    }
    default:
      return null;
  }
}

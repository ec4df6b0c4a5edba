/**
 * Turns planned output items into the exact event sequence the live API streams
 * (same event types, order and key sets as the recordings in /work/shared/openai/fixtures).
 */
import type { IdFactory } from '../ids';
import type { Json } from '../state';
import { splitArguments, splitIntoDeltas, type PlannedItem } from './brain';
import { completedResponse, failedResponse, tokenCount, usageFor } from './response-object';

export interface BuiltStream {
  events: Json[];
  /** The response the terminal event carries (completed or failed). */
  finalResponse: Json;
}

/** Deterministic stand-in for the live API's random `obfuscation` padding. */
function obfuscation(delta: string): string {
  const alphabet = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345';
  const length = 16 - (Buffer.byteLength(delta) % 16);
  let out = '';
  for (let i = 0; i < length; i += 1) out += alphabet[(delta.length * 7 + i * 3) % alphabet.length];
  return out;
}

class EventList {
  readonly events: Json[] = [];
  push(type: string, fields: Json): void {
    this.events.push({ type, sequence_number: this.events.length, ...fields });
  }
}

function emitItem(list: EventList, planned: PlannedItem, outputIndex: number, ids: IdFactory): Json {
  const output_index = outputIndex;
  switch (planned.type) {
    case 'reasoning': {
      const item = { id: ids.next('rs_'), type: 'reasoning', summary: [] };
      list.push('response.output_item.added', { output_index, item });
      list.push('response.output_item.done', { output_index, item });
      return item;
    }
    case 'file_search_call': {
      const item_id = ids.next('fs_');
      list.push('response.output_item.added', {
        output_index,
        item: { id: item_id, type: 'file_search_call', status: 'in_progress', queries: [], results: null },
      });
      list.push('response.file_search_call.in_progress', { output_index, item_id });
      list.push('response.file_search_call.searching', { output_index, item_id });
      list.push('response.file_search_call.completed', { output_index, item_id });
      const item = {
        id: item_id,
        type: 'file_search_call',
        status: 'completed',
        queries: planned.queries,
        results: planned.results,
      };
      list.push('response.output_item.done', { output_index, item });
      return item;
    }
    case 'message': {
      const item_id = ids.next('msg_');
      const text = planned.chunks.join('');
      list.push('response.output_item.added', {
        output_index,
        item: { id: item_id, type: 'message', status: 'in_progress', content: [], role: 'assistant' },
      });
      list.push('response.content_part.added', {
        item_id,
        output_index,
        content_index: 0,
        part: { type: 'output_text', annotations: [], logprobs: [], text: '' },
      });
      for (const delta of planned.chunks) {
        list.push('response.output_text.delta', {
          item_id,
          output_index,
          content_index: 0,
          delta,
          logprobs: [],
          obfuscation: obfuscation(delta),
        });
      }
      list.push('response.output_text.done', { item_id, output_index, content_index: 0, text, logprobs: [] });
      const part = { type: 'output_text', annotations: [], logprobs: [], text };
      list.push('response.content_part.done', { item_id, output_index, content_index: 0, part });
      const item = { id: item_id, type: 'message', status: 'completed', content: [part], role: 'assistant' };
      list.push('response.output_item.done', { output_index, item });
      return item;
    }
    case 'function_call': {
      const item_id = ids.next('fc_');
      const call_id = planned.callId ?? ids.next('call_');
      list.push('response.output_item.added', {
        item: { id: item_id, type: 'function_call', status: 'in_progress', arguments: '', call_id, name: planned.name },
        output_index,
      });
      for (const delta of splitArguments(planned.arguments)) {
        list.push('response.function_call_arguments.delta', { delta, item_id, obfuscation: obfuscation(delta), output_index });
      }
      // `name` is not in the 2026-03 recording but is required by the newer 2026-08 spec.
      list.push('response.function_call_arguments.done', {
        arguments: planned.arguments,
        item_id,
        name: planned.name,
        output_index,
      });
      const item = {
        id: item_id,
        type: 'function_call',
        status: 'completed',
        arguments: planned.arguments,
        call_id,
        name: planned.name,
      };
      list.push('response.output_item.done', { item, output_index });
      return item;
    }
  }
}

export function buildCompletedStream(base: Json, plan: PlannedItem[], ids: IdFactory, inputTokens: number): BuiltStream {
  const list = new EventList();
  list.push('response.created', { response: base });
  list.push('response.in_progress', { response: base });
  const output = plan.map((planned, index) => emitItem(list, planned, index, ids));
  const reasoningTokens = plan.some((p) => p.type === 'reasoning') ? 64 : 0;
  const visible = plan.filter((p) => p.type !== 'reasoning');
  const finalResponse = completedResponse(base, output, usageFor(inputTokens, tokenCount(visible), reasoningTokens));
  list.push('response.completed', { response: finalResponse });
  return { events: list.events, finalResponse };
}

/** The live failure sequence (openai-error.1.chunks.txt), optionally after some text. */
export function buildFailedStream(
  base: Json,
  failure: { code: string; message: string; errorType?: string; partialText?: string },
  ids: IdFactory,
): BuiltStream {
  const list = new EventList();
  list.push('response.created', { response: base });
  list.push('response.in_progress', { response: base });
  if (failure.partialText) {
    const item_id = ids.next('msg_');
    list.push('response.output_item.added', {
      output_index: 0,
      item: { id: item_id, type: 'message', status: 'in_progress', content: [], role: 'assistant' },
    });
    list.push('response.content_part.added', {
      item_id,
      output_index: 0,
      content_index: 0,
      part: { type: 'output_text', annotations: [], logprobs: [], text: '' },
    });
    for (const delta of splitIntoDeltas(failure.partialText)) {
      list.push('response.output_text.delta', {
        item_id,
        output_index: 0,
        content_index: 0,
        delta,
        logprobs: [],
        obfuscation: obfuscation(delta),
      });
    }
  }
  list.push('error', {
    error: { type: failure.errorType ?? failure.code, code: failure.code, message: failure.message, param: null },
  });
  const finalResponse = failedResponse(base, failure.code, failure.message);
  list.push('response.failed', { response: finalResponse });
  return { events: list.events, finalResponse };
}

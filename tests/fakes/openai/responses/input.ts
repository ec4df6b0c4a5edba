/** Reads a CreateResponse body: input items, the shopper's text, tools. */
import type { IdFactory } from '../ids';
import type { Json } from '../state';

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Text of a message's content (string, or input_text/output_text parts). */
export function messageText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter(isJson)
    .map((part) => (typeof part.text === 'string' ? part.text : ''))
    .join('');
}

/** The request's `input` as a list of raw items (a string is one user message). */
export function rawInputItems(body: Json): Json[] {
  const input = body.input;
  if (typeof input === 'string') return [{ role: 'user', content: input }];
  return Array.isArray(input) ? input.filter(isJson) : [];
}

/** `conversation: "conv_…"` or `{ id }`. */
export function conversationIdOf(body: Json): string | undefined {
  const conversation = body.conversation;
  if (typeof conversation === 'string') return conversation;
  if (isJson(conversation) && typeof conversation.id === 'string') return conversation.id;
  return undefined;
}

/**
 * Input items in the shapes the API stores them (and lists them from a conversation):
 * ids added, message content as parts, statuses set. `item_reference`s are dropped.
 */
export function toStoredItems(items: Json[], ids: IdFactory): Json[] {
  const stored: Json[] = [];
  for (const item of items) {
    const type = typeof item.type === 'string' ? item.type : 'message';
    if (type === 'item_reference') continue;
    if (type === 'message') {
      const role = typeof item.role === 'string' ? item.role : 'user';
      const content =
        typeof item.content === 'string'
          ? [
              role === 'assistant'
                ? { type: 'output_text', annotations: [], logprobs: [], text: item.content }
                : { type: 'input_text', text: item.content },
            ]
          : item.content;
      stored.push({
        id: typeof item.id === 'string' ? item.id : ids.next('msg_'),
        type: 'message',
        status: 'completed',
        role,
        content,
      });
    } else if (type === 'function_call_output') {
      stored.push({ id: ids.next('fco_'), type, status: 'completed', call_id: item.call_id, output: item.output });
    } else {
      stored.push({
        ...item,
        id: typeof item.id === 'string' ? item.id : ids.next('fc_'),
        type,
        status: item.status ?? 'completed',
      });
    }
  }
  return stored;
}

export interface ToolSummary {
  functionNames: string[];
  fileSearch: { vectorStoreIds: string[]; maxNumResults: number } | undefined;
}

export function summarizeTools(body: Json): ToolSummary {
  const tools = Array.isArray(body.tools) ? body.tools.filter(isJson) : [];
  const functionNames = tools.filter((t) => t.type === 'function' && typeof t.name === 'string').map((t) => t.name as string);
  const fileSearchTool = tools.find((t) => t.type === 'file_search');
  const fileSearch = fileSearchTool
    ? {
        vectorStoreIds: Array.isArray(fileSearchTool.vector_store_ids) ? fileSearchTool.vector_store_ids.map(String) : [],
        maxNumResults: typeof fileSearchTool.max_num_results === 'number' ? fileSearchTool.max_num_results : 20,
      }
    : undefined;
  return { functionNames, fileSearch };
}

/** Tools as the Response object echoes them (defaults filled in like the live API). */
export function echoTools(body: Json): Json[] {
  const tools = Array.isArray(body.tools) ? body.tools.filter(isJson) : [];
  return tools.map((tool) => {
    if (tool.type === 'function') {
      return {
        type: 'function',
        description: tool.description ?? null,
        name: tool.name,
        parameters: tool.parameters ?? null,
        strict: tool.strict ?? true,
      };
    }
    if (tool.type === 'file_search') {
      return {
        type: 'file_search',
        filters: tool.filters ?? null,
        max_num_results: tool.max_num_results ?? 20,
        ranking_options: { ranker: 'auto', score_threshold: 0, ...(isJson(tool.ranking_options) ? tool.ranking_options : {}) },
        vector_store_ids: tool.vector_store_ids ?? [],
      };
    }
    return tool;
  });
}

/** The last user message's text among `items` (stored or raw), or ''. */
export function lastUserText(items: Json[]): string {
  for (let i = items.length - 1; i >= 0; i -= 1) {
    const item = items[i] as Json;
    if ((item.type === undefined || item.type === 'message') && item.role === 'user') return messageText(item.content);
  }
  return '';
}

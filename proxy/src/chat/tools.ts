import type OpenAI from 'openai';
import type { ChatEvent, StatusPhase } from '../contract/events';
import type { Logger } from '../logging/logger';
import type { Shopper, TurnSettings } from './types';

type Tool = OpenAI.Responses.Tool;

export const SHOW_PRODUCTS = 'show_products';

/** `show_products` as the original system described it, now strict. */
export const showProductsTool: OpenAI.Responses.FunctionTool = {
  type: 'function',
  name: SHOW_PRODUCTS,
  description:
    'Display product cards to the user. Call this when the user asks about specific products or when you want to show product recommendations.',
  strict: true,
  parameters: {
    type: 'object',
    properties: {
      product_ids: {
        type: 'array',
        items: { type: 'integer' },
        description: 'Array of WooCommerce product IDs (System_ID from catalog) to display',
      },
    },
    required: ['product_ids'],
    additionalProperties: false,
  },
};

/** What a function tool knows about the turn it runs in. */
export interface ToolContext {
  shopper: Shopper;
  /** The Aisle thread the turn belongs to. */
  threadId: string;
  settings: TurnSettings;
  logger: Logger;
  /** Aborted when the shopper leaves. */
  signal: AbortSignal;
}

/**
 * A function tool the model may call. `run` may yield events for the shopper (cards, a
 * table, buttons) and returns the `function_call_output` text the model reads next.
 * A tool never throws for bad arguments or an unreachable store: it returns an error
 * the model can explain.
 */
export interface ChatTool {
  definition: OpenAI.Responses.FunctionTool;
  /** Shown while the tool runs. */
  status?: StatusPhase;
  run(rawArguments: string, context: ToolContext): AsyncGenerator<ChatEvent, string>;
}

/** The tool list of one request: the store's function tools, then file_search over its catalog. */
export function chatTools(vectorStoreId: string | null, functions: readonly ChatTool[] = []): Tool[] {
  const tools: Tool[] = functions.length ? functions.map((t) => t.definition) : [showProductsTool];
  if (vectorStoreId) tools.push({ type: 'file_search', vector_store_ids: [vectorStoreId], max_num_results: 12 });
  return tools;
}

/** Parses a tool's JSON arguments; null when they are not a JSON object. */
export function parseToolArguments(raw: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

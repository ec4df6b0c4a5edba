import type OpenAI from 'openai';

type Tool = OpenAI.Responses.Tool;

export const SHOW_PRODUCTS = 'show_products';

/** `show_products` as the original system described it, now strict. */
export const showProductsTool: Tool = {
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

export function chatTools(vectorStoreId: string | null): Tool[] {
  const tools: Tool[] = [showProductsTool];
  if (vectorStoreId) tools.push({ type: 'file_search', vector_store_ids: [vectorStoreId], max_num_results: 12 });
  return tools;
}

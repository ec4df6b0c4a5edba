import type OpenAI from 'openai';

export const COMPARE_PRODUCTS = 'compare_products';
export const MIN_COMPARED = 2;
export const MAX_COMPARED = 4;

export const compareProductsTool: OpenAI.Responses.FunctionTool = {
  type: 'function',
  name: COMPARE_PRODUCTS,
  description: `Show the shopper a side-by-side comparison table of ${MIN_COMPARED} to ${MAX_COMPARED} products (live price, stock, rating and attributes). Use it when the shopper asks to compare products or choose between them.`,
  strict: true,
  parameters: {
    type: 'object',
    properties: {
      product_ids: {
        type: 'array',
        items: { type: 'integer' },
        description: `${MIN_COMPARED} to ${MAX_COMPARED} WooCommerce product IDs (System_ID from the catalog), in the order to show them`,
      },
    },
    required: ['product_ids'],
    additionalProperties: false,
  },
};

import type OpenAI from 'openai';

export const SEARCH_PRODUCTS = 'search_products';

export const SORT_ORDERS = ['relevance', 'price_asc', 'price_desc', 'popularity'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** Most products one call returns; the model shows a few of them with show_products. */
export const MAX_RESULTS = 20;
export const DEFAULT_RESULTS = 8;

const nullable = (type: string, description: string) => ({ type: [type, 'null'], description });

/**
 * Strict mode: every property is required, so optional filters are nullable.
 * Attributes are a list of name/value pairs because strict schemas cannot have
 * free-form object keys.
 */
export const searchProductsTool: OpenAI.Responses.FunctionTool = {
  type: 'function',
  name: SEARCH_PRODUCTS,
  description:
    "Search the store's catalog with filters and a sort order: words (Hebrew or English), category, price range in the store currency, in stock, on sale, attributes such as size or colour. Returns product IDs with their synced name and price; pass the IDs you want to show to show_products (it has the live price and stock).",
  strict: true,
  parameters: {
    type: 'object',
    properties: {
      query: nullable('string', 'Words describing the product, e.g. "מיטה לכלב" or "cat toy"; null to list by filters only.'),
      category: nullable('string', 'A category name or slug from the store, e.g. "צעצועים" or "dog-food"; null for any.'),
      min_price: nullable('number', 'Lowest price in the store currency; null for no lower bound.'),
      max_price: nullable('number', 'Highest price in the store currency; null for no upper bound.'),
      in_stock: nullable('boolean', 'true: only products in stock; false: only out of stock; null: both.'),
      on_sale: nullable('boolean', 'true: only products on sale; false: only full price; null: both.'),
      attributes: {
        type: ['array', 'null'],
        description: 'Attribute filters, e.g. [{"name":"גודל","value":"M"}]; every one must match. null for none.',
        items: {
          type: 'object',
          properties: {
            name: { type: 'string', description: 'Attribute name, e.g. "גודל", "Size", "Color".' },
            value: { type: 'string', description: 'One value of the attribute, e.g. "M".' },
          },
          required: ['name', 'value'],
          additionalProperties: false,
        },
      },
      sort: {
        type: ['string', 'null'],
        enum: [...SORT_ORDERS, null],
        description: 'relevance (default), price_asc, price_desc or popularity (best sellers first).',
      },
      limit: nullable('integer', `How many products to return, 1 to ${MAX_RESULTS}; null for ${DEFAULT_RESULTS}.`),
    },
    required: ['query', 'category', 'min_price', 'max_price', 'in_stock', 'on_sale', 'attributes', 'sort', 'limit'],
    additionalProperties: false,
  },
};

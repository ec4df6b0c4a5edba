/**
 * WordPress REST argument validation (rest_validate_value_from_schema) for the
 * arguments the fake's routes declare, with WordPress's codes and messages:
 * per_page=101 answers exactly error-per-page-101.body.json.
 */
import type { WpError } from './types';
import { wpError } from './wp-response';

type ArgSpec =
  | { type: 'integer'; minimum?: number; maximum?: number; default?: number }
  | { type: 'enum'; values: readonly string[]; default?: string }
  | { type: 'date-time' }
  | { type: 'boolean' }
  | { type: 'int-list' }
  | { type: 'string' };

export type ArgSpecs = Record<string, ArgSpec>;

export type ParsedArgs = Record<string, number | string | boolean | number[] | undefined>;

interface Problem {
  code: string;
  message: string;
}

/** wp_sprintf_l: "a, b, and c". */
function listForHumans(values: readonly string[]): string {
  if (values.length <= 1) return values.join('');
  if (values.length === 2) return `${values[0]} and ${values[1]}`;
  return `${values.slice(0, -1).join(', ')}, and ${values[values.length - 1]}`;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?$/;

function validate(name: string, raw: string, spec: ArgSpec): { value: ParsedArgs[string] } | { problem: Problem } {
  switch (spec.type) {
    case 'integer': {
      if (!/^-?\d+$/.test(raw.trim()))
        return { problem: { code: 'rest_invalid_type', message: `${name} is not of type integer.` } };
      const value = Number(raw);
      const { minimum, maximum } = spec;
      if (minimum !== undefined && maximum !== undefined && (value < minimum || value > maximum)) {
        return {
          problem: {
            code: 'rest_out_of_bounds',
            message: `${name} must be between ${minimum} (inclusive) and ${maximum} (inclusive)`,
          },
        };
      }
      if (minimum !== undefined && value < minimum) {
        return { problem: { code: 'rest_out_of_bounds', message: `${name} must be greater than or equal to ${minimum}` } };
      }
      return { value };
    }
    case 'enum':
      if (!spec.values.includes(raw))
        return { problem: { code: 'rest_not_in_enum', message: `${name} is not one of ${listForHumans(spec.values)}.` } };
      return { value: raw };
    case 'date-time':
      if (!DATE_TIME.test(raw)) return { problem: { code: 'rest_invalid_date', message: 'Invalid date.' } };
      return { value: raw };
    case 'boolean':
      if (['true', '1'].includes(raw.toLowerCase())) return { value: true };
      if (['false', '0', ''].includes(raw.toLowerCase())) return { value: false };
      return { problem: { code: 'rest_invalid_type', message: `${name} is not of type boolean.` } };
    case 'int-list': {
      const parts = raw.split(/[\s,]+/).filter(Boolean);
      const bad = parts.findIndex((p) => !/^\d+$/.test(p));
      if (bad >= 0) return { problem: { code: 'rest_invalid_type', message: `${name}[${bad}] is not of type integer.` } };
      return { value: parts.map(Number) };
    }
    case 'string':
      return { value: raw };
  }
}

/** Validates the declared arguments; unknown query parameters are ignored, as WordPress does. */
export function parseArgs(query: Map<string, string>, specs: ArgSpecs): { args: ParsedArgs } | { error: WpError } {
  const args: ParsedArgs = {};
  const params: Record<string, string> = {};
  const details: Record<string, { code: string; message: string; data: null }> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const raw = query.get(name);
    if (raw === undefined) {
      if ('default' in spec) args[name] = spec.default;
      continue;
    }
    const result = validate(name, raw, spec);
    if ('problem' in result) {
      params[name] = result.problem.message;
      details[name] = { ...result.problem, data: null };
    } else {
      args[name] = result.value;
    }
  }
  const invalid = Object.keys(params);
  if (invalid.length > 0) {
    return { error: wpError('rest_invalid_param', `Invalid parameter(s): ${invalid.join(', ')}`, 400, { params, details }) };
  }
  return { args };
}

export const PRODUCT_ORDERBY = [
  'date',
  'modified',
  'id',
  'include',
  'title',
  'slug',
  'price',
  'popularity',
  'rating',
  'menu_order',
] as const;
export const PRODUCT_STATUS = ['any', 'future', 'trash', 'draft', 'pending', 'private', 'publish'] as const;

export const PRODUCT_LIST_ARGS: ArgSpecs = {
  page: { type: 'integer', minimum: 1, default: 1 },
  per_page: { type: 'integer', minimum: 1, maximum: 100, default: 10 },
  include: { type: 'int-list' },
  status: { type: 'enum', values: PRODUCT_STATUS, default: 'any' },
  modified_after: { type: 'date-time' },
  dates_are_gmt: { type: 'boolean' },
  orderby: { type: 'enum', values: PRODUCT_ORDERBY, default: 'date' },
  order: { type: 'enum', values: ['asc', 'desc'], default: 'desc' },
  sku: { type: 'string' },
};

export const VARIATION_LIST_ARGS: ArgSpecs = {
  page: { type: 'integer', minimum: 1, default: 1 },
  per_page: { type: 'integer', minimum: 1, maximum: 100, default: 10 },
  order: { type: 'enum', values: ['asc', 'desc'], default: 'desc' },
};

/**
 * GET /wc/v3/variations (WooCommerce 10.3+, WC_REST_Variations_Controller): the product-variations
 * arguments without a product id; `parent` (wp_parse_id_list) becomes post_parent__in.
 */
export const ALL_VARIATIONS_ARGS: ArgSpecs = {
  page: { type: 'integer', minimum: 1, default: 1 },
  per_page: { type: 'integer', minimum: 1, maximum: 100, default: 10 },
  parent: { type: 'int-list' },
  include: { type: 'int-list' },
  status: { type: 'enum', values: PRODUCT_STATUS, default: 'any' },
  orderby: { type: 'enum', values: PRODUCT_ORDERBY, default: 'date' },
  order: { type: 'enum', values: ['asc', 'desc'], default: 'desc' },
};

export const CATEGORY_LIST_ARGS: ArgSpecs = {
  page: { type: 'integer', minimum: 1, default: 1 },
  per_page: { type: 'integer', minimum: 1, maximum: 100, default: 10 },
  hide_empty: { type: 'boolean' },
  order: { type: 'enum', values: ['asc', 'desc'], default: 'asc' },
};

export const STORE_PRODUCT_LIST_ARGS: ArgSpecs = {
  page: { type: 'integer', minimum: 1, default: 1 },
  per_page: { type: 'integer', minimum: 0, maximum: 100, default: 10 },
};

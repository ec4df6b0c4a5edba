import { DEFAULT_MODEL } from '../config/schema';

/**
 * What OpenAI charges per model, in USD per 1M tokens, for the owner's cost estimate.
 * Standard (not batch, not cached-input) rates, as published for the GPT-5.4/5.5/5.6 lineup
 * on the date below. The default model's name has no published price of its own: it is
 * estimated at the rate of the tier it is named after (Luna), and says so in `note`.
 * Update the date with the numbers.
 */
export const PRICES_TAKEN = '2026-06-28';

export interface ModelPrice {
  input: number;
  output: number;
  /** Set when the rate is an estimate rather than a published price. */
  note?: string;
}

export const PRICE_TABLE: Readonly<Record<string, ModelPrice>> = {
  [DEFAULT_MODEL]: { input: 1.0, output: 6.0, note: 'estimated at the GPT-5.6 Luna rate' },
  'gpt-5.6-sol': { input: 5.0, output: 30.0 },
  'gpt-5.6-terra': { input: 2.5, output: 15.0 },
  'gpt-5.6-luna': { input: 1.0, output: 6.0 },
  'gpt-5.5': { input: 5.0, output: 30.0 },
  'gpt-5.4': { input: 2.5, output: 15.0 },
  'gpt-5.4-mini': { input: 0.75, output: 4.5 },
  'gpt-5.4-nano': { input: 0.2, output: 1.25 },
  'gpt-5': { input: 1.25, output: 10.0 },
  'gpt-5-mini': { input: 0.25, output: 2.0 },
  'gpt-4o': { input: 2.5, output: 10.0 },
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
};

/** A dated snapshot (`gpt-5.4-2026-03-05`) costs what its model does. */
const DATED = /-\d{4}-\d{2}-\d{2}$/;

export function priceOf(model: string): ModelPrice | null {
  return PRICE_TABLE[model] ?? PRICE_TABLE[model.replace(DATED, '')] ?? null;
}

/** Estimated USD for the tokens, or null when the model has no price. */
export function costOf(model: string, tokensIn: number, tokensOut: number): number | null {
  const price = priceOf(model);
  if (!price) return null;
  return (tokensIn * price.input + tokensOut * price.output) / 1_000_000;
}

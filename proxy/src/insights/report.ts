import type { KeyValueStore } from '../store/types';
import { RETENTION_DAYS, type DayRange } from './days';
import { COUNTERS, insightsKey, type Counter, type InsightsSet } from './keys';
import { costOf, priceOf, PRICES_TAKEN, type ModelPrice } from './prices';
import { rankTerms, type RankedTerm } from './terms';

export interface ModelUsage {
  tokens_in: number;
  tokens_out: number;
  cost_usd: number | null;
}

export type DayCounts = Record<Counter, number> & {
  tokens_in: number;
  tokens_out: number;
  /** Null when a model used that day has no price. */
  cost_usd: number | null;
  models: Record<string, ModelUsage>;
};

export interface InsightsReport {
  site: string;
  from: string;
  to: string;
  timezone: 'UTC';
  retention_days: number;
  days: Array<{ date: string } & DayCounts>;
  totals: DayCounts;
  top_products: Record<'shown' | 'clicked' | 'added', Array<{ product_id: number; count: number }>>;
  top_terms: RankedTerm[];
  top_phrases: RankedTerm[];
  prices: {
    taken: string;
    currency: 'USD';
    unit: 'per 1M tokens';
    models: Record<string, ModelPrice>;
    unpriced_models: string[];
  };
}

export const TOP = { products: 20, terms: 30, phrases: 20 } as const;
/** Days read at once: a year is a few thousand small reads, sent in slices rather than all together. */
const DAYS_PER_SLICE = 31;

const round = (usd: number) => Math.round(usd * 1e6) / 1e6;

function emptyCounts(): DayCounts {
  const counts = Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Record<Counter, number>;
  return { ...counts, tokens_in: 0, tokens_out: 0, cost_usd: 0, models: {} };
}

function addUsage(into: DayCounts, model: string, tokensIn: number, tokensOut: number): void {
  const usage = (into.models[model] ??= { tokens_in: 0, tokens_out: 0, cost_usd: null });
  usage.tokens_in += tokensIn;
  usage.tokens_out += tokensOut;
  into.tokens_in += tokensIn;
  into.tokens_out += tokensOut;
}

/** Costs from the summed tokens (not summed rounded costs); null when any model used has no price. */
function priced<T extends DayCounts>(counts: T): T {
  let total = 0;
  let unpriced = false;
  for (const [model, usage] of Object.entries(counts.models)) {
    const cost = costOf(model, usage.tokens_in, usage.tokens_out);
    usage.cost_usd = cost === null ? null : round(cost);
    if (cost === null) unpriced = true;
    else total += cost;
  }
  counts.cost_usd = unpriced ? null : round(total);
  return counts;
}

function addTo(into: Map<string, number>, entries: Array<{ member: string; score: number }>): void {
  for (const { member, score } of entries) into.set(member, (into.get(member) ?? 0) + score);
}

function topProducts(counts: Map<string, number>): Array<{ product_id: number; count: number }> {
  return [...counts.entries()]
    .map(([id, count]) => ({ product_id: Number(id), count }))
    .filter((p) => Number.isInteger(p.product_id) && p.product_id > 0)
    .sort((a, b) => b.count - a.count || a.product_id - b.product_id)
    .slice(0, TOP.products);
}

/** A store's insights over a range of days, read from the shared store (see recorder.ts for what is counted). */
export async function readInsights(store: KeyValueStore, site: string, range: DayRange): Promise<InsightsReport> {
  const totals = emptyCounts();
  const sums = { ps: new Map<string, number>(), pc: new Map<string, number>(), pa: new Map<string, number>() };
  const terms = new Map<string, number>();
  const phrases = new Map<string, number>();
  const days: InsightsReport['days'] = [];

  const readDay = async (day: string) => {
    const read = (set: InsightsSet) => store.zTop(insightsKey(site, day, set));
    const [n, tok, ps, pc, pa, t, ph] = await Promise.all([
      read('n'),
      read('tok'),
      read('ps'),
      read('pc'),
      read('pa'),
      read('t'),
      read('ph'),
    ]);
    const counts = emptyCounts();
    for (const { member, score } of n) if ((COUNTERS as readonly string[]).includes(member)) counts[member as Counter] += score;
    const byModel = new Map<string, { in: number; out: number }>();
    for (const { member, score } of tok) {
      const [side, ...rest] = member.split(':');
      const model = rest.join(':');
      const entry = byModel.get(model) ?? { in: 0, out: 0 };
      if (side === 'in') entry.in += score;
      else if (side === 'out') entry.out += score;
      byModel.set(model, entry);
    }
    for (const [model, u] of [...byModel.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      addUsage(counts, model, u.in, u.out);
      addUsage(totals, model, u.in, u.out);
    }
    for (const c of COUNTERS) totals[c] += counts[c];
    addTo(sums.ps, ps);
    addTo(sums.pc, pc);
    addTo(sums.pa, pa);
    addTo(terms, t);
    addTo(phrases, ph);
    return { date: day, ...priced(counts) };
  };

  for (let i = 0; i < range.days.length; i += DAYS_PER_SLICE) {
    days.push(...(await Promise.all(range.days.slice(i, i + DAYS_PER_SLICE).map(readDay))));
  }

  const ranked = rankTerms(terms, phrases, { terms: TOP.terms, phrases: TOP.phrases });
  const used = Object.keys(totals.models);
  return {
    site,
    from: range.from,
    to: range.to,
    timezone: 'UTC',
    retention_days: RETENTION_DAYS,
    days,
    totals: priced(totals),
    top_products: { shown: topProducts(sums.ps), clicked: topProducts(sums.pc), added: topProducts(sums.pa) },
    top_terms: ranked.terms,
    top_phrases: ranked.phrases,
    prices: {
      taken: PRICES_TAKEN,
      currency: 'USD',
      unit: 'per 1M tokens',
      models: Object.fromEntries(used.flatMap((m) => (priceOf(m) ? [[m, priceOf(m)!]] : []))),
      unpriced_models: used.filter((m) => !priceOf(m)),
    },
  };
}

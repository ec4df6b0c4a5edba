import pino from 'pino';
import { parseRange } from '../../proxy/src/insights/days';
import { createInsightsRecorder } from '../../proxy/src/insights/recorder';
import { readInsights } from '../../proxy/src/insights/report';
import { costOf, PRICE_TABLE, priceOf } from '../../proxy/src/insights/prices';
import { createEmbeddedStore } from '../../proxy/src/store/embedded';
import type { KeyValueStore } from '../../proxy/src/store/types';

const DAY = 86_400_000;
const T0 = Date.parse('2026-12-06T23:59:59Z');

let store: KeyValueStore;
let now = T0;
beforeEach(() => {
  store = createEmbeddedStore({ dataDir: ':memory:' });
  now = T0;
});
afterEach(async () => store.close());

const recorder = () => createInsightsRecorder({ store, logger: pino({ level: 'silent' }), now: () => now });

describe('counting per store and UTC day', () => {
  test('each day keeps its own numbers; stores never mix; a model without a price makes the cost unknown', async () => {
    const r = recorder();
    r.conversation('shop.example');
    r.message('shop.example', 'dog food');
    r.productsShown('shop.example', [1, 2, 2]);
    r.usage('shop.example', 'gpt-5.4-mini', 1_000_000, 100_000);
    r.widgetEvents('shop.example', [
      { type: 'feedback', rating: 'down' },
      { type: 'feedback' },
      { type: 'card_click', product_id: 2 },
      { type: 'card_click' },
    ]);
    r.message('other.example', 'cat toys');
    await r.flush();
    now = T0 + 2000; // the next UTC day
    r.message('shop.example', 'dog bed');
    r.usage('shop.example', 'gpt-5.4-mini-2026-03-17', 10, 0);
    r.usage('shop.example', 'house-model', 5, 5);
    await r.flush();

    const report = await readInsights(store, 'shop.example', parseRange({ from: '2026-12-06', to: '2026-12-07' }, now));
    const [first, second] = report.days;
    expect(first).toMatchObject({
      date: '2026-12-06',
      conversations: 1,
      messages: 1,
      products_shown: 3,
      products_clicked: 2,
      feedback_down: 1,
      feedback_up: 0,
      tokens_in: 1_000_000,
      tokens_out: 100_000,
      // 1M input at $0.75 + 0.1M output at $4.50.
      cost_usd: 1.2,
    });
    expect(second).toMatchObject({
      date: '2026-12-07',
      messages: 1,
      conversations: 0,
      tokens_in: 15,
      tokens_out: 5,
      cost_usd: null,
    });
    // 10 input tokens at $0.75 per 1M, rounded to 6 decimals.
    expect(second!.models['gpt-5.4-mini-2026-03-17']!.cost_usd).toBe(0.000008);
    expect(second!.models['house-model']).toEqual({ tokens_in: 5, tokens_out: 5, cost_usd: null });
    expect(report.totals).toMatchObject({ messages: 2, tokens_in: 1_000_015, cost_usd: null });
    expect(report.top_products).toEqual({
      shown: [
        { product_id: 2, count: 2 },
        { product_id: 1, count: 1 },
      ],
      clicked: [{ product_id: 2, count: 1 }],
      added: [],
    });
    expect(report.top_terms).toEqual([
      { term: 'dog', count: 2 },
      { term: 'bed', count: 1 },
      { term: 'food', count: 1 },
    ]);
    expect(report.prices.unpriced_models).toEqual(['house-model']);
    expect(Object.keys(report.prices.models).sort()).toEqual(['gpt-5.4-mini', 'gpt-5.4-mini-2026-03-17']);

    const other = await readInsights(store, 'other.example', parseRange({ from: '2026-12-06', to: '2026-12-07' }, now));
    expect(other.totals).toMatchObject({ messages: 1, conversations: 0, tokens_in: 0, cost_usd: 0 });
    expect(other.top_terms.map((t) => t.term)).toEqual(['cat', 'toys']);
  });

  test('a failing store is logged, never thrown at the caller', async () => {
    const warnings: unknown[] = [];
    const failing: KeyValueStore = { ...store, zIncrBy: async () => Promise.reject(new Error('down')) };
    const logger = pino({ level: 'warn' }, { write: (line: string) => warnings.push(JSON.parse(line)) });
    const r = createInsightsRecorder({ store: failing, logger });
    expect(() => r.message('shop.example', 'dog food')).not.toThrow();
    await r.flush();
    expect(warnings.length).toBe(3);
  });
});

describe('ranges', () => {
  test('defaults: the 30 days ending today; one day ahead is allowed', () => {
    const range = parseRange({}, T0);
    expect(range.days).toHaveLength(30);
    expect(range.to).toBe('2026-12-06');
    expect(range.from).toBe('2026-11-07');
    expect(parseRange({ from: '2026-12-07', to: '2026-12-07' }, T0).days).toEqual(['2026-12-07']);
    expect(parseRange({ from: '2025-12-06', to: '2026-12-06' }, T0).days).toHaveLength(366);
    expect(() => parseRange({ from: '2025-12-05', to: '2026-12-06' }, T0)).toThrow(/367 days; at most 366/);
    expect(() => parseRange({ from: '2026-12-08' }, T0 + DAY)).toThrow(/after/);
  });
});

describe('price table', () => {
  test('has the default model, and dated snapshots cost what their model does', () => {
    expect(PRICE_TABLE['gpt-6-luna']).toBeDefined();
    expect(priceOf('gpt-5.4-2026-03-05')).toEqual(PRICE_TABLE['gpt-5.4']);
    expect(costOf('gpt-5.4', 2_000_000, 1_000_000)).toBeCloseTo(2 * 2.5 + 15, 10);
    expect(costOf('unknown', 1, 1)).toBeNull();
  });
});

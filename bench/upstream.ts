/**
 * show_products cost and keep-alive pooling (npx tsx bench/upstream.ts [turns=50]).
 * 1. Through the proxy (own process): WooCommerce requests per show_products
 *    call (simple products, variable ones before and after a catalog sync,
 *    a cache hit), counted on the fake.
 * 2. Connections the proxy opens to the fake WooCommerce and (through a
 *    counting TCP relay) to the fake OpenAI over `turns` turns with the product
 *    cache off, so every turn calls WooCommerce.
 * 3. What keep-alive saves: the same clients (the proxy's WooCommerce client
 *    over HTTPS, the OpenAI SDK) with a pooled agent vs one connection per request.
 */
import OpenAI from 'openai';
import { Agent, fetch as undiciFetch } from 'undici';
import { isShopperVisible } from '../proxy/src/catalog/cards';
import { createWooClient } from '../proxy/src/woo';
import { buildCatalog, startFakeWoo, type Catalog } from '../tests/fakes/woo';
import { startFakeOpenAI } from '../tests/fakes/openai';
import { machineLine } from './lib/machine';
import { writeSection } from './lib/report';
import { chatStream } from './lib/sse-client';
import { percentile, table, ms } from './lib/stats';
import { OPENAI_KEY, WOO_KEY, WOO_SECRET, startBenchWorld } from './lib/world';

const TURNS = Number(process.argv[2] ?? 50);
const CALLS = 200;

/** Visible simple products and visible variable products with something in stock, from the bench catalog. */
function showProductsSets(catalog: Catalog): { simple: number[]; variable: number[] } {
  const visible = catalog.products.filter(isShopperVisible);
  const simple = visible.filter((p) => p.type === 'simple').map((p) => p.id);
  const variable = visible.filter((p) => p.type === 'variable' && p.stock_status === 'instock').map((p) => p.id);
  if (simple.length < 5 || variable.length < 3) throw new Error('the bench catalog needs 5 simple and 3 variable products');
  return { simple: simple.slice(0, 5), variable: variable.slice(0, 3) };
}

async function showProductsCost() {
  // The model's product IDs per message, chosen once the world (and its catalog) exists.
  const idsFor = new Map<string, number[]>();
  const world = await startBenchWorld({
    openai: { productIdsFor: (text) => idsFor.get(/\bshow-[a-z]+\b/.exec(text)?.[0] ?? '') ?? [] },
  });
  try {
    const { simple, variable } = showProductsSets(world.catalog);
    idsFor.set('show-simple', simple);
    idsFor.set('show-eight', [...simple, ...variable]);
    const count = async (label: string, message: string) => {
      const before = world.woo.requests.length;
      const result = await chatStream(world.proxy.url, { message, thread_id: null });
      const requests = world.woo.requests.slice(before);
      const cards = result.events
        .filter((e) => e.event.type === 'products')
        .flatMap((e) => (e.event.type === 'products' ? e.event.data : []));
      const variableCards = cards.filter((c) => c.type === 'variable');
      return [
        label,
        cards.length,
        variableCards.length ? `${variableCards.filter((c) => c.variations.length > 0).length} of ${variableCards.length}` : '—',
        requests.filter((r) => /\/products$/.test(r.path)).length,
        requests.filter((r) => /\/variations$/.test(r.path)).length,
        `**${requests.length}**`,
      ];
    };
    const rows = [
      await count('5 simple products, cold cache', 'show-simple please'),
      // The 5 simple ones are cached now; the 3 variable ones were never synced.
      await count('same 5 (cached) + 3 variable products, never synced', 'show-eight please'),
    ];
    const sync = await runSync(world.proxy.url);
    rows.push(
      // The sync remembered the variations and dropped the cards it changed.
      await count(`same 8 after a full sync (${sync})`, 'show-eight please'),
      await count('same 8 again (cache hit)', 'show-eight please'),
    );
    return rows;
  } finally {
    await world.close();
  }
}

/** A full catalog sync through the proxy, as cron or the settings screen runs it; returns its status. */
async function runSync(proxyUrl: string): Promise<string> {
  const response = await undiciFetch(`${proxyUrl}/api/sync?mode=full`, { method: 'POST' });
  const body = (await response.json()) as { status?: string; products_count?: number };
  if (!response.ok) throw new Error(`sync failed: HTTP ${response.status} ${JSON.stringify(body)}`);
  return `${body.status}, ${body.products_count} products`;
}

async function connectionsOverTurns() {
  const world = await startBenchWorld({ openai: {}, env: { AISLE_PRODUCT_CACHE_TTL_S: '0' } });
  try {
    const fresh = { woo: world.woo.connections(), openai: world.relay.connections() };
    await chatStream(world.proxy.url, { message: 'show-mixed please', thread_id: null }); // warm-up
    const woo0 = { requests: world.woo.requests.length, connections: world.woo.connections() };
    const openai0 = { requests: world.openai.requests.length, connections: world.relay.connections() };
    for (let i = 0; i < TURNS; i++) await chatStream(world.proxy.url, { message: 'show-mixed please', thread_id: null });
    return [
      [
        'WooCommerce',
        world.woo.requests.length - woo0.requests,
        `**${world.woo.connections() - woo0.connections}**`,
        woo0.connections - fresh.woo,
      ],
      [
        'OpenAI',
        world.openai.requests.length - openai0.requests,
        `**${world.relay.connections() - openai0.connections}**`,
        openai0.connections - fresh.openai,
      ],
    ];
  } finally {
    await world.close();
  }
}

async function timeCalls(fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 10; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times;
}

async function keepAliveLatency() {
  const woo = await startFakeWoo({ https: true, consumerKey: WOO_KEY, consumerSecret: WOO_SECRET });
  const catalog = buildCatalog(20, { baseUrl: woo.url });
  woo.setProducts(catalog.products, catalog.variations);
  const ids = catalog.products.slice(0, 4).map((p) => p.id);
  const openai = await startFakeOpenAI({ apiKey: OPENAI_KEY });
  const rows: Array<Array<string | number>> = [];
  try {
    for (const pooled of [true, false]) {
      // pipelining 0 is undici's "no keep-alive": one connection per request.
      const dispatcher = new Agent({ connect: { ca: woo.ca! }, ...(pooled ? {} : { pipelining: 0 }) });
      const client = createWooClient({ baseUrl: woo.url, consumerKey: WOO_KEY, consumerSecret: WOO_SECRET, dispatcher });
      const before = woo.connections();
      const times = await timeCalls(() => client.getProductsByIds(ids));
      rows.push([
        `WooCommerce over HTTPS (TLS), ${pooled ? 'keep-alive pool (as the proxy)' : 'new connection per request'}`,
        ms(percentile(times, 50)),
        ms(percentile(times, 99)),
        woo.connections() - before,
      ]);
      await dispatcher.close();
    }
    for (const pooled of [true, false]) {
      const dispatcher = new Agent(pooled ? {} : { pipelining: 0 });
      const relayless = new OpenAI({
        apiKey: OPENAI_KEY,
        baseURL: openai.baseURL,
        maxRetries: 0,
        fetch: ((url: string, init: RequestInit) =>
          undiciFetch(url, { ...(init as object), dispatcher } as never)) as unknown as typeof fetch,
      });
      const times = await timeCalls(() => relayless.conversations.create({}));
      rows.push([
        `OpenAI SDK over plain HTTP, ${pooled ? 'keep-alive pool (as the proxy)' : 'new connection per request'}`,
        ms(percentile(times, 50)),
        ms(percentile(times, 99)),
        '—',
      ]);
      await dispatcher.close();
    }
  } finally {
    await woo.close();
    await openai.close();
  }
  return rows;
}

async function main() {
  const cost = await showProductsCost();
  const connections = await connectionsOverTurns();
  const latency = await keepAliveLatency();
  writeSection(
    'show_products cost',
    [
      '`npx tsx bench/upstream.ts`: turns through the proxy (own process) whose model calls `show_products`, WooCommerce requests counted on the fake store, product cache at its default TTL (60 s).',
      '',
      `- Machine: ${machineLine()}`,
      '',
      table(
        [
          'show_products call',
          'cards',
          'variable cards with variations',
          'product requests',
          'variation requests',
          'WooCommerce requests',
        ],
        cost,
      ),
      '',
      "Target: at most 1 batched WooCommerce request per call and 0 on a cache hit. All products of a call come in **one** `GET /products?include=…` request, and a cache hit makes **0** requests. Variations never cost a request during a call (WooCommerce has no batch endpoint for them): the catalog sync remembers each variable product's variations in the store (`ProductService.rememberVariations`), and a card takes them from there. A variable product the sync has not seen yet gets a card with its options (from the product's own attributes) and a link to choose them on the product page.",
    ].join('\n'),
  );
  writeSection(
    'Keep-alive connection pooling',
    [
      `\`npx tsx bench/upstream.ts ${TURNS}\`: ${TURNS} sequential turns through the proxy (own process), each a new thread with one \`show_products\` call (3 simple + 1 variable product) and the product cache off (\`AISLE_PRODUCT_CACHE_TTL_S=0\`), so every turn calls both upstreams. Connections are counted where they are accepted: by the fake WooCommerce, and by a TCP relay in front of the fake OpenAI.`,
      '',
      `- Machine: ${machineLine()}`,
      '',
      table(
        [
          'upstream',
          `requests in ${TURNS} turns`,
          `TCP connections opened in ${TURNS} turns`,
          'opened by the warm-up turn before them',
        ],
        connections,
      ),
      '',
      `What keep-alive saves (same process, ${CALLS} sequential calls each after 10 warm-up calls; \`pipelining: 0\` is undici's "no keep-alive"):`,
      '',
      table(['client', 'p50', 'p99', 'connections'], latency),
      '',
      "The WooCommerce client keeps its own undici pool (`keepAliveTimeout` 30 s, up to 16 connections); the OpenAI SDK uses Node's global fetch pool. On loopback a new plain-TCP connection costs little; with TLS the handshake is what a pool saves, and against a real store or api.openai.com each handshake also costs network round trips (typically 1–2 RTT, tens of milliseconds), which this loopback measurement does not include.",
    ].join('\n'),
  );
}

void main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);

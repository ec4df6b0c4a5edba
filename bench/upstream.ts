/**
 * show_products cost and keep-alive pooling (npx tsx bench/upstream.ts [turns=50]).
 * 1. Through the proxy (own process): WooCommerce requests per show_products
 *    call on a cold product cache and on a warm one, counted on the fake.
 * 2. Connections the proxy opens to the fake WooCommerce and (through a
 *    counting TCP relay) to the fake OpenAI over `turns` turns with the product
 *    cache off, so every turn calls WooCommerce.
 * 3. What keep-alive saves: the same clients (the proxy's WooCommerce client
 *    over HTTPS, the OpenAI SDK) with a pooled agent vs one connection per request.
 */
import OpenAI from 'openai';
import { Agent, fetch as undiciFetch } from 'undici';
import { createWooClient } from '../proxy/src/woo';
import { buildCatalog, startFakeWoo } from '../tests/fakes/woo';
import { startFakeOpenAI } from '../tests/fakes/openai';
import { machineLine } from './lib/machine';
import { writeSection } from './lib/report';
import { chatStream } from './lib/sse-client';
import { percentile, table, ms } from './lib/stats';
import { OPENAI_KEY, WOO_KEY, WOO_SECRET, startBenchWorld } from './lib/world';

const TURNS = Number(process.argv[2] ?? 50);
const CALLS = 200;

async function showProductsCost() {
  const world = await startBenchWorld({ openai: {} });
  try {
    const count = async (message: string) => {
      const before = world.woo.requests.length;
      const result = await chatStream(world.proxy.url, { message, thread_id: null });
      const requests = world.woo.requests.slice(before);
      const cards = result.events
        .filter((e) => e.event.type === 'products')
        .flatMap((e) => (e.event.type === 'products' ? e.event.data : []));
      return {
        cards: cards.length,
        products: requests.filter((r) => /\/products$/.test(r.path)).length,
        variations: requests.filter((r) => /\/variations$/.test(r.path)).length,
        total: requests.length,
      };
    };
    const simpleCold = await count('show-simple please');
    const mixedCold = await count('show-mixed please'); // the 3 simple ones are now cached; the variable one is not
    const mixedWarm = await count('show-mixed please');
    return [
      ['3 simple products, cold cache', simpleCold.cards, simpleCold.products, simpleCold.variations, `**${simpleCold.total}**`],
      [
        'same 3 + 1 variable product (3 cached)',
        mixedCold.cards,
        mixedCold.products,
        mixedCold.variations,
        `**${mixedCold.total}**`,
      ],
      ['same 4 again (cache hit)', mixedWarm.cards, mixedWarm.products, mixedWarm.variations, `**${mixedWarm.total}**`],
    ];
  } finally {
    await world.close();
  }
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
      table(['show_products call', 'cards', 'product requests', 'variation requests', 'WooCommerce requests'], cost),
      '',
      'Target: at most 1 batched WooCommerce request per call and 0 on a cache hit. All products of a call come in **one** `GET /products?include=…` request, and a cache hit makes **0** requests. A variable product adds one `GET /products/{id}/variations` request (WooCommerce has no batch endpoint for variations), made in parallel with the others and cached with the card; so a call is 1 request when the products are simple and 1 + (uncached variable products) otherwise.',
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

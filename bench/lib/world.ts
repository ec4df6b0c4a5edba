import OpenAI from 'openai';
import { chatTools } from '../../proxy/src/chat/tools';
import { resolveInstructions } from '../../proxy/src/chat/instructions';
import { DEFAULT_MODEL } from '../../proxy/src/config/schema';
import { startFakeOpenAI } from '../../tests/fakes/openai';
import type { FakeOpenAI, StartFakeOpenAIOptions } from '../../tests/fakes/openai/types';
import { buildCatalog, startFakeWoo, type Catalog, type FakeWoo } from '../../tests/fakes/woo';
import { startProxyProcess, type ProxyProcess } from './proxy-process';
import { startTcpRelay, type TcpRelay } from './tcp-relay';
import { fakeOpenAIKey } from '../../tests/helpers/keys';

export const OPENAI_KEY = fakeOpenAIKey('bench-aisle');
export const WOO_KEY = 'ck_bench_0123456789abcdef0123456789abcdef0123456';
export const WOO_SECRET = 'cs_bench_0123456789abcdef0123456789abcdef0123456';

export interface BenchWorld {
  openai: FakeOpenAI;
  /** TCP relay in front of the fake OpenAI: counts connections, timestamps upstream bytes. */
  relay: TcpRelay;
  /** base URL through the relay (`http://127.0.0.1:<relay>/v1`). */
  openaiBaseURL: string;
  woo: FakeWoo;
  catalog: Catalog;
  /** Visible simple products and one visible variable product, for show_products. */
  simpleIds: number[];
  variableId: number;
  proxy: ProxyProcess;
  /** An SDK client that calls the fake directly, with the same request the proxy makes. */
  direct: DirectClient;
  close(): Promise<void>;
}

export interface DirectClient {
  sdk: OpenAI;
  newConversation(): Promise<string>;
  /** One streamed turn as the proxy sends it; calls `onDelta` per text delta with its arrival time. */
  turn(
    conversation: string,
    message: string,
    onDelta?: (delta: string, at: number) => void,
  ): Promise<{ started: number; firstDeltaAt: number }>;
}

/** Counts `output_text.delta` events in the raw upstream bytes, with the time they reached the relay. */
export const upstreamDeltaLog: number[] = [];
/** When each `POST /v1/responses` request line reached the relay (the client's request left). */
export const responsesRequestLog: number[] = [];
const DELTA_MARKER = 'event: response.output_text.delta';

function countMarkers(text: string): number {
  let count = 0;
  for (let i = text.indexOf(DELTA_MARKER); i !== -1; i = text.indexOf(DELTA_MARKER, i + 1)) count += 1;
  return count;
}

export async function startBenchWorld(options: {
  openai?: StartFakeOpenAIOptions;
  env?: Record<string, string>;
  wooLatencyMs?: number;
  nodeFlags?: string[];
  /** Run the proxy process (default true). */
  proxy?: boolean;
  /** Point the proxy at the fake OpenAI directly instead of through the relay (default false). */
  bypassRelay?: boolean;
}): Promise<BenchWorld> {
  const woo = await startFakeWoo({ consumerKey: WOO_KEY, consumerSecret: WOO_SECRET, latencyMs: options.wooLatencyMs ?? 0 });
  const catalog = buildCatalog(60, { baseUrl: woo.url });
  woo.setProducts(catalog.products, catalog.variations);
  const visible = catalog.products.filter((p) => p.status === 'publish' && p.catalog_visibility !== 'hidden' && !p.post_password);
  const simpleIds = visible
    .filter((p) => p.type === 'simple')
    .slice(0, 3)
    .map((p) => p.id);
  const variableId = visible.find((p) => p.type === 'variable')!.id;
  const openai = await startFakeOpenAI({
    apiKey: OPENAI_KEY,
    productIdsFor: (text) =>
      /\bshow-simple\b/.test(text) ? simpleIds : /\bshow-mixed\b/.test(text) ? [...simpleIds, variableId] : [],
    ...options.openai,
  });
  const upstreamPort = Number(new URL(openai.url).port);
  const relay = await startTcpRelay(upstreamPort, {
    onUpstreamChunk: (chunk, at) => {
      const n = countMarkers(chunk.toString('latin1'));
      for (let i = 0; i < n; i++) upstreamDeltaLog.push(at);
    },
    onClientChunk: (chunk, at) => {
      if (chunk.subarray(0, 32).toString('latin1').startsWith('POST /v1/responses ')) responsesRequestLog.push(at);
    },
  });
  const openaiBaseURL = `http://127.0.0.1:${relay.port}/v1`;
  const proxy =
    options.proxy === false
      ? (null as unknown as ProxyProcess)
      : await startProxyProcess(
          {
            OPENAI_API_KEY: OPENAI_KEY,
            OPENAI_BASE_URL: openaiBaseURL,
            WOO_BASE_URL: woo.url,
            WOO_CONSUMER_KEY: WOO_KEY,
            WOO_CONSUMER_SECRET: WOO_SECRET,
            // One client address stands for every shopper here, so production's per-IP, per-store and
            // per-session limits and the daily token budget would refuse measured turns. They are raised
            // to their maximum rather than turned off, so their checks still run on every turn as in production.
            AISLE_RATE_IP_PER_MIN: '100000',
            AISLE_RATE_STORE_PER_MIN: '1000000',
            AISLE_RATE_SESSION_PER_MIN: '100000',
            AISLE_DAILY_TOKEN_CAP: '100000000000',
            ...options.env,
          },
          {
            ...(options.nodeFlags ? { nodeFlags: options.nodeFlags } : {}),
            // BENCH_ROOT=<dir>: run another checkout's proxy (a before/after on the same machine and load).
            ...(process.env.BENCH_ROOT ? { root: process.env.BENCH_ROOT } : {}),
          },
        );

  const sdk = new OpenAI({ apiKey: OPENAI_KEY, baseURL: openaiBaseURL, maxRetries: 0 });
  const instructions = resolveInstructions(undefined);
  const direct: DirectClient = {
    sdk,
    async newConversation() {
      return (await sdk.conversations.create({})).id;
    },
    async turn(conversation, message, onDelta) {
      const started = performance.now();
      let firstDeltaAt = 0;
      const stream = await sdk.responses.create(
        {
          model: DEFAULT_MODEL,
          instructions,
          conversation,
          input: [{ role: 'user', content: message }],
          tools: chatTools(null),
          tool_choice: 'auto',
          stream: true,
          store: true,
          reasoning: { effort: 'low' },
        },
        { maxRetries: 0 },
      );
      for await (const event of stream) {
        if (event.type === 'response.output_text.delta') {
          const at = performance.now();
          if (!firstDeltaAt) firstDeltaAt = at;
          onDelta?.(event.delta, at);
        }
      }
      return { started, firstDeltaAt };
    },
  };

  return {
    openai,
    relay,
    openaiBaseURL,
    woo,
    catalog,
    simpleIds,
    variableId,
    proxy,
    direct,
    async close() {
      await proxy?.stop();
      await relay.close();
      await openai.close();
      await woo.close();
    },
  };
}

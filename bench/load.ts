/**
 * Load benchmark (tsx bench/load.ts; not part of npm test): N concurrent
 * streaming chats (default 500) for D seconds (default 60) against the fake
 * OpenAI on loopback. The proxy runs in its own process (embedded store); the
 * fake and the clients run here. Every client loops: open a stream on a new
 * thread, read it to `done`, start again.
 *
 * Records errors (non-200, `error` events, streams without `done`, client
 * exceptions), latency percentiles (time to first text, whole turn) and the
 * proxy's RSS every 5 s, then writes the "Load" section of docs/benchmarks.md.
 * BENCH_CONCURRENCY, BENCH_DURATION_S, BENCH_TOKEN_DELAY_MS override defaults; BENCH_PROXY_FLAGS
 * (e.g. --max-semi-space-size=16) adds Node flags to the proxy process, for side-by-side runs.
 */
import { Agent } from 'undici';
import { startFakeOpenAI } from '../tests/fakes/openai';
import { machineLine } from './lib/machine';
import { PROXY_COMMAND, startProxyProcess } from './lib/proxy-process';
import { writeSection } from './lib/report';
import { chatStream } from './lib/sse-client';
import { percentile, sleep, table } from './lib/stats';
import { fakeOpenAIKey } from '../tests/helpers/keys';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 500);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 60);
const TOKEN_DELAY_MS = Number(process.env.BENCH_TOKEN_DELAY_MS ?? 40);
const PROXY_FLAGS = (process.env.BENCH_PROXY_FLAGS ?? '').split(/\s+/).filter(Boolean);
const KEY = fakeOpenAIKey('bench-load');
const ANSWER =
  'Here are a few products that could suit your dog, with prices and stock shown on the cards below. Ask me anything else.';

async function main() {
  const openai = await startFakeOpenAI({
    apiKey: KEY,
    tokenDelayMs: TOKEN_DELAY_MS,
    emitReasoning: true,
    productIdsFor: () => [],
  });
  const proxy = await startProxyProcess(
    {
      OPENAI_API_KEY: KEY,
      OPENAI_BASE_URL: openai.baseURL,
      AISLE_DEMO: 'on',
      AISLE_HEARTBEAT_MS: '15000',
      // One client address for 500 shoppers: lift the per-IP and per-store limits (when wired) for the measurement.
      AISLE_RATE_IP_PER_MIN: '0',
      AISLE_RATE_STORE_PER_MIN: '0',
      AISLE_RATE_SESSION_PER_MIN: '0',
      AISLE_DAILY_TOKEN_CAP: '0',
    },
    { nodeFlags: PROXY_FLAGS },
  );
  const dispatcher = new Agent({ connections: CONCURRENCY + 50, keepAliveTimeout: 30_000 });
  const baselineRss = proxy.rss();
  const cpuAtStart = proxy.cpuMs();

  const ttft: number[] = [];
  const turn: number[] = [];
  const errors = new Map<string, number>();
  const fail = (kind: string) => errors.set(kind, (errors.get(kind) ?? 0) + 1);
  let completed = 0;
  const rssSamples: Array<{ t: number; rss: number; completed: number }> = [];

  const started = Date.now();
  const deadline = started + DURATION_S * 1000;
  const sampler = setInterval(
    () => rssSamples.push({ t: Math.round((Date.now() - started) / 1000), rss: proxy.rss(), completed }),
    5000,
  );

  // Each client script answers in deltas; the fake's brain would do the same, a script keeps the length fixed.
  const client = async (i: number) => {
    await sleep((i % 50) * 20); // ramp up over one second
    while (Date.now() < deadline) {
      openai.enqueue({ kind: 'text', text: ANSWER });
      try {
        const result = await chatStream(proxy.url, { message: `hello from shopper ${i}`, thread_id: null }, { dispatcher });
        if (result.status !== 200) {
          fail(`HTTP ${result.status}`);
          continue;
        }
        const types = result.events.map((e) => e.event.type);
        const error = result.events.find((e) => e.event.type === 'error')?.event as { code?: string } | undefined;
        if (error) fail(`error event ${error.code}`);
        else if (types.at(-1) !== 'done') fail('stream without done');
        else {
          const first = result.events.find((e) => e.event.type === 'text');
          if (first) ttft.push(first.at - result.started);
          turn.push(result.events.at(-1)!.at - result.started);
          completed++;
        }
      } catch (error) {
        fail(`client ${(error as Error).message.slice(0, 40)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => client(i)));
  clearInterval(sampler);
  const elapsedS = (Date.now() - started) / 1000;
  rssSamples.push({ t: Math.round(elapsedS), rss: proxy.rss(), completed });
  const cpuPerTurnMs = (proxy.cpuMs() - cpuAtStart) / Math.max(1, completed);
  const leftOpen = openai.openStreams();
  await proxy.stop();
  await dispatcher.close();
  await openai.close();

  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
  const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
  const ms = (v: number) => `${Math.round(v)} ms`;
  const body = `
\`npx tsx bench/load.ts\`: ${CONCURRENCY} concurrent streaming chats for ${DURATION_S} s against the fake OpenAI on loopback. The proxy runs in its own process (${PROXY_COMMAND}${PROXY_FLAGS.length ? `, with \`NODE_OPTIONS=${PROXY_FLAGS.join(' ')}\`` : ''}, embedded store, \`LOG_LEVEL=info\`); the fake OpenAI and the ${CONCURRENCY} undici clients share the benchmark process. Each client loops: a new thread (the proxy creates a Conversation), one answer of ${ANSWER.split(' ').length} text deltas ${TOKEN_DELAY_MS} ms apart plus a reasoning item, read to \`done\`, then the next.

- Machine: ${machineLine()}
- Turns completed: **${completed}** in ${elapsedS.toFixed(1)} s (${(completed / elapsedS).toFixed(1)} turns/s); **errors: ${errorCount}**${errorCount ? ` (${[...errors].map(([k, v]) => `${k}: ${v}`).join(', ')})` : ''}; upstream streams left open at the end: ${leftOpen}; proxy CPU time (user + system) per completed turn: **${cpuPerTurnMs.toFixed(2)} ms** (depends less on other jobs than the latencies do, but an overloaded proxy still spends more per completed turn).

${table(
  ['latency', 'p50', 'p90', 'p99', 'max'],
  [
    ['time to first text', ms(percentile(ttft, 50)), ms(percentile(ttft, 90)), ms(percentile(ttft, 99)), ms(Math.max(...ttft))],
    ['whole turn', ms(percentile(turn, 50)), ms(percentile(turn, 90)), ms(percentile(turn, 99)), ms(Math.max(...turn))],
  ],
)}

Proxy RSS over time (baseline before load ${mb(baselineRss)}):

${table(
  ['t (s)', 'proxy RSS', 'turns completed'],
  rssSamples.map((s) => [s.t, mb(s.rss), s.completed]),
)}
`;
  writeSection('Load', body);
  process.exit(errorCount ? 1 : 0);
}

void main();

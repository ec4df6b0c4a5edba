/**
 * Per-event overhead (npx tsx bench/per-event.ts [runs=20] [deltas=100]).
 * The fake OpenAI streams `deltas` text deltas 2 ms apart. A TCP relay in front
 * of the fake timestamps each `response.output_text.delta` as it leaves the
 * fake; the client timestamps the matching event: the SDK's delta event
 * (direct) or the proxy's `data:` line (through the proxy, a separate
 * process). Same clock, same process. Overhead = proxied − direct latency.
 */
import { machineLine } from './lib/machine';
import { PROXY_COMMAND } from './lib/proxy-process';
import { writeSection } from './lib/report';
import { chatStream } from './lib/sse-client';
import { mean, percentile, table, ms } from './lib/stats';
import { startBenchWorld, upstreamDeltaLog } from './lib/world';

const RUNS = Number(process.argv[2] ?? 20);
const DELTAS = Number(process.argv[3] ?? 100);

async function main() {
  const world = await startBenchWorld({ openai: { firstTokenDelayMs: 0, tokenDelayMs: 2 } });
  const chunks = Array.from({ length: DELTAS }, (_v, i) => `w${i} `);
  const script = { kind: 'text' as const, text: chunks.join(''), chunks };
  try {
    const conversation = await world.direct.newConversation();
    const first = await chatStream(world.proxy.url, { message: 'hello', thread_id: null });
    const thread = first.events.find((e) => e.event.type === 'thread_id')!.event as { thread_id: string };
    const direct: number[] = [];
    const proxied: number[] = [];
    const totals = { direct: [] as number[], proxied: [] as number[] };
    let mismatches = 0;
    for (let run = 0; run < RUNS + 2; run++) {
      const warm = run < 2;
      upstreamDeltaLog.length = 0;
      world.openai.enqueue(script);
      const arrivals: number[] = [];
      await world.direct.turn(conversation, 'hello', (_d, at) => arrivals.push(at));
      const up = [...upstreamDeltaLog];
      if (up.length !== DELTAS || arrivals.length !== DELTAS) mismatches++;
      else if (!warm) {
        arrivals.forEach((at, i) => direct.push(at - up[i]!));
        totals.direct.push(arrivals.at(-1)! - arrivals[0]!);
      }
      upstreamDeltaLog.length = 0;
      world.openai.enqueue(script);
      const p = await chatStream(world.proxy.url, { message: 'hello', thread_id: thread.thread_id });
      const texts = p.events.filter((e) => e.event.type === 'text');
      const upP = [...upstreamDeltaLog];
      if (upP.length !== DELTAS || texts.length !== DELTAS) mismatches++;
      else if (!warm) {
        texts.forEach((e, i) => proxied.push(e.at - upP[i]!));
        totals.proxied.push(texts.at(-1)!.at - texts[0]!.at);
      }
    }
    const overhead = percentile(proxied, 50) - percentile(direct, 50);
    const body = [
      `\`npx tsx bench/per-event.ts ${RUNS} ${DELTAS}\`: ${RUNS} turns each way (after 2 warm-up turns), ${DELTAS} text deltas per turn 2 ms apart, ${mismatches} turns where the counts did not match. A TCP relay in front of the fake OpenAI timestamps each delta as the fake sends it; the client timestamps the SDK's delta event (direct) or the proxy's \`data:\` line (undici, through the proxy in its own process: ${PROXY_COMMAND}). One process holds the relay and both clients, so both times are on the same clock.`,
      '',
      `- Machine: ${machineLine()}`,
      '',
      table(
        ['upstream delta → client event', 'p50', 'p90', 'p99', 'mean'],
        [
          [
            'direct (SDK)',
            ms(percentile(direct, 50), 3),
            ms(percentile(direct, 90), 3),
            ms(percentile(direct, 99), 3),
            ms(mean(direct), 3),
          ],
          [
            'through the proxy (`data:` line)',
            ms(percentile(proxied, 50), 3),
            ms(percentile(proxied, 90), 3),
            ms(percentile(proxied, 99), 3),
            ms(mean(proxied), 3),
          ],
        ],
      ),
      '',
      `**Per-event overhead of the proxy: ${ms(overhead, 3)} at p50** (${ms(percentile(proxied, 99) - percentile(direct, 99), 3)} at p99), ${direct.length} events each way. Ratio proxied / direct at p50: ${(percentile(proxied, 50) / percentile(direct, 50)).toFixed(2)}. Stream duration first → last text event: direct ${ms(percentile(totals.direct, 50), 1)}, proxied ${ms(percentile(totals.proxied, 50), 1)} (p50), so the proxy keeps pace with the upstream and does not batch events.`,
      '',
      'Each event through the proxy crosses one more process: the SDK parses the upstream event, the proxy translates it to a `text` event and writes one `data:` line (`JSON.stringify`, no Nagle delay: `setNoDelay`), and the client parses it.',
    ].join('\n');
    writeSection('Per-event overhead', body);
  } finally {
    await world.close();
  }
}

void main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);

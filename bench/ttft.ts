/**
 * Added time to first text (npx tsx bench/ttft.ts [runs=200]).
 * The fake OpenAI waits 300 ms before its first text delta. Each run does one
 * turn straight to the fake with the SDK (the same request the proxy makes, on
 * a conversation of its own) and one through the proxy (a separate process,
 * via POST /api/chat/stream with undici), alternating, sequentially. The added
 * time is the difference of the two times to first text in the same run.
 */
import { machineLine } from './lib/machine';
import { PROXY_COMMAND } from './lib/proxy-process';
import { writeSection } from './lib/report';
import { chatStream } from './lib/sse-client';
import { mean, percentile, table, ms } from './lib/stats';
import { responsesRequestLog, startBenchWorld, upstreamDeltaLog } from './lib/world';

const RUNS = Number(process.argv[2] ?? 200);
const WARMUP = 10;
const FIRST_TOKEN_MS = 300;

async function main() {
  const world = await startBenchWorld({ openai: { firstTokenDelayMs: FIRST_TOKEN_MS, tokenDelayMs: 0 } });
  try {
    const conversation = await world.direct.newConversation();
    let threadId: string | null = null;
    const direct: number[] = [];
    const proxied: number[] = [];
    const added: number[] = [];
    let errors = 0;
    // Where the added time goes: before the upstream request leaves, and after the first delta reaches the relay.
    const before = { direct: [] as number[], proxied: [] as number[] };
    const after = { direct: [] as number[], proxied: [] as number[] };
    const connectionsAtStart = world.relay.connections();
    let turns = 0;
    for (let i = 0, measured = 0; measured < RUNS && errors < 20; i++) {
      turns = i + 1;
      responsesRequestLog.length = 0;
      upstreamDeltaLog.length = 0;
      const d = await world.direct.turn(conversation, 'hello');
      const dRequest = responsesRequestLog[0] ?? NaN;
      const dDelta = upstreamDeltaLog[0] ?? NaN;
      responsesRequestLog.length = 0;
      upstreamDeltaLog.length = 0;
      // A thread takes at most 100 turns (chat/routes.ts); start a new one every 50 and do not time that
      // turn, since creating the conversation is an extra upstream call the direct path does not make.
      const rollover = i % 50 === 0;
      if (rollover) threadId = null;
      const p = await chatStream(world.proxy.url, { message: 'hello', thread_id: threadId });
      const pRequest = responsesRequestLog[0] ?? NaN;
      const pDelta = upstreamDeltaLog[0] ?? NaN;
      const threadEvent = p.events.find((e) => e.event.type === 'thread_id');
      if (threadEvent?.event.type === 'thread_id') threadId = threadEvent.event.thread_id;
      const firstText = p.events.find((e) => e.event.type === 'text');
      if (p.status !== 200 || !firstText || p.events.some((e) => e.event.type === 'error') || !d.firstDeltaAt) {
        errors++;
        continue;
      }
      if (i < WARMUP || rollover) continue;
      const directMs = d.firstDeltaAt - d.started;
      const proxiedMs = firstText.at - p.started;
      direct.push(directMs);
      proxied.push(proxiedMs);
      added.push(proxiedMs - directMs);
      measured++;
      before.direct.push(dRequest - d.started);
      before.proxied.push(pRequest - p.started);
      after.direct.push(d.firstDeltaAt - dDelta);
      after.proxied.push(firstText.at - pDelta);
    }
    const connections = world.relay.connections() - connectionsAtStart;
    const rows = [
      ['direct (SDK → fake)', ms(percentile(direct, 50)), ms(percentile(direct, 99)), ms(mean(direct))],
      ['through the proxy', ms(percentile(proxied, 50)), ms(percentile(proxied, 99)), ms(mean(proxied))],
      [
        '**added by the proxy** (paired difference)',
        `**${ms(percentile(added, 50))}**`,
        `**${ms(percentile(added, 99))}**`,
        ms(mean(added)),
      ],
    ];
    const p50 = percentile(added, 50);
    const p99 = percentile(added, 99);
    const body = [
      `\`npx tsx bench/ttft.ts ${RUNS}\`: ${added.length} paired runs after ${WARMUP} warm-up runs, sequential, ${errors} errors; a new thread every 50 turns (a thread takes at most 100), whose first turn is not timed. The fake OpenAI (in the benchmark process) waits ${FIRST_TOKEN_MS} ms before the first text delta. The proxy runs in its own process (${PROXY_COMMAND}, \`LOG_LEVEL=info\`, embedded store); the client is undici, timing the \`data:\` line of the first \`text\` event. The direct call is the SDK sending the same request (model, instructions, tools, conversation) and timing the first \`response.output_text.delta\`. Both go through the same TCP relay to the fake.`,
      '',
      `- Machine: ${machineLine()}`,
      '',
      table(['time to first text', 'p50', 'p99', 'mean'], rows),
      '',
      `Target: at most 5 ms at p50 and 20 ms at p99. Result: p50 ${ms(p50)} (${p50 <= 5 ? 'met' : 'NOT met'}), p99 ${ms(p99)} (${p99 <= 20 ? 'met' : 'NOT met'}). Ratio proxied / direct at p50: ${(percentile(proxied, 50) / percentile(direct, 50)).toFixed(3)}.`,
      '',
      table(
        ['p50 of each part', 'direct', 'through the proxy'],
        [
          [
            'client start → `POST /v1/responses` reaches the fake',
            ms(percentile(before.direct, 50)),
            ms(percentile(before.proxied, 50)),
          ],
          [
            'first delta leaves the fake → client sees the text',
            ms(percentile(after.direct, 50)),
            ms(percentile(after.proxied, 50)),
          ],
        ],
      ),
      '',
      `TCP connections opened to the fake OpenAI during all ${turns} × 2 turns (both clients, warm-up included): ${connections}.`,
      '',
      'What the added time contains: the browser→proxy HTTP request and JSON body, the thread lookup in the store, the runtime settings, the translation of the first upstream event and the SSE write. It does not include creating a conversation (the thread is reused, as on every turn after the first).',
    ].join('\n');
    writeSection('Added time to first text', body);
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

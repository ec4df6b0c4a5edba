/**
 * Concurrent open SSE streams on one proxy process
 * (npx tsx bench/streams.ts [levels=250,500,1000,2000]).
 * The proxy runs in its own process; the fake OpenAI (this process) holds
 * every response open, sending one text delta every 3 s (25 deltas, ~75 s).
 * Streams are opened in batches up to each level; at each level the proxy's
 * RSS is read from /proc. Then every stream must finish with `done`, no
 * `error` event, status 200.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Agent } from 'undici';
import { heapSummary } from './lib/heap-summary';
import { machineLine } from './lib/machine';
import { PROXY_COMMAND } from './lib/proxy-process';
import { writeSection } from './lib/report';
import { chatStream } from './lib/sse-client';
import { sleep, table } from './lib/stats';
import { startBenchWorld } from './lib/world';

const LEVELS = (process.argv[2] ?? '250,500,1000,2000').split(',').map(Number);
// 40 deltas 3 s apart: each stream stays open 120 s, longer than opening 2,000 takes on a busy 2-core machine,
// so every stream is still open when the top level is sampled.
const DELTAS = Number(process.env.BENCH_DELTAS ?? 40);
const DELTA_EVERY_MS = 3000;
const BATCH = 50;

const proxyEnv = Object.fromEntries(
  (process.env.BENCH_PROXY_ENV ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((pair) => pair.split('=') as [string, string]),
);
const proxyFlags = (process.env.BENCH_PROXY_FLAGS ?? '').split(/\s+/).filter(Boolean);

/** Ask the proxy for a heap snapshot (SIGUSR2) and summarise it once it is completely written. */
async function takeSnapshot(child: ChildProcess, dir: string): Promise<ReturnType<typeof heapSummary>> {
  const known = new Set(readdirSync(dir));
  child.kill('SIGUSR2');
  for (;;) {
    await sleep(2000);
    const file = readdirSync(dir).find((f) => f.endsWith('.heapsnapshot') && !known.has(f));
    if (!file) continue;
    try {
      return heapSummary(path.join(dir, file));
    } catch {
      // still being written
    }
  }
}

async function main() {
  const max = Math.max(...LEVELS);
  // BENCH_HEAP_SNAPSHOT=1: also write a heap snapshot of the proxy at the top level and summarise it (slow; off by default).
  const snapshotDir = process.env.BENCH_HEAP_SNAPSHOT === '1' ? mkdtempSync(path.join(os.tmpdir(), 'aisle-heap-')) : null;
  const world = await startBenchWorld({
    openai: { firstTokenDelayMs: 0, tokenDelayMs: DELTA_EVERY_MS },
    bypassRelay: true,
    // BENCH_PROXY_ENV (e.g. MALLOC_ARENA_MAX=2) and BENCH_PROXY_FLAGS (e.g. --max-semi-space-size=4) tune the proxy process.
    env: { AISLE_HEARTBEAT_MS: '15000', ...proxyEnv },
    nodeFlags: [...proxyFlags, ...(snapshotDir ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${snapshotDir}`] : [])],
  });
  const agent = new Agent({ connections: max + 100, headersTimeout: 120_000, bodyTimeout: 120_000, keepAliveTimeout: 1000 });
  const chunks = Array.from({ length: DELTAS }, (_v, i) => `t${i} `);
  const streams: Array<Promise<void>> = [];
  const opened = { count: 0 };
  const failures: string[] = [];
  let finished = 0;
  try {
    // Warm-up: a few ordinary turns so the baseline includes loaded modules and JIT.
    for (let i = 0; i < 5; i++) {
      world.openai.enqueue({ kind: 'text', text: 'warm-up', chunks: ['warm-up'] });
      await chatStream(world.proxy.url, { message: 'hello', thread_id: null }, { dispatcher: agent });
    }
    await sleep(1000);
    const baseline = world.proxy.rss();
    const baselineHeap = snapshotDir ? await takeSnapshot(world.proxy.child, snapshotDir) : null;
    const rows: Array<Array<string | number>> = [];
    const startedAll = performance.now();
    for (const level of LEVELS) {
      while (streams.length < level) {
        const batch = Math.min(BATCH, level - streams.length);
        const openedNow: Array<Promise<void>> = [];
        for (let i = 0; i < batch; i++) {
          world.openai.enqueue({ kind: 'text', text: chunks.join(''), chunks });
          let markOpen: () => void = () => undefined;
          openedNow.push(new Promise<void>((resolve) => (markOpen = resolve)));
          streams.push(
            chatStream(
              world.proxy.url,
              { message: 'hello', thread_id: null },
              {
                dispatcher: agent,
                onEvent: (e) => {
                  if (e.event.type === 'text' && e.event.content === chunks[0]) {
                    opened.count++;
                    markOpen();
                  }
                },
              },
            ).then(
              (result) => {
                finished++;
                markOpen();
                const types = result.events.map((e) => e.event.type);
                const texts = types.filter((t) => t === 'text').length;
                if (result.status !== 200 || types.includes('error') || types.at(-1) !== 'done' || texts !== DELTAS) {
                  failures.push(`status ${result.status}, ${texts} texts, last ${types.at(-1)}`);
                }
              },
              (error: unknown) => {
                finished++;
                markOpen();
                failures.push(String(error));
              },
            ),
          );
        }
        // A batch counts as open once each stream has its first text: the upstream response is streaming.
        await Promise.all(openedNow);
      }
      await sleep(3000);
      const rss = world.proxy.rss();
      const open = streams.length - finished;
      rows.push([
        level,
        open,
        `${(rss / 1048576).toFixed(1)} MB`,
        `${((rss - baseline) / 1048576).toFixed(1)} MB`,
        // Per stream actually open at the sample (a slow start can let the first streams finish).
        `${((rss - baseline) / 1024 / open).toFixed(1)} KB`,
        failures.length,
      ]);
      process.stdout.write(
        `level ${level}: open ${open}, rss ${(rss / 1048576).toFixed(1)} MB, ${((performance.now() - startedAll) / 1000).toFixed(1)} s\n`,
      );
    }
    if (snapshotDir && baselineHeap) {
      const top = await takeSnapshot(world.proxy.child, snapshotDir);
      const open = streams.length - finished;
      process.stdout.write(
        `live heap ${(baselineHeap.totalBytes / 1048576).toFixed(1)} MB at baseline, ${(top.totalBytes / 1048576).toFixed(1)} MB with ${open} open streams: ${((top.totalBytes - baselineHeap.totalBytes) / 1024 / open).toFixed(1)} KB per stream\n`,
      );
      const before = new Map(baselineHeap.top.map((t) => [t.name, t]));
      const diff = top.top
        .map((t) => ({
          name: t.name,
          bytes: t.bytes - (before.get(t.name)?.bytes ?? 0),
          count: t.count - (before.get(t.name)?.count ?? 0),
        }))
        .sort((a, b) => b.bytes - a.bytes);
      for (const t of diff.slice(0, 30))
        process.stdout.write(
          `${(t.bytes / 1024 / open).toFixed(2)} KB/stream\t${(t.count / open).toFixed(1)}/stream\t${t.name}\n`,
        );
    }
    const peakOpen = Math.min(...rows.map((r) => Number(r[1])).slice(-1));
    await Promise.all(streams);
    const last = rows.at(-1)!;
    const body = [
      `\`npx tsx bench/streams.ts ${LEVELS.join(',')}\`: one proxy process (${PROXY_COMMAND}, embedded store, \`LOG_LEVEL=info\`); the fake OpenAI and the undici clients run in the benchmark process. Every stream is a new thread (a conversation is created), then the fake sends ${DELTAS} text deltas ${DELTA_EVERY_MS / 1000} s apart, so each stream stays open about ${(DELTAS * DELTA_EVERY_MS) / 1000} s while the others are opened (${BATCH} at a time, each batch waited for until its first text arrived). ${proxyFlags.length || Object.keys(proxyEnv).length ? `Proxy tuning: \`${[...Object.entries(proxyEnv).map(([k, v]) => `${k}=${v}`), 'node', ...proxyFlags].join(' ')}\`. ` : ''}RSS is the proxy's VmRSS, 3 s after each level was reached; the baseline (${(baseline / 1048576).toFixed(1)} MB) is after 5 warm-up turns. \`ulimit -n\` is ${process.env.BENCH_NOFILE ?? 'the default'} here; the proxy needs 2 descriptors per stream (shopper and upstream).`,
      '',
      `- Machine: ${machineLine()}`,
      '',
      table(['streams opened', 'open at sample', 'proxy RSS', 'RSS − baseline', 'per stream', 'errors so far'], rows),
      '',
      `Result: **${streams.length} streams, ${peakOpen} open at once at the top level, ${failures.length} errors**${failures.length ? '' : ` (every stream ended with all ${DELTAS} texts and \`done\`)`}. RSS per open stream at ${max}: **${last[4]}** (target ≤ 100 KB).`,
      ...(failures.length ? ['', `First failures: ${failures.slice(0, 5).join('; ')}`] : []),
    ].join('\n');
    writeSection(
      proxyFlags.length || Object.keys(proxyEnv).length
        ? 'Concurrent open streams, tuned proxy process'
        : 'Concurrent open streams',
      body,
    );
  } finally {
    await agent.close().catch(() => undefined);
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

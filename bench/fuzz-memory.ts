/**
 * Does the proxy's memory plateau under hostile traffic? Five rounds of the same 3,000-request fuzz
 * mix against the built proxy started as `npm start` starts it; RSS and V8 heap used after each round.
 *
 *   nice -n 10 npx tsx bench/fuzz-memory.ts [rounds=5] [requests=3000]
 *
 * BENCH_BASELINE_ROOT=<dir>: also run the same rounds against the checkout in <dir> (e.g. a
 * `git archive` of an earlier commit with node_modules linked), first, for a before/after in one run.
 * BENCH_ROOT=<dir>: measure that checkout as "after" instead of this one.
 * BENCH_PROXY_FLAGS: extra Node flags for the proxy (through NODE_OPTIONS), e.g. `--heapsnapshot-signal=SIGUSR2`.
 * BENCH_HEAP_SNAPSHOT=1: send SIGUSR2 after round 1 and after the last round (needs that flag).
 * The mix (seeded, identical in every round): 3 % bodies up to 20 MB with Content-Length, 3 % chunked
 * bodies up to 20 MB, 12 % bad UTF-8, 10 % 10,000-deep JSON, 42 % small malformed bodies on every
 * route and method, 30 % valid chat turns read to `done`. Bounded: each round stops at 90 s.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { startFakeOpenAI } from '../tests/fakes/openai';
import { fakeOpenAIKey } from '../tests/helpers/keys';
import { machineLine } from './lib/machine';
import { PROXY_COMMAND, startProxyProcess, type ProxyProcess } from './lib/proxy-process';

const ROUNDS = Number(process.argv[2] ?? 5);
const REQUESTS = Number(process.argv[3] ?? 3000);
const CONCURRENCY = 16;
const ROUND_LIMIT_MS = 90_000;
const MB = 1024 * 1024;
const KEY = fakeOpenAIKey('bench-fuzz-memory');
const BIG = Buffer.alloc(20 * MB, 'a');

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Shot {
  method: string;
  path: string;
  body?: Buffer;
  chunked?: boolean;
  kind: string;
}

const PATHS = [
  '/api/chat/stream',
  '/api/chat',
  '/api/chat/history?thread_id=x',
  '/api/events',
  '/api/health',
  '/api/webhooks/woocommerce',
  '/api/sync',
  '/api/admin/config',
  '/metrics',
  '/openapi.json',
  '/nope',
];

/** The same list of requests every round (seeded). */
function mix(n: number): Shot[] {
  const random = mulberry32(20261207);
  const int = (k: number) => Math.floor(random() * k);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const shots: Shot[] = [];
  for (let i = 0; i < n; i++) {
    const r = random();
    const path = pick(PATHS.filter((p) => !p.includes('?')));
    if (r < 0.03) shots.push({ method: 'POST', path, body: BIG.subarray(0, 1 + int(20 * MB)), kind: 'big' });
    else if (r < 0.06)
      shots.push({ method: 'POST', path, body: BIG.subarray(0, 1 + int(20 * MB)), chunked: true, kind: 'chunked' });
    else if (r < 0.18)
      shots.push({
        method: 'POST',
        path,
        body: Buffer.concat([
          Buffer.from('{"message":"'),
          Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]),
          Buffer.from('","thread_id":null}'),
        ]),
        kind: 'utf8',
      });
    else if (r < 0.28)
      shots.push({
        method: 'POST',
        path,
        body: Buffer.from(int(2) ? '['.repeat(10_000) + ']'.repeat(10_000) : '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000)),
        kind: 'deep',
      });
    else if (r < 0.7)
      shots.push({
        method: pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']),
        path: pick(PATHS),
        body: Buffer.from(
          pick(['', '{"message": "hi", ', 'null', '{"type":"open"}', '{"__proto__":{"x":1}}', 'x'.repeat(int(40_000))]),
        ),
        kind: 'small',
      });
    else
      shots.push({
        method: 'POST',
        path: '/api/chat/stream',
        body: Buffer.from(JSON.stringify({ message: `hello ${i}`, thread_id: null })),
        kind: 'chat',
      });
  }
  return shots;
}

function send(agent: http.Agent, port: number, shot: Shot): Promise<number> {
  return new Promise((resolve) => {
    const bodyless = shot.method === 'GET' || shot.method === 'HEAD';
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (!bodyless && shot.body && !shot.chunked) headers['content-length'] = String(shot.body.length);
    const req = http.request(
      { host: '127.0.0.1', port, method: shot.method, path: shot.path, headers, agent, timeout: 30_000 },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(-1));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(-1));
    if (bodyless || !shot.body) return void req.end();
    // Write in 64 KB pieces with back-pressure; stop once the server has answered (a 413 mid-upload).
    let offset = 0;
    let answered = false;
    req.once('response', () => (answered = true));
    const pump = () => {
      while (offset < shot.body!.length && !answered && !req.destroyed) {
        const piece = shot.body!.subarray(offset, offset + 65_536);
        offset += piece.length;
        if (!req.write(piece)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

/**
 * Resident memory by kind of mapping (BENCH_SMAPS=1): `[heap]` is glibc's main arena (brk), `anon`
 * is every other anonymous mapping (V8's heap pages, other malloc arenas, large mmapped blocks), `file`
 * is code and data mapped from files. Tells the allocator's share from V8's.
 */
function residentByKind(pid: number): string {
  const sums: Record<string, number> = {};
  let kind = 'anon';
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) kind = head[1] === '' ? 'anon' : head[1]!.startsWith('[') ? head[1]! : 'file';
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) sums[kind] = (sums[kind] ?? 0) + Number(rss[1]) / 1024;
  }
  return Object.entries(sums)
    .sort((a, b) => b[1] - a[1])
    .map(([k, mb]) => `${k} ${mb.toFixed(1)} MB`)
    .join(', ');
}

interface Memory {
  heap: number;
  /** V8 heap committed (used + free pages it keeps). */
  heapTotal: number;
  /** Memory V8 knows of outside its heap (Buffers, ArrayBuffers). */
  external: number;
}

async function memoryOf(url: string): Promise<Memory> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const read = (name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1] ?? NaN);
  return {
    heap: read('nodejs_heap_size_used_bytes'),
    heapTotal: read('nodejs_heap_size_total_bytes'),
    external: read('nodejs_external_memory_bytes'),
  };
}

interface RoundResult extends Memory {
  round: number;
  rss: number;
  seconds: number;
  statuses: Record<string, number>;
}

async function runRounds(label: string, root: string | undefined, openaiBaseURL: string): Promise<RoundResult[]> {
  const flags = (process.env.BENCH_PROXY_FLAGS ?? '').split(' ').filter(Boolean);
  const proxy: ProxyProcess = await startProxyProcess(
    {
      OPENAI_API_KEY: KEY,
      OPENAI_BASE_URL: openaiBaseURL,
      AISLE_DEMO: 'on',
      AISLE_RATE_IP_PER_MIN: '100000',
      AISLE_RATE_STORE_PER_MIN: '1000000',
      AISLE_RATE_SESSION_PER_MIN: '100000',
      AISLE_EVENTS_RATE_IP_PER_MIN: '100000',
      AISLE_DAILY_TOKEN_CAP: '100000000000',
      // BENCH_PROXY_ENV='{"MALLOC_TRIM_THRESHOLD_":"131072"}': extra environment for the proxy (allocator tuning).
      ...(JSON.parse(process.env.BENCH_PROXY_ENV ?? '{}') as Record<string, string>),
    },
    { nodeFlags: flags, ...(root ? { root } : {}) },
  );
  const port = Number(new URL(proxy.url).port);
  const shots = mix(REQUESTS);
  const results: RoundResult[] = [];
  try {
    // Warm-up: every route once, a few chats.
    const warm = new http.Agent({ keepAlive: true, maxSockets: 4 });
    for (const shot of mix(60))
      await send(warm, port, shot.kind === 'chat' || shot.kind === 'small' ? shot : { ...shot, body: Buffer.from('{}') });
    warm.destroy();
    await new Promise((r) => setTimeout(r, 2000));
    const warmed = await memoryOf(proxy.url);
    if (process.env.BENCH_SMAPS === '1') process.stdout.write(`  resident by kind: ${residentByKind(proxy.pid)}\n`);
    process.stdout.write(
      `${label}: after warm-up RSS ${(proxy.rss() / MB).toFixed(1)} MB, heap used ${(warmed.heap / MB).toFixed(1)} MB, heap total ${(warmed.heapTotal / MB).toFixed(1)} MB, external ${(warmed.external / MB).toFixed(1)} MB\n`,
    );
    for (let round = 1; round <= ROUNDS; round++) {
      const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
      const statuses: Record<string, number> = {};
      const started = Date.now();
      let next = 0;
      const worker = async () => {
        while (next < shots.length && Date.now() - started < ROUND_LIMIT_MS) {
          const status = await send(agent, port, shots[next++]!);
          statuses[status] = (statuses[status] ?? 0) + 1;
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      agent.destroy();
      const seconds = (Date.now() - started) / 1000;
      // Let sockets close and timers run; no forced GC: this is what an operator's RSS graph shows.
      await new Promise((r) => setTimeout(r, 3000));
      const result = { round, rss: proxy.rss(), ...(await memoryOf(proxy.url)), seconds, statuses };
      results.push(result);
      if (process.env.BENCH_SMAPS === '1') process.stdout.write(`  resident by kind: ${residentByKind(proxy.pid)}\n`);
      process.stdout.write(
        `${label} round ${round}: ${next} requests in ${seconds.toFixed(1)} s, RSS ${(result.rss / MB).toFixed(1)} MB, heap used ${(result.heap / MB).toFixed(1)} MB, heap total ${(result.heapTotal / MB).toFixed(1)} MB, external ${(result.external / MB).toFixed(1)} MB, statuses ${JSON.stringify(statuses)}\n`,
      );
      if (process.env.BENCH_HEAP_SNAPSHOT === '1' && (round === 1 || round === ROUNDS)) {
        process.kill(proxy.pid, 'SIGUSR2');
        await new Promise((r) => setTimeout(r, 8000));
      }
    }
  } finally {
    await proxy.stop();
  }
  return results;
}

function table(rows: Array<{ label: string; results: RoundResult[] }>): string {
  const lines = [
    '| proxy | ' + Array.from({ length: ROUNDS }, (_, i) => `round ${i + 1}`).join(' | ') + ` | round ${ROUNDS} − round 1 |`,
    '| --- |' + ' ---: |'.repeat(ROUNDS + 1),
  ];
  for (const { label, results } of rows) {
    const rss = results.map((r) => `${(r.rss / MB).toFixed(1)}`);
    const heap = results.map((r) => `${(r.heap / MB).toFixed(1)}`);
    const last = results.at(-1)!;
    const first = results[0]!;
    lines.push(`| ${label}: RSS (MB) | ${rss.join(' | ')} | **${((last.rss - first.rss) / MB).toFixed(1)} MB** |`);
    lines.push(`| ${label}: heap used (MB) | ${heap.join(' | ')} | ${((last.heap - first.heap) / MB).toFixed(1)} MB |`);
  }
  return lines.join('\n');
}

async function main() {
  const openai = await startFakeOpenAI({ apiKey: KEY, productIdsFor: () => [] });
  const rows: Array<{ label: string; results: RoundResult[] }> = [];
  try {
    const baseline = process.env.BENCH_BASELINE_ROOT;
    if (baseline) {
      rows.push({ label: 'before', results: await runRounds('before', baseline, openai.baseURL) });
      openai.reset();
    }
    // BENCH_ROOT: measure another checkout instead of this one (e.g. a clean copy while this one is being edited).
    rows.push({
      label: baseline ? 'after' : 'this code',
      results: await runRounds('after', process.env.BENCH_ROOT, openai.baseURL),
    });
  } finally {
    await openai.close();
  }
  process.stdout.write(`\n${table(rows)}\n\nProxy: ${PROXY_COMMAND}. Machine: ${machineLine()}\n`);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

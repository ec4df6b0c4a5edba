/**
 * Profile of the streamed-turn hot path (npx tsx bench/profile.ts [turns=300] [label]).
 * The proxy runs in its own process under `node --cpu-prof`; the benchmark
 * drives `turns` streamed turns (4 at a time) that each call show_products
 * (3 simple + 1 variable product, product cache off so cards are built every
 * time) and stream the answer, against the fakes with no artificial delays.
 * It prints the top self-time functions and packages and the proxy's CPU
 * time per turn, and writes the "Profiling" section with `label` (before/after).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { convert } from 'html-to-text';
import { Agent } from 'undici';
import { htmlToPlain } from '../proxy/src/catalog/cards';
import { selfTimes } from './lib/cpu-profile';
import { machineLine } from './lib/machine';
import { writeSection } from './lib/report';
import { chatStream } from './lib/sse-client';
import { percentile, table } from './lib/stats';
import { startBenchWorld } from './lib/world';

const TURNS = Number(process.argv[2] ?? 300);
const LABEL = process.argv[3] ?? 'current';
const CONCURRENCY = 4;

function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
  return (ticks / 100) * 1000;
}

/** The card text conversion as it was (convert() per call) against the current htmlToPlain, on the bench catalog's names and price HTML. */
function cardTextMicrobench(samples: string[]): { oldUs: number; newUs: number } {
  const old = (html: string) =>
    convert(html, {
      wordwrap: false,
      selectors: [
        { selector: 'a', options: { ignoreHref: true } },
        { selector: 'img', format: 'skip' },
        { selector: '.screen-reader-text', format: 'skip' },
      ],
    })
      .replace(/\s+/g, ' ')
      .trim();
  const time = (fn: (s: string) => string) => {
    for (const s of samples) fn(s); // warm-up
    const t0 = performance.now();
    let n = 0;
    for (let round = 0; round < 20; round++) {
      for (const s of samples) {
        fn(s);
        n++;
      }
    }
    return ((performance.now() - t0) / n) * 1000;
  };
  for (const s of samples)
    if (old(s) !== htmlToPlain(s)) throw new Error(`htmlToPlain changed its output for ${JSON.stringify(s)}`);
  return { oldUs: time(old), newUs: time(htmlToPlain) };
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'aisle-prof-'));
  const world = await startBenchWorld({
    openai: { firstTokenDelayMs: 0, tokenDelayMs: 0 },
    env: { AISLE_PRODUCT_CACHE_TTL_S: '0' },
    nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=250'],
  });
  const agent = new Agent({ connections: CONCURRENCY * 2 });
  let errors = 0;
  const wall: number[] = [];
  try {
    // Warm up (JIT, module loading, first connections) before counting CPU time.
    for (let i = 0; i < 10; i++)
      await chatStream(world.proxy.url, { message: 'show-mixed please', thread_id: null }, { dispatcher: agent });
    const cpuBefore = cpuMsOf(world.proxy.pid);
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < TURNS) {
          next++;
          const t0 = performance.now();
          const result = await chatStream(
            world.proxy.url,
            { message: 'show-mixed please', thread_id: null },
            { dispatcher: agent },
          );
          wall.push(performance.now() - t0);
          const types = result.events.map((e) => e.event.type);
          if (result.status !== 200 || types.includes('error') || !types.includes('products') || !types.includes('text'))
            errors++;
        }
      }),
    );
    const elapsed = performance.now() - started;
    const cpuMs = cpuMsOf(world.proxy.pid) - cpuBefore;
    await world.close();
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error('no .cpuprofile written');
    const { functions, places, totalMs } = selfTimes(path.join(dir, file));
    const micro = cardTextMicrobench(world.catalog.products.flatMap((p) => [p.name, p.price_html ?? '']).filter(Boolean));
    const top = functions
      .slice(0, 15)
      .map((f) => [f.name.replace(/\|/g, '\\|'), `${f.selfMs.toFixed(0)} ms`, `${(f.share * 100).toFixed(1)} %`]);
    const topPlaces = places.slice(0, 10).map((f) => [f.name, `${f.selfMs.toFixed(0)} ms`, `${(f.share * 100).toFixed(1)} %`]);
    const body = [
      `### ${LABEL}`,
      '',
      `\`npx tsx bench/profile.ts ${TURNS} ${LABEL}\`: ${TURNS} streamed turns, ${CONCURRENCY} at a time, each a new thread (conversation create), one \`show_products\` call (3 simple + 1 variable product, \`AISLE_PRODUCT_CACHE_TTL_S=0\` so cards are built from WooCommerce data every time), then the text answer; no artificial delays in the fakes. ${errors} errors. Machine: ${machineLine()}`,
      '',
      `- Proxy CPU time (user + system, from /proc) per turn: **${(cpuMs / TURNS).toFixed(2)} ms**; turns per second: ${((TURNS / elapsed) * 1000).toFixed(1)}; turn wall time p50 ${percentile(wall, 50).toFixed(1)} ms.`,
      `- Card text (\`htmlToPlain\`, name + price HTML of ${world.catalog.products.length} products, same output checked): \`convert()\` per call ${micro.oldUs.toFixed(1)} µs, current ${micro.newUs.toFixed(1)} µs per string (${(micro.oldUs / micro.newUs).toFixed(0)}× faster).`,
      `- Profiled (non-idle) samples: ${totalMs.toFixed(0)} ms, including warm-up and start-up.`,
      '',
      table(['top self time (function — place)', 'self', 'share'], top),
      '',
      table(['by package or source file', 'self', 'share'], topPlaces),
    ].join('\n');
    process.stdout.write(`\n${body}\n`);
    if (process.env.BENCH_WRITE_PROFILE === '1') writeSection(`Profiling: ${LABEL}`, body.split('\n').slice(2).join('\n'));
  } finally {
    await agent.close();
    await world.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);

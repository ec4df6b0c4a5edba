/**
 * Catalog sync benchmark (tsx bench/sync.ts [sizes…], default 10000 100000).
 * The fakes (WooCommerce with 300 ms per answer, OpenAI) run in this process;
 * every sync runs in a child process so its peak RSS is the sync's alone.
 * Per size: full sync with the default concurrency (variations read a product page
 * at a time through GET /wc/v3/variations?parent=…), the same sync against a store
 * without that route (one variations request per variable product: the read before
 * the route was used; at 10k only unless BENCH_BASELINE_ALL=1, it takes 23 min at
 * 100k), and an incremental sync after one product changed. BENCH_SEQUENTIAL=1 adds
 * the page-by-page baseline (concurrency 1).
 * Each row also gives the size of the catalog document (the bytes of the shard
 * files attached to the vector store after the run) and the bytes the run
 * uploaded, so the sync's RSS growth can be compared with the document itself.
 * With NODE_OPTIONS=--expose-gc the child also forces a full collection every
 * second and reports the largest live heap (slower, but tells live data from garbage).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import pino from 'pino';
import { startFakeOpenAI } from '../tests/fakes/openai';
import { startFakeWoo, buildCatalog } from '../tests/fakes/woo';
import { createEmbeddedStore } from '../proxy/src/store/embedded';
import { createWooClient } from '../proxy/src/woo/client';
import { createSyncServiceFromDeps, DEFAULT_SYNC_SETTINGS } from '../proxy/src/sync';

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 300);

interface ChildResult {
  ok: boolean;
  wallMs: number;
  peakRssMb: number;
  /** RSS before the sync starts (node + tsx + modules), to tell the sync's own memory apart. */
  startRssMb?: number;
  /** Largest sampled V8 heap in use (every 50 ms): live objects plus garbage not yet collected. */
  peakHeapUsedMb?: number;
  /** Heap in use before the sync starts. */
  startHeapUsedMb?: number;
  /** With --expose-gc only: the largest heap in use right after a full collection, sampled every second. */
  peakLiveHeapMb?: number;
  /** CPU time (user + system) the sync process used, start to finish of the sync. */
  cpuMs?: number;
  result?: { status: string; products_count: number; shards_uploaded: number; shards_total: number; vector_store_id: string };
  error?: string;
}

/** Child mode: one sync against the fakes given in the environment, result as JSON on stdout. */
async function child(): Promise<void> {
  const env = process.env;
  const store = createEmbeddedStore({ dataDir: env.BENCH_DATA_DIR! });
  const woo = createWooClient({
    baseUrl: env.BENCH_WOO_URL!,
    consumerKey: env.BENCH_WOO_KEY!,
    consumerSecret: env.BENCH_WOO_SECRET!,
    timeoutMs: 30_000,
  });
  const concurrency = Number(env.BENCH_CONCURRENCY);
  const service = createSyncServiceFromDeps({
    store,
    woo,
    openai: new OpenAI({ apiKey: 'sk-bench', baseURL: env.BENCH_OPENAI_URL!, maxRetries: 0 }),
    logger: pino({ level: 'silent' }),
    config: { ...DEFAULT_SYNC_SETTINGS, pageConcurrency: concurrency, uploadConcurrency: concurrency },
  });
  const startRssMb = Math.round(process.memoryUsage().rss / 1048576);
  const startHeapUsedMb = Math.round(process.memoryUsage().heapUsed / 1048576);
  // RSS alone mixes the sync's live data with garbage V8 has not collected yet; the heap samples tell them apart.
  let peakHeapUsed = 0;
  let peakLiveHeap = 0;
  let liveSamples = 0;
  const gc = (globalThis as { gc?: () => void }).gc;
  const sampler = setInterval(() => (peakHeapUsed = Math.max(peakHeapUsed, process.memoryUsage().heapUsed)), 50);
  // With node --expose-gc (NODE_OPTIONS), a full collection every second measures what is really live.
  const liveSampler = gc
    ? setInterval(() => {
        gc();
        liveSamples++;
        peakLiveHeap = Math.max(peakLiveHeap, process.memoryUsage().heapUsed);
      }, 1000)
    : null;
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  let out: ChildResult;
  try {
    const result = await service.start({ mode: env.BENCH_MODE === 'incremental' ? 'incremental' : 'full', trigger: 'bench' });
    out = { ok: true, wallMs: Math.round(performance.now() - started), peakRssMb: 0, result };
  } catch (error) {
    out = { ok: false, wallMs: Math.round(performance.now() - started), peakRssMb: 0, error: String(error) };
  }
  const cpu = process.cpuUsage(cpuStart);
  out.cpuMs = Math.round((cpu.user + cpu.system) / 1000);
  clearInterval(sampler);
  if (liveSampler) clearInterval(liveSampler);
  if (liveSamples > 0) out.peakLiveHeapMb = Math.round(peakLiveHeap / 1048576);
  out.peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  out.startRssMb = startRssMb;
  out.peakHeapUsedMb = Math.round(peakHeapUsed / 1048576);
  out.startHeapUsedMb = startHeapUsedMb;
  await woo.close();
  await store.close();
  process.stdout.write(`BENCH_RESULT ${JSON.stringify(out)}\n`);
}

function runChild(env: Record<string, string>): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [require.resolve('tsx/cli'), __filename, '--child'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.on('exit', () => {
      const line = stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
      if (!line) reject(new Error(`child printed no result: ${stdout.slice(-500)}`));
      else resolve(JSON.parse(line.slice('BENCH_RESULT '.length)) as ChildResult);
    });
  });
}

const mb = (bytes: number) => +(bytes / 1048576).toFixed(1);

/** The catalog document: every shard file attached to the run's vector store. */
function documentBytes(openai: Awaited<ReturnType<typeof startFakeOpenAI>>, vectorStoreId: string | undefined): number {
  const files = vectorStoreId ? openai.state.vectorStores.get(vectorStoreId)?.files : undefined;
  let bytes = 0;
  for (const fileId of files?.keys() ?? []) bytes += openai.state.files.get(fileId)?.object.bytes ?? 0;
  return bytes;
}

async function parent(): Promise<void> {
  const sizes = process.argv
    .slice(2)
    .filter((a) => /^\d+$/.test(a))
    .map(Number);
  const rows: Array<Record<string, unknown>> = [];
  for (const size of sizes.length ? sizes : [10_000, 100_000]) {
    const built = buildCatalog(size);
    // The generator spreads modification dates into the future; pin them to the past so modified_after means "changed since".
    const catalog = {
      ...built,
      products: built.products.map((p) => ({
        ...p,
        date_modified_gmt: '2026-11-01T00:00:00',
        date_modified: '2026-11-01T02:00:00',
      })),
    };
    const woo = await startFakeWoo({ products: catalog.products, variations: catalog.variations, latencyMs: LATENCY_MS });
    // The same store before WooCommerce 10.3: no GET /wc/v3/variations, so variations are read per product.
    const oldWoo = await startFakeWoo({
      products: catalog.products,
      variations: catalog.variations,
      latencyMs: LATENCY_MS,
      variationsRoute: false,
      consumerKey: woo.consumerKey,
      consumerSecret: woo.consumerSecret,
    });
    const openai = await startFakeOpenAI({ vectorStorePollsUntilDone: 1, pollAfterMs: 10 });
    const base = {
      BENCH_WOO_URL: woo.url,
      BENCH_WOO_KEY: woo.consumerKey,
      BENCH_WOO_SECRET: woo.consumerSecret,
      BENCH_OPENAI_URL: openai.baseURL,
    };
    const measure = async (
      label: string,
      concurrency: number,
      dataDir: string,
      mode: 'full' | 'incremental',
      store: typeof woo = woo,
    ) => {
      const wooBefore = store.requests.length;
      const fakesCpu = process.cpuUsage();
      const openaiBefore = openai.requests.length;
      const r = await runChild({
        ...base,
        BENCH_WOO_URL: store.url,
        BENCH_DATA_DIR: dataDir,
        BENCH_CONCURRENCY: String(concurrency),
        BENCH_MODE: mode,
      });
      const uploadedBytes = openai.requests
        .slice(openaiBefore)
        .filter((q) => q.method === 'POST' && q.path === '/v1/files')
        .reduce((sum, q) => sum + (q.multipart?.files ?? []).reduce((s, f) => s + f.bytes, 0), 0);
      const row = {
        size,
        label,
        concurrency,
        ok: r.ok,
        wall_s: +(r.wallMs / 1000).toFixed(2),
        // CPU seconds of the sync process, and of this process (the fake WooCommerce and OpenAI) meanwhile.
        sync_cpu_s: r.cpuMs === undefined ? undefined : +(r.cpuMs / 1000).toFixed(1),
        fakes_cpu_s: +((process.cpuUsage(fakesCpu).user + process.cpuUsage(fakesCpu).system) / 1e6).toFixed(1),
        peak_rss_mb: r.peakRssMb,
        start_rss_mb: r.startRssMb,
        rss_growth_mb: r.startRssMb === undefined ? undefined : r.peakRssMb - r.startRssMb,
        peak_heap_used_mb: r.peakHeapUsedMb,
        start_heap_used_mb: r.startHeapUsedMb,
        ...(r.peakLiveHeapMb !== undefined ? { peak_live_heap_mb: r.peakLiveHeapMb } : {}),
        document_mb: mb(documentBytes(openai, r.result?.vector_store_id)),
        uploaded_mb: mb(uploadedBytes),
        woo_requests: store.requests.length - wooBefore,
        woo_variation_requests: store.requests.slice(wooBefore).filter((q) => q.path.endsWith('/variations')).length,
        openai_requests: openai.requests.length - openaiBefore,
        products: r.result?.products_count,
        shards_uploaded: r.result?.shards_uploaded,
        shards_total: r.result?.shards_total,
        ...(r.error ? { error: r.error } : {}),
      };
      rows.push(row);
      process.stderr.write(`${JSON.stringify(row)}\n`);
      return row;
    };
    const dir = mkdtempSync(path.join(os.tmpdir(), 'aisle-bench-'));
    await measure('full sync', DEFAULT_SYNC_SETTINGS.pageConcurrency, dir, 'full');
    // One product changes (new price, modified now), then an incremental sync.
    const target = catalog.products.find(
      (p) => p.status === 'publish' && p.catalog_visibility === 'visible' && p.type === 'simple',
    )!;
    const now = new Date().toISOString().slice(0, 19);
    woo.setProducts(
      catalog.products.map((p) =>
        p.id === target.id
          ? { ...p, regular_price: '1.00', price: '1.00', sale_price: '', on_sale: false, date_modified_gmt: now }
          : p,
      ),
      catalog.variations,
    );
    await measure('incremental after 1 change', DEFAULT_SYNC_SETTINGS.pageConcurrency, dir, 'incremental');
    rmSync(dir, { recursive: true, force: true });
    woo.setProducts(catalog.products, catalog.variations);
    if (size <= 10_000 || process.env.BENCH_BASELINE_ALL === '1') {
      const oldDir = mkdtempSync(path.join(os.tmpdir(), 'aisle-bench-old-'));
      await measure('full sync, variations per product (before)', DEFAULT_SYNC_SETTINGS.pageConcurrency, oldDir, 'full', oldWoo);
      rmSync(oldDir, { recursive: true, force: true });
    }
    if (process.env.BENCH_SEQUENTIAL === '1') {
      const baselineDir = mkdtempSync(path.join(os.tmpdir(), 'aisle-bench-seq-'));
      await measure('sequential baseline', 1, baselineDir, 'full');
      rmSync(baselineDir, { recursive: true, force: true });
    }
    await oldWoo.close();
    await woo.close();
    await openai.close();
  }
  const out = process.env.BENCH_OUT ?? path.join(os.tmpdir(), 'aisle-sync-bench.json');
  writeFileSync(out, JSON.stringify(rows, null, 2));
  process.stderr.write(`results written to ${out}\n`);
}

if (process.argv.includes('--child')) void child();
else void parent();

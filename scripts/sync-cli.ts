/**
 * `npm run sync` — sync the catalog from the command line, with a progress bar.
 *   tsx scripts/sync-cli.ts [--incremental]   one sync; exit 1 with a clear message on failure
 *   tsx scripts/sync-cli.ts worker            `npm run sync:worker`: run BullMQ sync jobs (needs REDIS_URL)
 * Same lock as the proxy: a sync already running elsewhere makes this exit with code 2.
 */
import { SingleBar, Presets } from 'cli-progress';
import OpenAI from 'openai';
import pino from 'pino';
import { ConfigError, loadConfig } from '../proxy/src/config/load';
import { createStore } from '../proxy/src/store';
import { createWooClient } from '../proxy/src/woo/client';
import {
  createSyncServiceFromDeps,
  isSyncError,
  startSyncWorker,
  syncEnvSchema,
  syncSettingsFromEnv,
  type SyncProgress,
} from '../proxy/src/sync';

function fail(message: string, code = 1): never {
  process.stderr.write(`\nSync failed: ${message}\n`);
  process.exit(code);
}

async function main() {
  const args = process.argv.slice(2);
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const syncEnv = syncEnvSchema.safeParse(process.env);
  if (!syncEnv.success)
    fail(`invalid sync settings: ${syncEnv.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  const settings = syncSettingsFromEnv(syncEnv.data);
  const missing = (['OPENAI_API_KEY', 'WOO_BASE_URL', 'WOO_CONSUMER_KEY', 'WOO_CONSUMER_SECRET'] as const).filter(
    (name) => !config[name],
  );
  if (missing.length) fail(`set ${missing.join(', ')} first.`);

  const worker = args[0] === 'worker';
  const logger = pino({ level: worker ? config.LOG_LEVEL : 'warn' });
  const store = createStore({ redisUrl: config.REDIS_URL, dataDir: config.AISLE_DATA_DIR });
  const woo = createWooClient({
    baseUrl: config.WOO_BASE_URL!,
    consumerKey: config.WOO_CONSUMER_KEY!,
    consumerSecret: config.WOO_CONSUMER_SECRET!,
    timeoutMs: config.WOO_TIMEOUT_MS,
    idleTimeoutMs: config.WOO_IDLE_TIMEOUT_MS,
    logger,
  });
  const openai = new OpenAI({
    apiKey: config.OPENAI_API_KEY!,
    ...(config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {}),
    timeout: config.OPENAI_TIMEOUT_MS,
    maxRetries: 2,
  });

  const bar = new SingleBar(
    { format: ' {phase} |{bar}| {value}/{total} {unit}', hideCursor: true, clearOnComplete: false },
    Presets.shades_classic,
  );
  let barPhase: string | null = null;
  const onProgress = (p: SyncProgress) => {
    if (worker) return;
    if (p.phase === 'reading') {
      if (barPhase !== 'reading') {
        barPhase = 'reading';
        bar.start(p.pages_total ?? 1, 0, { phase: 'Reading WooCommerce', unit: 'pages' });
      }
      bar.setTotal(Math.max(p.pages_total ?? p.pages_read + 1, p.pages_read));
      bar.update(p.pages_read);
    } else if (p.phase === 'uploading' && p.shards_to_upload !== null) {
      if (barPhase !== 'uploading') {
        if (barPhase) bar.stop();
        barPhase = 'uploading';
        bar.start(p.shards_to_upload, 0, { phase: 'Uploading shards  ', unit: 'shards' });
      }
      bar.update(p.shards_uploaded);
    }
  };
  const service = createSyncServiceFromDeps({
    store,
    openai,
    woo,
    logger,
    config: { ...settings, currency: undefined },
    ...(config.OPENAI_VECTOR_STORE_ID ? { vectorStoreId: config.OPENAI_VECTOR_STORE_ID } : {}),
    onProgress,
  });

  if (worker) {
    if (!config.REDIS_URL) fail('the sync worker needs REDIS_URL (without Redis the proxy runs syncs itself).');
    const running = startSyncWorker({ redisUrl: config.REDIS_URL!, service });
    logger.info('sync worker waiting for jobs');
    const stop = async () => {
      await running.close();
      await woo.close();
      await store.close();
      process.exit(0);
    };
    process.on('SIGTERM', () => void stop());
    process.on('SIGINT', () => void stop());
    return;
  }

  try {
    const result = await service.start({ mode: args.includes('--incremental') ? 'incremental' : 'full', trigger: 'cli' });
    if (barPhase) bar.stop();
    process.stdout.write(
      `\n${result.message}: ${result.products_count} products, ${result.shards_uploaded} shard(s) uploaded, ${result.shards_kept} kept, ` +
        `${result.shards_removed} removed, in ${(result.duration_ms / 1000).toFixed(1)} s.\nHash ${result.hash}\nVector store ${result.vector_store_id}\n`,
    );
  } catch (error) {
    if (barPhase) bar.stop();
    await woo.close();
    await store.close();
    if (isSyncError(error)) fail(`${error.message} The previous catalog is still live.`, error.code === 'sync_busy' ? 2 : 1);
    fail(error instanceof Error ? error.message : String(error));
  }
  await woo.close();
  await store.close();
}

void main();

/**
 * Streaming uploads: a full sync uploads each changed shard as soon as its ID range is read, keeps
 * reading only while few shards wait for upload, stores shard items under hash-addressed keys, and
 * still leaves the old catalog (files, hash and shard items) untouched when it fails half-way.
 */
import { startHarness, call, type Harness } from './harness';
import { startEngineHarness, type EngineHarness, type EngineWoo } from './engine-harness';
import { readSyncedCatalog, SYNC_KEYS, isSyncError } from '../../proxy/src/sync';
import { shardItemsKey, legacyShardItemsKey, unreferencedShardKeys, type SyncState } from '../../proxy/src/sync/state';
import type { VariationLike } from '../../proxy/src/catalog/types';
import type { KeyValueStore } from '../../proxy/src/store/types';
import type { RawWooProduct } from '../fakes/woo';

let h: Harness | undefined;
let e: EngineHarness | undefined;
afterEach(async () => {
  await h?.close();
  await e?.close();
  h = undefined;
  e = undefined;
});

const isSearchableRaw = (p: RawWooProduct) => p.status === 'publish' && ['visible', 'search'].includes(p.catalog_visibility);

/** Every shard item key and its value: what incremental runs and the offline catalog read. */
async function shardItems(store: KeyValueStore): Promise<Record<string, string | null>> {
  const keys = (await store.keys(SYNC_KEYS.shardPrefix)).sort();
  return Object.fromEntries(await Promise.all(keys.map(async (k) => [k, await store.get(k)] as const)));
}

async function readState(store: KeyValueStore): Promise<SyncState> {
  return JSON.parse((await store.get(SYNC_KEYS.state))!) as SyncState;
}

async function waitFor(check: () => boolean, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Resolves once `value()` has not changed for `quietMs`. */
async function waitUntilStable(value: () => number, quietMs: number): Promise<number> {
  let last = value();
  let since = Date.now();
  for (;;) {
    await new Promise((r) => setTimeout(r, 25));
    if (value() !== last) {
      last = value();
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return last;
  }
}

describe('reading is held back by uploads, so memory does not grow with the catalog', () => {
  const settings = { pageConcurrency: 2, uploadConcurrency: 2, shardSize: 100, perPage: 20 };

  /** A full sync whose uploads block until released: how far does reading get? */
  async function readWhileUploadsBlock(products: number) {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let pagesRequested = 0;
    let uploadsStarted = 0;
    e = await startEngineHarness({
      products,
      settings,
      wrapWoo: (client): EngineWoo => ({
        listProducts: (params) => {
          pagesRequested++;
          return client.listProducts(params);
        },
        listVariations: (id) => client.listVariations(id),
        listVariationsOfProducts: (ids) => client.listVariationsOfProducts(ids),
        getProductsByIds: (ids) => client.getProductsByIds(ids),
      }),
      wrapVectorStore: (ops) => ({
        ...ops,
        uploadShard: async (input) => {
          uploadsStarted++;
          await gate;
          return ops.uploadShard(input);
        },
      }),
    });
    const running = e.run('full');
    await waitFor(() => uploadsStarted >= settings.uploadConcurrency, 'the first uploads');
    const stalledAtPage = await waitUntilStable(() => pagesRequested, 750);
    const uploadsWhileStalled = uploadsStarted;
    release();
    const result = await running;
    const totalPages = Math.ceil(products / settings.perPage);
    const searchable = e.catalog.products.filter(isSearchableRaw).length;
    await e.close();
    e = undefined;
    return { stalledAtPage, uploadsWhileStalled, totalPages, result, searchable };
  }

  test('uploads start while reading, reading stalls at the same point for a 3x larger catalog, then the sync completes', async () => {
    const small = await readWhileUploadsBlock(1000);
    const large = await readWhileUploadsBlock(3000);
    for (const run of [small, large]) {
      // Uploads began before the catalog was read, and never more at once than the upload concurrency.
      expect(run.uploadsWhileStalled).toBe(settings.uploadConcurrency);
      expect(run.stalledAtPage).toBeLessThan(run.totalPages / 2);
      expect(run.result).toMatchObject({ status: 'success', products_count: run.searchable });
      expect(run.result.shards_uploaded).toBe(run.result.shards_total);
    }
    // Held-back reading depends on the concurrency settings, not on the catalog size.
    expect(Math.abs(large.stalledAtPage - small.stalledAtPage)).toBeLessThanOrEqual(2 * settings.pageConcurrency);
    expect(large.totalPages).toBe(3 * small.totalPages);
  });
});

describe('a failure half-way through streaming uploads leaves the old catalog whole', () => {
  test('WooCommerce fails on page 5 after shards were uploaded: new files deleted, old files, hash and shard items kept', async () => {
    // One page at a time, with latency, so the shards of pages 1-4 are surely uploaded before page 5 fails.
    h = await startHarness({ products: 600, latencyMs: 15, settings: { pageConcurrency: 1, uploadConcurrency: 2 } });
    const first = await call(h, 'POST', '/api/sync');
    expect(first.status).toBe(200);
    const before = {
      files: h.liveFiles(),
      state: await h.store.get(SYNC_KEYS.state),
      items: await shardItems(h.store),
      catalog: await readSyncedCatalog(h.store),
    };
    expect(Object.keys(before.items)).toHaveLength(first.body.shards_total);
    // Every product renamed: every shard changes.
    h.woo.setProducts(
      h.catalog.products.map((p) => ({ ...p, name: `${p.name} v2` })),
      h.catalog.variations,
    );
    h.woo.failNext({ type: 'status', status: 500, times: 2, match: { path: '/products', page: 5 } });
    const uploadsBefore = h.uploads();

    const failed = await call(h, 'POST', '/api/sync');
    expect(failed.status).toBe(502);
    expect(failed.body.error.code).toBe('woocommerce_error');
    expect(h.uploads() - uploadsBefore).toBeGreaterThan(0);
    expect(h.liveFiles()).toEqual(before.files);
    expect([...h.openai.state.files.keys()].sort()).toEqual(before.files);
    expect(await h.store.get(SYNC_KEYS.state)).toBe(before.state);
    expect(await shardItems(h.store)).toEqual(before.items);
    expect(await readSyncedCatalog(h.store)).toEqual(before.catalog);
    expect(JSON.parse((await h.store.get(SYNC_KEYS.pendingFiles)) ?? '[]')).toEqual([]);

    // The next run replaces everything and leaves exactly one file and one items key per shard.
    h.woo.clearFaults();
    const next = await call(h, 'POST', '/api/sync');
    expect(next.status).toBe(200);
    expect(next.body.shards_uploaded).toBe(next.body.shards_total);
    expect(h.liveFiles()).toHaveLength(next.body.shards_total);
    expect(h.openai.state.files.size).toBe(next.body.shards_total);
    const state = await readState(h.store);
    expect(Object.keys(await shardItems(h.store)).sort()).toEqual(
      Object.entries(state.shards)
        .map(([key, s]) => shardItemsKey(key, s.hash))
        .sort(),
    );
    expect((await readSyncedCatalog(h.store)).every((p) => p.name.endsWith(' v2'))).toBe(true);
  });

  test('OpenAI fails on the third upload of a first sync: nothing is left behind', async () => {
    let uploadsDone = 0;
    let openai: EngineHarness['openai'] | null = null;
    e = await startEngineHarness({
      products: 400,
      settings: { uploadConcurrency: 1 },
      wrapVectorStore: (ops) => ({
        ...ops,
        uploadShard: async (input) => {
          const id = await ops.uploadShard(input);
          // After two uploads, the next file upload fails (past the SDK's retries: maxRetries is 0).
          if (++uploadsDone === 2) openai?.failNext('files.create', { status: 500 }, 5);
          return id;
        },
      }),
    });
    openai = e.openai;
    const error: unknown = await e.run('full').catch((err: unknown) => err);
    expect(isSyncError(error) && error.code).toBe('openai_error');
    expect(uploadsDone).toBe(2);
    expect(e.openai.state.files.size).toBe(0);
    expect([...e.openai.state.vectorStores.values()].every((vs) => vs.files.size === 0)).toBe(true);
    expect(await e.store.get(SYNC_KEYS.state)).toBeNull();
    expect(await shardItems(e.store)).toEqual({});
    expect(JSON.parse((await e.store.get(SYNC_KEYS.pendingFiles)) ?? '[]')).toEqual([]);
  });
});

describe('shard items are hash-addressed', () => {
  test('a store in the legacy format (sync:shard:<range>) keeps syncing incrementally and is migrated shard by shard', async () => {
    h = await startHarness({ products: 120 });
    await call(h, 'POST', '/api/sync');
    const state = await readState(h.store);
    // What an older version left: items under the bare range key.
    for (const [key, shard] of Object.entries(state.shards)) {
      const value = await h.store.get(shardItemsKey(key, shard.hash));
      await h.store.set(legacyShardItemsKey(key), value!);
      await h.store.del(shardItemsKey(key, shard.hash));
    }
    const legacyCatalog = await readSyncedCatalog(h.store);
    expect(legacyCatalog).toHaveLength(state.productsCount);

    const target = h.catalog.products.find((p) => isSearchableRaw(p) && p.type === 'simple')!;
    const products = h.catalog.products.map((p) =>
      p.id === target.id ? { ...p, name: 'Renamed', date_modified_gmt: new Date().toISOString().slice(0, 19) } : p,
    );
    h.woo.setProducts(products, h.catalog.variations);
    const inc = await call(h, 'POST', '/api/sync?mode=incremental');
    expect(inc.status).toBe(200);
    expect(inc.body).toMatchObject({ status: 'success', mode: 'incremental', shards_uploaded: 1 });

    const after = await readState(h.store);
    const changed = Object.keys(after.shards).filter((key) => after.shards[key]!.hash !== state.shards[key]!.hash);
    expect(changed).toHaveLength(1);
    const keys = Object.keys(await shardItems(h.store)).sort();
    const expected = Object.keys(after.shards).map((key) =>
      changed.includes(key) ? shardItemsKey(key, after.shards[key]!.hash) : legacyShardItemsKey(key),
    );
    expect(keys).toEqual(expected.sort());
    const synced = await readSyncedCatalog(h.store);
    expect(synced).toHaveLength(after.productsCount);
    expect(synced.find((p) => p.id === target.id)?.name).toBe('Renamed');
  });

  test('items a crashed run wrote are removed by the next run; the committed ones stay', async () => {
    h = await startHarness({ products: 60 });
    await call(h, 'POST', '/api/sync');
    const committed = await shardItems(h.store);
    const [someKey] = Object.keys((await readState(h.store)).shards);
    const stray = shardItemsKey(someKey!, 'f'.repeat(64));
    await h.store.set(stray, JSON.stringify({ hash: 'f'.repeat(64), items: [] }));
    const again = await call(h, 'POST', '/api/sync');
    expect(again.body.status).toBe('skipped');
    expect(await shardItems(h.store)).toEqual(committed);
  });

  test('which keys a committed state does not refer to', () => {
    const p = SYNC_KEYS.shardPrefix;
    const shards = { '0-49': { hash: 'aaa' }, '50-99': { hash: 'bbb' }, '100-149': { hash: 'ccc' } };
    const keys = [
      `${p}0-49:aaa`, // committed
      `${p}0-49:old`, // superseded
      `${p}0-49`, // legacy, superseded by the hash-addressed copy
      `${p}50-99`, // legacy, the only copy of a committed shard
      `${p}100-149:new`, // written by a failed run
      `${p}150-199:zzz`, // a range no longer committed
      `${p}150-199`,
    ];
    expect(unreferencedShardKeys(keys, shards).sort()).toEqual(
      [`${p}0-49:old`, `${p}0-49`, `${p}100-149:new`, `${p}150-199:zzz`, `${p}150-199`].sort(),
    );
  });
});

describe('rememberVariations hands the fetched variations to the product card cache', () => {
  test('called for every variable product in a full sync and for an edited one in an incremental sync', async () => {
    const remembered = new Map<number, VariationLike[]>();
    const calls: number[] = [];
    e = await startEngineHarness({
      products: 120,
      cache: {
        invalidate: async () => undefined,
        rememberVariations: async (productId, variations) => {
          calls.push(productId);
          remembered.set(productId, variations);
        },
      },
    });
    await e.run('full');
    const variable = e.catalog.products.filter((p) => isSearchableRaw(p) && p.type === 'variable');
    expect(variable.length).toBeGreaterThan(3);
    expect([...remembered.keys()].sort((a, b) => a - b)).toEqual(variable.map((p) => p.id).sort((a, b) => a - b));
    for (const p of variable) {
      const summary = (list: Array<Pick<VariationLike, 'id' | 'price' | 'stock_status'>>) =>
        list.map((v) => [v.id, v.price, v.stock_status]).sort((a, b) => Number(a[0]) - Number(b[0]));
      expect(summary(remembered.get(p.id)!)).toEqual(summary(e.catalog.variations[p.id] ?? []));
    }

    const target = variable[1]!;
    calls.length = 0;
    e.woo.setProducts(
      e.catalog.products.map((p) =>
        p.id === target.id ? { ...p, name: `${p.name} edited`, date_modified_gmt: new Date().toISOString().slice(0, 19) } : p,
      ),
      e.catalog.variations,
    );
    const inc = await e.run('incremental');
    expect(inc.mode).toBe('incremental');
    expect(calls).toContain(target.id);
  });

  test('a cache that fails is logged at warn and does not fail the sync', async () => {
    e = await startEngineHarness({
      products: 60,
      cache: {
        invalidate: async () => undefined,
        rememberVariations: async () => {
          throw new Error('cache is down');
        },
      },
    });
    const result = await e.run('full');
    expect(result.status).toBe('success');
    expect(e.warnings.some((w) => w.err?.message === 'cache is down')).toBe(true);
  });
});

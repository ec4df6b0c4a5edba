/**
 * The catalog heals itself: a vector store (or a file of it) that is gone at OpenAI is noticed by the
 * next sync, which uploads what is missing instead of answering "skipped" or failing forever.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import pino from 'pino';
import { createEmbeddedStore } from '../../proxy/src/store/embedded';
import { createSyncServiceFromDeps, DEFAULT_SYNC_SETTINGS, SYNC_KEYS, VECTOR_STORE_KEY, isSyncError } from '../../proxy/src/sync';
import { startHarness, call, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const sdk = (harness: Harness) => new OpenAI({ apiKey: 'sk-test', baseURL: harness.openai.baseURL, maxRetries: 0 });

test('before the first sync the catalog is not synced', async () => {
  h = await startHarness({ products: 40 });
  expect(await h.router.service.health()).toEqual({
    state: 'not_synced',
    products: null,
    last_sync_at: null,
    last_change_at: null,
  });
});

test('the vector store was deleted at OpenAI: health says missing, the next sync makes a new one with everything', async () => {
  h = await startHarness({ products: 120 });
  const first = await call(h, 'POST', '/api/sync');
  expect(first.status).toBe(200);
  expect(await h.router.service.health()).toMatchObject({ state: 'ok', products: first.body.products_count });
  const oldFiles = h.liveFiles();

  // Like the real API, a deleted store answers 404 "No vector store found".
  await sdk(h).vectorStores.delete(first.body.vector_store_id);
  const gone = await sdk(h)
    .vectorStores.retrieve(first.body.vector_store_id)
    .catch((e: unknown) => e);
  expect(gone).toBeInstanceOf(OpenAI.NotFoundError);
  expect((gone as Error).message).toMatch(/No vector store found/);
  expect((await h.router.service.health()).state).toBe('missing');

  const healed = await call(h, 'POST', '/api/sync?mode=incremental');
  expect(healed.status).toBe(200);
  expect(healed.body).toMatchObject({ status: 'success', mode: 'full', shards_uploaded: first.body.shards_total });
  expect(healed.body.vector_store_id).not.toBe(first.body.vector_store_id);
  expect(healed.body.hash).toBe(first.body.hash);
  // Chat reads the remembered id; it now names the new store, which holds every shard.
  expect(await h.store.get(VECTOR_STORE_KEY)).toBe(healed.body.vector_store_id);
  expect(h.liveFiles()).toHaveLength(first.body.shards_total);
  // The old store's files are deleted from the Files API too.
  for (const id of oldFiles) expect(h.openai.state.files.has(id)).toBe(false);
  expect(await h.router.service.health()).toMatchObject({ state: 'ok', products: first.body.products_count });
  expect((await call(h, 'POST', '/api/sync')).body.status).toBe('skipped');
});

test('one catalog file was removed from the store: that shard is uploaded again, never "skipped"', async () => {
  h = await startHarness({ products: 120 });
  const first = await call(h, 'POST', '/api/sync');
  const [lost] = h.liveFiles();
  await sdk(h).vectorStores.files.delete(lost!, { vector_store_id: first.body.vector_store_id });
  expect((await h.router.service.health()).state).toBe('missing');

  const uploadsBefore = h.uploads();
  const healed = await call(h, 'POST', '/api/sync?mode=incremental');
  expect(healed.body).toMatchObject({ status: 'success', shards_uploaded: 1, hash: first.body.hash });
  expect(healed.body.vector_store_id).toBe(first.body.vector_store_id);
  expect(h.uploads() - uploadsBefore).toBe(1);
  expect(h.liveFiles()).toHaveLength(first.body.shards_total);
  expect((await h.router.service.health()).state).toBe('ok');
  expect((await call(h, 'POST', '/api/sync')).body.status).toBe('skipped');
});

test('a vector store set for this store that is gone: a clear error, no other store created', async () => {
  h = await startHarness({ products: 40, vectorStoreId: 'vs_doesnotexist' });
  const res = await call(h, 'POST', '/api/sync');
  expect(res.status).toBe(502);
  expect(res.body.error.code).toBe('vector_store_missing');
  expect(res.body.message).toContain('vs_doesnotexist');
  expect(h.openai.state.vectorStores.size).toBe(0);
  expect(await h.store.get(SYNC_KEYS.state)).toBeNull();
});

test('the vector store is per service: one set for a shop is used by that shop only', async () => {
  h = await startHarness({ products: 40 });
  const set = await sdk(h).vectorStores.create({ name: 'set for shop A' });
  const dirs = [mkdtempSync(path.join(os.tmpdir(), 'aisle-a-')), mkdtempSync(path.join(os.tmpdir(), 'aisle-b-'))];
  const stores = dirs.map((dataDir) => createEmbeddedStore({ dataDir }));
  const service = (i: number, vectorStoreId?: string) =>
    createSyncServiceFromDeps({
      store: stores[i]!,
      openai: sdk(h!),
      woo: h!.client,
      logger: pino({ level: 'silent' }),
      config: { ...DEFAULT_SYNC_SETTINGS, shardSize: 50 },
      ...(vectorStoreId ? { vectorStoreId } : {}),
    });
  try {
    const a = await service(0, set.id).start();
    const b = await service(1).start();
    expect(a.vector_store_id).toBe(set.id);
    expect(b.vector_store_id).not.toBe(set.id);
    // Only the shop without a set store remembers the one its sync created.
    expect(await stores[0]!.get(VECTOR_STORE_KEY)).toBeNull();
    expect(await stores[1]!.get(VECTOR_STORE_KEY)).toBe(b.vector_store_id);
    expect(h.openai.state.vectorStores.get(set.id)?.files.size).toBe(a.shards_total);
  } finally {
    for (const store of stores) await store.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
});

describe('notifyChanges', () => {
  test('marks the products, and one debounced incremental sync follows a burst of notices', async () => {
    h = await startHarness({ products: 120, settings: { debounceMs: 50 } });
    const first = await call(h, 'POST', '/api/sync');
    const searchable = h.catalog.products.filter((p) => p.status === 'publish' && p.catalog_visibility === 'visible');
    const [a, b] = searchable;
    h.woo.setProducts(
      h.catalog.products.map((p) => (p.id === a!.id ? { ...p, name: `${p.name} (renamed)` } : p)).filter((p) => p.id !== b!.id),
      h.catalog.variations,
    );
    const service = h.router.service;
    expect(await service.notifyChanges({ productIds: [a!.id] })).toEqual({ queued: true, product_ids: [a!.id], deleted_ids: [] });
    await service.notifyChanges({ productIds: [a!.id], deletedIds: [b!.id] });
    expect(await h.store.get(`${SYNC_KEYS.dirtyPrefix}${b!.id}`)).toMatch(/^deleted:/);
    await new Promise((r) => setTimeout(r, 120));
    await service.debouncer.idle();
    const status = await service.status();
    expect(status.last_result).toMatchObject({
      mode: 'incremental',
      status: 'success',
      products_count: first.body.products_count - 1,
    });
    expect(status.progress?.trigger).toBe('changes');
    expect(await h.store.keys(SYNC_KEYS.dirtyPrefix)).toEqual([]);
    expect((await service.health()).last_change_at).toEqual(expect.any(String));
  });

  test('nothing to do for empty lists; bad ids are refused with a clear error', async () => {
    h = await startHarness({ products: 10 });
    const service = h.router.service;
    expect(await service.notifyChanges({ productIds: [], deletedIds: [] })).toEqual({
      queued: false,
      product_ids: [],
      deleted_ids: [],
    });
    expect(service.debouncer.pending()).toBe(false);
    const error = await service.notifyChanges({ productIds: [12, -3] }).catch((e: unknown) => e);
    expect(isSyncError(error) && [error.code, error.status]).toEqual(['invalid_changes', 400]);
    expect(await h.store.keys(SYNC_KEYS.dirtyPrefix)).toEqual([]);
  });
});

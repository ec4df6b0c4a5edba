import { startHarness, call, type Harness } from './harness';
import { readSyncedCatalog, SYNC_KEYS, VECTOR_STORE_KEY } from '../../proxy/src/sync';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

test('first sync uploads every shard, creates and persists the vector store; the second sync is skipped with no upload', async () => {
  h = await startHarness({ products: 60 });
  const first = await call(h, 'GET', '/api/sync');
  expect(first.status).toBe(200);
  expect(first.body).toMatchObject({ status: 'success', message: 'Catalog synced successfully', skipped: false, mode: 'full' });
  expect(first.body.hash).toMatch(/^[0-9a-f]{64}$/);
  expect(first.body.vector_store_id).toMatch(/^vs_/);
  const searchable = h.catalog.products.filter(
    (p) => p.status === 'publish' && (p.catalog_visibility === 'visible' || p.catalog_visibility === 'search'),
  );
  expect(first.body.products_count).toBe(searchable.length);
  expect(first.body.shards_uploaded).toBe(first.body.shards_total);
  expect(first.body.shards_uploaded).toBeGreaterThan(1);
  expect(await h.store.get(VECTOR_STORE_KEY)).toBe(first.body.vector_store_id);
  expect(h.liveFiles()).toHaveLength(first.body.shards_total);

  const uploadsBefore = h.uploads();
  const second = await call(h, 'POST', '/api/sync');
  expect(second.status).toBe(200);
  expect(second.body).toMatchObject({
    status: 'skipped',
    message: 'Catalog unchanged since last sync',
    skipped: true,
    hash: first.body.hash,
    shards_uploaded: 0,
  });
  expect(h.uploads()).toBe(uploadsBefore);

  const synced = await readSyncedCatalog(h.store);
  expect(synced.map((p) => p.id).sort((a, b) => a - b)).toEqual(searchable.map((p) => p.id).sort((a, b) => a - b));
  expect(await h.store.get(SYNC_KEYS.lock)).toBeNull();
});

test('the uploaded document has one complete entry per product with the fields the assistant needs', async () => {
  h = await startHarness({ products: 40 });
  const res = await call(h, 'POST', '/api/sync');
  expect(res.status).toBe(200);
  const files = [...h.openai.state.files.values()].map((f) => f.content.toString('utf8'));
  const all = files.join('\n');
  const variable = h.catalog.products.find(
    (p) => p.type === 'variable' && p.status === 'publish' && p.catalog_visibility === 'visible',
  );
  expect(variable).toBeDefined();
  const entry = all.split('\n\n---\n\n').find((e) => e.includes(`System_ID: ${variable!.id}\n`));
  expect(entry).toBeDefined();
  expect(entry).toContain(`## ${variable!.name}`);
  expect(entry).toContain(variable!.permalink);
  for (const v of h.catalog.variations[variable!.id] ?? []) expect(entry).toContain(v.regular_price);
  expect(entry).not.toMatch(/<p>|&nbsp;|&#/);
  const draft = h.catalog.products.find((p) => p.status === 'draft');
  if (draft) expect(all).not.toContain(`System_ID: ${draft.id}\n`);
  const hidden = h.catalog.products.find((p) => p.catalog_visibility === 'hidden' && p.status === 'publish');
  if (hidden) expect(all).not.toContain(`System_ID: ${hidden.id}\n`);
  expect(draft ?? hidden).toBeDefined();
  // Attached with the static chunking strategy the entry budget relies on.
  const attach = h.openai.requests.find((r) => r.method === 'POST' && /\/vector_stores\/[^/]+\/files$/.test(r.path));
  expect((attach?.body as { chunking_strategy?: unknown }).chunking_strategy).toEqual({
    type: 'static',
    static: { max_chunk_size_tokens: 1000, chunk_overlap_tokens: 500 },
  });
});

import { streamChat } from '../helpers/proxy';
import { responsesRequests, startChatWorld, type ChatWorld } from './setup';

const SYNC_SECRET = 'cron-secret-0123456789';
let world: ChatWorld;
beforeAll(async () => {
  world = await startChatWorld({ env: { AISLE_SYNC_SECRET: SYNC_SECRET } });
});
afterAll(async () => world?.close());

const sync = (auth?: string) => fetch(`${world.proxy.url}/api/sync`, { headers: auth ? { authorization: auth } : {} });

test('GET /api/sync keeps the original contract, and chat then searches the synced vector store', async () => {
  expect((await sync()).status).toBe(401);
  expect((await sync('Bearer wrong-secret-0000000')).status).toBe(401);

  const first = await sync(`Bearer ${SYNC_SECRET}`);
  expect(first.status).toBe(200);
  const body = (await first.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ status: 'success', message: 'Catalog synced successfully', skipped: false });
  expect(body.hash).toMatch(/^[0-9a-f]{16,}/);
  expect(body.vector_store_id).toMatch(/^vs_/);
  expect(body.products_count).toBeGreaterThan(0);

  const uploadsBefore = world.openai.requests.filter((r) => r.path === '/v1/files').length;
  const second = await sync(`Bearer ${SYNC_SECRET}`);
  expect(await second.json()).toMatchObject({
    status: 'skipped',
    message: 'Catalog unchanged since last sync',
    skipped: true,
    hash: body.hash,
    shards_uploaded: 0,
  });
  expect(world.openai.requests.filter((r) => r.path === '/v1/files').length).toBe(uploadsBefore);

  const { events } = await streamChat(world.proxy.url, { message: 'מזון לכלבים', thread_id: null });
  expect(events.some((e) => e.type === 'status' && e.status === 'searching_catalog')).toBe(true);
  const tools = (responsesRequests(world.openai).at(-2)!.body as { tools: Array<{ type: string; vector_store_ids?: string[] }> })
    .tools;
  expect(tools.find((t) => t.type === 'file_search')?.vector_store_ids).toEqual([body.vector_store_id]);
});

/** A store has the order_status tool only with WooCommerce keys, and only while its owner allows it. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createRuntimeFactory } from '../../proxy/src/app/runtime';
import { loadConfig } from '../../proxy/src/config/load';
import { createEmbeddedStore } from '../../proxy/src/store/embedded';
import type { TenantRepository } from '../../proxy/src/tenants/repository';
import type { TenantSettings } from '../../proxy/src/tenants/types';
import { fakeOpenAIKey } from '../helpers/keys';

let dataDir = '';
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'aisle-orders-runtime-'));
});
afterAll(async () => rm(dataDir, { recursive: true, force: true }));

const woo = {
  storeUrl: 'https://shop.example',
  wooConsumerKey: 'ck_runtime0123456789abcdef0123456789abcdef',
  wooConsumerSecret: 'cs_runtime0123456789abcdef0123456789abcdef',
};

/** Tool names of a store pushed with `settings`. */
async function toolsFor(settings: TenantSettings): Promise<string[]> {
  const config = loadConfig({ OPENAI_API_KEY: fakeOpenAIKey('runtime'), AISLE_DATA_DIR: dataDir, AISLE_DEMO: 'off' });
  const tenants = {
    resolve: async (site: string) => ({ site, settings, overriddenByEnv: [], stored: { site, updatedAt: '', ...settings } }),
  } as unknown as TenantRepository;
  const runtimes = createRuntimeFactory({
    config,
    store: createEmbeddedStore({ dataDir }),
    logger: pino({ level: 'silent' }),
    tenants,
    multiStore: true,
    demo: null,
  });
  const runtime = await runtimes.forTenant('shop.example');
  return (runtime.tools ?? []).map((t) => t.definition.name);
}

test('with WooCommerce keys the store has order_status after show_products', async () => {
  expect(await toolsFor({ ...woo, openaiApiKey: fakeOpenAIKey('a') })).toEqual([
    'show_products',
    'search_products',
    'compare_products',
    'order_status',
  ]);
  expect(await toolsFor({ ...woo, controls: { orderLookup: true } })).toEqual([
    'show_products',
    'search_products',
    'compare_products',
    'order_status',
  ]);
});

test("without WooCommerce keys, or with the owner's switch off, it has not", async () => {
  expect(await toolsFor({ storeUrl: 'https://shop.example' })).toEqual(['show_products', 'search_products', 'compare_products']);
  expect(await toolsFor({ ...woo, controls: { orderLookup: false } })).toEqual([
    'show_products',
    'search_products',
    'compare_products',
  ]);
});

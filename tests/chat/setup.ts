import { startFakeOpenAI } from '../fakes/openai';
import type { FakeOpenAI, StartFakeOpenAIOptions } from '../fakes/openai/types';
import { buildCatalog, type Catalog } from '../fakes/woo/catalog';
import { startFakeWoo, type FakeWoo } from '../fakes/woo';
import { startProxy, type RunningProxy } from '../helpers/proxy';
import { fakeOpenAIKey } from '../helpers/keys';

export const TEST_OPENAI_KEY = fakeOpenAIKey('aisle');
export const TEST_WOO_KEY = 'ck_test_0123456789abcdef0123456789abcdef01234567';
export const TEST_WOO_SECRET = 'cs_test_0123456789abcdef0123456789abcdef01234567';

export interface ChatWorld {
  openai: FakeOpenAI;
  woo: FakeWoo;
  catalog: Catalog;
  proxy: RunningProxy;
  /** Published, visible IDs for "dog food" style requests. */
  visibleIds: number[];
  /** A draft, a private and a hidden product. */
  forbiddenIds: number[];
  close(): Promise<void>;
}

/** Fake OpenAI + fake WooCommerce (plain HTTP, so OAuth 1.0a) + the real proxy on top. */
export async function startChatWorld(
  options: { env?: Record<string, string>; openai?: StartFakeOpenAIOptions; products?: number } = {},
): Promise<ChatWorld> {
  const woo = await startFakeWoo({ consumerKey: TEST_WOO_KEY, consumerSecret: TEST_WOO_SECRET });
  const catalog = buildCatalog(options.products ?? 60, { baseUrl: woo.url });
  woo.setProducts(catalog.products, catalog.variations);
  const published = catalog.products.filter((p) => p.status === 'publish' && p.catalog_visibility !== 'hidden');
  const visibleIds = [
    published.find((p) => p.type === 'simple' && p.stock_status === 'instock')!.id,
    published.find((p) => p.type === 'variable')!.id,
  ];
  const forbiddenIds = [
    catalog.products.find((p) => p.status === 'draft')!.id,
    catalog.products.find((p) => p.status === 'private')!.id,
    catalog.products.find((p) => p.status === 'publish' && p.catalog_visibility === 'hidden')!.id,
  ];
  const openai = await startFakeOpenAI({
    apiKey: TEST_OPENAI_KEY,
    productIdsFor: (text) => (/מזון|כלב|dog|food/i.test(text) ? visibleIds : []),
    ...options.openai,
  });
  const proxy = await startProxy({
    OPENAI_API_KEY: TEST_OPENAI_KEY,
    OPENAI_BASE_URL: openai.baseURL,
    WOO_BASE_URL: woo.url,
    WOO_CONSUMER_KEY: TEST_WOO_KEY,
    WOO_CONSUMER_SECRET: TEST_WOO_SECRET,
    ...options.env,
  });
  return {
    openai,
    woo,
    catalog,
    proxy,
    visibleIds,
    forbiddenIds,
    async close() {
      await proxy.close();
      await openai.close();
      await woo.close();
    },
  };
}

export const responsesRequests = (openai: FakeOpenAI) =>
  openai.requests.filter((r) => r.method === 'POST' && r.path === '/v1/responses');

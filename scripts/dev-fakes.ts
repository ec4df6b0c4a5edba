/**
 * Runs the real proxy on the fake OpenAI and the fake WooCommerce from tests/fakes,
 * so the original setup guide's checklist can be run by hand (docs/checklist.md):
 *   npm run dev:fakes            # proxy on http://localhost:8000
 *   PORT=8010 npm run dev:fakes
 */
import { composeAisle, listen } from '../proxy/src/app/compose';
import { loadConfig } from '../proxy/src/config/load';
import { startFakeOpenAI } from '../tests/fakes/openai';
import { startFakeWoo } from '../tests/fakes/woo';
import { buildCatalog } from '../tests/fakes/woo/catalog';
import { fakeOpenAIKey } from '../tests/helpers/keys';

const KEY = fakeOpenAIKey('fake-local-checklist');
const WOO_KEY = 'ck_fake_local_checklist';
const WOO_SECRET = 'cs_fake_local_checklist';

export async function startFakeStack(port: number) {
  const woo = await startFakeWoo({ consumerKey: WOO_KEY, consumerSecret: WOO_SECRET });
  const catalog = buildCatalog(60, { baseUrl: woo.url });
  woo.setProducts(catalog.products, catalog.variations);
  const dogFood = catalog.products
    .filter(
      (p) => p.status === 'publish' && p.catalog_visibility !== 'hidden' && p.categories.some((c) => c.slug.includes('dog')),
    )
    .slice(0, 3)
    .map((p) => p.id);
  const openai = await startFakeOpenAI({
    apiKey: KEY,
    tokenDelayMs: 20,
    productIdsFor: (text) => (/מזון|כלב|dog|food/i.test(text) ? dogFood : []),
  });
  const config = loadConfig({
    ...process.env,
    PORT: String(port),
    OPENAI_API_KEY: KEY,
    OPENAI_BASE_URL: openai.baseURL,
    WOO_BASE_URL: woo.url,
    WOO_CONSUMER_KEY: WOO_KEY,
    WOO_CONSUMER_SECRET: WOO_SECRET,
  });
  const aisle = await composeAisle(config);
  const server = await listen(aisle, config.PORT, config.HOST);
  return {
    aisle,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await aisle.close();
      await openai.close();
      await woo.close();
    },
  };
}

if (require.main === module) {
  const port = Number(process.env.PORT ?? 8000);
  startFakeStack(port).then(
    () => console.log(`Aisle proxy on fake OpenAI + fake WooCommerce: http://localhost:${port}`),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}

/**
 * The shared set-up of the widget's accessibility, voice and right-to-left browser tests: the
 * chat world (fake OpenAI + fake WooCommerce + the real proxy), one Chromium, a fresh context
 * per shopper, and the widget on a plain shop page with a Store API cart. Registers its Jest
 * hooks in the calling file; every test fails on an uncaught page error.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { STATIC_DIR } from '../../../proxy/src/app/compose';
import { startChatWorld, type ChatWorld } from '../../chat/setup';
import type { StartFakeOpenAIOptions } from '../../fakes/openai/types';
import { launchBrowser, type LaunchedBrowser } from '../../helpers/browser';
import type { AxeReport } from './axe';
import { contextPerTest } from './contexts';
import { openTestPage, servePlaceholderImages, widgetParts, type TestPageOptions, type WidgetParts } from './page';

export const DOG_FOOD = 'מזון לכלבים';

export interface ShopperOptions extends Omit<TestPageOptions, 'proxyUrl'> {
  viewport?: { width: number; height: number };
  mobile?: boolean;
  reducedMotion?: 'reduce' | 'no-preference';
  /** The browser's locale, e.g. `he-IL`. */
  locale?: string;
  /** Scripts run before the page's own (e.g. a scripted SpeechRecognition). */
  initScripts?: string[];
}

export interface Shop {
  world: ChatWorld;
  browser: LaunchedBrowser;
  /** axe results of this file, printed after its tests. */
  reports: AxeReport[];
  /** A fresh browser context and page (the previous one is closed after each test). */
  newPage(options?: ShopperOptions): Promise<Page>;
  /** The widget on a shop page, its launcher visible. */
  shopperPage(options?: ShopperOptions): Promise<{ page: Page; parts: WidgetParts }>;
}

export function useShop(openai: StartFakeOpenAIOptions = {}): () => Shop {
  let shop: Shop | undefined;
  const reports: AxeReport[] = [];
  const contexts = contextPerTest(() => shop?.world.openai.reset({ keepCatalog: true }));

  beforeAll(async () => {
    for (const file of ['widget.js', 'aisle-panel.js']) {
      if (!existsSync(path.join(STATIC_DIR, file))) throw new Error(`${file} is not built: run npm run build:widget`);
    }
    const [world, browser] = await Promise.all([startChatWorld({ openai }), launchBrowser({ locale: 'he-IL' })]);
    const sync = await fetch(`${world.proxy.url}/api/sync`, { method: 'POST' });
    if (sync.status !== 200) throw new Error(`catalog sync failed: ${sync.status}`);

    const newPage = (options: ShopperOptions = {}): Promise<Page> =>
      contexts.newPage(
        browser.browser,
        {
          viewport: options.viewport ?? { width: 1280, height: 900 },
          locale: options.locale ?? 'he-IL',
          reducedMotion: options.reducedMotion ?? 'no-preference',
          ...(options.mobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
        },
        10_000,
        options.initScripts,
      );

    const shopperPage = async (options: ShopperOptions = {}) => {
      const page = await newPage(options);
      const proxy = world.proxy.url;
      await page.route(
        (url) => url.origin === proxy && url.pathname === '/wp-json/aisle/v1/session',
        (route) =>
          route.fulfill({
            status: 200,
            contentType: 'application/json',
            body: JSON.stringify({ token: 'browser-test', expires_at: '2099-01-01T00:00:00Z', store_api_nonce: 'nonce-1' }),
          }),
      );
      await servePlaceholderImages(page, world.woo.url);
      await openTestPage(page, {
        proxyUrl: proxy,
        ...options,
        attributes: { 'data-rest-root': `${proxy}/wp-json/`, 'data-cart-url': `${proxy}/cart/`, ...options.attributes },
      });
      const parts = widgetParts(page);
      await parts.launcher.waitFor({ state: 'visible' });
      return { page, parts };
    };
    shop = { world, browser, reports, newPage, shopperPage };
  });

  afterAll(async () => {
    await contexts.close();
    await shop?.browser.close();
    await shop?.world.close();
    if (reports.length > 0) {
      // eslint-disable-next-line no-console
      console.log(
        `axe results (WCAG 2.2 AA):\n${reports.map((r) => `  ${r.state}: ${r.violations.length} violations, ${r.passes} rules passed`).join('\n')}`,
      );
    }
  });

  return () => {
    if (!shop) throw new Error('the shop did not start (see beforeAll)');
    return shop;
  };
}

/** Waits for an answer's cards and for Send to be back (the answer has ended); a busy machine may take a while. */
export async function waitForAnswerWithCards(parts: WidgetParts): Promise<void> {
  await parts.cards.nth(1).waitFor({ state: 'visible', timeout: 25_000 });
  await parts.sendButton.waitFor({ state: 'visible' });
}

/**
 * The comparison table in real Chromium: the model (fake OpenAI, scripted) calls
 * compare_products, the proxy reads the fake WooCommerce, the widget draws the table. axe
 * (WCAG 2.2 AA) finds nothing, the columns run right to left in Hebrew and left to right in
 * English, and on a phone the table scrolls inside its own region, not the page. Screenshots:
 * docs/screenshots/widget-comparison-he*.png. Needs the widget built (`npm run build:widget`).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { STATIC_DIR } from '../../../proxy/src/app/compose';
import { startChatWorld, type ChatWorld } from '../../chat/setup';
import { launchBrowser, type LaunchedBrowser } from '../../helpers/browser';
import type { RawWooProduct } from '../../fakes/woo';
import { publishShot } from '../store/screenshots';
import { expectNoViolations, type AxeReport } from './axe';
import { openTestPage, openWidget, sendMessage, servePlaceholderImages, widgetParts } from './page';
import { contextPerTest } from './contexts';

jest.setTimeout(60_000);

let world: ChatWorld;
let browser: LaunchedBrowser;
let compared: RawWooProduct[];
const reports: AxeReport[] = [];

beforeAll(async () => {
  if (!existsSync(path.join(STATIC_DIR, 'widget.js'))) throw new Error('widget.js is not built: run npm run build:widget');
  [world, browser] = await Promise.all([startChatWorld({ products: 40 }), launchBrowser({ locale: 'he-IL' })]);
  const visible = world.catalog.products.filter(
    (p) => p.type === 'simple' && p.status === 'publish' && p.catalog_visibility === 'visible',
  );
  compared = visible.slice(0, 4).map((p, i) => ({
    ...p,
    average_rating: i === 0 ? '4.50' : '0.00',
    rating_count: i === 0 ? 12 : 0,
    attributes: [
      {
        id: 0,
        name: 'חומר',
        slug: '',
        position: 0,
        visible: true,
        variation: false,
        options: i % 2 ? ['כותנה'] : ['ניילון', 'גומי'],
      },
      ...(i === 1 ? [{ id: 0, name: 'צבע', slug: '', position: 1, visible: true, variation: false, options: ['אדום'] }] : []),
    ],
  }));
  const byId = new Map(compared.map((p) => [p.id, p]));
  world.woo.setProducts(
    world.catalog.products.map((p) => byId.get(p.id) ?? p),
    world.catalog.variations,
  );
});

afterAll(async () => {
  await browser?.close();
  await world?.close();
  // eslint-disable-next-line no-console
  console.log(
    `axe (comparison):\n${reports.map((r) => `  ${r.state}: ${r.violations.length} violations, ${r.passes} rules passed`).join('\n')}`,
  );
});

const contexts = contextPerTest(() => world.openai.reset({ keepCatalog: true }));

async function shopper(options: {
  lang: 'he' | 'en';
  viewport?: { width: number; height: number };
  mobile?: boolean;
}): Promise<Page> {
  const page = await contexts.newPage(
    browser.browser,
    {
      viewport: options.viewport ?? { width: 1280, height: 900 },
      locale: options.lang === 'he' ? 'he-IL' : 'en-US',
      ...(options.mobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
    },
    // Generous: the machine may be busy; a real failure still shows as a missing table.
    20_000,
  );
  await servePlaceholderImages(page, world.woo.url);
  await openTestPage(page, { proxyUrl: world.proxy.url, lang: options.lang });
  await widgetParts(page).launcher.waitFor({ state: 'visible' });
  return page;
}

/** Scripts the model to compare `count` products, sends a message, waits for the table and the end of the answer. */
async function compare(page: Page, count: number, message: string) {
  world.openai.enqueue(
    {
      kind: 'function_call',
      name: 'compare_products',
      arguments: JSON.stringify({ product_ids: compared.slice(0, count).map((p) => p.id) }),
    },
    { kind: 'text', text: message.startsWith('compare') ? 'The first one is rated best.' : 'הראשון מדורג הכי גבוה.' },
  );
  const parts = await openWidget(page);
  await sendMessage(parts, message);
  const table = parts.panel.locator('.aisle-comparison table');
  await table.waitFor({ state: 'visible' });
  await parts.sendButton.waitFor({ state: 'visible' });
  return { parts, table };
}

/** The x position of each column header, in document order. */
const headerLefts = (page: Page) =>
  page.$$eval('.aisle-comparison th[scope="col"]', (cells) => cells.map((c) => c.getBoundingClientRect().left));

test('Hebrew, right to left: a table with caption and headers, columns from the right, no axe violation', async () => {
  const page = await shopper({ lang: 'he' });
  const { table } = await compare(page, 3, 'תשווה בין השלושה');
  await expect(table.locator('caption').textContent()).resolves.toBe('השוואה של 3 מוצרים');
  await expect(table.locator('th[scope="col"]').allTextContents()).resolves.toEqual(compared.slice(0, 3).map((p) => p.name));
  await expect(table.locator('th[scope="row"]').allTextContents()).resolves.toEqual(['מחיר', 'מלאי', 'דירוג', 'חומר', 'צבע']);
  // Live data from the store: the first product's rating, the second's colour.
  await expect(table.locator('tr', { hasText: 'דירוג' }).locator('td').first().textContent()).resolves.toBe(
    '4.5 מתוך 5 (12 ביקורות)',
  );
  await expect(table.locator('tr', { hasText: 'צבע' }).locator('td').nth(1).textContent()).resolves.toBe('אדום');
  // The accessibility tree Chromium builds: a table named by its caption, with column and row headers.
  const tree = await page.getByRole('table', { name: 'השוואה של 3 מוצרים' }).ariaSnapshot();
  expect(tree).toContain('columnheader');
  expect(tree).toContain('rowheader "מחיר"');
  const lefts = await headerLefts(page);
  expect(lefts[0]!).toBeGreaterThan(lefts[1]!);
  expect(lefts[1]!).toBeGreaterThan(lefts[2]!);
  await expectNoViolations(page, 'comparison he: three products', reports);
  await table.scrollIntoViewIfNeeded();
  await publishShot(page, 'widget-comparison-he');
});

test('English, left to right: columns from the left, no axe violation', async () => {
  const page = await shopper({ lang: 'en' });
  const { table } = await compare(page, 2, 'compare these two');
  await expect(table.locator('caption').textContent()).resolves.toBe('Comparison of 2 products');
  await expect(table.locator('th[scope="row"]').first().textContent()).resolves.toBe('Price');
  const lefts = await headerLefts(page);
  expect(lefts[0]!).toBeLessThan(lefts[1]!);
  await expectNoViolations(page, 'comparison en: two products', reports);
});

test('phone: four products scroll inside the table region, which the keyboard can reach; no axe violation', async () => {
  const page = await shopper({ lang: 'he', viewport: { width: 360, height: 740 }, mobile: true });
  await compare(page, 4, 'תשווה בין הארבעה');
  const region = page.locator('.aisle-comparison');
  const sizes = await region.evaluate((el) => ({
    scroll: el.scrollWidth,
    client: el.clientWidth,
    page: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  }));
  expect(sizes.scroll).toBeGreaterThan(sizes.client);
  expect(sizes.page).toBeLessThanOrEqual(sizes.viewport);
  await region.focus();
  await expect(region.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
  await expectNoViolations(page, 'comparison he: phone, four products', reports);
  await publishShot(page, 'widget-comparison-he-phone');
});

/**
 * The widget's answers and cards in real Chromium, against the real proxy on the fake OpenAI and
 * the fake WooCommerce: an answer's text and cards keep their order live and after a reload, and
 * a variable product's card asks for its options by name before it adds to the cart; the add
 * names the conversation and tells the theme's cart (block and classic mechanisms) to refresh.
 * Needs the widget built (`npm run build:widget`) into proxy/static/.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { STATIC_DIR } from '../../../proxy/src/app/compose';
import { startChatWorld, type ChatWorld } from '../../chat/setup';
import { textThenProducts } from '../../chat/history-scripts';
import { BRAIN_TEXTS } from '../../fakes/openai';
import { launchBrowser, type LaunchedBrowser } from '../../helpers/browser';
import { openTestPage, openWidget, sendMessage, servePlaceholderImages, widgetParts, type WidgetParts } from './page';
import { contextPerTest } from './contexts';
import { hebrew, viewportScreenshot } from './support';

jest.setTimeout(30_000);

const DOG_FOOD = 'מזון לכלבים';

let world: ChatWorld;
let browser: LaunchedBrowser;

beforeAll(async () => {
  for (const file of ['widget.js', 'aisle-panel.js']) {
    if (!existsSync(path.join(STATIC_DIR, file))) throw new Error(`${file} is not built: run npm run build:widget`);
  }
  [world, browser] = await Promise.all([startChatWorld(), launchBrowser({ locale: 'he-IL' })]);
  // Cards get their variations from the synced catalog.
  const sync = await fetch(`${world.proxy.url}/api/sync`, { method: 'POST' });
  if (sync.status !== 200) throw new Error(`catalog sync failed: ${sync.status} ${await sync.text()}`);
});

afterAll(async () => {
  await browser?.close();
  await world?.close();
});

const contexts = contextPerTest(() => world.openai.reset({ keepCatalog: true }));

async function newShopperPage(attributes?: Record<string, string>, init?: string): Promise<{ page: Page; parts: WidgetParts }> {
  const page = await contexts.newPage(browser.browser, { viewport: { width: 1280, height: 900 }, locale: 'he-IL' }, 10_000);
  if (init) await page.addInitScript(init);
  await servePlaceholderImages(page, world.woo.url);
  await openTestPage(page, { proxyUrl: world.proxy.url, attributes });
  return { page, parts: widgetParts(page) };
}

async function waitForAnswer(parts: WidgetParts, cards = 2): Promise<void> {
  await parts.cards.nth(cards - 1).waitFor({ state: 'visible' });
  await parts.sendButton.waitFor({ state: 'visible' });
}

/** An assistant reply as it reads on screen: each text part, and each group of cards by name. */
function replySequence(reply: Locator): Promise<Array<string | string[]>> {
  return reply.evaluate((node) =>
    Array.from(node.querySelectorAll(':scope > .aisle-message__text, :scope > .aisle-cards')).map((part) =>
      part.classList.contains('aisle-cards')
        ? Array.from(part.querySelectorAll('.aisle-card__name')).map((n) => (n.textContent ?? '').trim())
        : (part.textContent ?? '').trim(),
    ),
  );
}

const productName = (id: number) => world.catalog.products.find((p) => p.id === id)!.name;

test('text, cards, text: the live answer and the restored one read the same, each round its own paragraph', async () => {
  const { page, parts } = await newShopperPage();
  await openWidget(page);
  const intro = 'רגע, אני בודק מה יש במלאי:';
  world.openai.enqueue(textThenProducts(intro, world.visibleIds));
  // Everything the live region says, in order (a string, so no transpiler helper leaks into the page).
  await page.evaluate(`(() => {
    const region = document.querySelector('.aisle-panel [aria-live="polite"]');
    window.__aisleHeard = [];
    new MutationObserver(() => {
      const text = region.textContent;
      if (text && window.__aisleHeard.at(-1) !== text) window.__aisleHeard.push(text);
    }).observe(region, { subtree: true, childList: true, characterData: true });
  })()`);
  await sendMessage(parts, DOG_FOOD);
  await waitForAnswer(parts);

  const live = await replySequence(parts.lastReply);
  expect(live).toEqual([intro, world.visibleIds.map(productName), BRAIN_TEXTS.productsIntroHe]);
  // On screen too: the closing sentence sits below the cards it refers to.
  const cardsBox = (await parts.lastReply.locator('.aisle-cards').boundingBox())!;
  const closingBox = (await parts.lastReply.locator('.aisle-message__text').last().boundingBox())!;
  expect(closingBox.y).toBeGreaterThanOrEqual(cardsBox.y + cardsBox.height);
  // Screen readers hear both rounds once, a whole sentence at a time, as plain text.
  const heard = (await page.evaluate('window.__aisleHeard')) as string[];
  expect(heard.join(' ')).toBe(`${intro} ${BRAIN_TEXTS.productsIntroHe}`);
  expect(heard.every((text) => !/[*_#`]/.test(text))).toBe(true);
  await viewportScreenshot(page, 'widget-order-live');

  const history = page.waitForResponse((r) => r.url().includes('/api/chat/history'));
  await page.reload();
  expect((await history).status()).toBe(200);
  await waitForAnswer(parts);
  await expect(parts.replies.count()).resolves.toBe(1);
  await expect(replySequence(parts.lastReply)).resolves.toEqual(live);
  await viewportScreenshot(page, 'widget-order-restored');
});

/** Fakes of what a store page has, recording what the widget tells them. */
const THEME_CART_FAKES = `(() => {
  const log = [];
  window.__cartLog = log;
  // Classic themes: jQuery on document.body.
  window.jQuery = (element) => ({
    trigger(type, args) {
      log.push({ via: 'jquery', on: element === document.body ? 'body' : 'other', type, args: JSON.stringify(args ?? []) });
    },
  });
  // Block themes: the mini-cart's interactivity store and the wc/store/cart data store.
  window.addEventListener('wc-blocks_store_sync_required', (e) => log.push({ via: 'window', type: e.type, detail: e.detail }));
  document.addEventListener('wc-blocks_added_to_cart', (e) =>
    log.push({ via: 'body', type: e.type, fromBody: e.target === document.body, detail: e.detail }),
  );
})()`;

test('a variable card asks for its option by name; the add names the thread and refreshes the theme cart', async () => {
  const { proxy } = { proxy: world.proxy.url };
  const { page, parts } = await newShopperPage(
    { 'data-rest-root': `${proxy}/wp-json/`, 'data-cart-url': `${proxy}/cart/` },
    THEME_CART_FAKES,
  );
  // The plugin's session endpoint (the open proxy ignores the token) and the Store API cart.
  // api-fetch adds `?_locale=user`: match the path.
  const at = (pathname: string) => (url: URL) => url.origin === proxy && url.pathname === pathname;
  await page.route(at('/wp-json/aisle/v1/session'), (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ token: 'browser-test', expires_at: '2099-01-01T00:00:00Z', store_api_nonce: 'nonce-1' }),
    }),
  );
  const adds: Array<{ headers: Record<string, string>; body: unknown }> = [];
  await page.route(at('/wp-json/wc/store/v1/cart/add-item'), async (route) => {
    const request = route.request();
    adds.push({ headers: await request.allHeaders(), body: request.postDataJSON() });
    await route.fulfill({
      status: 201,
      contentType: 'application/json',
      headers: { Nonce: 'nonce-2', 'Cart-Token': 'cart-token', 'Cart-Hash': 'hash-after-add' },
      body: JSON.stringify({ items_count: 1 }),
    });
  });

  await openWidget(page);
  await sendMessage(parts, DOG_FOOD);
  await waitForAnswer(parts);
  const variable = world.catalog.products.find((p) => p.id === world.visibleIds[1])!;
  const card = parts.cards.filter({ hasText: variable.name });
  const attribute = variable.attributes.find((a) => a.variation)!.name;
  const picker = card.getByLabel(attribute, { exact: true });
  await expect(picker.inputValue()).resolves.toBe('');

  const add = card.getByRole('button', { name: hebrew('Add to cart') });
  await add.click();
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true');
  await expect(picker.evaluate((node) => node === document.activeElement)).resolves.toBe(true);
  const errorId = await picker.getAttribute('aria-describedby');
  expect(errorId).toBeTruthy();
  await expect(page.locator(`[id="${errorId}"]`).textContent()).resolves.toBe(
    hebrew('Choose %s before adding to the cart.').replace('%s', attribute),
  );
  expect(adds).toHaveLength(0);
  await viewportScreenshot(page, 'widget-choose-option');

  const variation = (world.catalog.variations[variable.id] ?? []).find((v) => v.stock_status !== 'outofstock')!;
  const value = variation.attributes[0]!.option;
  await picker.selectOption(value);
  await expect(picker.getAttribute('aria-invalid')).resolves.toBeNull();
  await add.click();
  await card.getByText(hebrew('Added to cart.')).waitFor();

  expect(adds).toHaveLength(1);
  expect(adds[0]!.body).toEqual({ id: variation.id, quantity: 1, variation: [{ attribute, value }] });
  const stored = JSON.parse((await page.evaluate(() => localStorage.getItem('aisle:widget'))) ?? '{}') as { threadId?: string };
  expect(stored.threadId).toMatch(/^thread_/);
  expect(adds[0]!.headers['x-aisle-thread']).toBe(stored.threadId);
  expect(adds[0]!.headers.nonce).toBe('nonce-1');

  const cartLog = (await page.evaluate('window.__cartLog')) as Array<Record<string, unknown>>;
  expect(cartLog).toEqual([
    { via: 'jquery', on: 'body', type: 'wc_fragment_refresh', args: '[]' },
    { via: 'jquery', on: 'body', type: 'added_to_cart', args: JSON.stringify([{}, 'hash-after-add', null]) },
    { via: 'body', type: 'wc-blocks_added_to_cart', fromBody: true, detail: { preserveCartData: false } },
    { via: 'window', type: 'wc-blocks_store_sync_required', detail: { type: 'from_@wordpress/data' } },
  ]);
});

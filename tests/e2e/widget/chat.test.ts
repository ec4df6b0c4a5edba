/**
 * The standalone widget in real Chromium, against the real proxy on the fake OpenAI and the
 * fake WooCommerce: streaming in Hebrew with product cards, stop and restore, keyboard-only
 * use, errors with retry, the non-streaming fallback, and the README screenshots.
 * Needs the widget built (`npm run build:widget`) into proxy/static/.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page, Route } from 'playwright-core';
import { BRAIN_TEXTS } from '../../fakes/openai';
import type { RawWooProduct } from '../../fakes/woo/types';
import { startChatWorld, type ChatWorld } from '../../chat/setup';
import { launchBrowser, type LaunchedBrowser } from '../../helpers/browser';
import { STATIC_DIR } from '../../../proxy/src/app/compose';
import {
  openTestPage,
  openWidget,
  recordReplies,
  sendMessage,
  servePlaceholderImages,
  textOf,
  widgetParts,
  type TestPageOptions,
  type WidgetParts,
} from './page';
import { contextPerTest } from './contexts';
import { hebrew, isGrowingSequence, publishScreenshot, viewportScreenshot, waitUntil } from './support';

jest.setTimeout(30_000);

/** Each streamed delta waits this long, so intermediate texts are visible and Stop has time. */
const TOKEN_DELAY_MS = 60;
const DOG_FOOD = 'מזון לכלבים';

let world: ChatWorld;
let browser: LaunchedBrowser;
const timings: Record<string, number> = {};

beforeAll(async () => {
  for (const file of ['widget.js', 'aisle-panel.js']) {
    if (!existsSync(path.join(STATIC_DIR, file))) throw new Error(`${file} is not built: run npm run build:widget`);
  }
  const started = Date.now();
  [world, browser] = await Promise.all([
    startChatWorld({ openai: { tokenDelayMs: TOKEN_DELAY_MS } }),
    launchBrowser({ locale: 'he-IL' }),
  ]);
  // A store the shopper meets has synced its catalog: that is where cards get their variations.
  const sync = await fetch(`${world.proxy.url}/api/sync`, { method: 'POST' });
  if (sync.status !== 200) throw new Error(`catalog sync failed: ${sync.status} ${await sync.text()}`);
  timings.boot = Date.now() - started;
});

afterAll(async () => {
  await browser?.close();
  await world?.close();
  // eslint-disable-next-line no-console
  console.log(`widget browser test timings (ms): ${JSON.stringify(timings)}`);
});

let testStarted = 0;
// No script or failure left over from a test that failed half-way; each test starts a new thread.
// The synced catalog (vector store) stays, as it does in a real account.
const contexts = contextPerTest(() => {
  testStarted = Date.now();
  world.openai.reset({ keepCatalog: true });
});
afterEach(() => {
  timings[expect.getState().currentTestName?.slice(0, 40) ?? 'test'] = Date.now() - testStarted;
});

/** A fresh context per test (own localStorage), on the test page served from the proxy's origin. */
async function newShopperPage(
  options: Omit<TestPageOptions, 'proxyUrl'> & { viewport?: { width: number; height: number }; mobile?: boolean } = {},
): Promise<{ page: Page; parts: WidgetParts }> {
  const page = await contexts.newPage(
    browser.browser,
    {
      viewport: options.viewport ?? { width: 1280, height: 900 },
      locale: 'he-IL',
      ...(options.mobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
    },
    10_000,
  );
  await servePlaceholderImages(page, world.woo.url);
  await openTestPage(page, { proxyUrl: world.proxy.url, ...options });
  return { page, parts: widgetParts(page) };
}

const product = (id: number): RawWooProduct => {
  const found = world.catalog.products.find((p) => p.id === id);
  if (!found) throw new Error(`no product ${id} in the fake catalog`);
  return found;
};
const [simpleId, variableId] = [() => world.visibleIds[0]!, () => world.visibleIds[1]!];

const isFocused = (locator: Locator) => locator.evaluate((node) => node === document.activeElement);

/** Waits until the answer is complete: cards shown and the Send button back in place of Stop. */
async function waitForAnswerWithCards(parts: WidgetParts, cards = 2): Promise<void> {
  await parts.cards.nth(cards - 1).waitFor({ state: 'visible' });
  await parts.sendButton.waitFor({ state: 'visible' });
}

/** The two cards for DOG_FOOD, checked against the fake WooCommerce catalog. */
async function expectDogFoodCards(parts: WidgetParts): Promise<void> {
  await expect(parts.cards.count()).resolves.toBe(2);
  const simple = product(simpleId());
  const variable = product(variableId());

  const simpleCard = parts.cards.filter({ hasText: simple.name });
  await expect(simpleCard.count()).resolves.toBe(1);
  await expect(simpleCard.locator('.aisle-card__name a').getAttribute('href')).resolves.toBe(simple.permalink);
  const simplePrice = await textOf(simpleCard.locator('.aisle-card__price'));
  expect(simplePrice).toContain(Number(simple.price).toFixed(2));
  expect(simplePrice).toContain('₪');
  const stock = simpleCard.locator('.aisle-card__stock');
  await expect(stock.getAttribute('class')).resolves.toContain('aisle-card__stock--instock');
  const quantity = simple.stock_quantity;
  const expectedStock =
    quantity !== null && quantity > 0 && quantity <= 5
      ? hebrew('Only %d left').replace('%d', String(quantity))
      : hebrew('In stock');
  await expect(textOf(stock)).resolves.toBe(expectedStock);

  // The variable product: a picker named after its attribute, offering the in-stock variations
  // each with its price, with nothing chosen; the card shows the chosen variation's price.
  const variableCard = parts.cards.filter({ hasText: variable.name });
  await expect(variableCard.count()).resolves.toBe(1);
  const inStock = (world.catalog.variations[variable.id] ?? []).filter((v) => v.stock_status !== 'outofstock');
  expect(inStock.length).toBeGreaterThan(1);
  const attribute = variable.attributes.find((a) => a.variation)!.name;
  const picker = variableCard.getByLabel(attribute, { exact: true });
  const options = await picker
    .locator('option')
    .evaluateAll((nodes) => nodes.map((n) => ({ value: (n as HTMLOptionElement).value, label: n.textContent ?? '' })));
  expect(options[0]).toEqual({ value: '', label: hebrew('Choose an option') });
  await expect(picker.inputValue()).resolves.toBe('');
  const valueOf = (variation: (typeof inStock)[number]) => variation.attributes[0]!.option;
  expect(
    options
      .slice(1)
      .map((o) => o.value)
      .sort(),
  ).toEqual(inStock.map(valueOf).sort());
  for (const variation of inStock) {
    const label = options.find((o) => o.value === valueOf(variation))!.label;
    expect(label).toContain(valueOf(variation));
    expect(label).toContain(Number(variation.price).toFixed(2));
  }
  // Choosing an option shows that variation's price on the card.
  for (const variation of [inStock[0]!, inStock[inStock.length - 1]!]) {
    await picker.selectOption(valueOf(variation));
    await expect(textOf(variableCard.locator('.aisle-card__price'))).resolves.toContain(Number(variation.price).toFixed(2));
  }
}

test('Hebrew: streamed text appears word by word, then product cards from the catalog, right to left', async () => {
  const { page, parts } = await newShopperPage();
  await expect(parts.root.getAttribute('dir')).resolves.toBe('rtl');
  await openWidget(page);
  await expect(parts.panel.getAttribute('dir')).resolves.toBe('rtl');

  const replyLog = await recordReplies(page);
  await sendMessage(parts, DOG_FOOD);
  await waitForAnswerWithCards(parts);
  const log = await replyLog();
  // The typing indicator showed from the moment of sending, before any answer text, and is gone.
  expect(log.typingBeforeText).toBe(true);
  await expect(parts.typing.count()).resolves.toBe(0);

  const texts = log.texts.map((t) => t.trim());
  expect(texts.at(-1)).toBe(BRAIN_TEXTS.productsIntroHe);
  const intermediate = texts.slice(0, -1);
  expect(new Set(intermediate).size).toBeGreaterThanOrEqual(2);
  expect(isGrowingSequence(texts)).toBe(true);

  await expect(textOf(parts.userMessages.last())).resolves.toContain(DOG_FOOD);
  await expectDogFoodCards(parts);

  // Every message, the greeting included, lets the browser pick its direction.
  const messageTexts = parts.panel.locator('.aisle-message__text');
  const dirs = await messageTexts.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('dir')));
  expect(dirs.length).toBeGreaterThanOrEqual(3);
  expect(dirs.every((d) => d === 'auto')).toBe(true);
  // Right to left for real: the reply's text starts at the panel's right edge.
  const panelBox = (await parts.panel.boundingBox())!;
  const replyBox = (await parts.lastReply.boundingBox())!;
  expect(panelBox.x + panelBox.width - (replyBox.x + replyBox.width)).toBeLessThan(40);

  const shot = await viewportScreenshot(page, 'widget-chat-he');
  await publishScreenshot(shot, 'widget-chat-he');
});

test('Stop aborts the answer upstream without sticking the UI; a reload restores the conversation', async () => {
  const { page, parts } = await newShopperPage();
  await openWidget(page);
  await sendMessage(parts, DOG_FOOD);
  await waitForAnswerWithCards(parts);

  // A long answer, one word per delta: seconds of streaming to stop in the middle of.
  const longAnswer = Array.from({ length: 60 }, (_, i) => `מילה${i + 1}`).join(' ');
  world.openai.enqueue({ kind: 'text', text: longAnswer });
  const abortedBefore = world.openai.abortedStreams();
  const replyLog = await recordReplies(page);
  await sendMessage(parts, 'ספרו לי עוד');
  await parts.lastReply.filter({ hasText: 'מילה2' }).waitFor();
  await parts.stopButton.click();

  await waitUntil(() => world.openai.abortedStreams() > abortedBefore, 'the proxy to abort the upstream stream');
  await parts.sendButton.waitFor({ state: 'visible' });
  await parts.lastReply.filter({ hasText: hebrew('Stopped') }).waitFor();
  // Stop is gone and Send is disabled until something is typed: focus waits in the message box.
  await expect(isFocused(parts.input)).resolves.toBe(true);
  const stoppedText = (await replyLog()).texts.at(-1)!.trim();
  expect(stoppedText.startsWith('מילה1 מילה2')).toBe(true);
  expect(stoppedText).not.toContain('מילה60');
  await waitUntil(() => world.openai.openStreams() === 0, 'no upstream stream left open');
  await viewportScreenshot(page, 'widget-stopped-he');

  // Not stuck: the next message gets its answer (the fake's conversation lock was released).
  await sendMessage(parts, 'שלום');
  await parts.lastReply.filter({ hasText: BRAIN_TEXTS.greetingHe }).waitFor();
  await parts.sendButton.waitFor({ state: 'visible' });

  const storedBefore = await page.evaluate(() => localStorage.getItem('aisle:widget'));
  const threadId = (JSON.parse(storedBefore ?? '{}') as { threadId?: string }).threadId;
  expect(threadId).toEqual(expect.any(String));

  const history = page.waitForResponse((r) => r.url().includes('/api/chat/history'));
  await page.reload();
  const historyResponse = await history;
  expect(historyResponse.status()).toBe(200);
  expect(new URL(historyResponse.url()).searchParams.get('thread_id')).toBe(threadId);

  // The panel was open, so it reopens; messages and cards come back from the proxy.
  await parts.panel.waitFor({ state: 'visible' });
  await waitForAnswerWithCards(parts);
  const userTexts = (await parts.userMessages.allTextContents()).join('\n');
  expect(userTexts).toContain(DOG_FOOD);
  expect(userTexts).toContain('שלום');
  await expect(parts.replies.filter({ hasText: BRAIN_TEXTS.productsIntroHe }).count()).resolves.toBe(1);
  await expect(parts.replies.filter({ hasText: BRAIN_TEXTS.greetingHe }).count()).resolves.toBe(1);
  await expectDogFoodCards(parts);
  const storedAfter = JSON.parse((await page.evaluate(() => localStorage.getItem('aisle:widget'))) ?? '{}') as {
    threadId?: string;
  };
  expect(storedAfter.threadId).toBe(threadId);
});

test('keyboard only: Tab to the launcher, Enter opens with focus inside, Enter sends, Escape closes back to the launcher', async () => {
  const { page, parts } = await newShopperPage();
  const focused = () =>
    page.evaluate(() => {
      const active = document.activeElement;
      return {
        className: active?.className ?? '',
        tag: active?.tagName ?? '',
        inPanel: Boolean(active?.closest('.aisle-panel')),
      };
    });

  // The launcher comes once the page has loaded and gone idle.
  await parts.launcher.waitFor();
  await page.keyboard.press('Tab');
  await expect(focused()).resolves.toMatchObject({ className: 'aisle-launcher', tag: 'BUTTON' });
  await expect(parts.launcher.getAttribute('aria-expanded')).resolves.toBe('false');
  await expect(parts.launcher.getAttribute('aria-label')).resolves.toBe(hebrew('Open chat'));

  await page.keyboard.press('Enter');
  await parts.input.waitFor({ state: 'visible' });
  await page.waitForFunction(() => document.activeElement?.classList.contains('aisle-composer__input'));
  await expect(focused()).resolves.toMatchObject({ inPanel: true, tag: 'TEXTAREA' });
  await expect(parts.launcher.getAttribute('aria-expanded')).resolves.toBe('true');

  await page.keyboard.type(DOG_FOOD);
  await page.keyboard.press('Enter');
  await waitForAnswerWithCards(parts);
  await expect(textOf(parts.userMessages.last())).resolves.toContain(DOG_FOOD);
  await expect(parts.input.inputValue()).resolves.toBe('');

  // Tab moves on to the panel's own controls, never out of the widget at once.
  await page.keyboard.press('Shift+Tab');
  await expect(focused()).resolves.toMatchObject({ inPanel: true });

  await page.keyboard.press('Escape');
  await parts.panel.waitFor({ state: 'hidden' });
  await expect(focused()).resolves.toMatchObject({ className: 'aisle-launcher' });
  await expect(parts.launcher.getAttribute('aria-expanded')).resolves.toBe('false');

  // And Enter on the launcher opens it again with the conversation intact.
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.classList.contains('aisle-composer__input'));
  await expect(parts.cards.count()).resolves.toBe(2);
});

test('an upstream 503 gives a human message and Retry; Retry answers and the question is not lost', async () => {
  const { page, parts } = await newShopperPage();
  await openWidget(page);
  world.openai.failNext('responses.create', { status: 503 });
  await sendMessage(parts, DOG_FOOD);

  await parts.error.waitFor({ state: 'visible' });
  await expect(textOf(parts.error.locator('.aisle-error__text'))).resolves.toBe(
    hebrew('The assistant ran into a problem. Please try again in a moment.'),
  );
  await expect(parts.error.getAttribute('role')).resolves.toBe('alert');
  const retry = parts.error.getByRole('button', { name: hebrew('Retry') });
  await retry.waitFor({ state: 'visible' });
  // The question stays on screen, marked as not sent.
  await expect(parts.userMessages.count()).resolves.toBe(1);
  await expect(textOf(parts.userMessages.first())).resolves.toContain(DOG_FOOD);
  await expect(textOf(parts.userMessages.first())).resolves.toContain(hebrew('Not sent'));
  // With OpenAI down, the proxy still answers from the synced catalog: fallback cards, each a real product.
  const fallbackCards = await parts.cards.count();
  expect(fallbackCards).toBeGreaterThan(0);
  const names = new Set(world.catalog.products.map((p) => p.name));
  for (const name of await parts.cards.locator('.aisle-card__name').allInnerTexts()) expect(names.has(name.trim())).toBe(true);
  await viewportScreenshot(page, 'widget-error-he');

  await retry.click();
  await expect(isFocused(parts.input)).resolves.toBe(true);
  await waitForAnswerWithCards(parts, fallbackCards + 2);
  await expect(parts.error.count()).resolves.toBe(0);
  // One question, sent again in place, now answered.
  await expect(parts.userMessages.count()).resolves.toBe(1);
  const question = await textOf(parts.userMessages.first());
  expect(question).toContain(DOG_FOOD);
  expect(question).not.toContain(hebrew('Not sent'));
  await expect(textOf(parts.lastReply)).resolves.toContain(BRAIN_TEXTS.productsIntroHe);
});

test('a stream that sends no first byte in time (a buffering proxy) falls back to POST /api/chat', async () => {
  const firstByteTimeoutMs = 600;
  const { page, parts } = await newShopperPage({ firstByteTimeoutMs });
  // Between the browser and the proxy, something buffers the stream: nothing arrives at all.
  const heldStreams: Route[] = [];
  await page.route(`${world.proxy.url}/api/chat/stream`, (route) => {
    heldStreams.push(route);
  });
  const streamAborted = page.waitForEvent('requestfailed', (r) => r.url().endsWith('/api/chat/stream'));
  const fallback = page.waitForRequest((r) => r.url().endsWith('/api/chat') && r.method() === 'POST');

  await openWidget(page);
  const sentAt = Date.now();
  await sendMessage(parts, DOG_FOOD);
  const fallbackRequest = await fallback;
  const waited = Date.now() - sentAt;
  expect(heldStreams).toHaveLength(1);
  await streamAborted;
  expect(waited).toBeGreaterThanOrEqual(firstByteTimeoutMs - 50);
  expect(JSON.parse(fallbackRequest.postData() ?? '{}')).toMatchObject({ message: DOG_FOOD, thread_id: null });

  await waitForAnswerWithCards(parts);
  await expect(textOf(parts.lastReply)).resolves.toContain(BRAIN_TEXTS.productsIntroHe);
  await expect(parts.error.count()).resolves.toBe(0);
  await expectDogFoodCards(parts);
});

test('mobile: the panel fills the screen, the launcher hides, the send button stays in view', async () => {
  const viewport = { width: 390, height: 844 };
  const { page, parts } = await newShopperPage({ viewport, mobile: true });
  await openWidget(page);
  await sendMessage(parts, DOG_FOOD);
  await waitForAnswerWithCards(parts);

  const panelBox = (await parts.panel.boundingBox())!;
  expect(panelBox).toEqual({ x: 0, y: 0, width: viewport.width, height: viewport.height });
  await expect(parts.launcher.isVisible()).resolves.toBe(false);
  const send = (await parts.sendButton.boundingBox())!;
  expect(send.y + send.height).toBeLessThanOrEqual(viewport.height);
  expect(send.x).toBeGreaterThanOrEqual(0);
  // Nothing overflows sideways: the body scrolls only vertically.
  const overflow = await parts.panel.locator('.aisle-panel__body').evaluate((body) => body.scrollWidth - body.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  const shot = await viewportScreenshot(page, 'widget-chat-he-mobile');
  await publishScreenshot(shot, 'widget-chat-he-mobile');
});

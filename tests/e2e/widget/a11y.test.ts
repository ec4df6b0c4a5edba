/**
 * Accessibility in real Chromium: axe-core (WCAG 2.2 AA) on the widget in every state a shopper
 * meets — closed, open, streaming, with cards, a variation picker asking for its option, an
 * error with Retry, full screen on a phone, Hebrew and English — and on the demo store page;
 * the full-screen panel as a modal (Tab trap, inert page, focus back to the launcher); reduced
 * motion; Arabic right to left. Needs the widget built (`npm run build:widget`).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { STATIC_DIR } from '../../../proxy/src/app/compose';
import { startChatWorld, type ChatWorld } from '../../chat/setup';
import { launchBrowser, type LaunchedBrowser } from '../../helpers/browser';
import { startProxy, type RunningProxy } from '../../helpers/proxy';
import { expectNoViolations, type AxeReport } from './axe';
import { openTestPage, openWidget, sendMessage, servePlaceholderImages, widgetParts, type TestPageOptions } from './page';

jest.setTimeout(60_000);

const DOG_FOOD = 'מזון לכלבים';
const LONG_ANSWER = Array.from({ length: 30 }, (_, i) => `משפט מספר ${i + 1} על מזון לכלבים.`).join(' ');

let world: ChatWorld;
let demo: RunningProxy;
let browser: LaunchedBrowser;
const reports: AxeReport[] = [];

beforeAll(async () => {
  for (const file of ['widget.js', 'aisle-panel.js']) {
    if (!existsSync(path.join(STATIC_DIR, file))) throw new Error(`${file} is not built: run npm run build:widget`);
  }
  [world, demo, browser] = await Promise.all([
    startChatWorld({ openai: { tokenDelayMs: 40 } }),
    startProxy({}),
    launchBrowser({ locale: 'he-IL' }),
  ]);
  const sync = await fetch(`${world.proxy.url}/api/sync`, { method: 'POST' });
  if (sync.status !== 200) throw new Error(`catalog sync failed: ${sync.status}`);
});

afterAll(async () => {
  await browser?.close();
  await world?.close();
  await demo?.close();
  // eslint-disable-next-line no-console
  console.log(
    `axe results (WCAG 2.2 AA):\n${reports.map((r) => `  ${r.state}: ${r.violations.length} violations, ${r.passes} rules passed`).join('\n')}`,
  );
});

let context: BrowserContext | undefined;
let pageErrors: string[] = [];
beforeEach(() => {
  pageErrors = [];
  world.openai.reset({ keepCatalog: true });
});
afterEach(async () => {
  await context?.close();
  context = undefined;
  expect(pageErrors).toEqual([]);
});

interface ShopperOptions extends Omit<TestPageOptions, 'proxyUrl'> {
  viewport?: { width: number; height: number };
  mobile?: boolean;
  reducedMotion?: 'reduce' | 'no-preference';
  locale?: string;
}

async function newContext(options: ShopperOptions): Promise<Page> {
  context = await browser.browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 900 },
    locale: options.locale ?? 'he-IL',
    reducedMotion: options.reducedMotion ?? 'no-preference',
    ...(options.mobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return page;
}

/** The widget on a plain shop page, with a Store API cart so cards offer Add to cart. */
async function shopperPage(options: ShopperOptions = {}) {
  const page = await newContext(options);
  const proxy = world.proxy.url;
  const at = (pathname: string) => (url: URL) => url.origin === proxy && url.pathname === pathname;
  await page.route(at('/wp-json/aisle/v1/session'), (route) =>
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
}

async function waitForAnswerWithCards(parts: ReturnType<typeof widgetParts>): Promise<void> {
  await parts.cards.nth(1).waitFor({ state: 'visible' });
  await parts.sendButton.waitFor({ state: 'visible' });
}

test('widget, Hebrew right to left: no WCAG 2.2 AA violation closed, open, streaming, with cards, picking an option, or failing', async () => {
  const { page, parts } = await shopperPage();
  await expectNoViolations(page, 'widget he: closed', reports);

  await openWidget(page);
  await expectNoViolations(page, 'widget he: open (greeting, quick prompts)', reports);

  world.openai.enqueue({ kind: 'text', text: LONG_ANSWER });
  await sendMessage(parts, 'ספרו לי על מזון');
  await parts.stopButton.waitFor({ state: 'visible' });
  await parts.lastReply.locator('.aisle-message__text').waitFor({ state: 'visible' });
  await expectNoViolations(page, 'widget he: streaming', reports);
  await parts.sendButton.waitFor({ state: 'visible', timeout: 20_000 });

  await sendMessage(parts, DOG_FOOD);
  await waitForAnswerWithCards(parts);
  await expectNoViolations(page, 'widget he: answer with cards', reports);

  // A variable product's card: Add to cart before choosing asks for the option, by name.
  const variable = world.catalog.products.find((p) => p.id === world.visibleIds[1])!;
  const card = parts.cards.filter({ hasText: variable.name });
  await card.locator('button', { hasText: /./ }).last().click();
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true');
  await expectNoViolations(page, 'widget he: variation picker asking for an option', reports);

  world.openai.failNext('responses.create', { status: 503 });
  await sendMessage(parts, DOG_FOOD);
  await parts.error.getByRole('button').waitFor({ state: 'visible' });
  await expectNoViolations(page, 'widget he: error with Retry', reports);
});

test('widget, English left to right: no violation open and with cards', async () => {
  const { page, parts } = await shopperPage({ lang: 'en', dir: 'ltr', locale: 'en-US' });
  await expect(parts.launcher.getAttribute('aria-label')).resolves.toBe('Open chat');
  await openWidget(page);
  await expect(parts.panel.getAttribute('dir')).resolves.toBe('ltr');
  await expectNoViolations(page, 'widget en: open', reports);
  await sendMessage(parts, 'dog food');
  await waitForAnswerWithCards(parts);
  await expectNoViolations(page, 'widget en: answer with cards', reports);
});

/** Where focus is: inside the panel, or a description of where it went. */
const focusPlace = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement;
    return active?.closest('.aisle-panel') ? 'panel' : `${active?.tagName}.${active?.className}`;
  });

test('mobile full screen: a modal dialog that keeps Tab inside, makes the page inert, and gives focus back on close', async () => {
  const { page, parts } = await shopperPage({ viewport: { width: 390, height: 844 }, mobile: true });
  await openWidget(page);
  await expect(parts.panel.getAttribute('aria-modal')).resolves.toBe('true');
  await sendMessage(parts, DOG_FOOD);
  await waitForAnswerWithCards(parts);
  await expectNoViolations(page, 'widget he: mobile full screen with cards', reports);

  // Every other top-level element of the page is inert while the panel is open.
  const inertness = () =>
    page.evaluate(() =>
      Array.from(document.body.children).map((el) => ({
        widget: el.classList.contains('aisle-root'),
        inert: el.hasAttribute('inert'),
      })),
    );
  const open = await inertness();
  expect(open.filter((e) => !e.widget).length).toBeGreaterThan(1);
  expect(open.every((e) => e.inert === !e.widget)).toBe(true);

  const visited = new Set<string>();
  for (let i = 0; i < 30; i += 1) {
    await page.keyboard.press('Tab');
    await expect(focusPlace(page)).resolves.toBe('panel');
    visited.add(await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 60) ?? ''));
  }
  // The trap cycles through the panel's controls, not one stuck element.
  expect(visited.size).toBeGreaterThan(3);
  for (let i = 0; i < 30; i += 1) {
    await page.keyboard.press('Shift+Tab');
    await expect(focusPlace(page)).resolves.toBe('panel');
  }

  await page.keyboard.press('Escape');
  await parts.panel.waitFor({ state: 'hidden' });
  await page.waitForFunction(() => document.activeElement?.classList.contains('aisle-launcher'));
  await page.waitForFunction(() => !document.querySelector('body > [inert]'));
  await expect(inertness()).resolves.toEqual(open.map((e) => ({ ...e, inert: false })));
  await expectNoViolations(page, 'widget he: mobile, closed again', reports);
});

test('desktop: the floating panel is not modal and leaves the page alone', async () => {
  const { page, parts } = await shopperPage();
  await openWidget(page);
  await expect(parts.panel.getAttribute('aria-modal')).resolves.toBe('false');
  await expect(page.evaluate(() => document.querySelectorAll('body > [inert]').length)).resolves.toBe(0);
});

/** Every computed animation and transition duration in the widget, as seconds. */
const motionDurations = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll('.aisle-root, .aisle-root *')).flatMap((el) => {
      const style = getComputedStyle(el);
      return [...style.animationDuration.split(','), ...style.transitionDuration.split(',')].map((d) => parseFloat(d));
    }),
  );

test('prefers-reduced-motion: no animation or transition runs; without it the launcher and typing dots move', async () => {
  const moving = await shopperPage();
  world.openai.enqueue({ kind: 'hang', ms: 1500, then: { kind: 'text', text: 'כן.' } });
  await openWidget(moving.page);
  await sendMessage(moving.parts, 'שלום');
  await moving.parts.typing.waitFor({ state: 'visible' });
  expect((await motionDurations(moving.page)).some((d) => d > 0)).toBe(true);
  await context?.close();

  world.openai.reset({ keepCatalog: true });
  world.openai.enqueue({ kind: 'hang', ms: 1500, then: { kind: 'text', text: 'כן.' } });
  const still = await shopperPage({ reducedMotion: 'reduce' });
  await openWidget(still.page);
  await sendMessage(still.parts, 'שלום');
  await still.parts.typing.waitFor({ state: 'visible' });
  const durations = await motionDurations(still.page);
  expect(durations.length).toBeGreaterThan(20);
  expect(durations.filter((d) => d !== 0)).toEqual([]);
});

const arabic = (
  JSON.parse(readFileSync(path.resolve(__dirname, '../../../widget-src/i18n/ar.json'), 'utf8')) as {
    locale_data: { messages: Record<string, string[]> };
  }
).locale_data.messages;
const ar = (msgid: string) => arabic[msgid]![0]!;

test('Arabic: the page language picks Arabic, right to left and mirrored, with cards and no violation', async () => {
  const viewport = { width: 1280, height: 900 };
  const { page, parts } = await shopperPage({ lang: 'ar', dir: 'rtl', locale: 'ar' });
  await expect(parts.launcher.getAttribute('aria-label')).resolves.toBe(ar('Open chat'));
  // The launcher sits on the left: the reading end of a right-to-left page.
  const launcher = (await parts.launcher.boundingBox())!;
  expect(launcher.x + launcher.width).toBeLessThan(viewport.width / 2);

  await openWidget(page);
  await expect(parts.panel.getAttribute('dir')).resolves.toBe('rtl');
  await expect(parts.panel.getAttribute('lang')).resolves.toBe('ar');
  await expect(page.locator('.aisle-message--greeting').innerText()).resolves.toContain(
    ar('Hi! I can help you find products, compare options and check stock. What are you looking for?'),
  );
  await expect(page.locator('.aisle-prompts__button').allInnerTexts()).resolves.toEqual([
    ar('What do you recommend?'),
    ar('Which products are on sale?'),
    ar('Help me choose a gift'),
  ]);
  await expect(parts.input.getAttribute('placeholder')).resolves.toBe(ar('Ask about products…'));

  await sendMessage(parts, DOG_FOOD);
  await waitForAnswerWithCards(parts);
  await expectNoViolations(page, 'widget ar: answer with cards', reports);

  const layout = await page.evaluate(() => {
    const box = (selector: string) => document.querySelector(selector)!.getBoundingClientRect();
    const panel = box('.aisle-panel');
    // Where the greeting's words are, against its own box: right aligned text ends at the right edge.
    const greeting =
      document.querySelector('.aisle-message--greeting .aisle-message__text') ??
      document.querySelector('.aisle-message--greeting')!;
    const range = document.createRange();
    range.selectNodeContents(greeting);
    const words = Array.from(range.getClientRects());
    const greetingBox = greeting.getBoundingClientRect();
    const padding = parseFloat(getComputedStyle(greeting).paddingRight);
    const title = box('.aisle-panel__title');
    const close = document.querySelectorAll('.aisle-panel__header button');
    const lastButton = close[close.length - 1]!.getBoundingClientRect();
    return {
      direction: getComputedStyle(document.querySelector('.aisle-panel')!).direction,
      panelLeft: panel.left,
      panelRight: panel.right,
      textRightGap: greetingBox.right - padding - Math.max(...words.map((r) => r.right)),
      textLeftGap: Math.min(...words.map((r) => r.left)) - greetingBox.left,
      titleLeft: title.left,
      lastButtonRight: lastButton.right,
      cardNameAlign: getComputedStyle(document.querySelector('.aisle-card__name')!).textAlign,
    };
  });
  expect(layout.direction).toBe('rtl');
  // The panel opens on the left, above the launcher.
  expect(layout.panelRight).toBeLessThan(viewport.width / 2);
  // Text runs from the right: flush right, ragged left.
  expect(Math.abs(layout.textRightGap)).toBeLessThan(2);
  expect(layout.textLeftGap).toBeGreaterThan(layout.textRightGap);
  // The header is mirrored: the title on the right, the buttons after it to its left.
  expect(layout.lastButtonRight).toBeLessThanOrEqual(layout.titleLeft);
  expect(['right', 'start']).toContain(layout.cardNameAlign);
});

/** The demo store page (the proxy with no keys), its images served from this proxy. */
async function demoPage(lang: 'he' | 'en') {
  const page = await newContext({ locale: lang === 'he' ? 'he-IL' : 'en-US' });
  const publicOrigin = new URL(demo.aisle.demo!.catalog.products[0]!.images[0]!.src).origin;
  if (publicOrigin !== demo.url) {
    await page.route(`${publicOrigin}/demo/images/**`, async (route) => {
      const url = new URL(route.request().url());
      await route.fulfill({ response: await route.fetch({ url: `${demo.url}${url.pathname}` }) });
    });
  }
  await page.goto(`${demo.url}/${lang === 'en' ? '?lang=en' : ''}`);
  const parts = widgetParts(page);
  await parts.launcher.waitFor({ state: 'visible' });
  return { page, parts };
}

test.each(['he', 'en'] as const)(
  'demo store page (%s): no violation closed, open, and with the answer and cards',
  async (lang) => {
    const { page, parts } = await demoPage(lang);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe(lang);
    await expectNoViolations(page, `demo ${lang}: closed`, reports);
    await openWidget(page);
    await expectNoViolations(page, `demo ${lang}: open`, reports);
    await sendMessage(parts, lang === 'he' ? DOG_FOOD : 'dog food');
    await parts.cards.first().waitFor({ state: 'visible' });
    await parts.sendButton.waitFor({ state: 'visible' });
    await expectNoViolations(page, `demo ${lang}: answer with cards`, reports);
  },
);

/**
 * Widget events and the shopper's consent in real Chromium, against the real proxy: with the WP
 * Consent API refusing statistics, a whole visit (open, message, cards, card click, leaving the
 * page) sends no request to /api/events; once the shopper agrees, the events of what follows
 * reach the proxy in one batch when the page is left. Needs the widget built into proxy/static/.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { STATIC_DIR } from '../../../proxy/src/app/compose';
import { startChatWorld, type ChatWorld } from '../../chat/setup';
import { launchBrowser, type LaunchedBrowser } from '../../helpers/browser';
import { openTestPage, openWidget, sendMessage, servePlaceholderImages, type WidgetParts } from './page';
import { waitUntil } from './support';

jest.setTimeout(90_000);

let world: ChatWorld;
let browser: LaunchedBrowser;
let context: BrowserContext | undefined;

beforeAll(async () => {
  for (const file of ['widget.js', 'aisle-panel.js']) {
    if (!existsSync(path.join(STATIC_DIR, file))) throw new Error(`${file} is not built: run npm run build:widget`);
  }
  [world, browser] = await Promise.all([startChatWorld(), launchBrowser({ locale: 'en-US' })]);
});
afterAll(async () => {
  await browser?.close();
  await world?.close();
});
afterEach(async () => {
  await context?.close();
  context = undefined;
});

/** The WP Consent API as its script defines it: `wp_has_consent` answers from the shopper's choice. */
const CONSENT_API = `(() => {
  window.__statistics = 'deny';
  window.wp_has_consent = (category) => category === 'statistics' && window.__statistics === 'allow';
  window.AisleConfig = { consent: { api: true, category: 'statistics' } };
})()`;

/** Every request any page of the context makes to /api/events (keepalive ones after leaving too). */
async function shopperPage(): Promise<{ page: Page; eventRequests: string[] }> {
  context = await browser.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  context.setDefaultTimeout(10_000);
  const eventRequests: string[] = [];
  context.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/events') eventRequests.push(request.postData() ?? '');
  });
  const page = await context.newPage();
  await page.addInitScript(CONSENT_API);
  await servePlaceholderImages(page, world.woo.url);
  await openTestPage(page, { proxyUrl: world.proxy.url });
  return { page, eventRequests };
}

/** What a shopper does in a visit: open, ask, see cards, click one (its page is not followed). */
async function visit(page: Page): Promise<WidgetParts> {
  const parts = await openWidget(page);
  await sendMessage(parts, 'dog food please');
  await parts.cards.first().waitFor({ state: 'visible', timeout: 30_000 });
  await page.route('**/product/**', (route) => route.fulfill({ status: 204, body: '' }));
  await parts.cards
    .first()
    .locator('.aisle-card__name a')
    .click({ modifiers: ['ControlOrMeta'] });
  return parts;
}

async function widgetEventsCounted(): Promise<number> {
  const text = await (await fetch(`${world.proxy.url}/metrics`)).text();
  return [...text.matchAll(/^aisle_widget_events_total\{[^}]*\} (\d+)/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
}

test('with statistics refused, no request reaches /api/events during a whole visit', async () => {
  const before = await widgetEventsCounted();
  const { page, eventRequests } = await shopperPage();
  await visit(page);
  // Longer than the queue's timer, then the tab is hidden and the page left: every moment a queue would be sent.
  await new Promise((r) => setTimeout(r, 5500));
  await page.evaluate(`(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  })()`);
  await page.goto('about:blank');
  await new Promise((r) => setTimeout(r, 500));
  expect(eventRequests).toEqual([]);
  expect(await widgetEventsCounted()).toBe(before);
});

/** Polls the proxy's own count until it reaches `want` (or gives up after 5 s) and returns it. */
async function countedEventually(want: number): Promise<number> {
  let counted = await widgetEventsCounted();
  for (let i = 0; i < 50 && counted < want; i += 1) {
    await new Promise((r) => setTimeout(r, 100));
    counted = await widgetEventsCounted();
  }
  return counted;
}

test('consent given during the visit: what follows is sent (tab hidden, page left), without message text', async () => {
  const before = await widgetEventsCounted();
  const { page, eventRequests } = await shopperPage();
  const parts = await openWidget(page);
  // The open happened before consent: it is never sent.
  await page.evaluate(`(() => {
    window.__statistics = 'allow';
    document.dispatchEvent(new CustomEvent('wp_listen_for_consent_change', { detail: { statistics: 'allow' } }));
  })()`);
  await sendMessage(parts, 'dog food please');
  await parts.cards.first().waitFor({ state: 'visible', timeout: 30_000 });
  await page.route('**/product/**', (route) => route.fulfill({ status: 204, body: '' }));
  const name = parts.cards.first().locator('.aisle-card__name a');
  await name.click({ modifiers: ['ControlOrMeta'] });
  // The shopper switches tabs: the queue is flushed at once.
  await page.evaluate(`(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
  })()`);
  const sentTypes = () =>
    eventRequests.flatMap((body) => (JSON.parse(body) as { events: Array<{ type: string }> }).events.map((e) => e.type));
  await waitUntil(() => sentTypes().includes('card_click'), 'the card click to be sent');
  // In one batch, unless the 5 s timer already sent the message on a slow machine.
  expect(eventRequests.length).toBeLessThanOrEqual(2);
  expect(sentTypes()).toEqual(['message_sent', 'card_click']);
  expect(eventRequests.join('')).not.toMatch(/dog food/);
  expect(await countedEventually(before + 2)).toBe(before + 2);

  // Another click, then the page is left: the keepalive request still reaches the proxy.
  await name.click({ modifiers: ['ControlOrMeta'] });
  await page.goto('about:blank');
  expect(await countedEventually(before + 3)).toBe(before + 3);
});

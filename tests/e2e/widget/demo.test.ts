/**
 * The demo store in real Chromium: the proxy with no keys at all (demo catalog, offline mode)
 * serves a Hebrew product page with the widget; a shopper asks for dog food and gets the
 * offline catalog answer with cards. Saves the README's demo screenshot.
 */
import type { ChatReply } from '../../../proxy/src/contract/events';
import { launchBrowser, type LaunchedBrowser } from '../../helpers/browser';
import { startProxy, type RunningProxy } from '../../helpers/proxy';
import { openWidget, sendMessage, textOf, widgetParts } from './page';
import { publishScreenshot, viewportScreenshot } from './support';

jest.setTimeout(30_000);

let proxy: RunningProxy;
let browser: LaunchedBrowser;

beforeAll(async () => {
  [proxy, browser] = await Promise.all([startProxy({}), launchBrowser({ locale: 'he-IL' })]);
});

afterAll(async () => {
  await browser?.close();
  await proxy?.close();
});

test('demo store: Hebrew page, offline catalog answer with product cards', async () => {
  const demo = proxy.aisle.demo;
  expect(demo).not.toBeNull();
  const { page } = browser;
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  // The demo writes absolute image URLs for its public URL (http://localhost:8000 unless
  // AISLE_PUBLIC_URL is set); this proxy listens on a random port, so send them there.
  const publicOrigin = new URL(demo!.catalog.products[0]!.images[0]!.src).origin;
  if (publicOrigin !== proxy.url) {
    await page.route(`${publicOrigin}/demo/images/**`, async (route) => {
      const url = new URL(route.request().url());
      await route.fulfill({ response: await route.fetch({ url: `${proxy.url}${url.pathname}` }) });
    });
  }

  await page.goto(`${proxy.url}/`);
  await expect(page.locator('html').getAttribute('dir')).resolves.toBe('rtl');
  await expect(page.locator('html').getAttribute('lang')).resolves.toMatch(/^he/);

  const question = 'מזון לכלבים';
  // What the proxy answers this question with, asked directly: the widget must show the same.
  const expected = (await (
    await fetch(`${proxy.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: question, thread_id: null }),
    })
  ).json()) as ChatReply;
  expect(expected.products.length).toBeGreaterThan(1);

  const parts = widgetParts(page);
  await openWidget(page);
  await expect(parts.panel.getAttribute('dir')).resolves.toBe('rtl');
  await sendMessage(parts, question);
  await parts.cards.nth(expected.products.length - 1).waitFor({ state: 'visible' });
  await parts.sendButton.waitFor({ state: 'visible' });

  const replyText = await textOf(parts.lastReply.locator('.aisle-message__text'));
  expect(replyText).toBe(expected.reply.replace(/\s+/g, ' ').trim());
  const names = await parts.cards.locator('.aisle-card__name').allTextContents();
  expect(names.map((n) => n.trim())).toEqual(expected.products.map((p) => p.name));
  // Every card's picture really loaded.
  const imageWidths = await parts.cards
    .locator('img.aisle-card__image')
    .evaluateAll((images) => images.map((img) => (img as HTMLImageElement).naturalWidth));
  expect(imageWidths).toHaveLength(expected.products.filter((p) => p.image).length);
  expect(imageWidths.every((w) => w > 0)).toBe(true);

  // The top of the answer in view (the offline notice and the first cards). Only the panel's
  // body scrolls: scrollIntoView would also scroll the overflow-hidden panel, header and all.
  await parts.lastReply.evaluate((reply) => {
    const body = reply.closest('.aisle-panel__body') as HTMLElement;
    body.scrollTop = (reply as HTMLElement).offsetTop - body.offsetTop - 60;
  });
  const shot = await viewportScreenshot(page, 'demo-chat-he');
  await publishScreenshot(shot, 'demo-chat-he');
  expect(pageErrors).toEqual([]);
});

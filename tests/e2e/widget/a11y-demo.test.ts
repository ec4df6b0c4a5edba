/**
 * axe-core (WCAG 2.2 AA) on the demo store page (`npm start` with no store), Hebrew and English,
 * in every state it has: closed, open, streaming, an answer with cards, an error with Retry,
 * and full screen on a phone (the demo has no cart, so no variation picker: a11y.test.ts checks
 * that one on a shop page). The demo runs on the fake OpenAI here (AISLE_DEMO=on) so a stream
 * can be held open and an error scripted.
 */
import type { Page } from 'playwright-core';
import { startFakeOpenAI } from '../../fakes/openai';
import type { FakeOpenAI } from '../../fakes/openai/types';
import { launchBrowser, type LaunchedBrowser } from '../../helpers/browser';
import { fakeOpenAIKey } from '../../helpers/keys';
import { startProxy, type RunningProxy } from '../../helpers/proxy';
import { expectNoViolations, type AxeReport } from './axe';
import { openWidget, sendMessage, widgetParts } from './page';

jest.setTimeout(90_000);

let openai: FakeOpenAI;
let demo: RunningProxy;
let browser: LaunchedBrowser;
let pageErrors: string[] = [];
const reports: AxeReport[] = [];
/** Two products of the demo catalog, what the fake "finds" for dog food. */
let shownIds: number[] = [];

beforeAll(async () => {
  const key = fakeOpenAIKey('demo');
  openai = await startFakeOpenAI({ apiKey: key, tokenDelayMs: 10, productIdsFor: (t) => (/כלב|dog/i.test(t) ? shownIds : []) });
  [demo, browser] = await Promise.all([
    startProxy({ AISLE_DEMO: 'on', OPENAI_API_KEY: key, OPENAI_BASE_URL: openai.baseURL }),
    launchBrowser({ locale: 'he-IL' }),
  ]);
  const products = demo.aisle.demo!.catalog.products;
  shownIds = [products.find((p) => p.type === 'simple')!.id, products.find((p) => p.type === 'variable')!.id];
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
  await openai?.close();
  // eslint-disable-next-line no-console
  console.log(
    `axe on the demo page (WCAG 2.2 AA):\n${reports.map((r) => `  ${r.state}: ${r.violations.length} violations, ${r.passes} rules passed`).join('\n')}`,
  );
});

beforeEach(() => {
  pageErrors = [];
  openai.reset();
});

/** The demo page in a fresh context, its images served from this proxy. */
async function demoPage(lang: 'he' | 'en', phone = false): Promise<Page> {
  const context = await browser.browser.newContext({
    locale: lang === 'he' ? 'he-IL' : 'en-US',
    ...(phone ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const publicOrigin = new URL(demo.aisle.demo!.catalog.products[0]!.images[0]!.src).origin;
  if (publicOrigin !== demo.url) {
    await page.route(`${publicOrigin}/demo/images/**`, async (route) => {
      const url = new URL(route.request().url());
      await route.fulfill({ response: await route.fetch({ url: `${demo.url}${url.pathname}` }) });
    });
  }
  await page.goto(`${demo.url}/${lang === 'en' ? '?lang=en' : ''}`);
  await widgetParts(page).launcher.waitFor({ state: 'visible' });
  return page;
}

test.each(['he', 'en'] as const)('demo store page (%s): no violation in any state', async (lang) => {
  const page = await demoPage(lang);
  const parts = widgetParts(page);
  const dog = lang === 'he' ? 'מזון לכלבים' : 'dog food';
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe(lang);
  await expectNoViolations(page, `demo ${lang}: closed`, reports);
  await openWidget(page);
  await expectNoViolations(page, `demo ${lang}: open`, reports);

  openai.enqueue({
    kind: 'stall',
    afterEvents: 10,
    then: { kind: 'text', text: 'one two three four five six seven eight nine ten' },
  });
  await sendMessage(parts, 'hello');
  await parts.lastReply.locator('.aisle-message__text').waitFor({ state: 'visible' });
  await expectNoViolations(page, `demo ${lang}: streaming`, reports);
  await parts.stopButton.click();
  await parts.sendButton.waitFor({ state: 'visible' });

  await sendMessage(parts, dog);
  await parts.cards.nth(1).waitFor({ state: 'visible' });
  await parts.sendButton.waitFor({ state: 'visible' });
  await expectNoViolations(page, `demo ${lang}: answer with cards`, reports);

  openai.enqueue({ kind: 'http_error', status: 503 });
  await sendMessage(parts, dog);
  await parts.error.getByRole('button').waitFor({ state: 'visible' });
  await expectNoViolations(page, `demo ${lang}: error with Retry`, reports);
  await page.context().close();
  expect(pageErrors).toEqual([]);
});

test('demo store page on a phone: the full-screen panel passes, and so does the page after closing it', async () => {
  const page = await demoPage('he', true);
  const parts = await openWidget(page);
  await expect(parts.panel.getAttribute('aria-modal')).resolves.toBe('true');
  await sendMessage(parts, 'מזון לכלבים');
  await parts.cards.nth(1).waitFor({ state: 'visible' });
  await expectNoViolations(page, 'demo he: mobile full screen with cards', reports);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.activeElement?.classList.contains('aisle-launcher'));
  await expectNoViolations(page, 'demo he: mobile, closed again', reports);
  await page.context().close();
  expect(pageErrors).toEqual([]);
});

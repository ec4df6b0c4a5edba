/**
 * Helpers for the widget's browser tests: a test page served on the proxy's own origin
 * (through Playwright routing, so the widget's requests are same-origin and need no CORS),
 * placeholder product images, and locators for the widget's parts.
 */
import type { Locator, Page } from 'playwright-core';

export interface TestPageOptions {
  proxyUrl: string;
  /** `<html lang>`; the widget takes its locale and direction from it. Default `he`. */
  lang?: string;
  dir?: 'rtl' | 'ltr';
  /** `data-first-byte-timeout-ms` on the script tag. */
  firstByteTimeoutMs?: number;
  quickPrompts?: string[];
  /** More `data-*` attributes for the script tag, e.g. `{ 'data-rest-root': … }` for a Store API cart. */
  attributes?: Record<string, string>;
}

/** Where the page is served; it lives only in Playwright's router, not on the proxy. */
export const TEST_PAGE_PATH = '/test-page.html';

const escapeAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A plain shop page with one script tag, as a store would embed the standalone widget. */
export function testPageHtml(options: TestPageOptions): string {
  const lang = options.lang ?? 'he';
  const dir = options.dir ?? (lang === 'he' ? 'rtl' : 'ltr');
  const attributes: Record<string, string> = {
    src: `${options.proxyUrl}/widget.js`,
    'data-proxy-url': options.proxyUrl,
    // The tests open the panel themselves; an idle preload would only race with them.
    'data-preload-on-idle': 'false',
  };
  if (options.firstByteTimeoutMs !== undefined) attributes['data-first-byte-timeout-ms'] = String(options.firstByteTimeoutMs);
  if (options.quickPrompts) attributes['data-quick-prompts'] = JSON.stringify(options.quickPrompts);
  Object.assign(attributes, options.attributes);
  const scriptAttributes = Object.entries(attributes)
    .map(([name, value]) => `${name}="${escapeAttribute(value)}"`)
    .join(' ');
  return `<!doctype html>
<html lang="${lang}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>חנות החיות — בדיקה</title>
<style>
  body { margin: 0; font-family: system-ui, sans-serif; background: #f6f4ef; color: #222; }
  header { padding: 16px 24px; background: #2d3a2e; color: #fff; font-size: 20px; font-weight: 600; }
  main { max-width: 760px; margin: 24px auto; padding: 0 24px; line-height: 1.6; }
</style>
</head>
<body>
<header>חנות החיות</header>
<main>
  <h1>מזון וציוד לחיות מחמד</h1>
  <p>משלוח חינם בהזמנה מעל 200 ש״ח. השאלות שלכם? העוזר שלנו כאן בפינה.</p>
</main>
<script ${scriptAttributes}></script>
</body>
</html>`;
}

/** A small coloured square for product images the fake WooCommerce does not serve. */
function placeholderSvg(label: string): string {
  let hash = 0;
  for (const char of label) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  const hue = hash % 360;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="300" viewBox="0 0 300 300">
<rect width="300" height="300" fill="hsl(${hue},45%,82%)"/>
<circle cx="150" cy="130" r="60" fill="hsl(${hue},40%,62%)"/>
<rect x="70" y="210" width="160" height="24" rx="12" fill="hsl(${hue},35%,55%)"/>
</svg>`;
}

/** Answers image requests under `imageBaseUrl` with placeholders, so cards show a picture. */
export async function servePlaceholderImages(page: Page, imageBaseUrl: string): Promise<void> {
  await page.route(`${imageBaseUrl}/wp-content/uploads/**`, (route) =>
    route.fulfill({ status: 200, contentType: 'image/svg+xml', body: placeholderSvg(route.request().url()) }),
  );
}

/** Serves the test page at `${proxyUrl}/test-page.html` and opens it. */
export async function openTestPage(page: Page, options: TestPageOptions): Promise<void> {
  const html = testPageHtml(options);
  await page.route(`${options.proxyUrl}${TEST_PAGE_PATH}`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
  );
  await page.goto(`${options.proxyUrl}${TEST_PAGE_PATH}`);
}

/** Locators for the widget's parts, by role and label where the widget offers them. */
export function widgetParts(page: Page) {
  const panel = page.locator('.aisle-panel');
  const replies = panel.locator('.aisle-message--assistant:not(.aisle-message--greeting)');
  return {
    root: page.locator('.aisle-root'),
    launcher: page.locator('.aisle-launcher'),
    panel,
    input: panel.locator('textarea.aisle-composer__input'),
    sendButton: panel.locator('.aisle-composer button[type="submit"]'),
    stopButton: panel.locator(
      '.aisle-composer button[type="button"]:not(.aisle-composer__button--photo, .aisle-composer__remove, .aisle-voice__button)',
    ),
    userMessages: panel.locator('.aisle-message--user'),
    replies,
    lastReply: replies.last(),
    cards: panel.locator('.aisle-card'),
    error: panel.locator('.aisle-error'),
    typing: panel.locator('.aisle-typing'),
  };
}

export type WidgetParts = ReturnType<typeof widgetParts>;

/** Clicks the launcher and waits for the panel and its message box. */
export async function openWidget(page: Page): Promise<WidgetParts> {
  const parts = widgetParts(page);
  await parts.launcher.click();
  await parts.input.waitFor({ state: 'visible' });
  return parts;
}

/** Types a message and sends it with Enter, as a shopper does. */
export async function sendMessage(parts: WidgetParts, text: string): Promise<void> {
  await parts.input.fill(text);
  await parts.input.press('Enter');
}

/**
 * Starts recording every distinct text the newest assistant reply shows, in the page itself
 * (a MutationObserver sees each React commit; polling from the test could miss some).
 */
/**
 * In-page recorder of the newest assistant reply's texts, and of whether the typing indicator
 * showed before the first of them. A string, not a function, so no transpiler helper
 * (`__name`, coverage counters) leaks into the page.
 */
const REPLY_RECORDER = `(() => {
  window.__aisleReplyObserver?.disconnect();
  const log = { texts: [], typingBeforeText: false };
  window.__aisleReplyLog = log;
  const panel = document.querySelector('.aisle-panel');
  if (!panel) throw new Error('open the widget before recording');
  const record = () => {
    if (log.texts.length === 0 && panel.querySelector('.aisle-typing')) log.typingBeforeText = true;
    const replies = panel.querySelectorAll('.aisle-message--assistant:not(.aisle-message--greeting) .aisle-message__text');
    const text = replies[replies.length - 1]?.textContent ?? '';
    if (text !== '' && log.texts.at(-1) !== text) log.texts.push(text);
  };
  window.__aisleReplyObserver = new MutationObserver(record);
  window.__aisleReplyObserver.observe(panel, { subtree: true, childList: true, characterData: true });
})()`;

export interface ReplyLog {
  /** Every distinct text the newest reply showed, in order. */
  texts: string[];
  /** The typing indicator was on screen before any reply text. */
  typingBeforeText: boolean;
}

/**
 * Starts recording what the newest assistant reply shows, in the page itself (a
 * MutationObserver sees each React commit; polling from the test could miss some). Call it
 * before sending, after the last reply finished. Resolves with a reader of the log so far.
 */
export async function recordReplies(page: Page): Promise<() => Promise<ReplyLog>> {
  await page.evaluate(REPLY_RECORDER);
  return () => page.evaluate('JSON.parse(JSON.stringify(window.__aisleReplyLog))') as Promise<ReplyLog>;
}

/** The locator's visible text, whitespace collapsed. */
export async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

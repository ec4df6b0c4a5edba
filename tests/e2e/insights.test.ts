/**
 * The owner's Insights screen on a real store: WordPress 7.0.4 + WooCommerce 11.0.1 (block theme),
 * the real proxy on the fake OpenAI, real Chromium. Two chat visitors hold scripted conversations
 * through the widget (three messages, two product cards, one add to cart from a card), one of them
 * orders with cash on delivery (processing); a holdout visitor sees no launcher and orders from the
 * product page. Then WooCommerce › Aisle insights shows every number, each checked against the
 * conversations and orders that made it, and the CSV export says the same.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { startFakeOpenAI } from '../fakes/openai';
import type { FakeOpenAI } from '../fakes/openai/types';
import { launchBrowser, screenshot, wpLogin, type LaunchedBrowser } from '../helpers/browser';
import { fakeOpenAIKey } from '../helpers/keys';
import { startProxy, type RunningProxy } from '../helpers/proxy';
import { startWordPress, type WordPressSite } from '../helpers/wordpress';
import { buildPluginZip } from './store/plugin-zip';
import { adminClient } from './store/proxy-admin';
import { publishShot } from './store/screenshots';
import { checkOut } from './store/shop';

// Each step is short on a quiet machine (the whole file takes about 150 s there); the margin is for a busy one.
jest.setTimeout(240_000);

const execFileAsync = promisify(execFile);
const secret = randomBytes(32).toString('base64url');
const openaiKey = fakeOpenAIKey(`in${randomBytes(8).toString('hex')}`);
const today = new Date().toISOString().slice(0, 10);
const BUYER = {
  email: 'shopper@example.com',
  firstName: 'Dana',
  lastName: 'Levi',
  address: '10 Herzl St',
  city: 'Haifa',
  postcode: '3100001',
  phone: '0501234567',
};
const MESSAGES = ['Which dog food do you have for a puppy?', 'Which of them is cheaper?', 'How long does delivery take?'];

/** Wilson interval and Newcombe's difference, written again here so the test does not trust the plugin's copy. */
function wilson(x: number, n: number): [number, number] {
  const z = 1.959963984540054;
  const p = x / n;
  const denom = 1 + (z * z) / n;
  const center = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return [Math.max(0, center - half), Math.min(1, center + half)];
}
function newcombe(x1: number, n1: number, x2: number, n2: number) {
  const [l1, u1] = wilson(x1, n1);
  const [l2, u2] = wilson(x2, n2);
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  return {
    difference: p1 - p2,
    low: p1 - p2 - Math.hypot(p1 - l1, u2 - p2),
    high: p1 - p2 + Math.hypot(u1 - p1, p2 - l2),
  };
}

/** A CSV line's cells (the report's cells never hold a comma or a quote except quoted terms). */
const csvCells = (line: string) =>
  [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"')).slice(0, -1);

let wp: WordPressSite | undefined;
let openai: FakeOpenAI | undefined;
let browser: LaunchedBrowser | undefined;
let proxy: RunningProxy | undefined;
let workDir = '';
const contexts: BrowserContext[] = [];
const orders: { chat: number; holdout: number } = { chat: 0, holdout: 0 };
/** Widget events the visitors' browsers sent to the proxy (`POST /api/events`), as sent. */
const sentEvents: Array<{ type?: string; rating?: string }> = [];
const widgetEvents = (type: string, rating?: string) =>
  sentEvents.filter((event) => event.type === type && (rating === undefined || event.rating === rating)).length;

async function visitor(group: 'chat' | 'holdout'): Promise<Page> {
  const context = await browser!.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
  // Generous: a busy machine serves the block checkout slowly.
  context.setDefaultTimeout(60_000);
  context.setDefaultNavigationTimeout(90_000);
  contexts.push(context);
  context.on('request', (request) => {
    if (request.method() !== 'POST' || !request.url().startsWith(`${proxy!.url}/api/events`)) return;
    const body = JSON.parse(request.postData() ?? '{}') as { events?: typeof sentEvents } & (typeof sentEvents)[number];
    sentEvents.push(...(Array.isArray(body.events) ? body.events : [body]));
  });
  await context.addCookies([{ name: 'aisle_group', value: group, url: wp!.url }]);
  return context.newPage();
}

/** Sends a message in the open chat and waits for the assistant's answer to end. */
async function say(page: Page, text: string, answer: string): Promise<void> {
  const input = page.locator('.aisle-composer__input');
  await input.fill(text);
  await input.press('Enter');
  await page.locator('.aisle-message--assistant', { hasText: answer }).waitFor();
  await page.locator('.aisle-composer__input:not([disabled])').waitFor();
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'aisle-insights-'));
  const [zip] = await Promise.all([
    buildPluginZip(path.join(workDir, 'aisle.zip')),
    startWordPress({ version: '7.0.4', woocommerce: true, theme: 'block', timeoutMs: 120_000 }).then((site) => (wp = site)),
    startFakeOpenAI({ apiKey: openaiKey }).then((started) => (openai = started)),
    launchBrowser({ locale: 'en-US', actionTimeoutMs: 60_000 }).then((launched) => (browser = launched)),
  ]);
  // The plugin as an owner installs it: the zip's folder in wp-content/plugins, then activated.
  await execFileAsync('unzip', ['-q', zip, '-d', wp!.pluginsPath]);
  await wp!.php(
    `$r = activate_plugin('aisle/aisle.php'); if (is_wp_error($r)) { throw new RuntimeException($r->get_error_message()); }`,
  );
  proxy = await startProxy({
    AISLE_CONNECTION_SECRET: secret,
    OPENAI_BASE_URL: openai!.baseURL,
    AISLE_ALLOWED_ORIGINS: wp!.url,
    AISLE_CURRENCY: 'ILS',
  });
  // The owner's settings and Connect, as the settings screen would save them.
  const connected = JSON.parse(
    await wp!.php(`
      (new Aisle\\Settings\\Settings())->update(array('proxy_url' => '${proxy.url}', 'connection_secret' => '${secret}', 'openai_api_key' => '${openaiKey}', 'holdout_percent' => 20));
      wp_set_current_user(1);
      echo json_encode(Aisle\\Plugin::instance()->connector()->connect(1));`),
  ) as { ok: boolean; message: string };
  expect(connected).toMatchObject({ ok: true });
}, 240_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await proxy?.close();
  await Promise.allSettled([wp?.stop(), openai?.close()]);
  if (workDir) await rm(workDir, { recursive: true, force: true });
  // eslint-disable-next-line no-console
  console.log(`insights timings: ${JSON.stringify({ wordpressStartup: wp?.startupMs, builtSnapshot: wp?.builtSnapshot })}`);
});

test('two chat visitors talk to the assistant; one adds a product from a card and orders it with cash on delivery', async () => {
  const store = wp!.store!;
  const simple = store.products.simple;
  const sale = store.products.sale;
  const a = await visitor('chat');
  try {
    await a.goto(`${wp!.url}${simple.path}`);
    await a.locator('.aisle-launcher').click();
    openai!.enqueue(
      { kind: 'function_call', name: 'show_products', arguments: JSON.stringify({ product_ids: [simple.id, sale.id] }) },
      { kind: 'text', text: 'Here are two foods for puppies.' },
    );
    await say(a, MESSAGES[0]!, 'Here are two foods for puppies.');
    await a.locator('.aisle-card').nth(1).waitFor();
    openai!.enqueue({ kind: 'text', text: 'The one on sale is cheaper.' });
    await say(a, MESSAGES[1]!, 'The one on sale is cheaper.');
    const card = a.locator('.aisle-card', { hasText: simple.name });
    await card.locator('.aisle-card__add').click();
    await card.locator('.aisle-card__added').waitFor();
    // The event goes out with the next batch (a timer); leaving for checkout before it would only hand it to
    // a keepalive request, which the browser may send after this page's request listener is gone.
    for (const until = Date.now() + 20_000; widgetEvents('add_to_cart') === 0 && Date.now() < until;) await a.waitForTimeout(200);
    expect(widgetEvents('add_to_cart')).toBe(1);
    orders.chat = await checkOut(a, 'block', `${wp!.url}${store.pages.checkout}`, BUYER);

    const b = await visitor('chat');
    await b.goto(`${wp!.url}${sale.path}`);
    await b.locator('.aisle-launcher').click();
    openai!.enqueue({ kind: 'text', text: 'Delivery takes two working days.' });
    await say(b, MESSAGES[2]!, 'Delivery takes two working days.');
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${await screenshot(a, 'insights-chat-failure')}\n${await wp!.logs()}`, {
      cause: error,
    });
  }
  const order = JSON.parse(
    await wp!.php(
      `$o = wc_get_order(${orders.chat}); echo json_encode(['status' => $o->get_status(), 'payment' => $o->get_payment_method(), 'group' => $o->get_meta('_aisle_group'), 'attributed' => $o->get_meta('_aisle_attributed'), 'source_type' => $o->get_meta('_wc_order_attribution_source_type'), 'prior' => $o->get_meta('_aisle_prior_source_type')]);`,
    ),
  ) as Record<string, string>;
  expect(order).toEqual({
    status: 'processing',
    payment: 'cod',
    group: 'chat',
    attributed: 'yes',
    source_type: 'aisle',
    prior: 'typein',
  });
});

test('a holdout visitor gets no launcher at all and orders from the product page', async () => {
  const store = wp!.store!;
  const c = await visitor('holdout');
  await c.goto(`${wp!.url}${store.products.simple.path}`);
  // The loader ran (it always does) and drew nothing.
  await c.waitForFunction(() => (window as unknown as { __aisleWidgetStarted?: boolean }).__aisleWidgetStarted === true);
  await c.waitForLoadState('networkidle');
  // The loader starts in an idle callback queued at the load event; one queued now runs after it.
  await c.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 5000 })));
  expect(await c.locator('.aisle-root, .aisle-launcher').count()).toBe(0);
  await c.locator('.single_add_to_cart_button').first().click();
  await c.waitForLoadState('networkidle');
  orders.holdout = await checkOut(c, 'block', `${wp!.url}${store.pages.checkout}`, BUYER);
  const meta = JSON.parse(
    await wp!.php(
      `$o = wc_get_order(${orders.holdout}); echo json_encode(['status' => $o->get_status(), 'group' => $o->get_meta('_aisle_group'), 'attributed' => $o->get_meta('_aisle_attributed'), 'source_type' => $o->get_meta('_wc_order_attribution_source_type')]);`,
    ),
  ) as Record<string, string>;
  expect(meta).toEqual({ status: 'processing', group: 'holdout', attributed: '', source_type: 'typein' });
});

test("the order screen names the chat as the chat order's origin, and WooCommerce's own for the other", async () => {
  const page = browser!.page;
  await wpLogin(page, wp!);
  const origin = async (id: number) => {
    await page.goto(`${wp!.url}/wp-admin/admin.php?page=wc-orders&action=edit&id=${id}`, {
      waitUntil: 'domcontentloaded',
      timeout: 60_000,
    });
    return (await page.locator('#woocommerce-order-source-data').textContent()) ?? '';
  };
  expect(await origin(orders.chat)).toContain('Aisle chat');
  const other = await origin(orders.holdout);
  expect(other).not.toContain('Aisle chat');
  expect(other).toContain('Direct');
});

test('WooCommerce › Aisle insights shows every number of the conversations and orders, and the CSV says the same', async () => {
  const page = browser!.page;
  // Through the menu, as an owner finds it: WooCommerce › Aisle insights.
  await page.goto(`${wp!.url}/wp-admin/`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await page.locator('#toplevel_page_woocommerce').hover();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400 && response.url().startsWith(wp!.url)) problems.push(`${response.status()} ${response.url()}`);
  });
  await page.locator('#toplevel_page_woocommerce a[href$="admin.php?page=aisle-insights"]').click();
  await page
    .locator('[data-metric="totals.conversations"]')
    .waitFor({ timeout: 60_000 })
    .catch(async (error: Error) => {
      const root = await page
        .locator('#wpbody-content')
        .innerHTML()
        .catch(() => '');
      throw new Error(
        `${error.message}\n${problems.join('\n')}\n${root.slice(0, 3000)}\n${await screenshot(page, 'insights-screen-failure')}`,
      );
    });
  expect(problems).toEqual([]);
  await publishShot(page, 'insights-01-screen', true);

  // What the proxy says about this store (signed, as the plugin asks) and what WooCommerce holds.
  const siteId = new URL(wp!.url).host;
  const report = (await adminClient(proxy!.url, siteId, secret).call('GET', `/api/admin/insights?from=${today}&to=${today}`))
    .body as {
    totals: Record<string, number | null>;
    top_terms: Array<{ term: string; count: number }>;
    top_phrases: Array<{ term: string; count: number }>;
    prices: { taken: string; models: Record<string, { input: number; output: number }> };
  };
  const status = (await adminClient(proxy!.url, siteId, secret).call('GET', '/api/admin/status')).body as {
    spend?: { tokens_used?: number };
  };
  const revenue = Number(
    await wp!.php(
      `$o = wc_get_order(${orders.chat}); $t = 0; foreach ($o->get_items() as $i) { if ($i->get_meta('_aisle_thread')) { $t += (float) $i->get_total() + (float) $i->get_total_tax(); } } echo $t;`,
    ),
  );
  expect(revenue).toBeCloseTo(Number(wp!.store!.products.simple.price), 2);

  const tokensIn = report.totals.tokens_in ?? -1;
  const tokensOut = report.totals.tokens_out ?? -1;
  expect(tokensIn + tokensOut).toBe(status.spend?.tokens_used);
  expect(tokensIn).toBeGreaterThan(0);
  const price = report.prices.models['gpt-6-luna']!;
  const cost = Number(((tokensIn * price.input + tokensOut * price.output) / 1e6).toFixed(6));
  const ci = newcombe(1, 2, 1, 1);
  const [chatLow, chatHigh] = wilson(1, 2);
  const expected: Record<string, number> = {
    conversations: 2,
    messages: 3,
    products_shown: 2,
    products_clicked: widgetEvents('card_click'),
    products_added: widgetEvents('add_to_cart'),
    attributed_orders: 1,
    attributed_revenue: revenue,
    tokens_in: tokensIn,
    tokens_out: tokensOut,
    cost_usd: cost,
    feedback_up: widgetEvents('feedback', 'up'),
    feedback_down: widgetEvents('feedback', 'down'),
  };
  const want = new Map<string, number>();
  for (const [key, value] of Object.entries(expected)) want.set(`totals.${key}`, value);
  want.set('totals.cost_per_attributed_order', cost);
  const days = Array.from({ length: 30 }, (_, i) =>
    new Date(Date.parse(`${today}T00:00:00Z`) - (29 - i) * 86_400_000).toISOString().slice(0, 10),
  );
  for (const day of days)
    for (const [key, value] of Object.entries(expected)) want.set(`day.${day}.${key}`, day === today ? value : 0);
  want.set('conversion.chat.rate', 0.5).set('conversion.chat.orders', 1).set('conversion.chat.sessions', 2);
  want.set('conversion.holdout.rate', 1).set('conversion.holdout.orders', 1).set('conversion.holdout.sessions', 1);
  want.set('conversion.difference', ci.difference).set('conversion.low', ci.low).set('conversion.high', ci.high);
  expect(report.top_terms.length).toBeGreaterThan(0);
  for (const term of report.top_terms) want.set(`term.${term.term}`, term.count);
  for (const phrase of report.top_phrases) want.set(`phrase.${phrase.term}`, phrase.count);

  const shown = await page.$$eval('[data-metric]', (els) =>
    els.map((el) => [(el as HTMLElement).dataset.metric!, (el as HTMLElement).dataset.value!, el.textContent ?? ''] as const),
  );
  const got = new Map(shown.map(([metric, value]) => [metric, Number(value)]));
  expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
  for (const [metric, value] of want)
    expect({ metric, value: got.get(metric) }).toEqual({ metric, value: expect.closeTo(value, 6) });
  // As a person reads them: counts and money in the admin's number format.
  const text = new Map(shown.map(([metric, , t]) => [metric, t]));
  expect(text.get('totals.conversations')).toBe('2');
  expect(text.get('totals.attributed_revenue')).toMatch(/189\.90/);
  expect(text.get('conversion.chat.rate')).toBe('50.0%');
  expect(text.get('conversion.difference')).toBe('-50.0%');
  expect(await page.locator('.aisle-insights').textContent()).toContain(report.prices.taken);
  expect(chatLow).toBeLessThan(0.5);
  expect(chatHigh).toBeGreaterThan(0.5);

  // The CSV export of the same range, through the screen's own link.
  const href = await page.locator('.aisle-insights__csv').getAttribute('href');
  const csv = await page.evaluate(async (url) => {
    const response = await fetch(url, { credentials: 'same-origin' });
    return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
  }, href!);
  expect({ status: csv.status, type: csv.type }).toEqual({ status: 200, type: 'text/csv; charset=utf-8' });
  const lines = csv.body.split('\r\n');
  const header = csvCells(lines[0]!);
  const row = (first: string) => {
    const cells = csvCells(lines.find((line) => line.startsWith(`${first},`)) ?? '');
    return Object.fromEntries(header.map((name, i) => [name, cells[i]]));
  };
  for (const [key, value] of Object.entries(expected)) {
    expect({ key, total: Number(row('total')[key]), today: Number(row(today)[key]) }).toEqual({
      key,
      total: expect.closeTo(value, 6),
      today: expect.closeTo(value, 6),
    });
  }
  expect(
    csvCells(lines.find((line) => line.startsWith('chat,'))!)
      .map(Number)
      .slice(1),
  ).toEqual([1, 2, 0.5, expect.closeTo(chatLow, 6), expect.closeTo(chatHigh, 6)]);
  const difference = csvCells(lines.find((line) => line.startsWith('difference,'))!);
  expect(difference.slice(3).map(Number)).toEqual([
    expect.closeTo(ci.difference, 6),
    expect.closeTo(ci.low, 6),
    expect.closeTo(ci.high, 6),
  ]);
  const quoted = (text: string) => (/[",]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const after = (heading: string) => lines.slice(lines.indexOf(heading) + 1, lines.indexOf('', lines.indexOf(heading)));
  expect(after('top_question_term,count')).toEqual(report.top_terms.map((t) => `${quoted(t.term)},${t.count}`));
  expect(after('top_question_phrase,count')).toEqual(report.top_phrases.map((t) => `${quoted(t.term)},${t.count}`));
});

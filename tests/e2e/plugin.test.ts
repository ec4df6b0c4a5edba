/**
 * The WordPress plugin end to end: the built zip uploaded through a Hebrew (RTL)
 * wp-admin in real Chromium, connected to the real proxy running on the fake OpenAI and
 * the fake WooCommerce, a shopper chatting in Hebrew on the front end, bad input on the
 * settings screen, and deactivate + delete leaving nothing behind.
 *
 * WooCommerce cannot be installed here, so the widget shows on "the whole site" and the
 * WooCommerce keys are typed in by hand. The catalog lives on the fake store, whose URL the
 * proxy's WOO_BASE_URL sets (the environment wins over the store URL WordPress pushes);
 * the keys, the OpenAI key and the model come from WordPress only.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { BrowserContext, Page, Request } from 'playwright-core';
import { BRAIN_TEXTS, startFakeOpenAI } from '../fakes/openai';
import type { FakeOpenAI } from '../fakes/openai/types';
import { buildCatalog, startFakeWoo, randomWooKeys, type Catalog, type FakeWoo, type FakeWooOptions } from '../fakes/woo';
import { launchBrowser, screenshot, wpLogin, type LaunchedBrowser } from '../helpers/browser';
import { startProxy, type RunningProxy } from '../helpers/proxy';
import { startWordPress, type WordPressSite } from '../helpers/wordpress';
import { HEBREW_LETTERS, phpString, translated, translatedPattern } from './plugin/translations';
import { deactivate, deletePlugin, uploadAndActivate } from './plugin/wp-admin';

jest.setTimeout(120_000);

const execFileAsync = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const ZIP = path.join(ROOT, 'dist', 'aisle.zip');
const PLUGIN_FILE = 'aisle/aisle.php';
const SCREENSHOTS_DIR = path.join(ROOT, 'docs', 'screenshots');
const DEMO_IMAGES = path.join(ROOT, 'proxy', 'src', 'demo', 'images');

// Only WordPress knows these: the proxy's environment has no OpenAI key and no Woo keys.
const OPENAI_KEY_FROM_WORDPRESS = `sk-test-wp-${randomBytes(12).toString('hex')}`;
const MODEL_FROM_WORDPRESS = 'gpt-6-sol'; // not the proxy's default, so its use shows it was pushed
const WOO_KEYS = randomWooKeys();
const COLOR = '#0f766e';
// Six pages of 100 (the proxy's page size), few of them variable (one more request each): a sync has pages to count.
const PRODUCTS = 600;
const VARIABLE_SHARE = 0.05;
// The fake store reads latencyMs on every request: raised while the sync whose progress is shown runs.
const wooOptions: FakeWooOptions = { consumerKey: WOO_KEYS.consumerKey, consumerSecret: WOO_KEYS.consumerSecret };
const SYNC_LATENCY_MS = 250;

let wp: WordPressSite | undefined;
let browser: LaunchedBrowser | undefined;
let woo: FakeWoo | undefined;
let openai: FakeOpenAI | undefined;
let proxy: RunningProxy | undefined;
let catalog: Catalog | undefined;
let shopper: BrowserContext | undefined;
let visibleIds: number[] = [];
let secret = '';
let siteId = '';
const timings: Record<string, number> = {};
const startedAt = Date.now();
const mark = (step: string) => (timings[step] = Date.now() - startedAt);

const settingsUrl = () => `${wp!.url}/wp-admin/options-general.php?page=aisle`;
const adminPage = () => browser!.page;
const option = async (field: string) =>
  wp!.php(`$s = get_option('aisle_settings'); echo is_array($s) ? (string) $s[${phpString(field)}] : '';`);

/** Runs a step; on failure adds screenshots and the servers' logs to the error. */
async function step(name: string, work: () => Promise<void>, pages: Page[] = [adminPage()]): Promise<void> {
  try {
    await work();
    mark(name);
  } catch (error) {
    const shots = await Promise.all(pages.map((p, i) => screenshot(p, `plugin-${name}-failure-${i}`).catch(() => 'none')));
    const logs = wp ? await wp.logs() : '';
    throw new Error(`${(error as Error).message}\nscreenshots: ${shots.join(', ')}\n${logs}`, { cause: error });
  }
}

async function buildZip(): Promise<void> {
  const env = { ...process.env, PATH: `/root/.cache/aisle-node/node_modules/.bin:${process.env.PATH ?? ''}` };
  if (!existsSync(path.join(ROOT, 'plugin/build/index.asset.php'))) {
    await execFileAsync('npm', ['run', 'build:widget'], { cwd: ROOT, env, timeout: 110_000 });
  }
  await execFileAsync('npm', ['run', 'plugin-zip'], { cwd: ROOT, env, timeout: 30_000 });
}

beforeAll(async () => {
  const results = await Promise.allSettled([
    buildZip().then(() => mark('zip')),
    startFakeWoo(wooOptions).then((started) => {
      woo = started;
      catalog = buildCatalog(PRODUCTS, { baseUrl: started.url, variableShare: VARIABLE_SHARE });
      started.setProducts(catalog.products, catalog.variations);
      const published = catalog.products.filter((p) => p.status === 'publish' && p.catalog_visibility !== 'hidden');
      visibleIds = [
        published.find((p) => p.type === 'simple' && p.stock_status === 'instock')!.id,
        published.find((p) => p.type === 'variable')!.id,
      ];
    }),
    startFakeOpenAI({
      apiKey: OPENAI_KEY_FROM_WORDPRESS,
      tokenDelayMs: 15,
      productIdsFor: (text) => (/מזון|כלב/.test(text) ? visibleIds : []),
    }).then((started) => (openai = started)),
    startWordPress({ locale: 'he_IL', siteTitle: 'חנות החיות של אייל' }).then((site) => {
      wp = site;
      mark('wordpress');
    }),
    launchBrowser({ locale: 'he-IL' }).then((launched) => (browser = launched)),
  ]);
  for (const result of results) if (result.status === 'rejected') throw result.reason;
}, 150_000);

afterAll(async () => {
  await shopper?.close().catch(() => undefined);
  await browser?.close();
  await proxy?.close();
  await Promise.all([wp?.stop(), openai?.close(), woo?.close()]);
  // eslint-disable-next-line no-console
  console.log(`plugin e2e timings (ms since start): ${JSON.stringify({ ...timings, wordpressStartup: wp?.startupMs.total })}`);
});

test('the zip uploads and activates in the Hebrew wp-admin, and the settings screen shows the new secret once', async () => {
  const page = adminPage();
  await step('install', async () => {
    await wpLogin(page, wp!);
    await uploadAndActivate(page, wp!, ZIP, PLUGIN_FILE);
  });
  expect(await wp!.php(`echo json_encode(is_plugin_active('${PLUGIN_FILE}'));`)).toBe('true');

  await step('secret', async () => {
    await page.goto(settingsUrl());
    await page.locator('#aisle-secret-once').waitFor();
  });
  expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
  await expect(page.locator('h1').first().textContent()).resolves.toBe(await translated(wp!, 'Aisle shopping assistant'));
  secret = await page.locator('#aisle-secret-once').inputValue();
  expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(await option('connection_secret')).toBe(secret);
  siteId = await wp!.php('echo \\Aisle\\Site::id();');
  expect(siteId).toBe(new URL(wp!.url).host);

  // Shown once: the next visit shows only its last characters.
  await page.reload();
  await expect(page.locator('#aisle-secret-once').count()).resolves.toBe(0);
  expect(await page.content()).not.toContain(secret);

  // The owner sets the copied secret on the proxy; nothing else about the store is in its environment.
  proxy = await startProxy({
    AISLE_CONNECTION_SECRET: secret,
    OPENAI_BASE_URL: openai!.baseURL,
    WOO_BASE_URL: woo!.url,
    AISLE_ALLOWED_ORIGINS: wp!.url,
    // One page at a time and a file per 100 product IDs, so the sync's progress moves in visible steps.
    AISLE_SYNC_CONCURRENCY: '1',
    AISLE_SYNC_SHARD_SIZE: '100',
  });
});

test('Save and connect pushes the settings to the proxy, and Test connection reports in words', async () => {
  const page = adminPage();
  await step('connect', async () => {
    await page.goto(settingsUrl());
    await page.locator('#aisle-proxy_url').fill(proxy!.url);
    await page.locator('#aisle-openai_api_key').fill(OPENAI_KEY_FROM_WORDPRESS);
    await page.locator('#aisle-model').fill(MODEL_FROM_WORDPRESS);
    await page.locator('input[name="aisle_settings[placement]"][value="site"]').check();
    await page.locator('#aisle-color').fill(COLOR);
    await page.locator('input[name="aisle_settings[woo_access]"][value="manual"]').check();
    await page.locator('#aisle-woo_consumer_key').fill(WOO_KEYS.consumerKey);
    await page.locator('#aisle-woo_consumer_secret').fill(WOO_KEYS.consumerSecret);
    await Promise.all([page.waitForURL(/settings-updated=true/), page.locator('#aisle_connect').click()]);
  });

  const connected = await translated(
    wp!,
    'Connected. The proxy has your settings; shoppers can chat now. Sync the catalog next.',
  );
  expect(connected).toMatch(HEBREW_LETTERS);
  await page.locator('.wrap .notice-success', { hasText: connected }).waitFor();
  await expect(page.locator('.wrap .notice-error').count()).resolves.toBe(0);

  // Write-only: the key is shown back masked, never in full.
  const html = await page.content();
  expect(html).not.toContain(OPENAI_KEY_FROM_WORDPRESS);
  expect(html).not.toContain(WOO_KEYS.consumerSecret);
  expect(await page.locator('#aisle-openai_api_key').getAttribute('placeholder')).toBe(
    `sk-…${OPENAI_KEY_FROM_WORDPRESS.slice(-4)}`,
  );

  // The proxy holds this store's settings now (encrypted, so only their presence is visible here).
  const record = await proxy!.aisle.store.get(`aisle:tenant:${siteId}`);
  expect(record).not.toBeNull();
  expect(record).not.toContain(OPENAI_KEY_FROM_WORDPRESS);

  await step('test-connection', async () => {
    await page.locator('#aisle-test').click();
    const testing = await translated(wp!, 'Testing the connection…');
    await page.waitForFunction((busy) => {
      const items = Array.from(document.querySelectorAll('#aisle-test-results li'));
      return items.length > 1 || (items.length === 1 && !items[0]!.textContent!.includes(busy));
    }, testing);
  });
  const lines = await page
    .locator('#aisle-test-results li')
    .evaluateAll((items) =>
      items.map((item) => ({ ok: item.classList.contains('aisle-ok'), text: (item.textContent ?? '').trim() })),
    );
  const okLabel = await translated(wp!, 'OK');
  expect(lines).toEqual([
    { ok: true, text: `${okLabel}: ${await translated(wp!, 'The proxy at %s is running.', proxy!.url)}` },
    { ok: true, text: `${okLabel}: ${await translated(wp!, "Shoppers' browsers on %s may call the proxy.", wp!.url)}` },
    {
      ok: true,
      text: `${okLabel}: ${await translated(wp!, "The proxy accepted this site's signature: the connection secrets match.")}`,
    },
  ]);

  // Sync catalog now: the proxy reads the store with the keys typed into WordPress. The store answers slowly
  // meanwhile, so the progress can be seen moving, live on this page and on the settings screen opened mid-way.
  const [succeeded, ...progressFormats] = (await Promise.all(
    [
      'Last sync: %1$s, succeeded with %2$d products.',
      // The progress line, in one of its shapes: parts done (what the proxy reports today)…
      'Syncing the catalog: %1$d of %2$d parts done…',
      // …or, from a proxy that also reports the phase, the step by name.
      "Reading the store's products: page %1$d of %2$d, %3$d products so far…",
      'Uploading the catalog to OpenAI: file %1$d of %2$d…',
    ].map((english) => translatedPattern(wp!, english)),
  )) as [RegExp, ...RegExp[]];
  /** Records every text the sync line shows, for the failure message. */
  const watchSyncText = (on: Page) =>
    on.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { aisleSyncSeen: string[] }).aisleSyncSeen = seen;
      const line = document.getElementById('aisle-sync-text')!;
      new MutationObserver(() => {
        const text = line.textContent ?? '';
        if (seen[seen.length - 1] !== text) seen.push(text);
      }).observe(line, { subtree: true, childList: true, characterData: true });
    });
  /** Waits until the page shows a sync part-way (x of y with 0 < x < y, the bar neither empty nor full); resolves with the text. */
  const progressShown = async (on: Page): Promise<string> => {
    try {
      const handle = await on.waitForFunction(
        (sources) => {
          const text = document.getElementById('aisle-sync-text')?.textContent ?? '';
          const bar = document.getElementById('aisle-sync-progress') as HTMLProgressElement | null;
          const [done, total] = (text.match(/\d+/g) ?? []).map(Number);
          const partWay = done !== undefined && total !== undefined && done > 0 && done < total;
          const matches = sources.some((source) => new RegExp(source).test(text));
          return matches && partWay && bar && !bar.hidden && bar.value > 0 && bar.value < 100 ? text : false;
        },
        progressFormats.map((format) => format.source),
        { timeout: 30_000, polling: 100 },
      );
      return (await handle.jsonValue()) as string;
    } catch (error) {
      const seen = await on.evaluate(() => (window as unknown as { aisleSyncSeen?: string[] }).aisleSyncSeen);
      throw new Error(`no sync progress shown; the sync line showed ${JSON.stringify(seen)}`, { cause: error });
    }
  };
  let liveProgress = '';
  let loadedProgress = '';
  const progressPage = await browser!.context.newPage();
  await step(
    'sync',
    async () => {
      wooOptions.latencyMs = SYNC_LATENCY_MS;
      try {
        await watchSyncText(page);
        await page.locator('#aisle-sync').click();
        await page.locator('#aisle-sync-progress').waitFor(); // running
        // The owner opens the settings screen while the sync runs: it shows the progress without a click.
        await progressPage.goto(settingsUrl());
        await watchSyncText(progressPage);
        liveProgress = await progressShown(page);
        await expect(page.locator('#aisle-sync').isDisabled()).resolves.toBe(true);
        for (let attempt = 0; attempt < 5 && !loadedProgress; attempt++) {
          const before = await progressShown(progressPage);
          await mkdir(SCREENSHOTS_DIR, { recursive: true });
          await progressPage.screenshot({ path: path.join(SCREENSHOTS_DIR, 'plugin-sync-progress.png') });
          // The status is polled: keep the picture only if the text did not change while it was taken.
          if ((await progressPage.locator('#aisle-sync-text').textContent()) === before) loadedProgress = before;
        }
        expect(loadedProgress).not.toBe('');
        await page.locator('#aisle-sync-last', { hasText: succeeded }).waitFor({ timeout: 60_000 });
        await progressPage.locator('#aisle-sync-last', { hasText: succeeded }).waitFor({ timeout: 10_000 });
      } finally {
        wooOptions.latencyMs = 0;
      }
    },
    [page, progressPage],
  );
  await progressPage.close();
  expect({ liveProgress, loadedProgress }).toEqual({
    liveProgress: expect.stringMatching(HEBREW_LETTERS),
    loadedProgress: expect.stringMatching(HEBREW_LETTERS),
  });
  // Done: the bar is gone and the button is back.
  await expect(page.locator('#aisle-sync-progress').isHidden()).resolves.toBe(true);
  await expect(page.locator('#aisle-sync').isEnabled()).resolves.toBe(true);
  await expect(page.locator('#aisle-sync-text').textContent()).resolves.toBe('');
  // What a shopper may find: published, searchable, not password-protected.
  const searchable = catalog!.products.filter(
    (p) => p.status === 'publish' && ['visible', 'search'].includes(p.catalog_visibility) && !p.post_password,
  );
  const lastSync = (await page.locator('#aisle-sync-last').textContent()) ?? '';
  const synced = Number(/(\d+)\D*$/.exec(lastSync)?.[1]);
  expect({ lastSync, synced }).toEqual({ lastSync: expect.stringMatching(succeeded), synced: searchable.length });
  expect(openai!.requests.length).toBeGreaterThan(0);
  for (const request of openai!.requests) expect(request.authorization).toBe(`Bearer ${OPENAI_KEY_FROM_WORDPRESS}`);
  await step('settings-screenshot', async () => {
    const shot = await screenshot(page, 'plugin-settings');
    await mkdir(SCREENSHOTS_DIR, { recursive: true });
    await copyFile(shot, path.join(SCREENSHOTS_DIR, 'plugin-settings.png'));
  });
});

test('a shopper chats in Hebrew on the front end: session token from WordPress, streamed text and product cards', async () => {
  shopper = await browser!.browser.newContext({ locale: 'he-IL', viewport: { width: 1280, height: 900 } });
  shopper.setDefaultTimeout(15_000);
  const page = await shopper.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  const sessionRequests: Request[] = [];
  const chatRequests: Request[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(`${wp!.url}/wp-json/aisle/v1/session`)) sessionRequests.push(request);
    if (request.url().startsWith(`${proxy!.url}/api/chat`) && request.method() === 'POST') chatRequests.push(request);
  });
  const responsesBefore = openai!.requests.length;
  // The fake store answers its REST API but has no media files: the demo's drawings stand in for its uploads.
  const drawings = (await readdir(DEMO_IMAGES)).filter((name) => name.includes('dog') && name.endsWith('.svg'));
  await page.route(`${woo!.url}/wp-content/uploads/**`, async (route) => {
    const n = [...route.request().url()].reduce((sum, ch) => sum + ch.charCodeAt(0), 0);
    await route.fulfill({
      contentType: 'image/svg+xml',
      body: await readFile(path.join(DEMO_IMAGES, drawings[n % drawings.length]!)),
    });
  });

  await step(
    'chat',
    async () => {
      await page.goto(`${wp!.url}/`);
      await page.locator('.aisle-launcher').click();
      const input = page.locator('.aisle-composer__input');
      // Every text the answer bubble shows on its way: streaming shows it growing.
      await page.evaluate((intro) => {
        const seen: string[] = [];
        (window as unknown as { aisleSeen: string[] }).aisleSeen = seen;
        new MutationObserver(() => {
          for (const bubble of Array.from(document.querySelectorAll('.aisle-message--assistant .aisle-message__text'))) {
            const text = (bubble.textContent ?? '').trim();
            if (text.length > 0 && intro.startsWith(text.slice(0, 4)) && !seen.includes(text)) seen.push(text);
          }
        }).observe(document.body, { subtree: true, childList: true, characterData: true });
      }, BRAIN_TEXTS.productsIntroHe);
      await input.fill('מזון לכלבים');
      await input.press('Enter');
      await page
        .locator('.aisle-card')
        .nth(visibleIds.length - 1)
        .waitFor();
      await page.locator('.aisle-message--assistant', { hasText: BRAIN_TEXTS.productsIntroHe }).waitFor();
    },
    [page],
  );

  const seen = await page.evaluate(() => (window as unknown as { aisleSeen: string[] }).aisleSeen);
  const intro = BRAIN_TEXTS.productsIntroHe;
  // A partial answer was on screen before the whole one.
  expect({ seen, partial: seen.some((text) => text.length < intro.length && intro.startsWith(text)) }).toMatchObject({
    partial: true,
  });
  expect(seen.some((text) => text.startsWith(intro))).toBe(true);

  // The cards are the products the model chose, from the store's catalog, linking to the store.
  const names = await page.locator('.aisle-card .aisle-card__name').allTextContents();
  const expectedNames = visibleIds.map((id) => catalog!.products.find((p) => p.id === id)!.name);
  expect(names.map((n) => n.trim()).sort()).toEqual([...expectedNames].sort());
  for (const href of await page
    .locator('.aisle-card a[href]')
    .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href))) {
    expect(href.startsWith(`${woo!.url}/`)).toBe(true);
  }
  expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');

  // The widget got its token from WordPress and sent it to the proxy as a Bearer token.
  expect(sessionRequests.length).toBeGreaterThanOrEqual(1);
  const sessionResponse = await sessionRequests[0]!.response();
  expect(sessionResponse?.status()).toBe(200);
  const session = (await sessionResponse!.json()) as { token: string };
  const payload = JSON.parse(Buffer.from(session.token.split('.')[0]!, 'base64url').toString('utf8')) as {
    site: string;
    sid: string;
  };
  expect(payload.site).toBe(siteId);
  expect(payload.sid).toMatch(/^a:/);
  expect(chatRequests.length).toBeGreaterThanOrEqual(1);
  const chat = chatRequests[chatRequests.length - 1]!;
  expect(await chat.headerValue('authorization')).toMatch(/^Bearer [\w-]+\.[\w-]+$/);
  const chatResponse = await chat.response();
  expect(chatResponse?.status()).toBe(200);
  expect(await chatResponse!.headerValue('content-type')).toMatch(/^text\/event-stream/);

  // The proxy called OpenAI with the key and the model typed into WordPress.
  const calls = openai!.requests.slice(responsesBefore).filter((r) => r.method === 'POST' && r.path === '/v1/responses');
  expect(calls.length).toBeGreaterThanOrEqual(2); // the tool call, then the text after it
  for (const call of calls) {
    expect(call.authorization).toBe(`Bearer ${OPENAI_KEY_FROM_WORDPRESS}`);
    expect((call.body as { model: string }).model).toBe(MODEL_FROM_WORDPRESS);
    expect(call.status).toBe(200);
  }
  // …and read the catalog with the WooCommerce keys typed into WordPress (the fake refuses any other).
  const catalogReads = woo!.requests.filter((r) => r.path.includes('/wc/'));
  expect(catalogReads.length).toBeGreaterThan(0);
  expect(catalogReads.every((r) => r.status === 200)).toBe(true);

  // Nothing secret in the cacheable page.
  const html = await (await fetch(`${wp!.url}/`)).text();
  expect(html).toContain('window.AisleConfig');
  // Page weight: only the loader runs on page load. React, wp-element, wp-api-fetch and the panel
  // are printed into the inert JSON holder (every < escaped), and run only when the chat opens.
  const scriptTags = [...html.matchAll(/<script\b[^>]*\bsrc=["']([^"']+)["']/g)].map((m) => m[1]!);
  expect(scriptTags.some((src) => src.includes('/aisle/build/index.js'))).toBe(true);
  expect(scriptTags.filter((src) => /react|\/element\.|api-fetch|i18n|\/aisle\/build\/panel\.js/.test(src))).toEqual([]);
  const holder = /<script type="application\/json" id="aisle-panel-scripts">([^<]*)<\/script>/.exec(html);
  expect(holder).not.toBeNull();
  const deferred = JSON.parse(holder![1]!) as string;
  for (const needed of ['react', 'element', 'api-fetch', '/aisle/build/panel.js', '/aisle/build/panel.css', 'setLocaleData'])
    expect(deferred).toContain(needed);
  // The launcher's label is Hebrew without wp-i18n: its strings come in the config.
  await expect(page.locator('.aisle-launcher').getAttribute('aria-label')).resolves.toMatch(/[\u0590-\u05FF]/);
  for (const value of [secret, OPENAI_KEY_FROM_WORDPRESS, WOO_KEYS.consumerSecret, session.token])
    expect(html).not.toContain(value);
  expect(consoleErrors).toEqual([]);

  await step(
    'chat-screenshot',
    async () => {
      await page.waitForFunction(() =>
        Array.from(document.querySelectorAll<HTMLImageElement>('.aisle-card img')).every(
          (img) => img.complete && img.naturalWidth > 0,
        ),
      );
      const shot = await screenshot(page, 'plugin-chat');
      await mkdir(SCREENSHOTS_DIR, { recursive: true });
      await copyFile(shot, path.join(SCREENSHOTS_DIR, 'plugin-chat.png'));
    },
    [page],
  );
});

test('bad input on the settings screen gets an inline error and keeps the old value', async () => {
  const page = adminPage();

  // A URL the browser accepts but the plugin refuses (not http/https).
  await step('bad-url', async () => {
    await page.goto(settingsUrl());
    await page.locator('#aisle-proxy_url').fill('ftp://aisle.example.com');
    await Promise.all([page.waitForURL(/settings-updated=true/), page.locator('#submit').click()]);
  });
  const urlError = await translated(
    wp!,
    'The proxy URL must be a web address such as https://aisle.example.com, without ?query or #fragment.',
  );
  await expect(page.locator('#setting-error-aisle-proxy_url').first().textContent()).resolves.toContain(urlError);
  await expect(page.locator('.settings-error').count()).resolves.toBe(1); // once, and nothing else refused
  expect(await page.locator('#aisle-proxy_url').inputValue()).toBe(proxy!.url);
  expect(await option('proxy_url')).toBe(proxy!.url);

  // A bad colour: the browser's pattern check stops it first; a client without that check gets the server's error.
  await step('bad-color', async () => {
    await page.goto(settingsUrl());
    await page.locator('#aisle-color').fill('blue');
  });
  expect(await page.locator('#aisle-color').evaluate((input) => (input as HTMLInputElement).checkValidity())).toBe(false);
  await step('bad-color-submit', async () => {
    await page.locator('form.aisle-form').evaluate((form) => ((form as HTMLFormElement).noValidate = true));
    await Promise.all([page.waitForURL(/settings-updated=true/), page.locator('#submit').click()]);
  });
  const colorError = await translated(wp!, 'The colour must be a hex colour such as #1d4ed8.');
  await expect(page.locator('#setting-error-aisle-color').first().textContent()).resolves.toContain(colorError);
  await expect(page.locator('.settings-error').count()).resolves.toBe(1);
  expect(await page.locator('#aisle-color').inputValue()).toBe(COLOR);
  expect(await option('color')).toBe(COLOR);
  // The rest of the form was saved as it was; the store stays connected.
  expect(await option('proxy_url')).toBe(proxy!.url);
  expect(Number(await option('connected_at'))).toBeGreaterThan(0);
});

test('deactivate and delete through wp-admin remove the option and the transients, and the proxy forgets the store', async () => {
  const page = adminPage();
  // A transient of the plugin's left behind, so the clean-up has something to remove.
  await wp!.php("set_transient('aisle_e2e_leftover', 'x', HOUR_IN_SECONDS);");
  const countTransients = () =>
    wp!.php(
      "global $wpdb; echo $wpdb->get_var(\"SELECT COUNT(*) FROM {$wpdb->options} WHERE option_name LIKE '\\_transient\\_aisle\\_%' OR option_name LIKE '\\_transient\\_timeout\\_aisle\\_%'\");",
    );
  expect(Number(await countTransients())).toBeGreaterThan(0);
  expect(await option('connection_secret')).toBe(secret);
  expect(await proxy!.aisle.store.get(`aisle:tenant:${siteId}`)).not.toBeNull();

  await step('deactivate', () => deactivate(page, wp!, PLUGIN_FILE));
  expect(await wp!.php(`echo json_encode(is_plugin_active('${PLUGIN_FILE}'));`)).toBe('false');
  // Deactivating keeps the settings for a re-activation.
  expect(await option('connection_secret')).toBe(secret);

  await step('delete', () => deletePlugin(page, wp!, PLUGIN_FILE));
  expect(await wp!.php("var_export(get_option('aisle_settings', 'gone'));")).toBe("'gone'");
  expect(Number(await countTransients())).toBe(0);
  expect(existsSync(path.join(wp!.pluginsPath, 'aisle'))).toBe(false);
  expect(await proxy!.aisle.store.get(`aisle:tenant:${siteId}`)).toBeNull();
});

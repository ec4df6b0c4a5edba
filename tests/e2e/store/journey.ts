/**
 * The store owner's and a shopper's whole journey in real WordPress 7.0.4 + WooCommerce 11.0.1
 * (tests/helpers/wordpress.ts), real Chromium and the real proxy on the fake OpenAI:
 *
 *   owner:   upload the zip in wp-admin → activate → WooCommerce › Aisle → Save and connect (a
 *            read-only WooCommerce key is created) → Test connection → Sync catalog now;
 *   shopper: a product page → a streamed answer with cards → size M to the cart through the
 *            Store API (mini-cart and cart page) → reload, the conversation is back → checkout
 *            (cash on delivery) → the order says the items came from the chat;
 *   owner:   a price or stock change in the product editor reaches the proxy's catalog and the
 *            next card.
 *
 * The proxy reads the real store's REST v3 API with the key WordPress created (OAuth 1.0a, as
 * on plain HTTP); only OpenAI is faked. Each step's screenshot goes to docs/screenshots/.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page, Request } from 'playwright-core';
import type { SyncedProduct } from '../../../proxy/src/sync/document';
import { readSyncedCatalog } from '../../../proxy/src/sync/catalog';
import { BRAIN_TEXTS, startFakeOpenAI } from '../../fakes/openai';
import type { FakeOpenAI } from '../../fakes/openai/types';
import { launchBrowser, openChat, screenshot, wpLogin, type LaunchedBrowser } from '../../helpers/browser';
import { fakeOpenAIKey } from '../../helpers/keys';
import { startProxy, type RunningProxy } from '../../helpers/proxy';
import { startWordPress, type FixtureProduct, type FixtureStore, type WordPressSite } from '../../helpers/wordpress';
import { HEBREW_LETTERS, phpString } from '../plugin/translations';
import { uploadAndActivate } from '../plugin/wp-admin';
import { buildPluginZip } from './plugin-zip';
import { adminClient, type AdminClient } from './proxy-admin';
import { publishShot } from './screenshots';
import { cartItems, checkOut, miniCart, waitForMiniCart, type Theme } from './shop';
import { themeRestyles } from './theme-guard';

export const PLUGIN_FILE = 'aisle/aisle.php';

export interface JourneyOptions {
  theme: Theme;
  /** The site's (and so the admin's and the shopper's) language. */
  locale: 'he_IL' | 'en_US';
  /** Prefix of the screenshots, e.g. 'store-block-he'. */
  shots: string;
  /** What the owner changes in the product editor, to see the change pushed to the proxy: the simple product's price, or the sale product's stock. */
  change: 'price' | 'stock';
}

/** Everything the journey's tests share; lifecycle tests that run after it read it too. */
export interface JourneyState {
  wp: WordPressSite;
  store: FixtureStore;
  proxy: RunningProxy;
  openai: FakeOpenAI;
  browser: LaunchedBrowser;
  /** The connection secret configured on the proxy (the owner pastes it into WordPress). */
  secret: string;
  siteId: string;
  /** The settings screen. */
  settingsUrl: string;
  /** say(english, ...args): what the plugin shows for an English string in the site's language. */
  say(english: string, ...args: string[]): Promise<string>;
  sayPattern(english: string): Promise<RegExp>;
  /** Asks WordPress for these strings' translations at once (the plugin must be active). */
  preload(english: string[]): Promise<void>;
  option(field: string): Promise<string>;
  /** The plugin's whole option, values as strings. */
  settings(): Promise<Record<string, string>>;
  step(name: string, work: () => Promise<void>, pages?: Page[]): Promise<void>;
}

/** What the proxy must show shoppers: published, not hidden (the fixture's other two must never appear). */
/** Every plugin string the journey and the lifecycle tests read, fetched in one PHP run. */
const PLUGIN_STRINGS = [
  'Aisle shopping assistant',
  'Testing the connection…',
  'OK',
  'The proxy at %s is running.',
  "Shoppers' browsers on %s may call the proxy.",
  "The proxy accepted this site's signature: the connection secrets match.",
  'Last sync: %1$s, succeeded with %2$d products.',
  'Syncing the catalog: %1$d of %2$d parts done…',
  "Reading the store's products: page %1$d of %2$d, %3$d products so far…",
  'Uploading the catalog to OpenAI: file %1$d of %2$d…',
  'The proxy URL must be a web address such as https://aisle.example.com, without ?query or #fragment.',
];

export const visibleKinds = ['simple', 'sale', 'outofstock', 'variable'] as const;
const invisibleKinds = ['draft', 'hidden'] as const;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** WooCommerce's wc_api_hash(): how the consumer key is stored in wp_woocommerce_api_keys. */
const wcApiHash = (key: string) => createHmac('sha256', 'wc-api').update(key).digest('hex');
/** "59.90" as it shows in any locale's number format (59.90, 59,90). */
const amount = (price: string) => new RegExp(price.replace('.', '[.,]'));

/** Polls `read` until `done(value)` or the deadline; resolves with the last value either way. */
async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await sleep(500);
    value = await read();
  }
  return value;
}

export function storeJourney(options: JourneyOptions): { state: () => JourneyState } {
  const { theme, locale } = options;
  const hebrew = locale === 'he_IL';
  const timings: Record<string, number> = {};
  const startedAt = Date.now();
  const secret = randomBytes(32).toString('base64url');
  const openaiKey = fakeOpenAIKey(`wp${randomBytes(8).toString('hex')}`);
  const shopperSays = hebrew ? 'אני מחפש משהו לכלב שלי' : 'I am looking for something for my dog';
  const intro = hebrew ? BRAIN_TEXTS.productsIntroHe : BRAIN_TEXTS.productsIntroEn;
  let state: JourneyState | undefined;
  let workDir = '';
  let zip = '';
  let shopper: BrowserContext | undefined;
  let shopperPage: Page | undefined;
  let threadId = '';
  let orderId = 0;
  const addItemRequests: Request[] = [];
  /** Requests the proxy received, as "METHOD /path status". */
  const proxyRequests: string[] = [];
  const mark = (step: string) => (timings[step] = Date.now() - startedAt);
  const s = (): JourneyState => {
    if (!state) throw new Error('the journey did not start (see beforeAll)');
    return state;
  };
  const product = (kind: keyof FixtureStore['products']): FixtureProduct => s().store.products[kind];
  const shot = (page: Page, name: string, fullPage = false) => publishShot(page, `${options.shots}-${name}`, fullPage);

  // Kept outside `state` so afterAll stops whatever started, even when beforeAll failed half-way.
  let wp: WordPressSite | undefined;
  let openai: FakeOpenAI | undefined;
  let browser: LaunchedBrowser | undefined;
  let proxy: RunningProxy | undefined;

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(os.tmpdir(), 'aisle-journey-'));
    let ids: number[] = [];
    const results = await Promise.allSettled([
      buildPluginZip(path.join(workDir, 'aisle.zip')).then((built) => {
        zip = built;
        mark('zip');
      }),
      startWordPress({ version: '7.0.4', woocommerce: true, theme, locale: hebrew ? 'he_IL' : '' }).then((site) => {
        wp = site;
        ids = Object.values(site.store!.products).map((p) => p.id);
        mark('wordpress');
      }),
      startFakeOpenAI({
        apiKey: openaiKey,
        // Slow enough that a busy machine still paints the answer part by part.
        tokenDelayMs: 60,
        // The model "finds" every fixture product, the draft and the hidden one too: the proxy must drop those.
        productIdsFor: (text) => (/כלב|\bdog\b/i.test(text) ? ids : []),
        // The catalog file takes a few seconds to index (as at OpenAI), so the sync's progress can be seen.
        vectorStorePollsUntilDone: 8,
        pollAfterMs: 300,
      }).then((started) => (openai = started)),
      launchBrowser({ locale: hebrew ? 'he-IL' : 'en-US', actionTimeoutMs: 30_000 }).then((launched) => (browser = launched)),
    ]);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    // The operator's proxy: its connection secret is the only store setting in its environment.
    proxy = await startProxy({
      AISLE_CONNECTION_SECRET: secret,
      OPENAI_BASE_URL: openai!.baseURL,
      AISLE_ALLOWED_ORIGINS: wp!.url,
      AISLE_CURRENCY: 'ILS',
      AISLE_SYNC_DEBOUNCE_MS: '1000',
    });
    proxy.server.on('request', (req, res) => {
      res.on('finish', () => proxyRequests.push(`${req.method} ${(req.url ?? '').split('?')[0]} ${res.statusCode}`));
    });
    const site = wp!;
    // Translations asked from WordPress in one PHP run per batch (a PHP run with WooCommerce loaded
    // takes seconds on a busy machine), then filled in here.
    const formats = new Map<string, string>();
    const format = async (english: string): Promise<string> => {
      if (!hebrew) return english;
      if (!formats.has(english)) await preload([english]);
      return formats.get(english)!;
    };
    const preload = async (list: string[]): Promise<void> => {
      if (!hebrew) return;
      const missing = list.filter((english) => !formats.has(english));
      if (missing.length === 0) return;
      const out = JSON.parse(
        await site.php(
          `echo json_encode(array_map(fn($e) => __($e, 'aisle'), json_decode(${phpString(JSON.stringify(missing))}, true)));`,
        ),
      ) as string[];
      missing.forEach((english, i) => {
        if (out[i] === english) throw new Error(`no translation in the site's language for: ${english}`);
        formats.set(english, out[i]!);
      });
    };
    const fill = (text: string, args: string[]) => {
      let i = 0;
      return text.replace(/%(\d\$)?[sd]/g, (_m, position?: string) =>
        position ? (args[Number.parseInt(position, 10) - 1] ?? '') : (args[i++] ?? ''),
      );
    };
    const say = async (english: string, ...args: string[]): Promise<string> => fill(await format(english), args);
    const settings = async (): Promise<Record<string, string>> =>
      JSON.parse(
        await site.php(
          "$s = get_option('aisle_settings'); echo json_encode(is_array($s) ? array_map('strval', $s) : new stdClass());",
        ),
      ) as Record<string, string>;
    const sayPattern = async (english: string): Promise<RegExp> =>
      new RegExp(
        (await format(english))
          .split(/%(?:\d\$)?[sd]/)
          .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('.+?'),
      );
    state = {
      wp: site,
      store: site.store!,
      proxy: proxy,
      openai: openai!,
      browser: browser!,
      secret,
      siteId: new URL(site.url).host,
      settingsUrl: `${site.url}/wp-admin/admin.php?page=aisle`,
      say,
      sayPattern,
      preload,
      option: async (field) => (await settings())[field] ?? '',
      settings,
      async step(name, work, pages = [browser!.page]) {
        try {
          await work();
          mark(name);
        } catch (error) {
          const shots = await Promise.all(
            pages.map((p, i) => screenshot(p, `${options.shots}-${name}-failure-${i}`).catch(() => 'none')),
          );
          throw new Error(
            `${(error as Error).message}\nscreenshots: ${shots.join(', ')}\nproxy requests: ${proxyRequests.slice(-15).join(', ')}\n${await site.logs()}`,
            { cause: error },
          );
        }
      },
    };
  }, 240_000);

  afterAll(async () => {
    await shopper?.close().catch(() => undefined);
    await browser?.close();
    await proxy?.close();
    await Promise.allSettled([wp?.stop(), openai?.close()]);
    if (workDir) await rm(workDir, { recursive: true, force: true });
    // eslint-disable-next-line no-console
    console.log(
      `${options.shots} timings (ms since start): ${JSON.stringify({ ...timings, wordpressStartup: wp?.startupMs, builtSnapshot: wp?.builtSnapshot })}`,
    );
  });

  test('the owner uploads the zip in wp-admin, activates it and opens WooCommerce › Aisle, where a new secret is shown once', async () => {
    const { wp, browser, step } = s();
    const page = browser.page;
    await step('install', async () => {
      await wpLogin(page, wp);
      await uploadAndActivate(page, wp, zip, PLUGIN_FILE);
      await shot(page, '01-activated');
      // Through the menu, as an owner finds it: WooCommerce › Aisle.
      await page.goto(`${wp.url}/wp-admin/`);
      await page.locator('#toplevel_page_woocommerce').hover();
      await page.locator('#toplevel_page_woocommerce a[href$="admin.php?page=aisle"]').click();
      await page.waitForURL(/admin\.php\?page=aisle/);
      await page.locator('#aisle-secret-once').waitFor();
    });
    expect(await wp.php(`echo json_encode(is_plugin_active('${PLUGIN_FILE}'));`)).toBe('true');
    await s().preload(PLUGIN_STRINGS);
    expect(await page.evaluate(() => document.documentElement.dir || 'ltr')).toBe(hebrew ? 'rtl' : 'ltr');
    await expect(page.locator('h1').first().textContent()).resolves.toBe(await s().say('Aisle shopping assistant'));
    const generated = await page.locator('#aisle-secret-once').inputValue();
    expect(generated).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await s().option('connection_secret')).toBe(generated);
    expect(await s().option('woo_access')).toBe('generated');
    // Shown once: the next visit shows only its last characters.
    await page.reload();
    await expect(page.locator('#aisle-secret-once').count()).resolves.toBe(0);
    expect(await page.content()).not.toContain(generated);
  });

  test('Save and connect creates a read-only key in WooCommerce and pushes the settings to the proxy', async () => {
    const { wp, browser, proxy, step, settingsUrl, siteId } = s();
    const page = browser.page;
    await step('connect', async () => {
      await page.goto(settingsUrl);
      await page.locator('#aisle-proxy_url').fill(proxy.url);
      await page.locator('#aisle-connection_secret').fill(secret);
      await page.locator('#aisle-openai_api_key').fill(openaiKey);
      await expect(page.locator('input[name="aisle_settings[woo_access]"][value="generated"]').isChecked()).resolves.toBe(true);
      await Promise.all([page.waitForURL(/settings-updated=true/, { timeout: 30_000 }), page.locator('#aisle_connect').click()]);
      await page.locator('.wrap .notice-success').first().waitFor();
      await shot(page, '02-connected');
    });
    await expect(page.locator('.wrap .notice-error').count()).resolves.toBe(0);
    const notice = (await page.locator('.wrap .notice-success').first().textContent()) ?? '';
    expect(notice).toMatch(hebrew ? HEBREW_LETTERS : /Connected/);
    const saved = await s().settings();
    expect(saved.connection_secret).toBe(secret);
    // Write-only: the keys are never shown back in full.
    const html = await page.content();
    expect(html).not.toContain(openaiKey);
    expect(html).not.toContain(secret);

    // The key WooCommerce holds: read-only, for the admin, hashed as WooCommerce hashes it.
    const consumerKey = saved.woo_consumer_key ?? '';
    const consumerSecret = saved.woo_consumer_secret ?? '';
    expect(consumerKey).toMatch(/^ck_[0-9a-f]{40}$/);
    expect(consumerSecret).toMatch(/^cs_[0-9a-f]{40}$/);
    const rows = (
      await wp.sql(
        'SELECT key_id, user_id, permissions, consumer_key, consumer_secret, truncated_key FROM wp_woocommerce_api_keys',
      )
    )
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('\t'));
    expect(rows).toHaveLength(1);
    const [keyId, userId, permissions, storedKey, storedSecret, truncated] = rows[0]!;
    expect({ permissions, userId, storedKey, storedSecret, truncated }).toEqual({
      permissions: 'read',
      userId: await wp.php(`echo get_user_by('login', 'admin')->ID;`),
      storedKey: wcApiHash(consumerKey),
      storedSecret: consumerSecret,
      truncated: consumerKey.slice(-7),
    });
    expect(saved.woo_key_id).toBe(keyId);
    // The proxy holds this store's settings now (encrypted, so only their presence shows).
    const record = await proxy.aisle.store.get(`aisle:tenant:${siteId}`);
    expect(record).not.toBeNull();
    expect(record).not.toContain(openaiKey);
    expect(record).not.toContain(consumerSecret);
  });

  /** Presses Test connection; resolves with the lines it shows. */
  const testConnection = async (page: Page) => {
    await page.locator('#aisle-test').click();
    const testing = await s().say('Testing the connection…');
    await page.waitForFunction(
      (busy) => {
        const items = Array.from(document.querySelectorAll('#aisle-test-results li'));
        return items.length > 1 || (items.length === 1 && !items[0]!.textContent!.includes(busy));
      },
      testing,
      { timeout: 30_000 },
    );
    return page
      .locator('#aisle-test-results li')
      .evaluateAll((items) =>
        items.map((item) => ({ ok: item.classList.contains('aisle-ok'), text: (item.textContent ?? '').trim() })),
      );
  };
  const inLanguage = hebrew ? HEBREW_LETTERS : /^[\x20-\x7E\u2018-\u201D\u2026]+$/;

  test('Test connection reports each check in words', async () => {
    const { browser, step, settingsUrl, proxy, wp } = s();
    const page = browser.page;
    let lines: Array<{ ok: boolean; text: string }> = [];
    await step('test-connection', async () => {
      await page.goto(settingsUrl);
      lines = await testConnection(page);
      await shot(page, '03-test-connection');
    });
    const okLabel = await s().say('OK');
    // The proxy, the browsers' origin and the signature are fine; before the first sync only a
    // catalog check (`catalog_not_synced`) may say there is something left to do.
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(lines.filter((line) => !line.ok).length).toBeLessThanOrEqual(1);
    expect(lines.slice(0, 3)).toEqual([
      { ok: true, text: `${okLabel}: ${await s().say('The proxy at %s is running.', proxy.url)}` },
      { ok: true, text: `${okLabel}: ${await s().say("Shoppers' browsers on %s may call the proxy.", wp.url)}` },
      {
        ok: true,
        text: `${okLabel}: ${await s().say("The proxy accepted this site's signature: the connection secrets match.")}`,
      },
    ]);
    for (const line of lines) expect(line.text).toMatch(inLanguage);
  });

  test('Sync catalog now shows its progress to the end, and the proxy holds exactly the published, visible products', async () => {
    const { browser, step, settingsUrl, proxy, openai } = s();
    const page = browser.page;
    const succeeded = await s().sayPattern('Last sync: %1$s, succeeded with %2$d products.');
    const progressFormats = await Promise.all(
      [
        'Syncing the catalog: %1$d of %2$d parts done…',
        "Reading the store's products: page %1$d of %2$d, %3$d products so far…",
        'Uploading the catalog to OpenAI: file %1$d of %2$d…',
      ].map((english) => s().sayPattern(english)),
    );
    let seen: string[] = [];
    await step('sync', async () => {
      await page.goto(settingsUrl);
      await page.evaluate(() => {
        const texts: string[] = [];
        (window as unknown as { aisleSyncSeen: string[] }).aisleSyncSeen = texts;
        const line = document.getElementById('aisle-sync-text')!;
        new MutationObserver(() => {
          const text = line.textContent ?? '';
          if (text && texts[texts.length - 1] !== text) texts.push(text);
        }).observe(line, { subtree: true, childList: true, characterData: true });
      });
      await page.locator('#aisle-sync').click();
      // Part-way: a progress line with x of y, 0 < x < y, and the bar neither empty nor full.
      await page.waitForFunction(
        (sources) => {
          const text = document.getElementById('aisle-sync-text')?.textContent ?? '';
          const bar = document.getElementById('aisle-sync-progress') as HTMLProgressElement | null;
          return sources.some((source) => new RegExp(source).test(text)) && bar !== null && !bar.hidden && bar.value < 100;
        },
        progressFormats.map((format) => format.source),
        { timeout: 30_000, polling: 100 },
      );
      await shot(page, '04-sync-progress');
      await page.locator('#aisle-sync-last', { hasText: succeeded }).waitFor({ timeout: 60_000 });
      seen = await page.evaluate(() => (window as unknown as { aisleSyncSeen: string[] }).aisleSyncSeen);
      await shot(page, '05-synced');
    });
    expect(seen.some((text) => progressFormats.some((format) => format.test(text)))).toBe(true);
    await expect(page.locator('#aisle-sync-progress').isHidden()).resolves.toBe(true);
    await expect(page.locator('#aisle-sync').isEnabled()).resolves.toBe(true);
    const lastSync = (await page.locator('#aisle-sync-last').textContent()) ?? '';
    expect(Number(/(\d+)\D*$/.exec(lastSync)?.[1])).toBe(visibleKinds.length);

    // The synced catalog: exactly the published, visible products, with WooCommerce's prices.
    const synced = await readSyncedCatalog(proxy.aisle.store);
    const byId = new Map<number, SyncedProduct>(synced.map((p) => [p.id, p]));
    expect([...byId.keys()].sort((a, b) => a - b)).toEqual(visibleKinds.map((k) => product(k).id).sort((a, b) => a - b));
    for (const kind of visibleKinds) {
      const expected = product(kind);
      expect({ kind, name: byId.get(expected.id)?.name, price: byId.get(expected.id)?.price }).toEqual({
        kind,
        name: expected.name,
        price: expected.price,
      });
    }
    expect(byId.get(product('sale').id)).toMatchObject({ regular_price: '79.90', sale_price: '59.90', on_sale: true });
    expect(byId.get(product('outofstock').id)?.stock_status).toBe('outofstock');
    const sizes = byId.get(product('variable').id)?.variation_options ?? [];
    expect(sizes.map((v) => [Object.values(v.attributes)[0], v.price]).sort()).toEqual([
      ['L', '109.90'],
      ['M', '99.90'],
      ['S', '89.90'],
    ]);
    // …and what went to OpenAI's vector store says the same: no draft, nothing hidden.
    const documents = [...openai.state.vectorStores.values()]
      .flatMap((store) => [...store.files.keys()])
      .map((fileId) => openai.state.files.get(fileId)?.content.toString('utf8') ?? '')
      .join('\n');
    for (const kind of visibleKinds) expect(documents).toContain(product(kind).name);
    for (const kind of invisibleKinds) expect(documents).not.toContain(product(kind).name);
  });

  test('after the sync, Test connection finds nothing wrong', async () => {
    const { browser, step, settingsUrl } = s();
    const page = browser.page;
    let lines: Array<{ ok: boolean; text: string }> = [];
    await step('test-after-sync', async () => {
      await page.goto(settingsUrl);
      lines = await testConnection(page);
    });
    expect(lines.filter((line) => !line.ok)).toEqual([]);
  });

  test('the proxy answers Test connection with a code per check', async () => {
    const { proxy, siteId } = s();
    const admin: AdminClient = adminClient(proxy.url, siteId, secret);
    const answer = await admin.call('POST', '/api/admin/test');
    expect(answer.status).toBe(200);
    const checks = (answer.body.checks ?? []) as Array<{ name: string; ok: boolean; code?: string }>;
    const byName = Object.fromEntries(checks.map((check) => [check.name, { ok: check.ok, code: check.code }]));
    expect(byName).toMatchObject({
      signature: { ok: true, code: 'ok' },
      openai: { ok: true, code: 'ok' },
      model: { ok: true, code: 'ok' },
      woocommerce: { ok: true, code: 'ok' },
      catalog: { ok: true, code: 'ok' },
    });
  });

  test('a logged-out shopper on a product page gets a streamed answer with cards of the published products and their real prices', async () => {
    const { wp, browser, step } = s();
    shopper = await browser.browser.newContext({ locale: hebrew ? 'he-IL' : 'en-US', viewport: { width: 1280, height: 900 } });
    shopper.setDefaultTimeout(30_000);
    const page = (shopperPage = await shopper.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const sessionRequests: Request[] = [];
    const chatRequests: Request[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/wc/store/v1/cart/add-item')) addItemRequests.push(request);
      if (request.url().startsWith(`${wp.url}/wp-json/aisle/v1/session`)) sessionRequests.push(request);
      if (request.url().startsWith(`${s().proxy.url}/api/chat/stream`) && request.method() === 'POST') chatRequests.push(request);
    });
    const responsesBefore = s().openai.requests.length;
    let seen: string[] = [];
    await step(
      'chat',
      async () => {
        await page.goto(`${wp.url}${product('variable').path}`);
        // A real WooCommerce product page: the variations form of the theme's template.
        await page.locator('form.variations_form').first().waitFor();
        await page.locator('.aisle-launcher').click();
        await page.evaluate((introText) => {
          const texts: string[] = [];
          (window as unknown as { aisleSeen: string[] }).aisleSeen = texts;
          new MutationObserver(() => {
            for (const bubble of Array.from(document.querySelectorAll('.aisle-message--assistant .aisle-message__text'))) {
              const text = (bubble.textContent ?? '').trim();
              if (text && introText.startsWith(text.slice(0, 2)) && !texts.includes(text)) texts.push(text);
            }
          }).observe(document.body, { subtree: true, childList: true, characterData: true });
        }, intro);
        const input = page.locator('.aisle-composer__input');
        await input.fill(shopperSays);
        await input.press('Enter');
        await page
          .locator('.aisle-card')
          .nth(visibleKinds.length - 1)
          .waitFor();
        await page.locator('.aisle-message--assistant', { hasText: intro }).waitFor();
        await page.waitForFunction(() =>
          Array.from(document.querySelectorAll<HTMLImageElement>('.aisle-card img')).every(
            (img) => img.complete && img.naturalWidth > 0,
          ),
        );
        seen = await page.evaluate(() => (window as unknown as { aisleSeen: string[] }).aisleSeen);
        await shot(page, '06-chat');
      },
      [page],
    );
    threadId = await page.evaluate(
      () => (JSON.parse(localStorage.getItem('aisle:widget') ?? '{}') as { threadId?: string }).threadId ?? '',
    );
    expect(threadId).not.toBe('');
    // Streamed: part of the answer was on screen before all of it.
    expect({ seen, partial: seen.some((text) => text.length < intro.length && intro.startsWith(text)) }).toMatchObject({
      partial: true,
    });
    expect(await page.evaluate(() => document.documentElement.dir || 'ltr')).toBe(hebrew ? 'rtl' : 'ltr');

    // Cards: the four products shoppers may see, never the draft or the hidden one.
    const names = (await page.locator('.aisle-card .aisle-card__name').allTextContents()).map((n) => n.trim());
    expect([...names].sort()).toEqual(visibleKinds.map((k) => product(k).name).sort());
    const panelText = (await page.locator('.aisle-card').allTextContents()).join(' ');
    for (const kind of invisibleKinds) expect(panelText).not.toContain(product(kind).name);
    const card = (kind: keyof FixtureStore['products']) => page.locator('.aisle-card', { hasText: product(kind).name });
    await expect(card('simple').locator('.aisle-card__price').textContent()).resolves.toMatch(amount('189.90'));
    await expect(card('sale').locator('.aisle-card__regular-price').textContent()).resolves.toMatch(amount('79.90'));
    await expect(card('sale').locator('.aisle-card__sale-price').textContent()).resolves.toMatch(amount('59.90'));
    await expect(card('outofstock').locator('.aisle-card__stock--outofstock').count()).resolves.toBe(1);
    await expect(card('outofstock').locator('.aisle-card__add').count()).resolves.toBe(0);
    // The picker names its attribute, preselects nothing, and offers each size with its price.
    await expect(card('variable').locator('label', { hasText: 'מידה' }).count()).resolves.toBeGreaterThan(0);
    await expect(card('variable').locator('select').inputValue()).resolves.toBe('');
    const sizeLabels = await card('variable').locator('select option:not([value=""])').allTextContents();
    expect(sizeLabels).toHaveLength(3);
    for (const [size, price] of [
      ['S', '89.90'],
      ['M', '99.90'],
      ['L', '109.90'],
    ] as const) {
      expect(sizeLabels.find((label) => label.startsWith(size))).toMatch(amount(price));
    }
    // Pictures and links point at the store itself.
    for (const src of await page.locator('.aisle-card img').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).src))) {
      expect(src.startsWith(`${wp.url}/wp-content/uploads/`)).toBe(true);
    }
    for (const href of await page
      .locator('.aisle-card__name a')
      .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href))) {
      expect(href.startsWith(`${wp.url}/`)).toBe(true);
    }
    expect(pageErrors).toEqual([]);

    // The widget got a session token from WordPress and sent it to the proxy as a Bearer token.
    const sessionResponse = await sessionRequests[0]?.response();
    expect(sessionResponse?.status()).toBe(200);
    const session = (await sessionResponse!.json()) as { token: string };
    const payload = JSON.parse(Buffer.from(session.token.split('.')[0]!, 'base64url').toString('utf8')) as {
      site: string;
      sid: string;
    };
    expect(payload).toMatchObject({ site: s().siteId, sid: expect.stringMatching(/^a:/) });
    expect(await chatRequests[chatRequests.length - 1]!.headerValue('authorization')).toBe(`Bearer ${session.token}`);
    // The proxy called OpenAI with the key typed into WordPress.
    const calls = s()
      .openai.requests.slice(responsesBefore)
      .filter((r) => r.method === 'POST' && r.path === '/v1/responses');
    expect(calls.length).toBeGreaterThanOrEqual(2); // the tool call, then the text after it
    for (const call of calls)
      expect({ auth: call.authorization, status: call.status }).toEqual({ auth: `Bearer ${openaiKey}`, status: 200 });

    // The cacheable product page: no secret in it, and only the loader runs on page load (React,
    // wp-element and the panel wait, inert, until the chat opens).
    const html = await (await fetch(`${wp.url}${product('variable').path}`)).text();
    expect(html).toContain('window.AisleConfig');
    for (const value of [secret, openaiKey, session.token]) expect(html).not.toContain(value);
    const scriptTags = [...html.matchAll(/<script\b[^>]*\bsrc=["']([^"']+)["']/g)].map((m) => m[1]!);
    expect(scriptTags.some((src) => src.includes('/aisle/build/index.js'))).toBe(true);
    expect(scriptTags.filter((src) => /\/aisle\/build\/panel\.js/.test(src))).toEqual([]);
    expect(html).toMatch(/<script type="application\/json" id="aisle-panel-scripts">/);
  });

  test("the store's theme does not restyle the chat: cards, picker and composer look as with Aisle's styles alone", async () => {
    const page = shopperPage!;
    const { elements, differences } = await themeRestyles(page);
    // The panel with its cards, a variation picker and the composer, not an empty widget.
    expect(elements).toBeGreaterThan(60);
    expect(differences).toEqual([]);
  });

  test('the shopper adds size M from the chat through the Store API; the mini-cart and the cart page show it without a reload', async () => {
    const { wp, step } = s();
    const page = shopperPage!;
    const harness = product('variable');
    const sizeM = harness.variations!.M;
    await step(
      'add-to-cart',
      async () => {
        await page.evaluate(() => ((window as unknown as { aisleNoReload: boolean }).aisleNoReload = true));
        const card = page.locator('.aisle-card', { hasText: harness.name });
        await card.locator('select').selectOption('M');
        await card.locator('.aisle-card__add').click();
        await card.locator('.aisle-card__added').waitFor();
        await waitForMiniCart(page, theme, 1, harness.name);
        // The classic theme's cart widget is in the footer: bring it into the picture.
        await miniCart(page, theme).scrollIntoViewIfNeeded();
        await shot(page, '07-added-to-cart');
      },
      [page],
    );
    expect(await page.evaluate(() => (window as unknown as { aisleNoReload?: boolean }).aisleNoReload)).toBe(true);
    expect(addItemRequests).toHaveLength(1);
    const response = await addItemRequests[0]!.response();
    expect(response?.status()).toBe(201);
    expect(JSON.parse(addItemRequests[0]!.postData() ?? '{}')).toMatchObject({ id: sizeM.id, quantity: 1 });

    // The real cart, as the Store API tells this shopper.
    const cart = (await page.evaluate(async () =>
      (await fetch('/wp-json/wc/store/v1/cart', { credentials: 'same-origin' })).json(),
    )) as {
      items: Array<{
        id: number;
        quantity: number;
        variation: Array<{ attribute: string; value: string }>;
        prices: { price: string };
      }>;
    };
    expect(cart.items).toHaveLength(1);
    expect(cart.items[0]).toMatchObject({
      id: sizeM.id,
      quantity: 1,
      variation: [{ attribute: 'מידה', value: 'M' }],
      prices: { price: '9990' },
    });

    await step(
      'cart-page',
      async () => {
        await page.goto(`${wp.url}${s().store.pages.cart}`);
        await cartItems(page, theme).waitFor();
        await cartItems(page, theme).locator(`text=${harness.name}`).first().waitFor();
        await shot(page, '08-cart');
      },
      [page],
    );
    const items = (await cartItems(page, theme).textContent()) ?? '';
    expect(items).toContain(harness.name);
    expect(items).toMatch(/\bM\b/);
    expect(items).toMatch(amount('99.90'));
  });

  test('after a reload the conversation is restored', async () => {
    const { wp, step } = s();
    const page = shopperPage!;
    await step(
      'restore',
      async () => {
        await page.goto(`${wp.url}${product('variable').path}`);
        await page.reload();
        await openChat(page);
        await page.locator('.aisle-message--user', { hasText: shopperSays }).waitFor();
        await page.locator('.aisle-message--assistant', { hasText: intro }).waitFor();
        await page
          .locator('.aisle-card')
          .nth(visibleKinds.length - 1)
          .waitFor();
        await shot(page, '09-restored');
      },
      [page],
    );
    const restoredThread = await page.evaluate(
      () => (JSON.parse(localStorage.getItem('aisle:widget') ?? '{}') as { threadId?: string }).threadId ?? '',
    );
    expect(restoredThread).toBe(threadId);
    expect(await page.locator('.aisle-message--user').count()).toBe(1);
  });

  test('the shopper checks out with cash on delivery', async () => {
    const { wp, step } = s();
    const page = shopperPage!;
    await step(
      'checkout',
      async () => {
        orderId = await checkOut(page, theme, `${wp.url}${s().store.pages.checkout}`, {
          email: 'shopper@example.com',
          firstName: hebrew ? 'דנה' : 'Dana',
          lastName: hebrew ? 'לוי' : 'Levi',
          address: hebrew ? 'רחוב הרצל 10' : '10 Herzl St',
          city: hebrew ? 'חיפה' : 'Haifa',
          postcode: '3100001',
          phone: '0501234567',
        });
        await shot(page, '10-order-received');
      },
      [page],
    );
    const order = JSON.parse(
      await wp.php(
        `$o = wc_get_order(${orderId}); echo json_encode(['status' => $o->get_status(), 'payment' => $o->get_payment_method(), 'total' => $o->get_total(), 'created_via' => $o->get_created_via(), 'items' => array_values(array_map(fn($i) => ['product' => $i->get_product_id(), 'variation' => $i->get_variation_id(), 'qty' => $i->get_quantity()], $o->get_items()))]);`,
      ),
    ) as { status: string; payment: string; total: string; created_via: string; items: unknown[] };
    expect(order).toEqual({
      status: 'processing',
      payment: 'cod',
      total: '99.90',
      created_via: theme === 'block' ? 'store-api' : 'checkout',
      items: [{ product: product('variable').id, variation: product('variable').variations!.M.id, qty: 1 }],
    });
  });

  test('the order records that its items came from the chat', async () => {
    const { wp } = s();
    expect(orderId).toBeGreaterThan(0);
    // The widget names the conversation in the add-to-cart request…
    expect(await addItemRequests[0]!.headerValue('x-aisle-thread')).toBe(threadId);
    // …and the plugin carries it through the cart onto the order (HPOS-safe meta).
    const meta = JSON.parse(
      await wp.php(
        `$o = wc_get_order(${orderId}); echo json_encode(['attributed' => $o->get_meta('_aisle_attributed'), 'threads' => $o->get_meta('_aisle_threads'), 'lines' => array_values(array_map(fn($i) => $i->get_meta('_aisle_thread'), $o->get_items()))]);`,
      ),
    ) as { attributed: string; threads: unknown; lines: string[] };
    expect({ attributed: meta.attributed, lines: meta.lines }).toEqual({ attributed: 'yes', lines: [threadId] });
    expect(JSON.stringify(meta.threads)).toContain(threadId);
  });

  test(`a ${options.change} change saved in wp-admin reaches the proxy's catalog and the next card within 60 s`, async () => {
    const { wp, browser, step, proxy } = s();
    const page = browser.page;
    const changed = options.change === 'price' ? product('simple') : product('sale');
    const noticesBefore = proxyRequests.filter((r) => r.startsWith('POST /api/admin/catalog/changes')).length;
    let savedAt = 0;
    await step('product-edit', async () => {
      await page.goto(`${wp.url}/wp-admin/post.php?post=${changed.id}&action=edit`);
      if (options.change === 'price') {
        await page.locator('#_regular_price').fill('169.90');
      } else {
        await page.locator('.inventory_options a').click();
        // WooCommerce 11 shows the stock status as radio buttons.
        await page.locator('input[name="_stock_status"][value="outofstock"]').check();
      }
      await Promise.all([page.waitForURL(/message=1/, { timeout: 30_000 }), page.locator('#publish').click()]);
      savedAt = Date.now();
    });
    const saved = await wp.php(`$p = wc_get_product(${changed.id}); echo $p->get_price() . '|' . $p->get_stock_status();`);
    expect(saved).toBe(options.change === 'price' ? '169.90|instock' : '59.90|outofstock');

    // The plugin tells the proxy at the end of that request; fail fast when nothing arrives.
    const notices = await pollUntil(
      async () => proxyRequests.filter((r) => r.startsWith('POST /api/admin/catalog/changes')),
      (list) => list.length > noticesBefore,
      15_000,
    );
    expect({ changeNotices: notices.slice(noticesBefore) }).toEqual({ changeNotices: ['POST /api/admin/catalog/changes 202'] });

    const fresh = (p: SyncedProduct | undefined) =>
      options.change === 'price' ? p?.price === '169.90' : p?.stock_status === 'outofstock';
    const synced = await pollUntil(
      async () => (await readSyncedCatalog(proxy.aisle.store)).find((p) => p.id === changed.id),
      fresh,
      Math.max(1000, 60_000 - (Date.now() - savedAt)),
    );
    expect({ price: synced?.price, stock: synced?.stock_status }).toEqual(
      options.change === 'price' ? { price: '169.90', stock: 'instock' } : { price: '59.90', stock: 'outofstock' },
    );

    // The next answer's card shows it.
    const chat = shopperPage!;
    await step(
      'card-after-change',
      async () => {
        await chat.goto(`${wp.url}${product('variable').path}`);
        await openChat(chat);
        const before = await chat.locator('.aisle-card').count();
        const input = chat.locator('.aisle-composer__input');
        await input.fill(shopperSays);
        await input.press('Enter');
        await chat
          .locator('.aisle-card')
          .nth(before + visibleKinds.length - 1)
          .waitFor();
        await shot(chat, '11-after-change');
      },
      [chat],
    );
    const card = chat.locator('.aisle-card', { hasText: changed.name }).last();
    if (options.change === 'price') {
      await expect(card.locator('.aisle-card__price').textContent()).resolves.toMatch(amount('169.90'));
    } else {
      await expect(card.locator('.aisle-card__stock--outofstock').count()).resolves.toBe(1);
    }
    expect(Date.now() - savedAt).toBeLessThan(60_000 + 20_000);
  });

  test('the plugin logged no PHP error, warning or notice along the way', async () => {
    const log = await readFile(path.join(path.dirname(s().wp.wpDir), 'wp-debug.log'), 'utf8').catch(() => '');
    const ours = log.split('\n').filter((line) => line.includes('/plugins/aisle/'));
    expect(ours).toEqual([]);
  });

  return { state: s };
}

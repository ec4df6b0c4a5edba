/**
 * Order status in real WordPress 7.0.4 + WooCommerce 11.0.1 (classic theme), real Chromium and the
 * real proxy on the fake OpenAI: a customer account places a real order (classic checkout, cash
 * on delivery); logged in on a product page, the customer asks the chat, and the `order_status`
 * output the model received holds that order's number, status and items and nothing personal.
 * A second customer does not see it; a guest sees it with the number and the billing email, and
 * a wrong email gets the answer an unknown number gets. The proxy reads orders with the read-only
 * key the plugin created on Connect, through WooCommerce's REST API.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { NO_MATCH } from '../../proxy/src/orders';
import { startFakeOpenAI } from '../fakes/openai';
import type { FakeOpenAI } from '../fakes/openai/types';
import { launchBrowser, openChat, screenshot, wpLogin, type LaunchedBrowser } from '../helpers/browser';
import { fakeOpenAIKey } from '../helpers/keys';
import { startProxy, type RunningProxy } from '../helpers/proxy';
import { startWordPress, type WordPressSite } from '../helpers/wordpress';
import { phpString } from './plugin/translations';
import { buildPluginZip } from './store/plugin-zip';
import { checkOut, type Buyer } from './store/shop';

jest.setTimeout(120_000);

const execFileAsync = promisify(execFile);
const secret = randomBytes(32).toString('base64url');
const openaiKey = fakeOpenAIKey(`orders${randomBytes(6).toString('hex')}`);
const PASSWORD = `Pw-${randomBytes(9).toString('base64url')}`;
const ANN = { login: 'ann_orders', email: 'ann.orders@example.com' };
const BEN = { login: 'ben_orders', email: 'ben.orders@example.com' };
const BUYER: Buyer = {
  email: ANN.email,
  firstName: 'Annabel',
  lastName: 'Quillfeather',
  address: '77 Lilac Secret Lane',
  city: 'Haifa',
  postcode: '3100001',
  phone: '0521234987',
};

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let workDir = '';
let wp: WordPressSite | undefined;
let openai: FakeOpenAI | undefined;
let browser: LaunchedBrowser | undefined;
let proxy: RunningProxy | undefined;
const contexts: BrowserContext[] = [];
let orderId = 0;
let annId = 0;
const timings: Record<string, number> = {};
const startedAt = Date.now();

beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'aisle-orders-'));
  const pluginsDir = path.join(workDir, 'plugins');
  await mkdir(pluginsDir);
  const zip = await buildPluginZip(path.join(workDir, 'aisle.zip'));
  await execFileAsync('unzip', ['-q', zip, '-d', pluginsDir]);
  timings.zip = Date.now() - startedAt;
  const started = await Promise.allSettled([
    startWordPress({
      version: '7.0.4',
      woocommerce: true,
      theme: 'classic',
      pluginsDir,
      activatePlugins: ['aisle/aisle.php'],
    }).then((site) => (wp = site)),
    startFakeOpenAI({ apiKey: openaiKey }).then((fake) => (openai = fake)),
    launchBrowser({ locale: 'en-US', actionTimeoutMs: 30_000 }).then((launched) => (browser = launched)),
  ]);
  const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  timings.started = Date.now() - startedAt;
  proxy = await startProxy({
    AISLE_CONNECTION_SECRET: secret,
    OPENAI_BASE_URL: openai!.baseURL,
    AISLE_ALLOWED_ORIGINS: wp!.url,
    AISLE_SYNC_DEBOUNCE_MS: '600000',
  });
  // The owner's Connect, as the settings screen runs it: a read-only WooCommerce key, then the push.
  const connected = JSON.parse(
    await wp!.php(`
      update_option('aisle_settings', array_merge(\\Aisle\\Settings\\Defaults::all(), [
        'proxy_url' => ${phpString(proxy.url)},
        'connection_secret' => ${phpString(secret)},
        'openai_api_key' => ${phpString(openaiKey)},
      ]));
      $ann = wc_create_new_customer(${phpString(ANN.email)}, ${phpString(ANN.login)}, ${phpString(PASSWORD)});
      $ben = wc_create_new_customer(${phpString(BEN.email)}, ${phpString(BEN.login)}, ${phpString(PASSWORD)});
      echo json_encode(['connect' => \\Aisle\\Plugin::instance()->connector()->connect(1), 'ann' => $ann, 'ben' => $ben]);
    `),
  ) as { connect: { ok: boolean; message: string }; ann: number; ben: number };
  expect(connected.connect).toMatchObject({ ok: true });
  expect(connected.ann).toBeGreaterThan(0);
  annId = connected.ann;
  timings.connected = Date.now() - startedAt;
}, 240_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await proxy?.close();
  await Promise.allSettled([wp?.stop(), openai?.close()]);
  if (workDir) await rm(workDir, { recursive: true, force: true });
  // eslint-disable-next-line no-console
  console.log(`orders e2e timings (ms since start): ${JSON.stringify(timings)}`);
});

async function newPage(): Promise<Page> {
  const context = await browser!.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(30_000);
  contexts.push(context);
  return context.newPage();
}

/** Logs a customer in through the real login form (WooCommerce then keeps customers out of wp-admin). */
async function logIn(page: Page, login: string): Promise<void> {
  await page.goto(`${wp!.url}/wp-login.php`);
  await page.locator('#user_login').fill(login);
  await page.locator('#user_pass').fill(PASSWORD);
  await Promise.all([page.waitForURL((url) => !url.pathname.includes('wp-login.php')), page.locator('#wp-submit').click()]);
}

const productUrl = () => `${wp!.url}${wp!.store!.products.simple.path}`;

/**
 * The shopper types a question in the chat on the page; the model (scripted) calls order_status
 * with `args`. Resolves with the function_call_output the model received next.
 */
async function ask(page: Page, args: Json, answer: string): Promise<string> {
  const fake = openai!;
  fake.enqueue({ kind: 'function_call', name: 'order_status', arguments: JSON.stringify(args) }, { kind: 'text', text: answer });
  const before = fake.requests.length;
  await openChat(page);
  const input = page.locator('.aisle-composer__input');
  await input.fill('Where is my order?');
  await input.press('Enter');
  try {
    await page.locator('.aisle-message--assistant', { hasText: answer }).waitFor();
  } catch (error) {
    throw new Error(
      `${(error as Error).message}\nscreenshot: ${await screenshot(page, `orders-${Date.now()}`).catch(() => 'none')}`,
    );
  }
  const outputs = fake.requests
    .slice(before)
    .filter((r) => r.method === 'POST' && r.path === '/v1/responses')
    .flatMap((r) => ((r.body as { input?: unknown }).input as Json[] | undefined) ?? [])
    .filter((item) => typeof item === 'object' && item?.type === 'function_call_output');
  expect(outputs).toHaveLength(1);
  return outputs[0]!.output as string;
}

const personal = [BUYER.firstName, BUYER.lastName, BUYER.address, BUYER.phone, BUYER.postcode, ANN.email, '@'];

test('a customer places a real order, then asks the chat on a product page: the model gets that order and nothing personal', async () => {
  const page = await newPage();
  await logIn(page, ANN.login);
  await page.goto(productUrl());
  await Promise.all([page.waitForURL(/./), page.locator('button.single_add_to_cart_button').click()]);
  await page.locator('.woocommerce-message').first().waitFor();
  orderId = await checkOut(page, 'classic', `${wp!.url}${wp!.store!.pages.checkout}`, BUYER);
  timings.ordered = Date.now() - startedAt;
  const stored = JSON.parse(
    await wp!.php(
      `$o = wc_get_order(${orderId}); echo json_encode(['customer' => $o->get_customer_id(), 'status' => $o->get_status(), 'payment' => $o->get_payment_method()]);`,
    ),
  ) as Json;
  expect(stored).toEqual({ customer: annId, status: 'processing', payment: 'cod' });

  await page.goto(productUrl());
  const output = await ask(page, { order_number: null, email: null }, 'Your latest order is being processed.');
  timings.customerAsked = Date.now() - startedAt;
  const parsed = JSON.parse(output) as Json;
  expect(parsed.orders).toHaveLength(1);
  expect(parsed.orders[0]).toMatchObject({
    number: String(orderId),
    status: 'Processing',
    items: [{ name: wp!.store!.products.simple.name, quantity: 1, total: '189.90' }],
    currency: expect.stringMatching(/^[A-Z]{3}$/),
    date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
  });
  for (const value of personal) expect(output).not.toContain(value);
  expect(output).not.toMatch(/cod|cash on delivery/i);
});

test('a second customer does not see it: by number it is unknown, and their list is empty', async () => {
  expect(orderId).toBeGreaterThan(0);
  const page = await newPage();
  await logIn(page, BEN.login);
  await page.goto(productUrl());
  expect(await ask(page, { order_number: String(orderId), email: null }, 'I could not find that order.')).toBe(NO_MATCH);
  expect(JSON.parse(await ask(page, { order_number: null, email: null }, 'You have no orders yet.'))).toEqual({
    orders: [],
    message: 'This account has no orders yet.',
  });
  timings.secondCustomer = Date.now() - startedAt;
});

test('a guest sees it with the number and the billing email, tracking included; a wrong email answers like an unknown number', async () => {
  expect(orderId).toBeGreaterThan(0);
  // WooCommerce Shipment Tracking's meta, as that plugin stores it.
  await wp!.php(`
    $o = wc_get_order(${orderId});
    $o->update_meta_data('_wc_shipment_tracking_items', [[
      'tracking_provider' => 'usps', 'custom_tracking_provider' => '', 'custom_tracking_link' => '',
      'tracking_number' => 'EZ1000000001', 'date_shipped' => '1796601600', 'tracking_id' => 'a1b2c3',
    ]]);
    $o->save();
  `);
  const page = await newPage();
  await page.goto(productUrl());
  const found = await ask(page, { order_number: `#${orderId}`, email: ` ${ANN.email.toUpperCase()} ` }, 'Found your order.');
  expect(JSON.parse(found)).toMatchObject({
    found: true,
    order: {
      number: String(orderId),
      status: 'Processing',
      items: [{ name: wp!.store!.products.simple.name, quantity: 1 }],
      tracking: [{ provider: 'usps', number: 'EZ1000000001', shipped: '2026-12-07' }],
    },
  });
  for (const value of personal) expect(found).not.toContain(value);
  const wrongEmail = await ask(page, { order_number: String(orderId), email: 'not.ann@example.com' }, 'No match, sorry.');
  const unknownNumber = await ask(page, { order_number: String(orderId + 1000), email: ANN.email }, 'No match either.');
  expect(wrongEmail).toBe(NO_MATCH);
  expect(unknownNumber).toBe(wrongEmail);
  timings.guest = Date.now() - startedAt;
});

test('the owner turns order status off on the settings screen (Save and connect) and on again (Save changes): the proxy follows each time', async () => {
  const page = await newPage();
  await wpLogin(page, wp!);
  await page.goto(`${wp!.url}/wp-admin/admin.php?page=aisle`);
  const box = page.locator('#aisle-order_lookup');
  await expect(box.isChecked()).resolves.toBe(true);
  const site = new URL(wp!.url).host;
  const toolsOf = async () => (await proxy!.aisle.runtimes.forTenant(site)).tools?.map((t) => t.definition.name);
  expect(await toolsOf()).toEqual(['show_products', 'search_products', 'compare_products', 'order_status']);
  await box.uncheck();
  await Promise.all([page.waitForURL(/settings-updated=true/), page.locator('#aisle_connect').click()]);
  await page.locator('.wrap .notice-success').first().waitFor();
  await expect(page.locator('#aisle-order_lookup').isChecked()).resolves.toBe(false);
  expect(await wp!.php("echo json_encode(get_option('aisle_settings')['order_lookup']);")).toBe('false');
  expect(await toolsOf()).toEqual(['show_products', 'search_products', 'compare_products']);

  // Back on with the plain "Save changes": a connected store's proxy gets the saved settings too.
  await page.locator('#aisle-order_lookup').check();
  await Promise.all([page.waitForURL(/settings-updated=true/), page.locator('#submit').click()]);
  await page.locator('.wrap .notice-success', { hasText: 'The proxy has the new settings.' }).waitFor();
  expect(await toolsOf()).toEqual(['show_products', 'search_products', 'compare_products', 'order_status']);
  timings.ownerSwitch = Date.now() - startedAt;
});

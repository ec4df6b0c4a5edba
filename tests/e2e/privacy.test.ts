/**
 * Privacy the WordPress way, in real WordPress 7.0.4 + WooCommerce 11.0.1, real Chromium and the
 * real proxy on the fake OpenAI: a signed-in customer chats (typing their email) and rates the
 * answer; the owner reads the masked transcript in WooCommerce › Aisle conversations; then runs
 * Tools › Export Personal Data (the zip holds the conversation) and Tools › Erase Personal Data,
 * after which neither the proxy's store nor the fake OpenAI holds anything of it.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { hashEmail } from '../../proxy/src/privacy/personal-data';
import { BRAIN_TEXTS, startFakeOpenAI } from '../fakes/openai';
import type { FakeOpenAI } from '../fakes/openai/types';
import { launchBrowser, screenshot, wpLogin, type LaunchedBrowser } from '../helpers/browser';
import { fakeOpenAIKey } from '../helpers/keys';
import { startProxy, type RunningProxy } from '../helpers/proxy';
import { startWordPress, type WordPressSite } from '../helpers/wordpress';
import { phpString } from './plugin/translations';
import { buildPluginZip } from './store/plugin-zip';

jest.setTimeout(150_000);

const execFileAsync = promisify(execFile);
const CUSTOMER_EMAIL = 'noa.customer@example.com';
const CUSTOMER_PASSWORD = `pw-${randomBytes(9).toString('base64url')}`;
const secret = randomBytes(32).toString('base64url');
const openaiKey = fakeOpenAIKey(`privacy${randomBytes(6).toString('hex')}`);

let workDir = '';
let wp: WordPressSite | undefined;
let openai: FakeOpenAI | undefined;
let browser: LaunchedBrowser | undefined;
let proxy: RunningProxy | undefined;
let customerId = 0;
let threadId = '';
let conversationId = '';

const site = () => wp!;
const allKeys = () => proxy!.aisle.store.keys('');

/**
 * The customer's request of this type, confirmed: without the confirmation email WordPress files it
 * as confirmed already; a pending one is confirmed as if they had clicked the email's link.
 */
async function confirmRequest(action: 'export_personal_data' | 'remove_personal_data'): Promise<number> {
  const id = Number(
    await site().php(
      `$r = get_posts(array('post_type' => 'user_request', 'post_status' => array('request-pending', 'request-confirmed'), 'name' => '${action}', 'numberposts' => 1));
       if (!$r) { echo 0; return; }
       if ('request-pending' === $r[0]->post_status) { _wp_privacy_account_request_confirmed($r[0]->ID); }
       echo $r[0]->ID;`,
    ),
  );
  expect(id).toBeGreaterThan(0);
  return id;
}

async function addRequest(page: Page, screen: 'export-personal-data' | 'erase-personal-data'): Promise<void> {
  await page.goto(`${site().url}/wp-admin/${screen}.php`);
  await page.locator('#username_or_email_for_privacy_request').fill(CUSTOMER_EMAIL);
  await page.locator('#send_confirmation_email').uncheck();
  await Promise.all([page.waitForLoadState('load'), page.locator('#submit').click()]);
  await page.locator('.notice-success').first().waitFor();
}

async function waitFor(probe: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return true;
}

async function step(name: string, page: Page, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    const shot = await screenshot(page, `privacy-${name}-failure`).catch(() => 'none');
    const chat = await page
      .locator('.aisle-messages')
      .evaluate((list) => list.outerHTML, undefined, { timeout: 1000 })
      .catch(() => '');
    throw new Error(`${(error as Error).message}\nscreenshot: ${shot}\nchat: ${chat}\n${await site().logs()}`, {
      cause: error,
    });
  }
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'aisle-privacy-'));
  let zip = '';
  const results = await Promise.allSettled([
    buildPluginZip(path.join(workDir, 'aisle.zip')).then((built) => (zip = built)),
    startWordPress({ version: '7.0.4', woocommerce: true, theme: 'block', timeoutMs: 120_000 }).then((started) => (wp = started)),
    startFakeOpenAI({ apiKey: openaiKey, productIdsFor: () => [] }).then((started) => (openai = started)),
    launchBrowser({ actionTimeoutMs: 30_000 }).then((launched) => (browser = launched)),
  ]);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  proxy = await startProxy({
    AISLE_CONNECTION_SECRET: secret,
    OPENAI_BASE_URL: openai!.baseURL,
    AISLE_ALLOWED_ORIGINS: wp!.url,
  });
  // The plugin as the owner's zip installs it, activated, and connected as "Save and connect" does.
  await execFileAsync('unzip', ['-q', '-o', zip, '-d', wp!.pluginsPath]);
  const connected = await wp!.php(
    `activate_plugin('aisle/aisle.php');
     update_option('aisle_settings', array_merge(\\Aisle\\Settings\\Defaults::all(), array(
       'proxy_url' => ${phpString(proxy.url)}, 'connection_secret' => ${phpString(secret)},
       'openai_api_key' => ${phpString(openaiKey)}, 'transcript_review' => true)));
     echo json_encode(\\Aisle\\Plugin::instance()->connector()->connect(1));`,
  );
  expect(JSON.parse(connected)).toMatchObject({ ok: true });
  customerId = Number(
    await wp!.php(
      `$id = wp_create_user('noa', ${phpString(CUSTOMER_PASSWORD)}, '${CUSTOMER_EMAIL}');
       (new WP_User($id))->set_role('customer'); echo $id;`,
    ),
  );
  expect(customerId).toBeGreaterThan(1);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await proxy?.close();
  await Promise.allSettled([wp?.stop(), openai?.close()]);
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

test('a signed-in customer chats, types their email and rates the answer', async () => {
  const context = await browser!.browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  try {
    await step('customer-chat', page, async () => {
      await page.goto(`${site().url}/wp-login.php`);
      await page.locator('#user_login').fill('noa');
      await page.locator('#user_pass').fill(CUSTOMER_PASSWORD);
      await Promise.all([page.waitForURL((url) => !url.pathname.endsWith('wp-login.php')), page.locator('#wp-submit').click()]);
      await page.goto(`${site().url}${site().store!.products.simple.path}`);
      await page.locator('.aisle-launcher').click();
      await page.locator('.aisle-composer__input').fill(`Hello! Please write to me at ${CUSTOMER_EMAIL} about delivery.`);
      await page.locator('.aisle-composer__input').press('Enter');
      await page
        .locator('.aisle-message--assistant.aisle-message--complete', { hasText: BRAIN_TEXTS.greetingEn })
        .waitFor({ timeout: 60_000 });
      const up = page.locator('.aisle-message--complete .aisle-feedback__button[aria-label="Helpful"]');
      await up.click();
      await page.waitForFunction(
        () => document.querySelector('.aisle-feedback__button[aria-label="Helpful"]')?.getAttribute('aria-pressed') === 'true',
      );
    });
    // The proxy tied the thread to the customer's WordPress user ID and the hash of the address.
    expect(await waitFor(async () => (await allKeys()).filter((k) => k.startsWith('feedback:')).length === 1, 10_000)).toBe(true);
    const byUser = (await allKeys()).find((k) => k.startsWith('threads:user:') && k.includes(`:${customerId}:`));
    expect(byUser).toBeDefined();
    threadId = byUser!.slice(byUser!.lastIndexOf(':') + 1);
    expect((await allKeys()).some((k) => k.includes(hashEmail(CUSTOMER_EMAIL)) && k.endsWith(threadId))).toBe(true);
    conversationId = (JSON.parse((await proxy!.aisle.store.get(`thread:${threadId}`))!) as { conversation_id: string })
      .conversation_id;
    expect(openai!.state.conversations.has(conversationId)).toBe(true);
  } finally {
    await context.close();
  }
});

test('the owner reads the masked transcript in WooCommerce › Aisle conversations', async () => {
  const page = browser!.page;
  await step('conversations', page, async () => {
    await wpLogin(page, site());
    await page.goto(`${site().url}/wp-admin/admin.php?page=aisle-conversations&feedback=up`);
    await page.locator(`.wp-list-table a[href*="thread=${threadId}"]`).click();
    await page.locator('.aisle-transcript__user').first().waitFor();
  });
  const user = (await page.locator('.aisle-transcript__user').first().textContent()) ?? '';
  expect(user).toContain('[email]');
  expect(await page.content()).not.toContain(CUSTOMER_EMAIL);
  await expect(page.locator('.aisle-transcript__feedback').first().textContent()).resolves.toBe('(thumbs up)');
});

test('Tools › Export Personal Data: the zip holds the conversation', async () => {
  const page = browser!.page;
  let file = '';
  await step('export', page, async () => {
    await addRequest(page, 'export-personal-data');
    await confirmRequest('export_personal_data');
    await page.reload();
    const row = page.locator('tr', { hasText: CUSTOMER_EMAIL });
    await row.hover();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      row.locator('.export-personal-data-idle .export-personal-data-handle').first().click(),
    ]);
    file = path.join(workDir, 'export.zip');
    await download.saveAs(file);
  });
  const { stdout } = await execFileAsync('unzip', ['-p', file, 'export.json'], { maxBuffer: 10 * 1024 * 1024 });
  type Group = { group_label: string; items: Record<string, Array<{ name: string; value: string }>> };
  const groups = JSON.parse(stdout) as Record<string, Record<string, Group>>;
  // export.json is { "<report title>": { "<group id>": … } }.
  const ours = Object.values(groups)[0]?.['aisle-conversations'];
  expect(ours?.group_label).toBe('Shopping assistant conversations');
  const item = ours!.items[`aisle-${threadId}`]!;
  const values = item.map((d) => d.value);
  expect(values).toContain(`Hello! Please write to me at ${CUSTOMER_EMAIL} about delivery.`);
  expect(values).toContain(BRAIN_TEXTS.greetingEn);
});

test('Tools › Erase Personal Data: nothing of the conversation is left on the proxy or at OpenAI', async () => {
  const page = browser!.page;
  await step('erase', page, async () => {
    await addRequest(page, 'erase-personal-data');
    await confirmRequest('remove_personal_data');
    await page.reload();
    const row = page.locator('tr', { hasText: CUSTOMER_EMAIL });
    await row.locator('.remove-personal-data:not(.force-remove-personal-data) .remove-personal-data-idle button').click();
    await row.locator('.remove-personal-data-success').waitFor({ state: 'visible', timeout: 60_000 });
  });
  const keys = await allKeys();
  expect(keys.filter((k) => k.includes(threadId) || k.includes(conversationId))).toEqual([]);
  expect(keys.filter((k) => k.includes(`:${customerId}:`) || k.includes(hashEmail(CUSTOMER_EMAIL)))).toEqual([]);
  expect(openai!.state.conversations.has(conversationId)).toBe(false);
  expect([...openai!.state.conversations.values()].map((c) => c.resource.metadata.aisle_thread)).not.toContain(threadId);
});

/**
 * Store policies and a person when needed, in real WordPress 7.0.4 + WooCommerce 11.0.1, real
 * Chromium and the real proxy on the fake OpenAI:
 *
 *   owner:   the plugin (installed from its zip) connects and syncs; WooCommerce's own Refund and
 *            Returns page and a page the owner picked reach the store's vector store as their own
 *            documents, with their URLs, as plain text; editing the page in WordPress replaces
 *            its document;
 *   shopper: a policy answer links to the store's page (a link elsewhere is not a link); asking
 *            for a person shows WhatsApp, contact-page and email buttons; the email path mails
 *            the conversation to the store with Reply-To the shopper (wp_mail captured by a
 *            mu-plugin).
 */
import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startFakeOpenAI } from '../fakes/openai';
import type { FakeOpenAI } from '../fakes/openai/types';
import { launchBrowser, screenshot, wpLogin, type LaunchedBrowser } from '../helpers/browser';
import { fakeOpenAIKey } from '../helpers/keys';
import { startProxy, type RunningProxy } from '../helpers/proxy';
import { startWordPress, type WordPressSite } from '../helpers/wordpress';
import { phpString } from './plugin/translations';
import { buildPluginZip } from './store/plugin-zip';
import { adminClient, type AdminClient } from './store/proxy-admin';
import { publishShot } from './store/screenshots';

jest.setTimeout(120_000);

const execFileAsync = promisify(execFile);
const secret = randomBytes(32).toString('base64url');
const openaiKey = fakeOpenAIKey(`pol${randomBytes(8).toString('hex')}`);

let workDir = '';
let mailLog = '';
let wp: WordPressSite | undefined;
let openai: FakeOpenAI | undefined;
let proxy: RunningProxy | undefined;
let browser: LaunchedBrowser | undefined;
let admin: AdminClient;
let refundsId = 0;
let refundsUrl = '';
let faqId = 0;
let contactUrl = '';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms\n${(await wp?.logs()) ?? ''}`);
    await sleep(250);
  }
}

/** The text of the file the store's vector store serves under `name`, if any. */
function servedDocument(name: string): string | null {
  for (const store of openai!.state.vectorStores.values())
    for (const id of store.files.keys()) {
      const file = openai!.state.files.get(id);
      if (file?.object.filename === name) return file.content.toString('utf8');
    }
  return null;
}

const php = (code: string) => wp!.php(code);

beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'aisle-policies-'));
  mailLog = path.join(workDir, 'mail.jsonl');
  const pluginsDir = path.join(workDir, 'plugins');
  await mkdir(pluginsDir);
  const zip = await buildPluginZip(path.join(workDir, 'aisle.zip'));
  await execFileAsync('unzip', ['-q', zip, '-d', pluginsDir]);
  const started = await Promise.allSettled([
    startWordPress({
      version: '7.0.4',
      woocommerce: true,
      pluginsDir,
      activatePlugins: ['aisle/aisle.php'],
      // Other suites may share the machine: the start-up gets more time than the default.
      timeoutMs: 90_000,
    }).then((site) => (wp = site)),
    startFakeOpenAI({ apiKey: openaiKey }).then((fake) => (openai = fake)),
    launchBrowser({ actionTimeoutMs: 20_000 }).then((launched) => (browser = launched)),
  ]);
  const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  proxy = await startProxy({
    AISLE_CONNECTION_SECRET: secret,
    OPENAI_BASE_URL: openai!.baseURL,
    AISLE_ALLOWED_ORIGINS: wp!.url,
    AISLE_SYNC_DEBOUNCE_MS: '300',
  });
  admin = adminClient(proxy.url, new URL(wp!.url).host, secret);

  // wp_mail goes to a file instead of a mail server.
  await mkdir(path.join(wp!.wpDir, 'wp-content/mu-plugins'), { recursive: true });
  await writeFile(
    path.join(wp!.wpDir, 'wp-content/mu-plugins/aisle-test-mail.php'),
    `<?php
add_filter( 'pre_wp_mail', function ( $short, $atts ) {
	file_put_contents( ${phpString(mailLog)}, wp_json_encode( $atts ) . "\\n", FILE_APPEND );
	return true;
}, 10, 2 );
`,
  );

  // WooCommerce made its Refund and Returns page at install (a draft); the owner publishes it as it is,
  // writes an FAQ page (with markup a page builder might leave) and a contact page.
  const ids = JSON.parse(
    await php(`
      $refunds = (int) get_option('woocommerce_refund_returns_page_id');
      wp_update_post(array('ID' => $refunds, 'post_status' => 'publish'));
      // As an administrator with unfiltered_html saves it: the markup stays in the page.
      kses_remove_filters();
      $faq = wp_insert_post(array('post_type' => 'page', 'post_status' => 'publish', 'post_title' => 'FAQ',
        'post_content' => '<p>Gift wrapping is free.</p><script>document.title="owned"</script><style>p{display:none}</style>'));
      $contact = wp_insert_post(array('post_type' => 'page', 'post_status' => 'publish', 'post_title' => 'Contact us', 'post_content' => '<p>Write to us.</p>'));
      update_option('woocommerce_email_from_address', 'orders@policies.example');
      $zone = new WC_Shipping_Zone();
      $zone->set_zone_name('Israel');
      $zone->add_location('IL', 'country');
      $zone->save();
      $instance = $zone->add_shipping_method('flat_rate');
      update_option('woocommerce_flat_rate_' . $instance . '_settings', array('title' => 'Flat rate', 'cost' => '20', 'tax_status' => 'none'));
      echo json_encode(array('refunds' => $refunds, 'refunds_url' => get_permalink($refunds), 'faq' => $faq, 'contact' => $contact, 'contact_url' => get_permalink($contact)));
    `),
  ) as { refunds: number; refunds_url: string; faq: number; contact: number; contact_url: string };
  refundsId = ids.refunds;
  refundsUrl = ids.refunds_url;
  faqId = ids.faq;
  contactUrl = ids.contact_url;
  expect(refundsId).toBeGreaterThan(0);

  // The owner's settings, then Save and connect and Sync catalog now (what the buttons call).
  const outcome = JSON.parse(
    await php(`
      (new Aisle\\Settings\\Settings())->update(array(
        'proxy_url' => ${phpString(proxy.url)}, 'connection_secret' => ${phpString(secret)}, 'openai_api_key' => ${phpString(openaiKey)},
        'policy_page_ids' => array(${faqId}), 'handoff_whatsapp' => '972501234567', 'handoff_email' => true,
        'handoff_contact_page' => ${ids.contact}, 'shopper_phone' => '+972 3 555 0000',
      ));
      $connector = Aisle\\Plugin::instance()->connector();
      $connected = $connector->connect(1);
      echo json_encode(array('connect' => $connected, 'sync' => $connected['ok'] ? $connector->start_sync() : null));
    `),
  ) as { connect: { ok: boolean; message: string }; sync: { ok: boolean; message: string } | null };
  expect(outcome.connect).toMatchObject({ ok: true });
  expect(outcome.sync).toMatchObject({ ok: true });
  await waitFor('the first sync', async () => {
    const { body } = await admin.call('GET', '/api/admin/sync/status');
    if (body.state === 'failed') throw new Error(`sync failed: ${JSON.stringify(body.last)}`);
    return body.state === 'succeeded';
  });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await proxy?.close();
  await Promise.allSettled([wp?.stop(), openai?.close()]);
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

test("the store's real Refund and Returns page reaches the vector store with its URL, as plain text", async () => {
  const doc = servedDocument(`store-page-${refundsId}.md`);
  expect(doc).not.toBeNull();
  expect(doc).toContain(`URL: ${refundsUrl}`);
  expect(doc).toContain('Store document: Refund and returns policy.');
  // A paragraph of WooCommerce's own page text, as WordPress stores it.
  const paragraph = await php(`
    preg_match_all('#<p[^>]*>(.*?)</p>#s', get_post(${refundsId})->post_content, $m);
    foreach ($m[1] as $p) { $t = trim(html_entity_decode(wp_strip_all_tags($p), ENT_QUOTES, 'UTF-8')); if (strlen($t) > 40) { echo $t; break; } }
  `);
  expect(paragraph.length).toBeGreaterThan(40);
  expect(doc).toContain(paragraph);
  expect(doc).not.toMatch(/<\/?[a-z]|wp:paragraph/);

  const faq = servedDocument(`store-page-${faqId}.md`)!;
  expect(faq).toContain('Gift wrapping is free.');
  expect(faq).not.toContain('owned');
  expect(faq).not.toContain('display:none');
  expect(servedDocument('store-contact.md')).toContain('Phone: +972 3 555 0000');
  const shipping = servedDocument('store-shipping.md')!;
  expect(shipping).toContain('## Shipping zone: Israel');
  expect(shipping).toMatch(/- Flat rate \(flat_rate\): .*20/);
});

test('editing the page in WordPress replaces its document', async () => {
  const before = servedDocument(`store-page-${refundsId}.md`)!;
  await php(`
    $post = get_post(${refundsId});
    wp_update_post(array('ID' => ${refundsId}, 'post_content' => $post->post_content . '<p>Holiday returns: until January 31.</p>'));
  `);
  // The new file is served first; the old one is removed once the new state is committed.
  const copies = () => [...openai!.state.files.values()].filter((f) => f.object.filename === `store-page-${refundsId}.md`);
  const after = await waitFor(
    'the edited page in the vector store, and only it',
    async () => {
      const files = copies();
      const text = files.length === 1 ? files[0]!.content.toString('utf8') : '';
      return text.includes('Holiday returns: until January 31.') ? text : null;
    },
    30_000,
  );
  expect(after).not.toBe(before);
  expect(servedDocument(`store-page-${refundsId}.md`)).toBe(after);
});

test('a policy answer links to the store page; the shopper asks for a person and mails the conversation to the store', async () => {
  const page = browser!.page;
  const product = wp!.store!.products.simple;
  openai!.enqueue({
    kind: 'text',
    text: `Returns are accepted within 30 days: see [Refund and Returns Policy](${refundsUrl}). Also [this](https://evil.example/returns).`,
  });
  try {
    await page.goto(`${wp!.url}${product.path}`);
    await page.locator('.aisle-launcher').click();
    const input = page.locator('.aisle-composer__input');
    await input.fill('What is your returns policy?');
    await input.press('Enter');
    const link = page.locator(`.aisle-message--assistant a[href="${refundsUrl}"]`);
    await link.waitFor();
    expect((await link.textContent())?.trim()).toBe('Refund and Returns Policy');
    await expect(page.locator('.aisle-message--assistant a[href*="evil.example"]').count()).resolves.toBe(0);

    openai!.enqueue(
      { kind: 'function_call', name: 'handoff', arguments: JSON.stringify({ reason: 'asked', summary: 'Asks about returns' }) },
      { kind: 'text', text: 'You can reach the store with the buttons below.' },
    );
    await input.fill('Can I talk to a person?');
    await input.press('Enter');
    const whatsapp = page.getByRole('link', { name: 'Chat on WhatsApp' });
    await whatsapp.waitFor();
    // The store is open at any hour (no hours set): WhatsApp, email and the contact page.
    expect(await whatsapp.getAttribute('href')).toBe(
      `https://wa.me/972501234567?text=${encodeURIComponent('Asks about returns')}`,
    );
    expect(await page.getByRole('link', { name: 'Contact page' }).getAttribute('href')).toBe(contactUrl);
    await publishShot(page, 'policies-handoff');
    await page.getByRole('button', { name: 'Email the store' }).click();
    await page.getByLabel('Your email').fill('dana@example.com');
    await page.getByRole('checkbox', { name: /Send this conversation to the store/ }).check();
    await page.getByRole('button', { name: 'Send to the store' }).click();
    await page.getByText('Sent. The store will reply to your email.').waitFor();
  } catch (error) {
    const shot = await screenshot(page, 'policies-failure').catch(() => 'none');
    throw new Error(`${(error as Error).message}\nscreenshot: ${shot}\n${await wp!.logs()}`, { cause: error });
  }

  const mails = (await readFile(mailLog, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { to: string; subject: string; message: string; headers: string[] });
  expect(mails).toHaveLength(1);
  const mail = mails[0]!;
  expect(mail.to).toBe('orders@policies.example');
  expect(mail.headers).toContain('Reply-To: dana@example.com');
  expect(mail.subject).toContain('dana@example.com');
  expect(mail.message).toContain('Shopper: What is your returns policy?');
  expect(mail.message).toContain('Shopper: Can I talk to a person?');
  expect(mail.message).toContain('Assistant: You can reach the store with the buttons below.');
});

test("the owner's settings screen shows the policy and handoff sections, and saves opening hours with a break", async () => {
  const page = await browser!.context.newPage();
  // wp-admin with WooCommerce on one php -S worker is slow on a shared machine.
  page.setDefaultTimeout(60_000);
  page.setDefaultNavigationTimeout(60_000);
  try {
    await wpLogin(page, wp!);
    await page.goto(`${wp!.url}/wp-admin/admin.php?page=aisle`, { waitUntil: 'domcontentloaded' });
    await expect(page.locator('#aisle-handoff_whatsapp').inputValue()).resolves.toBe('+972501234567');
    await expect(
      page.locator(`#aisle-policy_page_ids option[value="${faqId}"]`).evaluate((o) => (o as HTMLOptionElement).selected),
    ).resolves.toBe(true);
    await expect(page.locator('input[name="aisle_settings[handoff_email]"]').isChecked()).resolves.toBe(true);
    await expect(page.locator('.aisle-settings').textContent()).resolves.toContain(
      'Refund and returns policy: Refund and Returns Policy',
    );
    // A day with a break: two intervals.
    await page.locator('#aisle-hours-mon-open').fill('09:00');
    await page.locator('#aisle-hours-mon-close').fill('13:00');
    await page.locator('#aisle-hours-mon-open-2').fill('16:00');
    await page.locator('#aisle-hours-mon-close-2').fill('19:00');
    await page.locator('#aisle-hours-tue-open').fill('10:00');
    await page.locator('#aisle-hours-tue-close').fill('17:00');
    await Promise.all([page.waitForURL(/settings-updated=true/, { timeout: 60_000 }), page.locator('#submit').click()]);
    await expect(page.locator('#aisle-hours-mon-open').inputValue()).resolves.toBe('09:00');
    await expect(page.locator('#aisle-hours-mon-close-2').inputValue()).resolves.toBe('19:00');
    await expect(page.locator('#aisle-hours-tue-open-2').inputValue()).resolves.toBe('');
    expect(JSON.parse(await php("echo json_encode(get_option('aisle_settings')['handoff_hours']);"))).toEqual({
      mon: [
        { open: '09:00', close: '13:00' },
        { open: '16:00', close: '19:00' },
      ],
      tue: [{ open: '10:00', close: '17:00' }],
    });
    // The store is connected, so the plain Save pushed them to the proxy too.
    await page.locator('.wrap .notice-success', { hasText: 'The proxy has the new settings.' }).waitFor();
    // The rest of the form kept its values.
    expect(await php("echo get_option('aisle_settings')['handoff_whatsapp'];")).toBe('972501234567');
  } catch (error) {
    const shot = await screenshot(page, 'policies-settings-failure').catch(() => 'none');
    throw new Error(`${(error as Error).message}\nscreenshot: ${shot}`, { cause: error });
  } finally {
    await page.close();
  }
}, 180_000);

test('the plugin logged no PHP error, warning or notice along the way', async () => {
  const log = await readFile(path.join(path.dirname(wp!.wpDir), 'wp-debug.log'), 'utf8').catch(() => '');
  expect(log.split('\n').filter((line) => line.includes('/plugins/aisle/'))).toEqual([]);
});

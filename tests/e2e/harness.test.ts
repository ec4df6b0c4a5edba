/**
 * The WordPress end-to-end harness itself: a real WordPress 7.0.4 on its own MariaDB and php -S,
 * driven by real Chromium through the same steps a person takes to install a plugin zip.
 * Needs scripts/wordpress/install-deps.sh to have run.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { launchBrowser, screenshot, wpLogin, wpUploadPlugin, type LaunchedBrowser } from '../helpers/browser';
import { leftoverProcesses, startWordPress, WordPressStartError, type WordPressSite } from '../helpers/wordpress';

jest.setTimeout(120_000);

const execFileAsync = promisify(execFile);
const PLUGIN_SLUG = 'aisle-harness-notice';
const PLUGIN_FILE = `${PLUGIN_SLUG}/${PLUGIN_SLUG}.php`;
// Hebrew in the title: the database, PHP and the REST API must carry it unchanged.
const SITE_TITLE = `חנות בדיקה ${randomBytes(3).toString('hex')}`;
const PREINSTALLED_SLUG = 'aisle-harness-ping';
const PING_TOKEN = `שלום ${randomBytes(3).toString('hex')}`;

/** A plugin handed to startWordPress through pluginsDir: a REST route answering PING_TOKEN. */
async function writePingPlugin(pluginsDir: string): Promise<void> {
  await mkdir(path.join(pluginsDir, PREINSTALLED_SLUG), { recursive: true });
  await writeFile(
    path.join(pluginsDir, PREINSTALLED_SLUG, `${PREINSTALLED_SLUG}.php`),
    `<?php
/**
 * Plugin Name: Aisle Harness Ping
 */
add_action('rest_api_init', function () {
    register_rest_route('aisle-harness/v1', '/ping', [
        'methods' => 'GET',
        'permission_callback' => '__return_true',
        'callback' => function () { return ['pong' => ${JSON.stringify(PING_TOKEN)}]; },
    ]);
});
`,
  );
}

/** A one-file plugin that prints an admin notice with a token only this run knows. */
async function makeNoticePluginZip(dir: string, token: string): Promise<string> {
  await mkdir(path.join(dir, PLUGIN_SLUG), { recursive: true });
  await writeFile(
    path.join(dir, PLUGIN_SLUG, `${PLUGIN_SLUG}.php`),
    `<?php
/**
 * Plugin Name: Aisle Harness Notice
 * Description: Shows an admin notice (harness test).
 * Version: 1.0.0
 */
add_action('admin_notices', function () {
    echo '<div class="notice notice-info" id="aisle-harness-notice"><p>Aisle harness notice ${token}</p></div>';
});
`,
  );
  const zip = path.join(dir, `${PLUGIN_SLUG}.zip`);
  await execFileAsync('zip', ['-r', '-q', zip, PLUGIN_SLUG], { cwd: dir });
  return zip;
}

let wp: WordPressSite | undefined;
let browser: LaunchedBrowser | undefined;
let workDir: string | undefined;
const bootTimes: Record<string, number> = {};

beforeAll(async () => {
  const started = Date.now();
  workDir = await mkdtemp(path.join(os.tmpdir(), 'aisle-harness-test-'));
  const pluginsDir = path.join(workDir, 'plugins');
  await writePingPlugin(pluginsDir);
  // Assigned as each comes up, so afterAll closes whichever started even if the other failed.
  const results = await Promise.allSettled([
    startWordPress({
      siteTitle: SITE_TITLE,
      pluginsDir,
      activatePlugins: [`${PREINSTALLED_SLUG}/${PREINSTALLED_SLUG}.php`],
    }).then((site) => {
      bootTimes.wordpress = Date.now() - started;
      wp = site;
    }),
    launchBrowser().then((launched) => {
      bootTimes.browser = Date.now() - started;
      browser = launched;
    }),
  ]);
  for (const result of results) if (result.status === 'rejected') throw result.reason;
});

afterAll(async () => {
  await browser?.close();
  await wp?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
  // eslint-disable-next-line no-console
  console.log(`harness timings (ms): ${JSON.stringify({ ...bootTimes, startup: wp?.startupMs })}`);
});

/** Runs a browser step; on failure, adds a screenshot and the servers' logs to the error. */
async function withDiagnostics(name: string, step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (error) {
    const shot = browser ? await screenshot(browser.page, `${name}-failure`).catch(() => 'none') : 'none';
    const logs = wp ? await wp.logs() : '';
    throw new Error(`${(error as Error).message}\nscreenshot: ${shot}\n${logs}`, { cause: error });
  }
}

test('WordPress 7.0.4 is installed: utf8mb4 title, pretty permalinks, REST API through php -S', async () => {
  const site = wp!;
  expect(site.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(await site.php("echo get_bloginfo('version');")).toBe('7.0.4');
  expect(await site.php('echo get_stylesheet();')).toBe('twentytwentyfive');
  expect(site.store).toBeNull();
  expect((await site.php("echo get_option('blogname');")).trim()).toBe(SITE_TITLE);
  expect((await site.php("echo get_option('permalink_structure');")).trim()).toBe('/%postname%/');

  const response = await fetch(`${site.url}/wp-json/`);
  expect(response.status).toBe(200);
  expect(((await response.json()) as { name: string }).name).toBe(SITE_TITLE);

  // pluginsDir + activatePlugins: the plugin is in place, active, and its pretty-permalink route answers.
  const ping = await fetch(`${site.url}/wp-json/aisle-harness/v1/ping`);
  expect(ping.status).toBe(200);
  expect(await ping.json()).toEqual({ pong: PING_TOKEN });

  // WordPress reaches a server under test on a random loopback port, as the plugin will reach the proxy.
  const token = randomBytes(6).toString('hex');
  const loopback = http.createServer((_req, res) => res.end(token));
  await new Promise<void>((resolve) => loopback.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = loopback.address() as AddressInfo;
    const body = await site.php(
      `$r = wp_safe_remote_get('http://127.0.0.1:${port}/'); echo is_wp_error($r) ? $r->get_error_message() : wp_remote_retrieve_body($r);`,
    );
    expect(body).toBe(token);
  } finally {
    await new Promise((resolve) => loopback.close(resolve));
  }

  // A PHP error inside php() surfaces as a rejection, not as empty output.
  await expect(site.php("throw new RuntimeException('boom from php()');")).rejects.toThrow(/boom from php\(\)/);
  // sql() reads the same database, and says why when a query is wrong.
  expect((await site.sql("SELECT option_value FROM wp_options WHERE option_name = 'blogname'")).trim()).toBe(SITE_TITLE);
  await expect(site.sql('SELECT nope FROM nowhere')).rejects.toThrow(/SQL failed: SELECT nope/);
});

test('a plugin zip uploaded through wp-admin installs, activates and shows its notice', async () => {
  const site = wp!;
  const { page } = browser!;
  const token = randomBytes(6).toString('hex');
  const zip = await makeNoticePluginZip(workDir!, token);
  const started = Date.now();

  await withDiagnostics('harness-login', () => wpLogin(page, site));
  bootTimes.login = Date.now() - started;

  await withDiagnostics('harness-upload', () => wpUploadPlugin(page, site, zip, { activate: false }));
  bootTimes.upload = Date.now() - started;
  expect(existsSync(path.join(site.pluginsPath, PLUGIN_FILE))).toBe(true);
  expect((await site.php(`echo json_encode(is_plugin_active('${PLUGIN_FILE}'));`)).trim()).toBe('false');

  await withDiagnostics('harness-activate', async () => {
    await page.getByRole('link', { name: 'Activate Plugin' }).click();
    await page.waitForURL('**/wp-admin/plugins.php**');
    await page.locator('#aisle-harness-notice').waitFor({ state: 'visible' });
  });
  bootTimes.activate = Date.now() - started;

  await expect(page.locator('#aisle-harness-notice').textContent()).resolves.toContain(`Aisle harness notice ${token}`);
  const shot = await screenshot(page, 'harness-plugin-activated');
  expect(existsSync(shot)).toBe(true);
  expect((await site.php(`echo json_encode(is_plugin_active('${PLUGIN_FILE}'));`)).trim()).toBe('true');
});

test('wpUploadPlugin installs and activates in one go, and says why when a zip is no plugin', async () => {
  const site = wp!;
  const { page } = browser!;
  const slug = 'aisle-harness-second';
  await mkdir(path.join(workDir!, slug), { recursive: true });
  await writeFile(path.join(workDir!, slug, `${slug}.php`), `<?php\n/**\n * Plugin Name: Aisle Harness Second\n */\n`);
  const zip = path.join(workDir!, `${slug}.zip`);
  await execFileAsync('zip', ['-r', '-q', zip, slug], { cwd: workDir! });
  await withDiagnostics('harness-upload-activate', () => wpUploadPlugin(page, site, zip));
  expect((await site.php(`echo json_encode(is_plugin_active('${slug}/${slug}.php'));`)).trim()).toBe('true');

  const notAPlugin = path.join(workDir!, 'not-a-plugin.zip');
  await writeFile(path.join(workDir!, 'readme.txt'), 'no plugin header here');
  await execFileAsync('zip', ['-q', notAPlugin, 'readme.txt'], { cwd: workDir! });
  await expect(wpUploadPlugin(page, site, notAPlugin)).rejects.toThrow(/did not install: .*No valid plugins were found/);
});

test('stop() ends php -S and MariaDB and removes the temp dir', async () => {
  const site = wp!;
  expect(leftoverProcesses(site).length).toBeGreaterThan(0);
  await browser!.close();
  await site.stop();
  expect(leftoverProcesses(site)).toEqual([]);
  expect(existsSync(site.wpDir)).toBe(false);
  await expect(fetch(`${site.url}/wp-login.php`)).rejects.toThrow();
});

test('a start that fails says why and leaves no process or temp dir behind', async () => {
  const failed = await startWordPress({ wordpressSource: path.join(workDir!, 'no-wordpress-here') }).then(
    () => null,
    (error: unknown) => error,
  );
  expect(failed).toBeInstanceOf(WordPressStartError);
  const error = failed as WordPressStartError;
  expect(error.message).toMatch(/startWordPress failed: .*no-wordpress-here/);
  expect(error.message).toContain('--- MariaDB error log');
  expect(existsSync(error.baseDir)).toBe(false);
  expect(leftoverProcesses(error)).toEqual([]);
});

test('a start that runs out of time stops at its deadline and cleans up', async () => {
  const started = Date.now();
  const failed = await startWordPress({ timeoutMs: 300 }).then(
    () => null,
    (error: unknown) => error,
  );
  expect(failed).toBeInstanceOf(WordPressStartError);
  const error = failed as WordPressStartError;
  expect(error.message).toContain('starting WordPress took longer than 300 ms');
  expect(Date.now() - started).toBeLessThan(15_000);
  expect(existsSync(error.baseDir)).toBe(false);
  expect(leftoverProcesses(error)).toEqual([]);
});

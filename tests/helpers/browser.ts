import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (scripts/wordpress/install-deps.sh installs it); Playwright never downloads a browser here. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Where screenshots go (git-ignored), at the repository root. */
export const ARTIFACTS_DIR = path.resolve(__dirname, '../../test-artifacts');

/**
 * Flags for root, no GPU and no outside network: without the background-networking ones,
 * Chromium keeps trying to reach Google and the closed network refuses it many times over.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export class BrowserHarnessError extends Error {
  override readonly name: string = 'BrowserHarnessError';
}

export interface LaunchedBrowser {
  browser: Browser;
  /** A fresh context (no cookies), 1280×900, with a 15 s default timeout for actions and navigation. */
  context: BrowserContext;
  /** The context's first page. */
  page: Page;
  /** Closes the browser; safe to call twice. */
  close(): Promise<void>;
}

export interface LaunchBrowserOptions {
  /** Default timeout for page actions and navigations (ms). */
  actionTimeoutMs?: number;
  /** Locale of the browser (Accept-Language, navigator.language), e.g. 'he-IL'. */
  locale?: string;
}

/**
 * Headless Debian Chromium through playwright-core. `chromium.launch` gives every launch a
 * new empty profile in a temp dir of its own and deletes it on close, so no state is shared
 * between runs.
 */
export async function launchBrowser(options: LaunchBrowserOptions = {}): Promise<LaunchedBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 30_000,
  });
  try {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: options.locale ?? 'en-US',
    });
    const timeout = options.actionTimeoutMs ?? 15_000;
    context.setDefaultTimeout(timeout);
    context.setDefaultNavigationTimeout(timeout);
    const page = await context.newPage();
    let closed = false;
    return {
      browser,
      context,
      page,
      close: async () => {
        if (closed) return;
        closed = true;
        await browser.close();
      },
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** A full-page PNG at test-artifacts/<name>.png; resolves with its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  if (!/^[\w.-]+$/.test(name)) throw new BrowserHarnessError(`screenshot name must be [\\w.-]+, got ${name}`);
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export interface WordPressLogin {
  url: string;
  adminUser: string;
  adminPassword: string;
}

/** Logs into wp-admin through the real login form and waits for the dashboard's admin bar. */
export async function wpLogin(page: Page, wp: WordPressLogin): Promise<void> {
  await page.goto(`${wp.url}/wp-login.php`);
  await page.locator('#user_login').fill(wp.adminUser);
  await page.locator('#user_pass').fill(wp.adminPassword);
  await Promise.all([page.waitForURL('**/wp-admin/**'), page.locator('#wp-submit').click()]).catch(async (error) => {
    const loginError = await page
      .locator('#login_error')
      .textContent({ timeout: 1000 })
      .catch(() => null);
    throw new BrowserHarnessError(
      `wp-admin login as ${wp.adminUser} failed at ${page.url()}: ${loginError?.trim() ?? (error as Error).message}`,
    );
  });
  await page.locator('#wpadminbar').waitFor({ state: 'visible' });
}

/**
 * Plugins → Add New → Upload Plugin → Install Now with a zip, as a person does it, then
 * (unless `activate` is false) "Activate Plugin"; resolves on the Plugins screen after
 * activation, or on the "installed" screen. Needs a logged-in page (wpLogin).
 */
export async function wpUploadPlugin(
  page: Page,
  wp: Pick<WordPressLogin, 'url'>,
  zipPath: string,
  options: { activate?: boolean } = {},
): Promise<void> {
  await page.goto(`${wp.url}/wp-admin/plugin-install.php`);
  await page.locator('.upload-view-toggle').click();
  await page.locator('#pluginzip').setInputFiles(zipPath);
  await page.locator('#install-plugin-submit').click();
  // The result screen ends with one of these two lines; wait for whichever comes.
  const outcome = page.getByText(/^(Plugin installed successfully\.|Plugin installation failed\.)$/);
  const outcomeText = await outcome.textContent().catch((error: Error) => `no result screen (${error.message})`);
  if (outcomeText !== 'Plugin installed successfully.') {
    const screen =
      (await page
        .locator('.wrap')
        .textContent({ timeout: 1000 })
        .catch(() => null)) ?? '';
    throw new BrowserHarnessError(
      `uploading ${zipPath} did not install: ${screen.replace(/\s+/g, ' ').trim().slice(0, 500) || outcomeText}`,
    );
  }
  if (options.activate === false) return;
  await page.getByRole('link', { name: 'Activate Plugin' }).click();
  await page.waitForURL('**/wp-admin/plugins.php**');
  await page.locator('#message, .notice-success').first().waitFor({ state: 'visible' });
}

/**
 * Opens the chat on a store page. The launcher comes after the page's load event, and a panel
 * left open on the last page reopens by itself then: wait for it, and click only when closed.
 */
export async function openChat(page: Page): Promise<void> {
  const launcher = page.locator('.aisle-launcher');
  await launcher.waitFor();
  if ((await launcher.getAttribute('aria-expanded')) !== 'true') await launcher.click();
  await page.locator('.aisle-composer__input').waitFor();
}

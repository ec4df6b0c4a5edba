/**
 * wp-admin steps that work in any admin language: they find things by WordPress's own
 * ids, classes and URLs rather than by English words, so the Hebrew (RTL) admin is driven
 * the same way an English one is.
 */
import type { Page } from 'playwright-core';
import { BrowserHarnessError } from '../../helpers/browser';
import type { WordPressSite } from '../../helpers/wordpress';

const row = (page: Page, pluginFile: string) => page.locator(`tr[data-plugin="${pluginFile}"]`);

async function wrapText(page: Page): Promise<string> {
  const text = await page
    .locator('.wrap')
    .first()
    .textContent({ timeout: 1000 })
    .catch(() => null);
  return (text ?? '').replace(/\s+/g, ' ').trim().slice(0, 600);
}

/** Plugins → Add New → Upload Plugin → Install Now → Activate, by ids and URLs only. */
export async function uploadAndActivate(
  page: Page,
  wp: Pick<WordPressSite, 'url'>,
  zipPath: string,
  pluginFile: string,
): Promise<void> {
  await page.goto(`${wp.url}/wp-admin/plugin-install.php`);
  await page.locator('.upload-view-toggle').click();
  await page.locator('#pluginzip').setInputFiles(zipPath);
  await page.locator('#install-plugin-submit').click();
  // The result screen offers "Activate Plugin" as a link to plugins.php?action=activate&plugin=…
  const activate = page.locator(`.wrap a[href*="action=activate"][href*="${encodeURIComponent(pluginFile)}"]`);
  await activate.waitFor({ state: 'visible' }).catch(async () => {
    throw new BrowserHarnessError(`uploading ${zipPath} did not offer activation: ${await wrapText(page)}`);
  });
  await activate.click();
  await page.waitForURL('**/wp-admin/plugins.php**');
  await row(page, pluginFile).and(page.locator('.active')).waitFor({ state: 'visible' });
}

/** The Deactivate link in the plugin's row. */
export async function deactivate(page: Page, wp: Pick<WordPressSite, 'url'>, pluginFile: string): Promise<void> {
  await page.goto(`${wp.url}/wp-admin/plugins.php`);
  await row(page, pluginFile).locator('span.deactivate a').click();
  await page.waitForURL('**/wp-admin/plugins.php**');
  await row(page, pluginFile).and(page.locator('.inactive')).waitFor({ state: 'visible' });
}

/**
 * The Delete link, then WordPress's confirmation: either the JavaScript confirm() and an
 * admin-ajax delete, or (when the Plugins screen's script did not take the click) the
 * "Delete plugin" screen and its "Yes, delete" button. Both run uninstall.php. Resolves
 * when the Plugins screen no longer lists the plugin.
 */
export async function deletePlugin(page: Page, wp: Pick<WordPressSite, 'url'>, pluginFile: string): Promise<void> {
  await page.goto(`${wp.url}/wp-admin/plugins.php`, { waitUntil: 'networkidle' });
  page.once('dialog', (dialog) => void dialog.accept());
  await row(page, pluginFile).locator('span.delete a').click();
  const ajaxDone = page.locator('tr.plugin-deleted-tr');
  const confirmScreen = page.locator('form:has(input[name="verify-delete"]) #submit');
  await ajaxDone.or(confirmScreen).first().waitFor({ state: 'visible' });
  if (await confirmScreen.isVisible()) {
    await Promise.all([page.waitForURL(/plugins\.php\?deleted=/), confirmScreen.click()]);
  }
  await page.goto(`${wp.url}/wp-admin/plugins.php`);
  if ((await row(page, pluginFile).count()) !== 0) {
    const error = await page
      .locator('.notice-error')
      .first()
      .textContent({ timeout: 500 })
      .catch(() => null);
    throw new BrowserHarnessError(`deleting ${pluginFile} did not finish: ${error ?? (await wrapText(page))}`);
  }
}

/**
 * The plugin's settings and life cycle on a connected store (after the journey): bad input gets
 * an inline error and keeps the old value; deactivating revokes the read-only WooCommerce key;
 * deleting removes the plugin's option, its transients and its folder, and the proxy forgets the store.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { deactivate, deletePlugin } from '../plugin/wp-admin';
import { PLUGIN_FILE, type JourneyState } from './journey';

export function pluginLifecycle(state: () => JourneyState): void {
  const apiKeys = async () => Number((await state().wp.sql('SELECT COUNT(*) FROM wp_woocommerce_api_keys')).trim());

  test('bad input on the settings screen gets an inline error and keeps the old value', async () => {
    const { browser, step, settingsUrl, proxy, say, option } = state();
    const page = browser.page;
    await step('bad-url', async () => {
      await page.goto(settingsUrl);
      await page.locator('#aisle-proxy_url').fill('ftp://aisle.example.com');
      await Promise.all([page.waitForURL(/settings-updated=true/), page.locator('#submit').click()]);
    });
    const urlError = await say(
      'The proxy URL must be a web address such as https://aisle.example.com, without ?query or #fragment.',
    );
    await expect(page.locator('#setting-error-aisle-proxy_url').first().textContent()).resolves.toContain(urlError);
    await expect(page.locator('.settings-error').count()).resolves.toBe(1);
    expect(await page.locator('#aisle-proxy_url').inputValue()).toBe(proxy.url);
    expect(await option('proxy_url')).toBe(proxy.url);
    // The rest was saved as it was: still connected, the key still there.
    expect(Number(await option('connected_at'))).toBeGreaterThan(0);
    expect(await apiKeys()).toBe(1);
  });

  test('deactivating revokes the WooCommerce key; deleting removes the option, the transients and the folder, and the proxy forgets the store', async () => {
    const { wp, browser, step, proxy, siteId, secret, option } = state();
    const page = browser.page;
    await wp.php("set_transient('aisle_e2e_leftover', 'x', HOUR_IN_SECONDS);");
    const countTransients = () =>
      wp.sql(
        "SELECT COUNT(*) FROM wp_options WHERE option_name LIKE '\\_transient\\_aisle\\_%' OR option_name LIKE '\\_transient\\_timeout\\_aisle\\_%'",
      );
    expect(Number(await countTransients())).toBeGreaterThan(0);
    expect(await apiKeys()).toBe(1);
    expect(await proxy.aisle.store.get(`aisle:tenant:${siteId}`)).not.toBeNull();

    await step('deactivate', () => deactivate(page, wp, PLUGIN_FILE));
    expect(await wp.php(`echo json_encode(is_plugin_active('${PLUGIN_FILE}'));`)).toBe('false');
    // The key no longer opens the store: revoked in WooCommerce itself.
    expect(await apiKeys()).toBe(0);
    // Deactivating keeps the settings for a re-activation.
    expect(await option('connection_secret')).toBe(secret);

    await step('delete', () => deletePlugin(page, wp, PLUGIN_FILE));
    expect(await wp.php("var_export(get_option('aisle_settings', 'gone'));")).toBe("'gone'");
    expect(Number(await countTransients())).toBe(0);
    expect(existsSync(path.join(wp.pluginsPath, 'aisle'))).toBe(false);
    expect(await proxy.aisle.store.get(`aisle:tenant:${siteId}`)).toBeNull();
    // WooCommerce itself stays as it was.
    expect(await wp.php("echo json_encode(is_plugin_active('woocommerce/woocommerce.php'));")).toBe('true');
  });
}

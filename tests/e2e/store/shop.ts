/**
 * What differs between the block theme (Twenty Twenty-Five: WooCommerce blocks, the Interactivity
 * API mini-cart, the Store API checkout) and the classic theme (Twenty Twenty-One: PHP templates,
 * the cart widget refreshed through cart fragments, the shortcode checkout), in one place.
 */
import type { Locator, Page } from 'playwright-core';

export type Theme = 'block' | 'classic';

/** The mini-cart the theme shows on every page. */
export function miniCart(page: Page, theme: Theme): Locator {
  return theme === 'block' ? page.locator('.wc-block-mini-cart').first() : page.locator('.widget_shopping_cart_content').first();
}

/** Resolves when the theme's mini-cart says it holds `count` items (block badge) or lists `name` (classic widget). */
export async function waitForMiniCart(page: Page, theme: Theme, count: number, name: string): Promise<void> {
  if (theme === 'block') {
    await page.waitForFunction(
      (expected) => document.querySelector('.wc-block-mini-cart__badge')?.textContent?.trim() === String(expected),
      count,
      { timeout: 15_000 },
    );
  } else {
    await page.locator('.widget_shopping_cart_content', { hasText: name }).first().waitFor({ timeout: 15_000 });
  }
}

/** The cart page's list of items. */
export function cartItems(page: Page, theme: Theme): Locator {
  return theme === 'block' ? page.locator('.wc-block-cart-items').first() : page.locator('form.woocommerce-cart-form').first();
}

export interface Buyer {
  email: string;
  firstName: string;
  lastName: string;
  address: string;
  city: string;
  postcode: string;
  phone: string;
}

/** Fills the checkout as a guest, chooses cash on delivery, places the order; resolves with the order ID. */
export async function checkOut(page: Page, theme: Theme, checkoutUrl: string, buyer: Buyer): Promise<number> {
  await page.goto(checkoutUrl);
  if (theme === 'block') {
    await page.locator('.wp-block-woocommerce-checkout').first().waitFor();
    // The form is usable once the order summary has loaded the cart.
    await page.locator('.wc-block-components-order-summary-item').first().waitFor();
    await page.locator('#email').fill(buyer.email);
    await page.locator('#billing-first_name').fill(buyer.firstName);
    await page.locator('#billing-last_name').fill(buyer.lastName);
    await page.locator('#billing-address_1').fill(buyer.address);
    await page.locator('#billing-city').fill(buyer.city);
    await page.locator('#billing-postcode').fill(buyer.postcode);
    await page.locator('#billing-phone').fill(buyer.phone);
    const cod = page.locator('#radio-control-wc-payment-method-options-cod');
    if (await cod.isVisible()) await cod.check();
    await Promise.all([
      page.waitForURL(/order-received/, { timeout: 30_000 }),
      page.locator('.wc-block-components-checkout-place-order-button').click(),
    ]);
  } else {
    await page.locator('form.checkout').waitFor();
    await page.locator('#billing_first_name').fill(buyer.firstName);
    await page.locator('#billing_last_name').fill(buyer.lastName);
    await page.locator('#billing_address_1').fill(buyer.address);
    await page.locator('#billing_city').fill(buyer.city);
    await page.locator('#billing_postcode').fill(buyer.postcode);
    await page.locator('#billing_phone').fill(buyer.phone);
    await page.locator('#billing_email').fill(buyer.email);
    // The payment methods load by AJAX (update_order_review); with one method its radio is hidden.
    await page.locator('#payment_method_cod').waitFor({ state: 'attached' });
    const cod = page.locator('#payment_method_cod');
    if (await cod.isVisible()) await cod.check();
    await page
      .locator('.blockUI')
      .first()
      .waitFor({ state: 'detached' })
      .catch(() => undefined);
    await Promise.all([page.waitForURL(/order-received/, { timeout: 30_000 }), page.locator('#place_order').click()]);
  }
  const id = Number(/order-received\/(\d+)/.exec(page.url())?.[1]);
  if (!Number.isInteger(id) || id <= 0) throw new Error(`no order ID in ${page.url()}`);
  return id;
}

/**
 * Tells the theme's own cart UI (mini-cart, cart page) that the cart changed, so it shows the
 * new items without a reload. What WooCommerce 11 listens to, read from its 11.0.1 build:
 *
 * - Block themes, the mini-cart block: its Interactivity API store `woocommerce`
 *   (`@woocommerce/stores/woocommerce/cart`) refetches the cart (`refreshCartItems`, a GET of
 *   `wc/store/v1/cart`) when `window` receives `wc-blocks_store_sync_required` with
 *   `detail.type === 'from_@wordpress/data'`. The store itself is private (locked), so this
 *   event is the way in.
 * - Blocks on the `wc/store/cart` data store (cart and checkout blocks, the mini-cart's
 *   contents): `useStoreCart` listens for `wc-blocks_added_to_cart` on `document.body` and
 *   calls `invalidateResolutionForStore()` unless `detail.preserveCartData` is set.
 * - Classic themes (cart-fragments.js, cart.js, add-to-cart.js, through jQuery on
 *   `document.body`): `wc_fragment_refresh` reloads the mini-cart fragments; `added_to_cart`
 *   (fragments, cart_hash, $button) updates the classic cart page and themes' side carts.
 *
 * Each is used only where the page has it. Where WooCommerce bridges jQuery's `added_to_cart`
 * to `wc-blocks_added_to_cart` (pages with both), the blocks cart may fetch twice: harmless,
 * and not knowing which listeners a theme has, sending both is what keeps every cart right.
 */

interface JQueryLike {
  (element: Element): { trigger(event: string, args?: unknown[]): unknown };
}

/** What `wc-blocks_store_sync_required` carries for WooCommerce's interactivity cart store to refetch. */
export const STORE_SYNC_DETAIL = { type: 'from_@wordpress/data' } as const;

export function announceCartChange(win: Window, cartHash: string): void {
  const { jQuery } = win as Window & { jQuery?: JQueryLike };
  const body = win.document.body;
  if (typeof jQuery === 'function') {
    const $body = jQuery(body);
    $body.trigger('wc_fragment_refresh');
    // WooCommerce's handlers read (fragments, cart_hash, $button); empty fragments are a no-op.
    $body.trigger('added_to_cart', [{}, cartHash, undefined]);
  }
  body.dispatchEvent(
    new CustomEvent('wc-blocks_added_to_cart', { bubbles: true, cancelable: true, detail: { preserveCartData: false } }),
  );
  win.dispatchEvent(new CustomEvent('wc-blocks_store_sync_required', { detail: { ...STORE_SYNC_DETAIL } }));
}

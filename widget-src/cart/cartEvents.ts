/**
 * Tells the store's own cart UI that the cart changed: classic themes listen for jQuery's
 * `wc_fragment_refresh` / `added_to_cart`, the blocks mini-cart for `wc-blocks_added_to_cart`
 * and the `wc/store/cart` data store. Each is optional: only what the page has is used.
 */

interface JQueryLike {
  (element: Element): { trigger(event: string, args?: unknown[]): unknown };
}

interface CartStoreDispatch {
  invalidateResolutionForStore?: () => void;
}

interface WooWindow {
  jQuery?: JQueryLike;
  wp?: { data?: { dispatch?: (store: string) => CartStoreDispatch | undefined } };
}

export function announceCartChange(win: Window, cartHash: string): void {
  const { jQuery, wp } = win as Window & WooWindow;
  const body = win.document.body;
  if (typeof jQuery === 'function') {
    const $body = jQuery(body);
    $body.trigger('wc_fragment_refresh');
    // WooCommerce's handlers read (fragments, cart_hash, $button); empty fragments are a no-op.
    $body.trigger('added_to_cart', [{}, cartHash, undefined]);
  }
  body.dispatchEvent(new CustomEvent('wc-blocks_added_to_cart', { bubbles: true, cancelable: true }));
  try {
    wp?.data?.dispatch?.('wc/store/cart')?.invalidateResolutionForStore?.();
  } catch {
    // The blocks cart store is absent on classic themes.
  }
}

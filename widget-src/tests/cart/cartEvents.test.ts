import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { announceCartChange } from '../../cart/cartEvents';

type Handler = (event: { type: string }, ...args: unknown[]) => void;

/**
 * A jQuery stand-in with what WooCommerce's classic scripts use: `$(document.body).on(type, fn)`
 * and `.trigger(type, args)`, handlers called as (event, ...args) like jQuery does.
 */
function fakeJQuery() {
  const handlers = new Map<Element, Map<string, Handler[]>>();
  const $ = (element: Element) => ({
    on(types: string, handler: Handler) {
      const byType = handlers.get(element) ?? new Map<string, Handler[]>();
      handlers.set(element, byType);
      for (const type of types.split(' ')) byType.set(type, [...(byType.get(type) ?? []), handler]);
      return this;
    },
    trigger(type: string, args: unknown[] = []) {
      for (const handler of handlers.get(element)?.get(type) ?? []) handler({ type }, ...args);
      return this;
    },
  });
  return $;
}

/** WooCommerce 11's block listeners, as its 11.0.1 build registers them. */
function blockCartListeners() {
  // @woocommerce/stores/woocommerce/cart (the mini-cart block's interactivity store).
  const refreshCartItems = jest.fn();
  const onSync = (event: Event) => {
    if ((event as CustomEvent<{ type: string }>).detail.type === 'from_@wordpress/data') refreshCartItems();
  };
  window.addEventListener('wc-blocks_store_sync_required', onSync);
  // useStoreCart (cart/checkout blocks on the wc/store/cart data store).
  const invalidateResolutionForStore = jest.fn();
  const onAdded = (event: Event) => {
    if (!(event as CustomEvent<{ preserveCartData?: boolean }>).detail?.preserveCartData) invalidateResolutionForStore();
  };
  document.body.addEventListener('wc-blocks_added_to_cart', onAdded);
  return {
    refreshCartItems,
    invalidateResolutionForStore,
    remove() {
      window.removeEventListener('wc-blocks_store_sync_required', onSync);
      document.body.removeEventListener('wc-blocks_added_to_cart', onAdded);
    },
  };
}

const win = window as Window & { jQuery?: unknown };
let cleanups: Array<() => void> = [];
afterEach(() => {
  cleanups.forEach((c) => c());
  cleanups = [];
  delete win.jQuery;
});

describe('announceCartChange', () => {
  it("block theme: the mini-cart's interactivity store refetches and the data-store cart is invalidated, once each", () => {
    const blocks = blockCartListeners();
    cleanups.push(blocks.remove);
    announceCartChange(window, 'hash-1');
    expect(blocks.refreshCartItems).toHaveBeenCalledTimes(1);
    expect(blocks.invalidateResolutionForStore).toHaveBeenCalledTimes(1);
  });

  it('the blocks event bubbles from the body and can be cancelled, as WooCommerce dispatches it', () => {
    const seen: CustomEvent[] = [];
    const listener = (event: Event) => seen.push(event as CustomEvent);
    document.addEventListener('wc-blocks_added_to_cart', listener);
    cleanups.push(() => document.removeEventListener('wc-blocks_added_to_cart', listener));
    announceCartChange(window, 'hash-1');
    expect(seen).toHaveLength(1);
    expect(seen[0]!.target).toBe(document.body);
    expect(seen[0]!.cancelable).toBe(true);
    expect(seen[0]!.detail).toEqual({ preserveCartData: false });
  });

  it('classic theme: cart fragments refresh, then added_to_cart with (fragments, cart hash, no button)', () => {
    const $ = fakeJQuery();
    win.jQuery = $;
    const calls: Array<[string, unknown[]]> = [];
    // cart-fragments.js and cart.js subscribe like this.
    $(document.body).on('wc_fragment_refresh updated_wc_div', (event, ...args) => calls.push([event.type, args]));
    $(document.body).on('added_to_cart removed_from_cart', (event, ...args) => calls.push([event.type, args]));
    announceCartChange(window, '7bed04ac141eda3285e9232a6d481d8a');
    expect(calls).toEqual([
      ['wc_fragment_refresh', []],
      ['added_to_cart', [{}, '7bed04ac141eda3285e9232a6d481d8a', undefined]],
    ]);
  });

  it('a page with neither mechanism is left alone (no error)', () => {
    expect(() => announceCartChange(window, '')).not.toThrow();
  });
});
